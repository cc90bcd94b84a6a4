"""The store: SQLite by default (``./kronika.db``), through SQLAlchemy Core.

Each document is saved in its own transaction, replacing any facts an earlier
analysis of the same text left, so a failure leaves what was stored intact.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import create_engine, delete, event, func, insert, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from kronika import dedup
from kronika import people as people_links
from kronika.hashing import text_hash
from kronika.pipeline_version import PIPELINE_VERSION
from kronika.records import Document
from kronika.store import schema
from kronika.store.migrations import MIGRATIONS, migrate
from kronika.store.rows import document_row, dumps, fact_rows
from kronika.store.search import SearchSyntaxError, search

DEFAULT_DB = "kronika.db"
WAL_CHECKPOINT_PAGES = 10_000
# What every read shows: the reviewed record where people corrected it, else the
# machine's (kronika.review; the one place reads choose between them).
REVIEWED_RECORD = func.coalesce(schema.documents.c.reviewed, schema.documents.c.record)
BUSY_TIMEOUT_MS = 10_000  # how long to wait for another writer before "locked"
EXTRA_PRAGMAS: list[str] = []  # tests simulate read-only and full stores with these


class StoreError(Exception):
    """The store cannot be opened, read or written: one plain sentence, for the CLI's
    ``error: <store>: <reason>`` line (exit code ``EXIT_CODE``)."""

    EXIT_CODE = 3

    def __init__(self, db: str | Path, reason: str):
        super().__init__(f"{db}: {reason}")
        self.db, self.reason = str(db), reason


class StoredDateConflict(ValueError):
    """Saving would change the publication date of a document already stored."""


def open_store(db: str | Path = DEFAULT_DB, create: bool = False) -> Store:
    """The store at ``db``, checked: a missing SQLite file is an error unless
    ``create`` (only ``analyze``, ``ingest`` and ``init`` create stores); a
    directory, a missing folder, a file that is not a kronika store, a locked or
    unreadable one each raise :class:`StoreError` with a plain reason."""
    if "://" not in str(db):
        _check_path(Path(db).expanduser(), db, create)
    try:
        return Store(db, create=create)
    except StoreError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(db, describe(exc)) from None


def _check_path(path: Path, db: str | Path, create: bool) -> None:
    if path.is_dir():
        raise StoreError(db, "is a directory, not a store file")
    if not path.parent.is_dir():
        raise StoreError(db, f"no such directory {str(path.parent)!r}")
    if not path.exists() and not create:
        raise StoreError(
            db, "no store here (a typo? `kronika init` creates one; analyze and ingest too)"
        )
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise StoreError(db, "not a kronika store (not an SQLite database)")


def describe(exc: BaseException) -> str:
    """A plain reason for a database or file error (no SQL, no traceback)."""
    orig = getattr(exc, "orig", None) or exc
    message = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    lowered = message.lower()
    for needle, reason in (
        ("locked", "locked by another program; wait for it to finish and try again"),
        ("readonly", "read-only: kronika cannot write to it"),
        ("read-only", "read-only: kronika cannot write to it"),
        ("disk is full", "the disk is full"),
        ("no space left", "the disk is full"),
        ("not a database", "not a kronika store (not an SQLite database)"),
        ("malformed", "the database file is damaged (malformed)"),
        ("unable to open", "cannot open the file (check the path and permissions)"),
        ("permission denied", "permission denied"),
        ("connection refused", "cannot connect to the database server (connection refused)"),
        ("password authentication failed", "the database server refused the password"),
    ):
        if needle in lowered:
            return reason
    return message if len(message) <= 200 else message[:199] + "…"


def engine_for(db: str | Path) -> Engine:
    """SQLite for a path; any SQLAlchemy URL otherwise (postgresql:// uses psycopg 3)."""
    url = str(db)
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    elif url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL survives a killed process; only power loss may drop the last commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Checkpoint every ~40 MB of WAL rather than 4 MB: each checkpoint syncs the
    # file, and index pages rewritten by many saves are copied back once.
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    for pragma in EXTRA_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


class Store:
    """``Store(db)`` opens (and creates) the store unchecked; callers facing users
    use :func:`open_store`, which says plainly what is wrong."""

    def __init__(self, db: str | Path = DEFAULT_DB, create: bool = True):
        self.engine = engine_for(db)
        self.db = str(db)
        try:
            self.schema_version = self._up_to_date(create)
        except BaseException:
            self.engine.dispose()
            raise

    def _up_to_date(self, create: bool) -> int:
        """The schema version, migrating first when needed: a store already at the
        latest version is only read, so a read-only store can still be read."""
        with self.engine.connect() as conn:
            version, tables = _schema_state(conn)
        if version == len(MIGRATIONS):
            return version
        if version is None and tables and self.engine.dialect.name == "sqlite":
            # Never add kronika's tables to another program's SQLite file.
            raise StoreError(self.db, "not a kronika store (a database of something else)")
        with self.engine.begin() as conn:
            return migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def save(
        self, doc: Document, pipeline_version: str = PIPELINE_VERSION, redate: bool = False
    ) -> str:
        """Store one document and its facts in one transaction; returns its story id.
        Replacing a stored document's publication date (its times were resolved
        against it) raises :class:`StoredDateConflict` unless ``redate``."""
        raw = dumps(doc)
        record = orjson.loads(raw)
        fingerprint = dedup.Fingerprint.of(doc.text)
        from kronika.review.table import review_of, write_status  # it imports the store

        with self.engine.begin() as conn:
            if not redate:
                _check_date(conn, doc)
            self._delete(conn, doc.id)
            story = _story_for(conn, doc.id, fingerprint)
            row = document_row(record, pipeline_version, story, raw)
            # People's corrections apply again to the new machine record (kronika.review).
            reviewed = review_of(conn, record)
            if reviewed is not None:
                row["reviewed"] = dumps(reviewed.record)
            conn.execute(insert(schema.documents), row)
            for name, rows in fact_rows(reviewed.record if reviewed else record).items():
                if rows:
                    conn.execute(insert(schema.FACT_TABLES[name]), rows)
            if reviewed is not None:  # no corrections, no status rows to replace
                write_status(conn, doc.id, reviewed)
            _save_fingerprint(conn, doc.id, fingerprint)
            if conn.dialect.name == "sqlite":
                conn.execute(
                    text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:id, :t, :x)"),
                    {"id": doc.id, "t": doc.title or "", "x": doc.text},
                )
            people_links.link_document(conn, doc, story)  # sets doc's Entity.person
        return story

    def _delete(self, conn: Connection, doc_id: str) -> None:
        docs = schema.documents
        if conn.execute(select(docs.c.id).where(docs.c.id == doc_id)).first() is None:
            return  # a new document: nothing to replace
        for table in (*schema.FACT_TABLES.values(), schema.bands, schema.signatures):
            conn.execute(delete(table).where(table.c.doc_id == doc_id))
        conn.execute(delete(schema.documents).where(schema.documents.c.id == doc_id))
        if conn.dialect.name == "sqlite":
            conn.execute(text("DELETE FROM documents_fts WHERE doc_id = :id"), {"id": doc_id})

    def has(self, text_hash: str, pipeline_version: str = PIPELINE_VERSION) -> bool:
        """Whether this text is stored, analysed by this pipeline version."""
        docs = schema.documents
        query = select(docs.c.id).where(
            docs.c.text_hash == text_hash, docs.c.pipeline_version == pipeline_version
        )
        with self.engine.connect() as conn:
            return conn.execute(query.limit(1)).first() is not None

    def get(self, doc_id: str, machine: bool = False) -> Document | None:
        """A stored document by id, or by a unique id prefix: the reviewed record
        (people's corrections applied), or with ``machine`` the machine's own."""
        docs = schema.documents
        column = docs.c.record if machine else REVIEWED_RECORD
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(column.label("record"))
                .where(docs.c.id.startswith(doc_id, autoescape=True))
                .limit(2)
            ).all()
            if len(rows) != 1:
                return None
            record = orjson.loads(rows[0].record)
            people_links.fill(conn, [record])
        return Document.from_dict(record)

    def full_id(self, doc_id: str) -> str | None:
        """The one stored id that is ``doc_id`` or starts with it."""
        docs = schema.documents
        with self.engine.connect() as conn:
            exact = conn.execute(select(docs.c.id).where(docs.c.id == doc_id)).first()
            if exact:
                return exact.id
            rows = conn.execute(
                select(docs.c.id).where(docs.c.id.startswith(doc_id, autoescape=True)).limit(2)
            ).all()
        return rows[0].id if len(rows) == 1 else None

    def documents(self, stale_for: str | None = None) -> Iterator[Document]:
        """Every stored document, in a stable order; with ``stale_for``, only those
        analysed by another pipeline version."""
        docs = schema.documents
        query = select(REVIEWED_RECORD.label("record")).order_by(docs.c.published, docs.c.id)
        if stale_for is not None:
            query = query.where(docs.c.pipeline_version != stale_for)
        with self.engine.connect() as conn, self.engine.connect() as links:
            for rows in conn.execution_options(yield_per=200).execute(query).partitions():
                records = [orjson.loads(row.record) for row in rows]
                people_links.fill(links, records)  # Entity.person is joined at read time
                for record in records:
                    yield Document.from_dict(record)

    def ids(self, stale_for: str | None = None) -> list[str]:
        """Ids of stored documents (only those of another pipeline version with
        ``stale_for``); a list, so callers may write while they go through it."""
        docs = schema.documents
        query = select(docs.c.id).order_by(docs.c.id)
        if stale_for is not None:
            query = query.where(docs.c.pipeline_version != stale_for)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def count(self, stale_for: str | None = None) -> int:
        docs = schema.documents
        query = select(func.count()).select_from(docs)
        if stale_for is not None:
            query = query.where(docs.c.pipeline_version != stale_for)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar() or 0

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search (words, "phrases", prefix*, AND/OR/NOT)."""
        with self.engine.connect() as conn:
            return search(conn, query, limit, offset)

    def stories(self) -> list[dict[str, Any]]:
        """Each story (a group of near-duplicate reports) with its sources."""
        docs = schema.documents
        query = select(docs.c.story_id, docs.c.id, docs.c.source, docs.c.title).order_by(
            docs.c.story_id, docs.c.published, docs.c.id
        )
        stories: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                story = stories.setdefault(
                    row.story_id,
                    {"story": row.story_id, "title": row.title, "documents": [], "sources": []},
                )
                story["documents"].append(row.id)
                if row.source and row.source not in story["sources"]:
                    story["sources"].append(row.source)
        return list(stories.values())

    def count_facts(self, kind: str, per: str = "story") -> int:
        """How many facts of ``kind`` (e.g. events, claims), counting each story
        once (``per="story"``: the facts of its first report) or every report."""
        table, docs = schema.FACT_TABLES[kind], schema.documents
        query = select(func.count()).select_from(table.join(docs, docs.c.id == table.c.doc_id))
        if per == "story":
            query = query.where(docs.c.id == docs.c.story_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar() or 0


def _check_date(conn: Connection, doc: Document) -> None:
    docs = schema.documents
    stored = conn.execute(select(docs.c.published).where(docs.c.id == doc.id)).first()
    if stored is None or not stored.published or stored.published == doc.published:
        return  # new, or a date only added where there was none
    raise StoredDateConflict(
        f"already stored with publication date {stored.published}; this input gives "
        f"{doc.published or 'none'} (pass --redate to change it)"
    )


def _schema_state(conn: Connection) -> tuple[int | None, bool]:
    """(the schema version or None when there is no version table, whether any
    table exists)."""
    from sqlalchemy import inspect

    names = inspect(conn).get_table_names()
    if "schema_version" not in names:
        return None, bool(names)
    return int(conn.execute(text("SELECT max(version) FROM schema_version")).scalar() or 0), True


# One (band, key) equality per band, OR-ed: SQLite looks each up in ix_bands_key,
# where a row-value IN list made it scan every band, so each save grew slower with
# the archive. Written out once per number of keys (words alone, or words and
# anchors): building it per save was a tenth of saving. Only signatures are read
# here: a candidate's story_id lies past its text in the documents row, and reading
# it for every candidate walked that text's overflow pages.
@lru_cache(maxsize=2)
def _candidates(keys: int):
    return text(
        "SELECT doc_id, signature FROM signatures WHERE doc_id != :doc_id AND doc_id IN "
        "(SELECT doc_id FROM bands WHERE "
        + " OR ".join(f"(band = :b{n} AND key = :k{n})" for n in range(keys))
        + ")"
    )


_STORY = text("SELECT story_id FROM documents WHERE id = :id")


def candidates_query(doc_id: str, keys: list[tuple[int, int]]):
    """Stored documents sharing a band key with ``keys``."""
    values = {}
    for n, (band, key) in enumerate(keys):
        values[f"b{n}"], values[f"k{n}"] = band, key
    return _candidates(len(keys)).bindparams(doc_id=doc_id, **values)


def _story_for(conn: Connection, doc_id: str, fingerprint: dedup.Fingerprint) -> str:
    """The story of the stored document that most looks like the same story (the
    first by id among equals), or a new one."""
    rows = conn.execute(candidates_query(doc_id, fingerprint.keys)).all()
    scores = fingerprint.scores([r.signature for r in rows])
    scored = sorted(zip([r.doc_id for r in rows], scores, strict=True))
    best = max(scored, key=lambda pair: pair[1], default=None)  # max keeps the first of equals
    if best is None or best[1] < 1:
        return doc_id
    return conn.execute(_STORY, {"id": best[0]}).scalar_one()


def _save_fingerprint(conn: Connection, doc_id: str, fingerprint: dedup.Fingerprint) -> None:
    signature = fingerprint.to_bytes()
    conn.execute(insert(schema.signatures), {"doc_id": doc_id, "signature": signature})
    conn.execute(
        insert(schema.bands),
        [{"doc_id": doc_id, "band": b, "key": k} for b, k in fingerprint.keys],
    )


__all__ = [
    "DEFAULT_DB",
    "SearchSyntaxError",
    "Store",
    "StoreError",
    "StoredDateConflict",
    "describe",
    "open_store",
    "text_hash",
]
