"""``kronika eval times``: TempEval-3 measures on TimeML and MEANTIME files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika.eval import Scores
from kronika.eval.times import Tally, Timex, evaluate, read_cat, read_tml

WRITTEN = Path(__file__).resolve().parents[1] / "fixtures" / "written_timeml"


def test_inline_timeml_offsets_index_the_text_without_tags():
    doc = read_tml(WRITTEN / "ferry.tml")
    assert doc.dct == "2021-06-09"
    assert "<" not in doc.text and "&amp;" not in doc.text  # tags gone, entities decoded
    tagged = [doc.text[t.start : t.end] for t in doc.timexes]
    assert tagged == ["yesterday", "three months", "1987", "daily", "last March", "this summer"]
    assert [t.value for t in doc.timexes][:2] == ["2021-06-08", "P3M"]


def test_cat_tokens_are_joined_into_sentences():
    doc = read_cat(WRITTEN / "orchard.xml")
    assert doc.text.splitlines()[1] == "September 3, 2019"  # no space before the comma
    assert doc.dct == "2019-09-03"
    assert [doc.text[t.start : t.end] for t in doc.timexes] == [
        "September 3, 2019",
        "Monday",
        "six weeks",
    ]


def test_cat_scores_only_the_annotated_sentences():
    doc = read_cat(WRITTEN / "orchard.xml")
    assert doc.annotated_until is not None
    assert doc.text.index("2018") > doc.annotated_until


def test_tally_follows_tempeval3():
    gold = [Timex(0, 9, "DATE", "2021-06-08"), Timex(20, 32, "DURATION", "P3M")]
    found = [
        Timex(0, 9, "DATE", "2021-06-08"),
        Timex(25, 32, "DURATION", "P2M"),
        Timex(40, 44, "DATE", "1987"),
    ]
    tally = Tally()
    tally.add(gold, found)
    m = tally.metrics()
    assert m["strict extent F1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert m["relaxed extent R"] == 1.0  # the shorter "months" still overlaps
    assert m["type accuracy"] == 1.0
    assert m["value P"] == pytest.approx(1 / 3) and m["value R"] == 0.5


def test_written_files_are_read_perfectly():
    scores = evaluate(WRITTEN)
    assert isinstance(scores, Scores)
    kronika = scores.systems["kronika"]
    assert kronika["gold expressions"] == 9
    assert kronika["relaxed extent F1"] == 1.0
    assert kronika["value F1"] == 1.0
    assert "dateparser" in scores.systems  # the baseline, side by side


@pytest.mark.parametrize("corpus", ["tbaq", "meantime"])
def test_real_corpora(eval_dir, corpus):
    scores = evaluate(eval_dir / "times" / corpus, limit=3, baseline=False)
    kronika = scores.systems["kronika"]
    assert kronika["gold expressions"] > 0
    assert kronika["relaxed extent F1"] > 0.6
    assert kronika["value F1"] > 0.5


def test_gold_weeks_are_read_in_iso_spelling():
    from kronika.eval.times import _canonical

    assert _canonical("2000-W7") == "2000-W07"
    assert _canonical("2000-W7-WE") == "2000-W07-WE"
    assert _canonical("2000-W12") == "2000-W12"
    assert _canonical("XXXX-WXX-2") == "XXXX-WXX-2"
