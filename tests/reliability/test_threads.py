"""One pipeline serves the API's worker threads at once: coding in parallel threads gives exactly
the events coding one after another gives."""

import sys
from concurrent.futures import ThreadPoolExecutor

from accord import code_text

TEXTS = [
    "Russian forces shelled Kharkiv on Monday, Ukrainian officials said.",
    "Kenyan police fired tear gas at demonstrators in Nairobi.",
    "Mark Rutte met Donald Trump in Florida.",
    "The Taliban claimed responsibility for the bombing in Kabul.",
    "Jimmy Lai founded Apple Daily. Lai rejects the charges.",
    "Turkey withdrew its ambassador from Israel.",
    "Egyptian police arrested 12 people on Monday.",
    "Hamas threatened to resume attacks in Israel.",
]


def _summary(text: str) -> list[tuple]:
    return [(e.type, e.cameo, tuple(a.code for a in e.sources), tuple(a.code for a in e.targets), e.modality)
            for e in code_text(text, published="2024-11-24")]


def test_threads_code_like_one_after_another():
    serial = [_summary(t) for t in TEXTS]
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _ in range(3):
                assert list(pool.map(_summary, TEXTS * 4)) == serial * 4
    finally:
        sys.setswitchinterval(before)
