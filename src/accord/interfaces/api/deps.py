"""What the routes share: the store pool, running blocking work off the event loop, the bearer
token check, and small input guards."""

from __future__ import annotations

import hmac
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import anyio.to_thread
from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from accord.interfaces.api.settings import ApiSettings

if TYPE_CHECKING:
    from accord.store.base import Store

T = TypeVar("T")
MAX_FILTER_CHARS = 200
bearer = HTTPBearer(auto_error=False, description="The value of ACCORD_API_TOKEN on the server.")


class StorePool:
    """Store connections opened on first use and reused, at most `size` at a time.

    DuckDB: every connection of one process shares one database instance (and its cache).
    With writing on, the server holds the file's write lock, so write through
    `POST /v1/documents` (or stop the server to run `accord ingest`); with writing off
    (`read_only=True`) it opens the file read-only and other processes can read it meanwhile.
    PostgreSQL: one connection per pooled store.
    """

    def __init__(self, location: str, size: int, *, read_only: bool = False) -> None:
        self.location = location
        self.read_only = read_only
        self.size = 1 if location == ":memory:" else size
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened = 0
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[Store]:
        s = self._take()
        try:
            yield s
        finally:
            self._idle.put(s)

    def _take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._opened < self.size:
                from accord.store import open_store

                s = open_store(self.location, read_only=self.read_only)
                self._opened += 1
                self._all.append(s)
                return s
        return self._idle.get()

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                s.close()
            self._all.clear()
            self._opened = 0
            self._idle = queue.LifoQueue()


def pool(request: Request) -> StorePool:
    return request.app.state.pool


def settings(request: Request) -> ApiSettings:
    return request.app.state.settings


async def blocking(fn: Callable[..., T], *args: Any) -> T:
    """Run `fn` in a worker thread; if the request times out, the thread is abandoned."""
    return await anyio.to_thread.run_sync(fn, *args, abandon_on_cancel=True)


def check_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Writing needs `Authorization: Bearer <ACCORD_API_TOKEN>`; with no token set it is off."""
    token = settings(request).token
    if token is None:
        raise HTTPException(403, "writing is disabled on this server: set ACCORD_API_TOKEN to enable it")
    given = credentials.credentials if credentials and credentials.scheme.lower() == "bearer" else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def clean(value: str | None, name: str) -> str | None:
    """A filter string as given, or 400 when it cannot be a name or a text (NUL, too long)."""
    if value is None:
        return None
    if "\x00" in value or len(value) > MAX_FILTER_CHARS:
        raise HTTPException(400, f"{name} must be text of at most {MAX_FILTER_CHARS} characters without NUL")
    return value


def dyad_pair(value: str | None) -> tuple[str, str] | None:
    """`a,b` -> (a, b)."""
    if value is None:
        return None
    parts = [p.strip() for p in (clean(value, "dyad") or "").split(",")]
    if len(parts) != 2 or not all(parts):
        raise HTTPException(400, f"dyad must be two actors separated by a comma, got {value!r}")
    return parts[0], parts[1]
