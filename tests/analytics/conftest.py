"""The store fixtures and event factory of tests/store, shared with the analytics tests."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_factories import (  # noqa: E402
    coded,
    doc,
    event,
    location,  # noqa: F401
    pytest_collection_modifyitems,  # noqa: F401
    ref,
    store,  # noqa: F401
)

from accord.store import Store  # noqa: E402

MAR1, MAR2, MAR10, MAR20, MAY5 = (dt.date(2024, 3, 1), dt.date(2024, 3, 2), dt.date(2024, 3, 10),
                                  dt.date(2024, 3, 20), dt.date(2024, 5, 5))


@pytest.fixture
def world(store: Store) -> Store:  # noqa: F811
    """Five stories in eight reports:

    S1 CONSULT USAGOV->RUSGOV, Mar 1-2, 3 reports (Reuters, AP, BBC), Goldstein 1
    S2 ACCUSE RUSGOV->USAGOV, Mar 10, 2 reports (both Reuters), QuadClass 3, Goldstein -2
    S3 CONSULT USAGOV->RUSGOV, May 5, 1 report, Goldstein 3
    S4 ASSAULT RUSMIL->UKRMIL, Mar 10, 1 report, QuadClass 4, Goldstein -10
    S5 THREATEN joe-biden (code USAGOV)->RUSGOV, Mar 20, 1 report, QuadClass 3, Goldstein -5
    """
    biden = ref("Biden", "USAGOV", "joe-biden", name="Joe Biden", sector="GOV")
    accuse = dict(type="ACCUSE", quad_class=3, goldstein=-2.0, sources=("RUSGOV",), targets=("USAGOV",))
    store.write([
        coded(doc("r1", MAR1, "Reuters"), event("s1-r", "r1", date=MAR1)),
        coded(doc("a1", MAR2, "AP"), event("s1-a", "a1")),
        coded(doc("b1", MAR2, "BBC"), event("s1-b", "b1", date=MAR1)),
        coded(doc("r2", MAR10, "Reuters"), event("s2-r", "r2", **accuse),
              event("s4-r", "r2", type="ASSAULT", quad_class=4, goldstein=-10.0, sources=("RUSMIL",),
                    targets=("UKRMIL",), cameo="190")),
        coded(doc("r3", MAR10, "Reuters"), event("s2-r3", "r3", **accuse)),
        coded(doc("x1", MAY5, "AFP"), event("s3-x", "x1", goldstein=3.0)),
        coded(doc("x2", MAR20, "AFP"), event("s5-x", "x2", type="THREATEN", quad_class=3, goldstein=-5.0,
                                            sources=(biden,), cameo="130")),
    ])
    return store
