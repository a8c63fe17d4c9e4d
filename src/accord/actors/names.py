"""Names: the longest name of the knowledge base at a token, surnames of people already named or
in office, and named entities the knowledge base lacks (kept with their text, a country when a
qualifier or a city gives one, never a guessed actor)."""

from __future__ import annotations

from typing import cast

from spacy.tokens import Span, Token

from accord.actors.base import ResolverBase
from accord.actors.kb import FAMILY_NAME_FIRST, Entry, KnowledgeBase, norm
from accord.actors.mention import DocContext, How, Mention
from accord.actors.text import strip_article
from accord.actors.titles import title_at
from accord.lexicons import lexicon
from accord.nlp.model import entities
from accord.types import ActorRef

_THE = lexicon("definite_articles")
_TITLE_WORDS = lexicon("person_title_words")
_TITLE_SECTORS = ("GOV", "MIL", "LEG", "JUD")  # the state sectors a title gives an unknown person
_HONORIFICS = lexicon("honorifics")
_HOW_RANK = {"name": 0, "alias": 0, "metonym": 1, "capital": 2, "region": 3, "demonym": 4}
PLACE_LABELS = {"FAC", "LOC"}


class NameReader(ResolverBase):
    """Names, surnames and unknown named entities."""

    def __init__(self, kb: KnowledgeBase):
        super().__init__(kb)
        # every prefix of every name, so that a window of tokens stops growing as soon as no name
        # can begin like it (most tokens stop after one lookup)
        self._prefixes = {key[:k] for key in kb.names for k in range(1, len(key) + 1)}
        self.first_words: dict[str, int] = {}  # first word of a name -> most words in a name
        for key in kb.names:
            words = key.split()
            # "asia-pacific ..." starts at token "asia"; "people's liberation army" at token "people"
            for first in {words[0], words[0].split("-")[0], words[0].split("'")[0]}:
                self.first_words[first] = max(self.first_words.get(first, 0), len(words) + words[0].count("-"))

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
        bare = strip_article(text)
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

    def _unknown(self, doc, start: int, end: int, ent: Span, sent: Span, mentions: list[Mention]) -> Mention | None:
        """A named entity not in the knowledge base: its text, and its country when a qualifier
        says so ("U.S. Trade Representative Jamieson Greer" -> USAGOV, no actor id)."""
        code = None
        sector = None
        lone = end - start == 1 and not (start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound")
        given = start > sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
            and doc[start - 1].head.i == end - 1 and doc[start - 1].ent_type_ in ("", "PERSON") and end - start == 1
        known = self._s.ctx_unknown.get(doc[start].lower_) if end - start == 1 and not given \
            and ent.label_ in ("ORG", "NORP") else None
        if known is not None:  # "Balkhi", tagged an organisation, after "spokesperson Abdul Qahar Balkhi"
            self._s.ctx.last_unknown_person = (self._s.ctx.sentence, known)
            return Mention(start, end, ent.root.i, ActorRef(doc[start].text, None, known.code, known.sector, known.text,
                           None, doc[start].idx, doc[start].idx + len(doc[start])), "unresolved")
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
        if ent.label_ in PLACE_LABELS:
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
            elif org is None:
                sector = self._title_sector(doc, start, end, ent)
        text = doc[start:end].text
        ref = ActorRef(text, None, code, sector, None, None, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        if ent.label_ == "PERSON":
            if end - start > 1:
                self._s.ctx.unknown_surnames.add(doc[end - 1].lower_)
            known = self._s.ctx_unknown.get(doc[end - 1].lower_) if end - start == 1 else None
            if known is not None:  # "Greer" after "U.S. Trade Representative Jamieson Greer"
                ref = ActorRef(text, None, known.code, known.sector, known.text, None, ref.start, ref.end)
            elif (code or sector) and end - start > 1:
                self._s.ctx_unknown[doc[end - 1].lower_] = ref
            self._s.ctx.last_unknown_person = (self._s.ctx.sentence, ref)
        return Mention(start, end, ent.root.i, ref, "unresolved")


    def _title_sector(self, doc, start: int, end: int, ent: Span) -> str | None:
        """The sector an unknown person's title gives when nothing names their country: 'Defence
        Minister John Smiley' -> GOV, 'General Ali Osman' -> MIL, 'Senator Jane Roe' -> LEG, and
        'Redwan Hussien, the government spokesman' (an apposition) -> GOV; the country comes later
        from the story. Only the state sectors a title word has in agents.csv."""
        words = []
        if start > 0 and doc[start - 1].lower_ in _TITLE_WORDS and (doc[start - 1].text[:1].isupper()
                                                                     or self._plain_title(doc, start - 1)):
            words.append(doc[start - 1])
        root = ent.root
        words += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            words.append(root.head)
        for w in words:
            sector = self.kb.agents.get(w.lower_)
            if sector in _TITLE_SECTORS:
                return sector
        return None


    def _plain_title(self, doc, title: int) -> bool:
        """A lower-case title ('foreign ministry spokesperson X') counts when no word of the phrase
        before it names another sector ('rebel spokesman', 'police spokesman', 'opposition leader')."""
        sector = self.kb.agents.get(doc[title].lower_)
        k = title - 1
        while k >= 0 and doc[k].dep_ in ("compound", "amod", "nmod") and k >= title - 4:
            other = self.kb.agents.get(doc[k].lower_)
            if other is not None and other != sector:
                return False
            k -= 1
        return True


def trim_article(ent: Span) -> tuple[int, int]:
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].lower_ in _THE or ent.doc[start].lower_ == "'s"):
        start += 1
    while end > start and ent.doc[end - 1].lower_ in ("'s", "'"):
        end -= 1
    return start, end


def _in_longer_person(tok: Token) -> bool:
    ent = next((e for e in entities(tok.doc) if e.start <= tok.i < e.end), None)
    return ent is not None and ent.label_ == "PERSON" and len(ent) > 1
