"""Hostile inputs, each written as the attack (issue 14): what the readers and the text repair
do with them. Short inputs and tight ratios, so the whole file runs in seconds."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import time
from pathlib import Path

import pytest

from accord.errors import DateError
from accord.ingest.readers import ReadOptions, document_from_text, iter_sourced, parse_date
from accord.ingest.repair import MAX_PUNCT_RUN, MAX_SENTENCE_CHARS, bound_text, repair_text
from accord.types import Document, Rejection

GOOD = "Russian troops shelled Kharkiv on Monday, officials in Ukraine said on Tuesday."


def items(*paths: Path, **options: object) -> list[tuple[str, Document | Rejection]]:
    return [(origin, value) for origin, value in iter_sourced([str(p) for p in paths], ReadOptions(**options))]


def reasons(found: list[tuple[str, Document | Rejection]]) -> list[str]:
    return [v.reason if isinstance(v, Rejection) else "document" for _, v in found]


# ---- High 1: runs of punctuation ------------------------------------------------------------
@pytest.mark.parametrize("run", ["*", ">", '"', "(", "!", "#", "_", "\u2026", "\U0001F600", "*>(!#\"'["])
def test_hostile_punctuation_run_is_cut_before_parsing(run):
    text = repair_text((run * 20_000)[:20_000] + " Putin met Xi in Moscow.")
    assert text.endswith(" Putin met Xi in Moscow.") and len(text) <= MAX_PUNCT_RUN + 30


def test_hostile_punctuation_run_tokenizes_in_linear_time():
    from accord.nlp.model import load_nlp

    nlp = load_nlp()
    plain = ("Putin met Xi in Moscow on Monday. " * 600)[:20_000]
    started = time.perf_counter()
    nlp.tokenizer(plain)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    nlp.tokenizer(document_from_text("*" * 20_000 + " Putin met Xi in Moscow.").text)
    hostile = time.perf_counter() - started
    assert hostile < max(5 * baseline, 0.05)  # before the fix: about 30 s


def test_hostile_short_runs_and_real_text_are_left_alone():
    text = "Markdown --- and *** and ... and ?!? and a URL https://example.org/a_b-c?d=1&e=2 stay."
    assert bound_text(text) is text and repair_text(text) == text


def test_hostile_sentence_without_end_is_split_in_place():
    raw = " ".join(["nonsense"] * 50_000)  # one sentence of 450,000 characters
    text = bound_text(raw)
    assert len(text) == len(raw) and text.replace("\n", " ") == raw  # same length: offsets stay
    assert max(len(line) for line in text.split("\n")) <= MAX_SENTENCE_CHARS


def test_hostile_pipeline_bounds_documents_built_by_hand():
    from accord.pipeline import bounded

    doc = Document(id="x", text="#" * 5_000 + " Putin met Xi.", published=None)
    assert len(bounded(doc).text) == MAX_PUNCT_RUN + len(" Putin met Xi.")
    ok = Document(id="y", text=GOOD, published=None)
    assert bounded(ok) is ok


# ---- High 2: one bad JSONL line never ends the run --------------------------------------------
def _jsonl(tmp_path: Path, lines: list[str], name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("line", "reason"), [
    ("[" * 100_000 + "]" * 100_000, "malformed"),                      # RecursionError
    ('{"text": ' + "[" * 5_000 + "]" * 5_000 + "}", "malformed"),       # nested inside a record
    ('{"text": "' + GOOD + '", "n": ' + "9" * 5_000 + "}", "malformed"),  # int over 4,300 digits
    ('{"text": "' + GOOD + '", "title": "a\\ud800b"}', "bad_text"),
    ('{"text": "' + GOOD + '", "url": "https://x/\\udfff"}', "bad_text"),
    ('{"text": "' + GOOD + '", "source": "\\ud83d"}', "bad_text"),
    ('{"text": "' + GOOD + ' \\ud800"}', "bad_text"),
    ('{"text": "' + GOOD + '", "title": "a\\u0000b"}', "bad_text"),
    ('{"text": "' + GOOD + '", "url": "\\u0000"}', "bad_text"),
    ('{"text": "' + GOOD + '", "source": "x\\u0000"}', "bad_text"),
    ('{"text": "' + GOOD + '", "title": {"deep": [1, 2]}}', "malformed"),
    ('{"text": "' + GOOD + '", "published": "0001-01-01"}', "bad_date"),
    ('{"text": "' + GOOD + '", "published": "9999-12-31"}', "bad_date"),
    ('{"text": "' + GOOD + '", "published": "2024-05-20DROP TABLE"}', "bad_date"),
    ('{"text": "' + GOOD + '", "published": ["2024-05-20"]}', "bad_date"),
])
def test_hostile_jsonl_line_is_one_rejection_and_the_run_goes_on(tmp_path, line, reason):
    good = [json.dumps({"text": f"{GOOD} Report {i}."}) for i in range(3)]
    found = items(_jsonl(tmp_path, [*good[:2], line, good[2]]))
    assert reasons(found) == ["document", "document", reason, "document"]
    rejection = found[2][1]
    assert rejection.input.endswith("in.jsonl:3")
    assert not any(0xD800 <= ord(c) <= 0xDFFF or c == "\x00" for c in rejection.message + rejection.input)
    assert len(rejection.message) < 300


def test_hostile_nul_in_text_becomes_a_space():
    assert "\x00" not in document_from_text(GOOD + "\x00 More.").text


@pytest.mark.parametrize("value", ["0001-01-01", "1799-12-31", "2201-01-01", "9999-12-31", "2024-05-20DROP TABLE",
                                   "2024-05-20 garbage", dt.date(1, 1, 1)])
def test_hostile_dates_are_bad_date(value):
    with pytest.raises(DateError):
        parse_date(value)


@pytest.mark.parametrize(("value", "day"), [("2024-05-20", dt.date(2024, 5, 20)),
                                             ("2024-05-20T09:30:00Z", dt.date(2024, 5, 20)),
                                             ("2024-05-20T09:30:00+02:00", dt.date(2024, 5, 20)),
                                             ("Mon, 20 May 2024 09:30:00 GMT", dt.date(2024, 5, 20)),
                                             ("1800-01-01", dt.date(1800, 1, 1))])
def test_hostile_good_dates_still_parse(value, day):
    assert parse_date(value) == day


# ---- Medium 5: only regular files are read ------------------------------------------------------
def test_hostile_fifo_is_rejected_without_blocking(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "a.jsonl")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    started = time.perf_counter()
    found = items(folder, folder / "a.jsonl")
    assert time.perf_counter() - started < 2
    assert reasons(found) == ["not_a_file", "document", "not_a_file"]
    assert "FIFO" in found[0][1].message


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_hostile_link_to_a_device_is_rejected(tmp_path, target):
    link = tmp_path / "zero.jsonl"
    link.symlink_to(target)
    started = time.perf_counter()
    assert reasons(items(link)) == ["not_a_file"]
    assert time.perf_counter() - started < 1


def test_hostile_unlistable_subfolder_is_a_rejection(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path: object = ".") -> object:  # the tests run as root, so permissions cannot deny
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = items(folder)
    assert sorted(reasons(found)) == ["bad_input", "document"]
    bad = next(v for _, v in found if isinstance(v, Rejection))
    assert bad.input.endswith("locked") and "Permission denied" in bad.message


# ---- Medium 6: rejection bomb and decompressed size ----------------------------------------------
def test_hostile_rejection_bomb_is_capped_per_input(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"{\n" * 5_000 + json.dumps({"text": GOOD}).encode() + b"\n")
    found = items(path, max_rejections_per_input=100)
    assert reasons(found) == ["malformed"] * 100 + ["document", "too_many_rejections"]
    assert found[-1][1].message.endswith("4900 more rejections after the first 100 are not listed (5000 in all)")


def test_hostile_decompressed_size_of_an_input_is_capped(tmp_path):
    path = tmp_path / "big.jsonl.gz"
    line = json.dumps({"text": GOOD}).encode() + b"\n"
    with gzip.open(path, "wb") as fh:
        fh.write(line * 2_000)
    found = items(path, max_input_bytes=len(line) * 10 + 5)
    assert reasons(found) == ["document"] * 10 + ["too_large"]
    assert "decompressed" in found[-1][1].message


# ---- Medium 7: one long text is parsed in slices, so memory does not grow with it -------------
def test_hostile_long_text_is_parsed_in_bounded_slices(monkeypatch):
    import accord.pipeline as pipeline

    text = bound_text(" ".join(["The army attacked the city and Mark Rutte met Donald Trump."] * 400))
    pieces = pipeline.slices(text, 3_000)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 3_000 and len(pieces) >= 8
    pipe = pipeline.get_pipeline()
    seen: list[int] = []
    real = pipe.nlp.pipe

    def recording(texts, **kwargs):
        texts = list(texts)
        seen.extend(len(t) for t in texts)
        return real(texts, **kwargs)

    monkeypatch.setattr(pipeline, "SLICE_CHARS", 3_000)
    monkeypatch.setattr(pipe.nlp, "pipe", recording)
    doc = pipe.parse(text)
    assert doc.text == text and max(seen) <= 3_000 and sum(seen) == len(text)
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
