"""``kronika eval speakers``: is a quote's speaker the person the text names?

The span metric of ``kronika eval quotes`` calls "said their Polish
instructor, who goes by the call sign Lynx" right when the speaker span is
"Polish". Named-speaker accuracy calls it right only when the speaker is the
entity of Lynx. The gold files hold ids and offsets only; the written
fixtures under ``written_speakers`` are articles written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from kronika.eval.speakers import (
    GOLD,
    HOWS,
    SPLITS,
    Article,
    GoldQuote,
    Tally,
    _from_quote,
    evaluate,
    match,
    read_articles,
)
from kronika.records import Entity, Mention, Quote, Speaker

WRITTEN = Path(__file__).resolve().parents[1] / "fixtures" / "written_speakers"

TEXT = (
    "“We train them in three weeks,” said their Polish instructor, who goes by "
    "the call sign Lynx.\n"
    "“Nobody is allowed to leave,” he said.\n"
    "“The road is open,” said an officer who asked not to be named.\n"
)


def span(word: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(word, after)
    return start, start + len(word)


def entity(id_: str, word: str, type_: str = "PERSON", **kw) -> Entity:
    s, e = span(word)
    return Entity(id_, word, type_, [Mention(s, e, word)], **kw)


def quote_at(text: str, entity_id: str | None, speaker_word: str, after: int = 0) -> Quote:
    s, e = span(text)
    ss, se = span(speaker_word, after)
    return Quote(s, e, text, True, Speaker(speaker_word, entity_id, ss, se))


# PolNeAR would mark the whole phrase as the source: any word of it counts there.
LYNX = GoldQuote(
    *span("“We train them in three weeks,”"),
    "callsign",
    span("Lynx"),
    source=span("their Polish instructor, who goes by the call sign Lynx"),
)
LYNX_AGAIN = GoldQuote(
    *span("“Nobody is allowed to leave,”"), "pronoun", span("Lynx"), source=span("he said")
)
OFFICER = GoldQuote(
    *span("“The road is open,”"),
    "anonymous",
    span("an officer who asked not to be named"),
    anonymous=True,
)

ENTITIES = {
    "lynx": entity("lynx", "Lynx", callsigns=["Lynx"]),
    "polish": entity("polish", "Polish", "NORP"),
    "officer": entity("officer", "an officer who asked not to be named", anonymous=True),
}


def judged(gold: GoldQuote, quote: Quote) -> bool:
    return _from_quote(quote, ENTITIES, TEXT).judge(gold)


def test_the_named_person_is_right():
    assert judged(LYNX, quote_at("“We train them in three weeks,”", "lynx", "Lynx"))


def test_a_descriptor_word_next_to_the_quote_is_wrong():
    # The old span metric would accept "Polish": it overlaps the gold source.
    assert not judged(LYNX, quote_at("“We train them in three weeks,”", "polish", "Polish"))


def test_a_pronoun_is_right_only_when_resolved_to_the_person():
    resolved = quote_at("“Nobody is allowed to leave,”", "lynx", "he", after=100)
    unresolved = quote_at("“Nobody is allowed to leave,”", None, "he", after=100)
    assert judged(LYNX_AGAIN, resolved)
    assert not judged(LYNX_AGAIN, unresolved)


def test_an_unnamed_source_is_right_only_as_an_anonymous_entity():
    anonymous = quote_at("“The road is open,”", "officer", "an officer")
    stray_word = quote_at("“The road is open,”", None, "officer")
    assert judged(OFFICER, anonymous)
    assert not judged(OFFICER, stray_word)


def test_a_name_that_folds_to_the_gold_name_is_right_without_a_shared_mention():
    # Another mention of the same man, spelled with a diacritic elsewhere.
    folded = {"lynx": Entity("lynx", "Lýnx", "PERSON", [Mention(0, 1)])}
    found = _from_quote(quote_at("“We train them in three weeks,”", "lynx", "Lynx"), folded, TEXT)
    assert found.judge(LYNX)


def test_tally_reports_coverage_accuracy_and_the_old_span_metric_per_how():
    article = Article("tiny", TEXT, "dev", [LYNX, LYNX_AGAIN, OFFICER])
    quotes = [
        quote_at("“We train them in three weeks,”", "polish", "Polish"),
        quote_at("“Nobody is allowed to leave,”", "lynx", "he", after=100),
    ]
    tally = Tally()
    tally.add(article, [_from_quote(q, ENTITIES, TEXT) for q in quotes])
    row = tally.row()
    assert row["all: gold quotes"] == 3
    assert row["all: coverage"] == 2 / 3  # the officer's quote was not found
    assert row["all: named-speaker acc"] == 1 / 2  # "Polish" is wrong, "he" → Lynx right
    assert row["how callsign: span speaker acc"] == 1.0  # …but the span metric says right


def test_one_prediction_may_cover_both_halves_of_a_quote():
    text = "“First half,” he said. “Second half.”"
    first = GoldQuote(0, 13, "name", (14, 16))
    second = GoldQuote(23, len(text), "name", (14, 16))
    whole = _from_quote(Quote(0, len(text), text, True), {}, text)
    assert [f is whole for _, f in match([first, second], [whole])] == [True, True]


def test_the_gold_set_is_picked_by_what_the_path_is(tmp_path):
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text").mkdir()
    assert read_articles(tmp_path)[0] == "polnear"
    assert read_articles(WRITTEN)[0] == "written"
    csv = tmp_path / "news.csv"
    csv.write_text("published,headlines,articles,journal\n", encoding="utf-8")
    assert read_articles(csv) == ("news", [])


def test_gold_files_hold_offsets_and_labels_only():
    for path in GOLD.values():
        for line in path.read_text("utf-8").splitlines():
            entry = json.loads(line)
            assert set(entry) <= {"file", "row", "id", "split", "quotes"}
            assert entry["split"] in SPLITS
            for q in entry["quotes"]:
                assert set(q) <= {"start", "end", "how", "speaker", "source", "anonymous"}
                assert q["how"] in HOWS and q["start"] < q["end"]
                assert q["speaker"][0] < q["speaker"][1]


def test_news_gold_has_dev_then_twenty_held_out_then_twenty_fresh():
    # "fresh" was annotated last, after the speaker rules were frozen: scored once.
    entries = [json.loads(line) for line in GOLD["news"].read_text("utf-8").splitlines()]
    assert len(entries) >= 80 and len({e["id"] for e in entries}) == len(entries)
    assert len({e["row"] for e in entries}) == len(entries)
    splits = [e["split"] for e in entries]
    assert splits == sorted(splits, key=SPLITS.index)
    assert splits.count("heldout") == 20 and splits.count("fresh") == 20
    assert all(len(e["quotes"]) >= 3 for e in entries if e["split"] == "fresh")


def test_tally_reports_every_split_in_order():
    tally = Tally()
    for split in ("fresh", "dev", "heldout"):
        tally.add(Article(split, TEXT, split, [OFFICER]), [])
    assert [k for k in tally.row() if k.endswith(": gold quotes")][:4] == [
        "all: gold quotes",
        "split dev: gold quotes",
        "split heldout: gold quotes",
        "split fresh: gold quotes",
    ]


def test_written_fixtures_run_through_the_pipeline():
    scores = evaluate(WRITTEN)
    kronika = scores.systems["kronika"]
    assert kronika["all: gold quotes"] == 36
    assert 0.0 < kronika["all: coverage"] <= 1.0
    assert 0.0 <= kronika["all: named-speaker acc"] <= 1.0
    assert "how callsign: named-speaker acc" in kronika


def test_news_gold_resolves_against_the_csv(eval_dir):
    kind, articles = read_articles(eval_dir / "news" / "russia-ukraine-2022.csv")
    assert kind == "news" and len(articles) >= 60
    for article in articles:
        for q in article.quotes:
            assert article.text[q.start] == "“"
            # A quote ends at its closing mark, or at its paragraph's end when
            # the next paragraph opens again (one gold quote per paragraph).
            if article.split == "fresh":
                assert article.text[q.end - 1] in '”"' or article.text[q.end : q.end + 1] in "\n"
