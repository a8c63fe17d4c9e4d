"""Run a rule's examples: code each example sentence and compare with its expected events.

Used by the rule tests, `accord rules check` and `accord explain`'s users alike: an example passes
when the coder's events, as (type, source codes, target codes, modality), are exactly the expected
ones, and the rule shows in what happened: in an event's trace, or, for a rule that stops or
suppresses an event, in the explanation's notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.events.coder import Coder, Explanation
from accord.events.rules import Example, RuleBook
from accord.ingest.readers import document_from_text

# Examples are dated so that roles resolve the same way every year the tests run.
EXAMPLE_DATE = dt.date(2025, 3, 1)

Summary = tuple[str, tuple[str | None, ...], tuple[str | None, ...], str]


@dataclass(frozen=True)
class ExampleResult:
    text: str
    expected: tuple[Summary, ...]
    got: tuple[Summary, ...]
    fired: frozenset[str]  # every rule id in the events' traces and in the notes

    @property
    def events_match(self) -> bool:
        return sorted(self.expected, key=repr) == sorted(self.got, key=repr)


def summarise(explanation: Explanation) -> tuple[Summary, ...]:
    return tuple((e.type, tuple(a.code for a in e.sources), tuple(a.code for a in e.targets), e.modality)
                 for e in explanation.events)


def fired(explanation: Explanation) -> frozenset[str]:
    ids: set[str] = set()
    for e in explanation.events:
        ids.update(t.split(" ", 1)[0].removeprefix("content:") for t in e.trace)
    for n in explanation.notes:
        ids.add(n.rule)
        ids.update(t.split(" ", 1)[0] for t in n.trace)
        if n.by:
            ids.add(n.by)
    return frozenset(ids)


class ExampleRunner:
    """Holds the model and one coder per rule book, so that many examples run fast."""

    def __init__(self, rules: RuleBook | None = None):
        from accord.nlp.model import load_nlp
        from accord.nlp.truecase import Truecaser

        self.nlp = load_nlp()
        self.coder = Coder(rules=rules)
        self.truecase = Truecaser(self.coder.kb)

    def explain(self, text: str, day: dt.date | None = None) -> Explanation:
        document = document_from_text(text, published=day or EXAMPLE_DATE)
        return self.coder.explain(self.nlp(self.truecase(document.text)), document)

    def run(self, example: Example) -> ExampleResult:
        day = dt.date.fromisoformat(example.date) if example.date else EXAMPLE_DATE
        exp = self.explain(example.text, day)
        return ExampleResult(example.text, example.events, summarise(exp), fired(exp))
