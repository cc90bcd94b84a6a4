"""Response headers and request limits: every article is untrusted input."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


class SecurityHeaders:
    """Adds the strict Content-Security-Policy and friends to every response, a 500
    too: Starlette's own error middleware sits outside every other middleware, so an
    unhandled error is answered here (with the headers) and then re-raised to be logged."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.encode(), v.encode())
                    for k, v in HEADERS.items()
                    if k.encode() not in present
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:
                await _plain(
                    send_with_headers, 500, "internal error: the server failed on this request"
                )
            raise


class BodyLimit:
    """Refuses request bodies larger than ``limit`` bytes with 413, whether the
    client says their length up front or streams them."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await _too_large(send, self.limit)
                return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, self.limit)


class BodyTooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    await _plain(send, 413, f"request body too large (limit {limit} bytes)")


# --- Who may write, and which Host names are ours ---------------------------------
#
# A page on any other site can make the user's browser send a form to
# http://127.0.0.1:8000/add, and a DNS-rebinding page can make its own name resolve
# to 127.0.0.1 and read the store. Three checks stop that:
#
# 1. ``HostAllowList``: only the names the server serves are answered (400 otherwise).
# 2. ``WriteGuard``: a state-changing request (POST, PUT, PATCH, DELETE) from a browser
#    must be same-origin: ``Sec-Fetch-Site`` same-origin/none, ``Origin`` our own.
# 3. A CSRF token: ``csrf_token(request)`` in each form (a hidden field named
#    ``CSRF_FIELD``) or the ``X-CSRF-Token`` header; ``check_write(request, token)`` in
#    the route. The token is an HMAC of a random per-browser value kept in a
#    SameSite=Strict, HttpOnly cookie: a page elsewhere can neither read the token nor
#    forge one without the server's secret (set ``KRONIKA_WEB_SECRET`` so that all
#    workers of one ``kronika serve`` share it).

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_COOKIE = "kronika_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SECRET_ENV = "KRONIKA_WEB_SECRET"


class WriteRefused(Exception):
    """A state-changing request that failed the same-origin or token check (HTTP 403)."""


def allowed_hosts(host: str | None = None, extra: list[str] | tuple[str, ...] = ()) -> set[str]:
    """The Host names to answer: the local names, the bound address unless it is a
    wildcard (0.0.0.0 or ::), and every ``--allowed-host``."""
    names = {*LOCAL_HOSTS}
    if host and host not in ("0.0.0.0", "::", ""):
        names.add(host)
    names.update(extra)
    return {_bare(n) for n in names if n}


def _bare(host: str) -> str:
    """``[::1]`` → ``::1``, ``Example.ORG.`` → ``example.org``."""
    host = host.strip().lower().rstrip(".")
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def host_name(header: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` → ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return _bare(header.split("]", 1)[0] + "]")
    return _bare(header.rsplit(":", 1)[0] if header.count(":") == 1 else header)


def server_secret() -> bytes:
    """The key tokens are signed with: ``KRONIKA_WEB_SECRET`` if set, else a fresh one
    (good for one process; ``kronika serve`` sets the variable for all its workers)."""
    value = os.environ.get(SECRET_ENV)
    return value.encode() if value else secrets.token_bytes(32)


class HostAllowList:
    """Answers only requests whose Host header names this server (DNS rebinding)."""

    def __init__(self, app: ASGIApp, hosts: set[str]):
        self.app = app
        self.hosts = {_bare(h) for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            header = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            if host_name(header) not in self.hosts:
                await _plain(
                    send,
                    400,
                    f"unknown host {header[:100]!r}: start kronika serve "
                    "with --allowed-host NAME to serve it",
                )
                return
        await self.app(scope, receive, send)


class WriteGuard:
    """Refuses (403) state-changing requests that a browser says come from elsewhere,
    and gives the CSRF cookie to browsers that were handed a token."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        if scope["method"] in UNSAFE_METHODS:
            problem = cross_origin_problem(conn)
            if problem:
                await _plain(send, 403, problem)
                return

        async def send_with_cookie(message: Message) -> None:
            state = scope.get("state") or {}
            if message["type"] == "http.response.start" and state.get("csrf_new"):
                cookie = f"{CSRF_COOKIE}={state['csrf_nonce']}; Path=/; HttpOnly; SameSite=Strict"
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def cross_origin_problem(conn: HTTPConnection) -> str | None:
    """Why a write does not come from one of our own pages, or None.

    ``Sec-Fetch-Site`` decides when the browser sends it (a page cannot set it);
    ``Origin`` only when it does not: under ``Referrer-Policy: no-referrer`` Chromium
    sends ``Origin: null`` even for our own forms."""
    site = conn.headers.get("sec-fetch-site")
    if site is not None:
        if site in ("same-origin", "none"):
            return None
        return f"refused: a {site} request may not change the store"
    origin = conn.headers.get("origin")
    if origin is not None:
        own = f"{conn.url.scheme}://{conn.headers.get('host', '')}".lower()
        if origin.lower() != own:
            return f"refused: a request from {origin[:100]!r} may not change the store"
    return None


def csrf_token(request: HTTPConnection) -> str:
    """The token to put in a form (hidden field ``CSRF_FIELD``) or ``X-CSRF-Token``
    header; the response that carries it also sets the browser's CSRF cookie."""
    nonce = _nonce(request)
    if not nonce:
        nonce = secrets.token_urlsafe(24)
        request.scope.setdefault("state", {}).update(csrf_nonce=nonce, csrf_new=True)
    return _sign(request, nonce)


def check_write(request: HTTPConnection, token: str | None = None) -> None:
    """Raises ``WriteRefused`` unless the request is same-origin and carries the token
    signed for its cookie (``token`` from the form, else the ``X-CSRF-Token`` header)."""
    problem = cross_origin_problem(request)
    if problem:
        raise WriteRefused(problem)
    token = token or request.headers.get(CSRF_HEADER) or ""
    nonce = request.cookies.get(CSRF_COOKIE, "")
    if not nonce or not hmac.compare_digest(token.encode(), _sign(request, nonce).encode()):
        raise WriteRefused(
            "refused: the form has expired or comes from elsewhere; reload the page and try again"
        )


def _nonce(request: HTTPConnection) -> str:
    state = request.scope.get("state") or {}
    return state.get("csrf_nonce") or request.cookies.get(CSRF_COOKIE, "")


def _sign(request: HTTPConnection, nonce: str) -> str:
    secret = request.app.state.csrf_secret
    return hmac.new(secret, nonce.encode(), hashlib.sha256).hexdigest()


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
