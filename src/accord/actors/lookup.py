"""Lookups for the CLI and API: resolve one mention on a date, find an actor by name or id."""

from __future__ import annotations

import datetime as dt

from accord.actors.kb import default_kb, norm
from accord.actors.resolve import DocContext, Resolver
from accord.errors import UnknownActor
from accord.nlp.model import load_nlp
from accord.types import Actor, ActorRef


def resolve_mention(text: str, day: dt.date, context: str | None = None) -> ActorRef:
    """The actor a mention names on `day`; with `context`, the mention is read inside that sentence
    (after the sentences before it, for surnames and pronouns)."""
    kb = default_kb()
    resolver = Resolver(kb)
    nlp = load_nlp()
    sentence = context if context and text in context else text
    doc = nlp(sentence)
    ctx = DocContext(day=day)
    start = sentence.find(text)
    best = None
    for sent in doc.sents:
        for m in resolver(sent, ctx):
            overlaps = m.ref.start <= start < m.ref.end or start <= m.ref.start < start + len(text)
            if overlaps and (best is None or (m.ref.code and not best.ref.code) or (
                    bool(m.ref.code) == bool(best.ref.code) and m.end - m.start > best.end - best.start)):
                best = m
    if best is None:
        return ActorRef(text)
    return best.ref


def find_actor(name_or_id: str) -> Actor:
    kb = default_kb()
    if name_or_id in kb.actors:
        return kb.actors[name_or_id]
    entries = kb.lookup(name_or_id) or [
        e for ids in [kb.surnames.get(norm(name_or_id), [])] for e in ids  # type: ignore[misc]
    ]
    for e in entries:
        actor_id = e if isinstance(e, str) else e.actor_id
        return kb.actors[actor_id]
    raise UnknownActor(f"no actor named {name_or_id!r}", input=name_or_id,
                       valid="an actor id (mark_rutte, USA, nato) or a name in the knowledge base")
