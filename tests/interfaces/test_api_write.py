"""POST /v1/code (nothing stored) and POST /v1/documents (bearer token, idempotent, every
document accounted for), with the real coder."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from accord.interfaces.api import ApiSettings, create_app

ISRAEL = "Israeli troops arrested ten Palestinians in Hebron on Friday."
PUTIN = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday."


@pytest.fixture()
def writable(fixed, tmp_path):
    """A TestClient with writing enabled over a fresh copy of the fixed store."""
    db = fixed.build(tmp_path / "w.duckdb")
    with TestClient(create_app(db, ApiSettings(token=fixed.token, max_documents=5))) as c:
        yield c


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_api_code_returns_events_and_stores_nothing(client):
    response = client.post("/v1/code", json={"text": ISRAEL, "published": "2025-02-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["document"]["text"] == ISRAEL and body["document"]["published"] == "2025-02-01"
    (event,) = body["events"]
    assert {k: event[k] for k in ("type", "cameo", "quad_class", "goldstein", "modality", "date", "trigger")} == {
        "type": "COERCE", "cameo": "173", "quad_class": 4, "goldstein": -5.0, "modality": "asserted",
        "date": "2025-01-31", "trigger": {"start": 15, "end": 23, "text": "arrested"}}
    assert [(a["code"], a["start"], a["end"]) for a in event["sources"]] == [("ISRMIL", 0, 14)]
    assert client.get("/v1/health").json()["counts"]["events"] == 9


@pytest.mark.parametrize(("body", "status"), [
    ({"text": ""}, 422),
    ({"text": "x" * 200_001}, 422),
    ({"text": ISRAEL, "published": "2025-13-01"}, 422),
    ({"text": ISRAEL, "published": "0900-01-01"}, 422),
    ({"text": ISRAEL, "min_confidence": 1.5}, 422),
    ({"text": "too short"}, 400),
])
def test_api_code_rejects_bad_bodies(client, body, status):
    assert client.post("/v1/code", json=body).status_code == status


def test_api_documents_disabled_without_token(client):
    response = client.post("/v1/documents", json={"documents": [{"text": ISRAEL}]})
    assert (response.status_code, response.json()) == (403, {
        "error": "forbidden", "detail": "writing is disabled on this server: set ACCORD_API_TOKEN to enable it"})


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-0123456789"},
                                     {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer "}])
def test_api_documents_needs_the_token(writable, headers):
    response = writable.post("/v1/documents", json={"documents": [{"text": ISRAEL}]}, headers=headers)
    assert (response.status_code, response.json()) == (401, {"error": "unauthorized",
                                                             "detail": "a valid bearer token is required"})
    assert response.headers["www-authenticate"] == "Bearer"


def test_api_documents_writes_skips_duplicates_and_rejects(writable, fixed):
    docs = [{"text": ISRAEL, "published": "2025-02-01", "title": "Hebron", "url": "https://example.org/h"},
            {"text": PUTIN, "published": "2024-05-20"},
            {"text": "tiny"},
            {"text": ISRAEL, "published": "2025-02-01", "title": "again", "url": "https://example.org/h"}]
    response = writable.post("/v1/documents", json={"documents": docs}, headers=auth(fixed.token))
    assert response.status_code == 200, response.text
    body = response.json()
    statuses = [(d["index"], d["status"], d["reason"]) for d in body["documents"]]
    assert statuses == [(0, "written", None), (1, "written", None), (2, "rejected", "empty"), (3, "duplicate", None)]
    assert (body["written"], body["duplicates"], body["rejected"]) == (2, 1, 1)
    assert body["events_written"] == sum(d["events"] for d in body["documents"]) >= 2
    counts = writable.get("/v1/health").json()["counts"]
    assert (counts["documents"], counts["events"], counts["rejected"]) == (9, 9 + body["events_written"], 1)
    stored = writable.get(f"/v1/documents/{body['documents'][0]['id']}").json()
    assert (stored["title"], stored["events"][0]["type"]) == ("Hebron", "COERCE")
    again = writable.post("/v1/documents", json={"documents": docs[:2]}, headers=auth(fixed.token)).json()
    assert (again["written"], again["duplicates"], again["events_written"]) == (0, 2, 0)


def test_api_documents_too_many_is_413(writable, fixed):
    docs = [{"text": f"{ISRAEL} Number {i}."} for i in range(6)]
    response = writable.post("/v1/documents", json={"documents": docs}, headers=auth(fixed.token))
    assert (response.status_code, response.json()) == (413, {"error": "too_large",
                                                             "detail": "6 documents in one request; at most 5"})
