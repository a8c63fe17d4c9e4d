"""The data converted from PETRARCH2 (scripts/petrarch/convert.py) is what the converter writes,
and keeps its promises: unique ids, CAMEO codes with a PLOVER type, lexicons that exist, origins
that point at real lines, and nothing that shadows accord's curated actors."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENDOR = Path(__file__).parents[2].parent / "shared/vendor/petrarch2"
DATA = ROOT / "src" / "accord" / "data"
CONVERTER = ROOT / "scripts" / "petrarch" / "convert.py"
VERBS = DATA / "rules" / "petrarch_verbs.csv"
AGENTS = DATA / "actors" / "agents_petrarch.csv"
PEOPLE = DATA / "actors" / "people_petrarch.csv"
LEXICONS = DATA / "lexicons"
GENERATED = [
    VERBS, AGENTS, PEOPLE, LEXICONS / "discards.txt", DATA / "rules" / "PETRARCH_CONVERSION.md",
    DATA / "NOTICE-petrarch2.txt",
]


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _vendor() -> Path:
    if not VENDOR.is_dir():
        pytest.skip(f"{VENDOR} is not present (the PETRARCH2 dictionaries live beside the repo)")
    return VENDOR


def _p2_lexicons(root: Path) -> set[str]:
    return {p.name for p in (root / "src/accord/data/lexicons").glob("p2_*.txt")} - {"p2_generic_verbs.txt"}


def test_converter_output_is_in_sync(tmp_path: Path) -> None:
    vendor = _vendor()
    done = subprocess.run([sys.executable, str(CONVERTER), str(vendor), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for path in GENERATED:
        rel = path.relative_to(ROOT)
        assert (tmp_path / rel).read_bytes() == path.read_bytes(), f"{rel} is stale: rerun {CONVERTER.name}"
    assert _p2_lexicons(tmp_path) == _p2_lexicons(ROOT), "word-set lexicons differ from the converter's"
    for name in _p2_lexicons(ROOT):
        rel = Path("src/accord/data/lexicons") / name
        assert (tmp_path / rel).read_bytes() == (ROOT / rel).read_bytes(), f"{rel} is stale"


def test_verb_rows_have_unique_ids_and_the_columns() -> None:
    header = VERBS.read_text(encoding="utf-8").splitlines()[0]
    assert header == "id,lemma,cue,cameo,targets,conf,frame,origin"
    rows = _rows(VERBS)
    assert len(rows) > 1000
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"p2\.[a-z]+\.\d{3,4}(\.[a-z0-9_@-]+)?", i) for i in ids)
    for r in rows:
        assert re.fullmatch(r"[a-z]+", r["lemma"]), r
        assert r["cue"] == "" or re.fullmatch(r"(prt|prep):[a-z]+|obj:(@p2_[a-z0-9_]+|[a-z]+(\|[a-z]+)*)", r["cue"]), r
        assert r["conf"] == {"": "0.55", "obj": "0.65", "prt": "0.65", "prep": "0.6"}[r["cue"].split(":")[0]], r
        assert r["frame"] == ""


def test_every_cameo_code_exists_with_a_plover_type() -> None:
    plover = {r["code"]: r["plover_type"] for r in _rows(DATA / "cameo.csv")}
    bad = sorted({r["cameo"] for r in _rows(VERBS) if not plover.get(r["cameo"])})
    assert bad == []


def test_every_referenced_lexicon_exists() -> None:
    from accord import lexicons

    used = {m for r in _rows(VERBS) for m in re.findall(r"@([a-z0-9_]+)", r["cue"])}
    assert used, "no word-set rows"
    assert sorted(u for u in used if u not in lexicons.names()) == []
    assert all(lexicons.lexicon(u) for u in used)
    assert _p2_lexicons(ROOT) == {f"{u}.txt" for u in used}  # no set written that no row uses
    for name in used:
        first = (LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines()[0]
        assert re.fullmatch(r"# PETRARCH2 CAMEO\.2\.0\.txt:\d+ &\S+ .*", first), first


def test_every_origin_names_a_real_line() -> None:
    vendor = _vendor()
    files: dict[str, list[str]] = {}

    def line(origin: str) -> str:
        name, _, num = origin.rpartition(":")
        if name not in files:
            files[name] = (vendor / name).read_text(encoding="utf-8").split("\n")
        n = int(num)
        assert 1 <= n <= len(files[name]), origin
        return files[name][n - 1]

    line("CAMEO.2.0.txt:1")
    patterns_from = next(i for i, t in enumerate(files["CAMEO.2.0.txt"], 1) if t.startswith("####### VERB PATTERNS"))
    for r in _rows(VERBS):
        assert r["origin"].startswith("CAMEO.2.0.txt:")
        assert int(r["origin"].split(":")[1]) > patterns_from, r
        text = line(r["origin"])
        if text.startswith("- "):  # a pattern
            continue
        # a verb line: it names the verb (perhaps an inflected form: FORGAVE, LOST)
        assert not text.startswith(("#", "~", "---")) and r["lemma"][:3].upper() in text, r
    for r in _rows(AGENTS):
        assert r["origin"].startswith("Phoenix.agents.txt:")
        assert "[" in line(r["origin"]), r
    for r in _rows(PEOPLE):
        assert r["origin"].split(":")[0] in {
            "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"}
        assert re.search(r"\[[A-Z]+\s*(>\s*\d{6,8}|\d{6,8}\s*-\s*\d{6,8})", line(r["origin"])), r


def test_people_are_clipped_dated_and_never_shadow_curated_ones() -> None:
    from accord.actors.kb import norm

    header = PEOPLE.read_text(encoding="utf-8").splitlines()[0]
    world = (DATA / "actors" / "people_world.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == world + ",origin"
    rows = _rows(PEOPLE)
    assert rows
    assert all(r["start"] and r["end"] and r["start"] <= r["end"] <= "2015-12-31" for r in rows)
    curated_ids: set[str] = set()
    curated_names: set[str] = set()
    for p in sorted((DATA / "actors").glob("people_*.csv")):
        if p != PEOPLE:
            for r in _rows(p):
                curated_ids.add(r["actor_id"])
                curated_names |= {norm(n) for n in [r["name"], *r["aliases"].split("|")] if n.strip()}
    assert not {r["actor_id"] for r in rows} & curated_ids
    assert not {norm(n) for r in rows for n in [r["name"], *r["aliases"].split("|")] if n.strip()} & curated_names


def test_agents_add_only_new_words_in_accord_sectors() -> None:
    header = AGENTS.read_text(encoding="utf-8").splitlines()[0]
    assert header == "word,sector,kind,origin"
    curated = _rows(DATA / "actors" / "agents.csv")
    known = {r["word"] for r in curated}
    sectors = {r["sector"] for r in curated}
    rows = _rows(AGENTS)
    assert rows and not {r["word"] for r in rows} & known
    assert {r["sector"] for r in rows} <= sectors


def test_the_knowledge_base_loads_converted_rows_after_curated_ones() -> None:
    from accord.actors.kb import KnowledgeBase, default_kb

    kb = default_kb()
    person = _rows(PEOPLE)[0]
    assert person["actor_id"] in kb.actors
    agent = _rows(AGENTS)[0]
    assert kb.agents[agent["word"]] == agent["sector"]
    # a converted row naming someone a curated file names is skipped, whatever its id
    curated = _rows(DATA / "actors" / "people_world.csv")[0]
    clash = ("actor_id,name,aliases,country,office,title,organisation,sector,start,end,origin\n"
             f"p2_clash,{curated['name']},,XXX,other,government official,XXX,GOV,2001-01-01,2002-01-01,x:1\n")
    fresh = KnowledgeBase()
    fresh.add_file("people_world.csv", (DATA / "actors" / "people_world.csv").read_text(encoding="utf-8"))
    fresh.add_file("people_petrarch.csv", clash)
    assert "p2_clash" not in fresh.actors
