"""The two things reading yields: an article, or a bad input."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MAX_CHARS = 2_000_000


@dataclass
class Item:
    """One article to analyse. ``text`` is the text as received."""

    name: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    id: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Failure:
    """A bad input: ``name`` says where (file, line), ``message`` says what."""

    name: str
    message: str

    def __post_init__(self) -> None:
        # One line per failure, whatever a library put in its exception text.
        message = " ".join(str(self.message).split())
        self.message = message if len(message) <= 300 else message[:299] + "…"

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass
class Defaults:
    """Metadata given on the command line for plain inputs."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
