"""Titles and roles: a title merges into the person named after it ('Russian President Vladimir
Putin') or resolves alone to whoever holds the office on the date ('the Dutch prime minister'); the
qualifier before or after a title or agent ('French', 'NATO', 'of Afghanistan's Taliban') says
whose it is."""

from __future__ import annotations

from spacy.tokens import Span, Token

from accord.actors.base import ResolverBase, stance_prefixed
from accord.actors.kb import ELECT_OFFICES
from accord.actors.mention import FORMER, DocContext, Mention
from accord.actors.titles import TITLE_FIRST_WORDS, title_at
from accord.lexicons import lexicon
from accord.types import ActorRef

_TITLE_WORDS = lexicon("person_title_words")
_TITLE_STOPS = lexicon("title_span_stops")
_FORMER = lexicon("former_title_markers")
_BACKING = lexicon("hyphen_backing_participles")
_QUALIFIER_PREPS = lexicon("qualifier_preps")
_AFFILIATION = lexicon("affiliation_lemmas")
_AFFILIATION_PREPS = lexicon("affiliation_preps")
_DIPLOMATS = lexicon("diplomatic_mission_words")


class TitleReader(ResolverBase):
    """Titles, the people and offices they name, and the qualifiers that say whose they are."""

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
        posted = None  # "Iran's U.N. ambassador": a diplomat posted to an organisation serves the state before it
        for k in range(first - 1, max(sent.start, first - 4) - 1, -1):
            t = doc[k]
            code = self._qual_token(t, mentions)
            if code and posted is not None:
                return code if code in self.kb.actors and self.kb.actors[code].kind == "state" else posted
            if code and doc[last].lower_ in _DIPLOMATS and code in self.kb.actors and self.kb.actors[code].kind == "igo":
                posted = code
                continue
            if code:
                return code
            if t.lower_ in _BACKING and k > sent.start and doc[k - 1].text == "-":
                continue  # "Vietnamese-led forces", "Iranian-backed militias"
            if t.pos_ not in ("ADJ", "PROPN", "NOUN", "PART", "PUNCT") or t.text in (",", ";"):
                break
        if posted is not None:
            return posted
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
        if stance_prefixed(t.doc, t.i):
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
                if m.how == "metonym" and t.dep_ == "pobj" and actor is not None and actor.kind != "state":
                    return self.places.city_country(m.ref.text)  # "police in Brussels": the city, not the EU it stands for
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
                                                         None, None, f"{FORMER} {title}", s_char, e_char), "title")
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


def _extend(m: Mention, first: int, doc) -> Mention:
    """The same mention, its text and offsets extended left to token `first`."""
    if first >= m.start:
        return m
    r = m.ref
    ref = ActorRef(doc[first:m.end].text, r.actor_id, r.code, r.sector, r.name, r.role, doc[first].idx, r.end)
    return Mention(first, m.end, m.head, ref, m.how)


def is_titled(doc, start: int) -> bool:
    """A name right after a title word: 'President Hosni Mubarak', 'Foreign Minister X'."""
    return start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ in _TITLE_WORDS
