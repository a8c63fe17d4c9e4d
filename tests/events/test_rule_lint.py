"""The rule layer's data keeps its promises: ids are unique, every rule and curated trigger row has
an example, every lexicon is used and has no duplicate entries, every CAMEO code exists, and every
predicate is documented in docs/rules.md."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from pathlib import Path

from accord import lexicons
from accord.events.codebook import default_codebook
from accord.events.coder import frame_codes
from accord.events.patterns import default_patterns
from accord.events.predicates import PREDICATES
from accord.events.rules import default_rules, trigger_examples

SRC = Path(__file__).resolve().parents[2] / "src" / "accord"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def _patterns():
    ps = default_patterns()
    return [p for table in (ps.verbs, ps.nouns) for entries in table.values() for p in entries]


def test_rule_lint_ids_are_unique():
    ids = [p.id for p in _patterns()] + list(default_rules().rules)
    dups = [i for i, n in Counter(ids).items() if n > 1]
    assert dups == []


def test_rule_lint_every_rule_has_an_example():
    assert [r.id for r in default_rules().rules.values() if not r.examples] == []


def test_rule_lint_every_curated_trigger_row_has_an_example():
    examples = trigger_examples()
    curated = [p.id for p in _patterns() if p.origin.startswith(("verbs.csv", "nouns.csv"))]
    assert curated, "no curated trigger rows found"
    assert [i for i in curated if i not in examples] == []
    assert [i for i in examples if i not in {p.id for p in _patterns()}] == []  # no examples of rows gone


def test_rule_lint_every_cameo_code_exists():
    book = default_codebook()
    codes = {p.cameo for p in _patterns()} | set(frame_codes().values())
    codes |= {r.cameo for r in default_rules().rules.values() if r.cameo}
    assert sorted(c for c in codes if c not in book) == []


def _references() -> set[str]:
    used: set[str] = set()
    scripts = SRC.parents[1] / "scripts"  # the converters read some lexicons (p2_generic_verbs)
    for py in [*SRC.rglob("*.py"), *scripts.rglob("*.py")]:
        text = py.read_text(encoding="utf-8")
        used |= set(re.findall(r"(?:lexicon|table)\(\s*[\"']([a-z0-9_]+)[\"']", text))
        used |= set(re.findall(r"[\"']([a-z0-9_]+)\.txt[\"']", text))
    for data in (SRC / "data").rglob("*"):
        if data.suffix in (".yaml", ".csv", ".txt") and data.is_file():
            used |= set(re.findall(r"@([a-z][a-z0-9_]+)", data.read_text(encoding="utf-8")))
    return used


def test_rule_lint_every_lexicon_is_used():
    assert sorted(set(lexicons.names()) - _references()) == []


def test_rule_lint_lexicons_have_no_duplicates():
    dups = {name: [w for w, n in Counter(lexicons.entries(name)).items() if n > 1] for name in lexicons.names()}
    assert {k: v for k, v in dups.items() if v} == {}


def test_rule_lint_every_predicate_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M))
    assert sorted(n for n in PREDICATES if not n.startswith("not.") and n not in documented) == []


def test_rule_lint_rule_files_are_package_data():
    names = {p.name for p in (resources.files("accord") / "data" / "rules").iterdir()}
    assert {"coder.yaml", "frame_codes.csv"} <= names


def test_rule_book_sorts_rules_by_trigger_row_once_and_keeps_their_order():
    """`RuleBook.each` tries only the rules whose row predicates (lemma, trigger, pos, ...) hold for
    the trigger's row, in file order, and gives the same answer as trying every rule."""
    from types import SimpleNamespace

    from accord.events.rules import RuleBook, parse_rules

    book = RuleBook(parse_rules("""
- {id: a.any-verb, stage: veto, when: {pos: verb}, then: veto}
- {id: b.meet-only, stage: veto, when: {lemma: meet}, then: veto}
- {id: c.everything, stage: veto, when: {}, then: veto}
- {id: d.attack-nouns, stage: veto, when: {lemma: attack, pos: noun}, then: veto}
""", "test"))

    def ctx(lemma: str, pos: str) -> SimpleNamespace:
        row = SimpleNamespace(id=f"trigger.{pos}.{lemma}", lemma=lemma, pos=pos, cameo="040", origin="test")
        return SimpleNamespace(trig=SimpleNamespace(pattern=row))

    seen = {(lemma, pos): [r.id for r in book.each("veto", ctx(lemma, pos))]
            for lemma, pos in [("meet", "verb"), ("attack", "noun"), ("attack", "verb"), ("meet", "verb")]}
    assert seen == {("meet", "verb"): ["a.any-verb", "b.meet-only", "c.everything"],
                    ("attack", "noun"): ["c.everything", "d.attack-nouns"],
                    ("attack", "verb"): ["a.any-verb", "c.everything"]}
    assert all(seen[k] == [r.id for r in book.by_stage["veto"] if r.matches(ctx(*k))] for k in seen)
    assert book.first("veto", ctx("attack", "noun")).id == "c.everything"
    assert len(book._for_row) == 3  # one entry per (stage, row), the repeated row reused
