"""Site furniture: the page around the article, found line by line and removed
as recorded repairs, so no fact comes from it and the text as received stays whole."""

import json
from pathlib import Path

import pytest

from kronika.boilerplate import RecurringLines, furniture, mark_recurring
from kronika.ingest import Item
from kronika.repair import repair

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "written_scraped"
BODY = (
    "The regional governor said on Tuesday that two drones struck a fuel depot on the "
    "outskirts of the port, starting a fire that burned for six hours."
)


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",
        "Menu | Search | Sign in",
        "Home › News › World",
        "Share on Facebook",
        "Tweet",
        "ADVERTISEMENT",
        "Listen to this article",
        "5 min read",
        "Comments (12)",
        "Follow us on Telegram for breaking news.",
        "RELATED: Ten things to know about the river crossing",
        "Sign up for our newsletter",
        "We use cookies to improve your experience.",
        "Source: agencies",
        "#Ukraine #frontline #drones",
        "Soldiers near the front line. Photo: AFP",
        "© 2024 Example Media. All rights reserved.",
        "Updated 14:05 GMT, 12 March 2024",
        "Topics: Ukraine, Drones",
        "Support independent journalism from Ukraine.",
    ],
)
def test_a_furniture_line_between_paragraphs_is_found(line):
    text = f"A headline about the front\n\n{BODY}\n\n{line}\n\n{BODY}"
    (found,) = furniture(text)
    assert text[found.start : found.end] == line


@pytest.mark.parametrize(
    "line",
    [
        "By Olena Marchenko",
        "What happens next",
        '"We heard two explosions," a resident said.',
        "Sign-up queues for the army grew longer in the spring, recruiters said, as the "
        "new law came into force and men rushed to update their details online.",
        "Share prices fell in Moscow after the announcement.",
        "Photo evidence from the scene was sent to prosecutors, who opened a case.",
    ],
)
def test_article_lines_that_look_a_little_like_furniture_stay(line):
    text = f"A headline about the front\n\n{BODY}\n\n{line}\n\n{BODY}"
    assert furniture(text) == []


def test_a_caption_repeated_inline_is_cut_out_of_its_paragraph():
    caption = "Soldiers near the front line. Photo: AFP"
    text = f"Headline\n\n{caption} {caption} The fire was out by morning, he added.\n\n{BODY}"
    fixed = repair(text)
    assert "The fire was out by morning, he added." in fixed.text
    assert "Photo" not in fixed.text
    (cut,) = [r for r in fixed.repairs if r.kind == "boilerplate"]
    assert text[cut.start : cut.end] == cut.before


def test_short_lines_between_furniture_go_but_a_short_headline_stays():
    text = f"Kharkiv Substation Hit Again\nShare | Tweet\nEurope\nShare on Facebook\n{BODY}"
    kinds = {text[f.start : f.end]: f.kind for f in furniture(text)}
    assert kinds == {
        "Share | Tweet": "share",
        "Europe": "section",
        "Share on Facebook": "share",
    }


def test_headlines_listed_under_a_related_label_are_links():
    text = f"Headline\n\n{BODY}\n\nRelated stories\nHow volunteers feed the front\nThe long winter ahead"
    assert [f.kind for f in furniture(text)] == ["section", "link_list", "link_list"]


def test_a_line_recurring_across_a_source_is_its_furniture():
    footer = "Kyiv Evening Wire - independent news since 1998"
    items = [
        Item(name=str(i), text=f"Headline {i}\n\n{BODY} {i}\n\n{footer}", source="wire")
        for i in range(5)
    ]
    for item in mark_recurring(items):
        fixed = repair(item.text, recurring=item.extra["recurring"], source=item.source)
        assert footer not in fixed.text
        assert BODY in fixed.text
    # The same line from another source is not that source's furniture.
    other = RecurringLines()
    other.add(items[0].text, "another")
    assert other.recurring(items[0].text, "another") == frozenset()


def test_prose_is_never_recurring_furniture():
    items = [Item(name=str(i), text=f"Headline {i}\n\n{BODY}", source="wire") for i in range(5)]
    for item in mark_recurring(items):
        assert BODY in repair(item.text, recurring=item.extra["recurring"]).text


def test_other_scripts_and_right_to_left_text_are_left_alone():
    text = (
        "Новини\n\nВійська відійшли з села після тижня боїв, повідомив штаб.\n\n"
        "قصف\n\nقال مسؤولون إن القصف استمر طوال الليل في المدينة.\n\nחדשות\n\n"
        "Share on Facebook"
    )
    fixed = repair(text)
    for line in ("Новини", "قصف", "חדשות", "قال مسؤولون إن القصف استمر طوال الليل في المدينة."):
        assert line in fixed.text
    assert "Share on Facebook" not in fixed.text


def _gold():
    return [json.loads(line) for line in (FIXTURES / "gold.jsonl").read_text().splitlines()]


def test_the_written_gold_set_is_large_and_varied():
    gold = _gold()
    assert len(gold) >= 40
    assert len({f["kind"] for g in gold for f in g["furniture"]}) >= 20
    assert {g["split"] for g in gold} == {"dev", "heldout"}


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_line_level_precision_and_recall_on_the_written_gold_set(split):
    from kronika.eval.boilerplate import evaluate

    scores = evaluate(FIXTURES).systems[f"kronika {split}"]
    assert scores["precision"] >= 0.98
    assert scores["recall"] >= 0.90


def test_no_fact_comes_from_furniture(nlp):
    from kronika.pipeline import analyze_many

    gold = _gold()
    items = [Item(name=g["id"], text=(FIXTURES / f"{g['id']}.txt").read_text()) for g in gold]
    for g, doc in zip(gold, analyze_many(items, nlp), strict=True):
        spans = [(f["start"], f["end"]) for f in g["furniture"]]
        facts = [m for e in doc.entities for m in e.mentions]
        facts += doc.quotes + doc.places + doc.times + doc.claims + doc.events
        assert facts, g["id"]
        for fact in facts:
            assert not any(fact.start < e and s < fact.end for s, e in spans), (g["id"], fact)
        assert doc.title is None or all(doc.title not in doc.text[s:e] for s, e in spans)
