"""Reading inputs: every kind of file, and a clear failure for every bad one."""

import json
from pathlib import Path

import pytest

from kronika.ingest import Defaults, Failure, Item, read

ARTICLE = "Shelling hit the town of Izium overnight, the regional governor said."


def items(paths, **kw):
    return list(read([str(p) for p in paths], Defaults(**kw)))


def test_a_text_file_gets_the_metadata_given_on_the_command_line(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (item,) = items([path], published="2024-05-01", source="Wire")
    assert isinstance(item, Item)
    assert (item.text, item.published, item.source) == (ARTICLE, "2024-05-01", "Wire")


def test_html_is_reduced_to_its_main_text_and_metadata(tmp_path: Path):
    body = "".join(
        f"<p>{ARTICLE} Paragraph {i} adds more detail about the night.</p>" for i in range(6)
    )
    html = (
        "<html><head><title>Night of shelling</title>"
        '<meta property="article:published_time" content="2024-03-02">'
        f"</head><body><nav>Home | World</nav><article><h1>Night of shelling</h1>{body}</article>"
        "<footer>Copyright</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (item,) = items([path])
    assert ARTICLE in item.text
    assert "Home | World" not in item.text
    assert item.title == "Night of shelling"
    assert item.published == "2024-03-02"


def test_jsonl_and_csv_records(tmp_path: Path):
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(
        json.dumps({"id": "x1", "text": ARTICLE, "title": "T", "published": "2024-01-02"})
        + "\n{not json\n"
        + json.dumps({"title": "no text"})
        + "\n",
        encoding="utf-8",
    )
    csv = tmp_path / "written_records.csv"
    csv.write_text(f'id,title,text,published\nc1,Hello,"{ARTICLE}",2024-02-03\n', encoding="utf-8")
    got = items([jsonl, csv])
    good = [i for i in got if isinstance(i, Item)]
    bad = [i for i in got if isinstance(i, Failure)]
    assert [i.id for i in good] == ["x1", "c1"]
    assert [str(f) for f in bad] == [
        f"{jsonl}:2: not JSON (column 2: Expecting property name enclosed in double quotes)",
        f"{jsonl}:3: record has no text field",
    ]


def test_a_directory_with_one_bad_file_among_good_ones(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE + " Again.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")  # not an article type: ignored
    got = items([tmp_path])
    assert sorted(Path(i.name).name for i in got if isinstance(i, Item)) == ["a.txt", "b.txt"]
    failures = {Path(f.name).name: f.message for f in got if isinstance(f, Failure)}
    assert failures == {
        "empty.txt": "empty: no text to analyse",
        "blob.txt": "binary file, not text",
    }


def test_a_text_larger_than_the_limit_is_refused_without_reading_it_all(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    (failure,) = items([path], max_chars=1000)
    assert isinstance(failure, Failure)
    assert failure.message.startswith("too large")


def test_a_missing_file_is_a_failure_not_a_crash(tmp_path: Path):
    (failure,) = items([tmp_path / "gone.txt"])
    assert failure.message == "no such file"


def test_a_csv_row_with_an_unterminated_quote_does_not_swallow_the_next(tmp_path: Path):
    path = tmp_path / "broken.csv"
    path.write_text(
        "id,text,published\n"
        'a1,"An unterminated quote runs on,2024-01-01\n'
        "a2,Rain fell on the city overnight.,2024-01-02\n"
        'a3,"A good multi-line\ntext in quotes",2024-01-03\n'
        'a4,"stray" quote,2024-01-04\n'
        '"a5","Rain fell again, and the river rose.",2024-01-05\n',
        encoding="utf-8",
    )
    got = items([path])
    assert [i.id for i in got if isinstance(i, Item)] == ["a2", "a3", "a5"]
    bad = [str(f) for f in got if isinstance(f, Failure)]
    assert [b.split(": ", 1)[0] for b in bad] == [f"{path}:2", f"{path}:6"]
    assert all("broken CSV row" in b for b in bad)


def test_a_record_field_of_the_wrong_type_is_named(tmp_path: Path):
    path = tmp_path / "types.jsonl"
    lines = [{"text": 12345}, {"text": ARTICLE, "title": ["a"]}, {"text": ARTICLE, "title": 7}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    got = items([path])
    assert str(got[0]) == f"{path}:1: text is not a string (a number)"
    assert str(got[1]) == f"{path}:2: title is not a string (a list)"
    assert isinstance(got[2], Item) and got[2].title == "7"


def test_json_messages_read_as_sentences(tmp_path: Path):
    path = tmp_path / "cut.jsonl"
    path.write_text('{"text": "cut off\n', encoding="utf-8")
    (failure,) = items([path])
    assert "at at" not in str(failure)
    assert str(failure) == f"{path}:1: not JSON (column 10: Unterminated string starting here)"


def test_a_record_line_that_is_not_utf8_is_one_failure(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": ARTICLE}).encode()
    path.write_bytes(good + b"\n" + b'{"text": "caf\xe9"}\n' + good.replace(b"Izium", b"Lyman"))
    got = items([path])
    assert isinstance(got[0], Item) and isinstance(got[2], Item)
    assert str(got[1]) == f"{path}:2: not UTF-8 (invalid byte 0xe9 at column 14)"
    csv = tmp_path / "mixed.csv"
    csv.write_bytes(b"text\nGood words here.\nBad caf\xe9 bytes.\nMore good words.\n")
    got = items([csv])
    assert [type(i).__name__ for i in got] == ["Item", "Failure", "Item"]
    assert str(got[1]).startswith(f"{csv}:3: not UTF-8")


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("published", "notadate", "'notadate' is not a date (give a date as YYYY-MM-DD)"),
        ("published", "2024-02-30", "'2024-02-30' is not a date in the calendar"),
        ("published", "May 26, 2024", "'May 26, 2024' is not a date (give a date as YYYY-MM-DD)"),
        ("language", "english", "'english' is not a language code (e.g. en, uk, ru, pt-BR)"),
        ("url", "javascript:alert(1)", "'javascript:alert(1)' is not an http(s):// address"),
        ("id", "two words", "'two words' is not an id (1-200 characters, no spaces)"),
    ],
)
def test_a_bad_field_value_is_refused_naming_field_and_value(tmp_path, field, value, reason):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, field: value}) + "\n", encoding="utf-8")
    (failure,) = items([path])
    assert str(failure) == f"{path}:1: {field}: {reason}"
    csv = tmp_path / "bad.csv"
    csv.write_text(f'text,{field}\n"{ARTICLE}","{value}"\n', encoding="utf-8")
    (failure,) = items([csv])
    assert str(failure) == f"{csv}:2: {field}: {reason}"


def test_dates_and_codes_in_accepted_forms_are_normalised(tmp_path: Path):
    path = tmp_path / "ok.jsonl"
    rows = [
        {"text": ARTICLE, "published": "2024-02-29T16:23:25Z", "language": "EN"},
        {"text": ARTICLE + " 2", "published": "2024-03-01 10:00", "language": "pt-BR"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    got = items([path])
    assert [(i.published, i.language) for i in got] == [
        ("2024-02-29", "en"),
        ("2024-03-01", "pt-BR"),
    ]
