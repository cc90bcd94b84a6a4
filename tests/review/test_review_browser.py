"""In real headless Chromium (Debian's, driven by Playwright) against `kronika serve
--review`: a person signs in with a name, corrects a quote's speaker and rejects a
place in the fact panel; `kronika reanalyze --force` re-runs the pipeline; after a
reload both corrections still stand, with their author and time shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from live_browser import ARGS, CHROMIUM, serving

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
REVIEWER = "Hanna Reviewer"

if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, nlp):
    """The sample article, analysed by the real pipeline, in a store of its own."""
    from kronika.ingest import Item
    from kronika.pipeline import analyze
    from kronika.store import Store

    text = (ROOT / "examples" / "front-line-report.txt").read_text(encoding="utf-8")
    doc = analyze(Item(name="sample", text=text, published="2024-11-20"), nlp)
    assert doc.quotes and doc.places
    path = tmp_path_factory.mktemp("review-browser") / "review.db"
    with Store(path) as store:
        store.save(doc)
    return str(path), doc


@pytest.fixture(scope="module")
def server(analysed):
    from kronika.web import create_app

    with serving(create_app(analysed[0], review="local")) as url:
        yield url


@pytest.fixture
def page():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def select_fact(page, key: str) -> None:
    """Open a fact's panel from the keyboard (a place's text is a link to the map)."""
    node = page.locator(f'#text [data-facts~="{key}"]').first
    node.focus()
    node.press("Enter")


def panel_form(page, action: str, target: str):
    return page.locator(f'#panel form.correct-{action}:has(input[name=target][value="{target}"])')


def test_corrections_made_in_the_browser_survive_reanalyze_force(page, server, analysed):
    db, doc = analysed
    machine_speaker = doc.quotes[0].speaker.name if doc.quotes[0].speaker else None
    page.goto(f"{server}/documents/{doc.id}")
    page.get_by_role("link", name="sign in to correct").click()
    page.fill("input[name=name]", REVIEWER)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/documents/{doc.id}")
    assert REVIEWER in page.locator(".reviewer").inner_text()

    select_fact(page, "quotes:0")
    speaker = panel_form(page, "speaker", "quotes/0")
    speaker.locator("input[name=name]").fill("A. Corrected Speaker")
    speaker.locator("input[name=note]").fill("checked against the video")
    speaker.get_by_role("button", name="change speaker").click()
    page.wait_for_url("**#corrected-1")

    place_text = doc.places[0].text
    select_fact(page, "places:0")
    panel_form(page, "reject", "places/0").get_by_role("button", name="reject").click()
    page.wait_for_url("**#corrected-2")
    assert page.locator("section.rejected").inner_text().count(REVIEWER) == 1

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run(
        [sys.executable, "-m", "kronika.cli", "reanalyze", "--force", "--db", db],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "analysed 1" in run.stderr

    page.reload()
    select_fact(page, "quotes:0")
    mark = page.locator("#panel .reviewed-mark").first
    assert "speaker by" in mark.inner_text() and REVIEWER in mark.inner_text()
    assert "checked against the video" in mark.inner_text()
    assert page.locator("#panel time").first.inner_text().startswith("20")
    history = page.locator("table.corrections tbody tr")
    assert history.count() == 2
    for n in range(2):
        row = history.nth(n).inner_text()
        assert REVIEWER in row and "exact" in row
    rejected = page.locator("section.rejected").inner_text()
    assert place_text in rejected and REVIEWER in rejected
    assert (
        page.locator('#text [data-facts~="quotes:0"]')
        .first.get_attribute("class")
        .count("reviewed")
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "review-after-reanalyze.png"), full_page=False)
    assert not page.errors, page.errors

    from kronika.store import Store

    with Store(db) as store:
        reviewed, machine = store.get(doc.id), store.get(doc.id, machine=True)
    assert reviewed.quotes[0].speaker.name == "A. Corrected Speaker"
    assert (
        machine.quotes[0].speaker.name if machine.quotes[0].speaker else None
    ) == machine_speaker
    assert len(reviewed.places) == len(machine.places) - 1
