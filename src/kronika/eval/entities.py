"""Entities on CoNLL-2003 (token, POS, chunk, NER in IOB2), kronika next to the
plain spaCy model it corrects.

Sentences are rebuilt as text (tokens joined by spaces) and grouped into
pseudo-documents of ``SENTENCES_PER_DOC`` sentences, since this copy has no
document boundaries. A prediction counts when its span and type match exactly.
spaCy's OntoNotes labels map to CoNLL's: PERSON→PER, ORG/UNIT→ORG,
GPE/LOC/FAC→LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import spacy

from kronika.eval import Scores, prf

SENTENCES_PER_DOC = 20
TYPES = ("PER", "ORG", "LOC", "MISC")
LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "UNIT": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    **dict.fromkeys(["NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"], "MISC"),
}

Span = tuple[int, int, str]


def read_conll(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences as lists of (token, IOB2 tag)."""
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if sentence:
                yield sentence
            sentence = []
        else:
            sentence.append((parts[0], parts[-1]))
    if sentence:
        yield sentence


def pseudo_documents(path: Path, limit: int | None) -> Iterator[tuple[str, set[Span]]]:
    batch: list[list[tuple[str, str]]] = []
    produced = 0
    for sentence in read_conll(path):
        batch.append(sentence)
        if len(batch) == SENTENCES_PER_DOC:
            yield _document(batch)
            batch, produced = [], produced + 1
            if limit and produced >= limit:
                return
    if batch:
        yield _document(batch)


def _document(sentences: list[list[tuple[str, str]]]) -> tuple[str, set[Span]]:
    text, gold, pos = [], set(), 0
    for sentence in sentences:
        current: list | None = None
        for token, tag in sentence:
            start, end = pos, pos + len(token)
            if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                current = [start, end, tag[2:]]
                gold.add(tuple(current))
            elif tag.startswith("I-") and current is not None:
                gold.discard(tuple(current))
                current[1] = end
                gold.add(tuple(current))
            else:
                current = None
            text.append(token)
            pos = end + 1
    return " ".join(text), gold


def predicted(doc) -> set[Span]:
    return {(e.start_char, e.end_char, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS}


def evaluate(path: Path, limit: int | None = None) -> Scores:
    from kronika.pipeline import MODEL, load

    docs = list(pseudo_documents(path, limit))
    systems = {"kronika": load(("kronika_entities",)), "spaCy sm": spacy.load(MODEL)}
    scores = Scores(f"Entities — CoNLL-2003 {path.name}, {len(docs)} pseudo-documents")
    for name, nlp in systems.items():
        counts: Counter = Counter()
        for (_, gold), doc in zip(docs, nlp.pipe(text for text, _ in docs), strict=True):
            _count(counts, gold, predicted(doc))
        scores.systems[name] = _table(counts)
    scores.notes.append("exact span and type match; MISC is outside kronika's focus")
    return scores


def _count(counts: Counter, gold: set[Span], pred: set[Span]) -> None:
    for kind in TYPES:
        g = {s for s in gold if s[2] == kind}
        p = {s for s in pred if s[2] == kind}
        counts[kind, "tp"] += len(g & p)
        counts[kind, "fp"] += len(p - g)
        counts[kind, "fn"] += len(g - p)


def _table(counts: Counter) -> dict[str, float]:
    row = {}
    totals = Counter()
    for kind in TYPES:
        tp, fp, fn = (counts[kind, x] for x in ("tp", "fp", "fn"))
        row[f"{kind} F1"] = prf(tp, fp, fn)[2]
        if kind != "MISC":
            totals.update({"tp": tp, "fp": fp, "fn": fn})
    p, r, f = prf(totals["tp"], totals["fp"], totals["fn"])
    row.update({"PER+ORG+LOC precision": p, "PER+ORG+LOC recall": r, "PER+ORG+LOC F1": f})
    return row
