"""kronika eval claims / events: the annotations and the scoring."""

import json
import re

import pytest

from kronika.eval.claims import ANNOTATIONS, Tally, match

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE",
    "ASSAULT",
}  # fmt: skip
STATUSES = {"occurred", "hypothetical", "negated", "planned", "background"}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2}(-WE)?)?")
CLAIM_TYPES = {"count", "percent", "money", "measure"}


def annotations():
    return [json.loads(line) for line in ANNOTATIONS.read_text("utf-8").splitlines() if line]


def test_annotations_hold_ids_offsets_and_types_never_text():
    rows = annotations()
    assert len(rows) >= 25
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(r"[0-9a-f]{16}", row["id"])
        assert set(row) - {"heldout", "claims"} == {"id", "events"}
        for claim in row.get("claims", []):
            assert set(claim) == {"start", "end", "type"} and claim["type"] in CLAIM_TYPES
            assert 0 <= claim["start"] < claim["end"]
        for event in row["events"]:
            assert set(event) - {"date", "fatalities"} == {"start", "end", "plover", "status"}
            assert event["plover"] in PLOVER and event["status"] in STATUSES
            assert event.get("date") is None or DATE.fullmatch(event["date"])
            assert event.get("fatalities") is None or event["fatalities"] > 0


def test_at_least_40_articles_carry_dates_and_fatalities_ten_held_out():
    rows = [r for r in annotations() if all("date" in e for e in r["events"])]
    assert len(rows) >= 40
    assert 8 <= sum(bool(r.get("heldout")) for r in rows) <= 12


def test_matching_is_one_to_one_on_overlap():
    assert match([(0, 5), (10, 15)], [(3, 4), (4, 12), (20, 22)]) == {0: 0, 1: 1}
    tally = Tally()
    tally.add(["count", "money"], ["count", "count", "percent"], {0: 0})
    metrics = tally.metrics(["count"])
    assert metrics["precision"] == pytest.approx(1 / 3) and metrics["recall"] == 0.5


def test_annotated_articles_are_found_in_the_csv(eval_dir):
    from kronika.eval.claims import articles

    path = eval_dir / "news" / "russia-ukraine-2022.csv"
    found = articles(path)
    assert len(found) == len(annotations())
    for article in found:
        for event in article.gold["events"]:
            assert event["end"] <= len(article.text)


def test_evaluate_scores_a_few_articles(eval_dir):
    from kronika.eval import claims, events

    path = eval_dir / "news" / "russia-ukraine-2022.csv"
    scored = claims.evaluate(path, limit=3)
    assert {"precision", "recall", "F1"} <= set(scored.systems["kronika"])
    scored = events.evaluate(path, limit=3)
    assert 0.0 <= scored.systems["kronika (all)"]["trigger F1"] <= 1.0
    assert {"type accuracy (PLOVER)", "fatality accuracy", "date accuracy"} <= set(
        scored.systems["kronika (all)"]
    )


def test_the_acled_export_of_the_annotated_set_invents_no_fatality(eval_dir):
    from kronika.eval import events

    scored = events.evaluate(eval_dir / "news" / "russia-ukraine-2022.csv")
    assert scored.systems["kronika (all)"]["ACLED rows with a toll not in gold"] == 0
