"""The built-in HTTP server (uvicorn with h11), guarded against slow and greedy clients.

uvicorn waits for request headers for as long as a client keeps sending bytes, so 250 sockets each
trickling one header line every few seconds held every connection slot (slowloris). Here:

- the request line and headers must arrive within `header_timeout` seconds of the connection
  opening (or of the previous response on a kept-alive connection), else the connection is closed;
- one client address holds at most `per_client` connections at once; more are closed at once;
- at most `limit_concurrency` connections in all (uvicorn answers 503 past it).

One address can then hold at most `per_client` of the slots, each for at most `header_timeout`
seconds without sending a whole request. Attackers spread over many addresses are the business of
a reverse proxy in front of the server (docs/security.md).
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_PER_CLIENT = 64
DEFAULT_LIMIT_CONCURRENCY = 512


class GuardedH11Protocol(H11Protocol):
    header_timeout = DEFAULT_HEADER_TIMEOUT
    per_client = DEFAULT_PER_CLIENT
    open_per_client: Counter[str] = Counter()
    refused = 0
    timed_out = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_task: asyncio.TimerHandle | None = None
        self._address = self.client[0] if self.client else "?"
        cls = type(self)
        cls.open_per_client[self._address] += 1
        if cls.open_per_client[self._address] > cls.per_client:
            cls.refused += 1
            transport.write(b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            transport.close()
            return
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        cls = type(self)
        cls.open_per_client[self._address] -= 1
        if cls.open_per_client[self._address] <= 0:
            del cls.open_per_client[self._address]
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the request line and headers are in
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state in (h11.IDLE, h11.DONE):
            self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_task = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        task = getattr(self, "_header_task", None)
        if task is not None:
            task.cancel()
            self._header_task = None

    def _headers_too_slow(self) -> None:
        self._header_task = None
        if self.conn.their_state in (h11.IDLE, h11.DONE) and not self.transport.is_closing():
            type(self).timed_out += 1
            self.transport.close()


def guarded_protocol(header_timeout: float | None = None, per_client: int | None = None) -> type[GuardedH11Protocol]:
    """A protocol class with these limits (env ACCORD_HEADER_TIMEOUT, ACCORD_MAX_CONNECTIONS_PER_CLIENT)."""
    timeout = header_timeout or float(os.environ.get("ACCORD_HEADER_TIMEOUT") or DEFAULT_HEADER_TIMEOUT)
    per = per_client or int(os.environ.get("ACCORD_MAX_CONNECTIONS_PER_CLIENT") or DEFAULT_PER_CLIENT)
    return type("GuardedH11Protocol", (GuardedH11Protocol,),
                {"header_timeout": timeout, "per_client": per, "open_per_client": Counter()})


def server_config(app: Any, host: str = "127.0.0.1", port: int = 8000, *, header_timeout: float | None = None,
                  per_client: int | None = None, **kwargs: Any) -> Any:
    """uvicorn's Config for `app` with the guarded protocol and accord's defaults."""
    import uvicorn

    options: dict[str, Any] = {"log_level": "warning", "timeout_keep_alive": 5, "server_header": False,
                               "limit_concurrency": DEFAULT_LIMIT_CONCURRENCY, **kwargs}
    return uvicorn.Config(app, host=host, port=port, http=guarded_protocol(header_timeout, per_client), **options)
