"""Generic agents and demonyms: 'Ukrainian troops', 'police in Nairobi', 'his forces', 'the
Palestinians', 'eight Iranian individuals'. An agent's sector comes from the knowledge base's agent
nouns, its country from a qualifier, the place the sentence names or the person just named."""

from __future__ import annotations

from spacy.tokens import Span, Token

from accord.actors.base import ResolverBase
from accord.actors.mention import DocContext, Mention
from accord.lexicons import lexicon
from accord.nlp.model import entities
from accord.types import Actor, ActorRef

_THE = lexicon("definite_articles")
_POSS_PRONOUNS = lexicon("person_possessive_pronouns")
_GOV_NOUNS = lexicon("government_nouns")
_PARTY_NOUNS = lexicon("party_nouns")
_POLITICAL = lexicon("political_party_modifiers")
_GENERIC_PEOPLE = lexicon("sector_modifier_nouns")
_AFFILIATED_AGENTS = lexicon("affiliated_agent_nouns")
_MEMBERSHIP_PREPS = lexicon("membership_preps")
_ANONYMOUS_AGENTS = lexicon("anonymous_agent_nouns")
_OPPOSITION = lexicon("opposition_affiliation_words")
_AGENT_PLACE_PREPS = lexicon("agent_place_preps")
_ETHNIC = lexicon("ethnic_group_markers")
_THING_POSS = lexicon("thing_possessive_pronouns")
_SINGULAR_THINGS = lexicon("singular_thing_pronouns")
_GROUP_HEADS = lexicon("agent_group_heads")
_UNIT_HEADS = lexicon("agent_unit_heads")
_GOV_KIND_MODIFIERS = lexicon("government_kind_modifiers")


class AgentReader(ResolverBase):
    """Agents ('troops', 'officials', 'his administration') and demonyms ('the Palestinians')."""

    def _agent(self, tok: Token, ctx: DocContext, mentions: list[Mention]) -> Mention | None:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        sector = self.kb.agents.get(tok.lower_)
        if sector is None and (tok.lemma_.lower() in _GROUP_HEADS or tok.lemma_.lower() in _UNIT_HEADS):
            # "the rebel group", "a terrorist cell": the modifier says what kind of agent the body is
            mod = next((c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
                        and c.lower_ in self.kb.agents), None)
            sector = self.kb.agents[mod.lower_] if mod is not None else None
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
                found = self._poss_gov(tok, det, ctx) if det is not None and ctx.persons else None
                if found is None and det is not None and (det.i == tok.i - 1 or all(
                        t.lower_ in _GOV_KIND_MODIFIERS for t in doc[det.i + 1:tok.i])):
                    # "accusing the government of robbing the province": no leader named yet, a state's
                    # government named bare; its country comes from the sentence or the story
                    ref = ActorRef(doc[det.i:tok.i + 1].text, None, None, sector, None, None, det.idx, tok.idx + len(tok))
                    return Mention(det.i, tok.i + 1, tok.i, ref, "agent")
                return found
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
            return self._owned_agent(tok, poss, sector, mentions)  # "its troops": the owner is the actor already named
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

    def _owned_agent(self, tok: Token, poss: Token, sector: str, mentions: list[Mention]) -> Mention | None:
        """'his forces', 'her government': the country of the person just named (two sentences);
        'its troops', 'their fighters': the country or group named just before (coref.thing_antecedent)."""
        ctx = self._s.ctx
        unknown = ctx.last_unknown_person
        if poss.lower_ in _THING_POSS:
            if tok.dep_ not in ("nsubj", "nsubjpass") and tok.head.dep_ != "agent":
                return None  # "recalled its ambassador": the owner's own people are no other actor
            ante = self.thing_antecedent(poss, ctx, mentions, poss.lower_ in _SINGULAR_THINGS)
            if ante is None or not ante.ref.code:
                return None
            doc = tok.doc
            owner = self.kb.actors.get(ante.ref.code[:3])
            if owner is not None and owner.kind == "state":
                code = owner.id + sector
            elif ante.ref.sector in (None, sector) or len(ante.ref.code) > 6:
                code = ante.ref.code  # "the Taliban ... their fighters": the group itself
            else:
                return None
            ref = ActorRef(doc[poss.i:tok.i + 1].text, None, code, sector, None, None, poss.idx, tok.idx + len(tok))
            return Mention(poss.i, tok.i + 1, tok.i, ref, "coref")
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
