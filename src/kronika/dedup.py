"""Near-duplicate detection: wire copies and re-posts of one story.

MinHash (``datasketch``) over word 5-shingles estimates Jaccard similarity; the
signature is cut into LSH bands whose keys live in the store, so candidates are
found by an indexed lookup and memory does not grow with the archive.
"""

from __future__ import annotations

import hashlib
import re
import struct

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.8 collide with probability ~0.999
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7
SHINGLE = 5
_WORD = re.compile(r"\w+")
# Fixed seed: signatures must stay comparable across runs and processes.
_SEED = 7
# MinHash draws its permutations from the seed each time it is made; drawn once here.
_SCHEME = "affine32"  # datasketch 2.0's default, named: stored signatures depend on it
_PERMUTATIONS = MinHash(NUM_PERM, _SEED, scheme=_SCHEME).permutations


def signature(text: str) -> np.ndarray:
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(NUM_PERM, _SEED, permutations=_PERMUTATIONS, scheme=_SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, key) pairs; two documents sharing any pair are candidates."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append((band, struct.unpack(">q", digest)[0]))  # signed: fits BIGINT
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def similarities(sig: np.ndarray, stored: list[bytes]) -> list[float]:
    """``similarity`` of ``sig`` to each of several stored signatures, at once."""
    if not stored:
        return []
    others = np.frombuffer(b"".join(stored), dtype="<u8").reshape(len(stored), -1)
    return (others == sig).mean(axis=1).tolist()


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8")
