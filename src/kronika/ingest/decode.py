"""Turn the bytes of a text file into text, or say why they are not text."""

from __future__ import annotations

import codecs
import re
import unicodedata


class DecodeError(ValueError):
    pass


BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode(raw: bytes) -> str:
    """Decode UTF-8, UTF-16 (with a BOM or detectably without) or Latin-1/CP1252.

    A file with no well-formed UTF-8 multi-byte character is read as Windows-1252
    (a superset of Latin-1's printable characters); a file that is UTF-8 with
    invalid bytes is refused, naming the first one."""
    if not raw:
        return ""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(encoding, errors="strict"))
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"invalid {encoding.upper()} (at byte {exc.start:,}) after its byte-order mark"
                ) from None
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return _checked(raw.decode(utf16))
        except UnicodeDecodeError:
            raise DecodeError(f"invalid {utf16.upper()} text") from None
    if b"\x00" in raw:
        raise DecodeError("binary file, not text")
    try:
        return _checked(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(raw):
            # UTF-8 with damaged bytes: as Windows-1252 its every accent would turn
            # into two wrong characters, silently. Refuse instead.
            raise DecodeError(
                f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start:,}) in a "
                "file that is otherwise UTF-8: damaged; re-save it as UTF-8"
            ) from None
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid UTF-8 at byte {exc.start}, and not Latin-1 text") from None
    return _checked(text, "invalid UTF-8, and not Latin-1 text")


# A well-formed multi-byte UTF-8 character: Windows-1252 text almost never has one.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _utf16_without_bom(raw: bytes) -> str | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte.
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _checked(text: str, why: str = "binary file, not text") -> str:
    sample = text[:20000]
    if not sample:
        return text
    bad = sum(1 for ch in sample if _is_control(ch))
    if bad > max(2, len(sample) // 100):
        raise DecodeError(why)
    return text


def _is_control(ch: str) -> bool:
    return ch not in "\n\r\t\f" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
