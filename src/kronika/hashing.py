"""Identity of a text: what "the same document" means across runs and stores."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def text_hash(text: str) -> str:
    """A hash of the NFKC-normalised, case-folded, whitespace-collapsed text."""
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]
