"""spaCy's attribute ruler, with the same output, at a fraction of the cost.

The English model's `attribute_ruler` maps fine tags to coarse POS and morphology through 179
Matcher patterns. Almost all of them test one token for a TAG, a LOWER form or both, so running
them through the Matcher (which tries every pattern at every token) cost about as much as the
parser itself on news (1.2 s against 1.3 s for 60,000 words). `AttributeTable` indexes each
pattern by one exact or listed value of its first token (LOWER, TAG or DEP, else whitespace),
reads the tokens as integer columns of `Doc.to_array`, and checks the remaining tests of only the
patterns found; a regular expression on LOWER is tried once per distinct word. A pattern of any
other shape goes to a Matcher of its own (the English model has none). The rules are the model's own, read from the loaded ruler at
start-up; nothing is copied. Results are identical, token for token:

- every pattern that matches is applied, in the ruler's order (a later pattern wins an attribute),
  as `AttributeRuler.match` sorts them;
- all patterns are tested against the tokens as the tagger left them, before any is applied, as
  the ruler does.

`tests/nlp/test_attributes.py` checks equality on real text; `replace_attribute_ruler` swaps it in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

NAME = "accord_attributes"
_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes the model's patterns test
_KINDS = ("IN", "NOT_IN", "REGEX")


class _Unsupported(ValueError):
    """A pattern this table does not evaluate itself; it goes to the Matcher."""


def _test(key: str, value: Any, strings: Any) -> tuple[int, str, Any]:
    """One attribute test as (column, kind, operand), with strings as the vocabulary's hashes."""
    if key not in _COLUMNS:
        raise _Unsupported(key)
    col = _COLUMNS.index(key)
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            raise _Unsupported(key)
        return col, "eq", int(value)
    if isinstance(value, str):
        return col, "eq", strings.add(value) if value else 0
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in _KINDS:
        kind, operand = next(iter(value.items()))
        if kind == "REGEX":
            return col, kind, re.compile(operand)
        return col, kind, frozenset(strings.add(v) if v else 0 for v in operand)
    raise _Unsupported(key)


def _key_test(tests: list[tuple[int, str, Any]]) -> tuple[int, str, Any] | None:
    """The test to index a pattern's first token by: an equality on LOWER, TAG or DEP, else a
    membership on one of them, else IS_SPACE true; None when there is none (checked everywhere)."""
    for kinds in (("eq",), ("IN",)):
        for col in (1, 0, 2):  # LOWER, TAG, DEP
            for test in tests:
                if test[0] == col and test[1] in kinds:
                    return test
    return next((t for t in tests if t[0] == 3 and t[1] == "eq" and t[2] == 1), None)


class AttributeTable:
    """The attribute ruler's patterns as lookups keyed on one attribute of a pattern's first token,
    evaluated on the integer columns of `Doc.to_array`, plus a Matcher for any pattern of another
    shape. Built from a loaded `AttributeRuler` with `load_from`."""

    def __init__(self, nlp: Language, name: str = NAME) -> None:
        self.vocab = nlp.vocab
        self.name = name
        # (column, value of the first token) -> [(rule id, remaining tests per token, target index)]
        self.index: dict[tuple[int, int], list[tuple[int, tuple, int]]] = {}
        self.anywhere: list[tuple[int, tuple, int]] = []  # patterns with no usable key
        # patterns keyed by a regular expression on the first token's LOWER, and their hits by LOWER
        self.lower_regex: list[tuple[Any, tuple[int, tuple, int]]] = []
        self._regex_hits: dict[int, list[tuple[int, tuple, int]]] = {}
        self.rest = Matcher(nlp.vocab)
        self.attrs: list[dict[Any, Any]] = []
        self._indices: list[int] = []
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    def load_from(self, ruler: Any) -> None:
        """Take the patterns, normalised attributes and indices of a loaded AttributeRuler."""
        strings = self.vocab.strings
        self.attrs = list(ruler.attrs)
        self._indices = list(ruler.indices)
        for rule_id, pattern in enumerate(ruler.patterns):
            index = ruler.indices[rule_id]
            try:
                compiled = [[[_test(k, v, strings) for k, v in tok.items()] for tok in alt]
                            for alt in pattern["patterns"]]
            except _Unsupported:
                self.rest.add(str(rule_id), pattern["patterns"])
                continue
            for tokens in compiled:
                target = index if index >= 0 else len(tokens) + index
                key = _key_test(tokens[0])
                tests = (tuple(t for t in tokens[0] if t is not key),) + tuple(tuple(t) for t in tokens[1:])
                entry = (rule_id, tests, target)
                if key is None:
                    regex = next((t for t in tokens[0] if t[0] == 1 and t[1] == "REGEX"), None)
                    if regex is None:
                        self.anywhere.append(entry)
                    else:
                        tests = (tuple(t for t in tokens[0] if t is not regex),) + tests[1:]
                        self.lower_regex.append((regex[2], (rule_id, tests, target)))
                    continue
                col, kind, operand = key
                for value in ([operand] if kind == "eq" else sorted(operand)):
                    self.index.setdefault((col, value), []).append(entry)
        self._merged.clear()
        self._regex_hits.clear()

    def _regex_entries(self, lower: int) -> list[tuple[int, tuple, int]]:
        hits = self._regex_hits.get(lower)
        if hits is None:
            text = self.vocab.strings[lower] if lower else ""
            hits = self._regex_hits[lower] = [e for regex, e in self.lower_regex if regex.search(text)]
        return hits

    def _holds(self, rows: list[list[int]], at: int, tests: tuple) -> bool:
        if at + len(tests) > len(rows):
            return False
        strings = self.vocab.strings
        for offset, token_tests in enumerate(tests):
            row = rows[at + offset]
            for col, kind, operand in token_tests:
                value = row[col]
                if kind == "eq":
                    ok = value == operand
                elif kind == "IN":
                    ok = value in operand
                elif kind == "NOT_IN":
                    ok = value not in operand
                else:  # REGEX, on the string
                    ok = operand.search(strings[value] if value else "") is not None
                if not ok:
                    return False
        return True

    def _rules_at(self, doc: Doc) -> list[list[int]]:
        """For each token, the ids of the rules that apply to it (unsorted)."""
        rows = doc.to_array(list(_COLUMNS)).tolist() if len(doc) else []
        index, anywhere, holds = self.index, self.anywhere, self._holds
        out: list[list[int]] = [[] for _ in rows]
        for i, (tag, lower, dep, space) in enumerate(rows):
            found = (index.get((0, tag)), index.get((1, lower)), index.get((2, dep)),
                     index.get((3, space)) if space else None, anywhere,
                     self._regex_entries(lower) if self.lower_regex else None)
            for entries in found:
                if not entries:
                    continue
                for rule_id, tests, target in entries:
                    if (len(tests) == 1 and not tests[0]) or holds(rows, i, tests):
                        out[i + target].append(rule_id)
        if len(self.rest):
            strings = self.vocab.strings
            for match_id, start, end in self.rest(doc, allow_missing=True):
                rule_id = int(strings[match_id])
                out[range(start, end)[self._indices[rule_id]]].append(rule_id)
        return out

    def _attrs_for(self, rule_ids: list[int]) -> dict[Any, Any]:
        key = tuple(sorted(set(rule_ids)))
        merged = self._merged.get(key)
        if merged is None:
            merged = {}
            for rule_id in key:  # later rules overwrite earlier ones, as in the ruler
                merged.update(self.attrs[rule_id])
            self._merged[key] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        for i, rule_ids in enumerate(self._rules_at(doc)):
            if rule_ids:
                set_token_attrs(doc[i], self._attrs_for(rule_ids))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(NAME)
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable(nlp, name)


def replace_attribute_ruler(nlp: Language) -> None:
    """Swap the model's `attribute_ruler` for an AttributeTable built from its patterns (no-op when
    the model has no attribute ruler or it was swapped already)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    table = nlp.add_pipe(NAME, after="attribute_ruler")
    assert isinstance(table, AttributeTable)
    table.load_from(ruler)
    nlp.remove_pipe("attribute_ruler")
