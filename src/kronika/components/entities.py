"""``kronika_entities``: people, organisations, armed units, groups and places,
with their mentions merged into one entity each.

spaCy's small model mislabels much of conflict reporting (towns as PERSON or
PRODUCT, callsigns missed, "X and Y" as WORK_OF_ART). This component corrects
the labels by general means: the syntax around a name, place-name hints from
the gazetteer, patterns for armed units, and agreement between mentions of the
same name in the document. The corrected spans replace ``doc.ents``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import DEP, IS_TITLE, LIKE_NUM, LOWER, ORTH, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.symbols import PROPN, nsubj
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kronika.components import register_extensions, text_of
from kronika.components.mentions import merge_mentions
from kronika.gazetteer.hints import is_seat_of_government, population

UNIT_NOUNS = [
    "battalion",
    "brigade",
    "regiment",
    "legion",
    "corps",
    "division",
    "company",
    "platoon",
    "squad",
    "unit",
    "units",
    "detachment",
    "army",
    "militia",
    "guard",
    "guards",
    "battery",
    "squadron",
    "group",
    "force",
    "forces",
]
# "group", "force" and "guard" need a capitalised name before them ("Wagner Group").
WEAK_UNIT_NOUNS = {
    "group", "force", "forces", "guard", "guards", "army", "unit", "units", "company", "battery",
}  # fmt: skip
ORG_WORDS = {
    "ministry", "committee", "council", "office", "agency", "service", "bank", "university",
    "party", "government", "parliament", "court", "commission", "organisation", "organization",
}  # fmt: skip
SPEECH_VERBS = set(
    [
        "say",
        "tell",
        "add",
        "explain",
        "note",
        "proclaim",
        "declare",
        "lament",
        "deplore",
        "recall",
        "recount",
        "insist",
        "claim",
        "warn",
        "urge",
        "admit",
        "confirm",
        "stress",
        "argue",
        "believe",
        "write",
        "reply",
        "answer",
        "ask",
        "continue",
        "conclude",
        "complain",
        "acknowledge",
        "emphasise",
        "emphasize",
        "state",
        "announce",
        "describe",
        "assure",
        "boast",
    ]
)
PLACE_BEFORE = {"in", "from", "near", "into", "to", "at", "outside", "around", "towards", "toward"}
PLACE_AFTER = {
    "region", "oblast", "province", "district", "offensive", "operation", "front", "direction",
    "area", "incursion", "incursions", "border", "peninsula", "republic", "krai", "city",
}  # fmt: skip
STRONG_PLACE_AFTER = {"region", "oblast", "province", "krai", "peninsula"}
PLACE_OF = {"battle of", "republic of", "siege of", "invasion of", "city of", "village of"}
BIG_PLACE = 100_000
EVENT_NOUNS = {"war", "battle", "offensive", "operation", "invasion", "siege", "counteroffensive"}
RELABEL_FROM = {"PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT", "FAC", "LAW"}
KEEP_LABELS = {"PERSON", "ORG", "UNIT", "NORP", "GPE", "LOC", "FAC"}
CALLSIGN = re.compile(
    r"(?:call[- ]?sign(?:ed)?|nom de guerre|nicknamed|known as|code[- ]?named)[\s:,]*[«“\"'‘]?"
    r"(?P<name>[A-ZА-ЯЁ][\w’'-]+(?: [A-ZА-ЯЁ][\w’'-]+)?)",
)

POSSESSIVES = {"'s", "’s", "'", "’"}
CONJUNCTIONS = {"and", ","}


@Language.factory(
    "kronika_entities",
    default_config={"unit_nouns": UNIT_NOUNS, "big_place": BIG_PLACE},
)
def make_entities(nlp: Language, name: str, unit_nouns: list[str], big_place: int):
    return EntityRecognizer(nlp, unit_nouns, big_place)


class EntityRecognizer:
    def __init__(self, nlp: Language, unit_nouns: Iterable[str], big_place: int):
        register_extensions()
        self.unit_nouns = set(unit_nouns)
        self.strong_units = self.unit_nouns - WEAK_UNIT_NOUNS
        self.big_place = big_place
        # Hashes, as doc.to_array gives words (the same in every vocab).
        self._noun_ids = numpy.array(
            sorted(nlp.vocab.strings[n] for n in self.unit_nouns), dtype=numpy.uint64
        )
        self._of = nlp.vocab.strings["of"]
        self.matcher = Matcher(nlp.vocab)
        modifier = {"IS_TITLE": True, "POS": {"IN": ["PROPN", "ADJ", "NUM"]}, "OP": "+"}
        numbered = {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}
        strong = sorted(self.strong_units)
        self.matcher.add(
            "UNIT",
            [
                [modifier, {"LOWER": {"IN": strong}}],
                [
                    numbered,
                    {"IS_TITLE": True, "OP": "*"},
                    {"LOWER": {"IN": sorted(self.unit_nouns)}},
                ],
                [
                    modifier,
                    {"LOWER": {"IN": sorted(WEAK_UNIT_NOUNS & self.unit_nouns)}, "IS_TITLE": True},
                ],
                [{"IS_TITLE": True, "LOWER": {"IN": strong}}, {"LOWER": "of"}, modifier],
            ],
        )

    def __call__(self, doc: Doc) -> Doc:
        spans = [self._relabel(doc, ent) for ent in doc.ents]
        spans = self._split_coordinations(doc, spans)
        # Rule-based spans first: filter_spans keeps the first of equally long spans.
        ruled = self._units(doc) + self._speakers(doc, spans) + self._callsigns(doc)
        # "Rebecca Roe’s ads": the possessive is not part of the name.
        # "Olena Marchenko 14:05": a byline's timestamp is not part of the name.
        spans = [_strip_trailing_numbers(s) for s in spans]
        spans, ruled = [_strip_possessive(s) for s in spans], [_strip_possessive(s) for s in ruled]
        strong = {(s.start, s.end) for s in ruled + spans if _is_structural(s)}
        spans = self._agree(doc, filter_spans(ruled + spans), strong)
        # Other labels (DATE, CARDINAL, EVENT…) stay in doc.ents for later components.
        doc.ents = sorted(spans, key=lambda s: s.start)
        doc._.entities = merge_mentions(doc, [e for e in doc.ents if e.label_ in KEEP_LABELS])
        return doc

    def _relabel(self, doc: Doc, ent: Span) -> Span:
        label = ent.label_
        if label in {"GPE", "LOC", "ORG"} and len(ent) <= 3 and self._speaks_as_person(ent):
            return Span(doc, ent.start, ent.end, label="PERSON")
        if label in {"ORG", "GPE", "NORP", "LOC"} and ent[-1].lower_ in self.strong_units:
            return Span(doc, _strip_determiner(ent).start, ent.end, label="UNIT")
        if label in RELABEL_FROM and self._is_place(doc, ent):
            return Span(doc, ent.start, ent.end, label="GPE")
        if label in {"PERSON", "ORG"} and _is_demonym(doc, ent):
            return Span(doc, ent.start, ent.end, label="NORP")
        if ent[-1].lower_ in EVENT_NOUNS:
            return Span(doc, ent.start, ent.end, label="EVENT")
        return ent

    def _speaks_as_person(self, ent: Span) -> bool:
        # "Marlow says" is a person; "Kyiv says" is a capital speaking for its government.
        return (
            _is_speaker(ent)
            and not _plural(ent)
            and not is_seat_of_government(_strip_determiner(ent).text)
        )

    def _is_place(self, doc: Doc, ent: Span) -> bool:
        if self._speaks_as_person(ent) or any(t.lower_ in ORG_WORDS for t in ent):
            return False
        pop = population(_strip_determiner(ent).text)
        context, strong = _place_context(doc, ent)
        if ent.label_ == "PERSON":
            # "to X" and "at X" precede people as often as places.
            context = context and doc[ent.start - 1].lower_ not in {"to", "at"}
            return (pop > 0 and context) or pop >= self.big_place or strong
        return (pop > 0 and context) or strong

    def _split_coordinations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        # "Oksana and Taras" tagged as one WORK_OF_ART: two people.
        lower = doc.to_array(LOWER).tolist()
        cut_words = {doc.vocab.strings[w] for w in CONJUNCTIONS}
        out = []
        for span in spans:
            parts = _conjuncts(
                span, [i for i in range(span.start, span.end) if lower[i] in cut_words]
            )
            if len(parts) > 1 and all(p[0].is_title for p in parts):
                out += [Span(doc, p.start, p.end, label="PERSON") for p in parts]
            else:
                out.append(span)
        return out

    def _units(self, doc: Doc) -> list[Span]:
        spans = []
        for _, start, end in self._unit_matches(doc):
            if doc[start].is_sent_start and doc[start].lower_ in {"the", "a"}:
                start += 1
            spans.append(Span(doc, start, end, label="UNIT"))
        spans = filter_spans(spans)
        return spans + self._unit_aliases(doc, spans) + self._unit_anaphora(doc, spans)

    def _unit_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The UNIT patterns' matches, found only in the stretches that could hold
        one: runs of words each pattern token may match (capitalised, numeric, a
        unit noun, "of") that contain a unit noun. No match can cross a word
        outside such a run, so this finds what matching the whole document finds,
        at a fraction of the cost (the matcher builds a Token for every word)."""
        lower, title, num = doc.to_array([LOWER, IS_TITLE, LIKE_NUM]).T.reshape(3, -1)
        noun = numpy.isin(lower, self._noun_ids)
        # The words no pattern token matches end a stretch; the last ends at the end.
        ends = numpy.flatnonzero(~(noun | (title != 0) | (num != 0) | (lower == self._of)))
        ends = numpy.append(ends, len(doc)).tolist()
        found: list[tuple[int, int, int]] = []
        # The stretches holding a unit noun, in order: each noun's stretch is the
        # one closed by the first end after it.
        for k in sorted(set(numpy.searchsorted(ends, numpy.flatnonzero(noun)).tolist())):
            start, end = ends[k - 1] + 1 if k else 0, ends[k]
            found += [(m, a + start, b + start) for m, a, b in self.matcher(doc[start:end])]
        return found

    def _unit_aliases(self, doc: Doc, units: list[Span]) -> list[Span]:
        # "the Carpathian Legion (Karpaty)": the bracketed name is the unit's alias.
        aliases = []
        for unit in units:
            if unit.end + 2 < len(doc) and doc[unit.end].text == "(":
                close = next((t.i for t in doc[unit.end + 1 : unit.end + 6] if t.text == ")"), None)
                if close and all(t.is_title or t.is_upper for t in doc[unit.end + 1 : close]):
                    aliases.append(Span(doc, unit.end + 1, close, label="UNIT"))
        return aliases

    def _unit_anaphora(self, doc: Doc, units: list[Span]) -> list[Span]:
        # "the battalion" after a named battalion refers to it. Read from the
        # array of lower-case ids: building a Token per word cost more than the rule.
        if not units:
            return []
        heads = {u[-1].lower for u in units}
        covered = {i for u in units for i in range(u.start, u.end)}
        lower = doc.to_array(LOWER).tolist()
        the = doc.vocab.strings["the"]
        return [
            Span(doc, i - 1, i + 1, label="UNIT")
            for i, word in enumerate(lower)
            if word in heads and i not in covered and i > 0 and lower[i - 1] == the
        ]

    def _speakers(self, doc: Doc, spans: list[Span]) -> list[Span]:
        # A capitalised name that is the subject of a speech verb is a person
        # (callsigns and nicknames are often missed by NER), unless it is a
        # well-known place speaking for its government ("Kyiv said").
        covered = {t.i for s in spans for t in s}
        found = []
        for tok in _proper_subjects(doc):
            is_subject = tok.head.lemma_.lower() in SPEECH_VERBS
            name_like = tok.is_title and tok.tag_ != "NNPS"
            if is_subject and name_like and tok.i not in covered:
                span = _name_span(doc, tok)
                if is_seat_of_government(span.text):
                    span = Span(doc, span.start, span.end, label="GPE")
                found.append(span)
        return found

    def _callsigns(self, doc: Doc) -> list[Span]:
        found = []
        for m in CALLSIGN.finditer(text_of(doc)):
            span = doc.char_span(*m.span("name"), label="PERSON", alignment_mode="expand")
            if span is not None:
                found.append(span)
        return found

    def _agree(self, doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
        """Give every mention of a name the label most of its mentions carry (a
        label found from structure counts thrice), and label unlabelled repeats of
        person names."""
        texts = [s.text for s in spans]  # each read of Span.text joins its words anew
        votes: dict[str, dict[str, int]] = {}
        for s, text in zip(spans, texts, strict=True):
            labels = votes.setdefault(text, {})
            label = s.label_
            labels[label] = labels.get(label, 0) + (3 if (s.start, s.end) in strong else 1)
        best = {text: _vote(labels) for text, labels in votes.items()}
        agreed = [
            Span(doc, s.start, s.end, label=best[text])
            for s, text in zip(spans, texts, strict=True)
        ]
        return filter_spans(agreed + _repeats(doc, agreed, best))


def _proper_subjects(doc: Doc) -> Iterator[Token]:
    """Proper nouns that are subjects, read from arrays: a Token for every word
    cost more than the rule that needs them."""
    dep, pos = doc.to_array([DEP, POS]).T.reshape(2, -1)
    for i in numpy.flatnonzero((dep == nsubj) & (pos == PROPN)).tolist():
        yield doc[i]


def _is_structural(span: Span) -> bool:
    if span.label_ == "UNIT":
        return True
    return span.label_ == "PERSON" and _is_speaker(span) and not is_seat_of_government(span.text)


def _vote(labels: dict[str, int]) -> str:
    # Structure beats frequency: a unit or a place found by rule wins.
    for preferred in ("UNIT", "GPE"):
        if preferred in labels and labels[preferred] >= max(labels.values()) / 2:
            return preferred
    return max(labels, key=lambda k: labels[k])


def _repeats(doc: Doc, spans: list[Span], best: dict[str, str]) -> list[Span]:
    persons = {t for t, label in best.items() if label == "PERSON" and " " not in t}
    if not persons:
        return []
    ids = {doc.vocab.strings[p] for p in persons}  # hashes; adds nothing to the vocab
    covered = {i for s in spans for i in range(s.start, s.end)}
    return [
        Span(doc, i, i + 1, label="PERSON")
        for i, orth in enumerate(doc.to_array(ORTH).tolist())
        if orth in ids and i not in covered
    ]


def _strip_possessive(span: Span) -> Span:
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].lower_ in POSSESSIVES:
        end -= 1
    return span if end == span.end else Span(span.doc, span.start, end, label=span.label_)


def _strip_trailing_numbers(span: Span) -> Span:
    """A person's name ends at its last word: times, dates and numbers go."""
    if span.label_ != "PERSON":
        return span
    end = span.end
    while end - span.start > 1 and (
        span.doc[end - 1].is_punct or any(c.isdigit() for c in span.doc[end - 1].text)
    ):
        end -= 1
    return span if end == span.end else Span(span.doc, span.start, end, label=span.label_)


def _strip_determiner(span: Span) -> Span:
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:]
    return span


def _place_context(doc: Doc, ent: Span) -> tuple[bool, bool]:
    """Weak evidence of a place ("in X", "X offensive", or any strong evidence),
    and strong evidence, enough on its own ("X region", "the battle of X")."""
    before, after, two_before = _neighbours(doc, ent)
    strong = after in STRONG_PLACE_AFTER or two_before in PLACE_OF
    return before in PLACE_BEFORE or after in PLACE_AFTER or strong, strong


def _plural(ent: Span) -> bool:
    return ent[-1].tag_ in {"NNPS", "NNS"}


def _neighbours(doc: Doc, ent: Span) -> tuple[str, str, str]:
    """The word before, the word after, and the two words before, lower-cased."""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    two_before = ""
    if ent.start > 1:  # as the two words' Span.text, without building the Span
        first, second = doc[ent.start - 2], doc[ent.start - 1]
        two_before = (first.text_with_ws + second.text).lower()
    return before, after, two_before


def _is_speaker(ent: Span) -> bool:
    return any(t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEECH_VERBS for t in ent)


def _is_demonym(doc: Doc, ent: Span) -> bool:
    # "a Bashkir", "the Buryats": people's names rarely take an article.
    if len(ent) != 1 or ent.start == 0:
        return False
    before = doc[ent.start - 1].lower_
    plural = ent.text.endswith("s") and not ent.text.endswith("ss")
    return before in {"a", "an"} or (before == "the" and plural)


def _conjuncts(span: Span, cuts: list[int]) -> list[Span]:
    """The parts of the span between the given words."""
    if not cuts:
        return [span]
    doc, parts, start = span.doc, [], span.start
    for cut in [*cuts, span.end]:
        if cut > start:
            parts.append(doc[start:cut])
        start = cut + 1
    return parts


def _name_span(doc: Doc, tok) -> Span:
    start = tok.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title:
        start -= 1
    return Span(doc, start, tok.i + 1, label="PERSON")
