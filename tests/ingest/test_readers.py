import datetime as dt
import gzip
import json
import random
import tracemalloc
from pathlib import Path

import pytest

from accord.errors import (
    BinaryInput,
    DateError,
    EmptyInput,
    InputError,
    InputIsDirectory,
    InputNotFound,
)
from accord.ingest.readers import (
    JsonlFields,
    ReadOptions,
    document_from_text,
    iter_inputs,
    iter_sourced,
    parse_date,
    read_file,
    walk,
)
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


# ---- formats: HTML, feeds, gzip, sniffing, JSONL field names ------------------------------------
DATA = Path(__file__).parent / "data"
PAGE_TEXT = (
    "Iran and US resume talks in Oman\n"
    "Iranian Foreign Minister Abbas Araghchi met U.S. envoy Steve Witkoff in Muscat on Saturday for indirect "
    "talks on Tehran's nuclear programme, Omani officials said.\n"
    "The two delegations sat in separate rooms while Omani Foreign Minister Badr Albusaidi carried messages "
    "between them, according to a statement from the ministry.\n"
    "Both sides described the talks as constructive and agreed to meet again next week in Rome."
)


def test_readers_html_page_keeps_title_date_and_body_only():
    doc = read_file(DATA / "page.html")
    assert (doc.title, doc.published, doc.text) == ("Iran and US resume talks in Oman", dt.date(2025, 4, 12), PAGE_TEXT)
    assert "tracker" not in doc.text and "cookies" not in doc.text and "Most read" not in doc.text


def test_readers_gzip_of_every_kind(tmp_path):
    html = (DATA / "page.html").read_bytes()
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(html))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(b"Date: 2025-02-02\n\nChina and Russia held talks in Beijing."))
    record = {"text": "Turkey and Greece held talks on maritime borders.", "published": "2025-02-03"}
    (tmp_path / "lines.jsonl.gz").write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    (tmp_path / "feed.rss.gz").write_bytes(gzip.compress(RSS))
    (tmp_path / "no_suffix_but_gzip.txt").write_bytes(gzip.compress(b"Kenya and Somalia agreed to reopen their border."))
    docs = list(iter_inputs([tmp_path]))
    assert [(d.text[:25], d.published) for d in docs] == [
        ("Germany and France agreed", dt.date(2025, 4, 11)),
        ("Poland said on Saturday i", dt.date(2025, 4, 12)),
        ("Turkey and Greece held ta", dt.date(2025, 2, 3)),
        ("Kenya and Somalia agreed ", None),
        ("Iran and US resume talks ", dt.date(2025, 4, 12)),
        ("China and Russia held tal", dt.date(2025, 2, 2)),
    ]


RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Wire</title>
<item><title>Germany and France agree on defence spending</title><link>https://example.org/a</link>
<pubDate>Fri, 11 Apr 2025 18:00:00 GMT</pubDate>
<description>&lt;p&gt;Germany and France agreed to raise defence spending at a summit in Berlin on Friday.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</description></item>
<item><title>Poland expels diplomat</title><link>https://example.org/b</link>
<pubDate>Sat, 12 Apr 2025 09:30:00 GMT</pubDate>
<description>Poland said on Saturday it would expel a Russian diplomat over an arson attack in Warsaw.</description></item>
</channel></rss>"""


def test_readers_rss_feed_one_document_per_entry(tmp_path):
    p = tmp_path / "wire.xml"
    p.write_bytes(RSS)
    items = list(iter_sourced([p]))
    assert [(i.origin.rsplit("/", 1)[1], i.value.title, i.value.url, i.value.source, i.value.published, i.value.text)
            for i in items] == [
        ("wire.xml#1", "Germany and France agree on defence spending", "https://example.org/a", "World Wire",
         dt.date(2025, 4, 11), "Germany and France agreed to raise defence spending at a summit in Berlin on Friday."),
        ("wire.xml#2", "Poland expels diplomat", "https://example.org/b", "World Wire", dt.date(2025, 4, 12),
         "Poland said on Saturday it would expel a Russian diplomat over an arson attack in Warsaw."),
    ]


def test_readers_atom_feed_prefers_full_content(tmp_path):
    p = tmp_path / "wire.atom"
    p.write_bytes(b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Ceasefire talks</title><link href="https://example.org/x"/><updated>2025-05-02T10:00:00Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;Egypt and Qatar hosted ceasefire talks in Cairo on Friday.&lt;/p&gt;&lt;p&gt;Israel sent a delegation.&lt;/p&gt;</content>
</entry></feed>""")
    (doc,) = iter_inputs([p])
    assert (doc.title, doc.url, doc.source, doc.published, doc.text) == (
        "Ceasefire talks", "https://example.org/x", "Atom Wire", dt.date(2025, 5, 2),
        "Egypt and Qatar hosted ceasefire talks in Cairo on Friday.\nIsrael sent a delegation.")


def test_readers_broken_feed_keeps_what_it_can_and_rejects_the_rest(tmp_path):
    truncated = tmp_path / "truncated.rss"
    truncated.write_bytes(RSS[: RSS.index(b"<item><title>Poland")] + b"<item><title>Poland & ")
    garbage = tmp_path / "garbage.rss"
    garbage.write_bytes(b"this is <<< not a feed")
    items = [(i.origin.rsplit("/", 1)[1], type(i.value).__name__, getattr(i.value, "reason", None))
             for i in iter_sourced([truncated, garbage])]
    assert items == [("truncated.rss#1", "Document", None), ("truncated.rss#2", "Rejection", "empty"),
                     ("garbage.rss", "Rejection", "malformed")]


def test_readers_sniff_kind_without_suffix(tmp_path):
    (tmp_path / "page").write_bytes((DATA / "page.html").read_bytes())
    (tmp_path / "feed").write_bytes(RSS)
    (tmp_path / "records").write_text(json.dumps({"text": "Chile and Peru signed a trade deal on Monday."}) + "\n")
    items = list(iter_inputs([tmp_path / "page", tmp_path / "feed", tmp_path / "records"]))
    assert [d.text[:20] for d in items] == ["Iran and US resume t", "Germany and France a", "Poland said on Satur",
                                            "Chile and Peru signe"]


def test_readers_jsonl_field_names_are_configurable(tmp_path):
    p = tmp_path / "custom.jsonl"
    p.write_text(json.dumps({"body": "Japan and South Korea held a summit in Tokyo.", "headline": "Summit",
                             "date": "2025-06-01", "link": "https://example.org/s", "outlet": "Wire"}) + "\n")
    fields = JsonlFields(text="body", title="headline", published="date", url="link", source="outlet")
    (doc,) = iter_inputs([p], fields)
    assert (doc.text, doc.title, doc.published, doc.url, doc.source) == (
        "Japan and South Korea held a summit in Tokyo.", "Summit", dt.date(2025, 6, 1), "https://example.org/s", "Wire")


def test_readers_rfc2822_dates_are_accepted():
    assert parse_date("Sat, 12 Apr 2025 09:30:00 GMT") == dt.date(2025, 4, 12)
    with pytest.raises(DateError):
        parse_date("next Tuesday")


# ---- bad inputs --------------------------------------------------------------------------------
def test_readers_invalid_and_mixed_encodings_are_repaired(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("Officials in Zürich said the talks went well.\n".encode() +
                  "Officials in Zürich met again on Tuesday.".encode("cp1252") + b" \x81")
    assert read_file(p).text == ("Officials in Zürich said the talks went well.\n"
                                 "Officials in Zürich met again on Tuesday. \ufffd")


def test_readers_utf16_without_bom(tmp_path):
    p = tmp_path / "u16le.txt"
    p.write_bytes("Russia's army attacked Kharkiv on Monday.".encode("utf-16-le"))
    assert read_file(p).text == "Russia's army attacked Kharkiv on Monday."


def test_readers_random_bytes_named_txt_are_binary(tmp_path):
    p = tmp_path / "noise.txt"
    p.write_bytes(random.Random(7).randbytes(5000))
    (item,) = iter_inputs([p])
    assert (item.reason, item.message) == ("binary", f"{p}: binary file, not text (valid: UTF-8 or UTF-16 text)")


def test_readers_50mb_document_is_too_large_without_being_read(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.seek(50_000_000)
        fh.write(b"x")
    line = tmp_path / "big.jsonl"
    with line.open("wb") as fh:
        fh.write(b'{"text": "Chile and Peru signed a trade deal on Monday."}\n{"text": "')
        for _ in range(50):
            fh.write(b"word " * 200_000)
        fh.write(b'"}\n{"text": "Peru and Bolivia signed a border deal on Monday."}\n')
    packed = tmp_path / "big.txt.gz"
    with gzip.open(packed, "wb") as fh:
        for _ in range(50):
            fh.write(b"word " * 200_000)
    expected = [("big.txt", "too_large"), ("big.jsonl:1", "doc"), ("big.jsonl:2", "too_large"),
                ("big.jsonl:3", "doc"), ("big.txt.gz", "too_large")]
    items = list(iter_sourced([big, line, packed]))  # the default 10 MB limit
    assert [(i.origin.rsplit("/", 1)[1], getattr(i.value, "reason", "doc")) for i in items] == expected
    assert items[0].value.message == f"{big}: 50000001 bytes, over the 10000000-byte document limit " \
                                     "(valid: raise ACCORD_MAX_DOC_BYTES or --max-doc-bytes)"
    tracemalloc.start()
    items = list(iter_sourced([big, line, packed], ReadOptions(max_doc_bytes=1_000_000)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(i.origin.rsplit("/", 1)[1], getattr(i.value, "reason", "doc")) for i in items] == expected
    assert peak < 4_000_000  # a few times the 1 MB limit, never the 50 MB inputs


def test_readers_size_limit_is_configurable(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("Chile and Peru signed a trade deal on Monday in Lima.")
    assert [getattr(i, "reason", "doc") for i in iter_inputs([p], options=ReadOptions(max_doc_bytes=20))] == ["too_large"]
    monkeypatch.setenv("ACCORD_MAX_DOC_BYTES", "30")
    assert [getattr(i, "reason", "doc") for i in iter_inputs([p])] == ["too_large"]
    monkeypatch.setenv("ACCORD_MAX_DOC_BYTES", "lots")
    with pytest.raises(InputError, match="ACCORD_MAX_DOC_BYTES='lots' is not a size in bytes"):
        list(iter_inputs([p]))


def test_readers_deeply_nested_html_with_scripts(tmp_path):
    body = ("<p>Iranian Foreign Minister Abbas Araghchi met U.S. envoy Steve Witkoff in Muscat.</p>"
            "<script>for (;;) {}</script><p>The two delegations sat in separate rooms.</p>")
    deep = tmp_path / "deep.html"
    deep.write_text("<html><head><title>Deep</title></head><body>" + "<div>" * 5000 + body + "</div>" * 5000 + "</body></html>")
    scripts = tmp_path / "scripts.html"
    scripts.write_text("<html><body>" + "<script>var a = '<p>not text</p>';</script>" * 200 + "</body></html>")
    items = list(iter_inputs([deep, scripts]))
    assert (items[0].title, items[0].text) == ("Deep", "Iranian Foreign Minister Abbas Araghchi met U.S. envoy "
                                               "Steve Witkoff in Muscat.\nThe two delegations sat in separate rooms.")
    assert (items[1].reason, items[1].message) == (
        "boilerplate", f"{scripts}: no article text in the page (only boilerplate or markup)")


def test_readers_directory_walk_skips_hidden_and_unknown(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Russia attacked Ukraine on Monday again.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Chile and Peru signed a trade deal on Monday.")
    (tmp_path / "a.htm").write_bytes((DATA / "page.html").read_bytes())
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README.txt").write_text("About this folder and what it holds.")
    assert [str(p.relative_to(tmp_path)) for p in walk(tmp_path)] == ["a.htm", "sub/b.md"]


def test_readers_corrupt_and_truncated_gzip(tmp_path):
    whole = gzip.compress(b"Chile and Peru signed a trade deal on Monday in Lima.")
    (tmp_path / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "junk.jsonl.gz").write_bytes(b"\x1f\x8b" + b"\x00garbage" * 10)
    items = [(Path(i.origin).name, i.value.reason, i.value.message.split(": ", 1)[1])
             for i in iter_sourced([tmp_path / "cut.txt.gz", tmp_path / "junk.jsonl.gz"])]
    assert items == [
        ("cut.txt.gz", "bad_input", "cannot read (Compressed file ended before the end-of-stream marker was reached)"),
        ("junk.jsonl.gz", "bad_input", "cannot read (Unknown compression method)"),
    ]
