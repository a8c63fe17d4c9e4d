"""Bytes in, bounded: open plain or gzip-compressed inputs, read with a size limit, split lines.

No reader holds more than the document size limit (`ACCORD_MAX_DOC_BYTES`, default 10 MB) of
one document in memory: files are checked by size before reading, compressed inputs and stdin
are read up to the limit plus one byte, and a JSONL line longer than the limit is skipped in
chunks and reported by its line number.
"""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Literal

from accord.errors import InputError, InputTooLarge, NotRegularFile

DEFAULT_MAX_DOC_BYTES = 10_000_000
DEFAULT_MAX_INPUT_BYTES = 4_000_000_000  # decompressed bytes of one compressed input
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


def max_input_bytes_default() -> int:
    """The decompressed size limit of one compressed input: `ACCORD_MAX_INPUT_BYTES`, else 4 GB."""
    raw = os.environ.get("ACCORD_MAX_INPUT_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise InputError(f"ACCORD_MAX_INPUT_BYTES={raw!r} is not a size in bytes", input=raw,
                         valid="a positive whole number, e.g. 4000000000")
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
def open_input(path: Path, max_input_bytes: int | None = None) -> Iterator[BinaryIO]:
    """Open a regular file for reading bytes, decompressing it when it is gzip (by its magic
    bytes), at most `max_input_bytes` decompressed. A FIFO, device or socket (or a link to one)
    is refused with NotRegularFile before anything is read: it is opened without blocking and
    checked on the open descriptor, so nothing can swap it in between."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotRegularFile(f"{path}: not a regular file ({_file_type(mode)}); only regular files are read",
                             input=str(path), valid="a regular file")
    with os.fdopen(fd, "rb") as raw:
        if raw.peek(2)[:2] == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                limit = max_input_bytes if max_input_bytes is not None else max_input_bytes_default()
                yield Capped(unzipped, limit, str(path))  # type: ignore[misc]
        else:
            yield raw


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a regular file"


class Capped:
    """A decompressed stream that raises InputTooLarge past `limit` bytes in all (a gzip bomb of
    small lines is stopped by its total, not only by the size of each document)."""

    def __init__(self, fh: gzip.GzipFile, limit: int, name: str) -> None:
        self.fh, self.limit, self.name, self.done = fh, limit, name, 0

    def _count(self, data: bytes) -> bytes:
        self.done += len(data)
        if self.done > self.limit:
            raise InputTooLarge(f"{self.name}: over {self.limit} bytes decompressed; the rest of the input is not read",
                                input=self.name, valid="raise ACCORD_MAX_INPUT_BYTES")
        return data

    def read(self, size: int = -1) -> bytes:
        return self._count(self.fh.read(size))

    def readline(self, size: int = -1) -> bytes:
        return self._count(self.fh.readline(size))

    def peek(self, size: int = 0) -> bytes:
        return self.fh.peek(size)


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
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
    except OSError:
        return 1
    return lines


def walk(folder: Path, errors: list[OSError] | None = None) -> Iterator[Path]:
    """Article files under a folder in sorted order; hidden entries and READMEs/LICENSEs left out.
    A subfolder that cannot be listed is appended to `errors` (when given) instead of vanishing."""
    for root, dirs, files in os.walk(folder, onerror=errors.append if errors is not None else None):
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
