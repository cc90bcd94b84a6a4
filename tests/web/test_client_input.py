"""The web never answers 500 to what a client sends: numbers and dates are bounded
and checked (400 with a sentence), and every answer carries the security headers."""

from __future__ import annotations

import pytest

from kronika.web.security import CSP

HUGE = "9223372036854775808"
LISTS = ["/api/documents", "/api/events", "/api/entities", "/api/places", "/api/quotes"]


@pytest.mark.parametrize("path", [*LISTS, "/api/search?q=drone"])
@pytest.mark.parametrize("offset", [HUGE, "-1", "1e3", "abc", "10000001", "9" * 400])
def test_an_out_of_range_offset_is_a_400_with_a_message(client, path, offset):
    sep = "&" if "?" in path else "?"
    page = client.get(f"{path}{sep}offset={offset}")
    assert page.status_code == 400, (path, offset, page.text)
    assert "offset" in page.json()["error"]
    assert page.headers["content-security-policy"] == CSP


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("limit", [HUGE, "0", "501", "-5"])
def test_an_out_of_range_limit_is_a_400(client, path, limit):
    page = client.get(path, params={"limit": limit})
    assert page.status_code == 400 and "limit" in page.json()["error"]


@pytest.mark.parametrize("path", ["/", "/entities", "/timeline"])
@pytest.mark.parametrize("number", [HUGE, "0", "abc"])
def test_an_out_of_range_page_number_is_a_400_page(client, path, number):
    page = client.get(path, params={"page": number})
    assert page.status_code == 400 and "page" in page.text
    assert page.headers["content-security-policy"] == CSP


@pytest.mark.parametrize(
    "path", ["/api/documents", "/api/events", "/api/places", "/", "/map", "/timeline"]
)
@pytest.mark.parametrize("value", ["notadate", "2024-13-01", "2024-02-32", "20240101", "'; DROP"])
def test_a_malformed_date_bound_is_a_400(client, path, value):
    page = client.get(path, params={"from": value})
    assert page.status_code == 400, (path, value)
    assert page.headers["content-security-policy"] == CSP


@pytest.mark.parametrize("value", ["2024", "2024-05", "2024-05-14"])
def test_years_months_and_days_are_date_bounds(client, value):
    assert client.get("/api/documents", params={"from": value}).status_code == 200


def test_huge_numbers_elsewhere_are_refused_or_ignored_never_500(client, ids):
    for path in (
        f"/map?doc={ids['handmade']}&place={HUGE}",
        f"/api/places?bbox={HUGE},0,1,1",
        "/api/places?bbox=1e999,0,1,1",
        "/api/places?bbox=nan,nan,nan,nan",
    ):
        page = client.get(path)
        assert page.status_code in (200, 400), (path, page.status_code)
        assert page.headers["content-security-policy"] == CSP


def test_the_add_form_refuses_a_date_not_in_the_calendar(client, with_token):
    page = client.post("/add", data=with_token(client, text="Words.", published="2024-02-30"))
    assert page.status_code == 400 and "not a date in the calendar" in page.text


@pytest.mark.parametrize("q", ["\x00\u00bae\u0338\u2067", "depot\x00", "\x7f"])
def test_a_query_with_control_characters_is_never_a_500(client, q):
    for path in ("/api/documents", "/"):
        page = client.get(path, params={"q": q})
        assert page.status_code in (200, 400), (path, q)
