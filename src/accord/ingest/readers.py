"""Readers: files, folders, JSONL, HTML pages, RSS/Atom feeds, gzip and stdin into Documents,
or Rejections with a reason.

A text file may start with header lines `Date: YYYY-MM-DD`, `Title: ...`, `Source: ...`,
`URL: ...`, then a blank line. JSONL records carry `id`, `title`, `text`, `published`, `url`,
`source` (field names configurable with JsonlFields). Any input may be gzip-compressed (`.gz`,
or recognised by its first bytes); the reader is chosen by the suffix before `.gz`, else by
sniffing the first bytes. One document is at most `ReadOptions.max_doc_bytes` bytes
(ACCORD_MAX_DOC_BYTES, default 10 MB), checked before it is read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import gzip
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

from accord.errors import (
    BinaryInput,
    DateError,
    EmptyInput,
    InputError,
    InputIsDirectory,
    InputNotFound,
    InvalidText,
    MalformedRecord,
)
from accord.ingest.filters import BOILERPLATE, TOO_LARGE
from accord.ingest.repair import repair_text
from accord.ingest.sources import (
    DEFAULT_MAX_DOC_BYTES,
    GZIP_MAGIC,
    SUFFIX_KINDS,
    Capped,
    Kind,
    iter_lines,
    kind_of,
    max_doc_bytes_default,
    max_input_bytes_default,
    open_input,
    read_bounded,
    sniff,
    too_large,
    walk,
)
from accord.types import Document, Rejection

TEXT_SUFFIXES = {s for s, k in SUFFIX_KINDS.items() if k == "text"}
JSONL_SUFFIXES = {s for s, k in SUFFIX_KINDS.items() if k == "jsonl"}
MAX_BYTES = DEFAULT_MAX_DOC_BYTES  # default size limit of one document; see ReadOptions
MIN_CHARS = 20
MAX_REJECTIONS_PER_INPUT = 1_000
TOO_MANY_REJECTIONS = "too_many_rejections"
_HEADER = re.compile(r"^(date|title|source|url|published)\s*:\s*(.*)$", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")
MIN_YEAR, MAX_YEAR = 1800, 2200
_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"OggS", b"ID3",
          b"\x00\x00\x01\x00", b"BM")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode error handler: a byte that is not UTF-8 is read as Windows-1252 (mixed encodings)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("accord-cp1252", _cp1252_fallback)


@dataclass(frozen=True, slots=True)
class JsonlFields:
    id: str = "id"
    text: str = "text"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    source: str = "source"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read: JSONL field names, the size limit of one document in bytes, of one compressed
    input decompressed, and how many rejections one input may write before the rest are counted
    in one summary rejection (`too_many_rejections`)."""

    fields: JsonlFields = JsonlFields()
    max_doc_bytes: int = field(default_factory=max_doc_bytes_default)
    max_input_bytes: int = field(default_factory=max_input_bytes_default)
    max_rejections_per_input: int = MAX_REJECTIONS_PER_INPUT


class Item(NamedTuple):
    """What a reader yields: where it came from (path, path:line, feed#entry) and what it is."""

    origin: str
    value: Document | Rejection


def parse_date(value: object, what: str = "date") -> dt.date | None:
    """Parse YYYY-MM-DD (also a full ISO timestamp, or an RFC 2822 date as in feeds and mail);
    None for empty; DateError otherwise, also for a year outside 1800-2200 (no news is dated
    there, and the coder's date arithmetic would fail on year 1)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _in_range(value, what, value.isoformat())
    text = str(value).strip()
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.fromisoformat(t).date(),
                  lambda t: email.utils.parsedate_to_datetime(t).date()):
        try:
            day = parse(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        return _in_range(day, what, text)
    raise DateError(f"invalid {what} {text[:80]!r}", input=text[:80], valid="YYYY-MM-DD") from None


def _in_range(day: dt.date, what: str, text: str) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise DateError(f"{what} {text[:80]!r} is outside {MIN_YEAR}-{MAX_YEAR}", input=text[:80],
                        valid=f"a YYYY-MM-DD date from {MIN_YEAR} to {MAX_YEAR}")
    return day


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM; stray non-UTF-8 bytes read as Windows-1252),
    UTF-16 with a BOM or recognisably without one; binary is refused."""
    if not data.strip():
        raise EmptyInput(f"{name}: empty input", input=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if data.startswith(_MAGIC) or b"\x00" in data[:4096]:
        raise BinaryInput(f"{name}: binary file, not text", input=name, valid="UTF-8 or UTF-16 text")
    text = data.decode("utf-8-sig", errors="accord-cp1252")
    sample = text[:4096]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if sample and bad / len(sample) > 0.05:
        raise BinaryInput(f"{name}: binary file, not text", input=name, valid="UTF-8 or UTF-16 text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte of the start is zero (ASCII as UTF-16)."""
    head = data[:512]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) == len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) == len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def document_from_text(raw: str, *, name: str = "-", published: dt.date | None = None,
                       title: str = "", url: str = "", source: str = "") -> Document:
    """Build a Document from article text with optional `Key: value` header lines."""
    check_text(name, text=raw, title=title, url=url, source=source)
    lines = raw.lstrip("\ufeff").splitlines()
    meta: dict[str, str] = {}
    while lines and (m := _HEADER.match(lines[0].strip())):
        key, value = m.groups()
        meta[key.lower()] = value.strip()
        lines.pop(0)
    body = "\n".join(lines).strip()
    text = repair_text(body)
    if len(text.strip()) < MIN_CHARS:
        raise EmptyInput(f"{name}: no article text (under {MIN_CHARS} characters)", input=name)
    header_date = meta.get("date") or meta.get("published")
    day = parse_date(published, f"date of {name}") if published else parse_date(header_date, f"date in {name}")
    title = title or meta.get("title", "")
    url = url or meta.get("url", "")
    check_text(name, title=title, url=url, source=source or meta.get("source", ""))
    return Document(
        id=Document.make_id(text, url), text=text, published=day, title=title, url=url,
        source=source or meta.get("source", ""),
    )


def check_text(name: str, **fields: str) -> None:
    """InvalidText when a field holds a lone surrogate (no UTF-8 store can keep it) or a name field
    holds NUL (PostgreSQL refuses it; in the text NUL becomes a space). The message names the
    field and the position, never the bad text itself."""
    for key, value in fields.items():
        if not value:
            continue
        if (m := _SURROGATE.search(value)) is not None:
            raise InvalidText(f"{name}: {key} holds a lone surrogate (U+{ord(m.group()):04X}) at "
                              f"character {m.start()}", input=name, valid="text that is valid Unicode")
        if key != "text" and "\x00" in value:
            raise InvalidText(f"{name}: {key} holds a NUL character at character {value.index(chr(0))}",
                              input=name, valid=f"a {key} without NUL")


def document_from_html(data: bytes, *, name: str = "-", published: dt.date | None = None,
                       url: str = "") -> Document | None:
    """An HTML page -> Document (title, date and main text); None when it has no article text."""
    from accord.ingest.html import extract_page

    page = extract_page(decode(data, name))
    if page is None:
        return None
    return document_from_text(page.text, name=name, published=published or page.published,
                              title=page.title, url=url or page.url, source=page.source)


def read_file(path: Path, published: dt.date | None = None, options: ReadOptions | None = None) -> Document:
    """One article file (text, HTML, gzip of either) -> Document; typed errors for a missing path,
    a folder, a file over the size limit, binary or empty content."""
    options = options or ReadOptions()
    if not path.exists():
        raise InputNotFound(f"{path}: no such file", input=str(path))
    if path.is_dir():
        raise InputIsDirectory(f"{path}: is a directory; give one article file (or use `accord ingest`)", input=str(path))
    data = _file_bytes(path, options.max_doc_bytes)
    kind = kind_of(path) or sniff(data[:2048])
    if kind in ("feed", "jsonl"):
        raise InputError(f"{path}: a {kind} file holds many articles; use `accord ingest`", input=str(path),
                         valid="one .txt, .md or .html article")
    if kind == "html":
        document = document_from_html(data, name=str(path), published=published)
        if document is None:
            raise EmptyInput(f"{path}: no article text in the page (only boilerplate or markup)", input=str(path))
        return document
    return document_from_text(decode(data, str(path)), name=str(path), published=published)


def _file_bytes(path: Path, limit: int) -> bytes:
    try:
        with open_input(path) as fh:
            if not isinstance(fh, Capped) and (size := path.stat().st_size) > limit:
                raise too_large(str(path), limit, size)
            return read_bounded(fh, limit, str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({_reason(exc)})", input=str(path)) from None


def read_jsonl(path: Path, fields: JsonlFields = JsonlFields(), options: ReadOptions | None = None) -> Iterator[Document | Rejection]:
    options = options or ReadOptions(fields=fields)
    for item in _path_items(path, options, "jsonl"):
        yield item.value


def _jsonl_items(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    for n, line in iter_lines(fh, options.max_doc_bytes):
        where = f"{name}:{n}"
        if line is None:
            yield Item(where, Rejection(where, TOO_LARGE, str(too_large(where, options.max_doc_bytes))))
            continue
        if not line.strip():
            continue
        try:
            yield Item(where, _record(line, where, options.fields))
        except (InputError, DateError) as exc:
            yield Item(where, Rejection(where, exc.code, str(exc)))
        except (RecursionError, MemoryError, ValueError, TypeError, UnicodeError) as exc:
            # one record must never end the run, whatever is inside it
            yield Item(where, Rejection(where, MalformedRecord.code,
                                        f"{where}: cannot read the record ({type(exc).__name__})"))


def _record(line: bytes, where: str, fields: JsonlFields) -> Document:
    try:
        rec = json.loads(line.decode("utf-8-sig", errors="accord-cp1252"))
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"{where}: not valid JSON ({exc.msg})", input=where) from None
    except RecursionError:
        raise MalformedRecord(f"{where}: JSON nested too deeply", input=where) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise MalformedRecord(f"{where}: not readable JSON ({_first(exc)})", input=where) from None
    if not isinstance(rec, dict):
        raise MalformedRecord(f"{where}: a record must be a JSON object", input=where)
    text = rec.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        raise EmptyInput(f"{where}: no {fields.text!r} field with text", input=where)
    meta = {key: _scalar(rec.get(getattr(fields, key)), key, where) for key in ("title", "url", "source")}
    published = rec.get(fields.published)
    if published is not None and not isinstance(published, str | int | float):
        raise DateError(f"invalid date in {where}: not a string", input=where, valid="YYYY-MM-DD")
    return document_from_text(text, name=where, published=parse_date(published, f"date in {where}"), **meta)


def _scalar(value: object, key: str, where: str) -> str:
    """A metadata field as text: a string or number as written; an object or list is refused."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    raise MalformedRecord(f"{where}: {key} must be a string, not a JSON {type(value).__name__}", input=where)


def _first(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:120] if lines else type(exc).__name__


def iter_inputs(paths: Iterable[str | Path], fields: JsonlFields = JsonlFields(),
                options: ReadOptions | None = None) -> Iterator[Document | Rejection]:
    """Every document under the given paths (files, folders, JSONL, HTML, feeds, .gz, '-' for
    stdin), in order, each a Document or a Rejection."""
    for item in iter_sourced(paths, options or ReadOptions(fields=fields)):
        yield item.value


def iter_sourced(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Item]:
    """Like iter_inputs, with the origin of each item (path, path:line or feed#entry)."""
    options = options or ReadOptions()
    for p in paths:
        if str(p) == "-":
            yield from _capped(_stdin_items(options), "<stdin>", options.max_rejections_per_input)
            continue
        path = Path(p)
        if not path.exists():
            yield Item(str(path), Rejection(str(path), InputNotFound.code, f"{path}: no such file or directory"))
        elif path.is_dir():
            errors: list[OSError] = []
            for child in walk(path, errors):
                yield from _unlistable(errors)
                yield from _path_items(child, options, kind_of(child))
            yield from _unlistable(errors)
        else:
            yield from _path_items(path, options, kind_of(path))


def _unlistable(errors: list[OSError]) -> Iterator[Item]:
    while errors:
        exc = errors.pop(0)
        name = str(exc.filename or "?")
        yield Item(name, Rejection(name, InputError.code, f"{name}: cannot read the folder ({_reason(exc)})"))


def _path_items(path: Path, options: ReadOptions, kind: Kind | None) -> Iterator[Item]:
    yield from _capped(_file_items(path, options, kind), str(path), options.max_rejections_per_input)


def _capped(items: Iterator[Item], name: str, cap: int) -> Iterator[Item]:
    """The items of one input, with at most `cap` rejections: the rest are counted and reported
    in one `too_many_rejections` rejection at the end (documents still pass)."""
    rejected = over = 0
    for item in items:
        if isinstance(item.value, Rejection):
            rejected += 1
            if rejected > cap:
                over += 1
                continue
        yield item
    if over:
        yield Item(name, Rejection(name, TOO_MANY_REJECTIONS,
                                   f"{name}: {over} more rejections after the first {cap} are not listed "
                                   f"({rejected} in all)"))


def _file_items(path: Path, options: ReadOptions, kind: Kind | None) -> Iterator[Item]:
    name = str(path)
    try:
        with open_input(path, options.max_input_bytes) as fh:
            if kind != "jsonl" and not isinstance(fh, Capped) and (size := path.stat().st_size) > options.max_doc_bytes:
                raise too_large(name, options.max_doc_bytes, size)
            yield from _stream_items(fh, name, kind, options)
    except (InputError, DateError) as exc:
        yield Item(name, Rejection(name, exc.code, str(exc)))
    except (OSError, EOFError, zlib.error) as exc:
        yield Item(name, Rejection(name, InputError.code, f"{name}: cannot read ({_reason(exc)})"))


def _reason(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return getattr(exc, "strerror", None) or (lines[0] if lines else type(exc).__name__)


def _stream_items(fh: BinaryIO, name: str, kind: Kind | None, options: ReadOptions) -> Iterator[Item]:
    if kind is None:
        kind = sniff(_peek(fh))
    if kind == "jsonl":
        yield from _jsonl_items(fh, name, options)
        return
    try:
        data = read_bounded(fh, options.max_doc_bytes, name)
        if kind == "feed":
            from accord.ingest.feeds import iter_feed

            yield from (Item(*pair) for pair in iter_feed(data, name, document_from_text))
        elif kind == "html":
            yield Item(name, _html_item(data, name))
        else:
            yield Item(name, document_from_text(decode(data, name), name=name))
    except (InputError, DateError) as exc:
        yield Item(name, Rejection(name, exc.code, str(exc)))


def _stdin_items(options: ReadOptions) -> Iterator[Item]:
    stdin: BinaryIO = sys.stdin.buffer
    try:
        if _peek(stdin)[:2] == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=stdin, mode="rb") as unzipped:
                capped = Capped(unzipped, options.max_input_bytes, "<stdin>")
                yield from _stream_items(capped, "<stdin>", None, options)  # type: ignore[arg-type]
        else:
            yield from _stream_items(stdin, "<stdin>", None, options)
    except (InputError, DateError) as exc:
        yield Item("<stdin>", Rejection("<stdin>", exc.code, str(exc)))
    except (OSError, EOFError, zlib.error) as exc:
        yield Item("<stdin>", Rejection("<stdin>", InputError.code, f"<stdin>: cannot read ({_reason(exc)})"))


def _html_item(data: bytes, name: str) -> Document | Rejection:
    document = document_from_html(data, name=name)
    if document is None:
        return Rejection(name, BOILERPLATE, f"{name}: no article text in the page (only boilerplate or markup)")
    return document


def _peek(fh: BinaryIO) -> bytes:
    peek = getattr(fh, "peek", None)
    return peek(2048)[:2048] if peek else b""
