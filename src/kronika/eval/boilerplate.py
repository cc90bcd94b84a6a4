"""Site furniture, line by line, on kronika's own written gold set.

``PATH`` is a directory of scraped-looking articles written for kronika
(``tests/fixtures/written_scraped``) with ``gold.jsonl``: per article its id
(the file's stem), its split (``dev``, tuned on; ``heldout``, written after
tuning) and the furniture spans (offsets and kinds, no text). Each gold span is
one unit and so is each article line (what is left of a line outside gold
spans). A gold span is found when kronika removed all of it (a ``boilerplate``
or ``promo`` repair); an article line counts against precision when any of it
was removed. jusText, run on the same lines wrapped as paragraphs, is the
baseline.

``PATH`` may instead be a CSV of real articles (``articles`` column): then
nothing is scored, and the table says how many lines kronika removes, by kind,
with a sample, to show it does not eat articles.
"""

from __future__ import annotations

import csv
import html
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kronika.boilerplate import lines, mark_recurring
from kronika.eval import Scores, prf
from kronika.ingest import Item

REMOVING = {"boilerplate", "promo"}
SPLITS = ("dev", "heldout")
SAMPLE = 25


@dataclass
class Article:
    id: str
    text: str
    split: str
    furniture: list[tuple[int, int]]


def evaluate(path: Path, limit: int | None = None) -> Scores:
    if path.is_file() and path.suffix.lower() == ".csv":
        return _census(path, limit)
    articles = _gold(path, limit)
    scores = Scores(title=f"Site furniture, line level ({path.name})")
    for split in SPLITS:
        chosen = [a for a in articles if a.split == split]
        if not chosen:
            continue
        scores.systems[f"kronika {split}"] = _score(chosen, _kronika_removed(chosen))
    for split in SPLITS:
        chosen = [a for a in articles if a.split == split]
        if chosen:
            scores.systems[f"jusText {split}"] = _score(
                chosen, [_justext_removed(a.text) for a in chosen]
            )
    scores.notes.append(
        "A gold span is found when all of it is removed; an article line is a false "
        "positive when any of it is removed. dev was tuned on; heldout was written after."
    )
    return scores


def _gold(path: Path, limit: int | None) -> list[Article]:
    records = [json.loads(x) for x in (path / "gold.jsonl").read_text("utf-8").splitlines() if x]
    articles = [
        Article(
            g["id"],
            (path / f"{g['id']}.txt").read_text("utf-8"),
            g.get("split", "dev"),
            [(f["start"], f["end"]) for f in g["furniture"]],
        )
        for g in records
    ]
    return articles[:limit] if limit else articles


def removed_by_kronika(items: list[Item]) -> list[list[bool]]:
    """Per item, which characters of its text kronika's repairs remove as furniture."""
    from kronika.repair import repair

    result = []
    for item in mark_recurring(items):
        fixed = repair(item.text, item.title, recurring=item.extra["recurring"], source=item.source)
        removed = [False] * len(item.text)
        for r in fixed.repairs:
            if r.kind in REMOVING:
                removed[r.start : r.end] = [True] * (r.end - r.start)
        result.append(removed)
    return result


def _kronika_removed(articles: list[Article]) -> list[list[bool]]:
    return removed_by_kronika([Item(name=a.id, text=a.text) for a in articles])


def _justext_removed(text: str) -> list[bool]:
    import justext

    spans = lines(text)
    page = "".join(f"<p>{html.escape(text[s:e])}</p>" for s, e in spans)
    paragraphs = justext.justext(
        f"<html><body>{page}</body></html>", justext.get_stoplist("English")
    )
    removed = [False] * len(text)
    # jusText keeps the paragraphs in order; match each back to its line.
    queue = iter(spans)
    for p in paragraphs:
        for s, e in queue:
            if " ".join(text[s:e].split()) == p.text:
                if p.is_boilerplate:
                    removed[s:e] = [True] * (e - s)
                break
    return removed


def _score(articles: list[Article], removed: list[list[bool]]) -> dict[str, float | int]:
    tp = fn = fp = article_lines = 0
    for article, gone in zip(articles, removed, strict=True):
        text = article.text
        gold = [False] * len(text)
        for s, e in article.furniture:
            gold[s:e] = [True] * (e - s)
            if all(gone[i] for i in range(s, e) if not text[i].isspace()):
                tp += 1
            else:
                fn += 1
        for s, e in lines(text):
            rest = [i for i in range(s, e) if not gold[i] and not text[i].isspace()]
            if rest:
                article_lines += 1
                fp += any(gone[i] for i in rest)
    precision, recall, f1 = prf(tp, fp, fn)
    return {
        "precision": precision,
        "recall": recall,
        "F1": f1,
        "furniture found": tp,
        "furniture missed": fn,
        "article lines removed": fp,
        "article lines": article_lines,
        "articles": len(articles),
    }


def _census(path: Path, limit: int | None) -> Scores:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get("articles") or r.get("text"))]
    rows = rows[:limit] if limit else rows
    items = [
        Item(
            name=str(i),
            text=r.get("articles") or r.get("text") or "",
            title=r.get("headlines") or r.get("title") or None,
            source=r.get("journal") or r.get("source") or None,
        )
        for i, r in enumerate(rows)
    ]
    from kronika.repair import repair

    kinds: Counter = Counter()
    total = removed_lines = touched = 0
    sample = []
    for item in mark_recurring(items):
        fixed = repair(item.text, item.title, recurring=item.extra["recurring"], source=item.source)
        total += len(lines(item.text))
        gone = [r for r in fixed.repairs if r.kind in REMOVING]
        touched += bool(gone)
        for r in gone:
            removed_lines += max(1, len(lines(r.before)))
            kinds[r.kind] += 1
            sample.append((item.name, " ".join(r.before.split())[:120]))
    scores = Scores(title=f"Lines removed as furniture ({path.name}, not scored)")
    scores.systems["kronika"] = {
        "articles": len(items),
        "articles touched": touched,
        "lines": total,
        "lines removed": removed_lines,
        "share removed": removed_lines / total if total else 0.0,
        **{f"repairs: {k}": n for k, n in sorted(kinds.items())},
    }
    random.Random(14).shuffle(sample)
    scores.notes += [f"row {name}: {line}" for name, line in sample[:SAMPLE]]
    return scores
