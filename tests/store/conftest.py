"""Fixtures for the store tests: `store` and `location` run once on DuckDB, once on PostgreSQL."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_factories import location, pytest_collection_modifyitems, store  # noqa: E402, F401
