"""Hostile clients against a live `accord serve` on loopback (issue 14).

    python benchmarks/hostile.py --json
    python benchmarks/hostile.py --quick --json      # fewer, shorter attacks

Starts `accord serve` on a free loopback port over a new store, with a write token and a request
timeout of `--timeout` seconds, waits until a coding worker answers, then runs each attack in turn
while a legitimate client on another loopback address (127.0.0.2) asks for /v1/health and a static
file every 50 ms and codes a short text every second. Every loop is bounded in count and in time.

Prints one JSON object: for each attack, the p50/p99/max latency of /v1/health (and the static
file) during it, the errors those legitimate requests got (must be 0), the errors of the
legitimate short coding requests (non-zero only where coding capacity is the documented limit: a
worker busy with an attacker's text until the deadline), the attack's own status codes and its
duration. It is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

TOKEN = "hostile-benchmark-token-0123456789"
SENTENCE = "Russian troops shelled Kharkiv on Monday, and Ukraine asked its allies for more air defence. "
LEGIT = "Mark Rutte met Donald Trump in Palm Beach on Friday to discuss NATO spending."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Legit:
    """The legitimate client: health and a static file every 50 ms, a short coding request a second."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.stop = threading.Event()
        self.latencies: list[float] = []
        self.errors = Counter[str]()
        self.code_errors = Counter[str]()
        self.requests = 0
        self.threads = [threading.Thread(target=self._health), threading.Thread(target=self._code)]

    def _client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=30,
                            transport=httpx.HTTPTransport(local_address="127.0.0.2"))

    def _health(self) -> None:
        with self._client() as client:
            while not self.stop.is_set():
                for path in ("/v1/health", "/static/js/common.js"):
                    started = time.perf_counter()
                    try:
                        status = client.get(path).status_code
                        if status != 200:
                            self.errors[str(status)] += 1
                    except httpx.HTTPError as exc:
                        self.errors[type(exc).__name__] += 1
                    self.latencies.append(time.perf_counter() - started)
                    self.requests += 1
                self.stop.wait(0.05)

    def _code(self) -> None:
        with self._client() as client:
            while not self.stop.wait(1.0):
                try:
                    status = client.post("/v1/code", json={"text": LEGIT}).status_code
                    if status != 200:
                        self.code_errors[str(status)] += 1
                except httpx.HTTPError as exc:
                    self.code_errors[type(exc).__name__] += 1

    def __enter__(self) -> Legit:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(40)

    def report(self) -> dict[str, Any]:
        ms = sorted(x * 1000 for x in self.latencies) or [0.0]
        return {"health_requests": self.requests, "health_p50_ms": round(statistics.median(ms), 1),
                "health_p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1),
                "health_max_ms": round(ms[-1], 1), "legit_errors": sum(self.errors.values()),
                "legit_error_kinds": dict(self.errors), "legit_code_errors": sum(self.code_errors.values()),
                "legit_code_error_kinds": dict(self.code_errors)}


# ---- the attacks: each returns its status counts, bounded in count and time ---------------------
def _posts(base: str, bodies: list[bytes], parallel: int = 1, path: str = "/v1/code",
           headers: dict[str, str] | None = None, timeout: float = 120) -> Counter[str]:
    statuses = Counter[str]()

    def one(body: bytes) -> None:
        try:
            r = httpx.post(base + path, content=body, timeout=timeout,
                           headers={"content-type": "application/json", **(headers or {})})
            statuses[str(r.status_code)] += 1
        except httpx.HTTPError as exc:
            statuses[type(exc).__name__] += 1

    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, bodies))
    return statuses


def _code_body(text: str) -> bytes:
    return json.dumps({"text": text}).encode()


def punctuation(base: str, n: int, char: str, count: int) -> Counter[str]:
    return _posts(base, [_code_body(char * n + " Putin met Xi in Moscow.")] * count)


def slow_coding(base: str, parallel: int) -> Counter[str]:
    return _posts(base, [_code_body((SENTENCE * 2_200)[:199_000])] * parallel, parallel=parallel)


def slowloris(port: int, sockets: int, seconds: float, every: float) -> Counter[str]:
    """`sockets` connections from 127.0.0.1, each sending one more header line every `every` s."""
    out = Counter[str]()
    socks: list[socket.socket] = []
    for _ in range(sockets):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            socks.append(s)
        except OSError:
            out["connect_failed"] += 1
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(every)
        for s in socks:
            with contextlib.suppress(OSError):
                s.sendall(b"X-Slow: 1\r\n")
    for s in socks:
        s.settimeout(0.2)
        try:
            data = s.recv(64)
            out["closed by server" if data in (b"",) else data[:12].decode("latin-1")] += 1
        except (OSError, TimeoutError):
            out["still open"] += 1
        s.close()
    return out


def odd_bodies(base: str, count: int) -> Counter[str]:
    bodies = [b'{"text": "Putin met Xi in Moscow \\ud800 today."}',
              b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
              json.dumps({"txt": "x" * 900_000}).encode(),
              b"x" * 1_100_000,
              json.dumps({"text": SENTENCE, "published": "0001-01-01"}).encode(),
              json.dumps({"text": SENTENCE, "published": "2024-05-20DROP TABLE"}).encode()]
    return _posts(base, bodies * count, parallel=4)


def write_path(base: str, count: int) -> Counter[str]:
    docs = [{"text": SENTENCE, "title": "a\u0000b"}, {"text": SENTENCE + " One.", "published": "9999-12-31"},
            {"text": SENTENCE + " Two.", "url": "https://x.example/\u0000"}]
    body = json.dumps({"documents": docs}).encode()
    surrogate = b'{"documents": [{"text": "Putin met Xi.", "title": "\\udc00"}]}'
    return _posts(base, [body, surrogate] * count, path="/v1/documents",
                  headers={"Authorization": f"Bearer {TOKEN}"})


def heads(base: str, count: int) -> Counter[str]:
    out = Counter[str]()
    with httpx.Client(base_url=base, timeout=10) as client:
        for _ in range(count):
            for path in ("/v1/health", "/v1/events", "/events"):
                out[str(client.head(path).status_code)] += 1
    return out


# ---- the run -----------------------------------------------------------------------------------
def run(quick: bool, timeout: float) -> dict[str, Any]:
    k = 1 if quick else 2
    attacks: list[tuple[str, Callable[[str, int], Counter[str]]]] = [
        ("punctuation 5k '*' x5", lambda b, p: punctuation(b, 5_000, "*", 5)),
        ("punctuation 10k '*' x5", lambda b, p: punctuation(b, 10_000, "*", 5)),
        ("punctuation 20k '*' x5", lambda b, p: punctuation(b, 20_000, "*", 5)),
        ("punctuation 30k '*' x5", lambda b, p: punctuation(b, 30_000, "*", 5)),
        ("punctuation 190k '>' x3", lambda b, p: punctuation(b, 190_000, ">", 3)),
        (f"slow coding: {6 * k} parallel 199 KB texts", lambda b, p: slow_coding(b, 6 * k)),
        (f"slowloris: 250 sockets, a header line every 2 s for {10 * k} s",
         lambda b, p: slowloris(p, 250, 10 * k, 2.0)),
        ("odd bodies: surrogate, deep nesting, 900 KB 422 echo, 1.1 MB, bad dates x5",
         lambda b, p: odd_bodies(b, 5)),
        ("write path: NUL, surrogate, 9999 date x5", lambda b, p: write_path(b, 5)),
        ("HEAD on GET routes x10", lambda b, p: heads(b, 10)),
    ]
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "ACCORD_API_TOKEN": TOKEN}
        log = Path(tmp) / "serve.log"
        with log.open("wb") as out:
            proc = subprocess.Popen([sys.executable, "-m", "accord", "serve", "--db", str(Path(tmp) / "h.duckdb"),
                                     "--port", str(port), "--timeout", str(timeout)], env=env, stdout=out,
                                    stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.post(base + "/v1/code", json={"text": LEGIT}, timeout=60).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"accord serve did not answer:\n{log.read_text()[-2000:]}")
                time.sleep(0.3)
            for name, attack in attacks:
                with Legit(base) as legit:
                    started = time.perf_counter()
                    statuses = attack(base, port)
                    seconds = time.perf_counter() - started
                    time.sleep(1.0)  # the legitimate client's view of the aftermath too
                results[name] = {**legit.report(), "attack_statuses": dict(statuses), "seconds": round(seconds, 2)}
                print(f"{name}: {results[name]}", file=sys.stderr, flush=True)
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {"server": {"timeout_s": timeout, "code_workers": int(os.environ.get("ACCORD_CODE_WORKERS") or 1)},
            "attacks": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--quick", action="store_true", help="fewer, shorter attacks")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's request timeout in seconds")
    args = parser.parse_args()
    report = run(args.quick, args.timeout)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name, r in report["attacks"].items():
        print(f"{name:70s} p99 {r['health_p99_ms']:8.1f} ms  legit errors {r['legit_errors']}  "
              f"legit code errors {r['legit_code_errors']}  {r['attack_statuses']}")


if __name__ == "__main__":
    main()
