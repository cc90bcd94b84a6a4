"""Event queries: a map area is read by grid cell or by date, with the same answer."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from kronika.records import Document, Event, Place
from kronika.store import Store
from kronika.web import queries
from kronika.web.app import create_app
from kronika.web.queries import Area

TEXT = "Artillery struck a depot near the town, officials said."


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """Sixty reports, each of one strike at a scattered place and day."""
    path = tmp_path_factory.mktemp("events") / "k.db"
    rng = random.Random(5)
    with Store(path) as store:
        for n in range(60):
            lat, lon = round(rng.uniform(44, 52), 3), round(rng.uniform(22, 40), 3)
            day = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
            store.save(
                Document(
                    id=f"r{n:02d}",
                    text=TEXT,
                    published=day.isoformat(),
                    places=[Place(39, 43, "town", f"Town {n}", n, lat, lon, "UA")],
                    events=[Event(10, 16, "struck", "ASSAULT", place=0)],
                )
            )
    return create_app(path).state.engine


def _found(engine, area: Area) -> list[tuple[str, str]]:
    page = queries.events(engine, area, "", "", 100, 0)
    return [(item["doc_id"], item["date"]) for item in page.items]


def _expected(engine, area: Area) -> list[tuple[str, str]]:
    everything = queries.events(engine, Area(), "", "", 100, 0).items
    west, south, east, north = area.bbox
    inside = [
        item
        for item in everything
        if west <= item["place"]["lon"] <= east
        and south <= item["place"]["lat"] <= north
        and area.date_from <= item["date"] <= area.date_to
    ]
    return [(item["doc_id"], item["date"]) for item in inside]


@pytest.mark.parametrize(
    "bbox", [(30.0, 47.0, 34.0, 50.0), (22.5, 44.2, 29.9, 51.7), (0.0, 0.0, 1.0, 1.0)]
)
def test_a_small_map_area_gives_exactly_its_events_in_date_order(engine, bbox):
    area = Area("2023-03-01", "2023-10-31", bbox)
    assert area.cells()  # read cell by cell
    assert _found(engine, area) == _expected(engine, area)


def test_an_area_with_many_events_is_read_by_date_with_the_same_answer(engine, monkeypatch):
    area = Area("2023-01-01", "2023-12-31", (22.0, 44.0, 40.0, 52.0))
    by_cell = _found(engine, area)
    monkeypatch.setattr(queries, "EVENT_COUNT_CAP", 5)  # "many" from five events on
    assert _found(engine, area) == by_cell == _expected(engine, area)
    assert queries.events(engine, area, "", "", 100, 0).total == 5  # counted up to the cap


def test_a_large_area_is_read_by_date(engine):
    world = Area("2023-03-01", "2023-04-30", (-180.0, -90.0, 180.0, 90.0))
    assert world.cells() == []
    assert _found(engine, world) == _expected(engine, world)
