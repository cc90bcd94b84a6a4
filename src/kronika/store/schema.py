"""Tables of the store. ``documents.record`` holds each document's full JSON
record (the source of truth for ``show`` and ``export``); the fact tables hold
one row per fact with the columns people filter on, for SQL and the web."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("published", String(32), index=True),
    Column("source", Text, index=True),
    Column("url", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    # Hash of the normalised text: what "the same document" means for skipping.
    Column("text_hash", String(64), nullable=False, index=True),
    # Near-duplicates (wire copies, re-posts) share a story: the id of the first.
    Column("story_id", String(64), nullable=False, index=True),
    Column("pipeline_version", String(32), nullable=False),
    Column("analyzed_at", String(32), nullable=False),
    Column("record", Text, nullable=False),
    # The record with people's corrections applied (kronika.review); NULL when none.
    # ``record`` stays the machine's output; reads take ``reviewed`` when present.
    Column("reviewed", Text),
)


def _fact_table(name: str, *extra: Column) -> Table:
    table = Table(
        name,
        metadata,
        Column(
            "doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        Column("idx", Integer, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text),
        *extra,
        Column("data", Text, nullable=False),
    )
    Index(f"ix_{name}_doc", table.c.doc_id, table.c.idx, unique=True)
    return table


repairs = _fact_table("repairs", Column("kind", String(32)))
entities = _fact_table(
    "entities",
    Column("entity_id", String(16)),
    Column("name", Text, index=True),
    Column("type", String(16), index=True),
)
mentions = _fact_table("mentions", Column("entity_id", String(16)))
quotes = _fact_table(
    "quotes",
    Column("direct", Boolean),
    Column("speaker_name", Text, index=True),
    Column("speaker_entity", String(16)),
)
places = _fact_table(
    "places",
    Column("name", Text, index=True),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(8)),
)
times = _fact_table("times", Column("type", String(16)), Column("value", String(64), index=True))
claims = _fact_table("claims", Column("speaker", Text))
# An event's place and time are copied onto its row (schema v2) so that date and
# map-area queries are index lookups, not JSON joins over every event.
EVENT_LOCATION_COLUMNS = (
    Column("place_idx", Integer),
    Column("time_idx", Integer),
    Column("date", String(64)),
    Column("lat", Float),
    Column("lon", Float),
    Column("cell", Integer),  # schema v4: the 1-degree grid cell of (lat, lon), see rows.grid_cell
)
events = _fact_table(
    "events",
    Column("plover", String(32), index=True),
    Column("status", String(16)),
    *EVENT_LOCATION_COLUMNS,
)
Index("ix_events_when_where", events.c.date, events.c.lat, events.c.lon)
Index("ix_events_cell_when", events.c.cell, events.c.date, events.c.lat, events.c.lon)
Index("ix_places_lat_lon", places.c.lat, places.c.lon)

# MinHash signature of each document and its LSH band keys, kept in the store so
# that near-duplicate detection survives restarts and needs no memory per document.
signatures = Table(
    "signatures",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)
bands = Table(
    "bands",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("band", Integer, nullable=False),
    Column("key", BigInteger, nullable=False),
)
Index("ix_bands_key", bands.c.band, bands.c.key)
Index("ix_bands_doc", bands.c.doc_id)

# People's corrections (kronika.review): append-only, one row per act, never updated
# or deleted; a correction of a correction is a later row. No foreign key to
# documents: a correction outlives re-analysis and even its document's removal.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uid", String(32), nullable=False, unique=True),  # kept across stores
    Column("doc_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # the fact kind: quotes, places…
    Column("action", String(16), nullable=False),  # speaker, reject, candidate…
    # The anchor: the fact's span, the text it covers and a hash of the words around it.
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("context", String(16), nullable=False),
    Column("value", Text),  # JSON
    Column("machine", Text),  # JSON: what the fact said when the correction was made
    Column("author", Text, nullable=False, index=True),
    Column("at", String(32), nullable=False),
    Column("note", Text),
)
# Where each correction landed the last time its document's record was reviewed
# (derived, rewritten on every review of the document; the corrections stay).
correction_status = Table(
    "correction_status",
    metadata,
    Column("correction_id", Integer, primary_key=True),
    Column("doc_id", String(64), nullable=False, index=True),
    Column("state", String(16), nullable=False),  # exact, moved, nearest, orphaned
    Column("idx", Integer),
    Column("reason", Text),
)

FACT_TABLES = {
    "repairs": repairs,
    "entities": entities,
    "mentions": mentions,
    "quotes": quotes,
    "places": places,
    "times": times,
    "claims": claims,
    "events": events,
}

# People and units across documents (kronika.people, docs/people.md). A person's id
# is kept for as long as any document links to it; the links carry no foreign key to
# documents, because re-saving a document unlinks its entities itself (to take their
# keys off their people) after the store has deleted the old rows.
people = Table(
    "people",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("documents", Integer, nullable=False, default=0),
    Column("quotes", Integer, nullable=False, default=0),
    sqlite_with_rowid=False,
)
Index("ix_people_documents", people.c.documents)
# What a person is known by: lookup keys (kind k), attributes compared before a merge
# (kind a), units a one-word name was seen with (w) and display forms (alias, cstext,
# desc, n), each with how many documents give it (docs/people.md).
person_keys = Table(
    "person_keys",
    metadata,
    Column("person_id", String(16), primary_key=True),
    Column("kind", String(8), primary_key=True),
    Column("value", Text, primary_key=True),
    Column("docs", Integer, nullable=False),
    sqlite_with_rowid=False,  # the key is the row: one b-tree less to write per key
)
# Only lookup keys are found by value (linking) and only words and attributes are
# searched (`kronika people QUERY`): partial indexes, so that the other keys a save
# writes (most are "seen with" and display rows) cost no index entry.
PERSON_KEYS_LOOKUP = "kind = 'k'"
PERSON_KEYS_SEARCHED = "kind IN ('n', 'a')"  # read.py's query repeats this term as is
Index(
    "ix_person_keys_k",
    person_keys.c.value,
    sqlite_where=text(PERSON_KEYS_LOOKUP),
    postgresql_where=text(PERSON_KEYS_LOOKUP),
)
Index(
    "ix_person_keys_search",
    person_keys.c.kind,
    person_keys.c.value,
    sqlite_where=text(PERSON_KEYS_SEARCHED),
    postgresql_where=text(PERSON_KEYS_SEARCHED),
)
# One row per linked entity: which person, why, and the keys it gave that person.
person_links = Table(
    "person_links",
    metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("entity_id", String(16), primary_key=True),
    Column("person_id", String(16), nullable=False),
    Column("story_id", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("entity_key", Text, nullable=False),  # identity.Profile.key: type and folded name
    Column("reason", Text, nullable=False),
    Column("quotes", Integer, nullable=False, default=0),
    Column("keys", Text, nullable=False),
    sqlite_with_rowid=False,
)
Index("ix_person_links_person", person_links.c.person_id, person_links.c.doc_id)
Index("ix_person_links_story", person_links.c.story_id, person_links.c.person_id)
# Manual merges and splits, append-only: who decided what, when and why.
person_overrides = Table(
    "person_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(8), nullable=False),
    Column("person_id", String(16), nullable=False),
    Column("other_id", String(16)),
    Column("refs", Text, nullable=False),
    Column("by", Text, nullable=False),
    Column("note", Text),
    Column("at", String(32), nullable=False),
)
# The entities an override assigns to a person, by document and folded name (entity
# ids may change when a document is analysed again); the latest override wins.
person_pins = Table(
    "person_pins",
    metadata,
    Column("override_id", Integer, nullable=False),
    Column("doc_id", String(64), nullable=False),
    Column("entity_key", Text, nullable=False),
    Column("person_id", String(16), nullable=False),
)
Index("ix_person_pins_doc", person_pins.c.doc_id)

PEOPLE_TABLES = (people, person_keys, person_links, person_overrides, person_pins)
