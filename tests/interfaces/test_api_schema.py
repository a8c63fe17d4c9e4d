"""Property-based API test: schemathesis generates requests from /openapi.json (valid and
invalid) for every operation; none may get a server error, and every documented answer must
match its schema. Bounded to a few examples per operation so it runs in well under a minute."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error, response_schema_conformance  # noqa: E402

from accord.interfaces.api import ApiSettings, create_app  # noqa: E402

TOKEN = "schemathesis-token-0123456789"
FOLDER = Path(tempfile.mkdtemp(prefix="accord-schemathesis-"))
APP = create_app(str(FOLDER / "s.duckdb"), ApiSettings(token=TOKEN))  # the store opens on the first request
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _store(fixed):
    """Fill the app's store with the fixed documents before the first request; remove it after."""
    fixed.build(FOLDER / "s.duckdb")
    yield
    APP.state.pool.close()
    shutil.rmtree(FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_schema_no_server_error(case):
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.path == "/v1/documents" else None
    case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])
