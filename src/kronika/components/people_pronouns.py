"""Which person a he/she refers to: a compatible candidate outside quotations,
in the pronoun's paragraph or the one before: a subject of this paragraph, a
person it introduces, a subject of the one before, the nearest of this
paragraph, of the one before; gender agreement where the text gives a gender.

Machine translation writes "she says" of a man. When the paragraphs in view
hold a single person and the pronoun's gender disagrees with theirs, the
pronoun is still theirs, with the disagreement flagged.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable
from dataclasses import dataclass

# Candidates looked at per pronoun: the scan is bounded, so a long chain of
# pronouns in a huge article stays linear.
MAX_CANDIDATES = 60


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


def antecedent(
    candidates: list[Candidate],
    starts: list[int],
    char: int,
    gender: str | None,
    text: str,
    in_quote: Callable[[int], bool],
    gender_of: Callable[[Hashable], str | None],
    reach: bool = True,
) -> tuple[Hashable, str | None] | None:
    """The candidate a pronoun at ``char`` refers to, and a flag ("gender" when
    it was taken against its gender as the only one in view). Without
    ``reach``, nobody from before the paragraph before."""
    here, before = paragraph_floors(text, char)
    # Per zone (0: this paragraph, 1: the one before): the nearest subject, the
    # nearest person introduced there, the nearest.
    subject: list[Hashable | None] = [None, None]
    first: list[Hashable | None] = [None, None]
    nearest: list[Hashable | None] = [None, None]
    in_view: set[Hashable] = set()
    here_keys: set[Hashable] = set()
    here_subject = None
    fallback = None
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
                fallback = c.key
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
    if subject[0] is None and first[0] is None and len(here_keys) == 1 and here_subject:
        # The paragraph's one person, its subject, against the pronoun's
        # gender: machine translation's "she says" of a man, not someone before.
        return here_subject, "gender"
    order = (subject[0], first[0], subject[1], nearest[0], nearest[1])
    found = next((key for key in order if key is not None), None)
    if found is not None:
        return found, None
    if len(in_view) == 1:
        return next(iter(in_view)), "gender"
    return (fallback, None) if fallback is not None and reach else None
