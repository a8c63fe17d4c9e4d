"""The fresh gold set (eval/fresh/README.md): its derived files are current, every line is well
formed, and the folds are where the README says. Reads only the repository."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from accord.eval import stories
from accord.types import MODALITIES, PLOVER_TYPES

FRESH = Path(__file__).resolve().parents[2] / "eval" / "fresh"
FOLD_STORIES = Counter({"read": 50, "check": 48, "test": 43})  # eight writers, 141 stories


def _build():
    spec = importlib.util.spec_from_file_location("fresh_build", FRESH / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_committed_files_are_what_build_writes(tmp_path):
    _build().main(tmp_path)
    for name in ("fresh_sentences.jsonl", "gold/tune.jsonl", "gold/test.jsonl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (FRESH / name).read_text(encoding="utf-8"), name


def test_folds_follow_the_story_number():
    rows = _lines(FRESH / "fresh_sentences.jsonl")
    for r in rows:
        k = int(r["story_id"].rsplit("-", 1)[1])
        assert r["fold"] == ("test", "read", "check")[k % 3]
        assert r["split"] == ("test" if r["fold"] == "test" else "tune")
    assert Counter(r["fold"] for r in rows) == FOLD_STORIES


@pytest.mark.parametrize("split", ["tune", "test"])
def test_every_sentence_has_well_formed_gold(split):
    chosen, gold = stories.load(FRESH / "fresh_sentences.jsonl", [FRESH / "gold" / f"{split}.jsonl"], split)
    for story in chosen:
        text = stories.story_text(story)
        for s in story["sentences"]:
            assert text[s["start"]:s["end"]] == s["text"]
            for e in gold[s["sid"]]:
                assert e["type"] in PLOVER_TYPES and e["modality"] in MODALITIES, s["sid"]
                assert e["trigger"] in s["text"], s["sid"]
                assert all(a["text"] in s["text"] for a in e["source"] + e["target"]), s["sid"]

