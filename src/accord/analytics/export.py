"""Exports of stored events: Parquet and CSV (flat, GDELT 2.0 column names), JSONL (Event.to_dict()).

One row per event. GDELT names are used where the concept is the same (see docs/store.md);
Actor1 is the first source and Actor2 the first target; NumMentions/NumSources/NumArticles come
from the event's story. Rows are ordered like `Store.events()`: by day, then event id.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from accord.errors import StoreError
from accord.store._rows import actors_from_json
from accord.store.base import EventQuery
from accord.types import ActorRef

if TYPE_CHECKING:
    import pyarrow as pa

    from accord.store.base import Store

FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}

_FLAT_SQL = """SELECT e.id, e.day, e.date, e.date_granularity, e.type, e.mode, e.context, e.cameo,
    e.quad_class, e.goldstein, e.modality, e.confidence, e.rule, e.sentence,
    e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, e.doc_id, e.actors,
    st.id, st.num_events, st.num_articles, st.num_sources, d.url, d.source
FROM events e
JOIN documents d ON d.id = e.doc_id
LEFT JOIN story_members m ON m.event_id = e.id
LEFT JOIN story_events st ON st.id = m.story_id
{where} ORDER BY e.day NULLS LAST, e.id"""

# (column, Arrow type name) in output order. Types: string, int8, int32, float64, date32.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "string"), ("SQLDATE", "int32"), ("MonthYear", "int32"), ("Year", "int32"),
    ("FractionDate", "float64"),
    ("Actor1Code", "string"), ("Actor1Name", "string"), ("Actor1CountryCode", "string"),
    ("Actor1Type1Code", "string"),
    ("Actor2Code", "string"), ("Actor2Name", "string"), ("Actor2CountryCode", "string"),
    ("Actor2Type1Code", "string"),
    ("EventCode", "string"), ("EventBaseCode", "string"), ("EventRootCode", "string"),
    ("QuadClass", "int8"), ("GoldsteinScale", "float64"),
    ("NumMentions", "int32"), ("NumSources", "int32"), ("NumArticles", "int32"),
    ("ActionGeo_FullName", "string"), ("ActionGeo_Lat", "float64"), ("ActionGeo_Long", "float64"),
    ("SOURCEURL", "string"),
    # accord's own columns
    ("EventDate", "date32"), ("DateGranularity", "string"), ("ActionGeoCountry", "string"),
    ("Actor1Id", "string"), ("Actor2Id", "string"), ("PloverType", "string"), ("PloverMode", "string"),
    ("PloverContext", "string"), ("Modality", "string"), ("Confidence", "float64"), ("Rule", "string"),
    ("StoryId", "string"), ("DocId", "string"), ("SourceName", "string"), ("Sentence", "string"),
)


def export_format(out: str | Path, format: str | None = None) -> str:
    """The export format: `format` when given, else inferred from the file suffix."""
    if format is None:
        format = _SUFFIXES.get(Path(out).suffix.lower())
        if format is None:
            raise StoreError(f"cannot tell the export format of {out}; pass a format",
                             input=str(out), valid=", ".join(FORMATS))
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}", input=format, valid=", ".join(FORMATS))
    return format


def export_events(
    store: Store, out: str | Path, format: str | None = None,
    query: EventQuery = EventQuery(), *, batch: int = 50_000,  # noqa: B008
) -> int:
    """Write the events matching `query` to `out`; returns the number of events written."""
    fmt = export_format(out, format)
    path = Path(out)
    if not path.parent.is_dir():
        raise StoreError(f"cannot write {out}: folder {path.parent} does not exist", input=str(out))
    writers: dict[str, Callable[[Store, Path, EventQuery, int], int]] = {
        "parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl,
    }
    return writers[fmt](store, path, query, batch)


def flat_batches(store: Store, query: EventQuery, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """Export rows (in COLUMNS order), `batch` at a time."""
    where, params = query.sql_where()
    for rows in store.iter_query(_FLAT_SQL.format(where=where), params, batch):
        yield [flat_row(r) for r in rows]


def flat_row(r: Sequence[Any]) -> tuple[Any, ...]:
    (eid, day, date, granularity, type_, mode, context, cameo, quad, goldstein, modality, confidence,
     rule, sentence, loc_name, loc_country, lat, lon, doc_id, actors, story_id, num_events,
     num_articles, num_sources, url, outlet) = r
    sources, targets, _ = actors_from_json(actors)
    a1, a2 = _actor(sources), _actor(targets)
    return (
        eid, _sqldate(day), day.year * 100 + day.month if day else None, day.year if day else None,
        _fraction(day), *a1[1:], *a2[1:],
        cameo, cameo[:3], cameo[:2], quad, goldstein, num_events, num_sources, num_articles,
        loc_name, lat, lon, url or None,
        date, granularity, loc_country, a1[0], a2[0], type_, mode, ";".join(json.loads(context)),
        modality, confidence, rule, story_id, doc_id, outlet or None, sentence,
    )


def _actor(refs: tuple[ActorRef, ...]) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(actor id, code, name, country code, type code) of the first actor of a side."""
    if not refs:
        return (None, None, None, None, None)
    r = refs[0]
    return (r.actor_id, r.code, r.name or r.text, r.code[:3] if r.code else None, r.sector)


def _sqldate(day: dt.date | None) -> int | None:
    return day.year * 10000 + day.month * 100 + day.day if day else None


def _fraction(day: dt.date | None) -> float | None:
    """GDELT's FractionDate: year + day-of-year / 365, to 4 decimals."""
    return round(day.year + day.timetuple().tm_yday / 365, 4) if day else None


def arrow_schema() -> pa.Schema:
    import pyarrow as pa

    types = {"string": pa.string(), "int8": pa.int8(), "int32": pa.int32(), "float64": pa.float64(),
             "date32": pa.date32()}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS])


def _write_parquet(store: Store, path: Path, query: EventQuery, batch: int) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - pyarrow is a dependency
        raise StoreError("Parquet export needs pyarrow (pip install pyarrow)", input=str(path)) from e
    schema, total = arrow_schema(), 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for rows in flat_batches(store, query, batch):
            columns = list(zip(*rows, strict=True))
            arrays = [pa.array(col, type=field.type) for col, field in zip(columns, schema, strict=True)]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
            total += len(rows)
        if total == 0:
            writer.write_table(schema.empty_table())
    return total


def _write_csv(store: Store, path: Path, query: EventQuery, batch: int) -> int:
    total = 0
    with _open(path) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([name for name, _ in COLUMNS])
        for rows in flat_batches(store, query, batch):
            writer.writerows([_csv_value(v) for v in row] for row in rows)
            total += len(rows)
    return total


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _write_jsonl(store: Store, path: Path, query: EventQuery, batch: int) -> int:
    total = 0
    with _open(path) as fh:
        for event in store.iter_events(query, batch=min(batch, 5000)):
            fh.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            total += 1
    return total


def _open(path: Path) -> IO[str]:
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e.strerror}", input=str(path)) from e
