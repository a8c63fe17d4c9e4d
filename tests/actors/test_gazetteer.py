"""Places are read on the knowledge base the coder was given (issue 12: `Coder(kb=...)` used throughout)."""

from __future__ import annotations

import pytest

from accord.actors.gazetteer import Gazetteer
from accord.actors.kb import KnowledgeBase, default_kb
from accord.events.coder import Coder
from accord.events.places import find_location, place_country
from accord.nlp.model import load_nlp


@pytest.fixture(scope="module")
def zorblaxia(tmp_path_factory) -> KnowledgeBase:
    extra = tmp_path_factory.mktemp("kb") / "countries_mine.csv"
    extra.write_text("iso3,name,aliases,demonyms,capital,metonyms\nZRB,Zorblaxia,,Zorblaxian|Zorblaxians,Zorbcity,\n",
                     encoding="utf-8")
    return KnowledgeBase.load(extra=[extra])


def test_place_country_reads_the_given_kb(zorblaxia):
    doc = load_nlp()("Two soldiers were killed in a Zorblaxian village on Monday.")
    verb = next(t for t in doc if t.lemma_ == "kill")
    assert place_country(verb, Gazetteer(zorblaxia)) == "ZRB"
    assert place_country(verb, Gazetteer(default_kb())) is None


def test_place_across_a_frontier_is_no_event_country(zorblaxia):
    # a frontier lies in two states: the one a qualifier names is not where it happened
    for text in ("Two soldiers were killed near the Zorblaxian border on Monday.",
                 "Two soldiers were killed along the border with Zorblaxia on Monday."):
        doc = load_nlp()(text)
        verb = next(t for t in doc if t.lemma_ == "kill")
        assert place_country(verb, Gazetteer(zorblaxia)) is None


def test_find_location_cities_have_coordinates():
    doc = load_nlp()("Russian forces shelled apartment blocks in Kharkiv on Monday.")
    verb = next(t for t in doc if t.lemma_ == "shell")
    loc = find_location(verb, Gazetteer(default_kb()))
    assert loc is not None and (loc.name, loc.country) == ("Kharkiv", "UKR") and loc.lat is not None


def test_coder_and_resolver_share_one_gazetteer_on_the_given_kb(zorblaxia):
    coder = Coder(kb=zorblaxia)
    assert coder.resolver.places.kb is zorblaxia
