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
    table = _table("id", "type", "name", "mentions", "person")
    for e in doc.entities:
        forms = sorted({m.text for m in e.mentions if m.how != "pronoun"})
        mentions = f"{len(e.mentions)}: " + ", ".join(forms)
        table.add_row(e.id, e.type, escape(_who(e)), escape(mentions), e.person or "")
    return table


def _quotes(doc: Document) -> Table:
    table = _table("speaker", "quote", "at", "person")
    persons = {e.id: e.person for e in doc.entities}
    for q in doc.quotes:
        kind = "" if q.direct else " (indirect)"
        person = persons.get(q.speaker.entity) if q.speaker else None
        who = escape(_speaker(q.speaker) + kind)
        table.add_row(who, escape(_clip(q.text)), _span(q.start, q.end), person or "")
    return table


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
    table = _table("text", "resolved", "lat, lon", "prec.", "conf.")
    for p in doc.places:
        if not p.resolved:  # named as a place, but not on the map: say why
            why = (p.reason or "not placed") + (
                f"; considered {len(p.candidates)}" if p.candidates else ""
            )
            table.add_row(p.text, escape(f"[not placed] {why}"), "—", "—", "—")
            continue
        where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None else "—"
        name = f"{p.name} ({p.country or '?'})" + (" [metonymy]" if p.metonymy else "")
        name += f" [{p.role}]" if p.role else ""
        table.add_row(p.text, escape(name), where, str(p.precision or "—"), f"{p.confidence:.2f}")
    unplaced = sum(not p.resolved for p in doc.places)
    if unplaced:
        table.caption = f"{unplaced} of {len(doc.places)} names not placed"
    return table


def _times(doc: Document) -> Table:
    table = _table("text", "type", "value", "certain")
    for t in doc.times:
        table.add_row(t.text, t.type, t.value, "yes" if t.certain else "no")
    return table


def _claims(doc: Document) -> Table:
    table = _table("claim", "quantity", "who")
    for c in doc.claims:
        table.add_row(_clip(c.text, 60), c.quantity or "", c.speaker or "")
    return table


def _events(doc: Document) -> Table:
    table = _table("event", "PLOVER", "ACLED", "status")
    for e in doc.events:
        table.add_row(_clip(e.text, 60), e.plover, e.acled_type or "", e.status)
    return table
