"""The application factory: ``create_app(db)`` gives the ASGI app ``kronika serve`` runs."""

from __future__ import annotations

import gc
import os
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from kronika.store import SearchSyntaxError, Store
from kronika.web import api, highlight, pages
from kronika.web import review as web_review
from kronika.web.basemap import countries_geojson
from kronika.web.reviewers import Accounts, ReviewMode
from kronika.web.security import (
    BodyLimit,
    HostAllowList,
    SecurityHeaders,
    WriteGuard,
    WriteRefused,
    allowed_hosts,
    csrf_token,
    server_secret,
)

HERE = Path(__file__).resolve().parent
BODY_LIMIT = 2_000_000  # bytes of any request body
ARTICLE_LIMIT = 1_000_000  # characters of an article added through the form


def vendor_dirs() -> dict[str, Path]:
    """Leaflet and its marker clusters, served from the XStatic packages' own folders."""
    found = {}
    for name, module in (
        ("leaflet", "xstatic.pkg.leaflet"),
        ("markercluster", "xstatic.pkg.leaflet_markercluster"),
    ):
        try:
            pkg = __import__(module, fromlist=["BASE_DIR"])
        except ImportError:
            continue
        found[name] = Path(pkg.BASE_DIR)
    return found


DB_THREADS = 15  # SQLAlchemy's default pool: 5 connections + 10 overflow


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """No more request threads than pooled connections: a slow query then queues
    requests instead of timing them out on the pool."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = DB_THREADS
    gc.freeze()  # what start-up loaded lives as long as the process: keep it out of GC passes
    yield
    app.state.store.close()


def create_app(
    db: str | Path,
    body_limit: int = BODY_LIMIT,
    article_limit: int = ARTICLE_LIMIT,
    hosts: set[str] | None = None,
    review: str | Path | None = None,
) -> FastAPI:
    """``hosts``: the Host names answered (default: 127.0.0.1, localhost, ::1).
    ``review``: None for a read-only server, "local" for corrections by a typed name,
    or a users file (kronika.web.reviewers) for accounts."""
    app = FastAPI(
        lifespan=_lifespan,
        title="kronika",
        summary="The sourced record of war and conflict reporting: documents and their facts.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    store = Store(db)
    app.state.db = str(db)
    app.state.store = store
    app.state.engine = store.engine
    app.state.article_limit = article_limit
    app.state.vendor = vendor_dirs()
    app.state.review = review_mode(review)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["vendor"] = app.state.vendor
    templates.env.globals["csrf_token"] = csrf_token
    app.state.csrf_secret = server_secret()
    templates.env.filters["marked"] = highlight.marked_html
    # `tojson` embeds a document's facts in its page: orjson writes them 5× faster.
    templates.env.policies["json.dumps_function"] = _dumps
    templates.env.policies["json.dumps_kwargs"] = {}
    app.state.templates = templates

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for name, path in app.state.vendor.items():
        app.mount(f"/vendor/{name}", StaticFiles(directory=str(path)), name=f"vendor-{name}")

    app.include_router(web_review.router)  # before api: its /api/documents/{id}/… routes
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/basemap.geojson", include_in_schema=False)
    def basemap() -> Response:
        return Response(
            countries_geojson(),
            media_type="application/geo+json",
            headers={"cache-control": "public, max-age=86400"},
        )

    @app.exception_handler(SearchSyntaxError)
    async def bad_search(request: Request, exc: SearchSyntaxError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(OverflowError)
    async def too_large(request: Request, exc: OverflowError) -> Response:
        # A number from the client too large for the database: its mistake, not ours.
        return _error(request, 400, "a number in the request is too large")

    @app.exception_handler(WriteRefused)
    async def refused(request: Request, exc: WriteRefused) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
            for e in exc.errors()
        )
        return _error(request, 400, f"invalid request: {problems}")

    app.add_middleware(WriteGuard)
    app.add_middleware(BodyLimit, limit=body_limit)
    app.add_middleware(HostAllowList, hosts=hosts or allowed_hosts())
    app.add_middleware(SecurityHeaders)  # outermost: on every response, a 413 too
    return app


def _dumps(value) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def review_mode(review: str | Path | None) -> ReviewMode | None:
    if not review:
        return None
    return ReviewMode(None if str(review) == "local" else Accounts(Path(review)))


def from_environment() -> FastAPI:
    """The app for the store named by KRONIKA_WEB_DB: what each uvicorn worker builds
    (KRONIKA_WEB_REVIEW: "local" or a users file, for ``--review``)."""
    hosts = {h for h in os.environ.get("KRONIKA_WEB_HOSTS", "").split(",") if h}
    return create_app(
        os.environ.get("KRONIKA_WEB_DB", "kronika.db"),
        hosts=hosts or None,
        review=os.environ.get("KRONIKA_WEB_REVIEW") or None,
    )


def _error(request: Request, status: int, message: str, headers=None) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message},
        status_code=status,
        headers=headers,
    )
