"""The HTML pages: documents, one document, entities, map, timeline, add an article."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kronika.web import highlight, queries, review
from kronika.web.api import DateFrom, DateTo, DocId, parse_bbox
from kronika.web.queries import Area, DocumentFilter
from kronika.web.security import CSRF_FIELD, check_write

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
SEARCH_PER_PAGE = 20  # each result reads its text for a snippet
PageNumber = Annotated[int, Query(ge=1, le=100_000)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def pager(request: Request, page: queries.Page, number: int) -> dict[str, str | None]:
    """Links to the previous and next pages, keeping the other query parameters."""
    params = dict(request.query_params)

    def link(n: int) -> str:
        return "?" + urlencode({**params, "page": n})

    return {
        "previous": link(number - 1) if page.has_previous else None,
        "next": link(number + 1) if page.has_next else None,
        "first": page.offset + 1 if page.items else 0,
        "last": page.offset + len(page.items),
        "total": page.total,
        "capped": page.total >= page.cap,
    }


@router.get("/")
async def documents(
    request: Request,
    q: str = "",
    source: str = "",
    date_from: DateFrom = "",
    date_to: DateTo = "",
    person: str = "",
    place: str = "",
    review: str = "",
    page: PageNumber = 1,
) -> Response:
    if review and review not in queries.REVIEW_CLAUSES:
        raise HTTPException(400, f"review must be one of {', '.join(queries.REVIEW_CLAUSES)}")
    flt = DocumentFilter(q.strip(), source, date_from, date_to, person, place, review)
    engine = request.app.state.engine
    per_page = SEARCH_PER_PAGE if flt.q else PER_PAGE
    try:
        found = queries.documents(engine, flt, per_page, (page - 1) * per_page)
    except queries.SearchSyntaxError as exc:
        return render(
            request, "documents.html", 400, flt=flt, error=str(exc), docs=[], pages=None, sources=[]
        )
    return render(
        request,
        "documents.html",
        flt=flt,
        error=None,
        docs=found.items,
        order=found.order,
        pages=pager(request, found, page),
        sources=queries.sources(engine),
    )


def safe_url(url: str | None) -> str | None:
    """An article's URL only if it is plain http(s): never ``javascript:`` or ``data:``."""
    if url and re.match(r"^https?://[^\s]+$", url, re.IGNORECASE):
        return url
    return None


@router.get("/documents/{doc_id}")
async def document(request: Request, doc_id: str, show: str = "all") -> Response:
    record = queries.record(request.app.state.engine, doc_id)
    if record is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    if show not in review.SHOW:
        raise HTTPException(400, f"show must be one of {', '.join(review.SHOW)}")
    facts, targets = review.document_facts(record, show)  # people's corrections: filters
    counts = {kind: len(record.get(kind) or []) for kind in highlight.KINDS}
    panel = highlight.panel_data(record["text"], facts)
    panel["targets"], panel["review"] = targets, review.context(request, record)
    return render(
        request,
        "document.html",
        doc=record,
        url=safe_url(record.get("url")),
        text_html=highlight.html(highlight.segments(record["text"], facts)),
        panel=panel,
        speakers=highlight.speakers(record),
        counts=counts,
        show=show,
        shows=review.SHOW,
        history=review.history(request.app.state.engine, record["id"]),
        review=panel["review"],
    )


@router.get("/entities")
async def entities(request: Request, type: str = "", page: PageNumber = 1) -> Response:
    found = queries.entities(request.app.state.engine, type, PER_PAGE, (page - 1) * PER_PAGE)
    return render(
        request, "entities.html", kind=type, rows=found.items, pages=pager(request, found, page)
    )


@router.get("/entities/{name}")
async def entity(request: Request, name: str) -> Response:
    found = queries.entity(request.app.state.engine, name)
    if not (found["appearances"] or found["quotes"].items or found["claims"].items):
        raise HTTPException(404, f"nothing is known about {name!r}")
    mode = request.app.state.review
    reviewer = review.reviewers.current(request) if mode else None
    return render(request, "entity.html", entity=found, review=mode is not None, reviewer=reviewer)


@router.get("/people")
async def people(request: Request, q: str = "", type: str = "", page: PageNumber = 1) -> Response:
    found = queries.people(request.app.state.engine, q, type, PER_PAGE, (page - 1) * PER_PAGE)
    return render(
        request,
        "entity_people.html",
        q=q,
        kind=type,
        rows=found.items,
        pages=pager(request, found, page),
    )


@router.get("/people/{person_id}")
async def person(request: Request, person_id: str) -> Response:
    found = queries.person(request.app.state.engine, person_id)
    if found is None:
        raise HTTPException(404, f"no person with id {person_id!r}")
    mode = request.app.state.review
    reviewer = review.reviewers.current(request) if mode else None
    return render(
        request, "entity_person.html", person=found, review=mode is not None, reviewer=reviewer
    )


# What an ACLED geo-precision code means to a reader (docs/places.md).
PRECISION_LABELS = {1: "town", 2: "near a town / part of a region", 3: "region or country"}


@router.get("/map")
async def map_page(
    request: Request,
    date_from: DateFrom = "",
    date_to: DateTo = "",
    doc: DocId = "",
    place: Annotated[int, Query(ge=0, le=1_000_000)] = -1,
) -> Response:
    """The archive's map, or with ``doc`` one document's map: only its own places and
    events, each at its own coordinates, and the names it could not place beside."""
    focus, listed = None, []
    if doc:
        record = queries.record(request.app.state.engine, doc)
        if record is None:
            raise HTTPException(404, f"no document with id {doc!r}")
        listed = record.get("places") or []
        if 0 <= place < len(listed) and listed[place].get("lat") is not None:
            focus = listed[place]
    bounds = {"doc": doc} if doc else {"from": date_from, "to": date_to}
    params = urlencode({k: v for k, v in bounds.items() if v})
    return render(
        request,
        "map.html",
        date_from=date_from,
        date_to=date_to,
        focus=focus,
        doc=doc,
        placed=[p for p in listed if p.get("lat") is not None],
        unplaced=[p for p in listed if p.get("lat") is None],
        precision_labels=PRECISION_LABELS,
        places_api="/api/places?" + params,
        events_api="/api/events?" + params,
        has_leaflet=set(request.app.state.vendor) == {"leaflet", "markercluster"},
    )


@router.get("/timeline")
async def timeline(
    request: Request,
    actor: str = "",
    place: str = "",
    date_from: DateFrom = "",
    date_to: DateTo = "",
    bbox: str = "",
    page: PageNumber = 1,
) -> Response:
    area = Area(date_from, date_to, parse_bbox(bbox))
    found = queries.events(
        request.app.state.engine,
        area,
        actor,
        place,
        PER_PAGE,
        (page - 1) * PER_PAGE,
    )
    return render(
        request,
        "timeline.html",
        events=found.items,
        pages=pager(request, found, page),
        actor=actor,
        place=place,
        date_from=date_from,
        date_to=date_to,
    )


@router.get("/add")
async def add_form(request: Request) -> Response:
    return render(request, "add.html", error=None, form={}, limit=request.app.state.article_limit)


@router.post("/add")
async def add(request: Request) -> Response:
    limit = request.app.state.article_limit
    async with request.form(max_files=1, max_fields=8, max_part_size=limit * 4) as form:
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        upload = form.get("file")
        raw = await upload.read() if isinstance(upload, UploadFile) and upload.filename else b""
    check_write(request, fields.get(CSRF_FIELD))
    text, error = fields.get("text", ""), None
    if raw:
        from kronika.ingest.decode import DecodeError, decode

        try:
            text = decode(raw)
        except DecodeError as exc:
            error = f"the uploaded file is not text: {exc}"
    published = fields.get("published", "").strip()
    if error is None:
        error = _problem(text, published, limit)
    if error:
        context = {"error": error, "form": fields, "limit": limit}
        return render(request, "add.html", 400, **context)
    from kronika.pipeline import NoArticle

    try:
        doc_id = await run_in_threadpool(
            _analyse_and_save,
            request.app.state.store,
            text,
            published,
            fields.get("title", "").strip() or None,
            fields.get("source", "").strip() or None,
        )
    except NoArticle as exc:
        return render(request, "add.html", 400, error=str(exc), form=fields, limit=limit)
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


def _problem(text: str, published: str, limit: int) -> str | None:
    if not text.strip():
        return "paste the article's text or choose a file"
    if len(text) > limit:
        return f"the article is {len(text):,} characters long; the limit is {limit:,}"
    from kronika.ingest.values import BadValue, iso_date

    try:
        iso_date(published)
    except BadValue as exc:
        return f"publication date: {exc}"
    return None


def _analyse_and_save(
    store, text: str, published: str, title: str | None, source: str | None
) -> str:
    from kronika.ingest import Item
    from kronika.pipeline import analyze, load

    doc = analyze(
        Item(name="web", text=text, published=published, title=title, source=source), load()
    )
    store.save(doc)
    return doc.id


@router.get("/api/docs")
async def api_docs(request: Request) -> Response:
    """The OpenAPI description, rendered on the server (no CDN, no inline script)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "parameters": [
                        {
                            "name": p.get("name"),
                            "in": p.get("in"),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                            "type": (p.get("schema") or {}).get("type", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                }
            )
    return render(request, "api.html", endpoints=endpoints, spec=spec)
