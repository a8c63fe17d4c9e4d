"""The event coder: a parsed document in, typed Events out. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from accord.actors.kb import KnowledgeBase, default_kb
from accord.actors.resolve import DocContext, Mention, Resolver
from accord.events.arguments import (
    Arguments,
    MentionIndex,
    noun_arguments,
    place_targets,
    purpose_targets,
    verb_arguments,
)
from accord.events.codebook import Codebook, default_codebook
from accord.events.dates import resolve_date
from accord.events.modality import ModalityReading, read_modality
from accord.events.patterns import PatternSet, default_patterns
from accord.events.places import find_location, place_country
from accord.events.triggers import Trigger, find_triggers
from accord.lexicons import lexicon
from accord.types import INFERRED_ROLES, ActorRef, Document, Event, Location, stable_id
from accord.types import Span as TextSpan

DEFAULT_MIN_CONFIDENCE = 0.3
UNIDENTIFIED = "unidentified"  # the role of a source inferred from where an attack happened
IMPLIED = "implied"  # the role of a target inferred from who acted where (a protest at home)
assert {UNIDENTIFIED, IMPLIED} == INFERRED_ROLES

# A frame's CAMEO code refined by the PLOVER type of its content ("refused to meet" -> 125).
_FRAME_REFINE: dict[tuple[str, str], str] = {
    ("REJECT", "CONSULT"): "125", ("REJECT", "AID"): "122", ("REJECT", "COOPERATE"): "121",
    ("REJECT", "CONCEDE"): "123", ("REJECT", "RETREAT"): "124", ("REJECT", "AGREE"): "127",
    ("THREATEN", "ASSAULT"): "138", ("THREATEN", "SANCTION"): "1313", ("THREATEN", "COERCE"): "1312",
    ("THREATEN", "RETREAT"): "136", ("THREATEN", "PROTEST"): "133", ("THREATEN", "MOBILIZE"): "138",
    ("AGREE", "CONSULT"): "036", ("AGREE", "AID"): "033", ("AGREE", "COOPERATE"): "031",
    ("AGREE", "SUPPORT"): "032", ("AGREE", "RETREAT"): "035", ("AGREE", "CONCEDE"): "035",
    ("REQUEST", "CONSULT"): "026", ("REQUEST", "AID"): "023", ("REQUEST", "COOPERATE"): "021",
    ("REQUEST", "RETREAT"): "025", ("REQUEST", "CONCEDE"): "024", ("REQUEST", "SUPPORT"): "022",
}
_INTENT_CUES = lexicon("intent_cues")
_COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
_FORCEFUL = {"ASSAULT", "COERCE", "SANCTION"}  # a planned deployment stays MOBILIZE: to an ally it is no threat


def _refuses(tok: Token) -> bool:
    """Negated with will/would/can, or in the present ('does not recognize'): a refusal, not a
    report that something did not happen ('did not meet')."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "can", "ca", "shall", "do", "does")
               for c in tok.children)


_SHOW_VERBS = lexicon("show_verbs")
_NOT_EVENT_HEADS = lexicon("characterising_verbs")
_ECONOMIC = lexicon("economic_measures")


_COMMENTATORS = lexicon("commentator_words")


def _commentator(speaker: Token | None) -> bool:
    """Events an analyst or expert says could or did happen are opinion more often than news."""
    return speaker is not None and any(t.lemma_.lower() in _COMMENTATORS for t in speaker.subtree)


_PRESS_OBJECTS = lexicon("press_objects")
_NON_POLITICAL_OBJECTS = lexicon("non_political_objects")


def _questioned(tok: Token) -> bool:
    """A trigger in a question ('So why doesn't the U.S. give us the missile?') is not an assertion."""
    sent = tok.sent
    return any(t.text == "?" and t.i > tok.i for t in sent)


_STRUGGLE_OBJECTS = lexicon("struggle_objects")
_PRESCRIPTIVE = lexicon("prescriptive_words")


def _not_an_event(trig: Trigger) -> bool:
    """Trigger words in a non-event sense: 'poses a threat to NATO' (a characterization),
    'demonstrate naval strength' (to show), 'as opposed to', 'requesting comment' and 'declined to
    comment' (press work), 'pleaded not guilty' (a plea), 'battled blazes', 'exports declined'."""
    tok = trig.token
    lemma = trig.pattern.lemma
    objects = [c for c in tok.children if c.dep_ in ("dobj", "pobj", "xcomp", "attr", "acomp", "advmod")]
    words = {c.lower_ for c in objects} | {g.lower_ for c in objects for g in c.children if g.dep_ in ("dobj", "pobj")}
    if trig.pattern.pos == "verb" and words & _PRESS_OBJECTS:
        return True
    if lemma == "plead" and words & {"guilty", "innocent", "not"}:
        return True
    if lemma in ("battle", "fight", "combat", "attack", "tackle") and words & _NON_POLITICAL_OBJECTS:
        return True
    if lemma == "host" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("refugee", "migrant", "asylum", "displaced", "people")
                               for c in tok.children):
        return True  # "hosting refugees" is no visit
    if lemma in ("fight", "battle", "struggle") and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(o.lemma_.lower() in _STRUGGLE_OBJECTS for o in c.children)
            for c in tok.children):
        return True  # "fighting for their freedom": a struggle, not an attack
    if trig.pattern.pos == "verb" and tok.dep_ in ("xcomp", "advcl", "ccomp") and (
            tok.head.lemma_.lower() in _PRESCRIPTIVE
            or any(c.dep_ == "acomp" and c.lemma_.lower() in _PRESCRIPTIVE for c in tok.head.children)
            or (any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children)
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))):
        return True  # "crucial for Islamabad to negotiate", "necessary for India to help": a prescription
    if trig.pattern.pos == "verb" and trig.pattern.cameo[:2] in ("11", "12") and any(
            c.dep_ == "dobj" and any(d.lower_ in ("any", "all") and d.dep_ == "det" for d in c.children) for c in tok.children):
        return True  # "condemns any violence against civilians": a general stance, not an act
    if lemma == "decline" and trig.pattern.pos == "verb" and not any(
            c.dep_ in ("xcomp", "dobj", "ccomp") for c in tok.children):
        return True  # "exports declined by 5%": a fall, not a refusal
    if trig.pattern.pos == "noun" and tok.dep_ in ("dobj", "attr") and tok.head.lemma_.lower() in _NOT_EVENT_HEADS:
        return True
    if trig.pattern.lemma in _SHOW_VERBS and any(c.dep_ == "dobj" and c.i not in trig.extra for c in tok.children):
        return True  # "demonstrate naval strength", "rally support": showing, not protesting
    return tok.lower_ == "opposed" and any(c.lower_ == "as" for c in tok.children) or (
        tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as" and tok.lower_ == "opposed")


def _verbal_protest(trig: Trigger) -> str | None:
    """'X protested that ...': a protest in words is an official complaint (114, ACCUSE)."""
    if trig.pattern.lemma == "protest" and trig.pattern.pos == "verb" and any(
            c.dep_ in ("ccomp", "parataxis") for c in trig.token.children):
        return "114"
    return None


_CLAIMS = lexicon("claim_nouns")


def _denial(trig: Trigger) -> str | None:
    """'called the allegations baseless': naming a charge false is rejecting it (120), not criticism."""
    if trig.pattern.cue == "pred" and trig.pattern.cameo == "111" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _CLAIMS for c in trig.token.children):
        return "120"
    return None


def _economic(trig: Trigger) -> str | None:
    """'hit Canada with tariffs': a violent verb used for an economic measure is a sanction (163)."""
    if trig.pattern.cameo[:2] not in ("18", "19"):
        return None
    for prep in trig.token.children:  # "with tariffs", "by announcing tariffs"
        if prep.dep_ == "prep" and prep.lower_ in ("with", "by") and any(
                t.lemma_.lower() in _ECONOMIC for t in prep.subtree):
            return "163"
    return None


def _intent_code(plover: str, modality: str, cue: str | None) -> str | None:
    """An announced or promised action is an intention, as CAMEO and PLOVER code it: 'will send
    aid' expresses intent to cooperate (AGREE 033), 'would impose a blockade' threatens (THREATEN).
    Mere possibility ('could', 'may') is not an intention and keeps its type."""
    if modality not in ("future", "hypothetical", "conditional") or (cue or "") not in _INTENT_CUES:
        return None
    if plover in _COOPERATIVE:
        return _FRAME_REFINE.get(("AGREE", plover), "030")
    if plover in _FORCEFUL:
        return _FRAME_REFINE.get(("THREATEN", plover), "130")
    return None


# Actions on a place rather than a party: with no named target, the place is the target.
_PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "PROTEST", "CONCEDE", "RETREAT", "MOBILIZE", "AID"}
# Triggers that are events only when they address someone: warnings and "X said Y must".
_NEEDS_TARGET = {"frame:said-that-must", "verb:warn"}
_STATUS_WORDS = lexicon("standing_state_modifiers")
_TIME_FRAMES = lexicon("time_frame_nouns")
_ASIDES = lexicon("topic_or_time_preps")
_RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
_TARGETLESS_OK = {"PROTEST", "MOBILIZE", "RETREAT", "CONCEDE"}


_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Z][A-Za-z.'-]*){0,4}\s*,?\s*)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?(?:\([^)]{2,60}\)\s*)?[-\u2013\u2014]{1,2}\s+")


def dateline_end(text: str) -> int:
    """Characters of a wire dateline ("KYIV, Nov 13 (Wire) - ", "WASHINGTON — ") at the start."""
    m = _DATELINE.match(text[:160])
    if m is None or m.end() < 4:
        return 0
    head = m.group(0)
    return m.end() if any(w.isupper() and len(w) > 2 for w in head.replace(",", " ").split()) or "(" in head else 0


class Coder:
    """Callable: (spaCy Doc, Document) -> list[Event]."""

    def __init__(self, kb: KnowledgeBase | None = None, patterns: PatternSet | None = None,
                 codebook: Codebook | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE):
        self.kb = kb or default_kb()
        self.patterns = patterns or default_patterns()
        self.codebook = codebook or default_codebook()
        self.resolver = Resolver(self.kb)
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc, document: Document) -> list[Event]:
        ctx = DocContext(day=document.published or dt.date.today())
        events: list[Event] = []
        skip = dateline_end(document.text)
        for si, sent in enumerate(doc.sents):
            mentions = self.resolver(sent, ctx, skip_before=skip if si < 2 else 0)
            # no known actor: still code it, so a named but unknown subject ("Gachagua denied
            # the charges", "Opposition parties rejected the budget") keeps its text
            events.extend(self.code_sentence(sent, si, mentions, document))
        return [e for e in events if e.confidence >= self.min_confidence]

    def code_sentence(self, sent: Span, si: int, mentions: list[Mention], document: Document) -> list[Event]:
        triggers = find_triggers(sent, self.patterns)
        if not triggers:
            return []
        idx = MentionIndex(mentions)
        inner = _frame_contents(triggers)
        types = {t.token.i: self.codebook.get(t.pattern.cameo).plover_type for t in triggers}
        suppressed = {t.token.i for t in inner.values()} | _purposes(triggers, types) | _restated(triggers, types) \
            | _themes(triggers, idx) | _inside(triggers, inner)
        out: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Event] = {}
        for trig in triggers:
            if trig.token.i in suppressed:
                continue
            event = self._event(sent, si, trig, inner.get(trig.token.i), idx, document)
            if event is None:
                continue
            key = (event.type, tuple(a.code or a.text for a in event.sources), tuple(a.code or a.text for a in event.targets))
            if key not in out or out[key].confidence < event.confidence:
                out[key] = event
        events = _drop_subsumed(sorted(out.values(), key=lambda e: e.trigger.start))
        if any(_named_source(e) and e.confidence >= self.min_confidence for e in events):
            events = [e for e in events if _named_source(e)]  # an event nobody did, beside events someone did, is noise
        return events

    def _event(self, sent: Span, si: int, trig: Trigger, content: Trigger | None,
               idx: MentionIndex, document: Document) -> Event | None:
        args = verb_arguments(trig, idx) if trig.pattern.pos == "verb" and trig.anchor is None else noun_arguments(trig, idx)
        if not args.sources and not args.targets:
            return None
        if not args.targets and trig.pattern.rule in _NEEDS_TARGET:
            return None  # "warned of risks", "said the world should act": no one addressed
        if _not_an_event(trig):
            return None
        if trig.pattern.lemma in ("meet", "convene", "gather") and not trig.extra and not args.targets and len(args.sources) == 1 \
                and sent.doc[args.sources[0].head].tag_ in ("NN", "NNP"):
            return None  # "Israel's Cabinet met Sunday": a body meeting by itself is no interaction
        peacekeeping = False
        if trig.pattern.lemma == "arrive":
            # peacekeepers arriving are military protection (074); officials arriving visit;
            # troops or refugees arriving somewhere are neither
            peacekeeping = any("peacekeep" in t.lower_ for left in trig.token.lefts for t in left.subtree)
            officials = any((m.ref.code or "").endswith(("GOV", "IGO")) or (m.ref.code or "").startswith("IGO")
                            for m in args.sources)
            if not peacekeeping and not officials:
                return None
        if trig.pattern.cameo[:2] == "05" and not args.targets and trig.pattern.pos == "verb" and len(args.sources) < 2 \
                and any(c.dep_ == "dobj" and c.i not in trig.extra for c in trig.token.children):
            return None  # "recognized a difficult situation", "welcomed the rain": support needs someone
        if not args.sources and trig.pattern.cameo.startswith("087") and args.targets \
                and all(m.how in ("agent", "context") or m.ref.sector in ("MIL", "REB") for m in args.targets):
            # "guerrillas have been demobilized", "troops were withdrawn": the forces themselves retreat
            args = Arguments(args.targets, (), args.inherited)
        cameo = ("074" if peacekeeping else None) or _economic(trig) or _verbal_protest(trig) or _denial(trig) \
            or self._cameo(trig, content)
        entry = self.codebook.get(cameo)
        if not entry.plover_type:
            return None
        if cameo == "110" and not args.targets:
            return None  # "expressed concern about heightened tensions": disapproval of no one
        if entry.plover_type == "REQUEST" and any(m.ref.sector in ("MED", "JRN") for m in args.sources + args.targets):
            return None  # "VOA's email requesting comment", "told reporters": press work, not politics
        if not args.targets and entry.plover_type == "PROTEST":
            args = Arguments(args.sources, tuple(purpose_targets(trig.token, args.sources, idx)), args.inherited)
        if not args.targets and entry.plover_type in _PLACE_TARGET_TYPES:
            places = [m for m in place_targets(trig.token, idx, seat=entry.plover_type == "PROTEST") if m not in args.sources]
            args = Arguments(args.sources, tuple(places), args.inherited)
        reading = read_modality(trig.token, inner=content.token if content else None)
        if _in_speaker(trig.token):
            return None  # "a member of the team trying to broker a pact has said": who speaks, not what happened
        cameo = _intent_code(entry.plover_type, reading.modality, reading.cue) or cameo
        if reading.negated and reading.modality in ("future", "hypothetical", "negated") and \
                (reading.cue in _INTENT_CUES or reading.modality == "negated") and entry.plover_type in _COOPERATIVE | {"AGREE"} \
                and _refuses(trig.token):
            # "said it would not meet their demands", "will not allow": a refusal, asserted
            cameo = _FRAME_REFINE.get(("REJECT", entry.plover_type), "120")
            reading = ModalityReading("reported" if reading.speaker is not None else "asserted", None, reading.speaker)
        entry = self.codebook.get(cameo)
        doc = sent.doc
        location = find_location(trig.token)
        sources = tuple(m.ref for m in args.sources)
        if not sources and entry.plover_type == "ASSAULT" and reading.modality in ("asserted", "reported"):
            sources = _unidentified(location, trig)
        targets = tuple(m.ref for m in args.targets)
        if not targets and entry.plover_type in _DOMESTIC_TYPES and cameo[:2] in ("14", "17", "08"):
            targets = _implied_target(entry.plover_type, sources, location, trig, idx)
        attributed = None
        if reading.speaker is not None:
            found = idx.actors(reading.speaker)
            attributed = found[0].ref if found else ActorRef(reading.speaker.text, start=reading.speaker.idx,
                                                              end=reading.speaker.idx + len(reading.speaker))
        t_first, t_last = doc[trig.first], doc[trig.last]
        trigger_span = TextSpan(t_first.idx, t_last.idx + len(t_last), document.text[t_first.idx: t_last.idx + len(t_last)])
        ev_start = min([trig.first, *(m.start for m in args.sources + args.targets)])
        ev_end = max([trig.last + 1, *(m.end for m in args.sources + args.targets)])
        if content is not None:
            ev_end = max(ev_end, content.token.i + 1)
        evidence = TextSpan(doc[ev_start].idx, doc[ev_end - 1].idx + len(doc[ev_end - 1]),
                            document.text[doc[ev_start].idx: doc[ev_end - 1].idx + len(doc[ev_end - 1])])
        day, gran, date_text = resolve_date(sent, trig.token, document.published)
        return Event(
            id=stable_id(document.id, si, trigger_span.start, entry.plover_type),
            doc_id=document.id,
            sentence=sent.text.strip(),
            sentence_index=si,
            type=entry.plover_type,
            mode=entry.plover_mode,
            context=entry.plover_context,
            cameo=entry.code if cameo == entry.code else cameo,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            sources=sources,
            targets=targets,
            modality=reading.modality,
            attributed_to=attributed,
            date=day,
            date_granularity=gran,
            date_text=date_text,
            location=location,
            trigger=trigger_span,
            evidence=evidence,
            confidence=round(self._confidence(trig, args, entry.plover_type)
                             * (0.8 if reading.modality in ("hypothetical", "conditional", "negated") else 1.0)
                             * (0.45 if _commentator(reading.speaker) else 1.0)
                             * (0.5 if _questioned(trig.token) else 1.0), 2),
            trace=(trig.pattern.rule + (f">{content.pattern.rule}" if content else ""),),
        )

    def _cameo(self, trig: Trigger, content: Trigger | None) -> str:
        cameo = trig.pattern.cameo
        if content is None:
            return cameo
        outer = self.codebook.get(cameo).plover_type
        inner = self.codebook.get(content.pattern.cameo).plover_type
        return _FRAME_REFINE.get((outer, inner), cameo)

    @staticmethod
    def _confidence(trig: Trigger, args: Arguments, plover_type: str) -> float:
        conf = trig.pattern.confidence
        if not args.sources:
            conf *= 0.6
        elif not any(m.ref.code for m in args.sources):
            conf *= 0.75
        if args.inherited:
            conf *= 0.85
        if not args.targets and plover_type not in _TARGETLESS_OK and not (
                plover_type in _RECIPROCAL and len(args.sources) > 1):
            conf *= 0.85
        if any(m.how == "coref" for m in args.sources + args.targets):
            conf *= 0.9
        if plover_type == "REQUEST" and not args.targets:
            conf *= 0.7  # a request to no one named ("asked rhetorically") is weak evidence
        if trig.pattern.pos == "noun":
            conf *= 0.95
        tok = trig.token
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"):
            conf *= 0.55  # "property seized last year": background, told in passing
        elif tok.dep_ == "relcl":
            conf *= 0.6  # "a helicopter that was captured by ...": background too
        if any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in tok.children):
            conf *= 0.55  # "last month's invasion"
        if _background(tok):
            conf *= 0.4  # "when Idi Amin expelled them 18 years ago": history, not news
        if trig.pattern.pos == "noun" and (tok.dep_ == "pobj" and tok.head.lower_ == "under"
                                           and tok.head.head.lemma_.lower() != "come" or any(
                c.dep_ == "amod" and c.lower_ in _STATUS_WORDS for c in tok.children)):
            conf *= 0.4  # "a ship under U.S. sanctions", "the existing embargo": a standing state, not news
        elif trig.pattern.pos == "noun" and tok.dep_ == "pobj" and (tok.head.lower_ in _ASIDES or (
                tok.head.lower_ in ("of", "to", "for", "against") and tok.head.head.lemma_.lower() in _TIME_FRAMES)):
            conf *= 0.5  # "disagreed over U.S. aid", "on the eve of a visit": a topic or a time
        return round(min(max(conf, 0.01), 0.99), 2)


_YEARS_AGO = re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                        r"thirty|forty|fifty|several|many|some|a few)\s+(years|decades)\s+ago\b", re.I)
_DECADE = re.compile(r"\b(in|during|since)\s+the\s+(19|20)?\d0'?s\b|\bfor\s+(many\s+|several\s+)?(years|decades)\b"
                     r"|\bover\s+the\s+(past|last)\s+(few\s+|several\s+)?(years|decades)\b", re.I)


_BACKGROUND_WORDS = re.compile(r"\bago\b|\byears\b|\bdecades\b|0'?s\b", re.I)


def _background(tok: Token) -> bool:
    """An event its own clause dates years back ('18 years ago', 'in the 1970s', 'decades ago'):
    background the story recalls. Dates of other clauses do not count."""
    if not _BACKGROUND_WORDS.search(tok.sent.text):
        return False
    clause = tok
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    c = clause.i
    words = [t for t in clause.subtree if c in (t.head.i, t.head.head.i, t.head.head.head.i)]
    if not words:
        return False
    doc = tok.doc
    text = doc[min(t.i for t in words): max(t.i for t in words) + 1].text
    return bool(_YEARS_AGO.search(text) or _DECADE.search(text))


def _frame_contents(triggers: list[Trigger]) -> dict[int, Trigger]:
    """For each frame trigger ("refused", "threatened", "no intention"), the event it embeds:
    its infinitive or clause ("refused to meet"), or the nominal event that clause's light verb
    takes ("threatened to hold a general strike")."""
    by_token = {t.token.i: t for t in triggers}
    out: dict[int, Trigger] = {}
    for trig in triggers:
        if not trig.pattern.frame:
            continue
        for c in _content_candidates(trig.token):
            inner = by_token.get(c.i) or next(
                (by_token[g.i] for g in c.children if g.dep_ in ("dobj", "attr") and g.i in by_token), None)
            if inner is not None:
                out[trig.token.i] = inner
                break
    return out


def _content_candidates(tok: Token) -> list[Token]:
    """Clauses that can hold a frame's content, best first: 'refused to meet', 'demanded that ...',
    'intention of negotiating', a purpose infinitive."""
    first: list[Token] = []
    second: list[Token] = []
    third: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("xcomp", "ccomp"):
            first.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("of", "in", "to", "on", "for"):
            second.extend(g for g in child.children if g.dep_ in ("pcomp", "pobj"))
        elif child.dep_ in ("acl", "advcl") and any(a.lower_ in ("to", "that") for a in child.children):
            third.append(child)  # "a demand that Israel ease restrictions", "urged ... to allow"
    for c in list(first):  # "must be ready to mediate", "said it was willing to talk"
        first.extend(x for a in c.children if a.dep_ == "acomp" for x in a.children if x.dep_ == "xcomp")
    return first + second + third


_CONTAINERS = lexicon("container_nouns")


def _restated(triggers: list[Trigger], types: dict[int, str]) -> set[int]:
    """Nominal triggers that restate or only modify another event: 'agreed to provide 70 million
    dollars of aid' (one AID, not two), 'invasion forces' (a modifier, not an invasion)."""
    verbs = {t.token.i: t for t in triggers if t.pattern.pos == "verb"}
    out: set[int] = set()
    for trig in triggers:
        tok = trig.token
        if trig.pattern.pos != "noun" or trig.anchor is not None:
            continue
        if tok.dep_ == "compound" and tok.head.lemma_.lower() not in _CONTAINERS:
            out.add(tok.i)
            continue
        for anc in list(tok.ancestors)[:4]:
            if anc.i in verbs and types.get(anc.i) == types.get(tok.i):
                out.add(tok.i)
                break
    return out


_SPEECH = lexicon("reporting_verbs")


def _in_speaker(tok: Token) -> bool:
    """A trigger inside the description of whoever reports the news."""
    return any(anc.dep_ == "nsubj" and anc.head.lemma_.lower() in _SPEECH for anc in tok.ancestors)


def _inside(triggers: list[Trigger], inner: dict[int, Trigger]) -> set[int]:
    """Triggers that are words of another trigger ('meet the hostage-takers' demands': 'demands'),
    or lie inside what a frame embeds beyond its content ('threatened to resume attacks in an
    escalation of the intifada', 'refused to allow planes to land and evacuate observers')."""
    out: set[int] = set()
    spans = {i for t in triggers for i in t.extra}
    for trig in triggers:
        if trig.token.i in spans:
            out.add(trig.token.i)
    by_token = {t.token.i: t for t in triggers}
    for trig in triggers:
        if not trig.pattern.frame:
            continue
        content = inner.get(trig.token.i)
        keep = {trig.token.i, content.token.i if content is not None else -1}
        for clause in (c for c in trig.token.children if c.dep_ in ("xcomp", "ccomp")):
            if content is None and clause.i in by_token:
                continue  # a content the frame could not embed stays its own event
            for tok in clause.subtree:
                if tok.i in by_token and tok.i not in keep:
                    out.add(tok.i)  # "called on the parties to stop fighting": part of the request
    return out


_TOPIC_VERBS = lexicon("topic_verbs")


def _themes(triggers: list[Trigger], idx: MentionIndex) -> set[int]:
    """Triggers that are another event's theme rather than events: the aim of an action ('will
    visit Dakar to mediate', a purpose infinitive) and the thing an event acts on ('trying to
    broker a pact': the nominal object of a trigger verb, when it names no actors of its own)."""
    verbs = {t.token.i: t for t in triggers if t.pattern.pos == "verb"}
    out: set[int] = set()
    for trig in triggers:
        tok = trig.token
        if trig.pattern.pos == "noun" and tok.dep_ == "pobj" and tok.head.lower_ in ("over", "about", "for") \
                and (h := verbs.get(tok.head.head.i)) is not None and h.pattern.cameo[:2] == "11":
            out.add(tok.i)  # "complained over Turkish shelling": what the complaint is about
            continue
        if tok.dep_ in ("dobj", "xcomp", "pcomp") and tok.head.lemma_.lower() in _TOPIC_VERBS:
            out.add(tok.i)  # "expected to discuss upgrading defense ties": a topic, not an event
            continue
        head = verbs.get(tok.head.i)
        if head is None or head is trig or tok.i in head.extra:
            continue
        if trig.pattern.pos == "verb" and tok.dep_ == "advcl" and not head.pattern.frame and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            out.add(tok.i)
        elif trig.pattern.pos == "noun" and tok.dep_ == "dobj" and head.pattern.cue == "pred":
            out.add(tok.i)  # "called Moscow's strikes a war crime": what is judged is the judgement's content
        elif trig.pattern.pos == "noun" and trig.anchor is None and tok.dep_ == "dobj" and not any(
                t.i in idx.by_token for t in tok.subtree if t.i != tok.i):
            out.add(tok.i)  # but "support a deal between Britain and Mauritius" names its own parties
    return out


def _purposes(triggers: list[Trigger], types: dict[int, str]) -> set[int]:
    """'staged demonstrations to demand reforms', 'a hunger strike demanding his resignation': a
    demand that states a protest's aim is part of the protest, not a second event."""
    out: set[int] = set()
    for trig in triggers:
        tok = trig.token
        if types.get(tok.i) != "REQUEST" or tok.dep_ not in ("advcl", "xcomp", "acl", "conj", "pcomp"):
            continue
        head = tok.head
        near = {head.i, *(c.i for c in head.children if c.dep_ in ("dobj", "nsubj", "attr"))}
        if any(types.get(i) == "PROTEST" for i in near):
            out.add(tok.i)
    return out


def _named_source(e: Event) -> bool:
    return any(a.role != UNIDENTIFIED for a in e.sources)


def _unidentified(location: Location | None, trig: Trigger) -> tuple[ActorRef, ...]:
    """An attack nobody is named for ('killed by a roadside bomb near Samarra'): the source is an
    unidentified actor in the country where it happened, as CAMEO codes it. No actor id, no text
    offsets, role 'unidentified': consumers can tell it from a named actor."""
    country = location.country if location is not None else None
    if country is None:  # "a car bomb in eastern Beirut", "outside the Iraqi city of Basra"
        country = place_country(trig.token)
    if country is None:
        return ()
    return (ActorRef("unidentified attacker", None, country, None, None, UNIDENTIFIED),)


_DOMESTIC_TYPES = {"PROTEST", "COERCE", "CONCEDE"}


def _implied_target(plover_type: str, sources: tuple[ActorRef, ...], location: Location | None,
                    trig: Trigger, idx: MentionIndex) -> tuple[ActorRef, ...]:
    """A protest, a crackdown or an easing with no one named ('landowners began a hunger strike
    outside Parliament', 'police arrested 12', 'lifted the state of emergency'): at home, a protest
    addresses its government and a government's measure falls on its own people, as CAMEO codes
    them. Only when the source's country is known, the event happens there (or nowhere named) and
    the sentence names no other country. Role 'implied', no actor id, no text offsets."""
    countries = {a.code[:3] for a in sources if a.code and a.role != UNIDENTIFIED}
    if len(countries) != 1:
        return ()
    country = countries.pop()
    if country in ("IGO", "NGO", "IMG", "MNC"):
        return ()
    where = (location.country if location is not None else None) or place_country(trig.token)
    if where is not None and where != country:
        return ()
    named = {m.ref.code[:3] for m in idx.by_token.values() if m.ref.code}  # the index holds one sentence
    if named - {country}:
        return ()  # "Israel's crackdown on protests by Palestinians": someone else is in the story
    if plover_type == "PROTEST":
        return (ActorRef("(implied) government", None, country + "GOV", "GOV", None, IMPLIED),)
    if any(a.sector in ("GOV", "COP", "MIL", "JUD") for a in sources):
        return (ActorRef("(implied) population", None, country, None, None, IMPLIED),)
    return ()


def _drop_subsumed(events: list[Event]) -> list[Event]:
    """'met with Trump to discuss': an event of the same type and sources whose targets are a
    subset of another's in the same sentence is the same event."""
    def keys(refs: tuple[ActorRef, ...]) -> frozenset[str]:
        return frozenset(a.actor_id or a.code or a.text for a in refs)

    keep = []
    for e in events:
        if any(o is not e and o.type == e.type and keys(o.sources) == keys(e.sources)
               and keys(e.targets) < keys(o.targets) for o in events):
            continue
        keep.append(e)
    return keep
