"""Merge the mentions of one entity within a document.

"Vladimir Putin" … "Putin", "the Carpathian Legion (Karpaty)" … "the legion",
"Russians" … "Russian", "the Federation of German Industries (BDI)" … "BDI":
each pair is one entity. Rules are structural (surname, bracketed alias or
abbreviation, definite anaphora, plural), never lists of names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from kronika.components import text_of
from kronika.records import Entity, Mention


def merge_mentions(doc: Doc, spans: Sequence[Span]) -> list[Entity]:
    groups: dict[str, list[Span]] = {}
    order: list[str] = []
    last_unit: dict[str, str] = {}
    previous: tuple[Span, str] | None = None
    for span in spans:
        key = _abbreviated(doc, span, previous) or _key(doc, span, groups, last_unit)
        previous = (span, key)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(span)
        if span.label_ == "UNIT" and not _is_anaphor(span):
            last_unit[span[-1].lower_] = key
            last_unit[""] = key
    return [_entity(f"E{i}", groups[key]) for i, key in enumerate(order, start=1)]


def _key(doc: Doc, span: Span, groups: dict[str, list[Span]], last_unit: dict[str, str]) -> str:
    label = span.label_
    if label == "UNIT":
        if _is_alias(doc, span) and "" in last_unit:
            return last_unit[""]
        if _is_anaphor(span) and span[-1].lower_ in last_unit:
            return last_unit[span[-1].lower_]
    if label == "PERSON" and len(span) == 1:
        for key, members in groups.items():
            if key.startswith("PERSON:") and any(m[-1].text == span.text for m in members):
                return key
    return f"{label}:{normalise(span)}"


def _abbreviated(doc: Doc, span: Span, previous: tuple[Span, str] | None) -> str | None:
    """'the Federation of German Industries (BDI)': an abbreviation in brackets
    right after an organisation is that organisation."""
    if previous is None or span.label_ != "ORG" or not span.text.isupper():
        return None
    before, key = previous
    adjacent = before.label_ == "ORG" and before.end == span.start - 1 and _is_alias(doc, span)
    return key if adjacent else None


def normalise(span: Span) -> str:
    words = [t.lower_ for t in span if t.lower_ not in {"the", "'s", "’s"}]
    text = " ".join(words) or span.text.lower()
    if span.label_ == "NORP" and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return text


def _is_alias(doc: Doc, span: Span) -> bool:
    return span.start > 0 and doc[span.start - 1].text == "("


def _is_anaphor(span: Span) -> bool:
    return len(span) == 2 and span[0].lower_ == "the"


def _entity(entity_id: str, spans: list[Span]) -> Entity:
    # Span.text joins the span's words anew: the document's text, sliced, is the same.
    text = text_of(spans[0].doc)
    return Entity(
        id=entity_id,
        name=_best_name(spans),
        type=spans[0].label_,
        mentions=[
            Mention(s.start_char, s.end_char, text[s.start_char : s.end_char]) for s in spans
        ],
    )


def _best_name(spans: list[Span]) -> str:
    named = [s for s in spans if not _is_anaphor(s)] or spans
    if spans[0].label_ in {"UNIT", "PERSON", "ORG"}:
        best = max(named, key=lambda s: (len(s), sum(t.is_title for t in s)))
    else:
        # The most frequent text, the first of equals: counted once, not per pair.
        texts = [s.text for s in named]
        counts = Counter(texts)
        best = named[max(range(len(named)), key=lambda i: counts[texts[i]])]
    words = best[1:] if len(best) > 1 and best[0].lower_ == "the" else best
    return words.text
