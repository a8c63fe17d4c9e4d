"""Find actor mentions in a parsed sentence and resolve them on the document date.

A mention that cannot be resolved keeps its text and a null actor id: never a guess presented as
certain. Coreference is the light kind coding needs: surnames after first mention, he/she, "his
administration", "the alliance", "the bloc", "the Kremlin" (a metonym in the knowledge base).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Literal, cast

from spacy.tokens import Span, Token

from accord.actors.gazetteer import Gazetteer
from accord.actors.kb import (
    ELECT_OFFICES,
    FAMILY_NAME_FIRST,
    OFFICE_PRIORITY,
    Entry,
    KnowledgeBase,
    norm,
)
from accord.actors.titles import TITLE_FIRST_WORDS, title_at
from accord.lexicons import lexicon, table
from accord.nlp.model import entities, sentence_entities
from accord.types import Actor, ActorRef

_PRONOUNS = lexicon("person_pronouns")
_POSS_PRONOUNS = lexicon("person_possessive_pronouns")
_GOV_NOUNS = lexicon("government_nouns")
_ANAPHORS = {r["word"].lower(): r["actor_id"] or None for r in table("organisation_anaphors")}
_TITLE_WORDS = lexicon("person_title_words")
# How a mention was found: the kinds of name the knowledge base holds (kb.Entry.how), then the
# resolver's own readings. Identifiers of the data model, not words of the text.
How = Literal["name", "alias", "demonym", "capital", "metonym", "surname", "region",
              "title", "agent", "coref", "unresolved", "context", "place"]
_HOW_RANK = {"name": 0, "alias": 0, "metonym": 1, "capital": 2, "region": 3, "demonym": 4}
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_PLACE_LABELS = {"FAC", "LOC"}


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

    def saw(self, actor: Actor) -> None:
        if actor.kind == "person":
            self.last_person_sentence = self.sentence
        if actor.kind == "group":
            self.group_sentence[actor.id] = self.sentence
        seq = self.persons if actor.kind == "person" else self.orgs if actor.kind in ("igo", "ngo", "group") else self.states
        if actor.id in seq:
            seq.remove(actor.id)
        seq.append(actor.id)


class _SentenceState(threading.local):
    """The sentence a Resolver is reading: one per thread, so that one Resolver can serve the API's
    worker threads at once (the knowledge base and the name index stay shared and read-only)."""

    def __init__(self) -> None:
        self.toks: list[Token] = []
        self.lowers: list[str] = []
        self.offs: list[tuple[int, int]] = []
        self.text = ""
        self.ctx: DocContext = DocContext(day=dt.date.min)
        self.ctx_unknown: dict[str, ActorRef] = {}


class Resolver:
    """Callable: (sentence Span, DocContext) -> list[Mention]."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.places = Gazetteer(kb)  # cities and states, on this knowledge base (the coder's too)
        self._s = _SentenceState()  # what the sentence being read holds, per thread
        # every prefix of every name, so that a window of tokens stops growing as soon as no name
        # can begin like it (most tokens stop after one lookup)
        self._prefixes = {key[:k] for key in kb.names for k in range(1, len(key) + 1)}
        self.first_words: dict[str, int] = {}  # first word of a name -> most words in a name
        for key in kb.names:
            words = key.split()
            for first in {words[0], words[0].split("-")[0]}:  # "asia-pacific ..." starts at token "asia"
                self.first_words[first] = max(self.first_words.get(first, 0), len(words) + words[0].count("-"))

    # ------------------------------------------------------------------ resolution to refs
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
        role_text = f"former {max(past, key=lambda r: r.end or day).title}" if past else None
        return actor.country, None, role_text

    # ------------------------------------------------------------------ finding mentions
    def __call__(self, sent: Span, ctx: DocContext, skip_before: int = 0) -> list[Mention]:
        """Mentions in `sent`; characters before `skip_before` (a dateline) name no actors."""
        doc = sent.doc
        ctx.sentence += 1
        mentions: list[Mention] = []
        toks = list(sent)  # Token objects once: spaCy builds a new one on every access
        self._s.toks = toks
        self._s.lowers = [t.lower_ for t in toks]
        base = sent.start_char  # character offsets of the tokens in the sentence text, for name windows
        self._s.offs = [(t.idx - base, t.idx - base + len(t.text)) for t in toks]
        self._s.text = sent.text_with_ws
        taken: set[int] = {t.i for t in toks if t.idx < skip_before}
        self._s.ctx_unknown = ctx.unknown
        self._s.ctx = ctx
        i = sent.start
        while i < sent.end and i in taken:
            i += 1
        while i < sent.end:
            m = self._match_name(sent, i, ctx)
            if m is not None:
                mentions.append(m)
                taken.update(range(m.start, m.end))
                i = m.end
            else:
                i += 1
        for tok in toks:
            if tok.i not in taken and tok.text[:1].isupper():
                m = self._surname(tok, ctx)
                if m is not None:
                    mentions.append(m)
                    taken.add(tok.i)
        mentions = self._attach_titles(sent, mentions, taken, ctx)
        for tok in toks:
            if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
                continue  # personal pronouns wait for the people this sentence names before them
            m = self._pronoun(tok, ctx) or self._agent(tok, ctx, mentions)
            if m is not None:
                mentions.append(m)
                taken.update(range(m.start, m.end))
        for tok in toks:
            if tok.i not in taken and tok.lower_ in self.kb.demonyms:
                m = self._demonym_phrase(tok, taken, ctx)
                if m is not None:
                    mentions.append(m)
                    taken.update(range(m.start, m.end))
        for ent in sentence_entities(sent):
            if ent.label_ in _ENTITY_LABELS | _PLACE_LABELS and not any(t.i in taken for t in ent):
                start, end = _trim_the(ent)
                m = self._unknown(doc, start, end, ent, sent, mentions) if start < end else None
                if m is not None:
                    mentions.append(m)
                    taken.update(range(m.start, m.end))
        named = sorted((m for m in mentions if m.how in ("name", "surname", "title")), key=lambda m: m.end)
        for tok in toks:  # "President X announced that he will ...": a person named in this sentence
            while named and named[0].end <= tok.i:  # people named before the pronoun are antecedents
                actor = self.kb.actors.get(named.pop(0).ref.actor_id or "")
                if actor is not None and actor.kind == "person":
                    ctx.saw(actor)
            if tok.i not in taken and tok.lower_ in _PRONOUNS and tok.pos_ == "PRON":
                m = self._pronoun(tok, ctx)
                if m is not None:
                    mentions.append(m)
        mentions.sort(key=lambda m: m.start)
        mentions = [m for m in mentions if not _stance_prefix(doc, m.start)]
        for m in mentions:
            if m.ref.actor_id and m.ref.actor_id in self.kb.actors and m.how in ("name", "surname", "title"):
                ctx.saw(self.kb.actors[m.ref.actor_id])
        return self._with_context_country(sent, mentions, ctx)

    def _is_group(self, m: Mention) -> bool:
        """An armed group or movement: its home country is not the country of the people near it."""
        actor = self.kb.actors.get(m.ref.actor_id or "")
        return actor is not None and actor.kind in ("group", "igo", "ngo")

    def _with_context_country(self, sent: Span, mentions: list[Mention], ctx: DocContext) -> list[Mention]:
        """Generic agents ('demonstrators', 'riot police') and titled unknown people ('President
        Hosni Mubarak') take the country of their context: the only country the sentence names,
        else the country the document is mostly about. Named unknowns without a title stay unknown."""
        countries = {m.ref.code[:3] for m in mentions if m.ref.code and m.ref.code[:3] in self.kb.actors
                     and self.kb.actors[m.ref.code[:3]].kind == "state" and not self._is_group(m)}
        for c in countries:
            ctx.country_counts[c] = ctx.country_counts.get(c, 0) + 1
        # an embassy or envoy names a country that is not where the sentence happens
        abroad = any(t.lower_ in _ABROAD for t in self._s.toks)
        country = next(iter(countries)) if len(countries) == 1 else None
        if country is None and not countries:
            country = ctx.main_country()
        if country is None:
            return mentions
        out = []
        for m in mentions:
            ref = m.ref
            titled = m.how == "unresolved" and m.ref.code is None and _titled(sent.doc, m.start)
            # a subject takes the country of the document (never of another actor in its sentence)
            from_doc = not countries and m.how == "agent"
            # civil society acts at home ("fundamentalists demanded the resignation of the Algerian
            # president"); officials and soldiers are the ones who deal with other countries
            civil = m.how == "agent" and ref.sector not in (None, "GOV", "MIL") and not abroad
            main_subject = sent.doc[m.head].dep_ == "nsubj" and sent.doc[m.head].head.dep_ == "ROOT" and not civil
            if (main_subject and not titled and not from_doc) or (
                    sent.doc[m.head].dep_ == "nsubjpass" and m.how != "agent"):
                out.append(m)  # "The foreign ministers held talks with their Turkish counterpart"
                continue
            if ref.code is None and ref.sector in ("MIL", "GOV") and sent.doc[m.head].dep_ == "dobj":
                out.append(m)  # "deployed troops", "sent officials": they belong to the subject
                continue
            if ref.code is None and ref.sector and m.how == "agent":
                ref = ActorRef(ref.text, None, country + ref.sector, ref.sector, None, None, ref.start, ref.end)
            elif ref.code is None and m.how == "unresolved" and _titled(sent.doc, m.start):
                ref = ActorRef(ref.text, None, country + "GOV", "GOV", None, None, ref.start, ref.end)
            elif ref.code is None and m.how == "title" and (ref.role or "").startswith("former"):
                ref = ActorRef(ref.text, None, country, None, None, ref.role, ref.start, ref.end)  # "former President X"
            out.append(m if ref is m.ref else Mention(m.start, m.end, m.head, ref, "context"))
        return self._recode_pronouns(out, mentions, ctx)

    def _recode_pronouns(self, out: list[Mention], before: list[Mention], ctx: DocContext) -> list[Mention]:
        """A pronoun read before its unknown antecedent got the sentence's country takes it too
        ('supporters of former President Ahmed Ben Bella ... demanding that he be reinstated')."""
        coded = {old.ref.text: new.ref for old, new in zip(before, out, strict=True) if new is not old and new.ref.code}
        if not coded:
            return out
        last = ctx.last_unknown_person
        if last is not None and last[1].text in coded:
            ctx.last_unknown_person = (last[0], coded[last[1].text])
        fixed = []
        for m in out:
            r = m.ref
            if m.how == "coref" and r.code is None and r.name in coded:
                src = coded[r.name]
                m = Mention(m.start, m.end, m.head, ActorRef(r.text, None, src.code, src.sector, r.name, r.role, r.start, r.end),
                            "coref")
            fixed.append(m)
        return fixed

    def _span_ref(self, sent: Span, start: int, end: int, actor: Actor, how: How, ctx: DocContext) -> Mention:
        doc = sent.doc
        text = doc[start:end].text
        ref = self.ref_for(actor, text, ctx.day, how, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        return Mention(start, end, doc[start:end].root.i, ref, how)

    def _match_name(self, sent: Span, i: int, ctx: DocContext) -> Mention | None:
        doc = sent.doc
        lower = self._s.lowers[i - sent.start]
        most = self.first_words.get(lower) or self.first_words.get(lower.split("-")[0])
        if not most or lower in _THE:
            return None
        tok = self._s.toks[i - sent.start]
        if tok.is_punct or tok.is_space:
            return None
        offs = self._s.offs
        s0 = sent.start
        ends: list[tuple[int, str, list[Entry]]] = []  # windows that are names, shortest first
        for j in range(i + 1, min(sent.end, i + 2 * most + 1) + 1):
            text = self._s.text[offs[i - s0][0]:offs[j - 1 - s0][1]]
            key = norm(text)
            if key not in self._prefixes:
                break  # no name goes on like this: longer windows cannot match either
            entries = self.kb.names.get(key)
            if entries and text.count(" ") < most:
                ends.append((j, text, entries))
        for j, text, entries in reversed(ends):  # the longest name first
            entry = self._choose(entries, text, ctx, doc[i:j])
            if entry is None:
                continue
            actor = self.kb.actors[entry.actor_id]
            if actor.kind == "state" and doc[j - 1].ent_type_ == "ORG" and j < sent.end and doc[j].ent_iob_ == "I":
                return None  # "the Montenegro Assembly", "Kenya Defence Forces": a body of the state, read whole
            start = i - 1 if i > sent.start and doc[i - 1].lower_ in _THE else i
            if entry.how == "demonym":
                return self._demonym(sent, i, j, actor, ctx)
            return self._span_ref(sent, start, j, actor, cast(How, entry.how), ctx)
        return None

    def _choose(self, entries: list[Entry], text: str, ctx: DocContext, span: Span) -> Entry | None:
        bare = text[4:] if text.lower().startswith("the ") else text
        ok = [e for e in entries if not e.case_sensitive or bare.isupper()]
        in_person = any(t.ent_type_ == "PERSON" for t in span)
        people = [e for e in ok if self.kb.actors[e.actor_id].kind == "person"]
        if in_person and people:
            ok = people
        elif in_person and len(span) == 1 and _in_longer_person(span[0]):
            return None  # "Jordan" inside "Jordan Bardella" is not the country
        if not ok:
            return None
        if len(ok) > 1:
            ok.sort(key=lambda e: (_HOW_RANK.get(e.how, 0), not self._active(e.actor_id, ctx.day),
                                   e.actor_id not in ctx.persons))
        return ok[0]

    def _active(self, actor_id: str, day: dt.date) -> bool:
        actor = self.kb.actors[actor_id]
        return actor.kind != "person" or bool(actor.roles_on(day))

    def _demonym(self, sent: Span, i: int, j: int, state: Actor, ctx: DocContext) -> Mention | None:
        """A demonym is an actor when it heads a noun phrase ("the Palestinians", "Israelis")."""
        doc = sent.doc
        tok = doc[j - 1]
        if tok.pos_ == "ADJ" or tok.dep_ in ("amod", "compound") or tok.tag_ == "JJ":
            return None  # a qualifier; titles and agents read it
        m = self._span_ref(sent, i, j, state, "demonym", ctx)
        ethnic = self._ethnic_home(doc[i], state.id)
        if ethnic is None:
            return m
        r = m.ref
        return Mention(m.start, m.end, m.head, ActorRef(r.text, None, ethnic, None, None, None, r.start, r.end), "demonym")

    def _demonym_phrase(self, tok: Token, taken: set[int], ctx: DocContext) -> Mention | None:
        """'eight Iranian individuals', 'the Ukrainian capital', 'Chinese': the country they belong to."""
        iso = self.kb.demonyms[tok.lower_]
        actor = self.kb.actors.get(iso)
        if actor is None:
            return None
        doc = tok.doc
        start, end = tok.i, tok.i + 1
        head = tok.head
        if tok.dep_ in ("amod", "compound", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i not in taken and head.i > tok.i:
            end = head.i + 1
        text = doc[start:end].text
        ref = ActorRef(text, iso, iso, None, actor.name, None, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        ethnic = self._ethnic_home(tok, iso)
        if ethnic is not None:
            ref = ActorRef(text, None, ethnic, None, None, None, ref.start, ref.end)
        return Mention(start, end, head.i if end > tok.i + 1 else tok.i, ref, "demonym")

    def _ethnic_home(self, tok: Token, iso: str) -> str | None:
        """'ethnic Albanians in south Serbia': an ethnic group is coded by the state it lives in,
        when the sentence places it in another one."""
        doc = tok.doc
        if tok.i == 0 or doc[tok.i - 1].lower_ not in _ETHNIC:
            return None
        home = self.places.place_country(tok.head if tok.dep_ in ("amod", "compound") else tok)
        return home if home and home != iso and home in self.kb.actors else None

    def _unknown(self, doc, start: int, end: int, ent: Span, sent: Span, mentions: list[Mention]) -> Mention | None:
        """A named entity not in the knowledge base: its text, and its country when a qualifier
        says so ("U.S. Trade Representative Jamieson Greer" -> USAGOV, no actor id)."""
        code = None
        sector = None
        lone = end - start == 1 and not (start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound")
        given = start > sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
            and doc[start - 1].head.i == end - 1 and doc[start - 1].ent_type_ in ("", "PERSON") and end - start == 1
        if given and ent.label_ == "GPE":  # "Kenzo Oshima": a given name before a town's name is a person
            return Mention(start - 1, end, ent.root.i, ActorRef(doc[start - 1:end].text, None, None, None, None, None,
                           doc[start - 1].idx, doc[end - 1].idx + len(doc[end - 1])), "unresolved")
        if ent.label_ in ("GPE", "FAC", "LOC") or (ent.label_ in ("PERSON", "ORG", "NORP") and lone):
            # a city stands for its country: "shelled Kharkiv" -> UKR (the small model often
            # calls a lone city name a PERSON, so a big city wins over a one-word "person")
            iso = self.places.city_country(doc[start:end].text, min_population=0 if ent.label_ == "GPE" else 200_000)
            if iso is None and ent.label_ == "GPE":
                iso = self.kb.fuzzy_state(doc[start:end].text)  # "Afganistan"
                if iso is not None:
                    actor = self.kb.actors[iso]
                    return Mention(start, end, ent.root.i, ActorRef(doc[start:end].text, iso, iso, None, actor.name,
                                   None, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])), "name")
            if iso and iso in self.kb.actors:
                return Mention(start, end, ent.root.i, ActorRef(doc[start:end].text, None, iso, None, None, None,
                               doc[start].idx, doc[end - 1].idx + len(doc[end - 1])), "place")
        if ent.label_ in _PLACE_LABELS:
            return None
        if ent.label_ == "ORG" and end - start > 1:  # "Montenegro Municipality Association", "Kenya Red Cross"
            iso = next((self._country_word(doc, k) for k in range(start, end) if self._country_word(doc, k)), None)
            if iso is not None:
                sector = self.kb.agents.get(doc[end - 1].lower_)  # "Assembly" -> LEG, "Forces" -> MIL
                return Mention(start, end, ent.root.i, ActorRef(doc[start:end].text, None, iso + (sector or ""), sector,
                               None, None, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])), "unresolved")
        if ent.label_ == "NORP":  # "North Korean hackers", "Sri Lankan": a demonym of two words
            iso = self.kb.demonyms.get(norm(doc[start:end].text))
            if iso and iso in self.kb.actors:
                return Mention(start, end, ent.root.i, ActorRef(doc[start:end].text, iso, iso, None, self.kb.actors[iso].name,
                               None, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])), "demonym")
        if ent.label_ == "PERSON":
            org = self._qualifier(doc, start, end - 1, sent, mentions)
            if org is not None and org in self.kb.actors:
                org_actor = self.kb.actors[org]
                titled = any(doc[k].lower_ in _TITLE_WORDS for k in range(max(sent.start, start - 4), start))
                if org_actor.kind == "state":
                    code, sector = (org + "GOV", "GOV") if titled else (org, None)
                else:
                    code, sector = org_actor.code, org_actor.sector or None
        text = doc[start:end].text
        ref = ActorRef(text, None, code, sector, None, None, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        if ent.label_ == "PERSON":
            if end - start > 1:
                self._s.ctx.unknown_surnames.add(doc[end - 1].lower_)
            known = self._s.ctx_unknown.get(doc[end - 1].lower_) if end - start == 1 else None
            if known is not None:  # "Greer" after "U.S. Trade Representative Jamieson Greer"
                ref = ActorRef(text, None, known.code, known.sector, known.text, None, ref.start, ref.end)
            elif code and end - start > 1:
                self._s.ctx_unknown[doc[end - 1].lower_] = ref
            self._s.ctx.last_unknown_person = (self._s.ctx.sentence, ref)
        return Mention(start, end, ent.root.i, ref, "unresolved")

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

    # ------------------------------------------------------------------ titles and agents
    def _attach_titles(self, sent: Span, mentions: list[Mention], taken: set[int],
                       ctx: DocContext) -> list[Mention]:
        """Titles: merge into a following person name, or resolve alone to the holder on the date."""
        doc = sent.doc
        out = list(mentions)
        for tok, lower in zip(self._s.toks, self._s.lowers, strict=True):
            if tok.i in taken or (lower not in TITLE_FIRST_WORDS and lower.split("-")[0] not in TITLE_FIRST_WORDS):
                continue
            hit = title_at(doc, tok.i, sent.end)
            if hit is None:
                continue
            end, office, title = hit
            if any(k in taken for k in range(tok.i, end)):
                continue
            org = self._qualifier(doc, tok.i, end - 1, sent, out)
            person = self._person_after(out, end)
            if person is not None:  # "Russian President Vladimir Putin": the name decides
                first = self._title_start(sent, tok.i, end)
                out = [x for x in out if not (first <= x.start and x.end <= person.start)]
                out[out.index(person)] = self._as_titled(_extend(person, first, doc), org, office, title)
                taken.update(range(first, person.end))
                continue
            m = self._title_mention(sent, tok.i, end, office, title, org, ctx)
            if m is not None:
                m = self._with_name(m, sent)
                out = [x for x in out if not (m.start <= x.start and x.end <= m.end)]
                out.append(m)
                taken.update(range(m.start, m.end))
        return out

    def _as_titled(self, m: Mention, org: str | None, office: str, title: str) -> Mention:
        """'Arab League Secretary General Chedli Klibi' in a text the knowledge base dates outside
        his term: the title the text gives is the role he acts in, so the organisation decides."""
        org_actor = self.kb.actors.get(org or "")
        r = m.ref
        if org_actor is None or not r.code or r.sector is not None:
            return m  # the knowledge base has the person in office on the date: it decides
        code: str | None
        sector: str | None
        if org_actor.kind == "state":
            if r.code[:3] == org_actor.id or office in ELECT_OFFICES:
                return m  # the knowledge base knows the country; "President-elect" stays without a sector
            code, sector = org_actor.id + "GOV", "GOV"
        else:
            if r.code == org_actor.code:
                return m
            code, sector = org_actor.code, org_actor.sector or None
        return Mention(m.start, m.end, m.head, ActorRef(r.text, r.actor_id, code, sector, r.name, title, r.start, r.end),
                       m.how)

    @staticmethod
    def _title_start(sent: Span, start: int, end: int) -> int:
        """Extend a title left over its qualifiers: 'the Russian', 'France's', 'NATO', 'US'."""
        doc = sent.doc
        head = doc[end - 1]
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        first = start
        while first > sent.start:
            t = doc[first - 1]
            if t.lower_ in _TITLE_STOPS or t.text in (",", ";", ":", "(", ")") or t.dep_ not in ("amod", "compound", "poss", "case", "det", "punct", "nmod"):
                break
            if not head.is_ancestor(t):
                break
            first -= 1
        return first

    def _with_name(self, m: Mention, sent: Span) -> Mention:
        """'Gambian President Dawda Jawara': a person the knowledge base does not hold keeps the
        title's country and sector but no actor id, unless the holder's name matches."""
        doc = sent.doc
        k = m.end
        if k >= sent.end or doc[k].ent_type_ != "PERSON":
            return m
        end = k
        while end < sent.end and doc[end].ent_type_ == "PERSON" and (end == k or doc[end].ent_iob_ == "I"):
            end += 1
        name = doc[k:end].text
        ref = m.ref
        holder = self.kb.actors.get(ref.actor_id) if ref.actor_id else None
        if holder is not None and not any(name.split()[-1].lower() in n.lower() for n in (holder.name, *holder.aliases)):
            ref = ActorRef(ref.text, None, ref.code, ref.sector, None, ref.role, ref.start, ref.end)
        text = doc[m.start:end].text
        ref = ActorRef(text, ref.actor_id, ref.code, ref.sector, ref.name, ref.role, ref.start,
                       doc[end - 1].idx + len(doc[end - 1]))
        if ref.actor_id is None and ref.code and end - k > 1:
            self._s.ctx_unknown[doc[end - 1].lower_] = ref
            self._s.ctx.last_unknown_person = (self._s.ctx.sentence, ref)
        return Mention(m.start, end, end - 1, ref, m.how)

    def _person_after(self, mentions: list[Mention], end: int) -> Mention | None:
        for m in mentions:
            if m.start == end and m.ref.actor_id and self.kb.actors.get(m.ref.actor_id, None) is not None \
                    and self.kb.actors[m.ref.actor_id].kind == "person":
                return m
        return None

    def _qualifier(self, doc, first: int, last: int, sent: Span, mentions: list[Mention]) -> str | None:
        """The country or organisation a title or agent belongs to: demonym, name, possessive, 'of X'."""
        for k in range(first - 1, max(sent.start, first - 4) - 1, -1):
            t = doc[k]
            code = self._qual_token(t, mentions)
            if code:
                return code
            if t.lower_ in _BACKING and k > sent.start and doc[k - 1].text == "-":
                continue  # "Vietnamese-led forces", "Iranian-backed militias"
            if t.pos_ not in ("ADJ", "PROPN", "NOUN", "PART", "PUNCT") or t.text in (",", ";"):
                break
        head = doc[last]
        for child in head.children:
            if child.dep_ in ("nmod", "compound") and child.i < head.i:
                # "Montenegro Municipality Association (AKK) officials": a country inside the modifier
                for t in child.subtree:
                    code = self._qual_token(t, mentions) if t.i <= child.i else None
                    if code and code in self.kb.actors and self.kb.actors[code].kind == "state":
                        return code
            if child.dep_ == "prep" and child.lower_ in _QUALIFIER_PREPS:  # "a spokesman for President X"
                for obj in child.children:
                    code = self._qual_token(obj, mentions)
                    if code:
                        return code
                    # "the leader of Afghanistan's Taliban insurgency": the group before its country
                    found = [c for c in (self._qual_token(g, mentions) for g in obj.children
                                         if g.dep_ in ("compound", "poss", "amod", "nmod")) if c]
                    groups = [c for c in found if c in self.kb.actors and self.kb.actors[c].kind != "state"]
                    if groups or found:
                        return (groups or found)[0]
            if child.dep_ in ("acl", "amod") and child.lemma_.lower() in _AFFILIATION:
                # "separatists belonging to the BLA", "fighters loyal to Haftar", "militias linked to Iran"
                for prep in (p for p in child.children if p.dep_ == "prep" and p.lower_ in _AFFILIATION_PREPS):
                    for obj in prep.children:
                        code = self._qual_token(obj, mentions)
                        if code:
                            return code
        return None

    def _qual_token(self, t: Token, mentions: list[Mention]) -> str | None:
        if _stance_prefix(t.doc, t.i):
            return None  # an "anti-Syria journalist" is not Syrian
        if t.i > 0:  # "South Korean", "North Macedonian", "Sri Lankan"
            iso = self.kb.demonyms.get(f"{t.doc[t.i - 1].lower_} {t.lower_}")
            if iso:
                return iso
        iso = self.kb.demonyms.get(t.lower_)
        if iso:
            return iso
        if t.ent_type_ == "ORG" and t.pos_ == "PROPN":
            iso = self._country_word(t.doc, t.i)  # "Kenya Defence Forces", "Montenegro Municipality Association"
            if iso:
                return iso
        for m in mentions:
            if m.start <= t.i < m.end and m.how == "region" and m.ref.code:
                return m.ref.code  # "Darfur rebels", "Tigray forces"
            if m.start <= t.i < m.end and m.ref.actor_id:
                actor = self.kb.actors.get(m.ref.actor_id)
                if actor is not None and actor.kind != "person":
                    return actor.id
                if actor is not None and m.ref.code and m.ref.code[:3] in self.kb.actors and t.dep_ == "pobj":
                    return m.ref.code[:3]  # "supporters of President X": X's country
            elif m.start <= t.i < m.end and m.ref.code and m.how in ("title", "context") and t.dep_ == "pobj" \
                    and m.ref.code[:3] in self.kb.actors:
                return m.ref.code[:3]  # "supporters of former President Ahmed Ben Bella"
            elif m.start <= t.i < m.end and m.ref.code and m.how == "unresolved" and m.ref.code in self.kb.actors \
                    and self.kb.actors[m.ref.code].kind == "state":
                return m.ref.code  # "Montenegro Municipality Association officials"
        return None

    def _title_mention(self, sent: Span, start: int, end: int, office: str, title: str,
                       org: str | None, ctx: DocContext) -> Mention | None:
        doc = sent.doc
        former = any(doc[k].lower_ in _FORMER for k in range(max(sent.start, start - 3), start))
        first = self._title_start(sent, start, end)
        text = doc[first:end].text
        s_char, e_char = doc[first].idx, doc[end - 1].idx + len(doc[end - 1])
        if org is None:
            return None
        if former:
            return Mention(first, end, end - 1, ActorRef(text, None, org if len(org) == 3 and org.isupper() else None,
                                                         None, None, f"former {title}", s_char, e_char), "title")
        holder = self.kb.holder(org, "title:" + title, ctx.day) or self.kb.holder(org, office, ctx.day)
        if holder:
            actor = self.kb.actors[holder]
            return Mention(first, end, end - 1, self.ref_for(actor, text, ctx.day, "name", s_char, e_char), "title")
        org_actor = self.kb.actors.get(org)
        if org_actor is None:
            return None
        sector = "GOV" if org_actor.kind == "state" else org_actor.sector
        code = org + "GOV" if org_actor.kind == "state" else org_actor.code
        return Mention(first, end, end - 1, ActorRef(text, None, code, sector, None, title, s_char, e_char), "title")

    def _agent(self, tok: Token, ctx: DocContext, mentions: list[Mention]) -> Mention | None:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        sector = self.kb.agents.get(tok.lower_)
        if sector is None:
            return None
        if tok.lower_ in _PARTY_NOUNS and not any(
                c.dep_ in ("amod", "compound") and c.lower_ in _POLITICAL for c in tok.children):
            return None  # "the warring parties", "parties to the conflict": not political parties
        if sector == "GOV" or tok.lower_ in _GENERIC_PEOPLE:
            # "opposition leaders", "rebel commanders", "police officers": the modifier says who
            mod = next((c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i
                        and self.kb.agents.get(c.lower_, sector) != sector), None)
            if mod is not None:
                sector = self.kb.agents[mod.lower_]
        doc = tok.doc
        sent = tok.sent
        org = self._qualifier(doc, tok.i, tok.i, sent, mentions)
        if org is None and tok.lower_ in _GOV_NOUNS:
            org = self._leader_country(tok)
        if org is None:
            for child in tok.children:
                if child.dep_ == "poss" and child.lower_ in _POSS_PRONOUNS and tok.lower_ in _GOV_NOUNS and ctx.persons:
                    return self._poss_gov(tok, child, ctx)
            if tok.lower_ in _GOV_NOUNS:
                det = next((c for c in tok.children if c.dep_ == "det" and c.lower_ in _THE), None)
                # "the incoming administration": the government of the leader the text is about;
                # never a bare role word as an actor
                return self._poss_gov(tok, det, ctx) if det is not None and ctx.persons else None
            return self._bare_agent(tok, sector, mentions)
        first = tok.i
        while first > sent.start and first <= doc[first - 1].head.i <= tok.i and doc[first - 1].dep_ in ("amod", "compound", "poss", "case", "det", "nummod"):
            first -= 1
        org_actor = self.kb.actors.get(org)
        if org_actor is None:
            return None
        for k in range(max(sent.start, tok.i - 3), tok.i):  # "ethnic Albanian guerrillas in Macedonia"
            if self.kb.demonyms.get(doc[k].lower_) == org:
                home = self._ethnic_home(doc[k], org)
                if home is not None:
                    org, org_actor = home, self.kb.actors[home]
                break
        code = org + sector if org_actor.kind == "state" else org_actor.code
        text = doc[first:tok.i + 1].text
        ref = ActorRef(text, org if org_actor.kind == "state" and sector == "GOV" else None, code, sector,
                       None, None, doc[first].idx, tok.idx + len(tok))
        return Mention(first, tok.i + 1, tok.i, ref, "agent")

    def _leader_country(self, tok: Token) -> str | None:
        """'the Bush administration', 'the Assad regime': a leader's surname before a government
        noun names that leader's country, on any date, when every leader of that name shares it."""
        names = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < tok.i]
        if not names:
            return None
        ids = self.kb.surnames.get(names[-1].lower_, [])
        countries = {r.organisation for i in ids for r in self.kb.actors[i].roles
                     if r.office in ("head_of_state", "head_of_government")}
        return countries.pop() if len(countries) == 1 else None

    def _bare_agent(self, tok: Token, sector: str, mentions: list[Mention]) -> Mention | None:
        """'protesters', 'police' with no country word: the country of the place the sentence
        names ("in Nairobi", "in Georgia"), else no country (sector only, never a guess)."""
        affiliated = tok.lower_ in _AFFILIATED_AGENTS and any(
            c.dep_ == "prep" and c.lower_ in _MEMBERSHIP_PREPS for c in tok.children)
        if tok.dep_ in ("compound", "amod") or (tok.lower_ in _ANONYMOUS_AGENTS
                                                 and not affiliated):
            return None  # bare "leaders" are nobody in particular; "leaders of the opposition coalition" are
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if poss is not None:
            return self._owned_agent(tok, poss, sector)  # "its troops": the owner is the actor already named
        doc = tok.doc
        if affiliated and any(t.lower_ in _OPPOSITION for t in tok.subtree):
            sector = "OPP"  # "leaders of the Azadliq opposition coalition"
        country = self._sentence_place_country(tok.sent, mentions)
        first = tok.i
        while first > tok.sent.start and doc[first - 1].head.i == tok.i and doc[first - 1].dep_ in ("amod", "compound", "det"):
            first -= 1
        code = country + sector if country else None
        ref = ActorRef(doc[first:tok.i + 1].text, None, code, sector, None, None, doc[first].idx, tok.idx + len(tok))
        return Mention(first, tok.i + 1, tok.i, ref, "agent")

    def _owned_agent(self, tok: Token, poss: Token, sector: str) -> Mention | None:
        """'his forces', 'her government': the country of the person just named (two sentences)."""
        ctx = self._s.ctx
        unknown = ctx.last_unknown_person
        if poss.lower_ in _POSS_PRONOUNS and unknown is not None and unknown[0] > ctx.last_person_sentence \
                and ctx.sentence - unknown[0] <= 1 and unknown[1].code:
            code = unknown[1].code  # "Afghan army chief Sami Sadat said his forces ..."
        elif poss.lower_ not in _POSS_PRONOUNS or not ctx.persons or ctx.sentence - ctx.last_person_sentence > 2:
            return None
        else:
            code, _, _ = self.person_code(self.kb.actors[ctx.persons[-1]], ctx.day)
        country = code[:3]
        if country not in self.kb.actors or self.kb.actors[country].kind != "state":
            return None
        doc = tok.doc
        ref = ActorRef(doc[poss.i:tok.i + 1].text, None, country + sector, sector, None, None, poss.idx, tok.idx + len(tok))
        return Mention(poss.i, tok.i + 1, tok.i, ref, "coref")

    def _sentence_place_country(self, sent: Span, mentions: list[Mention]) -> str | None:
        for t in sent:
            if t.dep_ == "pobj" and t.head.lower_ in _AGENT_PLACE_PREPS and t.ent_type_ in ("GPE", "LOC"):
                for m in mentions:
                    if m.start <= t.i < m.end and m.how == "region" and m.ref.code:
                        return m.ref.code
                    if m.start <= t.i < m.end and m.ref.code and m.ref.actor_id in self.kb.actors \
                            and self.kb.actors[m.ref.actor_id].kind == "state":
                        return m.ref.actor_id
                ent = next((e for e in entities(t.doc) if e.start <= t.i < e.end), None)
                iso = self.places.city_country(ent.text if ent is not None else t.text)  # "New York", not "York"
                if iso and iso in self.kb.actors:
                    return iso
        return self.places.place_country(sent.root)  # "in the capital city of Algiers"

    def _group_anaphor(self, tok: Token, ctx: DocContext) -> Mention | None:
        """'the group', 'the separatist group', 'the militants': the armed group the document
        named last, when it named one in the last three sentences."""
        if tok.lower_ not in _GROUP_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        det = next((c for c in tok.children if c.dep_ == "det"), None)
        if det is None or det.lower_ not in _THE or any(c.dep_ == "prep" for c in tok.children):
            return None
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound")]
        if tok.lower_ in _GENERIC_GROUP_NOUNS and any(
                m.lower_ not in _GROUP_KINDS for m in mods):
            return None  # "the rights group", "the opposition group": not the armed group
        recent = [o for o in reversed(ctx.orgs) if self.kb.actors[o].kind == "group"]
        if not recent or ctx.sentence - ctx.group_sentence.get(recent[0], -10) > 3:
            return None
        doc = tok.doc
        ref = self.ref_for(self.kb.actors[recent[0]], doc[det.i:tok.i + 1].text, ctx.day, "name",
                           doc[det.i].idx, tok.idx + len(tok))
        return Mention(det.i, tok.i + 1, tok.i, ref, "coref")

    def _poss_gov(self, tok: Token, poss: Token, ctx: DocContext) -> Mention | None:
        """'his administration', 'the incoming government': the latest national leader's government."""
        for pid in reversed(ctx.persons):
            person = self.kb.actors[pid]
            code, _, _ = self.person_code(person, ctx.day)
            country = code[:3]
            if country != "IGO" and country in self.kb.actors:
                break
        else:
            return None
        text = tok.doc[poss.i: tok.i + 1].text
        ref = ActorRef(text, country, country + "GOV", "GOV", f"{person.name}'s government", None,
                       tok.doc[poss.i].idx, tok.idx + len(tok))
        return Mention(poss.i, tok.i + 1, tok.i, ref, "coref")

    def _surname(self, tok: Token, ctx: DocContext) -> Mention | None:
        if not tok.text[:1].isupper() or (tok.pos_ != "PROPN" and tok.ent_type_ != "PERSON"):
            return None
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "ORG") and (tok.ent_iob_ == "I" or (
                tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I")):
            return None  # "Bandar Abbas" is a port, not Mahmoud Abbas; "Hong Kong" is no Mr Hong
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and tok.dep_ == "compound" and tok.head.i > tok.i:
            return None  # "Omar" in "Omar El Bashir" is a given name, not a surname
        ids = self.kb.surnames.get(tok.lower_)
        if not ids:
            return None
        if tok.text.isupper() and len(tok.text) > 1:
            return None  # "SU 35" is an aircraft, not Su Tseng-chang
        if tok.lower_ in ctx.unknown_surnames and not any(p in ids for p in ctx.persons):
            return None  # the text named "Jimmy Lai": a bare "Lai" is him, not Lai Ching-te
        if tok.ent_type_ != "PERSON" and any(self.kb.actors[i].country in FAMILY_NAME_FIRST and
                                              self.kb.actors[i].name.split()[0].lower() == tok.lower_ for i in ids):
            return None  # a short family name ("Lai", "Wang", "Kim") needs the tagger to call it a person
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        given = prev is not None and prev.text[:1].isupper() and prev.pos_ == "PROPN" and (
            (prev.ent_type_ == "PERSON" and tok.ent_iob_ == "I") or (prev.dep_ == "compound" and prev.head.i == tok.i))
        if given and prev is not None and prev.lower_.rstrip(".") not in _HONORIFICS | _TITLE_WORDS \
                and title_at(tok.doc, prev.i, tok.i) is None:
            # "Imran Khan" is not Karim Khan: a full name the knowledge base does not hold
            full = f"{prev.text} {tok.text}".lower()
            ids = [i for i in ids if any(n.lower().endswith(full) for n in (self.kb.actors[i].name, *self.kb.actors[i].aliases))]
            if not ids:
                return None
        seen = [p for p in reversed(ctx.persons) if p in ids]
        if seen:
            actor = self.kb.actors[seen[0]]
        else:
            active = [p for p in ids if self.kb.actors[p].roles_on(ctx.day)]
            if len(active) != 1:
                return None  # a bare surname names a known person only while they hold office
            actor = self.kb.actors[active[0]]
        ref = self.ref_for(actor, tok.text, ctx.day, "name", tok.idx, tok.idx + len(tok))
        return Mention(tok.i, tok.i + 1, tok.i, ref, "surname")

    def _pronoun(self, tok: Token, ctx: DocContext) -> Mention | None:
        unknown = ctx.last_unknown_person
        if unknown is not None and unknown[0] == ctx.sentence and unknown[1].start > tok.idx:
            unknown = None  # "She and Lockyear": a pronoun never points forward
        if tok.lower_ in _PRONOUNS and tok.pos_ == "PRON" and unknown is not None and unknown[0] > ctx.last_person_sentence \
                and ctx.sentence - unknown[0] <= 1:
            # "President Laurent Gbagbo announced that he will ...": the person just named,
            # known to the text though not to the knowledge base
            r = unknown[1]
            ref = ActorRef(tok.text, None, r.code, r.sector, r.text, None, tok.idx, tok.idx + len(tok))
            return Mention(tok.i, tok.i + 1, tok.i, ref, "coref")
        if tok.lower_ in _PRONOUNS and tok.pos_ == "PRON" and ctx.persons and \
                ctx.sentence - ctx.last_person_sentence <= 2:  # far back, "he" is a guess
            actor = self.kb.actors[ctx.persons[-1]]
            ref = self.ref_for(actor, tok.text, ctx.day, "name", tok.idx, tok.idx + len(tok))
            return Mention(tok.i, tok.i + 1, tok.i, ref, "coref")
        group = self._group_anaphor(tok, ctx)
        if group is not None:
            return group
        key = tok.lower_
        if tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ in _THE for c in tok.children) and (
                key in _ANAPHORS or any(self.kb.actors[o].name.lower().endswith(" " + key) for o in ctx.orgs)):
            target = _ANAPHORS.get(key)
            named = [o for o in reversed(ctx.orgs) if self.kb.actors[o].name.lower().endswith(" " + key)]
            if named:  # "the Commission" after "the European Commission"
                target = named[0]
            elif target is None or target not in ctx.orgs:
                target = ctx.orgs[-1] if ctx.orgs else target
            if target and target in self.kb.actors:
                start = tok.i - 1 if tok.i > 0 and tok.doc[tok.i - 1].lower_ in _THE else tok.i
                ref = self.ref_for(self.kb.actors[target], tok.doc[start:tok.i + 1].text, ctx.day,
                                   "name", tok.doc[start].idx, tok.idx + len(tok))
                return Mention(start, tok.i + 1, tok.i, ref, "coref")
        return None


def _stance_prefix(doc, i: int) -> bool:
    """'anti-Kremlin', 'pro-Russian': a stance word, not the actor."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _STANCE_PREFIXES


_HONORIFICS = lexicon("honorifics")
_ABROAD = lexicon("diplomatic_mission_words")
_POLITICAL = lexicon("political_party_modifiers")
_GENERIC_PEOPLE = lexicon("sector_modifier_nouns")
_AFFILIATION = lexicon("affiliation_lemmas")
_AFFILIATION_PREPS = lexicon("affiliation_preps")
_GROUP_NOUNS = lexicon("armed_group_anaphor_nouns")
_GENERIC_GROUP_NOUNS = lexicon("generic_group_nouns")
_GROUP_KINDS = lexicon("armed_group_modifiers")
_THE = lexicon("definite_articles")
_ETHNIC = lexicon("ethnic_group_markers")
_BACKING = lexicon("hyphen_backing_participles")
_QUALIFIER_PREPS = lexicon("qualifier_preps")
_FORMER = lexicon("former_title_markers")
_TITLE_STOPS = lexicon("title_span_stops")
_PARTY_NOUNS = lexicon("party_nouns")
_AFFILIATED_AGENTS = lexicon("affiliated_agent_nouns")
_MEMBERSHIP_PREPS = lexicon("membership_preps")
_ANONYMOUS_AGENTS = lexicon("anonymous_agent_nouns")
_OPPOSITION = lexicon("opposition_words")
_AGENT_PLACE_PREPS = lexicon("agent_place_preps")
_STANCE_PREFIXES = lexicon("stance_prefixes")


def _office_rank(office: str) -> int:
    return OFFICE_PRIORITY.index(office) if office in OFFICE_PRIORITY else len(OFFICE_PRIORITY)


def _trim_the(ent: Span) -> tuple[int, int]:
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].lower_ in _THE or ent.doc[start].lower_ == "'s"):
        start += 1
    while end > start and ent.doc[end - 1].lower_ in ("'s", "'"):
        end -= 1
    return start, end


def _in_longer_person(tok: Token) -> bool:
    ent = next((e for e in entities(tok.doc) if e.start <= tok.i < e.end), None)
    return ent is not None and ent.label_ == "PERSON" and len(ent) > 1


def _extend(m: Mention, first: int, doc) -> Mention:
    """The same mention, its text and offsets extended left to token `first`."""
    if first >= m.start:
        return m
    r = m.ref
    ref = ActorRef(doc[first:m.end].text, r.actor_id, r.code, r.sector, r.name, r.role, doc[first].idx, r.end)
    return Mention(first, m.end, m.head, ref, m.how)


def _titled(doc, start: int) -> bool:
    """A name right after a title word: 'President Hosni Mubarak', 'Foreign Minister X'."""
    return start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ in _TITLE_WORDS
