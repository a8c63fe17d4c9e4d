"""Hardening: security headers, body limit (413), timeout (504), CORS closed, Host check,
injection strings in every filter, and a valid OpenAPI schema."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from accord.interfaces.api import ApiSettings, create_app
from accord.interfaces.api.middleware import CSP
from accord.interfaces.api.settings import SettingsError, loopback_hosts

INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE events; --", "\" OR \"\"=\"", "1) OR (1=1",
              "' UNION SELECT id, text FROM documents --", "%", "\\", "'||(SELECT version())||'", "$1", "?"]
STRING_FILTERS = ["actor", "q", "dyad"]


@pytest.mark.parametrize("path", ["/v1/health", "/events", "/static/js/common.js", "/v1/events/nope", "/openapi.json"])
def test_api_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP
    assert "script-src 'self';" in CSP and "frame-ancestors 'none'" in CSP and "unsafe-inline" not in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_api_dashboard_pages_have_no_inline_script(client):
    for page in ["events", "dyads", "network", "map", "actors", "code", "document"]:
        html = client.get(f"/{page}").text
        assert html.count("<script") == 1 and f'<script type="module" src="/static/js/{page}.js"></script>' in html
        assert "http://" not in html and "https://" not in html and " on" + "click" not in html


def test_api_cors_closed_by_default(client):
    response = client.get("/v1/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/v1/events", headers={"Origin": "https://evil.example",
                                                      "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_api_cors_open_only_to_listed_origins(fixed_db):
    with TestClient(create_app(fixed_db, ApiSettings(cors_origins=("https://ok.example",)))) as c:
        assert c.get("/v1/health", headers={"Origin": "https://ok.example"}).headers[
            "access-control-allow-origin"] == "https://ok.example"
        assert "access-control-allow-origin" not in c.get("/v1/health", headers={"Origin": "https://evil.example"}).headers


def test_api_body_limit_is_413(fixed_db):
    with TestClient(create_app(fixed_db, ApiSettings(max_body_bytes=2048))) as c:
        big = {"text": "Russia attacked Ukraine. " * 200}
        response = c.post("/v1/code", json=big)
        assert (response.status_code, response.json()["error"]) == (413, "too_large")
        streamed = c.post("/v1/code", content=(b"x" * 1024 for _ in range(4)), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert c.post("/v1/code", json={"text": "Russia attacked Ukraine on Monday."}).status_code == 200


def test_api_timeout_is_504(fixed_db):
    with TestClient(create_app(fixed_db, ApiSettings(timeout_s=0.001))) as c:
        response = c.post("/v1/code", json={"text": "Russian troops shelled Kharkiv on Monday. " * 300})
    assert (response.status_code, response.json()) == (504, {"error": "timeout", "detail": "no answer within 0.001 s"})


def test_api_host_check_refuses_other_hosts(fixed_db):
    app = create_app(fixed_db, ApiSettings(allowed_hosts=loopback_hosts("127.0.0.1")))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/v1/health").status_code == 200
        assert c.get("/v1/health", headers={"Host": "localhost:8000"}).status_code == 200
        assert c.get("/v1/health", headers={"Host": "[::1]:8000"}).status_code == 200
        bad = c.get("/v1/health", headers={"Host": "attacker.example"})
    assert (bad.status_code, bad.json()["error"]) == (400, "bad_host")
    assert loopback_hosts("0.0.0.0") == ("*",)


def test_api_settings_refuse_weak_token():
    with pytest.raises(SettingsError, match="too short"):
        ApiSettings(token="short")


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", STRING_FILTERS)
def test_api_injection_in_string_filters_finds_nothing(client, name, value):
    if name == "dyad":  # two actors; a comma inside one would make three
        value = "{0},{0}".format(value.replace(",", ";"))
    for path in ["/v1/events", "/v1/stories", "/v1/locations"]:
        response = client.get(path, params={name: value})
        assert response.status_code == 200, (path, response.text)
        assert next(iter(response.json().values())) == []
    assert client.get("/v1/health").json()["counts"] == {"documents": 7, "events": 9, "rejected": 0, "stories": 9}


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", ["type", "modality", "quad_class", "min_confidence", "since", "until", "limit",
                                  "offset"])
def test_api_injection_in_typed_filters_is_422(client, name, value):
    assert client.get("/v1/events", params={name: value}).status_code == 422


@pytest.mark.parametrize("value", INJECTIONS)
def test_api_injection_in_paths_and_searches(client, value):
    for path in ["/v1/events/{}", "/v1/stories/{}", "/v1/documents/{}", "/v1/actors/{}"]:
        assert client.get(path.format(value.replace("?", "%3F"))).status_code == 404
    series = client.get("/v1/dyads/{0}/{0}/series".format(value.replace("?", "%3F")))
    assert (series.status_code, series.json()["series"]) == (200, [])
    assert client.get("/v1/actors", params={"q": value, "source": "store"}).status_code == 200
    assert client.get("/v1/health").json()["counts"]["events"] == 9


def test_api_nul_in_filters_is_400(client):
    response = client.get("/v1/events", params={"actor": "a\x00b"})
    assert (response.status_code, response.json()) == (400, {
        "error": "bad_request", "detail": "actor must be text of at most 200 characters without NUL"})


def test_api_openapi_schema_validates(client):
    from openapi_spec_validator import validate

    schema = client.get("/openapi.json").json()
    validate(schema)
    paths = set(schema["paths"])
    assert paths == {"/v1/code", "/v1/health", "/v1/vocab", "/v1/events", "/v1/events/{event_id}", "/v1/stories",
                     "/v1/stories/{story_id}", "/v1/documents", "/v1/documents/{doc_id}", "/v1/actors",
                     "/v1/actors/{actor_id}", "/v1/dyads", "/v1/dyads/{a}/{b}/series", "/v1/network",
                     "/v1/locations", "/v1/top-actors", "/v1/type-mix", "/v1/brief", "/v1/claims"}
    assert schema["components"]["securitySchemes"] == {"HTTPBearer": {
        "type": "http", "scheme": "bearer", "description": "The value of ACCORD_API_TOKEN on the server."}}


def test_api_no_docs_page_that_loads_a_cdn(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_api_settings_from_environment(monkeypatch):
    monkeypatch.setenv("ACCORD_API_TOKEN", "env-token-0123456789")
    monkeypatch.setenv("ACCORD_MAX_BODY_BYTES", "4096")
    monkeypatch.setenv("ACCORD_REQUEST_TIMEOUT", "2.5")
    assert ApiSettings.from_env(timeout_s=9.0) == ApiSettings(token="env-token-0123456789", max_body_bytes=4096,
                                                              timeout_s=9.0)
    monkeypatch.setenv("ACCORD_MAX_BODY_BYTES", "lots")
    with pytest.raises(SettingsError, match="ACCORD_MAX_BODY_BYTES='lots' is not a number"):
        ApiSettings.from_env()


def test_api_serve_binds_loopback_with_writing_off(fixed, tmp_path):
    port = fixed.free_port()
    env = {k: v for k, v in os.environ.items() if k != "ACCORD_API_TOKEN"}
    db = fixed.build(tmp_path / "serve.duckdb")
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "accord", "serve", "--db", db, "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline, health = time.monotonic() + 60, None
        while health is None and time.monotonic() < deadline:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=5).json()
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health["writing"] is False
        assert httpx.get(f"http://127.0.0.1:{port}/v1/health", headers={"Host": "evil.example"}).status_code == 400
        assert "server" not in httpx.get(f"http://127.0.0.1:{port}/events").headers
    finally:
        proc.terminate()
        proc.wait(30)
    said = log.read_text()
    assert f"serving {db} on http://127.0.0.1:{port}" in said and "writing off (set ACCORD_API_TOKEN)" in said
