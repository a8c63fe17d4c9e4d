"""Speed of `accord brief` and of the claims ledger on N synthetic events.

    python benchmarks/brief_speed.py --events 1000000
    python benchmarks/brief_speed.py --events 10000000

Builds a DuckDB store of N synthetic events in SQL (cached under benchmarks/.cache/brief-N.duckdb):
366 actors (61 countries: each state itself plus five sectors), source and target drawn with a
skew (a few actors in most events), 16 PLOVER types in realistic shares, 10 years with more news in
later years, 2 events per article, 50 outlets, and modalities: 8% future, 4% hypothetical, 3%
conditional (the claims), 2% negated, 10% reported, the rest asserted; THREATEN, AGREE and REQUEST
carry codes that name their content (138 ASSAULT, 036 CONSULT, 026 CONSULT), a tenth of the events
an attributed speaker. Story events are built with `store.update_stories()`.
(benchmarks/store_speed.py's generator predates schema 3; this one writes every current column.)

Prints one JSON object: events, claims, the full ledger rebuild in seconds, an incremental update
after 1,000 new articles, and the median of 3 runs (after a warm-up) of a brief for the busiest
country, the busiest dyad and one actor over a quarter, with peak RSS and the CPU count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from accord.analytics import brief as brief_mod
from accord.analytics import claims as claims_mod
from accord.store import open_store

CACHE = Path(__file__).resolve().parent / ".cache"
COUNTRIES = ["USA", "CHN", "RUS", "UKR", "GBR", "FRA", "DEU", "ISR", "PSE", "IRN", "IND", "PAK", "JPN", "KOR", "PRK", "TUR", "SAU", "EGY", "SYR", "IRQ", "AFG", "BRA", "MEX", "CAN", "AUS", "ITA", "ESP", "POL", "NLD", "BEL", "SWE", "NOR", "FIN", "DNK", "GRC", "SRB", "HUN", "ROU", "BGR", "CZE", "NGA", "ZAF", "ETH", "KEN", "SDN", "SOM", "LBY", "DZA", "MAR", "TUN", "VEN", "COL", "ARG", "CHL", "PER", "CUB", "IDN", "PHL", "VNM", "THA"]
SECTORS = ("", "GOV", "MIL", "OPP", "BUS", "MED")
# type, QuadClass, Goldstein, CAMEO code, share of events in percent
TYPES = (
    ("AGREE", 1, 4.0, "036", 6), ("CONSULT", 1, 1.0, "040", 25), ("SUPPORT", 1, 3.5, "051", 6),
    ("CONCEDE", 2, 5.0, "080", 2), ("COOPERATE", 2, 6.0, "060", 5), ("AID", 2, 7.0, "070", 4),
    ("RETREAT", 2, 5.0, "087", 1), ("REQUEST", 1, 3.0, "026", 8), ("ACCUSE", 3, -2.0, "112", 12),
    ("REJECT", 3, -4.0, "120", 6), ("THREATEN", 3, -6.0, "138", 5), ("PROTEST", 3, -6.5, "140", 5),
    ("SANCTION", 3, -8.0, "163", 3), ("MOBILIZE", 4, -7.2, "150", 3), ("COERCE", 4, -7.0, "170", 4),
    ("ASSAULT", 4, -10.0, "190", 5),
)
DAYS, START = 3652, dt.date(2015, 1, 1)

_SETUP = [
    """CREATE TEMP TABLE actors AS
       SELECT row_number() OVER (ORDER BY c.i, s.i) - 1 AS a, c.iso, s.sector, c.iso || s.sector AS code
       FROM (SELECT unnest(?) AS iso, generate_subscripts(?, 1) AS i) c,
            (SELECT unnest(?) AS sector, generate_subscripts(?, 1) AS i) s""",
    """CREATE TEMP TABLE types AS SELECT unnest(?) AS type, unnest(?) AS quad, unnest(?) AS goldstein,
       unnest(?) AS cameo, unnest(?) AS share""",
    """CREATE TEMP TABLE type_slots AS
       SELECT type, quad, goldstein, cameo, unnest(range(CAST(lo AS BIGINT), CAST(hi AS BIGINT))) AS slot FROM (
         SELECT *, sum(share) OVER (ORDER BY type) - share AS lo, sum(share) OVER (ORDER BY type) AS hi FROM types)""",
]
# One row per event. The skew: actor index = floor(366 * x^3) for a uniform x.
_RAW = """CREATE TEMP TABLE raw AS
    WITH b AS (
        SELECT i, i // 2 AS j,
               ? + CAST(floor(? * sqrt((hash(i // 2, 5) % 1000000) / 1000000.0)) AS INTEGER) AS pub,
               CAST(hash(i, 6) % 3 AS INTEGER) AS back,
               CAST(floor(? * pow((hash(i, 1) % 1000000) / 1000000.0, 3)) AS INTEGER) AS sa,
               CAST(floor(? * pow((hash(i, 2) % 1000000) / 1000000.0, 3)) AS INTEGER) AS ta0,
               hash(i, 4) % 100 AS tslot, hash(i, 7) % 100 AS m, hash(i, 8) % 10 AS speaker,
               CAST(floor(50 * pow((hash(i // 2, 10) % 1000) / 1000.0, 2)) AS INTEGER) AS outlet
        FROM range(?) r(i))
    SELECT b.i, b.j, b.pub, b.pub - b.back AS day, b.outlet, t.type, t.quad, t.goldstein, t.cameo,
           CASE WHEN b.m < 8 THEN 'future' WHEN b.m < 12 THEN 'hypothetical' WHEN b.m < 15 THEN 'conditional'
                WHEN b.m < 17 THEN 'negated' WHEN b.m < 27 THEN 'reported' ELSE 'asserted' END AS modality,
           sa.code AS s_code, sa.iso AS s_iso, sa.sector AS s_sector,
           ta.code AS t_code, ta.iso AS t_iso, ta.sector AS t_sector, b.speaker = 0 AS attributed
    FROM b JOIN type_slots t ON t.slot = b.tslot
    JOIN actors sa ON sa.a = b.sa
    JOIN actors ta ON ta.a = CASE WHEN b.ta0 = b.sa THEN (b.ta0 + 1) % ? ELSE b.ta0 END"""

_EID, _DID = "substr(md5('e' || i), 1, 16)", "substr(md5('d' || j), 1, 16)"
_DAY = "CAST(DATE '1970-01-01' + CAST(day AS INTEGER) AS DATE)"
_PUB = "CAST(DATE '1970-01-01' + CAST(pub AS INTEGER) AS DATE)"


def _ref(text: str, code: str, sector: str, start: int, end: int) -> str:
    """SQL for one ActorRef as accord.store._rows.actors_json writes it (no actor id)."""
    return (f"'[' || CAST(to_json({text}) AS VARCHAR) || ',null,' || CAST(to_json({code}) AS VARCHAR) || ',' || "
            f"CAST(to_json({sector}) AS VARCHAR) || ',null,null,{start},{end}]'")


_SPEAKER_REF = _ref("'spokesperson of ' || s_iso", "s_iso || 'GOV'", "'GOV'", 30, 45)
_ACTORS_JSON = (f"""'{{"s":[' || {_ref("s_code", "s_code", "s_sector", 0, 5)} || '],"t":[' || """
                f"""{_ref("t_code", "t_code", "t_sector", 10, 15)} || '],"a":' || """
                f"""CASE WHEN attributed THEN {_SPEAKER_REF} ELSE 'null' END || '}}'""")

INSERTS = [
    f"""INSERT INTO documents (id, url, title, source, published, text, language)
        SELECT DISTINCT {_DID}, 'https://news.example/' || j, 'Article ' || j, 'Outlet ' || outlet, {_PUB},
               'Synthetic article ' || j || '.', 'en' FROM raw""",
    f"""INSERT INTO events (id, doc_id, sentence, sentence_index, type, mode, context, cameo, quad_class, goldstein,
            modality, trigger_start, trigger_end, trigger_text, evidence_start, evidence_end, evidence_text,
            confidence, rule, date, date_granularity, date_text, actors, day, story_key, source_keys, target_keys,
            trace, background, date_end, day_granularity)
        SELECT {_EID}, {_DID}, 'Synthetic ' || type || ' event ' || i || '.', 0, type, NULL, '[]', cameo, quad,
               goldstein, modality, 0, 9, 'Synthetic', 0, 20, 'Synthetic ' || type || ' event ' || i || '.',
               0.9, 'synthetic', {_DAY}, 'day', NULL, {_ACTORS_JSON}, {_DAY},
               type || '|' || s_code || '|' || t_code, s_code, t_code, '["synthetic"]', FALSE, NULL, 'day'
        FROM raw ORDER BY day, i""",
    f"""INSERT INTO event_actors (event_id, role, position, text, actor_id, code, sector, name, role_title,
            "start", "end", actor_key, text_lc, day, inferred, country)
        SELECT * FROM (
            SELECT {_EID}, 'source', 0, s_code, NULL, s_code, s_sector, NULL, NULL, 0, 5, s_code, lower(s_code),
                   {_DAY}, FALSE, s_iso FROM raw
            UNION ALL
            SELECT {_EID}, 'target', 0, t_code, NULL, t_code, t_sector, NULL, NULL, 10, 15, t_code, lower(t_code),
                   {_DAY}, FALSE, t_iso FROM raw
            UNION ALL
            SELECT {_EID}, 'attributed', 0, 'spokesperson of ' || s_iso, NULL, s_iso || 'GOV', 'GOV', NULL, NULL,
                   30, 45, s_iso || 'GOV', 'spokesperson of ' || lower(s_iso), {_DAY}, FALSE, s_iso
            FROM raw WHERE attributed) x ORDER BY 14""",
    f"""INSERT INTO event_dyads (event_id, source_key, source_code, target_key, target_code, day, type, quad_class,
            goldstein, source_country, target_country, modality, confidence, day_granularity, inferred)
        SELECT {_EID}, s_code, s_code, t_code, t_code, {_DAY}, type, quad, goldstein, s_iso, t_iso, modality, 0.9,
               'day', FALSE FROM raw ORDER BY day, i""",
    "INSERT INTO story_pending (event_id, story_key) SELECT id, story_key FROM events",
]


def build(n: int, path: Path, offset: int = 0) -> None:
    """Write n synthetic events (ids from `offset`) into the store at `path`, then its stories."""
    open_store(path).close()  # the current schema
    con = duckdb.connect(str(path))
    con.execute("SET memory_limit = '6GB'")
    con.execute("SET preserve_insertion_order = false")
    countries = list(COUNTRIES)
    sectors = list(SECTORS)
    con.execute(_SETUP[0], [countries, countries, sectors, sectors])
    con.execute(_SETUP[1], [list(col) for col in zip(*TYPES, strict=True)])
    con.execute(_SETUP[2])
    n_actors = len(COUNTRIES) * len(SECTORS)
    con.execute(_RAW.replace("FROM range(?) r(i)", "FROM range(?, ?) r(i)"),
                [(START - dt.date(1970, 1, 1)).days, DAYS, n_actors, n_actors, offset, offset + n, n_actors])
    for sql in INSERTS:
        con.execute(sql)
    con.close()
    with open_store(path) as store:
        store.query("SET memory_limit = '6GB'")
        store.update_stories()


def _median_ms(call: Callable[[], object], runs: int = 3) -> float:
    call()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="number of synthetic events")
    args = parser.parse_args(argv)
    CACHE.mkdir(exist_ok=True)
    n = args.events
    path = CACHE / f"brief-{n}.duckdb"
    result: dict[str, Any] = {"events": n, "backend": "duckdb", "cpus": os.cpu_count()}
    if not path.exists():
        t = time.perf_counter()
        build(n, path)
        result["build_s"] = round(time.perf_counter() - t, 1)
    cached, path = path, CACHE / f"brief-{n}-run.duckdb"  # the run writes (ledger, new articles) on a copy
    shutil.copyfile(cached, path)
    with open_store(path) as store:
        db = claims_mod.database_of(store)
        store.query("SET memory_limit = '6GB'")
        t = time.perf_counter()
        done = claims_mod.update_claims(db, rebuild=True)
        result["ledger_rebuild_s"] = round(time.perf_counter() - t, 1)
        result["claims"] = done.claims_added
        result["claims_fulfilled"] = claims_mod.count(db, status="fulfilled")
        result["claims_open"] = claims_mod.count(db, status="open")
        result["claims_expired"] = claims_mod.count(db, status="expired")
        last = claims_mod.as_of_day(db) or dt.date(2024, 12, 31)
        since = last - dt.timedelta(days=89)
        top_country = store.query("""SELECT country FROM event_actors WHERE role IN ('source', 'target')
            GROUP BY country ORDER BY count(*) DESC, country LIMIT 1""")[0][0]
        a, b = store.query("""SELECT source_key, target_key FROM event_dyads GROUP BY 1, 2
            ORDER BY count(*) DESC, 1, 2 LIMIT 1""")[0]
        briefs = {"country": {"country": top_country}, "dyad": {"dyad": (a, b)}, "actor": {"actor": a}}
        for name, scope in briefs.items():
            result[f"brief_{name}_ms"] = _median_ms(
                lambda scope=scope: brief_mod.build_brief(db, since=since, until=last, **scope))  # type: ignore[misc]
        brief = brief_mod.build_brief(db, since=since, until=last, country=top_country)
        result["brief_country_key_events"] = brief["key_events"]["total"]
        result["brief_scope"] = {"country": top_country, "dyad": f"{a},{b}", "since": since.isoformat(),
                                 "until": last.isoformat()}
    # incremental: 1,000 new articles (2,000 events) written, then the ledger updated
    with open_store(path) as store:
        before = store.counts()["documents"]
    build(2000, path, offset=n + 10_000_000_000)
    with open_store(path) as store:
        db = claims_mod.database_of(store)
        t = time.perf_counter()
        done = claims_mod.update_claims(db)
        result["ledger_incremental_s"] = round(time.perf_counter() - t, 2)
        result["incremental_documents"] = done.documents_scanned
        assert store.counts()["documents"] - before == done.documents_scanned
    path.unlink()
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
