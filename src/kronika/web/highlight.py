"""Cut a document's text into segments, each covered by the same set of facts.

:func:`html` renders each segment as one ``<span>`` with every piece of text and
every attribute escaped; nothing from the text is ever turned into markup. Fact keys look like ``quotes:3`` or ``entities:2``
and index the JSON given to the page's script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape as _escape  # plain str: markupsafe's wraps each piece in Markup
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

SPEAKER_COLOURS = 8
SPAN_CHARS = 2000  # longest source span shown in the fact panel
KINDS = ("repairs", "entities", "quotes", "places", "times", "claims", "events")


@dataclass
class Segment:
    text: str
    facts: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    title: str = ""
    href: str = ""
    inserted: bool = False

    @property
    def class_attr(self) -> str:  # joined here: Jinja's join filter is slow per call
        return " ".join(self.classes)

    @property
    def facts_attr(self) -> str:
        return " ".join(self.facts)


@dataclass
class Fact:
    key: str
    kind: str
    start: int
    end: int
    classes: list[str]
    title: str = ""
    href: str = ""
    record: dict[str, Any] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)
    ref: str = ""  # key of the record in the page's JSON; an entity's, for its mentions


def entity_href(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def speakers(record: dict[str, Any]) -> list[str]:
    """Speakers in order of first quote; their position picks their colour."""
    names: list[str] = []
    for q in record.get("quotes") or []:
        name = (q.get("speaker") or {}).get("name")
        if name and name not in names:
            names.append(name)
    return names


def facts(record: dict[str, Any]) -> list[Fact]:
    """Every fact of a record that points into its text."""
    doc_id = record["id"]
    colour = {name: i % SPEAKER_COLOURS for i, name in enumerate(speakers(record))}
    found: list[Fact] = []
    for i, r in enumerate(record.get("repairs") or []):
        found.append(
            Fact(
                f"repairs:{i}",
                "repair",
                r["start"],
                r["end"],
                ["repair"],
                title=f"repair ({r.get('kind')}): {r.get('before')!r} → {r.get('after')!r}",
                record=r,
            )
        )
    for i, e in enumerate(record.get("entities") or []):
        links = [(f"{e.get('name')} across documents", entity_href(e.get("name") or ""))]
        if e.get("person"):  # the identity across spellings and documents (kronika.people)
            links.append((f"person {e['person']}", "/people/" + quote(e["person"], safe="")))
        for j, m in enumerate(e.get("mentions") or []):
            found.append(
                Fact(
                    f"entities:{i}:{j}",
                    "entity",
                    m["start"],
                    m["end"],
                    ["entity", f"ent-{e.get('type', '')}"],
                    title=f"{e.get('type')}: {e.get('name')}",
                    record=e,
                    links=links,
                    ref=f"entities:{i}",
                )
            )
    for i, q in enumerate(record.get("quotes") or []):
        speaker = (q.get("speaker") or {}).get("name")
        classes = ["quote", f"speaker-{colour[speaker]}" if speaker else "speaker-none"]
        links = [(f"{speaker}: all quotes", entity_href(speaker))] if speaker else []
        title = f"quote by {speaker}" if speaker else "quote, speaker unknown"
        found.append(
            Fact(f"quotes:{i}", "quote", q["start"], q["end"], classes, title, "", q, links)
        )
    for i, p in enumerate(record.get("places") or []):
        href = ""
        if p.get("lat") is not None and p.get("lon") is not None:
            href = "/map?" + urlencode({"doc": doc_id, "place": i})
        where = f" ({p['lat']:.3f}, {p['lon']:.3f})" if href else " (not located)"
        links = [("on the map", href)] if href else []
        found.append(
            Fact(
                f"places:{i}",
                "place",
                p["start"],
                p["end"],
                ["place"],
                f"place: {p.get('name')}{where}",
                href,
                p,
                links,
            )
        )
    for i, t in enumerate(record.get("times") or []):
        title = f"{t.get('type')}: {t.get('value')}"
        found.append(Fact(f"times:{i}", "time", t["start"], t["end"], ["time"], title, "", t))
    for i, c in enumerate(record.get("claims") or []):
        title = f"claim: {c.get('quantity') or c.get('text')}"
        speaker = c.get("speaker")
        links = (
            [(f"{speaker}: all claims", entity_href(speaker))]
            if speaker and speaker != "publication"  # the outlet's own voice, not a person
            else []
        )
        found.append(
            Fact(f"claims:{i}", "claim", c["start"], c["end"], ["claim"], title, "", c, links)
        )
    names = {e.get("id"): e.get("name") for e in record.get("entities") or []}
    for i, ev in enumerate(record.get("events") or []):
        title = f"event: {ev.get('plover')} ({ev.get('status')})"
        links = [
            (f"{role}: {names[a]}", entity_href(names[a]))
            for role in ("actors", "recipients")
            for a in ev.get(role) or []
            if names.get(a)
        ]
        found.append(
            Fact(f"events:{i}", "event", ev["start"], ev["end"], ["event"], title, "", ev, links)
        )
    return found


def segments(text: str, all_facts: list[Fact]) -> list[Segment]:
    """The text cut at every fact boundary; zero-width facts (insertions) become markers."""
    n = len(text)
    spans = [f for f in all_facts if 0 <= f.start < f.end <= n]
    points = [f for f in all_facts if 0 <= f.start == f.end <= n]
    cuts = sorted(
        {0, n, *(f.start for f in spans), *(f.end for f in spans), *(f.start for f in points)}
    )
    starting: dict[int, list[Fact]] = {}
    ending: dict[int, list[Fact]] = {}
    at: dict[int, list[Fact]] = {}
    for f in spans:
        starting.setdefault(f.start, []).append(f)
        ending.setdefault(f.end, []).append(f)
    for f in points:
        at.setdefault(f.start, []).append(f)
    active: dict[str, Fact] = {}
    out: list[Segment] = []
    none: list[Fact] = []
    for a, b in zip(cuts, cuts[1:] + [n], strict=True):
        for f in ending.get(a, none):
            active.pop(f.key, None)
        for f in at.get(a, none):
            out.append(Segment("", [f.key], f.classes, [f.key], f.title, inserted=True))
        begin = starting.get(a, none)
        for f in begin:
            active[f.key] = f
        if b > a:
            out.append(_segment(text[a:b], list(active.values()), begin))
    return out


def _segment(piece: str, covering: list[Fact], starting: list[Fact]) -> Segment:
    if not covering:
        return Segment(piece)
    classes = ["fact"]
    for f in covering:
        classes.extend(c for c in f.classes if c not in classes)
    href = next((f.href for f in covering if f.href), "")
    title = "\n".join(dict.fromkeys(f.title for f in covering if f.title))
    return Segment(
        piece,
        [f.key for f in covering],
        classes,
        [f.key.replace(":", "-") for f in starting],
        title,
        href,
    )


def html(segments: list[Segment]) -> Markup:
    """The highlighted text as markup, built in one pass: a Jinja loop over the
    segments was half of a document view's time."""
    return Markup("".join(map(_html, segments)))


def marked_html(pieces: list[tuple[str, bool]]) -> Markup:
    """A search snippet's (text, matched) pieces, matches in ``<mark>``."""
    return Markup("".join(f"<mark>{_escape(t)}</mark>" if hit else _escape(t) for t, hit in pieces))


def _html(s: Segment) -> str:
    if not s.facts:
        return _escape(s.text)
    attrs = (
        f'class="{_escape(s.class_attr)}" data-facts="{_escape(s.facts_attr)}" '
        f'title="{_escape(s.title)}" tabindex="0"'
    )
    if s.inserted:
        return f"<ins {attrs}></ins>"
    extra = ""
    if s.anchors:
        attrs += f' id="{_escape(s.anchors[0])}"'
        # facts starting at the same character keep their own link target (a person
        # page links each quote and claim to its exact span)
        extra = "".join(f'<a id="{_escape(a)}"></a>' for a in s.anchors[1:])
    inner = f'<a href="{_escape(s.href)}">{_escape(s.text)}</a>' if s.href else _escape(s.text)
    return f"{extra}<span {attrs}>{inner}</span>"


def panel_data(text: str, all_facts: list[Fact]) -> dict[str, Any]:
    """What the page's script shows when a fact is clicked: its record and exact span.
    Records are listed once: an entity's mentions all point to the entity's record
    (repeating it per mention made pages grow with the square of the mentions)."""
    facts, records = {}, {}
    for f in all_facts:
        span = text[f.start : f.end]
        ref = f.ref or f.key
        records.setdefault(ref, f.record)
        facts[f.key] = {
            "kind": f.kind,
            "start": f.start,
            "end": f.end,
            "span": span[:SPAN_CHARS],
            "cut": len(span) > SPAN_CHARS,
            "ref": ref,
            "links": [{"label": label, "href": href} for label, href in f.links],
        }
    return {"facts": facts, "records": records}
