"""Which person a he/she refers to: a compatible candidate outside quotations,
in the pronoun's paragraph or the one before: a subject of this paragraph, a
person it introduces, a subject of the one before, the nearest of this
paragraph, of the one before; gender agreement where the text gives a gender.

Machine translation writes "she says" of a man. When the paragraphs in view
hold a single person and the pronoun's gender disagrees with theirs, the
pronoun is still theirs, with the disagreement flagged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from kronika.components import people_lexicon as lex

# Candidates looked at per pronoun: the scan is bounded, so a long chain of
# pronouns in a huge article stays linear.
MAX_CANDIDATES = 60
# How far back in its paragraph a pronoun looks for a word of its own gender.
WINDOW = 400
WORD = re.compile(r"\b\w+\b")


@dataclass(frozen=True)
class Candidate:
    start: int
    key: Hashable  # an Entity id or an unnamed referent's key
    subject: bool
    first: bool = False  # the person's first mention in the document


def paragraph_floors(text: str, char: int) -> tuple[int, int]:
    """Where the paragraph holding ``char`` starts, and where the paragraph
    before it starts (blank lines skipped)."""
    here = text.rfind("\n", 0, char) + 1
    i = here - 1
    while i > 0 and text[i - 1] in "\n \t\r":
        i -= 1
    return here, text.rfind("\n", 0, max(0, i)) + 1 if i > 0 else 0


def _said_before(
    text: str, start: int, end: int, gender: str | None, in_quote: Callable[[int], bool]
) -> bool:
    """A word of ``gender`` in [start, end) outside quotations ('Her husband,
    X, serves …. “…,” she said'): someone of the pronoun's gender is in view,
    so the paragraph's one person of the other gender is not the only one."""
    if gender is None:
        return False
    return any(
        lex.GENDERED_WORDS.get(m.group().lower()) == gender and not in_quote(start + m.start())
        for m in WORD.finditer(text[start:end])
    )


def antecedent(
    candidates: list[Candidate],
    starts: list[int],
    char: int,
    gender: str | None,
    text: str,
    in_quote: Callable[[int], bool],
    gender_of: Callable[[Hashable], str | None],
    reach: bool = True,
    topic: Hashable | None = None,
) -> tuple[Hashable, str | None] | None:
    """The candidate a pronoun at ``char`` refers to, and a flag ("gender" when
    it was taken against its gender as the only one in view). Without
    ``reach``, nobody from before the paragraph before. ``topic``: who spoke
    the quote before, preferred to a person merely named nearer
    ('According to Ham, … disagreed with Obama’s policies. “…,” he said')."""
    here, before = paragraph_floors(text, char)
    # Per zone (0: this paragraph, 1: the one before): the nearest subject, the
    # nearest person introduced there, the nearest.
    subject: list[Hashable | None] = [None, None]
    first: list[Hashable | None] = [None, None]
    nearest: list[Hashable | None] = [None, None]
    in_view: set[Hashable] = set()
    here_keys: set[Hashable] = set()
    here_subject = None
    fallback, fallback_start = None, -1
    i = bisect_left(starts, char) - 1
    looked = 0
    while i >= 0 and looked < MAX_CANDIDATES:
        c = candidates[i]
        i -= 1
        looked += 1
        if in_quote(c.start):
            continue
        agrees = gender is None or gender_of(c.key) in (None, gender)
        if c.start < before:
            if agrees:
                fallback, fallback_start = c.key, c.start
                break
            continue
        zone = 0 if c.start >= here else 1
        in_view.add(c.key)
        if zone == 0:
            here_keys.add(c.key)
            if c.subject:
                here_subject = here_subject or c.key
        if not agrees:
            continue
        nearest[zone] = nearest[zone] or c.key
        if c.subject:
            subject[zone] = subject[zone] or c.key
        if c.first:
            first[zone] = first[zone] or c.key
    # Reporting keeps its topic as the subject; a person the paragraph
    # introduces ('we met X, a prisoner. “…,” he says') takes over from the
    # subject of the paragraph before.
    # 'Her husband, X, serves …. “…,” she said': a word of the pronoun's gender
    # shows someone else of that gender in view than the one person named.
    other = _said_before(text, max(here, char - WINDOW), char, gender, in_quote)
    if (
        subject[0] is None
        and first[0] is None
        and len(here_keys) == 1
        and here_subject
        and not other
    ):
        # The paragraph's one person, its subject, against the pronoun's
        # gender: machine translation's "she says" of a man, not someone before.
        return here_subject, "gender"
    spoke = topic if topic in in_view and gender_of(topic) in (None, gender) else None
    order = (subject[0], first[0], subject[1], spoke, nearest[0], nearest[1])
    found = next((key for key in order if key is not None), None)
    if found is not None:
        return found, None
    # '“…,” he told a press conference. “…,” she wrote later': a woman named
    # a paragraph further back is likelier than the one man against the grammar.
    close = fallback_start >= paragraph_floors(text, before)[1] and gender_of(fallback) == gender
    if len(in_view) == 1 and not ((other or close) and fallback is not None):
        return next(iter(in_view)), "gender"
    return (fallback, None) if fallback is not None and reach else None
