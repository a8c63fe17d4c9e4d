"""Where an event happened: a city or country named in the trigger's clause ("in Kharkiv").

The places themselves (cities with coordinates, states by name) come from the `Gazetteer` of the
knowledge base the coder was given (`accord.actors.gazetteer`).
"""

from __future__ import annotations

from spacy.tokens import Token

from accord.actors.gazetteer import LOCATION_PREPS, PLACE_ENTITY_LABELS, Gazetteer, across_frontier
from accord.types import Location


def find_location(trigger: Token, places: Gazetteer) -> Location | None:
    """A GPE/LOC/FAC named after in/at/near in the trigger's clause; cities get coordinates."""
    clause = trigger.head if trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX") else trigger
    for tok in clause.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATION_PREPS and tok.ent_type_ in PLACE_ENTITY_LABELS \
                and not any(a.dep_ in ("ccomp", "relcl", "advcl") and a.i != clause.i for a in tok.ancestors if clause.is_ancestor(a)) \
                and not across_frontier(tok, clause):
            return places.place(tok)
    return None


def place_country(trigger: Token, places: Gazetteer) -> str | None:
    """The country an event happened in, read more widely than `find_location`: a place anywhere
    in a locative phrase of the trigger's clause ('near the town of Samarra')."""
    return places.place_country(trigger)
