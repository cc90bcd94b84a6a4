"""Text files arrive in UTF-8, UTF-16 or Latin-1; binary files are refused."""

import pytest

from kronika.ingest.decode import DecodeError, decode

TEXT = "Kyiv, 3 March — The convoy “stopped” at the bridge."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_are_detected(encoding):
    assert decode(TEXT.encode(encoding)) == TEXT


def test_latin1_is_decoded_when_utf8_fails():
    text = "Le général a déclaré que la ville était encerclée."
    assert decode(text.encode("latin-1")) == text


def test_windows_quotes_are_decoded():
    assert decode("He said \u201cno\u201d.".encode("cp1252")) == "He said \u201cno\u201d."


def test_binary_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode(bytes(range(256)) * 4)


def test_invalid_utf8_that_is_not_text_is_refused():
    with pytest.raises(DecodeError):
        decode(b"\x81\x8d\x8f\x90\x9d" * 50)


def test_utf8_with_a_damaged_byte_is_refused_naming_it():
    raw = "Le général a déclaré".encode() + b" \xff " + "que la ville était encerclée.".encode()
    with pytest.raises(DecodeError, match=r"invalid UTF-8 \(byte 0xff at offset 25\)"):
        decode(raw)
