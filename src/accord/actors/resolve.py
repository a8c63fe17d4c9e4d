"""Find actor mentions in a parsed sentence and resolve them on the document date.

A mention that cannot be resolved keeps its text and a null actor id: never a guess presented as
certain. Coreference is the light kind coding needs: surnames after first mention, he/she, "his
administration", "the alliance", "the bloc", "the Kremlin" (a metonym in the knowledge base).

The parts: `mention` (what is found and remembered), `base` (the knowledge base side, references
on a date), `names` (names, surnames, unknown entities), `roles` (titles and qualifiers),
`agents` (generic agents and demonyms), `coref` (pronouns and anaphors); `Resolver` reads a
sentence with all of them in order.
"""

from __future__ import annotations

from spacy.tokens import Span

from accord.actors.agents import AgentReader
from accord.actors.base import stance_prefixed
from accord.actors.coref import PRONOUNS, THING_PRONOUNS, CorefReader
from accord.actors.gazetteer import across_frontier
from accord.actors.mention import FORMER, DocContext, Mention
from accord.actors.names import PLACE_LABELS, NameReader, trim_article
from accord.actors.roles import TitleReader, is_titled
from accord.lexicons import lexicon
from accord.nlp.model import sentence_entities
from accord.types import ActorRef

# DocContext and Mention are imported from here too (accord.actors.resolve.Mention).
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_ABROAD = lexicon("diplomatic_mission_words")


class Resolver(NameReader, TitleReader, AgentReader, CorefReader):
    """Callable: (sentence Span, DocContext) -> list[Mention]."""

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
            m = self._pronoun(tok, ctx) or self._state_anaphor(tok, ctx, mentions) or self._agent(tok, ctx, mentions)
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
            if ent.label_ in _ENTITY_LABELS | PLACE_LABELS and not any(t.i in taken for t in ent):
                start, end = trim_article(ent)
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
            if tok.i not in taken and tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                m = self._pronoun(tok, ctx)
                if m is not None:
                    mentions.append(m)
        mentions.sort(key=lambda m: m.start)
        for tok in toks:  # "it", "they": a country, an organisation or a group named before
            if tok.i not in taken and tok.lower_ in THING_PRONOUNS:
                m = self._thing_pronoun(tok, ctx, mentions)
                if m is not None:
                    mentions.append(m)
        mentions.sort(key=lambda m: m.start)
        mentions = [m for m in mentions if not stance_prefixed(doc, m.start)]
        for m in mentions:
            if m.ref.actor_id and m.ref.actor_id in self.kb.actors and m.how in ("name", "surname", "title"):
                ctx.saw(self.kb.actors[m.ref.actor_id])
        out = self._with_context_country(sent, mentions, ctx)
        ctx.previous = out
        return out

    def _is_group(self, m: Mention) -> bool:
        """An armed group or movement: its home country is not the country of the people near it."""
        actor = self.kb.actors.get(m.ref.actor_id or "")
        return actor is not None and actor.kind in ("group", "igo", "ngo")

    def _with_context_country(self, sent: Span, mentions: list[Mention], ctx: DocContext) -> list[Mention]:
        """Generic agents ('demonstrators', 'riot police') and titled unknown people ('President
        Hosni Mubarak') take the country of their context: the only country the sentence names,
        else the country the document is mostly about. Named unknowns without a title stay unknown."""
        # a state named only as the far side of a frontier ("near the Brazilian border") is not the
        # sentence's country
        countries = {m.ref.code[:3] for m in mentions if m.ref.code and m.ref.code[:3] in self.kb.actors
                     and self.kb.actors[m.ref.code[:3]].kind == "state" and not self._is_group(m)
                     and not across_frontier(sent.doc[m.start], sent.root)}
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
            titled = m.how == "unresolved" and m.ref.code is None and is_titled(sent.doc, m.start)
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
            elif ref.code is None and m.how == "unresolved" and is_titled(sent.doc, m.start):
                ref = ActorRef(ref.text, None, country + "GOV", "GOV", None, None, ref.start, ref.end)
            elif ref.code is None and m.how == "title" and (ref.role or "").startswith(FORMER):
                ref = ActorRef(ref.text, None, country, None, None, ref.role, ref.start, ref.end)  # "former President X"
            out.append(m if ref is m.ref else Mention(m.start, m.end, m.head, ref, "context"))
        return self._recode_pronouns(out, mentions, ctx)
