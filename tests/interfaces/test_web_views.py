"""The dashboard over real stores (opt-in, skipped unless pointed at one):

- ACCORD_DEMO_DB: a store built from examples/ and ../shared/corpus/voa_stories.jsonl
  (`accord ingest examples/ ../shared/corpus/voa_stories.jsonl --db demo.duckdb`): every view
  at 1400x900 is screenshotted to docs/screenshots/demo-*.png (the README shows them), the
  network of 150+ actors shows labels that do not overlap, the page raises no error.
- ACCORD_BENCH_DB: a large store (benchmarks/store_speed.py builds one): the events page shows
  its first rows within 2 s of navigation (printed).
"""

from __future__ import annotations

import os
import time

import pytest
from tests.interfaces.chromium import ARGS, CHROMIUM, SHOTS, browser, sync_api

DEMO = os.environ.get("ACCORD_DEMO_DB")
BENCH = os.environ.get("ACCORD_BENCH_DB")


VIEWS = [("events", "/events"), ("event", "/events?event=__first__"), ("network", "/network"), ("map", "/map"),
         ("country", "/country?code=USA"), ("dyads", "/dyads"), ("actor", "/actors?id=donald_trump")]


def _open(db: str):
    from accord.interfaces.api import ApiSettings, create_app
    from accord.interfaces.api.settings import loopback_hosts

    return create_app(db, ApiSettings(allowed_hosts=loopback_hosts("127.0.0.1"), timeout_s=120))


def overlaps(boxes: list[dict[str, float]]) -> list[tuple[int, int]]:
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[:i])
            if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]]


@pytest.mark.skipif(not DEMO, reason="set ACCORD_DEMO_DB to a store built from examples/ and the VOA corpus")
def test_web_demo_views_screenshots_and_legible_network(browser, fixed):
    seen: list[str] = []
    with fixed.server(_open(str(DEMO))) as srv:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: seen.append(r.url))
        first = None
        for name, path in VIEWS:
            if "__first__" in path:
                path = path.replace("__first__", first)
            page.goto(srv.url + path, wait_until="networkidle")
            page.wait_for_timeout(200)
            if name == "events":
                first = page.locator("#table tbody tr").first.get_attribute("data-id")
            if name == "event":
                page.locator("#detail .event-card").scroll_into_view_if_needed()
            if name == "network":
                nodes = page.evaluate("window.accordNetwork.nodes().length")
                assert nodes >= 150
                boxes = page.evaluate("""window.accordNetwork.nodes('.labelled').map(n =>
                    n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true}))""")
                assert len(boxes) >= 40 and overlaps(boxes) == []
                page.locator("#graph").scroll_into_view_if_needed()
            if name == "map":
                page.locator("#map").scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"demo-{name}.png"))
        context.close()
    assert errors == []
    assert [u for u in seen if not u.startswith(srv.url + "/")] == []


@pytest.mark.skipif(not BENCH, reason="set ACCORD_BENCH_DB to a large store (benchmarks/store_speed.py)")
def test_web_events_first_rows_on_a_large_store(browser, fixed):
    with fixed.server(_open(str(BENCH))) as srv:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(srv.url + "/static/app.css")  # a warm server and browser, as a user's second visit
        timings, charts = [], []
        for _ in range(3):
            start = time.perf_counter()
            page.goto(srv.url + "/events", wait_until="commit")
            page.locator("#table tbody tr").first.wait_for(timeout=30_000)
            timings.append(time.perf_counter() - start)
            page.locator("#chart figure.timeseries").wait_for(timeout=120_000)  # the chart comes after
            charts.append(time.perf_counter() - start)
        total = page.locator("#total").inner_text()
        context.close()
    print(f"\nfirst rows of /events over {BENCH}: {', '.join(f'{t:.2f}' for t in timings)} s ({total}); "
          f"chart: {', '.join(f'{t:.2f}' for t in charts)} s")
    assert min(timings) < 2.0
