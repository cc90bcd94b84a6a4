"""The gender a given name tells: 'Iryna' f, 'Oleh' m, 'Sasha' neither.

A "she said" three sentences after "Donald Trump" and "Melanie" is Melanie's;
the text rarely says so in other words. The names and their shares come from
the name data in the ``nomquamgender`` wheel (about 720,000 names from 36
sources, Slavic transliterations included). Only names used at least
``MIN_COUNT`` times, and for one gender at least ``1 - UNCLEAR`` of the time,
are kept, so 'Sasha', 'Kim' and 'Jean' tell nothing.

The full data takes a second to read, so the kept names are written once to
a small file in kronika's cache (next to the gazetteer) on first use.
"""

from __future__ import annotations

import importlib.util
import json
import os
from functools import cache
from pathlib import Path

from kronika.gazetteer.index import cache_dir

VERSION = 2
MIN_COUNT = 20
UNCLEAR = 0.1  # nomquamgender's own default
PACKAGE, DATA = "nomquamgender", "name_data.json"


def gender_of_given_name(word: str) -> str | None:
    """'m', 'f' or None for a word as a given name (case does not matter)."""
    return _table().get(word.lower())


def default_path() -> Path:
    return cache_dir() / f"given-names-v{VERSION}.tsv"


@cache
def _table() -> dict[str, str]:
    path = default_path()
    if not path.exists():
        build(path)
    with path.open(encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t", 1) for line in fh if "\t" in line)


def build(path: Path) -> None:
    """Write the names that clearly tell a gender, one 'name<TAB>m|f' a line."""
    spec = importlib.util.find_spec(PACKAGE)  # its data only: no need to import pandas
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed")
    source = Path(next(iter(spec.submodule_search_locations))) / DATA
    names = json.loads(source.read_text("utf-8"))
    lines = [
        f"{name}\t{gender}\n"
        for name, row in sorted(names.items())
        if (gender := _clear(name, row))
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    # Another process may build it at the same time: write aside, then move.
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_text("".join(lines), encoding="utf-8")
    partial.replace(path)


def _clear(name: str, row: list) -> str | None:
    """The gender ``row`` ([sources, count, share female, …]) tells, if clear."""
    if not name.isalpha() or row[1] < MIN_COUNT:
        return None
    share = row[2]
    if share <= UNCLEAR:
        return "m"
    return "f" if share >= 1 - UNCLEAR else None
