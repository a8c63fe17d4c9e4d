"""`accord explain`, `accord rules list/check` and user rule files (`--rules`), run as a user would:
the real command in a subprocess, the real model and rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def accord(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "accord", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_cli_rules_explain_names_the_rules_that_made_and_stopped_events():
    out = accord("explain", "Putin met Xi Jinping in Moscow. The ministry declined to comment.",
                 "--date", "2024-05-20", "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    (event,) = report["events"]
    assert (event["type"], event["trace"][0]) == ("CONSULT", "trigger.verb.meet")
    vetoed = [n for n in report["notes"] if n["outcome"] == "vetoed"]
    assert [(n["sentence_index"], n["rule"], n["by"]) for n in vetoed] == [(1, "trigger.verb.decline", "veto.press-work")]


def test_cli_rules_explain_text_shows_trace_and_a_sentence_with_no_trigger():
    out = accord("explain", "The weather was fine. Putin met Xi.", "--date", "2024-05-20")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "[0] The weather was fine."
    assert lines[1] == "    no trigger: no pattern matched a word of this sentence"
    assert "      - trigger.verb.meet" in lines


def test_cli_rules_explain_takes_a_sentence_longer_than_a_file_name():
    sentence = "Putin met Xi in Moscow on Monday, " + "officials said after the long meeting, " * 8 + "Reuters reported."
    assert len(sentence) > 300  # longer than any file name the system allows
    out = accord("explain", sentence, "--date", "2024-05-20")
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout.splitlines()[0].startswith("[0] Putin met Xi in Moscow on Monday")


def test_cli_rules_list_filters_by_stage_and_type():
    out = accord("rules", "list", "--stage", "veto", "--format", "json")
    rows = json.loads(out.stdout)
    assert {r["stage"] for r in rows} == {"veto"} and "veto.press-work" in {r["id"] for r in rows}
    out = accord("rules", "list", "--stage", "trigger", "--type", "CONSULT", "--format", "json")
    ids = {r["id"] for r in json.loads(out.stdout)}
    assert "trigger.verb.meet" in ids and "trigger.verb.attack" not in ids


def test_cli_rules_check_accepts_a_sound_file_and_reports_every_problem(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text(
        "- id: my.no-hosting-summits\n  stage: veto\n  when: {trigger: trigger.verb.host, dobj_lemma: [summit]}\n"
        "  then: veto\n  examples:\n    - text: Egypt hosted the Arab League summit on Tuesday.\n      events: []\n",
        encoding="utf-8")
    out = accord("rules", "check", str(good))
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().endswith("1 entries, 0 problem(s)")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- id: a\n  stage: veto\n  when: {no_such_predicate: true}\n  then: veto\n"
        "- id: b\n  stage: veto\n  when: {lemma: '@no_such_lexicon'}\n  then: veto\n"
        "- id: c\n  stage: recode\n  when: {lemma: hit}\n  then: {cameo: '999'}\n"
        "  examples: [{text: Russia hit Ukraine with missiles on Monday., events: []}]\n"
        "- id: c\n  stage: veto\n  when: {lemma: meet}\n  then: veto\n",
        encoding="utf-8")
    out = accord("rules", "check", str(bad))
    assert out.returncode == 1
    text = out.stdout
    for needle in ("duplicate id 'c'", "unknown predicate 'no_such_predicate'", "unknown lexicon @no_such_lexicon",
                   "CAMEO code '999' is not in the codebook", "rule c: no example"):
        assert needle in text, (needle, text)


def test_cli_rules_user_file_disables_a_built_in_rule(tmp_path: Path):
    text = "The ministry of Kenya declined to comment on the report."
    rules = tmp_path / "mine.yaml"
    rules.write_text("- {id: veto.press-work, disable: true}\n", encoding="utf-8")
    plain = accord("explain", text, "--date", "2024-05-20", "--format", "json")
    mine = accord("--rules", str(rules), "explain", text, "--date", "2024-05-20", "--format", "json")
    assert json.loads(plain.stdout)["events"] == []
    events = json.loads(mine.stdout)["events"]
    assert [(e["type"], e["trace"][0]) for e in events] == [("REJECT", "trigger.verb.decline")]
