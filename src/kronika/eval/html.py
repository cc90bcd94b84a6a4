"""Main-text extraction on the article extraction benchmark (Zyte/Scrapinghub).

``PATH`` holds ``ground-truth.json`` (``{id: {"articleBody", "url"}}``) and
``html/<id>.html.gz``. Three extractions are scored on the same pages:
kronika's (:func:`kronika.ingest.html.from_html`, the text kronika analyses),
kronika's followed by the boilerplate step of text inputs, and trafilatura's
own default (``trafilatura.extract(html, include_comments=False)``, as the
benchmark runs it). The measure is the benchmark's: shingles of four ``\\w+``
tokens, true and false positives and false negatives per page normalised to
sum to one, precision and recall averaged over pages, F1 from the averages.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from pathlib import Path

from kronika.eval import Scores

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def evaluate(path: Path, limit: int | None = None) -> Scores:
    import trafilatura

    from kronika.ingest.html import from_html
    from kronika.repair import repair

    truth = json.loads((path / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    counts: dict[str, list[tuple[float, float, float]]] = {
        "kronika": [],
        "kronika + boilerplate": [],
        "trafilatura": [],
    }
    for page_id in ids:
        page = gzip.decompress((path / "html" / f"{page_id}.html.gz").read_bytes())
        markup = page.decode("utf-8", errors="replace")
        gold = truth[page_id].get("articleBody", "")
        text = from_html(markup, page_id).text
        counts["kronika"].append(shingle_matching(gold, text))
        counts["kronika + boilerplate"].append(shingle_matching(gold, repair(text).text))
        theirs = trafilatura.extract(markup, include_comments=False) or ""
        counts["trafilatura"].append(shingle_matching(gold, theirs))
    scores = Scores(title=f"Main text extraction ({path.name}, {len(ids)} pages)")
    for name, tp_fp_fns in counts.items():
        scores.systems[name] = metrics(tp_fp_fns)
    scores.notes.append(
        "Token-shingle precision/recall/F1 as in scrapinghub/article-extraction-benchmark "
        "(no bootstrap intervals)."
    )
    return scores


def shingle_matching(true: str, pred: str, n: int = SHINGLE) -> tuple[float, float, float]:
    """The page's (tp, fp, fn) over shingle counts, normalised to sum to one."""
    gold, found = Counter(_shingles(true, n)), Counter(_shingles(pred, n))
    tp = sum((gold & found).values())
    fp = sum((found - gold).values())
    fn = sum((gold - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> list[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    return [
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    ]


def metrics(tp_fp_fns: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_precision(tp, fp, fn) for tp, fp, fn in tp_fp_fns if tp + fp > 0)
    recall = statistics.mean(_recall(tp, fp, fn) for tp, fp, fn in tp_fp_fns if tp + fn > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "F1": f1}


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0
