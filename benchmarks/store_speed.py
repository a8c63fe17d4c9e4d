"""Query speed of the store on N synthetic events.

    python benchmarks/store_speed.py --events 10000000 --json
    python benchmarks/store_speed.py --events 1000000 --db postgresql://user@host:5432/db --json

Builds N synthetic events with a realistic skew (300 actors, 3,000 dyads whose popularity follows
a Zipf law, 16 PLOVER types, 10 years with more news in later years, 2 events per article, 50
outlets), generated entirely in DuckDB SQL and cached as Parquet under benchmarks/.cache/. The
store is loaded in bulk from those files (DuckDB: INSERT ... SELECT from Parquet; PostgreSQL: COPY
from CSV), story events are built with `store.update_stories()`, and the loaded store is cached
too (a DuckDB file under benchmarks/.cache/, or the tables of the PostgreSQL database, which are
replaced). Building runs in a child process so that the peak memory reported is that of querying.

Prints one JSON object: backend, events, stories, dyad_series_ms (monthly story series of the
busiest dyad), top_dyads_ms (top 20 dyads of 2023), events_page_ms (100 events of a busy actor in
the first half of 2023, via store.events), each the median of 5 runs after one warm-up run, and
peak_rss_mb of the querying process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from accord.store import Store, open_store
from accord.store._rows import ACTOR_COLUMNS, DOCUMENT_COLUMNS, DYAD_COLUMNS, EVENT_COLUMNS

CACHE = Path(__file__).resolve().parent / ".cache"
_COUNTRY_LIST = ("USA CHN RUS UKR GBR FRA DEU ISR PSE IRN IND PAK JPN KOR PRK TUR SAU EGY SYR IRQ "
                 "AFG BRA MEX CAN AUS ITA ESP POL NLD BEL SWE NOR FIN DNK GRC SRB HUN ROU BGR CZE "
                 "NGA ZAF ETH KEN SDN SOM LBY DZA MAR TUN VEN COL ARG CHL PER CUB IDN PHL VNM THA")
COUNTRIES = tuple(_COUNTRY_LIST.split(" "))
SECTORS = ("GOV", "MIL", "OPP", "BUS", "MED")
# PLOVER type, QuadClass, Goldstein, CAMEO code, share of events in percent
TYPES = (
    ("AGREE", 1, 4.0, "057", 6), ("CONSULT", 1, 1.0, "040", 25), ("SUPPORT", 1, 3.5, "051", 6),
    ("CONCEDE", 2, 5.0, "080", 2), ("COOPERATE", 2, 6.0, "060", 5), ("AID", 2, 7.0, "070", 4),
    ("RETREAT", 2, 5.0, "087", 1), ("REQUEST", 1, 3.0, "020", 8), ("ACCUSE", 3, -2.0, "112", 12),
    ("REJECT", 3, -4.0, "120", 6), ("THREATEN", 3, -6.0, "130", 5), ("PROTEST", 3, -6.5, "140", 5),
    ("SANCTION", 3, -8.0, "163", 3), ("MOBILIZE", 4, -7.2, "150", 3), ("COERCE", 4, -7.0, "170", 4),
    ("ASSAULT", 4, -10.0, "190", 5),
)
N_DYADS, DAYS, START = 3000, 3652, dt.date(2015, 1, 1)

_SETUP = [
    "CREATE TABLE actors AS SELECT a, c.iso, s.sector, c.iso || s.sector AS code FROM range(?) r(a) "
    "JOIN (SELECT unnest(?) AS iso, generate_subscripts(?, 1) - 1 AS i) c ON c.i = a // 5 "
    "JOIN (SELECT unnest(?) AS sector, generate_subscripts(?, 1) - 1 AS i) s ON s.i = a % 5",
    "CREATE TABLE types AS SELECT unnest(?) AS type, unnest(?) AS quad, unnest(?) AS goldstein, "
    "unnest(?) AS cameo, unnest(?) AS share",
]
# Zipf-like lookup tables: `slots` equal-probability slots, each pointing at one item.
_SLOTS = """CREATE TABLE {name}_slots AS
    WITH w AS (SELECT {key} AS k, {weight} AS w FROM {source}),
    c AS (SELECT k, CAST(round(sum(w) OVER (ORDER BY k) / sum(w) OVER () * ?) AS BIGINT) AS hi FROM w),
    b AS (SELECT k, lag(hi, 1, 0) OVER (ORDER BY k) AS lo, hi FROM c)
    SELECT k, unnest(range(lo, hi)) AS slot FROM b WHERE hi > lo"""
_DYADS = """CREATE TABLE dyads AS
    WITH p AS (SELECT i, s.k AS sa, t.k AS ta FROM range(?) r(i)
               JOIN actor_slots s ON s.slot = hash(i, 1) % ? JOIN actor_slots t ON t.slot = hash(i, 2) % ?
               WHERE s.k <> t.k)
    SELECT row_number() OVER (ORDER BY pow((sa + 1) * (ta + 1), -0.8) DESC, min(i)) - 1 AS d, sa, ta
    FROM p GROUP BY sa, ta ORDER BY d LIMIT ?"""
_RAW = """CREATE TABLE raw AS
    WITH base AS (
        SELECT i, i // 2 AS j,
               ? + CAST(floor(? * sqrt((hash(i // 2, 5) % 1000000) / 1000000.0)) AS INTEGER) AS pub,
               CAST(hash(i, 6) % 3 AS INTEGER) AS back, hash(i, 3) % ? AS dslot, hash(i, 4) % 100 AS tslot,
               hash(i, 7) % 1000 AS u, hash(i, 8) % 10 AS roll_s, hash(i, 9) % 10 AS roll_t,
               CAST(floor(50 * pow((hash(i // 2, 10) % 1000) / 1000.0, 2)) AS INTEGER) AS outlet
        FROM range(?) r(i))
    SELECT b.i, b.j, b.pub, b.pub - b.back AS day, b.u, b.outlet, t.type, t.quad, t.goldstein, t.cameo,
           sa.code AS s_code, sa.iso AS s_iso, sa.sector AS s_sector,
           CASE WHEN sa.sector = 'GOV' AND b.roll_s < 3 THEN 'leader-' || lower(sa.iso) END AS s_id,
           ta.code AS t_code, ta.iso AS t_iso, ta.sector AS t_sector,
           CASE WHEN ta.sector = 'GOV' AND b.roll_t < 3 THEN 'leader-' || lower(ta.iso) END AS t_id
    FROM base b JOIN dyad_slots ds ON ds.slot = b.dslot JOIN dyads y ON y.d = ds.k
    JOIN type_slots ts ON ts.slot = b.tslot JOIN types t ON t.type = ts.k
    JOIN actors sa ON sa.a = y.sa JOIN actors ta ON ta.a = y.ta
    ORDER BY day, i"""
_EID = "substr(md5('e' || i), 1, 16)"
_MODALITY = "CASE WHEN u % 10 = 0 THEN 'reported' ELSE 'asserted' END"
_DID = "substr(md5('d' || j), 1, 16)"
_SKEY, _TKEY = "coalesce(s_id, s_code)", "coalesce(t_id, t_code)"
_S_TEXT, _T_TEXT = "s_iso || ' ' || lower(s_sector)", "t_iso || ' ' || lower(t_sector)"


def _ref_json(text: str, actor_id: str, code: str, sector: str, start: int, end: int) -> str:
    """SQL for one ActorRef as accord.store._rows.actors_json writes it."""
    parts = [f"CAST(to_json({text}) AS VARCHAR)", f"coalesce(CAST(to_json({actor_id}) AS VARCHAR), 'null')",
             f"CAST(to_json({code}) AS VARCHAR)", f"CAST(to_json({sector}) AS VARCHAR)"]
    return "'[' || " + " || ',' || ".join(parts) + f" || ',null,null,{start},{end}]'"


_ACTORS_JSON = (f"""'{{"s":[' || {_ref_json(_S_TEXT, "s_id", "s_code", "s_sector", 0, 5)} || '],"t":[' || """
                f"""{_ref_json(_T_TEXT, "t_id", "t_code", "t_sector", 10, 15)} || '],"a":null}}'""")
# Per store table: the expression of each column (in COLUMNS order) over `raw`, and the row order.
_TABLES: dict[str, tuple[list[str], str]] = {
    "documents": ([_DID, "'https://news.example/' || j", "'Article ' || j", "'Outlet ' || outlet", "pub",
                   "'Synthetic article ' || j || '.'", "'en'"], "published, id"),
    "events": ([_EID, _DID, "'Synthetic ' || type || ' event ' || i || '.'", "0", "type", "NULL", "'[]'",
                "cameo", "quad", "goldstein", "CASE WHEN u % 10 = 0 THEN 'reported' ELSE 'asserted' END",
                "0", "9", "'Synthetic'", "0", "20", "'Synthetic event'", "0.5 + u / 2000.0", "'synthetic'",
                "day", "'day'", "NULL", "NULL", "NULL", "NULL", "NULL", _ACTORS_JSON, "day",
                f"type || '|' || {_SKEY} || '|' || {_TKEY}", _SKEY, _TKEY,
                "'[\"synthetic\"]'", "false", "NULL", "'day'"], "day, id"),
    "event_dyads": ([_EID, _SKEY, "s_code", _TKEY, "t_code", "day", "type", "quad", "goldstein", "s_iso", "t_iso",
                     _MODALITY, "0.5 + u / 2000.0", "'day'", "false"], "day, event_id"),
}
_ACTORS = f"""SELECT * FROM (
    SELECT {_EID}, 'source', 0, {_S_TEXT}, s_id, s_code, s_sector, NULL, NULL, 0, 5, {_SKEY}, lower({_S_TEXT}), day,
           false, s_iso FROM raw
    UNION ALL
    SELECT {_EID}, 'target', 0, {_T_TEXT}, t_id, t_code, t_sector, NULL, NULL, 10, 15, {_TKEY}, lower({_T_TEXT}), day,
           false, t_iso FROM raw)
    ORDER BY 14"""
COLUMNS = {"documents": DOCUMENT_COLUMNS, "events": EVENT_COLUMNS, "event_actors": ACTOR_COLUMNS,
           "event_dyads": DYAD_COLUMNS}


def _table_sql(table: str) -> str:
    if table == "event_actors":
        return _ACTORS
    exprs, order = _TABLES[table]
    names = [name for name, _ in COLUMNS[table]]
    distinct = "DISTINCT " if table == "documents" else ""
    select = ", ".join(f"{e} AS {n}" for e, n in zip(exprs, names, strict=True))
    return f"SELECT {distinct}{select} FROM raw ORDER BY {order}"


def generate(n: int, folder: Path) -> None:
    """Write the synthetic tables of n events as Parquet files in `folder` (DuckDB SQL only)."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("SET memory_limit = '3GB'")
    con.execute("SET temp_directory = ?", [str(CACHE / "tmp")])
    con.execute(_SETUP[0], [len(COUNTRIES) * len(SECTORS), list(COUNTRIES), list(COUNTRIES), list(SECTORS), list(SECTORS)])
    con.execute(_SETUP[1], [list(col) for col in zip(*TYPES, strict=True)])
    con.execute(_SLOTS.format(name="actor", key="a", weight="pow(a + 1, -0.8)", source="actors"), [100_000])
    con.execute(_DYADS, [20_000, 100_000, 100_000, N_DYADS])
    con.execute(_SLOTS.format(name="dyad", key="d", weight="pow(d + 1, -0.9)", source="dyads"), [1_000_000])
    con.execute(_SLOTS.format(name="type", key="type", weight="share", source="types"), [100])
    con.execute(_RAW, [START, DAYS, 1_000_000, n])
    for table in COLUMNS:
        con.execute(f"COPY ({_table_sql(table)}) TO '{folder / table}.parquet' (FORMAT parquet)")
    top = con.execute("""SELECT sa.code, ta.code FROM dyads y JOIN actors sa ON sa.a = y.sa
        JOIN actors ta ON ta.a = y.ta WHERE y.d = 0""").fetchone()
    con.close()
    assert top is not None
    (folder / "meta.json").write_text(json.dumps({"events": n, "top_dyad": list(top)}))


def load_duckdb(folder: Path, path: Path) -> None:
    open_store(path).close()  # the current schema
    con = duckdb.connect(str(path))
    con.execute("SET memory_limit = '3GB'")
    for table, columns in COLUMNS.items():
        names = ", ".join(name for name, _ in columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT * FROM read_parquet(?)", [f"{folder / table}.parquet"])
    con.execute("INSERT INTO story_pending SELECT id, story_key FROM events")
    con.close()


def load_postgres(folder: Path, url: str) -> None:
    import psycopg

    open_store(url).close()
    tables = [*COLUMNS, "story_pending", "story_events", "story_members", "story_dyads"]
    con = duckdb.connect()
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute(f"TRUNCATE {', '.join(tables)}")
        for table, columns in COLUMNS.items():
            csv_path = folder / f"{table}.csv"
            con.execute(f"COPY (SELECT * FROM read_parquet('{folder / table}.parquet')) TO '{csv_path}' (HEADER)")
            names = ", ".join(name for name, _ in columns)
            with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv, HEADER true)") as copy, \
                    csv_path.open("rb") as fh:
                while block := fh.read(1 << 20):
                    copy.write(block)
            csv_path.unlink()
        pg.execute("INSERT INTO story_pending SELECT id, story_key FROM events")
        pg.execute("ANALYZE")


def build(n: int, db: str | None) -> dict[str, Any]:
    """Generate (cached) and load (cached) n events; returns timings of the steps that ran."""
    folder, took = CACHE / f"synthetic-{n}", {}
    if not (folder / "meta.json").exists():
        t = time.perf_counter()
        generate(n, folder)
        took["generate_s"] = round(time.perf_counter() - t, 1)
    with _open(n, db) as store:
        loaded = store.counts()["events"] == n and store.counts()["stories"] > 0
    if not loaded:
        t = time.perf_counter()
        if db is None:
            _store_path(n).unlink(missing_ok=True)
            load_duckdb(folder, _store_path(n))
        else:
            load_postgres(folder, db)
        took["load_s"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        with _open(n, db) as store:
            if store.backend == "duckdb":
                store.query("SET memory_limit = '3GB'")
            store.update_stories()
        took["stories_s"] = round(time.perf_counter() - t, 1)
        if db is not None:
            import psycopg

            with psycopg.connect(db, autocommit=True) as pg:
                pg.execute("ANALYZE")
    took["build_peak_rss_mb"] = _peak_rss_mb()
    return took


def _store_path(n: int) -> Path:
    return CACHE / f"store-{n}.duckdb"


def _open(n: int, db: str | None) -> Store:
    return open_store(db if db else _store_path(n))


def _peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _median_ms(call: Callable[[], object], runs: int = 5) -> float:
    call()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def measure(n: int, db: str | None) -> dict[str, Any]:
    meta = json.loads((CACHE / f"synthetic-{n}" / "meta.json").read_text())
    a, b = meta["top_dyad"]
    with _open(n, db) as store:
        counts = store.counts()
        result: dict[str, Any] = {"backend": store.backend, "events": counts["events"], "stories": counts["stories"]}
        result["dyad_series_ms"] = _median_ms(lambda: store.dyad_series(a, b, by="month"))
        result["top_dyads_ms"] = _median_ms(
            lambda: store.top_dyads(dt.date(2023, 1, 1), dt.date(2023, 12, 31), 20))
        page = lambda: store.events(actor=a, since=dt.date(2023, 1, 1), until=dt.date(2023, 6, 30), limit=100)  # noqa: E731
        assert len(page()) == 100
        result["events_page_ms"] = _median_ms(page)
    result["peak_rss_mb"] = _peak_rss_mb()
    result["dyad"] = f"{a}->{b}"
    result["cpus"] = os.cpu_count()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="number of synthetic events")
    parser.add_argument("--db", default=None, help="postgresql://... (default: a DuckDB file in benchmarks/.cache)")
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    CACHE.mkdir(exist_ok=True)
    if args.build_only:
        print(json.dumps(build(args.events, args.db)))
        return 0
    child = [sys.executable, __file__, "--build-only", "--events", str(args.events)]
    child += ["--db", args.db] if args.db else []
    built = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout)
    result = {**measure(args.events, args.db), "build": built}
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>16}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
