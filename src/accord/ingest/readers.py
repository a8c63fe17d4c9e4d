"""Readers: files, folders, JSONL and stdin into Documents, or Rejections with a reason.

A text file may start with header lines `Date: YYYY-MM-DD`, `Title: ...`, `Source: ...`,
`URL: ...`, then a blank line. JSONL records carry `id`, `title`, `text`, `published`, `url`,
`source` (field names configurable).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from accord.errors import (
    BinaryInput,
    DateError,
    EmptyInput,
    InputError,
    InputIsDirectory,
    InputNotFound,
    InputTooLarge,
    MalformedRecord,
)
from accord.ingest.repair import repair_text
from accord.types import Document, Rejection

TEXT_SUFFIXES = {".txt", ".md", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 20_000_000  # a single document larger than this is rejected as too large
MIN_CHARS = 20
_HEADER = re.compile(r"^(date|title|source|url|published)\s*:\s*(.*)$", re.I)


@dataclass(frozen=True, slots=True)
class JsonlFields:
    id: str = "id"
    text: str = "text"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    source: str = "source"


def parse_date(value: object, what: str = "date") -> dt.date | None:
    """Parse YYYY-MM-DD (also a full ISO timestamp); None for empty; DateError otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise DateError(f"invalid {what} {text!r}", input=text, valid="YYYY-MM-DD") from None


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252; binary is refused."""
    if not data.strip():
        raise EmptyInput(f"{name}: empty input", input=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"%PDF") or data.startswith(b"\x89PNG") or b"\x00" in data[:4096]:
        raise BinaryInput(f"{name}: binary file, not text", input=name, valid="UTF-8 or UTF-16 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if sample and bad / len(sample) > 0.05:
        raise BinaryInput(f"{name}: binary file, not text", input=name, valid="UTF-8 or UTF-16 text")
    return text


def document_from_text(raw: str, *, name: str = "-", published: dt.date | None = None,
                       title: str = "", url: str = "", source: str = "") -> Document:
    """Build a Document from article text with optional `Key: value` header lines."""
    lines = raw.lstrip("\ufeff").splitlines()
    meta: dict[str, str] = {}
    while lines and _HEADER.match(lines[0].strip()):
        key, value = _HEADER.match(lines[0].strip()).groups()  # type: ignore[union-attr]
        meta[key.lower()] = value.strip()
        lines.pop(0)
    body = "\n".join(lines).strip()
    text = repair_text(body)
    if len(text.strip()) < MIN_CHARS:
        raise EmptyInput(f"{name}: no article text (under {MIN_CHARS} characters)", input=name)
    header_date = meta.get("date") or meta.get("published")
    day = published or parse_date(header_date, f"date in {name}")
    title = title or meta.get("title", "")
    url = url or meta.get("url", "")
    return Document(
        id=Document.make_id(text, url), text=text, published=day, title=title, url=url,
        source=source or meta.get("source", ""),
    )


def read_file(path: Path, published: dt.date | None = None) -> Document:
    """One article file -> Document; typed errors for a missing path, a folder, binary or empty."""
    if not path.exists():
        raise InputNotFound(f"{path}: no such file", input=str(path))
    if path.is_dir():
        raise InputIsDirectory(f"{path}: is a directory; give one article file (or use `accord ingest`)", input=str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputTooLarge(f"{path}: {size} bytes is over the {MAX_BYTES}-byte limit", input=str(path))
    return document_from_text(decode(path.read_bytes(), str(path)), name=str(path), published=published)


def read_jsonl(path: Path, fields: JsonlFields = JsonlFields()) -> Iterator[Document | Rejection]:
    with path.open("rb") as fh:
        for n, line in enumerate(fh, start=1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            try:
                yield _record(line, where, fields)
            except InputError as exc:
                yield Rejection(where, exc.code, str(exc))
            except DateError as exc:
                yield Rejection(where, exc.code, str(exc))


def _record(line: bytes, where: str, fields: JsonlFields) -> Document:
    try:
        rec = json.loads(line.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"{where}: not valid JSON ({exc.msg})", input=where) from None
    if not isinstance(rec, dict):
        raise MalformedRecord(f"{where}: a record must be a JSON object", input=where)
    text = rec.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        raise EmptyInput(f"{where}: no {fields.text!r} field with text", input=where)
    return document_from_text(
        text, name=where, published=parse_date(rec.get(fields.published), f"date in {where}"),
        title=str(rec.get(fields.title) or ""), url=str(rec.get(fields.url) or ""),
        source=str(rec.get(fields.source) or ""),
    )


def iter_inputs(paths: Iterable[str | Path], fields: JsonlFields = JsonlFields()) -> Iterator[Document | Rejection]:
    """Every document under the given paths (files, folders, JSONL, '-' for stdin), in order."""
    for p in paths:
        if str(p) == "-":
            import sys

            try:
                yield document_from_text(decode(sys.stdin.buffer.read(), "<stdin>"), name="<stdin>")
            except (InputError, DateError) as exc:
                yield Rejection("<stdin>", exc.code, str(exc))
            continue
        path = Path(p)
        if not path.exists():
            yield Rejection(str(path), InputNotFound.code, f"{path}: no such file or directory")
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.name.upper().startswith(("README", "LICENSE")) or child.name.startswith("."):
                    continue  # a folder's own documentation is not an article
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                    yield from iter_inputs([child], fields)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path, fields)
        else:
            try:
                yield read_file(path)
            except (InputError, DateError) as exc:
                yield Rejection(str(path), exc.code, str(exc))
