"""Latency of GET /v1/events (and friends) through the REST API on the store benchmark's store.

    python benchmarks/store_speed.py --events 10000000 --json    # builds the cached store once
    python benchmarks/api_events.py --events 10000000 --json

Opens benchmarks/.cache/store-N.duckdb (or --db) behind `create_app` and calls the API in
process (httpx over ASGI: routing, validation, store query, JSON), so the numbers are the
server's own time without the network. Each query runs once to warm up, then `--runs` times;
prints one JSON object with the median and max milliseconds per query.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from accord.interfaces.api import ApiSettings, create_app

CACHE = Path(__file__).resolve().parent / ".cache"
QUERIES = {
    "actor_window": "/v1/events?actor=USAGOV&since=2023-01-01&until=2023-06-30&limit=100",
    "type_confidence": "/v1/events?type=ASSAULT&min_confidence=0.5&limit=100",
    "dyad": "/v1/events?dyad=USAGOV,CHNGOV&limit=100",
    "window_quad_modality": "/v1/events?since=2024-03-01&until=2024-03-31&quad_class=4&modality=asserted&limit=100",
    "text": "/v1/events?q=ASSAULT%20event%2012&limit=100",
    "first_page": "/v1/events?limit=100",
    "deep_page": "/v1/events?type=CONSULT&limit=100&offset=100000",
}


async def measure(db: str, runs: int) -> dict[str, Any]:
    app = create_app(db, ApiSettings(timeout_s=600))
    transport = httpx.ASGITransport(app=app)
    results: dict[str, Any] = {}
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        counts = (await client.get("/v1/health")).json()["counts"]
        for name, url in QUERIES.items():
            times = []
            for i in range(runs + 1):
                started = time.perf_counter()
                response = await client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
                if i:
                    times.append(elapsed)
            results[name] = {"url": url, "events": len(response.json()["events"]),
                             "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}
    app.state.pool.close()
    return {"store": db, "events": counts["events"], "runs": runs, "queries": results,
            "median_of_medians_ms": round(statistics.median(r["median_ms"] for r in results.values()), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="which cached benchmark store to open")
    parser.add_argument("--db", default=None, help="a store to use instead (DuckDB file or postgresql:// URL)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    db = args.db or str(CACHE / f"store-{args.events}.duckdb")
    if args.db is None and not Path(db).exists():
        print(f"no store at {db}: run benchmarks/store_speed.py --events {args.events} first", file=sys.stderr)
        return 2
    report = asyncio.run(measure(db, args.runs))
    print(json.dumps(report, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
