"""Bytes in, bounded: open plain or gzip-compressed inputs, read with a size limit, split lines.

No reader holds more than the document size limit (`ACCORD_MAX_DOC_BYTES`, default 10 MB) of
one document in memory: files are checked by size before reading, compressed inputs and stdin
are read up to the limit plus one byte, and a JSONL line longer than the limit is skipped in
chunks and reported by its line number.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Literal

from accord.errors import InputError, InputTooLarge

DEFAULT_MAX_DOC_BYTES = 10_000_000
GZIP_MAGIC = b"\x1f\x8b"
Kind = Literal["text", "html", "feed", "jsonl"]

SUFFIX_KINDS: dict[str, Kind] = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_SKIP_CHUNK = 1 << 16


def max_doc_bytes_default() -> int:
    """The size limit for one document: `ACCORD_MAX_DOC_BYTES` when set, else 10 MB."""
    raw = os.environ.get("ACCORD_MAX_DOC_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_DOC_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise InputError(f"ACCORD_MAX_DOC_BYTES={raw!r} is not a size in bytes", input=raw,
                         valid="a positive whole number, e.g. 10000000")
    return int(raw)


def kind_of(path: Path) -> Kind | None:
    """The reader a path's suffix asks for (`a.jsonl.gz` -> jsonl); None when the suffix is unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return SUFFIX_KINDS.get(suffixes[-1]) if suffixes else None


def sniff(head: bytes) -> Kind:
    """Guess the reader from the first bytes of an input without a telling suffix."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<rss", b"<feed", b"<rdf")) or (
        text.startswith(b"<?xml") and any(t in text[:2048] for t in (b"<rss", b"<feed", b"<rdf:rdf"))
    ):
        return "feed"
    if text.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return "html"
    if text.startswith(b"{"):
        return "jsonl"
    return "text"


@contextmanager
def open_input(path: Path) -> Iterator[BinaryIO]:
    """Open a file for reading bytes, decompressing it when it is gzip (by its magic bytes)."""
    with path.open("rb") as raw:
        if raw.peek(2)[:2] == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield unzipped  # type: ignore[misc]
        else:
            yield raw


def read_bounded(fh: BinaryIO, limit: int, name: str) -> bytes:
    """Read a whole stream, refusing (InputTooLarge) past `limit` bytes without holding more."""
    data = bytearray()
    try:
        while len(data) <= limit and (chunk := fh.read(min(_SKIP_CHUNK, limit + 1 - len(data)))):
            data += chunk
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip stream
        raise InputError(f"{name}: cannot read ({_first_line(exc)})", input=name) from None
    if len(data) > limit:
        raise too_large(name, limit)
    return bytes(data)


def too_large(name: str, limit: int, size: int | None = None) -> InputTooLarge:
    what = f"{size} bytes, " if size is not None else ""
    return InputTooLarge(f"{name}: {what}over the {limit}-byte document limit", input=name,
                         valid="raise ACCORD_MAX_DOC_BYTES or --max-doc-bytes")


def iter_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; None in place of a line longer than `limit` bytes."""
    number = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(fh)
            yield number, None
        else:
            yield number, line


def _skip_rest_of_line(fh: BinaryIO) -> None:
    while True:
        rest = fh.readline(_SKIP_CHUNK)
        if not rest or rest.endswith(b"\n"):
            return


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many items iter_sourced will yield, counted cheaply (JSONL lines, files); None when it
    cannot be known without reading (stdin, feeds, compressed JSONL)."""
    total = 0
    for p in paths:
        path = Path(p)
        if str(p) == "-":
            return None
        files = list(walk(path)) if path.is_dir() else [path]
        for f in files:
            n = _count_items(f)
            if n is None:
                return None
            total += n
    return total


def _count_items(path: Path) -> int | None:
    kind = kind_of(path)
    if kind == "feed" or path.suffix.lower() == ".gz":
        return None
    if kind != "jsonl" or not path.is_file():
        return 1
    lines = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


def walk(folder: Path) -> Iterator[Path]:
    """Article files under a folder in sorted order; hidden entries and READMEs/LICENSEs left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.upper().startswith(("README", "LICENSE")):
                continue
            child = Path(root) / name
            if kind_of(child) is not None:
                yield child


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
