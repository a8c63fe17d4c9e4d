"""The API answers the same JSON on PostgreSQL as on DuckDB (needs ACCORD_TEST_PG_URL)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from accord.interfaces.api import ApiSettings, create_app

URLS = [
    "/v1/health", "/v1/events", "/v1/events?actor=donald_trump&since=2024-01-01",
    "/v1/events?dyad=RUSMIL,UKR&quad_class=4", "/v1/events?q=_&min_confidence=0.5", "/v1/events?limit=3&offset=3",
    "/v1/events/ev-strike", "/v1/stories?type=CONSULT", "/v1/documents", "/v1/documents/doc-paris",
    "/v1/actors", "/v1/actors?q=sybiha", "/v1/actors/RUSMIL", "/v1/actors/donald_trump?by=year", "/v1/dyads",
    "/v1/dyads/andrii_sybiha/jean_noel_barrot/series", "/v1/dyads/RUSMIL/UKR/series?by=week&count=reports",
    "/v1/network?since=2025-01-01", "/v1/locations?type=ASSAULT",
]


@pytest.mark.postgres
def test_api_backends_agree(client, pg_fixed_db):
    with TestClient(create_app(pg_fixed_db, ApiSettings())) as pg:
        for url in URLS:
            duck, post = client.get(url).json(), pg.get(url).json()
            if url == "/v1/health":
                duck["store"] = post["store"] = "either"
            assert post == duck, url


@pytest.mark.postgres
@pytest.mark.parametrize("value", ["' OR '1'='1", "x'; DROP TABLE events; --", "\\", "%", "$1"])
def test_api_backends_postgres_takes_injection_as_data(pg_fixed_db, value):
    with TestClient(create_app(pg_fixed_db, ApiSettings())) as pg:
        for name in ("actor", "q", "dyad"):
            found = pg.get("/v1/events", params={name: f"{value},{value}" if name == "dyad" else value})
            assert (found.status_code, found.json()["events"]) == (200, [])
        assert pg.get("/v1/actors", params={"q": value, "source": "store"}).status_code == 200
        assert pg.get(f"/v1/actors/{value}").status_code == 404
        assert pg.get("/v1/health").json()["counts"]["events"] == 9
