"""What the resolver finds and what it remembers: a `Mention` of an actor in a sentence, the
`DocContext` of the document read so far, and the per-thread state of the sentence being read."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Token

from accord.types import Actor, ActorRef

FORMER = "former"  # the role the resolver gives a title its holder no longer holds: "former president"
# How a mention was found: the kinds of name the knowledge base holds (kb.Entry.how), then the
# resolver's own readings. Identifiers of the data model, not words of the text.
How = Literal["name", "alias", "demonym", "capital", "metonym", "surname", "region",
              "title", "agent", "coref", "unresolved", "context", "place"]


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # doc token index
    end: int  # exclusive
    head: int
    ref: ActorRef
    how: How


@dataclass
class DocContext:
    """What the document has said so far, for surnames and pronouns."""

    day: dt.date
    persons: list[str] = field(default_factory=list)  # actor ids, most recent last
    orgs: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    unknown: dict[str, ActorRef] = field(default_factory=dict)  # surname -> first full mention
    unknown_surnames: set[str] = field(default_factory=set)  # surnames of named people the KB lacks
    country_counts: dict[str, int] = field(default_factory=dict)  # sentences naming each country

    def main_country(self) -> str | None:
        """The country most sentences so far name, if it is named at least twice and clearly first."""
        ranked = sorted(self.country_counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
            return None
        return ranked[0][0]

    sentence: int = 0  # index of the sentence being read
    last_person_sentence: int = -10
    last_unknown_person: tuple[int, ActorRef] | None = None  # a named person the KB does not hold

    group_sentence: dict[str, int] = field(default_factory=dict)  # armed group -> sentence last named
    org_sentence: dict[str, int] = field(default_factory=dict)  # organisation -> sentence last named
    state_sentence: dict[str, int] = field(default_factory=dict)  # state -> sentence last named
    previous: list[Mention] = field(default_factory=list)  # the mentions of the sentence read last ('it', 'they')

    def saw(self, actor: Actor) -> None:
        if actor.kind == "person":
            self.last_person_sentence = self.sentence
        if actor.kind == "group":
            self.group_sentence[actor.id] = self.sentence
        if actor.kind in ("igo", "ngo", "group"):
            self.org_sentence[actor.id] = self.sentence
        if actor.kind == "state":
            self.state_sentence[actor.id] = self.sentence
        seq = self.persons if actor.kind == "person" else self.orgs if actor.kind in ("igo", "ngo", "group") else self.states
        if actor.id in seq:
            seq.remove(actor.id)
        seq.append(actor.id)


class SentenceState(threading.local):
    """The sentence a Resolver is reading: one per thread, so that one Resolver can serve the API's
    worker threads at once (the knowledge base and the name index stay shared and read-only)."""

    def __init__(self) -> None:
        self.toks: list[Token] = []
        self.lowers: list[str] = []
        self.offs: list[tuple[int, int]] = []
        self.text = ""
        self.ctx: DocContext = DocContext(day=dt.date.min)
        self.ctx_unknown: dict[str, ActorRef] = {}
