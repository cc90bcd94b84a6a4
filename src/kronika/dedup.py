"""Near-duplicate detection: wire copies, re-posts and translated mirrors of one story.

MinHash (``datasketch``) over word 5-shingles estimates Jaccard similarity; the
signature is cut into LSH bands whose keys live in the store, so candidates are
found by an indexed lookup and memory does not grow with the archive.

A machine-translated mirror shares almost no 5-word run with its source, but it
keeps the story's *anchors*: its names and its numbers. A second signature over
the set of anchors links such mirrors; see docs/bulk.md for the thresholds.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from datasketch import MinHash
from unidecode import unidecode

from kronika.repair import zipf

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.8 collide with probability ~0.999
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7
SHINGLE = 5
_WORD = re.compile(r"\w+")
# Anchors: numbers (thousands written "38,000", "38 000" or "38.000" alike) and
# capitalised words rare enough in English to name something.
ANCHOR_THRESHOLD = 0.6
MIN_ANCHORS = 20  # distinct anchors; fewer say too little to tell two stories apart
COMMON_ZIPF = 5.0  # "The", "President", "Monday" are capitalised but name nothing
_ANCHOR = re.compile(r"\b\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+\b|\d+|[A-Z][\w'’-]*\w")
_POSSESSIVE = re.compile(r"['’]s$")
# Fixed seed: signatures must stay comparable across runs and processes.
_SEED = 7
# MinHash draws its permutations from the seed each time it is made; drawn once here.
_SCHEME = "affine32"  # datasketch 2.0's default, named: stored signatures depend on it
_PERMUTATIONS = MinHash(NUM_PERM, _SEED, scheme=_SCHEME).permutations


def signature(text: str) -> np.ndarray:
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    return _minhash(shingles)


def anchors(text: str) -> set[str]:
    """The text's numbers and names, as a translation would keep them."""
    found = set()
    for match in _ANCHOR.finditer(text):
        word = match.group()
        if word[0].isdigit():
            found.add(re.sub(r"\D", "", word))
            continue
        word = _POSSESSIVE.sub("", unidecode(word).lower())
        if zipf(word) < COMMON_ZIPF:
            found.add(word)
    return found


def anchor_signature(text: str) -> np.ndarray | None:
    """MinHash of the text's anchors, or None when it has too few of them."""
    found = anchors(text)
    return _minhash(found) if len(found) >= MIN_ANCHORS else None


def _minhash(items: set[str]) -> np.ndarray:
    mh = MinHash(NUM_PERM, _SEED, permutations=_PERMUTATIONS, scheme=_SCHEME)
    mh.update_batch([s.encode("utf-8") for s in items])
    return mh.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray, first_band: int = 0) -> list[tuple[int, int]]:
    """(band, key) pairs; two documents sharing any pair are candidates. Anchor
    signatures number their bands from ``BANDS`` on, so the two never meet."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append((first_band + band, struct.unpack(">q", digest)[0]))  # signed: fits BIGINT
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def similarities(sig: np.ndarray, stored: list[bytes]) -> list[float]:
    """``similarity`` of ``sig`` to each of several stored signatures, at once."""
    if not stored:
        return []
    others = np.frombuffer(b"".join(stored), dtype="<u8").reshape(len(stored), -1)
    return (others == sig).mean(axis=1).tolist()


@dataclass
class Fingerprint:
    """What the store keeps of a text to find other reports of its story."""

    words: np.ndarray
    anchors: np.ndarray | None

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        return cls(signature(text), anchor_signature(text))

    @cached_property
    def keys(self) -> list[tuple[int, int]]:
        anchors = [] if self.anchors is None else band_keys(self.anchors, BANDS)
        return band_keys(self.words) + anchors

    def to_bytes(self) -> bytes:
        """Stored form: the word signature, then the anchor signature if any."""
        anchors = b"" if self.anchors is None else to_bytes(self.anchors)
        return to_bytes(self.words) + anchors

    def scores(self, stored: list[bytes]) -> list[float]:
        """For each stored fingerprint, how strongly it reports the same story:
        its words' or its anchors' similarity over that kind's threshold,
        whichever is higher. 1 or more means the same story."""
        size = NUM_PERM * 8
        scores = [w / THRESHOLD for w in similarities(self.words, [b[:size] for b in stored])]
        if self.anchors is None:
            return scores
        both = [i for i, blob in enumerate(stored) if len(blob) == 2 * size]
        anchors = similarities(self.anchors, [stored[i][size:] for i in both])
        for i, a in zip(both, anchors, strict=True):
            scores[i] = max(scores[i], a / ANCHOR_THRESHOLD)
        return scores


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()
