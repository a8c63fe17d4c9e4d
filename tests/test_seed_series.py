"""The seed article in the store: Trump's first-term criticism of NATO is background, dated to the
range of the term, and the 2024-11 series count only what happened in November 2024."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import accord
from accord.ingest.readers import read_file
from accord.pipeline import code_document
from accord.types import CodedDocument

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "nato_rutte_trump.txt"
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} is absent (the shared corpus is not here)")


def test_seed_series_background_criticism_is_a_range_and_stays_out_of_november(tmp_path: Path):
    document = read_file(SEED, published=dt.date(2024, 11, 24))
    events = code_document(document)
    criticism = next(e for e in events if e.trigger.text == "criticised")
    assert (criticism.type, criticism.date, criticism.date_end, criticism.date_granularity, criticism.background) == (
        "ACCUSE", dt.date(2017, 1, 20), dt.date(2021, 1, 20), "range", True)
    met = next(e for e in events if e.trigger.text == "met")
    assert (met.date, met.date_granularity, met.background) == (dt.date(2024, 11, 24), "day", False)
    with accord.open_store(str(tmp_path / "seed.duckdb")) as store:
        store.write([CodedDocument(document, tuple(events))])
        mix = store.type_mix("month", count="reports", since=dt.date(2024, 11, 1), until=dt.date(2024, 11, 30))
    counted = {row.type: row.count for row in mix}
    expected: dict[str, int] = {}
    for e in events:  # the default counting rules: asserted or reported, confidence >= 0.3, dated to the day
        if e.modality in ("asserted", "reported") and e.confidence >= 0.3 and e.date_granularity == "day" \
                and e.date is not None and (e.date.year, e.date.month) == (2024, 11):
            expected[e.type] = expected.get(e.type, 0) + 1
    assert counted == expected
    assert counted["ACCUSE"] == 1  # "has continued to question NATO's relevance"; not the first-term criticism
