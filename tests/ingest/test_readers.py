import datetime as dt
import json

import pytest

from accord.errors import BinaryInput, DateError, EmptyInput, InputIsDirectory, InputNotFound
from accord.ingest.readers import document_from_text, iter_inputs, read_file
from accord.types import Document, Rejection


def test_readers_header_lines_become_metadata():
    doc = document_from_text("Date: 2025-04-09\nTitle: Talks in Paris\nSource: Wire\n\nUkraine's minister met Barrot.")
    assert doc.published == dt.date(2025, 4, 9)
    assert doc.title == "Talks in Paris"
    assert doc.source == "Wire"
    assert doc.text == "Ukraine's minister met Barrot."
    assert doc.id == Document.make_id(doc.text)


def test_readers_id_is_stable_under_whitespace():
    a = document_from_text("Russia  attacked\nUkraine on Monday.")
    b = document_from_text("Russia attacked Ukraine on Monday.")
    assert a.id == b.id


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"", EmptyInput), (b"%PDF-1.4 binary", BinaryInput), (b"\x89PNG\r\n\x1a\n\x00\x00", BinaryInput),
     (b"Date: 2025-13-45\n\nRussia attacked Ukraine on Monday.", DateError)],
)
def test_readers_bad_single_file(tmp_path, content, error):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(error):
        read_file(p)


def test_readers_missing_and_directory(tmp_path):
    with pytest.raises(InputNotFound):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(InputIsDirectory):
        read_file(tmp_path)


def test_readers_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Russia's army attacked Kharkiv on Monday.".encode("utf-16"))
    assert read_file(p).text == "Russia's army attacked Kharkiv on Monday."


def test_readers_jsonl_keeps_good_lines_and_rejects_bad(tmp_path):
    p = tmp_path / "in.jsonl"
    good = {"id": "1", "text": "Israel and Jordan signed an agreement on water.", "published": "2025-01-02"}
    p.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "3"}) + "\n", encoding="utf-8")
    items = list(iter_inputs([p]))
    assert isinstance(items[0], Document) and items[0].published == dt.date(2025, 1, 2)
    assert [(r.input.rsplit(":", 1)[1], r.reason) for r in items[1:] if isinstance(r, Rejection)] == [
        ("2", "malformed"), ("3", "empty")]


def test_readers_folder_mixes_files_and_records_rejections(tmp_path):
    (tmp_path / "a.txt").write_text("Date: 2025-02-01\n\nThe EU imposed sanctions on Iran.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    items = list(iter_inputs([tmp_path, tmp_path / "missing.txt"]))
    assert [type(i).__name__ for i in items] == ["Document", "Rejection", "Rejection"]
    assert [i.reason for i in items if isinstance(i, Rejection)] == ["binary", "not_found"]
