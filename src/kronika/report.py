"""A readable report of one document for a person at a terminal (rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kronika.records import Document


def render(doc: Document) -> Group:
    parts = [_header(doc)]
    for title, table in (
        ("Repairs", _repairs(doc)),
        ("Entities", _entities(doc)),
        ("Quotes", _quotes(doc)),
        ("Places", _places(doc)),
        ("Times", _times(doc)),
        ("Claims", _claims(doc)),
        ("Events", _events(doc)),
        ("Rejected by people", _rejected(doc)),
    ):
        if table.row_count:
            table.title = f"{title} ({table.row_count})"
            table.title_justify = "left"
            parts.append(table)
    return Group(*parts)


def print_report(doc: Document, console: Console) -> None:
    console.print(render(doc))
    console.print()


def _header(doc: Document) -> Panel:
    meta = " · ".join(x for x in (doc.published, doc.source, doc.url, f"id {doc.id}") if x)
    return Panel(Text(meta, style="dim"), title=Text(doc.title or "(untitled)", style="bold"))


def _table(*columns: str) -> Table:
    table = Table(show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _numbered(facts: list, columns: tuple[str, ...], row) -> Table:
    """A fact table with each fact's index (what `kronika correct KIND/N` takes) and,
    when people corrected any of them, who did, when and how."""
    reviewed = any(getattr(f, "reviewed", None) for f in facts)
    table = _table("#", *columns, *(["reviewed"] if reviewed else []))
    for i, fact in enumerate(facts):
        cells = [str(i), *row(fact)]
        if reviewed:
            cells.append(review_mark(fact.reviewed))
        table.add_row(*cells)
    return table


def review_mark(review) -> str:
    """``✎ speaker by ann, 2024-11-21 10:02 (note)``; empty for a machine fact."""
    if review is None:
        return ""
    when = review.at.replace("T", " ")[:16]
    note = f" ({_clip(review.note, 40)})" if review.note else ""
    return f"✎ {review.action} by {review.by}, {when}{note}"


def _span(start: int, end: int) -> str:
    return f"{start}–{end}"


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _repairs(doc: Document) -> Table:
    table = _table("kind", "at", "before", "after")
    for r in doc.repairs:
        if r.kind != "whitespace":
            table.add_row(r.kind, _span(r.start, r.end), repr(_clip(r.before, 60)), repr(r.after))
    return table


def _entities(doc: Document) -> Table:
    def row(e):
        forms = sorted({m.text for m in e.mentions if m.how != "pronoun"})
        mentions = f"{len(e.mentions)}: " + ", ".join(forms)
        return e.id, e.type, escape(_who(e)), escape(mentions), e.person or ""

    return _numbered(doc.entities, ("id", "type", "name", "mentions", "person"), row)


def _quotes(doc: Document) -> Table:
    persons = {e.id: e.person for e in doc.entities}

    def row(q):
        kind = "" if q.direct else " (indirect)"
        person = persons.get(q.speaker.entity) if q.speaker else None
        who = escape(_speaker(q.speaker) + kind)
        return who, escape(_clip(q.text)), _span(q.start, q.end), person or ""

    return _numbered(doc.quotes, ("speaker", "quote", "at", "person"), row)


def _who(e) -> str:
    """'Baikal (call sign) — 29-year-old; Ossetian': a person with what the text says of them."""
    name = e.name + (" (anonymous)" if e.anonymous else "")
    name += "".join(" (call sign)" for c in e.callsigns if c == e.name)
    said = [f"call sign {c}" for c in e.callsigns if c != e.name] + [d.text for d in e.descriptions]
    return _clip(name + (" — " + "; ".join(said) if said else ""))


def _speaker(speaker) -> str:
    """'Baikal [E2] by callsign', 'Taras Roe [E1] by only_candidate, flag gender':
    the resolved person, its entity and how the attribution found it."""
    if speaker is None:
        return "?"
    entity = f" [{speaker.entity}]" if speaker.entity else ""
    how = f" by {speaker.how}" if speaker.how else ""
    flag = f", flag {speaker.flag}" if speaker.flag else ""
    return speaker.name + entity + how + flag


def _places(doc: Document) -> Table:
    def row(p):
        if not p.resolved:  # named as a place, but not on the map: say why
            why = (p.reason or "not placed") + (
                f"; considered {len(p.candidates)}" if p.candidates else ""
            )
            return p.text, escape(f"[not placed] {why}"), "—", "—", "—"
        where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None else "—"
        name = f"{p.name} ({p.country or '?'})" + (" [metonymy]" if p.metonymy else "")
        name += f" [{p.role}]" if p.role else ""
        return p.text, escape(name), where, str(p.precision or "—"), f"{p.confidence:.2f}"

    table = _numbered(doc.places, ("text", "resolved", "lat, lon", "prec.", "conf."), row)
    unplaced = sum(not p.resolved for p in doc.places)
    if unplaced:
        table.caption = f"{unplaced} of {len(doc.places)} names not placed"
    return table


def _times(doc: Document) -> Table:
    def row(t):
        return t.text, t.type, t.value, "yes" if t.certain else "no"

    return _numbered(doc.times, ("text", "type", "value", "certain"), row)


def _claims(doc: Document) -> Table:
    def row(c):
        return _clip(c.text, 60), c.quantity or "", c.speaker or ""

    return _numbered(doc.claims, ("claim", "quantity", "who"), row)


def _events(doc: Document) -> Table:
    def row(e):
        return _clip(e.text, 60), e.plover, e.acled_type or "", e.status

    return _numbered(doc.events, ("event", "PLOVER", "ACLED", "status"), row)


def _rejected(doc: Document) -> Table:
    """Facts people rejected: `kronika correct ID rejected/N restore` brings one back."""
    table = _table("#", "kind", "text", "at", "reviewed")
    for i, r in enumerate(doc.rejected):
        span = _span(r.fact.get("start", 0), r.fact.get("end", 0))
        text = _clip(str(r.fact.get("text") or r.fact.get("name") or ""), 60)
        table.add_row(str(i), r.kind, text, span, review_mark(r.reviewed))
    return table
