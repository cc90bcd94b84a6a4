"""Articles are untrusted: nothing from them becomes markup, and the server holds its limits."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from kronika.web.security import CSP

PAGES = ["/", "/?q=alert", "/entities", "/map", "/timeline", "/add", "/api/docs"]
OUR_SCRIPTS = re.compile(r"/(static|vendor)/[\w./-]+\.js")
OUR_TAGS = {
    "a",
    "abbr",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "button",
    "code",
    "datalist",
    "details",
    "div",
    "form",
    "h1",
    "h2",
    "h3",
    "head",
    "header",
    "html",
    "input",
    "ins",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "ol",
    "option",
    "p",
    "q",
    "script",
    "section",
    "select",
    "span",
    "strong",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "ul",
}


class Page(HTMLParser):
    """The tags, attributes and visible text of a page, as a browser would parse them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def assert_inert(html: str) -> Page:
    """Only our own tags and scripts; no event handler attributes; no javascript: URLs."""
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag in OUR_TAGS, tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "//")), (tag, attrs)
            if value.startswith("http"):  # only an article's original link, never a resource
                assert tag == "a" and "noreferrer" in attrs.get("rel", ""), (tag, attrs)
        if tag == "script":
            assert OUR_SCRIPTS.fullmatch(attrs.get("src") or "") or attrs == {
                "type": "application/json",
                "id": "facts",
            }, attrs
    return page


@pytest.mark.parametrize("doc", ["hostile", "long", "handmade", "report"])
def test_document_pages_show_hostile_markup_as_text(client, ids, doc):
    page = client.get(f"/documents/{ids[doc]}")
    assert page.status_code == 200
    assert_inert(page.text)


def test_hostile_markup_is_visible_as_text(client, ids):
    page = assert_inert(client.get(f"/documents/{ids['hostile']}").text)
    shown = "".join(page.text)
    assert "<script>alert('article')</script> Shelling" in shown
    assert """<img src=x onerror="alert('img')"> Colonel""" in shown
    assert "<script>alert('title')</script> Hostile & <b>bold</b>" in shown
    assert "\u202egnp.exe\u202c" in shown  # kept, inside a bidi-isolated block


def test_a_javascript_url_is_never_a_link(client, ids):
    html = client.get(f"/documents/{ids['hostile']}").text
    assert 'class="bad-url"' in html
    assert not re.search(r'href="\s*javascript:', html, re.IGNORECASE)


def test_the_fact_data_cannot_close_its_script_tag(client, ids):
    html = client.get(f"/documents/{ids['hostile']}").text
    data = html.split('<script type="application/json" id="facts">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_hostile_documents_stored(client, path):
    page = client.get(path)
    assert page.status_code == 200, path
    assert_inert(page.text)


def test_strict_security_headers_on_pages_api_and_errors(client):
    for path in ("/", "/api/documents", "/nothing", "/static/style.css"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
    assert "'unsafe-inline'" not in CSP and "http" not in CSP
    assert "script-src 'self'" in CSP and "default-src 'none'" in CSP


def test_the_10_mb_single_line_renders(client, ids):
    page = client.get(f"/documents/{ids['long']}")
    assert page.status_code == 200
    assert len(page.text) > 10_000_000
    assert client.get("/", params={"q": "drone"}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fstore%2f__init__.py",
        "/vendor/leaflet/../../../../../../etc/passwd",
        "/vendor/leaflet/%2e%2e/__init__.py",
        "/static//etc/passwd",
        "/templates/base.html",
        "/web.db",
    ],
)
def test_nothing_outside_the_static_folders_is_served(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_request_bodies_are_size_limited(web_db, local_client, with_token):

    from kronika.web import create_app

    client = local_client(create_app(web_db, body_limit=10_000, article_limit=5_000))
    big = client.post(
        "/add", data=with_token(client, **{"published": "2024-01-01", "text": "x" * 20_000})
    )
    assert big.status_code == 413
    assert big.headers["content-security-policy"] == CSP
    upload = client.post(
        "/add",
        data=with_token(client, **{"published": "2024-01-01"}),
        files={"file": ("a.txt", b"word " * 5_000)},
    )
    assert upload.status_code == 413

    def streamed():
        for _ in range(20):
            yield b"x" * 1_000

    form = {"content-type": "application/x-www-form-urlencoded"}
    chunked = client.post("/add", content=streamed(), headers=form)
    assert chunked.status_code == 413


def test_an_article_over_the_character_limit_is_refused_politely(web_db, local_client, with_token):

    from kronika.web import create_app

    client = local_client(create_app(web_db, body_limit=100_000, article_limit=1_000))
    page = client.post(
        "/add", data=with_token(client, **{"published": "2024-01-01", "text": "y" * 2_000})
    )
    assert page.status_code == 400 and "the limit is 1,000" in page.text


# --- Writes come only from our own pages; only our own Host names are answered -------


def count(client) -> int:
    return client.get("/api/documents").json()["total"]


def test_a_cross_site_post_is_refused_and_stores_nothing(client, with_token):
    before = count(client)
    fields = with_token(client, published="2024-01-01", text="A fabricated article.")
    for headers in (
        {"origin": "http://evil.example"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},  # another port of localhost is another service
        {"origin": "null"},
        {"origin": "http://127.0.0.1:9999"},
    ):
        refused = client.post("/add", data=fields, headers=headers)
        assert refused.status_code == 403, headers
        assert "refused" in refused.text
        assert refused.headers["content-security-policy"] == CSP
    assert count(client) == before


def test_a_post_without_the_token_or_with_a_forged_one_is_refused(client, with_token):
    before = count(client)
    fields = {"published": "2024-01-01", "text": "A fabricated article."}
    assert client.post("/add", data=fields).status_code == 403
    forged = {**fields, "csrf_token": "0" * 64}
    page = client.post("/add", data=forged, headers={"origin": "http://127.0.0.1"})
    assert page.status_code == 403 and "reload the page" in page.text
    assert count(client) == before


def test_the_token_is_bound_to_the_browsers_cookie(app, local_client, with_token):
    mine, theirs = local_client(app), local_client(app)
    fields = with_token(theirs, published="2024-01-01", text=" ")
    with_token(mine)  # mine has a cookie of its own
    assert mine.post("/add", data=fields).status_code == 403
    ok = theirs.post("/add", data=fields, headers={"sec-fetch-site": "same-origin"})
    assert ok.status_code == 400 and "paste the article" in ok.text  # past the check


def test_the_csrf_cookie_is_strict_and_not_readable_by_scripts(app, local_client):
    cookie = local_client(app).get("/add").headers["set-cookie"]
    assert cookie.startswith("kronika_csrf=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "set-cookie" not in local_client(app).get("/api/documents").headers


def test_the_token_is_checked_by_a_helper_other_routes_can_use(app):
    from starlette.requests import Request

    from kronika.web.security import WriteRefused, check_write, csrf_token

    def request(headers: dict[str, str]) -> Request:
        raw = [(k.encode(), v.encode()) for k, v in headers.items()]
        scope = {"type": "http", "method": "POST", "path": "/", "headers": raw, "app": app}
        return Request({**scope, "scheme": "http", "server": ("127.0.0.1", 8000)})

    first = request({"host": "127.0.0.1:8000"})
    token = csrf_token(first)
    nonce = first.scope["state"]["csrf_nonce"]
    same = request({"host": "127.0.0.1:8000", "cookie": f"kronika_csrf={nonce}"})
    check_write(same, token)
    # Another last character (a fixed "0" is the token itself one time in sixteen).
    tampered = token[:-1] + ("1" if token.endswith("0") else "0")
    with pytest.raises(WriteRefused):
        check_write(same, tampered)
    header = request(
        {"host": "127.0.0.1:8000", "cookie": f"kronika_csrf={nonce}", "x-csrf-token": token}
    )
    check_write(header)


@pytest.mark.parametrize(
    "host", ["evil.example", "rebind.attacker.test:8000", "127.0.0.1.evil.example", ""]
)
def test_unknown_host_names_are_refused(app, local_client, host):
    client = local_client(app)
    page = client.get("/api/documents", headers={"host": host})
    assert page.status_code == 400 and "--allowed-host" in page.text
    assert page.headers["content-security-policy"] == CSP


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000"])
def test_local_host_names_are_served(app, local_client, host):
    assert local_client(app).get("/api/documents", headers={"host": host}).status_code == 200


def test_names_given_to_serve_are_served(web_db, local_client):
    from kronika.web import create_app
    from kronika.web.security import allowed_hosts

    hosts = allowed_hosts("0.0.0.0", ["kronika.lan"])
    assert "0.0.0.0" not in hosts and {"kronika.lan", "localhost", "::1"} <= hosts
    app = create_app(web_db, hosts=hosts)
    client = local_client(app)
    assert client.get("/", headers={"host": "kronika.lan:8000"}).status_code == 200
    assert client.get("/", headers={"host": "other.lan"}).status_code == 400


def test_a_server_error_carries_the_security_headers(web_db, local_client):
    from kronika.web import create_app

    app = create_app(web_db)

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    page = local_client(app, raise_server_exceptions=False).get("/boom")
    assert page.status_code == 500
    assert page.headers["content-security-policy"] == CSP
    assert "boom" not in page.text
