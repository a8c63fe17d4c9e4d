"""The quick reader of common date shapes gives exactly what dateparser gives (the real
dateparser, same settings), and leaves everything else to it."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.events import dates

BASES = [dt.date(2025, 5, 6), dt.date(2024, 3, 31), dt.date(2024, 1, 31), dt.date(2023, 12, 31),
         dt.date(2024, 2, 29), dt.date(2021, 1, 1), dt.date(2026, 12, 7)]
TEXTS = ["today", "Today", "yesterday", "tomorrow", "Monday", "tuesday", "Sunday", "Saturday",
         "May 6", "May 7", "Dec. 12", "Feb. 29", "Sept. 3", "Sep 3", "January 1", "December 31", "April 2nd",
         "3rd May", "17 September", "1 January 2022", "Monday, May 5, 2025", "Friday, May 5, 2025",
         "May 3rd, 2020", "31 April 2024", "February 29 2023",
         "May", "June", "February", "December", "April", "May 2025", "June 2025", "February 2023", "November 2024"]



@pytest.mark.parametrize("base", BASES, ids=str)
def test_quick_agrees_with_dateparser(base: dt.date) -> None:
    quick = 0
    for text in TEXTS:
        got = dates._quick(text, base)
        if got is dates._DEFER:
            continue
        quick += 1
        assert got == dates._dateparser(text, base), text
    assert quick >= len(TEXTS) - 10  # most shapes are read without dateparser


def test_exact_values() -> None:
    base = dt.date(2025, 5, 6)  # a Tuesday
    assert dates._quick("Tuesday", base) == dt.date(2025, 4, 29)  # the week before, never the base
    assert dates._quick("Monday, May 5, 2025", base) == dt.date(2025, 5, 5)
    assert dates._quick("June", base) == dt.date(2024, 6, 6)
    assert dates._quick("Feb. 4", base) == dt.date(2025, 2, 4)
    assert dates._quick("May 7", base) == dt.date(2024, 5, 7)


@pytest.mark.parametrize("text", ["mid-March", "around 3 a.m.", "the early 20th century", "another 40 years",
                                  "November and January", "Smarch 4", "31 April 2024"])
def test_other_shapes_go_to_dateparser(text: str) -> None:
    assert dates._quick(text, dt.date(2025, 5, 6)) is dates._DEFER


def test_month_end_edge_cases_go_to_dateparser() -> None:
    assert dates._quick("February", dt.date(2024, 1, 31)) is dates._DEFER  # dateparser says 2020-02-29
    assert dates._quick("February 2023", dt.date(2024, 3, 31)) is dates._DEFER
