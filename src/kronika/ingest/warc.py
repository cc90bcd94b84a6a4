"""Articles from WARC files (``.warc``, ``.warc.gz``), as news crawls ship them.

Each HTML ``response`` record becomes an item through trafilatura; a record
that cannot be read is a failure named by its byte offset, and a truncated
file ends the file with one failure rather than the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from kronika.ingest.decode import DecodeError, decode
from kronika.ingest.html import from_html
from kronika.ingest.items import Failure, Item

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


class _QuietArchiveIterator(ArchiveIterator):
    """warcio writes a multi-line warning to stderr for a record whose length is
    wrong; it still counts them (``err_count``), and the reader reports one line."""

    INC_RECORD = ""


def iter_warc(path: Path, max_bytes: int) -> Iterator[Item | Failure]:
    size = path.stat().st_size
    with path.open("rb") as fh:
        records = _QuietArchiveIterator(fh)
        end = 0
        try:
            for record in records:
                # The offset is only known once the record's content has been read.
                item = _item(record, max_bytes) if _is_html_response(record) else None
                offset = records.get_record_offset()
                end = offset + (records.get_record_length() or 0)
                if _unread(record):  # the record declared bytes that never came
                    yield Failure(f"{path}@{offset}", "truncated WARC record")
                    return
                if item is not None:
                    item.name = f"{path}@{offset}"
                    yield item
        except Exception as exc:  # noqa: BLE001  (warcio raises many kinds on broken input)
            yield Failure(
                f"{path}@{end}", f"truncated or corrupt WARC ({type(exc).__name__}: {exc})"
            )
            return
    if records.err_count:
        yield Failure(
            str(path), f"corrupt WARC: {records.err_count} record(s) with a wrong Content-Length"
        )
    elif end != size:
        yield Failure(f"{path}@{end}", f"truncated or corrupt WARC: {size - end:+,} bytes unread")


def _unread(record) -> int:
    while record.raw_stream.read(1 << 16):
        pass
    return getattr(record.raw_stream, "limit", 0)


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return "html" in content_type.lower()


def _item(record, max_bytes: int) -> Item | Failure:
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Failure("", f"too large (over {max_bytes:,} bytes)")
    try:
        item = from_html(decode(body), "")
    except DecodeError as exc:
        return Failure("", str(exc))
    item.url = item.url or record.rec_headers.get_header("WARC-Target-URI")
    item.published = item.published or record.rec_headers.get_header("WARC-Date")
    return item
