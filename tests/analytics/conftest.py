"""The store fixtures and event factory of tests/store, shared with the analytics tests."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_factories import location, pytest_collection_modifyitems, store  # noqa: E402, F401
