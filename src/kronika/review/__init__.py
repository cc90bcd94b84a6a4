"""People correct the record: typed corrections anchored to the text, applied over
the machine's record on every read, surviving re-analysis (see docs/review.md)."""
