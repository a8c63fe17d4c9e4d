"""Exports of stored events: Parquet and CSV (flat, GDELT 2.0 column names), JSONL (Event.to_dict()).

One row per event. GDELT names are used where the concept is the same (see docs/store.md);
Actor1 is the first source and Actor2 the first target; NumMentions/NumSources/NumArticles come
from the event's story. Rows are ordered like `Store.events()`: by day, then event id.

Beside a Parquet or CSV export goes the long actor table (`<name>.actors.parquet|csv`): one row
per source, target and attribution of every exported event. Beside a CSV goes `datapackage.json`
(a Frictionless Data Package with the Table Schema of both files), so that R and pandas read
every column with its type: CAMEO codes stay strings ("035", not 35). `read_csv()` reads one back.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from accord.analytics.counting import EventQuery, country_of
from accord.errors import StoreError
from accord.types import ActorRef

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


class Store(Protocol):
    """What an export needs from a store (accord.store.Store has it)."""

    def iter_query(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]: ...

    def iter_events(self, query: EventQuery = ..., batch: int = 1000) -> Iterator[Any]: ...

FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}

_FLAT_SQL = """SELECT e.id, e.day, e.date, e.date_granularity, e.type, e.mode, e.context, e.cameo,
    e.quad_class, e.goldstein, e.modality, e.confidence, e.rule, e.sentence,
    e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, e.doc_id, e.actors,
    st.id, st.num_events, st.num_articles, st.num_sources, d.url, d.source, d.published, e.date_end,
    e.background, e.trace
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
    # added with schema version 3 (issue 13)
    ("Actor1KnownGroupCode", "string"), ("Actor2KnownGroupCode", "string"), ("PublicationDate", "date32"),
    ("DateEnd", "date32"), ("Background", "bool"), ("Trace", "string"),
)

_ACTORS_SQL = """SELECT a.event_id, a.role, a.position, a.text, a.actor_id, a.code, a.name, a.sector,
    a.role_title, a.inferred, a.day
FROM event_actors a JOIN events e ON e.id = a.event_id
{where} ORDER BY e.day NULLS LAST, e.id, CASE a.role WHEN 'source' THEN 0 WHEN 'target' THEN 1 ELSE 2 END, a.position"""

# The long actor table: one row per source, target and attribution of an exported event.
ACTOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "string"), ("Role", "string"), ("Position", "int32"), ("Text", "string"),
    ("ActorId", "string"), ("ActorCode", "string"), ("ActorName", "string"), ("ActorCountryCode", "string"),
    ("ActorKnownGroupCode", "string"), ("ActorType1Code", "string"), ("RoleTitle", "string"),
    ("Inferred", "bool"), ("EventDate", "date32"),
)

_FRICTIONLESS = {"string": "string", "int8": "integer", "int32": "integer", "float64": "number", "date32": "date",
                 "bool": "boolean"}
_DESCRIPTIONS = {
    "GLOBALEVENTID": "accord event id", "SQLDATE": "event day YYYYMMDD (the event date, else the publication date)",
    "EventCode": "CAMEO event code (a string: 035 keeps its zero)", "EventBaseCode": "first three digits of EventCode",
    "EventRootCode": "first two digits of EventCode", "QuadClass": "1 verbal cooperation .. 4 material conflict",
    "Actor1CountryCode": "ISO alpha-3 country of Actor1's code, empty for IGOs, NGOs and the rest",
    "Actor2CountryCode": "ISO alpha-3 country of Actor2's code, empty for IGOs, NGOs and the rest",
    "Actor1KnownGroupCode": "the organisation of an IGO/NGO code (IGONATO -> NATO)",
    "Actor2KnownGroupCode": "the organisation of an IGO/NGO code (IGONATO -> NATO)",
    "PublicationDate": "publication date of the article", "SourceName": "outlet (else the URL's host)",
    "DateGranularity": "day, month, year, range or unresolved", "DateEnd": "last day of a range date",
    "Background": "the text recalls the event as background", "Modality": "asserted, reported, hedged, ...",
    "ActorCountryCode": "ISO alpha-3 country of the actor's code, empty for IGOs, NGOs and the rest",
    "Role": "source, target or attributed", "Inferred": "the coder inferred the actor (unidentified, implied)",
}


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


def actors_path(out: str | Path) -> Path:
    """Where the long actor table of an export goes: `events.csv` -> `events.actors.csv`."""
    path = Path(out)
    return path.with_name(f"{path.stem}.actors{path.suffix}")


def export_events(
    store: Store, out: str | Path, format: str | None = None,
    query: EventQuery = EventQuery(), *, batch: int = 50_000, actors: bool = True,  # noqa: B008
) -> int:
    """Write the events matching `query` to `out`; returns the number of events written.

    Parquet and CSV also get the long actor table beside them (`actors_path(out)`, unless
    `actors=False`); CSV gets `datapackage.json` (Frictionless) describing the files' types.
    """
    fmt = export_format(out, format)
    path = Path(out)
    if not path.parent.is_dir():
        raise StoreError(f"cannot write {out}: folder {path.parent} does not exist", input=str(out))
    writers: dict[str, Callable[[Store, Path, EventQuery, int], int]] = {
        "parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl,
    }
    written = writers[fmt](store, path, query, batch)
    if actors and fmt in ("parquet", "csv"):
        _write_table(actors_path(path), fmt, ACTOR_COLUMNS, actor_batches(store, query, batch))
    if fmt == "csv":
        resources = [(path, COLUMNS)] + ([(actors_path(path), ACTOR_COLUMNS)] if actors else [])
        write_datapackage(path.parent / "datapackage.json", resources)
    return written


def actor_batches(store: Store, query: EventQuery, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """Long actor table rows (in ACTOR_COLUMNS order), `batch` at a time."""
    where, params = query.sql_where()
    for rows in store.iter_query(_ACTORS_SQL.format(where=where), params, batch):
        yield [(eid, role, pos, text, actor_id, code, name or None, country_of(code), _group(code), sector or None,
                title or None, bool(inferred), day)
               for eid, role, pos, text, actor_id, code, name, sector, title, inferred, day in rows]


def _group(code: str | None) -> str | None:
    """GDELT's KnownGroupCode: the organisation of an IGO or NGO code (IGONATO -> NATO)."""
    if code and code[:3] in ("IGO", "NGO") and len(code) > 3:
        return code[3:]
    return None


def table_schema(columns: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A Frictionless Table Schema for export columns."""
    return {"fields": [{"name": name, "type": _FRICTIONLESS[kind],
                        **({"description": _DESCRIPTIONS[name]} if name in _DESCRIPTIONS else {})}
                       for name, kind in columns],
            "missingValues": [""]}


def write_datapackage(path: Path, resources: Sequence[tuple[Path, Sequence[tuple[str, str]]]]) -> None:
    """Write (or update) a Frictionless `datapackage.json` describing CSV files in its folder."""
    package: dict[str, Any] = {"name": "accord-export", "profile": "tabular-data-package", "resources": []}
    if path.exists():
        with contextlib.suppress(OSError, ValueError):
            package = json.loads(path.read_text(encoding="utf-8"))
    mine = {p.name for p, _ in resources}
    kept = [r for r in package.get("resources", []) if r.get("path") not in mine]
    package["resources"] = kept + [
        {"name": _resource_name(p), "path": p.name, "profile": "tabular-data-resource", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(cols)}
        for p, cols in resources]
    try:
        path.write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e.strerror}", input=str(path)) from e


def _resource_name(path: Path) -> str:
    name = "".join(c if c.isalnum() or c in "-_." else "-" for c in path.name.lower())
    return name.rsplit(".", 1)[0]


def read_csv(path: str | Path, package: str | Path | None = None) -> pd.DataFrame:
    """Read an exported CSV with pandas, typed by the datapackage.json beside it (codes stay strings)."""
    import pandas as pd

    path = Path(path)
    pkg = json.loads(Path(package or path.parent / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in pkg["resources"] if r["path"] == path.name)
    kinds = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    fields = resource["schema"]["fields"]
    dtypes = {f["name"]: kinds[f["type"]] for f in fields if f["type"] in kinds}
    dates = [f["name"] for f in fields if f["type"] == "date"]
    frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
    for name in dates:
        frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").dt.date
    return frame


def flat_batches(store: Store, query: EventQuery, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """Export rows (in COLUMNS order), `batch` at a time."""
    where, params = query.sql_where()
    for rows in store.iter_query(_FLAT_SQL.format(where=where), params, batch):
        yield [flat_row(r) for r in rows]


def _refs(actors: str) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]]:
    """(sources, targets) from the `events.actors` JSON (each ref a list in ActorRef field order)."""
    d = json.loads(actors)
    return tuple(ActorRef(*r) for r in d["s"]), tuple(ActorRef(*r) for r in d["t"])


def _outlet(outlet: str | None, url: str | None) -> str | None:
    if outlet:
        return outlet
    if url and "://" in url:
        from urllib.parse import urlsplit

        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def flat_row(r: Sequence[Any]) -> tuple[Any, ...]:
    (eid, day, date, granularity, type_, mode, context, cameo, quad, goldstein, modality, confidence,
     rule, sentence, loc_name, loc_country, lat, lon, doc_id, actors, story_id, num_events,
     num_articles, num_sources, url, outlet, published, date_end, background, trace) = r
    sources, targets = _refs(actors)
    a1, a2 = _actor(sources), _actor(targets)
    steps = json.loads(trace) if trace else ([rule] if rule else [])
    return (
        eid, _sqldate(day), day.year * 100 + day.month if day else None, day.year if day else None,
        _fraction(day), *a1[1:], *a2[1:],
        cameo, cameo[:3], cameo[:2], quad, goldstein, num_events, num_sources, num_articles,
        loc_name, lat, lon, url or None,
        date, granularity, loc_country, a1[0], a2[0], type_, mode, ";".join(json.loads(context)),
        modality, confidence, rule, story_id, doc_id, _outlet(outlet, url), sentence,
        _group(sources[0].code if sources else None), _group(targets[0].code if targets else None),
        published, date_end, bool(background), " > ".join(steps) or None,
    )


def _actor(refs: tuple[ActorRef, ...]) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(actor id, code, name, country code, type code) of the first actor of a side."""
    if not refs:
        return (None, None, None, None, None)
    r = refs[0]
    return (r.actor_id, r.code, r.name or r.text, country_of(r.code), r.sector or None)


def _sqldate(day: dt.date | None) -> int | None:
    return day.year * 10000 + day.month * 100 + day.day if day else None


def _fraction(day: dt.date | None) -> float | None:
    """GDELT's FractionDate: year + day-of-year / 365, to 4 decimals."""
    return round(day.year + day.timetuple().tm_yday / 365, 4) if day else None


def arrow_schema() -> pa.Schema:

    return _arrow(COLUMNS)


def _arrow(columns: Sequence[tuple[str, str]]) -> pa.Schema:
    import pyarrow as pa

    types = {"string": pa.string(), "int8": pa.int8(), "int32": pa.int32(), "float64": pa.float64(),
             "date32": pa.date32(), "bool": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def _write_parquet(store: Store, path: Path, query: EventQuery, batch: int) -> int:
    return _write_table(path, "parquet", COLUMNS, flat_batches(store, query, batch))


def _write_csv(store: Store, path: Path, query: EventQuery, batch: int) -> int:
    return _write_table(path, "csv", COLUMNS, flat_batches(store, query, batch))


def _write_table(path: Path, fmt: str, columns: Sequence[tuple[str, str]],
                 batches: Iterator[list[tuple[Any, ...]]]) -> int:
    return (_parquet if fmt == "parquet" else _csv)(path, columns, batches)


def _parquet(path: Path, columns: Sequence[tuple[str, str]], batches: Iterator[list[tuple[Any, ...]]]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - pyarrow is a dependency
        raise StoreError("Parquet export needs pyarrow (pip install pyarrow)", input=str(path)) from e
    schema, total = _arrow(columns), 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for rows in batches:
            columns = list(zip(*rows, strict=True))
            arrays = [pa.array(col, type=field.type) for col, field in zip(columns, schema, strict=True)]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
            total += len(rows)
        if total == 0:
            writer.write_table(schema.empty_table())
    return total


def _csv(path: Path, columns: Sequence[tuple[str, str]], batches: Iterator[list[tuple[Any, ...]]]) -> int:
    total = 0
    with _open(path) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        for rows in batches:
            writer.writerows([_csv_value(v) for v in row] for row in rows)
            total += len(rows)
    return total


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
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
