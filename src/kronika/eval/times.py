"""Time expressions on TimeML, scored with TempEval-3's measures.

Reads inline TimeML (``.tml``: TBAQ, TempEval-3) and MEANTIME's CAT XML
(tokens plus stand-off ``TIMEX3`` elements). The document creation time is the
anchor. Offsets count characters in the text left once the tags are removed
(for CAT, in the text rebuilt from the tokens).

Measures, over expressions matched by overlap (relaxed) or exactly (strict):
extent precision/recall/F1, type accuracy on relaxed matches, and value
precision/recall/F1 (a value counts when its expression matched and the value
is identical). dateparser's ``search_dates`` is scored side by side.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kronika.eval import Scores, prf


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[Timex] = field(default_factory=list)
    # Where annotation stops: MEANTIME annotates only the first sentences.
    annotated_until: int | None = None


# --- readers -------------------------------------------------------------------

TAG = re.compile(r"<(/?)(\w+)([^>]*)>|[^<]+", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> GoldDoc:
    """Inline TimeML: the text of ``<TEXT>`` with its tags removed."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    doc = GoldDoc(path.stem, "", dct.group(1)[:10] if dct else None)
    parts: list[str] = []
    length, open_timex = 0, None
    for m in TAG.finditer(body.group(1) if body else raw):
        if m.group(2) is None:
            chunk = html.unescape(m.group())
            parts.append(chunk)
            length += len(chunk)
        elif m.group(2) == "TIMEX3" and not m.group(1):
            open_timex = (length, dict(ATTR.findall(m.group(3))))
        elif m.group(2) == "TIMEX3" and open_timex:
            start, attrs = open_timex
            value = _canonical(attrs.get("value", ""))
            doc.timexes.append(Timex(start, length, attrs.get("type", ""), value))
            open_timex = None
    doc.text = "".join(parts)
    return doc


NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'|n't|'re|'ve|'ll|'d|'m)$", re.I)
NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€", "``", "“"}


def read_cat(path: Path) -> GoldDoc:
    """MEANTIME's CAT XML: tokens joined into sentences (one a line), spaces
    removed before punctuation, ``TIMEX3`` elements anchored on token ids."""
    root = ET.parse(path).getroot()
    spans: dict[str, tuple[int, int]] = {}
    text, sentence, prev = "", None, None
    sentence_of = {t.get("t_id"): t.get("sentence") for t in root.iter("token")}
    last = max((int(sentence_of[a.get("t_id")]) for a in root.iter("token_anchor")), default=-1)
    for tok in root.iter("token"):
        word = tok.text or ""
        if sentence is not None and tok.get("sentence") != sentence:
            text += "\n"
        elif prev is not None and not NO_SPACE_BEFORE.match(word) and prev not in NO_SPACE_AFTER:
            text += " "
        sentence, prev = tok.get("sentence"), word
        if int(sentence) == last + 1 and "end" not in spans:
            spans["end"] = (len(text), len(text))
        spans[tok.get("t_id")] = (len(text), len(text) + len(word))
        text += word
    doc = GoldDoc(path.stem, text, None, annotated_until=spans.get("end", (None,))[0])
    for timex in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in timex.iter("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            doc.dct = _iso(timex.get("value") or "")
        if ids and all(i in spans for i in ids):
            start, end = spans[ids[0]][0], spans[ids[-1]][1]
            value = _canonical(timex.get("value") or "")
            doc.timexes.append(Timex(start, end, timex.get("type", ""), value))
    if doc.dct is None:
        # A few files lack a usable creation time: the date line is the first full date.
        dates = (t.value for t in doc.timexes if re.fullmatch(r"\d{4}-\d\d-\d\d", t.value))
        doc.dct = next(dates, None)
    return doc


ONE_DIGIT_WEEK = re.compile(r"^(\w{4}-W)(\d)(?=$|-)")


def _canonical(value: str) -> str:
    """A gold value in ISO 8601's own spelling: a few annotations write the
    week "2000-W7" where ISO (and TIMEX3) write "2000-W07"; same week."""
    return ONE_DIGIT_WEEK.sub(r"\g<1>0\2", value)


def _iso(value: str) -> str | None:
    """An ISO date from a creation time, including the odd DD-MM-YYYY."""
    if m := re.match(r"\d{4}-\d\d-\d\d", value):
        return m.group()
    if m := re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value):
        return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    return None


def read_corpus(path: Path, limit: int | None = None) -> list[GoldDoc]:
    files = [path] if path.is_file() else sorted(path.rglob("*.tml")) + sorted(path.rglob("*.xml"))
    docs = []
    for f in files[:limit] if limit else files:
        doc = read_tml(f) if f.suffix == ".tml" else _read_cat_or_none(f)
        if doc is not None:
            docs.append(doc)
    return docs


def _read_cat_or_none(path: Path) -> GoldDoc | None:
    try:
        return read_cat(path)
    except ET.ParseError:
        return None


# --- systems -------------------------------------------------------------------


def kronika_times(docs: list[GoldDoc]) -> Iterator[list[Timex]]:
    from kronika.pipeline import load

    nlp = load(("kronika_times",))

    def prepared():
        for gold in docs:
            doc = nlp.make_doc(gold.text)
            doc._.published = gold.dct
            yield doc

    with nlp.select_pipes(disable=["ner"]):
        for doc in nlp.pipe(prepared(), batch_size=8):
            yield [Timex(t.start, t.end, t.type, t.value) for t in doc._.times]


def dateparser_times(docs: list[GoldDoc]) -> Iterator[list[Timex]]:
    from dateparser.search import search_dates

    for gold in docs:
        base = dt.datetime.fromisoformat(gold.dct) if gold.dct else dt.datetime.now()
        found = search_dates(gold.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        yield list(_locate(gold.text, found))


def _locate(text: str, found) -> Iterator[Timex]:
    # search_dates returns strings in order; find each after the previous one.
    cursor = 0
    for phrase, when in found:
        start = text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        yield Timex(start, cursor, "DATE", when.date().isoformat())


# --- scoring -------------------------------------------------------------------


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type: int = 0
    value: int = 0

    def add(self, gold: list[Timex], system: list[Timex]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        exact = {(g.start, g.end) for g in gold}
        self.strict += sum((s.start, s.end) in exact for s in system)
        for g, s in _pairs(gold, system):
            self.relaxed += 1
            self.type += g.type == s.type
            self.value += g.value == s.value

    def metrics(self) -> dict[str, float | int]:
        _, _, strict = prf(self.strict, self.system - self.strict, self.gold - self.strict)
        p, r, relaxed = prf(self.relaxed, self.system - self.relaxed, self.gold - self.relaxed)
        vp, vr, value = prf(self.value, self.system - self.value, self.gold - self.value)
        return {
            "gold expressions": self.gold,
            "found": self.system,
            "strict extent F1": strict,
            "relaxed extent P": p,
            "relaxed extent R": r,
            "relaxed extent F1": relaxed,
            "type accuracy": self.type / self.relaxed if self.relaxed else 0.0,
            "value P": vp,
            "value R": vr,
            "value F1": value,
        }


def _pairs(gold: list[Timex], system: list[Timex]) -> Iterator[tuple[Timex, Timex]]:
    """One-to-one overlap matches, each gold expression with its first overlapping guess."""
    used: set[int] = set()
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and s.start < g.end and g.start < s.end:
                used.add(i)
                yield g, s
                break


def evaluate(path: Path, limit: int | None = None, baseline: bool = True) -> Scores:
    docs = read_corpus(Path(path), limit)
    systems = {"kronika": kronika_times}
    if baseline and importlib.util.find_spec("dateparser") is not None:
        systems["dateparser"] = dateparser_times
    scores = Scores(title=f"Time expressions: {path} ({len(docs)} documents)")
    for name, system in systems.items():
        tally = Tally()
        for gold, found in zip(docs, system(docs), strict=True):
            until = gold.annotated_until
            tally.add(gold.timexes, [t for t in found if until is None or t.start < until])
        scores.systems[name] = tally.metrics()
    scores.notes.append(
        "TempEval-3 measures; the document creation time is the anchor. dateparser's "
        "search_dates results are typed DATE and valued at day precision. In MEANTIME, only the "
        "annotated sentences (up to the last one holding any markable) are scored."
    )
    return scores
