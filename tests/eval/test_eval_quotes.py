"""``kronika eval quotes``: PolNeAR-style brat data in, precision, recall, F1 and
speaker accuracy out. The fixture under ``written_polnear`` is written for
these tests in PolNeAR's layout (two annotators' files per article; the first
is used)."""

from __future__ import annotations

from pathlib import Path

from kronika.eval.quotes import (
    Attribution,
    evaluate,
    overlap,
    read_polnear,
    score_article,
    speaker_matches,
    table,
)

WRITTEN = Path(__file__).resolve().parents[1] / "fixtures" / "written_polnear"


def chars(start: int, end: int) -> frozenset[int]:
    return frozenset(range(start, end))


def test_reads_the_first_annotation_file_and_joins_discontinuous_contents():
    articles = list(read_polnear(WRITTEN))
    assert [a.name for a in articles] == [
        "harbour_2016-03-01_ferry-strike",
        "valley_2016-03-02_school-roof",
    ]
    ferry = articles[0]
    assert len(ferry.gold) == 3
    quill = ferry.gold[0]
    # Two fragments, one attribution: the words between are not content.
    assert quill.text.startswith("“We have not been paid") and quill.text.endswith("like that.”")
    assert len(quill.content) < len(quill.text)
    assert quill.direct and quill.source_text == "Marta Quill"
    assert not ferry.gold[1].direct


def test_overlap_is_the_share_of_the_gold_span_covered():
    gold = chars(0, 10)
    assert overlap(gold, chars(0, 10)) == 1.0
    assert overlap(gold, chars(5, 50)) == 0.5  # a longer prediction is not penalised here…
    assert overlap(gold, chars(20, 30)) == 0.0


def test_matching_is_one_to_one_and_counts_per_threshold():
    from collections import Counter

    gold = [Attribution(chars(0, 10), "“a b c d.”"), Attribution(chars(20, 30), "“e f g h.”")]
    # …but one prediction covering both gold quotes matches only one of them.
    pred = [Attribution(chars(0, 30), "“a b c d.” x “e f g h.”")]
    counts: Counter = Counter()
    score_article(counts, gold, pred)
    row = table(counts)
    assert row["direct P @0.3"] == 1.0
    assert row["direct R @0.3"] == 0.5


def test_speaker_matches_by_span_or_by_surname():
    gold = Attribution(chars(0, 5), "“x”", chars(10, 21), "Marta Quill")
    assert speaker_matches(gold, Attribution(chars(0, 5), "“x”", chars(15, 21), "", "Quill"))
    elsewhere = Attribution(chars(0, 5), "“x”", chars(90, 95), "", "Marta Quill")
    assert speaker_matches(gold, elsewhere)
    described = Attribution(chars(0, 5), "“x”", chars(10, 40), "Marta Quill, a deckhand")
    assert speaker_matches(described, elsewhere)
    # A surname ending in s still matches; a possessive is not part of it.
    ending_in_s = Attribution(chars(0, 5), "“x”", chars(10, 15), "Reyes")
    assert speaker_matches(ending_in_s, Attribution(chars(0, 5), "“x”", chars(50, 55), "", "Reyes"))
    possessive = Attribution(chars(0, 5), "“x”", chars(10, 18), "Reyes’s")
    assert speaker_matches(possessive, Attribution(chars(0, 5), "“x”", chars(50, 55), "", "Reyes"))
    pronoun_gold = Attribution(chars(0, 5), "“x”", chars(10, 12), "He")
    assert not speaker_matches(
        pronoun_gold, Attribution(chars(0, 5), "“x”", chars(40, 42), "", "he")
    )


def test_evaluate_on_the_written_fixture(nlp):
    scores = evaluate(WRITTEN)
    kronika = scores.systems["kronika"]
    assert kronika["direct F1 @0.8"] == 1.0
    assert kronika["direct speaker acc @0.3"] == 1.0
    assert kronika["all R @0.3"] == 1.0
    assert any("overlap" in note for note in scores.notes)
    assert "textacy" in scores.systems or any("textacy" in n for n in scores.notes)


def test_evaluate_a_few_dev_articles(eval_dir, nlp):
    scores = evaluate(eval_dir / "quotes" / "polnear" / "dev", limit=3)
    assert scores.title.endswith("3 articles")
    assert 0.0 <= scores.systems["kronika"]["all F1 @0.3"] <= 1.0
