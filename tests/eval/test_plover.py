import json

import pytest

from accord.errors import EvalFileError
from accord.eval.plover import GoldRecord, evaluate, load_gold


def test_plover_scoring_counts_by_definition():
    records = [
        GoldRecord("a", "Russian troops shelled Kharkiv on Monday.", "ASSAULT", "heavy-weapons", ("RUS",), ("UKR",)),
        GoldRecord("b", "Iran threatened to close the Strait of Hormuz after the United States attacked its nuclear sites.",
                   "THREATEN", None, ("IRN",), ()),
        GoldRecord("c", "The weather was mild.", "PROTEST", None, ("FRA",), ()),
    ]
    report = evaluate(records, min_confidence=0.0, errors=5)
    assert report["n"] == 3
    assert report["per_type"]["ASSAULT"]["recall"] == 1.0
    assert report["per_type"]["THREATEN"]["recall"] == 1.0
    assert report["per_type"]["PROTEST"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert report["per_type"]["ASSAULT"]["precision"] == 0.5  # the attack that record b also tells counts against it
    assert report["macro_f1"] == round((2 * 0.5 / 1.5 + 1.0 + 0.0) / 3, 4)
    assert (report["source_code_accuracy"], report["target_code_accuracy"]) == (1.0, 1.0)
    assert report["actor_country_accuracy"] == 1.0
    assert report["source_code_recall"] == 0.6667  # FRA in the missed record counts against recall only
    assert [e["id"] for e in report["errors"]] == ["b", "c"]  # b: an extra ASSAULT; c: nothing coded


def test_plover_bad_gold_file(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match="not a PLOVER gold record"):
        load_gold(p)


def test_plover_dev_set_runs(shared):
    records = load_gold(shared / "eval" / "plover_gsr_dev.jsonl")
    report = evaluate(records)
    assert report["n"] == 156
    assert set(report) >= {"macro_f1", "micro_f1", "per_type", "source_code_accuracy", "target_code_accuracy",
                           "actor_country_accuracy",
                           "mode_accuracy", "confusion", "errors"}
    assert 0.3 < report["macro_f1"] <= 1.0
    json.dumps(report)
