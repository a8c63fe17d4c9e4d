"""Load test: concurrent clients on GET /v1/events and POST /v1/code against `accord serve`.

    python benchmarks/load.py --events 10000000 --clients 50 --seconds 30 --json
    python benchmarks/load.py --db accord.duckdb --json

Starts `accord serve` on a free loopback port over the store (by default the store benchmark's
cached benchmarks/.cache/store-N.duckdb; build it with benchmarks/store_speed.py), then runs
`--clients` clients for `--seconds` seconds with httpx in asyncio: even-numbered clients page
through GET /v1/events with a rotating set of filters, odd-numbered ones POST /v1/code with
short news paragraphs. Each client sends its next request as soon as the last one is answered.
Prints one JSON object: requests/s, p50 and p99 latency, and the error count (any status other
than 200, or a transport error), overall and per endpoint. It is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

CACHE = Path(__file__).resolve().parent / ".cache"
EVENT_QUERIES = [
    {"actor": "USAGOV", "since": "2023-01-01", "until": "2023-06-30"},
    {"type": "ASSAULT", "min_confidence": "0.5"},
    {"dyad": "USAGOV,CHNGOV"},
    {"since": "2024-03-01", "until": "2024-03-31", "quad_class": "4"},
    {"modality": "asserted", "type": "CONSULT", "since": "2022-01-01"},
    {},
]
TEXTS = [
    "Russian troops shelled Kharkiv on Monday, Ukrainian officials said.",
    "Mark Rutte met Donald Trump in Palm Beach on Friday to discuss NATO spending.",
    "The European Union imposed sanctions on Iranian officials over drone supplies to Russia.",
    "Israeli troops arrested ten Palestinians in Hebron on Friday.",
    "Chinese President Xi Jinping hosted Brazilian President Lula in Beijing on Tuesday.",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, log: Any) -> subprocess.Popen[bytes]:
    """`accord serve` in a child process; its output goes to `log` (a file, never a pipe that
    could fill up and stall the server)."""
    env = {k: v for k, v in os.environ.items() if k != "ACCORD_API_TOKEN"}
    cmd = [sys.executable, "-m", "accord", "serve", "--db", db, "--port", str(port)]
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)


def tail(log: Any, lines: int = 20) -> str:
    log.seek(0)
    return "".join(log.read().decode(errors="replace").splitlines(keepends=True)[-lines:])


async def wait_ready(base: str, server: subprocess.Popen[bytes], log: Any, limit_s: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + limit_s
    async with httpx.AsyncClient(base_url=base) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"accord serve exited:\n{tail(log)}")
            try:
                response = await client.get("/v1/health", timeout=30)
                if response.status_code == 200:
                    await client.post("/v1/code", json={"text": TEXTS[0]}, timeout=120)  # load the model
                    return response.json()  # type: ignore[no-any-return]
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.3)
    raise SystemExit(f"accord serve did not answer /v1/health in time:\n{tail(log)}")


async def client_loop(n: int, client: httpx.AsyncClient, deadline: float, log: list[tuple[str, float, bool]]) -> None:
    i = n
    while time.monotonic() < deadline:
        i += 1
        if n % 2 == 0:
            name, call = "GET /v1/events", client.get("/v1/events", params={**EVENT_QUERIES[i % len(EVENT_QUERIES)],
                                                                             "limit": 50, "offset": (i % 4) * 50})
        else:
            name, call = "POST /v1/code", client.post("/v1/code", json={"text": TEXTS[i % len(TEXTS)],
                                                                          "published": "2025-03-01"})
        started = time.perf_counter()
        try:
            ok = (await call).status_code == 200
        except httpx.HTTPError:
            ok = False
        log.append((name, time.perf_counter() - started, ok))


def summarise(log: list[tuple[str, float, bool]], seconds: float) -> dict[str, Any]:
    def stats(rows: list[tuple[str, float, bool]]) -> dict[str, Any]:
        ms = sorted(r[1] * 1000 for r in rows)
        return {
            "requests": len(rows), "requests_per_s": round(len(rows) / seconds, 1),
            "p50_ms": round(statistics.median(ms), 1) if ms else None,
            "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1) if ms else None,
            "errors": sum(1 for r in rows if not r[2]),
        }

    names = sorted({r[0] for r in log})
    return stats(log) | {"by_endpoint": {name: stats([r for r in log if r[0] == name]) for name in names}}


async def run(db: str, clients: int, seconds: float) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = start_server(db, port, log)
        try:
            health = await wait_ready(base, server, log)
            requests: list[tuple[str, float, bool]] = []
            limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
            async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
                started = time.monotonic()
                deadline = started + seconds
                await asyncio.gather(*(client_loop(n, client, deadline, requests) for n in range(clients)))
                elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(30)
        said = tail(log, 5).strip()
    if said:
        print(f"accord serve said:\n{said}", file=sys.stderr)
    return {"store": db, "events_in_store": health["counts"]["events"], "clients": clients,
            "seconds": round(elapsed, 1), **summarise(requests, elapsed)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="which cached benchmark store to use")
    parser.add_argument("--db", default=None, help="a store to use instead (DuckDB file or postgresql:// URL)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--json", action="store_true", help="print compact JSON")
    args = parser.parse_args(argv)
    db = args.db or str(CACHE / f"store-{args.events}.duckdb")
    if args.db is None and not Path(db).exists():
        print(f"no store at {db}: run benchmarks/store_speed.py --events {args.events} first", file=sys.stderr)
        return 2
    report = asyncio.run(run(db, args.clients, args.seconds))
    print(json.dumps(report, indent=None if args.json else 2))
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
