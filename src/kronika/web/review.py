"""People correct the record in the browser and through the JSON API.

Every write here is a POST that passes three checks before anything is stored:
review is on (``kronika serve --review``), the request is same-origin and carries
the CSRF token (:func:`kronika.web.security.check_write`), and a signed-in
reviewer with the right to write is its author. Anything else is a 403, never a
silent no-op; a bad value is a 400 with its reason, a stale page a 409.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote as urlquote

import orjson
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kronika.review import table
from kronika.review.corrections import MAX_NOTE, CorrectionError
from kronika.review.write import Conflict, NotFound, correct
from kronika.web import reviewers
from kronika.web.api import JSON
from kronika.web.security import CSRF_FIELD, WriteRefused, check_write, csrf_token

router = APIRouter()
FORM_FIELDS = ("target", "action", "value", "name", "note", "start", "end", "by", CSRF_FIELD)
PEOPLE_TYPES = ("PERSON", "UNIT", "ORG", "NORP")
MAX_FORM_PART = 4 * MAX_NOTE + 10_000


def _render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


# --- who writes ---------------------------------------------------------------------


def author_of(request: Request, token: str | None, claimed: str | None = None) -> str:
    """The author of a write, or WriteRefused (403) saying why there is none."""
    if request.app.state.review is None:
        raise WriteRefused("this server is read-only: start it with `kronika serve --review`")
    check_write(request, token)
    reviewer = reviewers.current(request)
    if reviewer is None:
        raise WriteRefused("sign in first: /review/login")
    if not reviewer.can_write:
        raise WriteRefused(f"{reviewer.name} has a read-only account")
    if claimed and claimed.strip() != reviewer.name:
        raise WriteRefused("the author of a correction is the signed-in reviewer, not a form field")
    return reviewer.name


def context(request: Request, record: dict[str, Any]) -> dict[str, Any]:
    """What the document page's script needs to offer corrections."""
    mode = request.app.state.review
    reviewer = reviewers.current(request) if mode else None
    people = [
        {"id": e["id"], "name": e["name"], "type": e["type"]}
        for e in record.get("entities") or []
        if e.get("type") in PEOPLE_TYPES
    ]
    return {
        "enabled": mode is not None,
        "reviewer": reviewer.name if reviewer else None,
        "can_write": bool(reviewer and reviewer.can_write),
        "csrf": csrf_token(request) if mode else None,
        "doc": record["id"],
        "people": people,
        "login": "/review/login?next=" + urlquote(f"/documents/{record['id']}", safe=""),
    }


def history(engine, doc_id: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return table.listed(conn, doc_id)


# --- the browser's forms ----------------------------------------------------------------


async def _form(request: Request) -> dict[str, str]:
    async with request.form(max_files=0, max_fields=20, max_part_size=MAX_FORM_PART) as form:
        return {k: v for k, v in form.items() if isinstance(v, str) and k in FORM_FIELDS}


def _values(fields: dict[str, str]) -> list[str]:
    """The value of a correction: a typed name wins over one picked from the list."""
    typed = (fields.get("name") or "").strip()
    value = typed or (fields.get("value") or "").strip()
    return (
        value.split(" ", 1)
        if fields.get("action") == "add" and value
        else ([value] if value else [])
    )


def _expect(fields: dict[str, str]) -> tuple[int, int] | None:
    start, end = fields.get("start", ""), fields.get("end", "")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else None


@router.post("/documents/{doc_id}/corrections", include_in_schema=False)
async def correct_form(request: Request, doc_id: str) -> Response:
    fields = await _form(request)
    author = author_of(request, fields.get(CSRF_FIELD), fields.get("by"))
    try:
        made = await run_in_threadpool(
            correct,
            request.app.state.store,
            doc_id,
            fields.get("target", ""),
            fields.get("action", ""),
            _values(fields),
            author,
            fields.get("note"),
            None,
            _expect(fields),
        )
    except CorrectionError as exc:
        raise HTTPException(_status(exc), f"{fields.get('target', '')}: {exc}") from None
    return RedirectResponse(f"/documents/{made.doc_id}#corrected-{made.id}", status_code=303)


def _status(exc: CorrectionError) -> int:
    return 409 if isinstance(exc, Conflict) else 404 if isinstance(exc, NotFound) else 400


@router.post("/entities/{name}/corrections", include_in_schema=False)
async def entity_form(request: Request, name: str) -> Response:
    """Merge or split a person or unit (``kronika.people`` applies them across documents)."""
    fields = await _form(request)
    author = author_of(request, fields.get(CSRF_FIELD), fields.get("by"))
    doc_id, _, index = (fields.get("target") or "").partition("/entities/")
    await _correct_entity(request, fields, author, doc_id, index)
    return RedirectResponse("/entities/" + urlquote(name, safe=""), status_code=303)


@router.post("/people/{person_id}/corrections", include_in_schema=False)
async def person_form(request: Request, person_id: str) -> Response:
    """Merge a person or unit with another, or split one document's entity off it."""
    from kronika.web import queries

    fields = await _form(request)
    author = author_of(request, fields.get(CSRF_FIELD), fields.get("by"))
    doc_id, _, entity_id = (fields.get("target") or "").partition(":")
    record = queries.record(request.app.state.engine, doc_id) if doc_id else None
    ids = [e.get("id") for e in (record or {}).get("entities") or []]
    if entity_id not in ids:
        raise HTTPException(400, f"{doc_id}:{entity_id}: no such entity")
    await _correct_entity(request, fields, author, doc_id, ids.index(entity_id))
    return RedirectResponse("/people/" + urlquote(person_id, safe=""), status_code=303)


async def _correct_entity(request: Request, fields, author: str, doc_id: str, index) -> None:
    """One merge or split of a document's entity N, as the forms post it."""
    try:
        await run_in_threadpool(
            correct,
            request.app.state.store,
            doc_id,
            f"entities/{index}",
            fields.get("action", ""),
            _values(fields),
            author,
            fields.get("note"),
        )
    except CorrectionError as exc:
        raise HTTPException(_status(exc), str(exc)) from None


@router.get("/review/login", include_in_schema=False)
async def login_form(request: Request, next: str = "/") -> Response:
    mode = request.app.state.review
    if mode is None:
        raise HTTPException(404, "this server is read-only: start it with `kronika serve --review`")
    return _render(request, "review_login.html", shared=mode.shared, next=_local(next), error=None)


@router.post("/review/login", include_in_schema=False)
async def login(request: Request) -> Response:
    mode = request.app.state.review
    if mode is None:
        raise WriteRefused("this server is read-only: start it with `kronika serve --review`")
    async with request.form(max_files=0, max_fields=6, max_part_size=4096) as form:
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
    check_write(request, fields.get(CSRF_FIELD))
    target = _local(fields.get("next", "/"))
    name, error = await run_in_threadpool(
        _sign_in, mode, fields.get("name", ""), fields.get("password", "")
    )
    if error:
        return _render(request, "review_login.html", 400 if mode.accounts is None else 403,
                       shared=mode.shared, next=target, error=error)  # fmt: skip
    response = RedirectResponse(target, status_code=303)
    response.headers.append(
        "set-cookie", reviewers.session_cookie(request.app.state.csrf_secret, name)
    )
    return response


def _sign_in(mode, name: str, password: str) -> tuple[str, str | None]:
    try:
        name = reviewers.check_author(name)
    except CorrectionError as exc:
        return "", f"your name: {exc}"
    if mode.accounts is None:
        return name, None
    if mode.accounts.verify(name, password) is None:
        return "", "unknown name or wrong password"
    return name, None


@router.post("/review/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    async with request.form(max_files=0, max_fields=4, max_part_size=4096) as form:
        token = form.get(CSRF_FIELD)
    check_write(request, token if isinstance(token, str) else None)
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", reviewers.clear_cookie())
    return response


def _local(path: str) -> str:
    """Only a path of this site to go back to: never //elsewhere or a scheme."""
    return path if path.startswith("/") and not path.startswith(("//", "/\\")) else "/"


# --- the JSON API -----------------------------------------------------------------------


@router.get("/api/session", tags=["review"], summary="Whether you may correct, and your CSRF token")
async def session(request: Request) -> JSON:
    mode = request.app.state.review
    reviewer = reviewers.current(request)
    return JSON(
        {
            "review": mode is not None,
            "accounts": bool(mode and mode.shared),
            "author": reviewer.name if reviewer else None,
            "can_write": bool(reviewer and reviewer.can_write),
            "csrf_token": csrf_token(request) if mode else None,
        }
    )


@router.post(
    "/api/session",
    tags=["review"],
    summary="Sign in: {name} locally, {name, password} on a shared server",
)
async def api_login(request: Request) -> JSON:
    mode = request.app.state.review
    if mode is None:
        raise WriteRefused("this server is read-only: start it with `kronika serve --review`")
    check_write(request)
    body = await _json(request)
    name, error = await run_in_threadpool(
        _sign_in, mode, str(body.get("name", "")), str(body.get("password", ""))
    )
    if error:
        raise HTTPException(400 if mode.accounts is None else 403, error)
    response = JSON({"author": name})
    response.headers.append(
        "set-cookie", reviewers.session_cookie(request.app.state.csrf_secret, name)
    )
    return response


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise HTTPException(400, "the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "the body must be a JSON object")
    return body


@router.get(
    "/api/documents/{doc_id}/corrections",
    tags=["review"],
    summary="A document's corrections, oldest first",
)
async def list_corrections(request: Request, doc_id: str) -> JSON:
    if await run_in_threadpool(request.app.state.store.full_id, doc_id) != doc_id:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return JSON({"items": history(request.app.state.engine, doc_id)})


@router.post(
    "/api/documents/{doc_id}/corrections",
    tags=["review"],
    summary='Correct a fact: {"target": "quotes/0", "action": "speaker", "value": "NAME", "note": …, "expect": [start, end]}',
    status_code=201,
)
async def api_correct(request: Request, doc_id: str) -> JSON:
    body = await _json(request)
    author = author_of(request, None, body.get("by"))
    value = body.get("value")
    values = value if isinstance(value, list) else ([] if value in (None, "") else [value])
    expect = body.get("expect")
    if expect is not None and not (
        isinstance(expect, list) and len(expect) == 2 and all(isinstance(x, int) for x in expect)
    ):
        raise HTTPException(400, "expect must be [start, end]")
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        raise HTTPException(400, "note must be text")
    try:
        made = await run_in_threadpool(
            correct,
            request.app.state.store,
            doc_id,
            str(body.get("target", "")),
            str(body.get("action", "")),
            [str(v) for v in values],
            author,
            note,
            None,
            tuple(expect) if expect else None,
        )
    except CorrectionError as exc:
        raise HTTPException(_status(exc), str(exc)) from None
    return JSON(made.to_json(), status_code=201)


@router.get(
    "/api/documents/{doc_id}/places/{index}/candidates",
    tags=["review"],
    summary="Gazetteer places a place's words could name, with country, region and distance",
)
async def place_candidates(request: Request, doc_id: str, index: int) -> JSON:
    from kronika.review.places import candidates
    from kronika.web import queries

    record = queries.record(request.app.state.engine, doc_id)
    if record is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    places = record.get("places") or []
    if not 0 <= index < len(places):
        raise HTTPException(404, f"places/{index}: no such fact")
    return JSON({"items": await run_in_threadpool(candidates, places[index])})


# --- the document view's filters ----------------------------------------------------------

SHOW = ("all", "unreviewed", "reviewed", "rejected")


def document_facts(record: dict[str, Any], show: str) -> tuple[list, dict[str, str]]:
    """The facts to highlight under a filter, and the correction target of each key
    (``quotes:3`` → ``quotes/3``; a rejected fact's → ``rejected/N``)."""
    from kronika.web import highlight

    if show == "rejected":
        shown: dict[str, Any] = {"id": record["id"], "text": record["text"]}
        targets, positions = {}, {}
        for n, r in enumerate(record.get("rejected") or []):
            kind, facts = r["kind"], shown.setdefault(r["kind"], [])
            positions[(kind, len(facts))] = n
            facts.append(r["fact"])
        found = highlight.facts(shown)
        for f in found:
            kind, index = f.key.split(":")[0], int(f.key.split(":")[1])
            targets[f.key] = f"rejected/{positions[(kind, index)]}"
        return found, targets
    found = highlight.facts(record)
    for f in found:
        if f.record.get("reviewed"):
            f.classes = [*f.classes, "reviewed"]
    if show == "reviewed":
        found = [f for f in found if f.record.get("reviewed")]
    elif show == "unreviewed":
        found = [f for f in found if f.kind != "repair" and not f.record.get("reviewed")]
    return found, {}
