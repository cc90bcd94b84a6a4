"""``kronika eval places`` on a small LGL-format file written here."""

from __future__ import annotations

from pathlib import Path

from kronika.eval.places import evaluate, read

TEXT = "Flooding closed roads in Fargo. Officials in Minnesota said the river would crest Friday."

XML = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text>{TEXT}</text>
    <toponyms>
      <toponym><start>25</start><end>30</end><phrase>Fargo</phrase>
        <gaztag geonameid="5059163"><name>Fargo</name><lat>46.87719</lat><lon>-96.7898</lon></gaztag>
      </toponym>
      <toponym><start>45</start><end>54</end><phrase>Minnesota</phrase>
        <gaztag geonameid="5037779"><name>Minnesota</name><lat>46.25024</lat><lon>-94.25055</lon></gaztag>
      </toponym>
      <toponym><start>0</start><end>8</end><phrase>Flooding</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


def write(tmp_path: Path) -> Path:
    path = tmp_path / "mini.xml"
    path.write_text(XML, encoding="utf-8")
    return path


def test_gold_toponyms_without_coordinates_are_skipped(tmp_path):
    (article,) = read(write(tmp_path))
    assert [article.text[g.start : g.end] for g in article.gold] == ["Fargo", "Minnesota"]


def test_kronika_and_the_naive_baseline_are_scored_side_by_side(tmp_path):
    scores = evaluate(write(tmp_path))
    assert {"kronika", "naive (NER + most populous)"} <= set(scores.systems)
    ours = scores.systems["kronika"]
    assert ours["gold toponyms"] == 2
    assert ours["found (recall)"] == 1.0
    assert ours["161 km accuracy, found"] == 1.0
    assert "median error km, found" in ours


def test_the_limit_reads_only_the_first_articles(tmp_path):
    assert list(read(write(tmp_path), limit=0)) == []
