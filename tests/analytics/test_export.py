"""Exports: Parquet (read back with pandas and polars), CSV with GDELT names, JSONL of Event.to_dict()."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
from store_factories import coded, doc, event, ref

from accord.analytics.export import (
    ACTOR_COLUMNS,
    COLUMNS,
    actors_path,
    export_events,
    export_format,
    read_csv,
)
from accord.errors import StoreError
from accord.store import EventQuery, Store

POLARS = {"string": pl.String, "int8": pl.Int8, "int32": pl.Int32, "float64": pl.Float64, "date32": pl.Date,
          "bool": pl.Boolean}
PANDAS_ARROW = {"string": "string[pyarrow]", "int8": "int8[pyarrow]", "int32": "int32[pyarrow]",
                "float64": "double[pyarrow]", "date32": "date32[day][pyarrow]", "bool": "bool[pyarrow]"}

ORDER = ["s1-b", "s1-r", "s1-a", "s2-r", "s2-r3", "s4-r", "s5-x", "s3-x"]  # by (day, id)
S1_REUTERS = {
    "GLOBALEVENTID": "s1-r", "SQLDATE": 20240301, "MonthYear": 202403, "Year": 2024, "FractionDate": 2024.1671,
    "Actor1Code": "USAGOV", "Actor1Name": "Usagov", "Actor1CountryCode": "USA", "Actor1Type1Code": None,
    "Actor2Code": "RUSGOV", "Actor2Name": "Rusgov", "Actor2CountryCode": "RUS", "Actor2Type1Code": None,
    "EventCode": "040", "EventBaseCode": "040", "EventRootCode": "04", "QuadClass": 1, "GoldsteinScale": 1.0,
    "NumMentions": 3, "NumSources": 3, "NumArticles": 3, "ActionGeo_FullName": None, "ActionGeo_Lat": None,
    "ActionGeo_Long": None, "SOURCEURL": "https://news.example/r1", "EventDate": dt.date(2024, 3, 1),
    "DateGranularity": "day", "ActionGeoCountry": None, "Actor1Id": None, "Actor2Id": None,
    "PloverType": "CONSULT", "PloverMode": None, "PloverContext": "", "Modality": "asserted",
    "Confidence": 0.9, "Rule": "test.rule", "StoryId": None, "DocId": "r1", "SourceName": "Reuters",
    "Sentence": "Sentence of s1-r.", "Actor1KnownGroupCode": None, "Actor2KnownGroupCode": None,
    "PublicationDate": dt.date(2024, 3, 1), "DateEnd": None, "Background": False, "Trace": "test.rule",
}


def _story_id(store: Store) -> str:
    return store.stories(EventQuery(actor="USAGOV", until=dt.date(2024, 3, 2)))[0].id


def test_export_parquet_reads_back_in_pandas_and_polars(world: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert export_events(world, path) == 8
    frame = pl.read_parquet(path)
    assert frame.columns == [name for name, _ in COLUMNS]
    assert dict(frame.schema) == {name: POLARS[kind] for name, kind in COLUMNS}
    assert frame["GLOBALEVENTID"].to_list() == ORDER
    first = frame.filter(pl.col("GLOBALEVENTID") == "s1-r").to_dicts()[0]
    assert first == {**S1_REUTERS, "StoryId": _story_id(world)}
    pandas = pd.read_parquet(path, dtype_backend="pyarrow")
    assert {c: str(t) for c, t in pandas.dtypes.items()} == {name: PANDAS_ARROW[kind] for name, kind in COLUMNS}
    assert pandas["GLOBALEVENTID"].tolist() == frame["GLOBALEVENTID"].to_list()
    assert pd.read_parquet(path)["QuadClass"].dtype == "int8"


def test_export_rows_follow_event_order(world: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    export_events(world, path)
    assert pl.read_parquet(path)["GLOBALEVENTID"].to_list() == [e.id for e in world.events()] == ORDER


def test_export_csv_has_gdelt_header_and_values(world: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert export_events(world, path, query=EventQuery(type="THREATEN")) == 1
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [name for name, _ in COLUMNS]
    assert {k: rows[0][k] for k in ("GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1Type1Code",
                                    "Actor1Id", "Actor2Code", "EventCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumArticles", "NumSources", "SOURCEURL", "EventDate",
                                    "ActionGeo_Lat")} == {
        "GLOBALEVENTID": "s5-x", "SQLDATE": "20240320", "Actor1Code": "USAGOV", "Actor1Name": "Joe Biden",
        "Actor1Type1Code": "GOV", "Actor1Id": "joe-biden", "Actor2Code": "RUSGOV", "EventCode": "130",
        "EventRootCode": "13", "QuadClass": "3", "GoldsteinScale": "-5.0", "NumArticles": "1",
        "NumSources": "1", "SOURCEURL": "https://news.example/x2", "EventDate": "", "ActionGeo_Lat": ""}


def test_export_jsonl_is_event_to_dict(world: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert export_events(world, path, "jsonl", EventQuery(actor="RUSMIL")) == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [world.event("s4-r").to_dict()]


def test_export_empty_result_still_has_the_columns(world: Store, tmp_path: Path) -> None:
    path = tmp_path / "none.parquet"
    assert export_events(world, path, query=EventQuery(type="RETREAT")) == 0
    assert pl.read_parquet(path).columns == [name for name, _ in COLUMNS]


@pytest.mark.parametrize(("out", "fmt", "message"), [
    ("x.xml", None, "cannot tell the export format of x.xml; pass a format (valid: parquet, csv, jsonl)"),
    ("x.csv", "xlsx", "unknown export format 'xlsx' (valid: parquet, csv, jsonl)"),
])
def test_export_unknown_format_is_a_store_error(out: str, fmt: str | None, message: str) -> None:
    with pytest.raises(StoreError) as info:
        export_format(out, fmt)
    assert str(info.value) == message


@pytest.mark.parametrize(("out", "expected"), [("a.PARQUET", "parquet"), ("a.csv", "csv"), ("a.ndjson", "jsonl")])
def test_export_format_from_suffix(out: str, expected: str) -> None:
    assert export_format(out) == expected


def _codes_world(store: Store) -> None:
    nato = ref("NATO", "IGONATO", "nato", name="NATO", sector="IGO")
    store.write([coded(doc("c1", dt.date(2025, 2, 3), "", text="x"), event(
        "c-1", "c1", type="REQUEST", cameo="035", quad_class=1, sources=(ref("Kyiv", "UKRGOV", None),),
        targets=(nato, ref("EU", "IGOEU", None), ref("gunmen", "IRQ", None, role="unidentified"))))])


def test_export_csv_keeps_codes_as_strings_with_the_datapackage(store: Store, tmp_path: Path) -> None:
    """pandas reads CAMEO '035' back as '035' with the datapackage.json types (R's readr does the same)."""
    _codes_world(store)
    path = tmp_path / "events.csv"
    assert export_events(store, path) == 1
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert [r["path"] for r in package["resources"]] == ["events.csv", "events.actors.csv"]
    fields = {f["name"]: f["type"] for f in package["resources"][0]["schema"]["fields"]}
    assert (fields["EventCode"], fields["QuadClass"], fields["SQLDATE"], fields["EventDate"]) == (
        "string", "integer", "integer", "date")
    types = {"string": str, "integer": "Int64", "number": "float64", "boolean": "boolean", "date": str}
    plain = pd.read_csv(path, dtype={f["name"]: types[f["type"]] for f in package["resources"][0]["schema"]["fields"]},
                        keep_default_na=False, na_values=[""])
    assert plain.loc[0, "EventCode"] == "035" and plain.loc[0, "EventRootCode"] == "03"
    frame = read_csv(path)
    assert frame.loc[0, "EventCode"] == "035" and frame.loc[0, "EventBaseCode"] == "035"
    assert frame.loc[0, "PublicationDate"] == dt.date(2025, 2, 3)
    assert frame.loc[0, "Actor1CountryCode"] == "UKR"
    assert pd.isna(frame.loc[0, "Actor2CountryCode"])  # NATO is no country: never "IGO"
    assert (frame.loc[0, "Actor2Id"], frame.loc[0, "Actor2KnownGroupCode"]) == ("nato", "NATO")
    assert frame.loc[0, "SourceName"] == "news.example"  # no outlet given: the URL's host
    actors = read_csv(actors_path(path))
    assert list(actors.columns) == [name for name, _ in ACTOR_COLUMNS]
    assert list(zip(actors["Role"], actors["ActorCode"], actors["ActorCountryCode"].fillna(""),
                    actors["Inferred"], strict=True)) == [
        ("source", "UKRGOV", "UKR", False), ("target", "IGONATO", "", False), ("target", "IGOEU", "", False),
        ("target", "IRQ", "IRQ", True)]
    assert pd.read_csv(path)["EventCode"][0] == 35  # what happens without the schema


def test_export_parquet_has_the_long_actor_table(store: Store, tmp_path: Path) -> None:
    _codes_world(store)
    path = tmp_path / "events.parquet"
    export_events(store, path)
    actors = pl.read_parquet(actors_path(path))
    assert actors.columns == [name for name, _ in ACTOR_COLUMNS]
    assert actors["ActorCode"].to_list() == ["UKRGOV", "IGONATO", "IGOEU", "IRQ"]
    assert pl.read_parquet(path)["EventCode"].to_list() == ["035"]
