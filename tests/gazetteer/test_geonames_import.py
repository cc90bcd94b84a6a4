"""Importing a GeoNames dump adds what the packages lack (a spit of land,
a hamlet, a river), in the 19-column format of allCountries.txt."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from kronika.gazetteer.geonames import import_dump, parse
from kronika.gazetteer.index import Gazetteer, default

DUMP = Path(__file__).resolve().parents[1] / "fixtures" / "written_geonames" / "XX.txt"


def test_the_dump_is_read_line_by_line_skipping_what_is_not_a_place():
    entries = list(parse(DUMP))
    assert [e.feature for e in entries] == [
        "PEN",
        "PPL",
        "STM",
    ]  # the hotel and the junk line are gone
    spit = entries[0]
    assert (spit.geonameid, spit.country, spit.lat, spit.lon) == (9900001, "UA", 46.48, 31.55)
    assert ("Камышова Коса", 1) in spit.names


def test_imported_places_can_be_looked_up_in_any_script(tmp_path):
    index = tmp_path / "gazetteer.sqlite"
    shutil.copy(default().path, index)
    assert import_dump(DUMP, index) == 3
    gazetteer = Gazetteer(index, build=False)
    (spit, _), *_ = gazetteer.lookup("Камишова Коса")
    assert spit.feature == "PEN"
    assert [e.name for e, _ in gazetteer.lookup("Ashwater Parva")] == ["Little Ashwater"]


def test_the_import_command(tmp_path, monkeypatch):
    from kronika.cli import app

    shutil.copy(default().path, tmp_path / default().path.name)
    monkeypatch.setenv("KRONIKA_CACHE", str(tmp_path))
    result = CliRunner().invoke(app, ["gazetteer", "import", str(DUMP)])
    assert result.exit_code == 0, result.output
    assert "imported 3 places" in result.output


def test_a_dump_row_for_a_known_place_updates_it_and_keeps_its_names(tmp_path):
    index = tmp_path / "gazetteer.sqlite"
    shutil.copy(default().path, index)
    poland = next(
        e for e, _ in Gazetteer(index, build=False).lookup("Poland") if e.feature == "PCLI"
    )
    row = [str(poland.geonameid), "Poland", "Poland", "", "52.0", "20.0", "A", "PCLI", "PL"]
    row += ["", "00", "", "", "", "38500000", "", "0", "Europe/Warsaw", "2024-01-01"]
    dump = tmp_path / "PL.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    import_dump(dump, index)
    updated = Gazetteer(index, build=False)
    entry = next(e for e, _ in updated.lookup("Poland") if e.feature == "PCLI")
    assert (entry.lat, entry.lon) == (52.0, 20.0)
    assert any(e.id == entry.id for e, _ in updated.lookup("Polish"))  # the demonym stayed


def test_a_zipped_dump_as_geonames_serves_it_is_read(tmp_path):
    import zipfile

    dump = tmp_path / "XX.zip"
    with zipfile.ZipFile(dump, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(DUMP, "XX.txt")
        archive.writestr("readme.txt", "GeoNames readme")
    assert [e.feature for e in parse(dump)] == ["PEN", "PPL", "STM"]


def test_a_truncated_or_foreign_file_is_refused_and_nothing_is_stored(tmp_path, monkeypatch):
    from kronika.cli import app

    shutil.copy(default().path, tmp_path / default().path.name)
    monkeypatch.setenv("KRONIKA_CACHE", str(tmp_path))
    before = (tmp_path / default().path.name).read_bytes()
    cut = tmp_path / "UA.txt"
    cut.write_bytes(DUMP.read_bytes()[:-40])  # the last line loses its end
    foreign = tmp_path / "cities.csv"
    foreign.write_text("name,lat,lon\nKyiv,50.45,30.52\n", encoding="utf-8")
    broken = tmp_path / "RU.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    for path, reason in [(cut, "truncated"), (foreign, "not a GeoNames dump"), (broken, "zip")]:
        result = CliRunner().invoke(app, ["gazetteer", "import", str(path)])
        assert result.exit_code == 1
        assert result.output.startswith(f"error: {path}:") and reason in result.output
        assert "Traceback" not in result.output
    assert (tmp_path / default().path.name).read_bytes() == before
