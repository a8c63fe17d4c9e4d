"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)
against uvicorn on 127.0.0.1 over the fixed store: every page renders with data (screenshots in
docs/screenshots/), every filter changes what is shown, a download returns the rows shown,
article markup shows as text, axe-core finds no serious or critical violation, and every request
goes to the server (the vendored libraries included: no CDN)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from tests.interfaces.chromium import ARGS, CHROMIUM, SHOTS, browser, sync_api

VIEWPORT = {"width": 1400, "height": 900}



@pytest.fixture(scope="module")
def server(fixed, fixed_db):
    from accord.interfaces.api import ApiSettings, create_app
    from accord.interfaces.api.settings import loopback_hosts

    with fixed.server(create_app(fixed_db, ApiSettings(allowed_hosts=loopback_hosts("127.0.0.1")))) as srv:
        yield srv


@pytest.fixture(scope="module")
def requests_seen():
    return []


@pytest.fixture()
def page(browser, server, requests_seen):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    p = context.new_page()
    p.on("request", lambda r: requests_seen.append(r.url))
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.goto_page = lambda path: p.goto(server.url + path, wait_until="networkidle")  # type: ignore[attr-defined]
    yield p
    assert p.evaluate("window.__pwned") is None, "article markup ran as code"
    assert errors == []  # a CSP refusal (inline style, eval) would show here too
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def rows(page, selector: str) -> list[str]:
    return page.locator(f"{selector} tbody tr").all_inner_texts()


def row_ids(page) -> list[str]:
    return page.locator("#table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.id)")


def chart_total(page) -> int:
    return int(page.locator("#chart figure.timeseries").get_attribute("data-total"))


# ----------------------------------------------------------------------------- events and time series
def test_web_events_filter_and_open_an_event(page, fixed):
    page.goto_page("/events")
    assert len(rows(page, "#table")) == 9
    assert page.locator("#total").inner_text().startswith("showing 9 of 9")
    assert fixed.script in page.locator("#table").inner_text()
    assert page.locator("#chart canvas").count() >= 1 and chart_total(page) == 7  # counted: asserted+reported
    assert "asserted+reported" in page.locator("#counted").inner_text()
    page.select_option("select[name=type]", "ASSAULT")
    page.click("#filters button[type=submit]")
    sync_api.expect(page.locator("#table tbody tr")).to_have_count(2)
    assert row_ids(page) == ["ev-hostile", "ev-strike"]
    assert "type=ASSAULT" in page.url
    assert page.locator("#total").inner_text().startswith("showing 2 of 2")
    page.click('#table tr[data-id="ev-strike"]')
    card = page.locator("#detail .event-card")
    card.wait_for()
    marks = card.locator(".sentence-text mark").evaluate_all("ms => ms.map(m => [m.className, m.textContent])")
    assert marks == [["hl hl-source", "Russian"], ["hl hl-trigger", "attack"], ["hl hl-target", "Zaporizhzhia"],
                     ["hl hl-attributed", "Ukrainian officials"]]
    facts = card.locator("dl.facts").inner_text()
    assert "reported" in facts and "0.61" in facts and "Zaporizhzhia (UKR)" in facts
    assert "Rule trace" in facts and card.locator("ol.trace li").count() >= 1
    assert card.locator("a", has_text="Strike on Zaporizhzhia").get_attribute("href") == \
        "/document?id=doc-strike&event=ev-strike"
    page.goto_page("/events")
    shot(page, "events")


def test_web_events_time_axis_granularity_and_sorting(page):
    page.goto_page("/events")
    month = page.locator("#chart figure.timeseries")
    assert month.get_attribute("data-by") == "month"
    assert int(month.get_attribute("data-periods")) == 13  # 2024-11 .. 2025-11, empty months as zeros
    page.select_option("#chart-controls select[name=by]", "year")
    sync_api.expect(page.locator("#chart figure.timeseries")).to_have_attribute("data-by", "year")
    assert page.locator("#chart figure.timeseries").get_attribute("data-periods") == "2"
    assert "by=year" in page.url
    page.select_option("#chart-controls select[name=by]", "week")
    sync_api.expect(page.locator("#chart figure.timeseries")).to_have_attribute("data-by", "week")
    assert int(page.locator("#chart figure.timeseries").get_attribute("data-periods")) > 50
    page.hover("#chart .u-over", position={"x": 5, "y": 40})  # the tooltip under the cursor
    assert "events" in page.locator("#chart .chart-tip").inner_text()
    page.click("#table thead th:nth-child(6) button")  # confidence, ascending
    confidences = [float(r.split("\t")[5]) for r in rows(page, "#table")]
    assert confidences == sorted(confidences) and len(confidences) == 9
    assert page.locator("#table thead th:nth-child(6)").get_attribute("aria-sort") == "ascending"


# Every filter of the shared bar, given in the URL (so a view can be bookmarked), fills the form
# and changes the rows and the chart.
FILTERS = [("since", "2025-04-01", "input"), ("until", "2025-03-31", "input"), ("actor", "andrii_sybiha", "input"),
           ("country", "IRN", "input"), ("type", "CONSULT", "select"), ("quad_class", "4", "select"),
           ("modality", "hedged", "select"), ("min_confidence", "0.7", "input"), ("q", "Paris", "input"),
           ("dyad", "andrii_sybiha,jean_noel_barrot", "input")]


def test_web_every_filter_changes_what_is_shown(page):
    page.goto_page("/events")
    everything = row_ids(page)
    for name, value, tag in FILTERS:
        page.goto_page(f"/events?{name}={value}")
        sync_api.expect(page.locator(f"#filters {tag}[name={name}]")).to_have_value(value)
        shown = row_ids(page)
        assert shown and shown != everything and set(shown) <= set(everything), name
        assert page.locator("#total").inner_text().startswith(f"showing {len(shown)} of {len(shown)}"), name


def test_web_download_returns_the_rows_shown(page, server):
    import pyarrow.parquet as pq

    page.goto_page("/events?type=ASSAULT&since=2025-01-01")
    shown = row_ids(page)
    assert shown == ["ev-hostile", "ev-strike"]
    with page.expect_download() as info:
        page.click("#download-csv")
    data = Path(info.value.path()).read_text(encoding="utf-8")
    assert [r["GLOBALEVENTID"] for r in csv.DictReader(io.StringIO(data))] == shown
    href = page.locator("#download-parquet").get_attribute("href")
    assert href.startswith("/v1/export?format=parquet&") and "type=ASSAULT" in href
    body = page.request.get(server.url + href).body()
    assert pq.read_table(io.BytesIO(body)).column("GLOBALEVENTID").to_pylist() == shown


def test_web_hostile_article_shows_as_text(page, fixed):
    page.goto_page("/events?event=ev-hostile")
    card = page.locator("#detail .event-card")
    card.wait_for()
    assert fixed.script in card.inner_text() and fixed.img in card.inner_text()
    assert fixed.name in card.inner_text()
    assert page.locator("#detail img, #detail script, #detail b").count() == 0
    page.goto_page("/document?id=doc-hostile&event=ev-hostile")
    page.locator("#detail .event-card").wait_for()
    assert page.locator("h1").inner_text() == fixed.title
    assert fixed.script in page.locator("#text").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    assert "javascript:alert(1)" in page.locator("#facts").inner_text()
    assert page.locator("main img, main script, main b").count() == 0
    shot(page, "document")
    for path, text in (("/network", fixed.name), ("/map", fixed.place)):  # markup in names and places
        page.goto_page(path)
        assert page.locator("main img, main script").count() == 0
        assert text in page.locator("main").inner_text()


def test_web_dyad_chart_and_direction(page):
    page.goto_page("/dyads?a=andrii_sybiha&b=jean_noel_barrot")
    page.locator("#series-table").wait_for()
    assert rows(page, "#series-table") == ["2025-04-01\t1\t0\t0\t0\t1\t1", "2025-05-01\t1\t0\t0\t0\t1\t1"]
    assert page.locator("#chart canvas").count() >= 1 and chart_total(page) == 2
    shot(page, "dyads")
    page.select_option("select[name=direction]", "a_to_b")
    page.click("#filters button[type=submit]")
    sync_api.expect(page.locator("#series-table tbody tr")).to_have_count(1)
    assert "direction=a_to_b" in page.url


# ----------------------------------------------------------------------------- network
def graph(page) -> tuple[int, int]:
    g = page.locator("#graph")
    return int(g.get_attribute("data-nodes")), int(g.get_attribute("data-edges"))


def test_web_network_zoom_search_and_filters(page, fixed):
    page.goto_page("/network")
    page.locator("#node-table").wait_for()
    nodes, edges = graph(page)
    assert nodes == len(rows(page, "#node-table")) == page.evaluate("window.accordNetwork.nodes().length") >= 8
    assert fixed.name in page.locator("#node-table").inner_text()
    labelled = page.evaluate("window.accordNetwork.nodes('.labelled').map(n => n.id())")
    assert labelled and "RUSMIL" in page.evaluate("window.accordNetwork.nodes().map(n => n.id())")
    colour = page.evaluate("window.accordNetwork.getElementById('RUSMIL').data('colour')")
    assert colour == "rgb(213,94,0)"  # conflict: Okabe-Ito vermillion
    shot(page, "network")
    zoom = page.evaluate("window.accordNetwork.zoom()")
    page.mouse.move(700, 700)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(200)
    assert page.evaluate("window.accordNetwork.zoom()") != zoom
    page.fill("#view input[name=find]", "Sybiha")
    assert page.evaluate("window.accordNetwork.nodes('.found').map(n => n.id())") == ["andrii_sybiha"]
    assert "find=Sybiha" in page.url
    for name, value in (("kind", "named actor"), ("min_weight", "2"), ("type", "CONSULT"), ("quad_class", "4")):
        page.goto_page(f"/network?{name}={value.replace(' ', '+')}")
        page.locator("#node-table").wait_for()
        assert graph(page) != (nodes, edges), name
    page.goto_page("/network")
    page.fill("input[name=since]", "2025-04-01")
    page.click("#filters button[type=submit]")
    sync_api.expect(page.locator("#graph")).not_to_have_attribute("data-nodes", str(nodes))
    page.evaluate("window.accordNetwork.getElementById('andrii_sybiha').emit('tap')")
    page.wait_for_url("**/actors?id=andrii_sybiha")


# ----------------------------------------------------------------------------- map
def test_web_map_countries_places_and_filter(page, fixed):
    page.goto_page("/map")
    page.locator("#place-table").wait_for()
    assert page.locator("#map-svg path.country").count() > 150
    ukraine = page.locator('#map-svg path.country[data-code="UKR"]')
    assert "has-events" in ukraine.get_attribute("class")
    assert page.locator("#map-svg circle.place").count() == 6
    assert fixed.place in page.locator("#place-table").inner_text()
    shaded = ukraine.get_attribute("fill")
    shot(page, "map")
    page.select_option("select[name=shade]", "goldstein")
    sync_api.expect(ukraine).not_to_have_attribute("fill", shaded)
    assert "shade=goldstein" in page.url
    ukraine.dispatch_event("click")  # lists the counted events of Ukraine, as many as shaded
    sync_api.expect(page.locator("#detail tbody tr")).to_have_count(4)
    assert page.locator("#detail a", has_text="Country page").get_attribute("href") == "/country?code=UKR"
    page.locator('#map-svg circle.place[data-name="Paris"]').dispatch_event("click")
    sync_api.expect(page.locator("#detail h2")).to_have_text("Paris")
    page.select_option("select[name=type]", "CONSULT")
    page.click("#filters button[type=submit]")
    sync_api.expect(page.locator("#map-svg circle.place")).to_have_count(3)
    assert sorted(r.split("\t")[0] for r in rows(page, "#place-table")) == ["Kyiv", "Palm Beach", "Paris"]


# ----------------------------------------------------------------------------- actors and countries
def test_web_actor_search_and_page(page):
    page.goto_page("/actors")
    page.fill("input[name=q]", "sybiha")
    page.click("#search button[type=submit]")
    sync_api.expect(page.locator("#actor-results tbody tr")).to_have_count(1)
    page.click("#actor-results a")
    page.locator("#roles-svg").wait_for()
    assert page.locator("h1").inner_text() == "Andrii Sybiha"
    assert "foreign minister, UKR (2024-09-05 – now)" in page.locator("#roles-svg").text_content()
    assert rows(page, "#codes-table") == ["UKRGOV\tforeign minister\t2025-04-08\t2025-05-12\t2"]
    assert len(rows(page, "#recent")) == 2
    assert page.locator("#facts").inner_text().split("\n")[-1] == "asserted+reported, confidence >= 0.3; 2 stored in all"
    assert page.locator("#series canvas").count() >= 1
    page.select_option("#series select[name=by]", "year")
    sync_api.expect(page.locator("#series figure.timeseries")).to_have_attribute("data-by", "year")
    assert "by=year" in page.url
    assert page.locator("#all-events").get_attribute("href") == "/events?actor=andrii_sybiha"
    page.click("#recent tbody tr >> nth=0")
    page.locator("#detail .event-card").wait_for()
    shot(page, "actor")


def test_web_country_page(page):
    page.goto_page("/country?code=UKR")
    page.locator("#country-actors").wait_for()
    assert page.locator("h1").inner_text() == "Ukraine (UKR)"
    actors = [r.split("\t")[0] for r in rows(page, "#country-actors")]
    assert "Andrii Sybiha" in actors and "Ukraine" in actors
    assert rows(page, "#country-dyads")
    assert page.locator("#chart canvas").count() >= 1 and chart_total(page) == 4
    shot(page, "country")
    page.goto_page("/country?code=UKR&quad_class=1")
    page.locator("#chart figure.timeseries").wait_for()
    assert chart_total(page) < 4


def test_web_code_page_highlights_in_place(page, fixed):
    page.goto_page("/code")
    text = f"Israeli troops arrested ten Palestinians in Hebron on Friday. {fixed.script} {fixed.img}"
    page.fill("textarea[name=text]", text)
    page.fill("input[name=published]", "2025-02-01")
    page.click("#code-form button[type=submit]")
    page.locator("#events tbody tr").first.wait_for(timeout=60_000)
    assert page.locator("#text mark.hl-trigger").all_inner_texts() == ["arrested"]
    assert page.locator("#text mark.hl-source").all_inner_texts() == ["Israeli troops"]
    assert page.locator("#text").inner_text() == text
    page.click("#text mark.hl-trigger")
    card = page.locator("#detail .event-card")
    card.wait_for()
    assert "COERCE" in card.inner_text() and "asserted" in card.inner_text()
    assert page.locator("#text img, #text script").count() == 0
    shot(page, "code")


# ----------------------------------------------------------------------------- accessibility, requests
PAGES = ["/events?event=ev-strike", "/dyads", "/network", "/map", "/country?code=UKR", "/actors?id=andrii_sybiha",
         "/actors", "/document?id=doc-paris", "/code"]


def test_web_axe_finds_no_serious_or_critical_violation(browser, server, requests_seen):
    # axe sets inline styles while it measures colours: its own context lets it (bypass_csp)
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
    page = context.new_page()
    page.on("request", lambda r: requests_seen.append(r.url))
    found = {}
    for path in PAGES:
        page.goto(server.url + path, wait_until="networkidle")
        page.add_script_tag(url="/static/vendor/axe.min.js")
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[path] = bad
    context.close()
    assert found == {}


def test_web_no_request_leaves_the_server(server, requests_seen):
    assert requests_seen, "the browser tests above recorded no requests"
    assert [u for u in requests_seen if not u.startswith(server.url + "/")] == []
    assert any("/static/vendor/" in u for u in requests_seen)
