"""Reading inputs: every kind of file, and a clear failure for every bad one."""

import json
from pathlib import Path

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
        f"{jsonl}:2: not JSON (Expecting property name enclosed in double quotes at column 2)",
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
