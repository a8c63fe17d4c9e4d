"""Dates that are dates (issue 13): numbers are years only where the grammar says so, background
clauses get the period they describe. Exact expected dates for sentences of each kind, resolved
against a publication date of Sunday 24 November 2024."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.events.dates import EventDate, is_date_expression, resolve_date, resolve_event_date
from accord.nlp.model import load_nlp

D = dt.date
PUBLISHED = D(2024, 11, 24)

# (sentence, trigger word, date, granularity, range end, background)
CASES = [
    ('Police arrested Ahmad Khoshbo, 33, in Damascus on Monday.', 'arrested', D(2024, 11, 18), "day", None, False),
    ('Britain pledged aid for Sudan, where 18 months of war have forced millions from their homes.', 'pledged', D(2024, 11, 24), "day", None, False),
    ('Russia deployed SU 35 fighter jets to Syria on Tuesday.', 'deployed', D(2024, 11, 19), "day", None, False),
    ('The lease of 99 years was signed by China and Britain.', 'signed', D(2024, 11, 24), "day", None, False),
    ('During his first term as president, Trump repeatedly criticised NATO.', 'criticised', D(2017, 1, 20), "range", D(2021, 1, 20), True),
    ('Russia annexed Crimea in 2014.', 'annexed', D(2014, 1, 1), "year", None, True),
    ('Last year, the two leaders met in Geneva.', 'met', D(2023, 1, 1), "year", None, True),
    ('The 2014 annexation was condemned by the United Nations.', 'condemned', D(2014, 1, 1), "year", None, True),
    ('In the 1990s, NATO expanded eastward.', 'expanded', D(1990, 1, 1), "range", D(1999, 12, 31), True),
    ('Biden met Xi on November 15, 2023.', 'met', D(2023, 11, 15), "day", None, True),
    ('The minister visited Kyiv on Thursday.', 'visited', D(2024, 11, 21), "day", None, False),
    ('Macron spoke with Scholz yesterday.', 'spoke', D(2024, 11, 23), "day", None, False),
    ('Iran accused Israel of the attack in March.', 'accused', D(2024, 3, 1), "month", None, False),
    ('Two years ago, Turkey threatened to block the deal.', 'threatened', D(2022, 1, 1), "year", None, True),
    ('The president, 78, signed the bill on Friday.', 'signed', D(2024, 11, 22), "day", None, False),
    ('The army fired 300 rockets at the city on Saturday.', 'fired', D(2024, 11, 23), "day", None, False),
    ('After two weeks of talks, the sides agreed to a ceasefire on Wednesday.', 'agreed', D(2024, 11, 20), "day", None, False),
    ('Flight 1549 was hit by missiles, officials said on Monday.', 'hit', D(2024, 11, 18), "day", None, False),
    ('Israel and Hamas agreed to a truce earlier this month.', 'agreed', D(2024, 11, 1), "month", None, False),
    ('The ministers met last week in Brussels.', 'met', D(2024, 11, 24), "day", None, False),
    ('Erdogan, who is 70 years old, criticised Sweden on Friday.', 'criticised', D(2024, 11, 22), "day", None, False),
    ('Protesters have rallied for 40 days against the government.', 'rallied', D(2024, 11, 24), "day", None, False),
    ('The United States imposed sanctions on Russia in February 2022.', 'imposed', D(2022, 2, 1), "month", None, True),
    ('Since 2014, Russia has occupied Crimea.', 'occupied', D(2024, 11, 24), "day", None, False),
    ('Putin visited China this year.', 'visited', D(2024, 1, 1), "year", None, False),
    ('In 2019, Trump praised Kim Jong Un.', 'praised', D(2019, 1, 1), "year", None, True),
    ('China sent 12 warships near Taiwan on Sunday.', 'sent', D(2024, 11, 24), "day", None, False),
    ('About 5,000 troops were deployed to the border on Tuesday.', 'deployed', D(2024, 11, 19), "day", None, False),
    ('Obama met Castro in 2016.', 'met', D(2016, 1, 1), "year", None, True),
    ('During her previous term as prime minister, May negotiated with the European Union.', 'negotiated', D(2016, 7, 13), "range", D(2019, 7, 24), True),
    ('The two countries signed a treaty in 1990.', 'signed', D(1990, 1, 1), "year", None, True),
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize(("sentence", "trigger", "date", "granularity", "end", "background"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_dates_exact(nlp, sentence, trigger, date, granularity, end, background) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    got = resolve_event_date(token.sent, token, PUBLISHED)
    assert (got.date, got.granularity, got.end, got.background) == (date, granularity, end, background)
    assert resolve_date(token.sent, token, PUBLISHED) == got.triple()


def test_dates_without_publication_date_are_unresolved(nlp) -> None:
    doc = nlp("Russia annexed Crimea in 2014.")
    assert resolve_event_date(doc[:], doc[1], None) == EventDate(None, "unresolved")


@pytest.mark.parametrize(("text", "before", "after", "expected"), [
    ("33", ",", ",", False), ("35", "SU", "fighter", False), ("SU 35", "deployed", "fighter", False),
    ("18 months", "where", "of", False), ("99 years", "of", "was", False), ("70 years old", "is", ",", False),
    ("1990", "in", ".", True), ("2014", "the", "annexation", True), ("2014", "Russia's", "invasion", True),
    ("2014", "flight", "crashed", False), ("1549", "in", ".", False), ("the 1990s", "In", ",", True),
    ("two years ago", "", ",", True), ("Monday", "on", ".", True), ("March 2022", "in", ".", True),
])
def test_dates_which_numbers_are_dates(text: str, before: str, after: str, expected: bool) -> None:
    assert is_date_expression(text, before, after) is expected
