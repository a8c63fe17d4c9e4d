"""Every rule is tested by its own examples: the coder gives exactly the expected events, and the
rule shows in what happened (an event's trace, or the explanation of a suppressed or vetoed
trigger). The rules are data/rules/*.yaml; trigger rows take their examples from
data/rules/examples/*.yaml."""

from __future__ import annotations

import pytest

from accord.events.examples import ExampleRunner
from accord.events.rules import default_rules, trigger_examples

RULES = default_rules()
CASES = [(r.id, ex) for r in RULES.rules.values() for ex in r.examples]
CASES += [(rid, ex) for rid, exs in sorted(trigger_examples().items()) for ex in exs]


@pytest.fixture(scope="module")
def runner():
    return ExampleRunner()


def _key(summary):
    return repr(summary)


@pytest.mark.parametrize(("rule_id", "example"), CASES, ids=[f"{rid}:{ex.text[:40]}" for rid, ex in CASES])
def test_rule_example(runner, rule_id, example):
    result = runner.run(example)
    assert sorted(result.got, key=_key) == sorted(example.events, key=_key)


RULE_IDS = sorted({rid for rid, _ in CASES})


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fires_on_one_of_its_examples(runner, rule_id):
    examples = [ex for rid, ex in CASES if rid == rule_id]
    assert any(rule_id in runner.run(ex).fired for ex in examples), f"{rule_id} fires on none of its examples"
