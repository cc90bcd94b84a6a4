"""The JSON API. Facts come in the record format of ``kronika analyze``; lists are
paginated with ``limit`` and ``offset`` and say their ``total`` and ``next`` page."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from kronika.web import queries
from kronika.web.queries import Area, DocumentFilter, Page


class JSON(JSONResponse):
    """JSON written by orjson. Endpoints return it themselves, so FastAPI neither
    validates nor re-encodes a large record (that took most of a request's time)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


router = APIRouter(prefix="/api", tags=["api"], default_response_class=JSON)

MAX_OFFSET = 10_000_000  # past any real archive; larger numbers overflow SQL integers
# A date bound is a year, a month or a day: YYYY, YYYY-MM or YYYY-MM-DD.
DATE_BOUND = r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"
Limit = Annotated[int, Query(ge=1, le=500, description="How many items per page.")]
Offset = Annotated[
    int, Query(ge=0, le=MAX_OFFSET, description="How many items to skip (at most 10,000,000).")
]
DateFrom = Annotated[
    str, Query(alias="from", pattern=DATE_BOUND, description="Earliest date, YYYY[-MM[-DD]].")
]
DateTo = Annotated[
    str,
    Query(alias="to", pattern=DATE_BOUND, description="Latest date, YYYY[-MM[-DD]], inclusive."),
]
Bbox = Annotated[str, Query(description="west,south,east,north in degrees.")]
DocId = Annotated[
    str,
    Query(
        max_length=64,
        pattern=r"^[0-9A-Za-z_.-]*$",
        description="Only this document's facts (its id, as /api/documents gives it).",
    ),
]


def paged(request: Request, page: Page) -> JSON:
    following = None
    if page.has_next:
        following = str(request.url.include_query_params(offset=page.offset + page.limit))
    return JSON(
        {
            "total": page.total,
            "limit": page.limit,
            "offset": page.offset,
            "next": following,
            **({"order": page.order} if page.order else {}),
            "items": page.items,
        }
    )


def parse_bbox(bbox: str) -> tuple[float, float, float, float] | None:
    if not bbox:
        return None
    try:
        west, south, east, north = (float(v) for v in bbox.split(","))
    except ValueError:
        raise HTTPException(400, "bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(
            400, "bbox out of range: want west<=east in [-180,180], south<=north in [-90,90]"
        )
    return west, south, east, north


def area(request: Request, date_from: str, date_to: str, bbox: str, doc: str) -> Area:
    """The filters of a map query; an unknown document is a 404, not an empty map."""
    if doc and not queries.has_document(request.app.state.engine, doc):
        raise HTTPException(404, f"no document with id {doc!r}")
    return Area(date_from, date_to, parse_bbox(bbox), doc)


Full = Annotated[
    bool, Query(description="Give each document's full record (as `kronika analyze` prints it).")
]


def _documents(request: Request, flt: DocumentFilter, limit: int, offset: int, full: bool) -> JSON:
    engine = request.app.state.engine
    page = queries.documents(engine, flt, limit, offset)
    for item in page.items:
        if item["snippet"] is not None:
            item["snippet"] = [{"text": t, "match": m} for t, m in item["snippet"]]
        if full:
            item["record"] = queries.record(engine, item["id"])
    return paged(request, page)


@router.get("/documents", summary="Stored documents, newest first (or best match with q)")
async def list_documents(
    request: Request,
    q: Annotated[str, Query(description='Full-text query: words, "a phrase", prefix*.')] = "",
    source: str = "",
    date_from: DateFrom = "",
    date_to: DateTo = "",
    person: Annotated[
        str, Query(description="An entity named in, or quoted in, the document.")
    ] = "",
    place: Annotated[str, Query(description="A place named in the document.")] = "",
    review: Annotated[
        str,
        Query(
            pattern="^(|reviewed|unreviewed|rejected)$",
            description="reviewed, unreviewed, or rejected (with a fact people rejected).",
        ),
    ] = "",
    limit: Limit = 50,
    offset: Offset = 0,
    full: Full = False,
) -> JSON:
    flt = DocumentFilter(q, source, date_from, date_to, person, place, review)
    return _documents(request, flt, limit, offset, full)


@router.get(
    "/documents/{doc_id}", summary="One document's full record, as `kronika analyze` prints it"
)
async def get_document(request: Request, doc_id: str) -> JSON:
    record = queries.record(request.app.state.engine, doc_id)
    if record is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return JSON(record)


@router.get("/search", summary='Full-text search (FTS5: words, "phrases", prefix*, AND/OR/NOT)')
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, description='Words, "a phrase", prefix*.')],
    limit: Limit = 20,
    offset: Offset = 0,
    full: Full = False,
) -> JSON:
    return _documents(request, DocumentFilter(q=q), limit, offset, full)


@router.get("/quotes", summary="Quotes, optionally by one speaker")
async def list_quotes(
    request: Request,
    speaker: Annotated[str, Query(description="Speaker name, exactly.")] = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSON:
    return paged(request, queries.quotes(request.app.state.engine, speaker, limit, offset))


@router.get("/places", summary="Located places, filterable by date, bounding box and document")
async def list_places(
    request: Request,
    date_from: DateFrom = "",
    date_to: DateTo = "",
    bbox: Bbox = "",
    name: str = "",
    doc: DocId = "",
    limit: Limit = 100,
    offset: Offset = 0,
) -> JSON:
    where = area(request, date_from, date_to, bbox, doc)
    return paged(request, queries.places(request.app.state.engine, where, name, limit, offset))


@router.get(
    "/events", summary="Events with their place and time, filterable by date, bbox, actor, document"
)
async def list_events(
    request: Request,
    date_from: DateFrom = "",
    date_to: DateTo = "",
    bbox: Bbox = "",
    actor: str = "",
    place: str = "",
    doc: DocId = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSON:
    where = area(request, date_from, date_to, bbox, doc)
    page = queries.events(request.app.state.engine, where, actor, place, limit, offset)
    return paged(request, page)


@router.get("/entities", summary="Named entities across documents, most documents first")
async def list_entities(
    request: Request,
    type: Annotated[str, Query(description="PERSON, ORG, GPE, NORP…")] = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSON:
    return paged(request, queries.entities(request.app.state.engine, type, limit, offset))


@router.get("/people", summary="People and units across documents, most documents first")
async def list_people(
    request: Request,
    q: Annotated[
        str, Query(description="Words of a name or call sign, any spelling; or a person id.")
    ] = "",
    type: Annotated[str, Query(description="PERSON or UNIT.")] = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSON:
    return paged(request, queries.people(request.app.state.engine, q, type, limit, offset))


@router.get(
    "/people/{person_id}",
    summary="One person or unit: its names, and every quote, claim, event and description",
)
async def get_person(request: Request, person_id: str) -> JSON:
    found = queries.person(request.app.state.engine, person_id)
    if found is None:
        raise HTTPException(404, f"no person with id {person_id!r}")
    return JSON(found)
