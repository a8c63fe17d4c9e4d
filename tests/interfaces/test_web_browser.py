"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)
against uvicorn on 127.0.0.1 over the fixed store: every page, a filter, an event, the code page.
Every request must go to the server; article markup must show as text; screenshots of each page
go to docs/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); CI does",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server(fixed, fixed_db):
    from accord.interfaces.api import ApiSettings, create_app
    from accord.interfaces.api.settings import loopback_hosts

    with fixed.server(create_app(fixed_db, ApiSettings(allowed_hosts=loopback_hosts("127.0.0.1")))) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def requests_seen():
    return []


@pytest.fixture()
def page(browser, server, requests_seen):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    p = context.new_page()
    p.on("request", lambda r: requests_seen.append(r.url))
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.goto_page = lambda path: p.goto(server.url + path, wait_until="networkidle")  # type: ignore[attr-defined]
    yield p
    assert p.evaluate("window.__pwned") is None, "article markup ran as code"
    assert errors == []
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def rows(page, selector: str) -> list[str]:
    return page.locator(f"{selector} tbody tr").all_inner_texts()


def test_web_events_filter_and_open_an_event(page, fixed):
    page.goto_page("/events")
    assert len(rows(page, "#table")) == 9
    assert fixed.script in page.locator("#table").inner_text()
    page.select_option("select[name=type]", "ASSAULT")
    page.click("#filters button[type=submit]")
    sync_api.expect(page.locator("#table tbody tr")).to_have_count(2)
    assert page.locator("#table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.id)") == ["ev-hostile", "ev-strike"]
    assert "type=ASSAULT" in page.url
    page.click('#table tr[data-id="ev-strike"]')
    card = page.locator("#detail .event-card")
    card.wait_for()
    marks = card.locator(".sentence-text mark").evaluate_all("ms => ms.map(m => [m.className, m.textContent])")
    assert marks == [["hl hl-source", "Russian"], ["hl hl-trigger", "attack"], ["hl hl-target", "Zaporizhzhia"],
                     ["hl hl-attributed", "Ukrainian officials"]]
    facts = card.locator("dl.facts").inner_text()
    assert "reported" in facts and "0.61" in facts and "Zaporizhzhia (UKR)" in facts
    assert card.locator("a", has_text="Strike on Zaporizhzhia").get_attribute("href") == \
        "/document?id=doc-strike&event=ev-strike"
    shot(page, "events")


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


def test_web_dyad_chart_and_direction(page):
    page.goto_page("/dyads?a=andrii_sybiha&b=jean_noel_barrot")
    page.locator("#series-table").wait_for()
    assert rows(page, "#series-table") == ["2025-04-01\t1\t0\t0\t0\t1\t1", "2025-05-01\t1\t0\t0\t0\t1\t1"]
    assert page.locator("#chart svg rect").count() == 2
    shot(page, "dyads")
    page.select_option("select[name=direction]", "a_to_b")
    page.click("#filters button[type=submit]")
    sync_api.expect(page.locator("#series-table tbody tr")).to_have_count(1)
    assert "direction=a_to_b" in page.url


def test_web_network_window(page, fixed):
    page.goto_page("/network")
    page.locator("#node-table").wait_for()
    # the default counting rules (asserted+reported, confidence >= 0.3) leave out the hedged and conditional events
    assert len(rows(page, "#node-table")) == 9 and page.locator("#network-svg circle.node").count() == 9
    assert fixed.name in page.locator("#network-svg").text_content()
    fill = page.locator('#network-svg circle[data-id="RUSMIL"]').get_attribute("fill")
    assert fill == "rgb(192,57,43)"  # conflict
    page.fill("input[name=since]", "2025-04-01")
    page.click("#filters button[type=submit]")
    sync_api.expect(page.locator("#node-table tbody tr")).to_have_count(4)
    shot(page, "network")


def test_web_map_places_and_filter(page, fixed):
    page.goto_page("/map")
    page.locator("#place-table").wait_for()
    assert page.locator("#map-svg circle.place").count() == 6
    assert page.locator("#map-svg g.land rect").count() > 3000
    assert fixed.place in page.locator("#place-table").inner_text()
    shot(page, "map")
    page.select_option("select[name=type]", "CONSULT")
    page.click("#filters button[type=submit]")
    sync_api.expect(page.locator("#map-svg circle.place")).to_have_count(3)
    assert [r.split("\t")[0] for r in rows(page, "#place-table")] == ["Kyiv", "Palm Beach", "Paris"]


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
    assert page.locator("#all-events").get_attribute("href") == "/events?actor=andrii_sybiha"
    page.click("#recent tbody tr >> nth=0")
    page.locator("#detail .event-card").wait_for()
    shot(page, "actor")


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


def test_web_no_request_leaves_the_server(server, requests_seen):
    assert requests_seen, "the browser tests above recorded no requests"
    assert [u for u in requests_seen if not u.startswith(server.url + "/")] == []
