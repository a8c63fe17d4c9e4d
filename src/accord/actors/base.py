"""What every part of the resolver shares: the knowledge base, the gazetteer built on it, the
sentence being read, and actor references on a date (a person's code is the office they hold)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from accord.actors.gazetteer import Gazetteer
from accord.actors.kb import ELECT_OFFICES, OFFICE_PRIORITY, KnowledgeBase
from accord.actors.mention import FORMER, DocContext, How, Mention, SentenceState
from accord.lexicons import lexicon
from accord.types import Actor, ActorRef

_STANCE_PREFIXES = lexicon("stance_prefixes")


class ResolverBase:
    """The knowledge base side of a resolver. The parts that read names, titles, agents and
    coreference (names, roles, agents, coref) build on it; `Resolver` ties them together."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.places = Gazetteer(kb)  # cities and states, on this knowledge base (the coder's too)
        self._s = SentenceState()  # what the sentence being read holds, per thread

    def ref_for(self, actor: Actor, text: str, day: dt.date, how: str = "name",
                start: int = -1, end: int = -1) -> ActorRef:
        if actor.kind == "state":
            if how == "region":
                return ActorRef(text, None, actor.id, None, None, None, start, end)
            if how in ("metonym", "capital"):
                return ActorRef(text, actor.id, actor.id + "GOV", "GOV", actor.name + " government", None, start, end)
            return ActorRef(text, actor.id, actor.id, None, actor.name, None, start, end)
        if actor.kind != "person":
            return ActorRef(text, actor.id, actor.code or actor.country, actor.sector or None,
                            actor.name, None, start, end)
        code, sector, role = self.person_code(actor, day)
        return ActorRef(text, actor.id, code, sector, actor.name, role, start, end)

    def person_code(self, actor: Actor, day: dt.date) -> tuple[str, str | None, str | None]:
        active = sorted(actor.roles_on(day), key=lambda r: _office_rank(r.office))
        for role in active:
            org = role.organisation
            if role.office in ELECT_OFFICES:
                return org, None, role.title
            org_actor = self.kb.actors.get(org)
            if org_actor is not None and org_actor.kind != "state":
                return org_actor.code, role.sector or org_actor.sector or None, role.title
            return org + (role.sector or ""), role.sector or None, role.title
        past = [r for r in actor.roles if r.end and r.end < day and r.office not in ELECT_OFFICES]
        role_text = f"{FORMER} {max(past, key=lambda r: r.end or day).title}" if past else None
        return actor.country, None, role_text

    def _span_ref(self, sent: Span, start: int, end: int, actor: Actor, how: How, ctx: DocContext) -> Mention:
        doc = sent.doc
        text = doc[start:end].text
        ref = self.ref_for(actor, text, ctx.day, how, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        return Mention(start, end, doc[start:end].root.i, ref, how)

    def _active(self, actor_id: str, day: dt.date) -> bool:
        actor = self.kb.actors[actor_id]
        return actor.kind != "person" or bool(actor.roles_on(day))

    def _country_word(self, doc, k: int) -> str | None:
        """A state's name or demonym at token k (one word)."""
        t = doc[k]
        iso = self.kb.demonyms.get(t.lower_)
        if iso:
            return iso
        for e in self.kb.names.get(t.lower_, []):
            if e.how == "name" and self.kb.actors[e.actor_id].kind == "state" and t.text[:1].isupper():
                return e.actor_id
        return None

    # ------------------------------------------------------------------ read by one part, used by another
    def _qualifier(self, doc, first: int, last: int, sent: Span, mentions: list[Mention]) -> str | None:
        """The country or organisation a title or agent belongs to (roles.TitleReader)."""
        raise NotImplementedError

    def _demonym(self, sent: Span, i: int, j: int, state: Actor, ctx: DocContext) -> Mention | None:
        """A demonym heading a noun phrase (agents.AgentReader)."""
        raise NotImplementedError

    def thing_antecedent(self, tok: Token, ctx: DocContext, mentions: list[Mention], singular: bool) -> Mention | None:
        """The country, organisation or group a pronoun points back to (coref.CorefReader)."""
        raise NotImplementedError

    def _poss_gov(self, tok: Token, poss: Token, ctx: DocContext) -> Mention | None:
        """'his administration': the latest national leader's government (coref.CorefReader)."""
        raise NotImplementedError


def stance_prefixed(doc, i: int) -> bool:
    """'anti-Kremlin', 'pro-Russian': a stance word, not the actor."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _STANCE_PREFIXES


def _office_rank(office: str) -> int:
    return OFFICE_PRIORITY.index(office) if office in OFFICE_PRIORITY else len(OFFICE_PRIORITY)
