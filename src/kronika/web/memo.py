"""Answers that change only when the store does, remembered until it does.

A page of documents needs the number of matches and the list of sources; on a
store of 100,000 documents each is an index scan of a few milliseconds, on every
request. SQLite touches the database file or its write-ahead log on every commit,
so their sizes and modification times say whether anything could have changed.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy.engine import Engine

T = TypeVar("T")
SIZE = 512  # answers kept per store


class Memo:
    def __init__(self, path: str | None, size: int = SIZE):
        self.files = [path, path + "-wal"] if path else []
        self.size = size
        self.answers: OrderedDict[Hashable, object] = OrderedDict()
        self.seen: tuple | None = None
        self.lock = threading.Lock()  # requests run in a thread pool

    def _state(self) -> tuple | None:
        state = []
        for name in self.files:
            try:
                info = os.stat(name)
            except FileNotFoundError:
                state.append(None)
                continue
            state.append((info.st_mtime_ns, info.st_size))
        return tuple(state) if self.files else None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        state = self._state()
        if state is None:  # not a SQLite file: nothing to watch, nothing kept
            return compute()
        with self.lock:
            if state != self.seen:
                self.answers.clear()
                self.seen = state
            if key in self.answers:
                self.answers.move_to_end(key)
                return self.answers[key]  # type: ignore[return-value]
        value = compute()
        with self.lock:
            if state == self.seen:  # not if the store changed while computing
                self.answers[key] = value
                if len(self.answers) > self.size:
                    self.answers.popitem(last=False)
        return value


_memos: dict[str, Memo] = {}


def memo_for(engine: Engine) -> Memo:
    """The memo of the store ``engine`` opens (one per process and database file)."""
    url = engine.url
    key = str(url)
    if key not in _memos:
        path = url.database if url.get_backend_name() == "sqlite" else None
        _memos[key] = Memo(os.path.abspath(path) if path and path != ":memory:" else None)
    return _memos[key]
