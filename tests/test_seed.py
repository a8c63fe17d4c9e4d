"""The example that started it all: ../shared/corpus/nato_rutte_trump.txt, coded end to end
through the CLI, checked against its expected file."""

import json
import re
import subprocess
import sys

import pytest

NON_ASSERTED_CUES = re.compile(r"\b(could|may|would|if|unlikely)\b", re.I)


@pytest.fixture(scope="module")
def seed(shared):
    path = shared / "corpus" / "nato_rutte_trump.txt"
    out = subprocess.run([sys.executable, "-m", "accord", "code", str(path), "--date", "2024-11-24",
                          "--format", "json"], capture_output=True, text=True, check=True)
    expected = json.loads((shared / "corpus" / "nato_rutte_trump.expected.json").read_text(encoding="utf-8"))
    return json.loads(out.stdout), expected


def _codes(actors):
    return {a["code"] for a in actors if a["code"]}


def _find(events, plover, src, tgt, modality):
    for e in events:
        srcs, tgts = _codes(e["sources"]), _codes(e["targets"])
        both = srcs | tgts
        direct = src <= srcs and tgt <= tgts
        reciprocal = not e["targets"] and (src | tgt) <= both  # "Rutte and Trump ... negotiations"
        if e["type"] == plover and e["modality"] == modality and (direct or reciprocal):
            return e
    return None


MUST = [  # (type, sources, targets, modality) as codes; from the expected file's `must` list
    ("CONSULT", {"IGONATO"}, {"USA"}, "asserted"),
    ("ACCUSE", {"USA"}, {"IGONATO"}, "asserted"),
    ("THREATEN", {"USA"}, {"IGONATO"}, "conditional"),
    ("REJECT", {"RUSGOV"}, {"UKR", "WST"}, "hedged"),
]
SHOULD = [
    ("ACCUSE", {"USA"}, {"IGONATO"}, "asserted"),
    ("CONSULT", {"IGONATO"}, {"USA"}, "reported"),
    ("ASSAULT", {"RUSGOV"}, {"UKR"}, "asserted"),
    ("REQUEST", {"IGONATO"}, {"USA"}, "hedged"),
    ("CONSULT", {"USAGOV"}, set(), "hypothetical"),
]


def test_seed_text_is_repaired(seed):
    result, _ = seed
    text = result["document"]["text"]
    assert "NATO's future" in text and "Trump's historical" in text and "ā" not in text


def test_seed_offsets_point_into_repaired_text(seed):
    result, _ = seed
    text = result["document"]["text"]
    for e in result["events"]:
        for span in (e["trigger"], e["evidence"]):
            assert text[span["start"]:span["end"]] == span["text"]


@pytest.mark.parametrize("want", MUST, ids=[m[0] for m in MUST])
def test_seed_must_events(seed, want):
    result, expected = seed
    assert len(expected["must"]) == len(MUST)
    assert _find(result["events"], *want) is not None, want


def test_seed_should_events_at_least_three(seed):
    result, _ = seed
    found = [w for w in SHOULD if _find(result["events"], *w) is not None]
    assert len(found) >= 3, found


def test_seed_no_asserted_event_in_modal_sentences(seed):
    result, _ = seed
    for e in result["events"]:
        if NON_ASSERTED_CUES.search(e["sentence"]) and e["modality"] == "asserted":
            # asserted only where the cue word sits outside the event's own evidence
            assert not NON_ASSERTED_CUES.search(e["evidence"]["text"]), (e["sentence"], e["evidence"]["text"])


def test_seed_actors_resolve(seed):
    result, expected = seed
    by_text = {}
    for e in result["events"]:
        for a in e["sources"] + e["targets"]:
            by_text.setdefault(a["actor_id"], a)
    assert by_text["mark_rutte"]["code"] == "IGONATO"
    assert by_text["donald_trump"]["code"] == "USA" and by_text["donald_trump"]["role"] == "president-elect"
    assert by_text["vladimir_putin"]["code"] == "RUSGOV"
    assert by_text["nato"]["code"] == "IGONATO"
    assert by_text["RUS"]["code"] == "RUSGOV"  # the Kremlin
    assert {a["mention"] for a in expected["actors_on_publication_date"]} >= {"Mark Rutte", "the Kremlin"}
