"""Export stored documents in the formats researchers load into their tools.

Each format is a function ``write(documents, out)`` registered in ``FORMATS``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TextIO

from kronika.records import Document

Writer = Callable[[Iterable[Document], TextIO], int]


def write_jsonl(documents: Iterable[Document], out: TextIO) -> int:
    count = 0
    for doc in documents:
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


FORMATS: dict[str, Writer] = {"jsonl": write_jsonl}


def register(name: str, writer: Writer) -> None:
    FORMATS[name] = writer


from kronika.export import acled  # noqa: E402, F401, I001  registers "acled-csv"
from kronika.export import geojson  # noqa: E402, F401  registers "geojson"
from kronika.export import plover  # noqa: E402, F401  registers "plover"
