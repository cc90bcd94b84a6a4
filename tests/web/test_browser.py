"""End to end in real headless Chromium (Debian's, driven by Playwright), against a
uvicorn server on 127.0.0.1: open the seed's document, follow a quote to its speaker,
see places on the map, search for a phrase; nothing from a hostile article runs.
Screenshots of the main pages go to test-output/screenshots/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from live_browser import ARGS, CHROMIUM, serving

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)


@pytest.fixture(scope="module")
def browser_db(web_db, tmp_path_factory, request, front_line) -> tuple[str, str | None]:
    """A copy of the web tests' store with the front-line report, plus the seed article
    analysed (when ../shared is here)."""
    from kronika.store import Store

    path = tmp_path_factory.mktemp("browser") / "browser.db"
    shutil.copy(web_db, path)
    with Store(path) as store:
        store.save(front_line)
    seed_id = None
    try:
        seed = request.getfixturevalue("seed_doc")
    except pytest.skip.Exception:
        seed = None
    if seed is not None:
        with Store(path) as store:
            store.save(seed)
        seed_id = seed.id
    return str(path), seed_id


@pytest.fixture(scope="module")
def server(browser_db):
    """uvicorn serving the app on a free port of 127.0.0.1, in a thread."""
    from kronika.web import create_app

    with serving(create_app(browser_db[0])) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records dialogs (alert/confirm), script errors and CSP reports."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs, page.errors, page.console_errors = [], [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.set_default_timeout(15_000)
    yield page
    context.close()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_the_seed_document_opens_with_its_facts_highlighted(page, server, browser_db):
    seed_id = browser_db[1]
    if seed_id is None:
        pytest.skip("the seed article is not here (../shared/seed); nothing to open")
    page.goto(f"{server}/documents/{seed_id}")
    assert page.locator("#text .fact").count() > 0
    page.locator("#text .fact:not(:has(a))").first.click()
    assert page.locator("#panel pre").first.inner_text().startswith("{")
    shoot(page, "document-seed")
    assert not page.errors and not page.dialogs


def test_clicking_a_seed_quote_lands_on_its_speakers_page(page, server, browser_db):
    seed_id = browser_db[1]
    if seed_id is None:
        pytest.skip("the seed article is not here (../shared/seed)")
    page.goto(f"{server}/documents/{seed_id}")
    quotes = page.locator("#text .quote:not(.speaker-none)")
    if quotes.count() == 0:
        pytest.skip("the seed's record has no attributed quotes yet (quotes component)")
    follow_a_quote_to_its_speaker(page, quotes.first)


def test_clicking_a_quote_lands_on_its_speakers_page(page, server):
    page.goto(f"{server}/documents/handmade00000001")
    follow_a_quote_to_its_speaker(page, page.locator("#text .quote").first)
    assert page.locator("h1").inner_text() == "Olena Marchuk"
    assert "The bridge at Izium was destroyed" in page.content()


def follow_a_quote_to_its_speaker(page, quote) -> None:
    quote.click()
    link = page.locator("#panel a.fact-link", has_text="all quotes").first
    speaker = link.inner_text().split(": all quotes")[0]
    link.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text() == speaker
    assert page.locator("ul.quotes li").count() >= 1


def wait_for_map_status(page):
    # Not page.wait_for_function: when its predicate is false at first, Playwright
    # polls it with eval() inside the page, which the app's CSP rightly refuses.
    page.locator("#map-status").filter(has_text=re.compile(r"\S")).wait_for(state="attached")


def test_places_show_as_clustered_markers_on_the_offline_map(page, server, browser_db):
    page.goto(f"{server}/map")
    page.wait_for_selector(".leaflet-marker-icon")
    wait_for_map_status(page)
    # The basemap and the markers are fetched independently; either may land first.
    page.locator("path.leaflet-interactive").nth(100).wait_for(state="attached")
    page.locator("#map[data-settled]").wait_for(state="attached")
    assert "2 place mention(s)" in page.locator("#map-status").inner_text() or (
        page.locator("#map-status").inner_text().split()[0] != "0"
    )
    shoot(page, "map")
    assert not page.errors, page.errors
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_the_seeds_located_places_are_on_the_map(page, server, browser_db):
    import json
    import urllib.request

    seed_id = browser_db[1]
    if seed_id is None:
        pytest.skip("the seed article is not here (../shared/seed)")
    with urllib.request.urlopen(f"{server}/api/documents/{seed_id}") as response:
        record = json.load(response)
    located = [p for p in record["places"] if p.get("lat") is not None]
    if not located:
        pytest.skip("the seed's record has no located places yet (places component)")
    page.goto(f"{server}/map")
    page.wait_for_selector(".leaflet-marker-icon")
    wait_for_map_status(page)
    shown = int(page.locator("#map-status").inner_text().split()[0])
    assert shown >= len(located)


def test_a_documents_map_shows_only_its_places_at_their_own_level(page, server):
    page.goto(f"{server}/map?doc=frontline0000001")
    wait_for_map_status(page)
    page.locator("path.leaflet-interactive").nth(100).wait_for(state="attached")
    page.locator("#map[data-settled]").wait_for(state="attached")
    status = page.locator("#map-status").inner_text()
    assert status.startswith("2 place mention(s) and 1 located event(s)"), status
    # one marker per place of this document, none of the archive's other places
    assert page.locator(".leaflet-marker-icon").count() == 2
    labels = page.locator(".leaflet-tooltip.map-label").all_inner_texts()
    assert sorted(labels) == ["Kharkivska Oblast · region or country", "Sumy · town"]
    beside = page.locator("aside.unplaced-side").inner_text()
    assert "Verbova Balka: not in the gazetteer" in beside
    shoot(page, "map-document")
    assert not page.errors, page.errors
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_a_place_in_a_document_links_to_it_on_the_map(page, server):
    page.goto(f"{server}/documents/handmade00000001")
    page.locator("#text .place a").first.click()
    page.wait_for_url("**/map?**")
    page.wait_for_selector(".leaflet-popup-content")
    assert page.locator(".leaflet-popup-content").inner_text() == "Izium"


def test_searching_for_a_phrase(page, server):
    page.goto(server)
    page.fill("input[name=q]", '"pontoon crossing"')
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    titles = page.locator("ol.documents .title").all_inner_texts()
    assert titles == ["Engineers rebuild a pontoon crossing on the Oskil river"]
    assert page.locator("ol.documents mark").count() >= 1
    shoot(page, "search")


def test_a_malformed_search_says_what_is_wrong(page, server):
    page.goto(server)
    page.fill("input[name=q]", '"unclosed')
    page.press("input[name=q]", "Enter")
    assert "bad search query" in page.locator(".error").inner_text()


def test_nothing_from_a_hostile_article_runs(page, server, client, ids):
    for path in (f"/documents/{ids['hostile']}", "/?q=alert", "/", "/entities", "/timeline"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        for fact in page.locator("#text .fact").all()[:20]:
            if fact.is_visible():
                fact.click()
    assert page.dialogs == [], page.dialogs
    assert page.errors == [], page.errors
    page.goto(f"{server}/documents/{ids['hostile']}")
    assert "<script>alert('article')</script>" in page.locator("#text").inner_text()
    shoot(page, "document-hostile")


def test_screenshots_of_the_main_pages(page, server, browser_db):
    for name, path in (
        ("documents", "/"),
        ("document-handmade", "/documents/handmade00000001"),
        ("entity", "/entities/Olena%20Marchuk"),
        ("entities", "/entities"),
        ("timeline", "/timeline"),
        ("add", "/add"),
        ("api", "/api/docs"),
    ):
        page.goto(server + path)
        page.wait_for_load_state("load")
        if name == "document-handmade":
            page.locator("#text .quote").first.click()
        shoot(page, name)
    assert len(list(SCREENSHOTS.glob("*.png"))) >= 7
    assert not page.errors


EVIL_PAGE = """<!doctype html><title>cats</title>
<form id="f" method="post" action="{target}/add" enctype="multipart/form-data">
<input name="published" value="2024-01-01"><input name="csrf_token" value="guess">
<textarea name="text">A fabricated article planted by another site.</textarea></form>
<script>document.getElementById("f").submit()</script>"""


def test_a_form_posted_from_another_site_is_refused(page, server):
    before = page.request.get(f"{server}/api/documents").json()["total"]
    page.route(
        "http://evil.example/**",
        lambda route: route.fulfill(body=EVIL_PAGE.format(target=server), content_type="text/html"),
    )
    with page.expect_response(f"{server}/add") as answer:
        page.goto("http://evil.example/cats.html")
    assert answer.value.status == 403
    assert "refused" in page.locator("body").inner_text()
    assert page.request.get(f"{server}/api/documents").json()["total"] == before


def test_the_add_form_posted_from_its_own_page_is_accepted(page, server):
    page.goto(f"{server}/add")
    page.fill("input[name=published]", "2024-10-02")
    page.fill("input[name=title]", "Browser form test")
    page.fill("textarea[name=text]", "Volunteers in Poltava cleared rubble from a school yard.")
    with page.expect_response(f"{server}/add", timeout=120_000) as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 303, page.content()
    page.wait_for_url("**/documents/**")
    assert "cleared rubble" in page.locator("#text").inner_text()
