"""The stored title: the article's headline, or None when it has none.

The headline is looked for in the repaired text, so menu lines, site names and
other furniture are already gone. It is the first line when that line reads
like a headline: short, not a sentence of the body, not a byline; a text of
one line is all body and has no headline. Nothing is invented.
"""

from __future__ import annotations

import re

from kronika.boilerplate import lines

MAX_CHARS = 200
# A sentence of the body ends like this; a headline rarely does.
SENTENCE_END = re.compile(r"[.,;:]\s*$")
BYLINE = re.compile(r"^(?:by|from|por|von|par|від|от)\s+\S", re.IGNORECASE)


def headline(text: str) -> str | None:
    """The headline of ``text`` (the repaired text), or None."""
    spans = lines(text)
    if len(spans) < 2:
        return None
    line = text[slice(*spans[0])]
    if len(line) > MAX_CHARS or BYLINE.match(line):
        return None
    if SENTENCE_END.search(line) and not line.endswith("..."):
        return None
    return line
