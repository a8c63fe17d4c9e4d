"""Pure ASGI middleware: security headers, allowed Host values, body size limit (and no lone
surrogates in a JSON body), request timeout, HEAD answered as GET without a body.

They wrap the whole app (API, dashboard and static files) so no route can forget them.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


async def send_error(send: Send, status: int, error: str, detail: str,
                     headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    """Answer with the API's error shape `{"error": ..., "detail": ...}`."""
    body = json.dumps({"error": error, "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds CSP (no inline script), nosniff, frame-ancestors none and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class AllowedHosts:
    """Refuses (400) requests whose Host header is not listed: a DNS-rebinding page cannot read
    a server bound to loopback. `*` accepts any host."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.hosts or _host(scope) in self.hosts:
            await self.app(scope, receive, send)
            return
        await send_error(send, 400, "bad_host", "this Host header is not served here")


def _host(scope: Scope) -> str:
    raw = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1").lower()
    if raw.startswith("["):
        return raw[1:raw.find("]")] if "]" in raw else raw
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


class BodyLimit:
    """Reads at most `limit` bytes of request body; a larger body is answered 413 before any
    route sees it (by Content-Length when sent, else while streaming)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        body, messages = bytearray(), []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if len(body) > self.limit:
                await self._refuse(send)
                return
            if not message.get("more_body", False):
                break
        if (where := lone_surrogate(bytes(body))) is not None:
            await send_error(send, 422, "bad_text", f"the request body holds a lone surrogate ({where}); "
                             "text must be valid Unicode")
            return
        await self.app(scope, _replay(messages, receive), send)

    async def _refuse(self, send: Send) -> None:
        await send_error(send, 413, "too_large",
                         f"request body over {self.limit} bytes (set ACCORD_MAX_BODY_BYTES or --max-body-bytes)",
                         ((b"connection", b"close"),))


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def lone_surrogate(body: bytes) -> str | None:
    """`U+D800 at character 17` when a JSON body decodes to a string (or key) holding a lone
    surrogate, which no store or JSON response can carry; None otherwise (also for bodies that are
    not JSON: the route answers those)."""
    if not _SURROGATE_ESCAPE.search(body):
        return None
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return None
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            for i, ch in enumerate(item):
                if 0xD800 <= ord(ch) <= 0xDFFF:
                    return f"U+{ord(ch):04X} at character {i}"
    return None


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def again() -> Message:
        return pending.pop(0) if pending else await receive()

    return again


class Timeout:
    """A request not answered within `seconds` gets 504; its worker thread is abandoned, not
    killed (a store query or coding run finishes in the background and its result is dropped)."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking), self.seconds)
        except TimeoutError:
            if not started:
                await send_error(send, 504, "timeout", f"no answer within {self.seconds:g} s")


class HeadAsGet:
    """HEAD on any GET route answers what GET would, headers only (Starlette's routes do this,
    FastAPI's API routes answer 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
