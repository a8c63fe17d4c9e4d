"""The event coder: a parsed document in, typed Events out. Pure: no I/O.

The coder holds grammar and control flow only. What it knows of English is data: trigger rows
(data/patterns, data/rules/petrarch_verbs.csv), named lexicons (data/lexicons) and the rules of
data/rules/*.yaml, applied stage by stage (accord.events.rules.STAGES). Every event carries the
trace of the rules that made it; `explain` also records the rules that stopped an event.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal, cast

from spacy.tokens import Doc, Span, Token

from accord.actors.gazetteer import PLACE_ENTITY_LABELS, across_frontier
from accord.actors.kb import KnowledgeBase, default_kb
from accord.actors.resolve import DocContext, Mention, Resolver
from accord.events.arguments import (
    Arguments,
    MentionIndex,
    clause_subject_targets,
    condemned_act_doer,
    coordinated_proposer,
    finish_arguments,
    noun_arguments,
    object_party_targets,
    object_place_targets,
    place_targets,
    pronoun_object_antecedent,
    purpose_destination,
    purpose_targets,
    reciprocal_object,
    rejected_claim_accuser,
    saying_clause_targets,
    shared_object,
    verb_arguments,
)
from accord.events.codebook import Codebook, default_codebook
from accord.events.dates import resolve_event_date
from accord.events.fallback import unresolved_arguments
from accord.events.modality import ModalityReading, read_modality
from accord.events.patterns import PatternSet, default_patterns
from accord.events.places import Gazetteer, find_location, place_country
from accord.events.predicates import RuleContext
from accord.events.rules import Rule, RuleBook, default_rules
from accord.events.triggers import Trigger, find_triggers
from accord.lexicons import lexicon, table
from accord.types import INFERRED_ROLES, ActorRef, Document, Event, Location, Modality, stable_id
from accord.types import Span as TextSpan

DEFAULT_MIN_CONFIDENCE = 0.3
UNIDENTIFIED = "unidentified"  # the role of a source inferred from where an attack happened
IMPLIED = "implied"  # the role of a target inferred from who acted where (a protest at home)
_IMPLIED_PROTESTERS = "(implied) protesters"  # the source of a protest nobody is named for
assert {UNIDENTIFIED, IMPLIED} == INFERRED_ROLES
_STORY_BOUND_SECTORS = lexicon("story_bound_sectors")
_UNRESOLVED_PRONOUNS = lexicon("unresolved_pronouns") | lexicon("unresolved_object_pronouns")
_PLACE_OBJECT_PREPS = lexicon("place_object_preps")
_NOT_STATES = ("IGO", "NGO", "IMG", "MNC", "EUR", "WST", "AFR", "ASA", "MEA")  # codes that name no one state
_FRAME_CONTENT_PREPS = lexicon("frame_content_preps")
# a state acting at home: the event types and source sectors whose uncoded targets are its own people
_DOMESTIC_TYPES = lexicon("domestic_action_types")
_GOV_KIND_MODIFIERS = lexicon("government_kind_modifiers")  # "the federal government": whose, the story says
_DOMESTIC_SECTORS = lexicon("domestic_action_sectors")
_INSTITUTIONS = lexicon("institution_nouns") | lexicon("government_nouns")
_FIRST_PERSON = lexicon("first_person_pronouns")
_STATE_GROUPS = lexicon("group_of_states_nouns")
_LEADER_GROUPS = lexicon("group_of_leaders_nouns")
_GROUP_NOUNS = _STATE_GROUPS | _LEADER_GROUPS
_NGO_KINDS = lexicon("ngo_kind_modifiers")
_NGO_BODIES = lexicon("ngo_body_nouns")
_PAIR = lexicon("pair_determiners")
_COUNTS = {r["word"].lower(): int(r["count"]) for r in table("count_words")}
_THE = lexicon("definite_articles")
_CONTENT_CLAUSE_MARKERS = lexicon("content_clause_markers")
_STATEMENT_LIGHT_VERBS = lexicon("statement_light_verbs")

# What an argument rule does (`then: {args: ...}`): the targets are the sources (forces that
# retreat), sources and targets change places (a recipient subject: "received a loan from the
# IMF"), the targets are named in a protest's aim or are the place, or an inferred actor is added:
# an unidentified attacker, an implied target, the police of the place of an arrest.
ArgumentAction = Literal["targets-as-sources", "swap", "purpose-targets", "place-targets", "object-place-targets",
                         "rejected-claim-accuser", "condemned-act-doer", "pronoun-object-antecedent", "clause-subject-targets",
                         "coordinated-proposer", "saying-clause-targets", "object-party-targets",
                         "purpose-destination", "shared-object", "reciprocal-object",
                         "unidentified-source", "implied-target", "implied-police", "implied-protesters", "story-target"]
# How a recode refines a frame's code (`then: {refine: content}`): by the type of its content.
Refinement = Literal["content"]


@lru_cache(maxsize=1)
def frame_codes() -> dict[tuple[str, str], str]:
    """(frame type, content type) -> CAMEO code, from data/rules/frame_codes.csv."""
    text = (resources.files("accord") / "data" / "rules" / "frame_codes.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))))
    return {(r["outer"], r["inner"]): r["cameo"] for r in rows}


@dataclass(frozen=True)
class SentenceState:
    """A sentence and what the coder knows by then (`Coder.sentence_states`)."""

    index: int
    sent: Span
    mentions: list[Mention]
    doc_country: str | None
    story_country: str | None
    previous_states: tuple[str, ...]


@dataclass
class Note:
    """One line of an explanation: what happened to a trigger, and the rule that did it."""

    sentence_index: int
    trigger: str  # the trigger's words
    rule: str  # the trigger rule's id
    outcome: str  # found | suppressed | vetoed | no-arguments | no-type | kept | merged | below-threshold
    by: str | None = None  # the id of the rule that decided
    trace: tuple[str, ...] = ()
    detail: str = ""
    start: int = -1  # the character offset of the trigger's first word in the document (-1: unknown)


@dataclass
class Explanation:
    """What `Coder.explain` returns: the events, and a note for every trigger of every sentence."""

    events: list[Event]
    notes: list[Note] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


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
                 codebook: Codebook | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                 rules: RuleBook | None = None):
        self.kb = kb or default_kb()
        self.patterns = patterns or default_patterns()
        self.codebook = codebook or default_codebook()
        self.rules = rules or default_rules()
        self.frames = frame_codes()
        self.resolver = Resolver(self.kb)
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc, document: Document) -> list[Event]:
        return self._code(doc, document, None)

    def explain(self, doc: Doc, document: Document) -> Explanation:
        """The events of a document, with a note for each trigger: the rules that made, changed or
        stopped it (the question a user asks most: why was this coded, or not?)."""
        out = Explanation([], [], [s.text.strip() for s in doc.sents])
        out.events = self._code(doc, document, out.notes)
        return out

    def sentence_states(self, doc: Doc, document: Document) -> Iterator[SentenceState]:
        """Each sentence in order with what the coder knows by then: its mentions, the country the
        document names most so far, the story's country before it and the states the sentence
        before names (the arguments of `code_sentence`). Resolving is stateful, so the sentences
        must be taken in order, each once."""
        ctx = DocContext(day=document.published or dt.date.today())
        skip = dateline_end(document.text)
        countries: Counter[str] = Counter()  # the countries the document has named so far
        previous: tuple[str, ...] = ()  # the states the sentence before names, in order
        for si, sent in enumerate(doc.sents):
            mentions = self.resolver(sent, ctx, skip_before=skip if si < 2 else 0)
            story = _story_country(countries)  # what the sentences before this one are about
            countries.update(m.ref.code[:3] for m in mentions if m.ref.code and m.ref.code[:3] not in _NOT_STATES)
            # no known actor: still code it, so a named but unknown subject ("Gachagua denied
            # the charges", "Opposition parties rejected the budget") keeps its text
            main = countries.most_common(1)[0][0] if countries else None
            yield SentenceState(si, sent, mentions, main, story, previous)
            previous = _states_named(mentions, self.kb)

    def _code(self, doc: Doc, document: Document, notes: list[Note] | None) -> list[Event]:
        events: list[Event] = []
        for st in self.sentence_states(doc, document):
            events.extend(self.code_sentence(st.sent, st.index, st.mentions, document, notes, st.doc_country,
                                             st.story_country, st.previous_states))
        kept = [e for e in events if e.confidence >= self.min_confidence]
        if notes is not None:
            for e in events:
                if e.confidence < self.min_confidence:
                    notes.append(Note(e.sentence_index, e.trigger.text, e.rule, "below-threshold", None, e.trace,
                                      f"confidence {e.confidence} < {self.min_confidence}", e.trigger.start))
        return kept

    def code_sentence(self, sent: Span, si: int, mentions: list[Mention], document: Document,
                      notes: list[Note] | None = None, doc_country: str | None = None,
                      story_country: str | None = None, previous_states: tuple[str, ...] = ()) -> list[Event]:
        """The events of one sentence. `doc_country`: the country the document names most so far,
        which unresolved people take when their sentence names no country at all; `story_country`:
        the country the sentences before this one name most (`_story_country`), which unresolved
        actors take when their sentence names no other."""
        triggers = find_triggers(sent, self.patterns)
        if not triggers:
            return []
        idx = MentionIndex(mentions)
        inner = _frame_contents(triggers)
        types = {t.token.i: self.codebook.get(t.pattern.cameo).plover_type for t in triggers}
        out: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Event] = {}
        for trig in triggers:
            ctx = RuleContext(trig, sent, content=inner.get(trig.token.i), triggers=triggers, types=types,
                              inner=inner, idx=idx, doc_country=doc_country, story_country=story_country,
                              previous_states=previous_states)
            suppressed = self.rules.first("suppress", ctx)
            if suppressed is not None:
                _note(notes, si, trig, "suppressed", suppressed.id)
                continue
            event = self._event(ctx, si, document, notes)
            if event is None:
                continue
            key = (event.type, tuple(a.code or a.text for a in event.sources), tuple(a.code or a.text for a in event.targets))
            if key not in out or out[key].confidence < event.confidence:
                if key in out:
                    _note(notes, si, out[key].trigger, "merged", None, "same type and actors as a stronger event")
                out[key] = event
            else:
                _note(notes, si, event.trigger, "merged", None, "same type and actors as a stronger event")
        events = _drop_subsumed(sorted(out.values(), key=lambda e: e.trigger.start))
        if any(_named_source(e) and e.confidence >= self.min_confidence for e in events):
            events = [e for e in events if _named_source(e)]  # an event nobody did, beside events someone did, is noise
        if notes is not None:
            for e in events:
                notes.append(Note(si, e.trigger.text, e.rule, "kept", None, e.trace,
                                  f"{e.type} {e.cameo} {e.modality} {e.confidence}", e.trigger.start))
        return events

    def _event(self, ctx: RuleContext, si: int, document: Document, notes: list[Note] | None) -> Event | None:
        trig, content, idx, sent = ctx.trig, ctx.content, ctx.idx, ctx.sent
        assert sent is not None
        args = verb_arguments(trig, idx) if trig.pattern.pos == "verb" and trig.anchor is None else noun_arguments(trig, idx)
        unresolved = False
        if not args.sources and not args.targets:
            # no known actor: keep the event with the words the grammar names (events/fallback.py)
            args, nominal = unresolved_arguments(trig, idx)
            unresolved = True
            if not args.sources and not args.targets and not nominal:
                _note(notes, si, trig, "no-arguments", None, "no actor found as source or target")
                return None
        ctx.args = args
        vetoed = self.rules.first("veto", ctx)
        if vetoed is not None:
            _note(notes, si, trig, "vetoed", vetoed.id)
            return None
        trace = [trig.pattern.id] + ([f"content:{content.pattern.id}"] if content is not None else [])
        rule = self.rules.first("arguments", ctx)
        if rule is not None:
            args = self._arguments(rule, ctx)
            trace.append(rule.id)
        recode = self.rules.first("recode", ctx)
        cameo = self._recode(recode, ctx) if recode is not None else trig.pattern.cameo
        if recode is not None and cameo != trig.pattern.cameo:
            trace.append(recode.id)
        entry = self.codebook.get(cameo)
        if not entry.plover_type:
            _note(notes, si, trig, "no-type", recode.id if recode else None, f"CAMEO {cameo} has no PLOVER type")
            return None
        ctx.cameo, ctx.plover_type = cameo, entry.plover_type
        vetoed = self.rules.first("veto.typed", ctx)
        if vetoed is not None:
            _note(notes, si, trig, "vetoed", vetoed.id)
            return None
        for rule in self.rules.each("arguments.typed", ctx):
            before = args
            args = self._arguments(rule, ctx)
            if args != before or not _finds_targets(rule):
                trace.append(rule.id)
        reading = read_modality(trig.token, inner=content.token if content else None)
        ctx.reading = reading
        rule = self.rules.first("recode.modality", ctx)
        if rule is not None:
            cameo = self._recode(rule, ctx)
            trace.append(rule.id)
            if isinstance(rule.then, dict) and rule.then.get("modality"):
                modality: Modality = cast(Modality, str(rule.then["modality"]))  # an act done by speaking: asserted
                reading = ModalityReading(modality, reading.cue, reading.speaker)  # the cue stays for the confidence
        entry = self.codebook.get(cameo)
        ctx.cameo, ctx.plover_type, ctx.reading = cameo, entry.plover_type, reading
        vetoed = self.rules.first("veto.modality", ctx)
        if vetoed is not None:
            _note(notes, si, trig, "vetoed", vetoed.id)
            return None
        doc = sent.doc
        location = find_location(trig.token, self.resolver.places)
        where = (location.country if location is not None else None) or (
            place_country(trig.token, self.resolver.places) if unresolved else None)
        named = {m.ref.code[:3] for m in idx.by_token.values() if m.ref.code}
        home = ctx.doc_country if where is None and not named else None  # the sentence names no country
        # the story's country, when the sentence names no other state (an international body or a
        # foreign NGO names none: "Human Rights Watch accused soldiers", "the UN urged the
        # authorities") and sets its event nowhere else
        # ("near the Colombian border" names the far side of a frontier, not a state of the event)
        states = {m.ref.code[:3] for m in idx.by_token.values() if m.ref.code and m.ref.code[:3] not in _NOT_STATES
                  and not across_frontier(doc[m.start], sent.root)}
        story = ctx.story_country if states <= {ctx.story_country} and where in (None, ctx.story_country) else None
        sole = None  # without a story country, the one country the sentence names, for unknown people
        # acted on ("U.N. rapporteur Lena Marsh criticized the Taliban" makes her no Afghan)
        if story is None and len(named) == 1 and not named.intersection(_NOT_STATES) and where in (None, *named):
            sole = next(iter(named))
        speaker = idx.actors(reading.speaker) if reading.speaker is not None else []
        said_by = next((m.ref.code for m in speaker if m.ref.code), None)  # "I", "we" in a quote
        placed = [_placed(m, where, home, doc, story, None, ctx.story_country, said_by) for m in args.sources]
        sources = tuple(r for r, _ in placed)
        inferred = [f"country.{how}" for _, how in placed if how]
        placed = [_placed(m, where, home, doc, story, sole, ctx.story_country, said_by,
                          kind_story=ctx.story_country if where in (None, ctx.story_country) else None)
                  for m in args.targets]
        targets = tuple(r for r, _ in placed)
        inferred += [f"country.{how}" for _, how in placed if how]
        here = _states_named(list(idx.by_token.values()), self.kb)
        sources, grouped = _group_of_states(sources, args.sources, doc, here, ctx.previous_states)
        targets, grouped_t = _group_of_states(targets, args.targets, doc, here, ctx.previous_states)
        inferred += ["country.group"] if grouped or grouped_t else []
        if entry.plover_type.lower() in _DOMESTIC_TYPES and any(not a.code for a in targets):
            targets, domestic = _domestic_targets(sources, targets, args.targets, idx, doc)
            inferred += ["country.domestic"] if domestic else []
        targets = _same_code_once(targets)
        ctx.inferred = tuple(dict.fromkeys(inferred))
        trace.extend(ctx.inferred)
        for rule in self.rules.each("arguments.final", ctx):
            how: ArgumentAction | None = rule.then.get("args") if isinstance(rule.then, dict) else None
            if how == "unidentified-source" and not sources:
                sources = _unidentified(location, trig, self.resolver.places)
            elif how == "implied-target" and not targets:
                targets = _implied_target(entry.plover_type, sources, location, trig, idx, self.resolver.places)
            elif how == "implied-police" and not sources:
                sources = _implied_police(location, trig, self.resolver.places)
            elif how == "implied-protesters" and not sources:
                sources = _implied_protesters(location, trig, self.resolver.places)
            elif how == "story-target" and not targets and (implied := _story_target(
                    ctx.story_country, states, where or (location.country if location else None))):
                targets = implied
            else:
                continue
            trace.append(rule.id)
        trace.extend(dict.fromkeys(f"arg.source.{m.how}" for m in args.sources))
        trace.extend(dict.fromkeys(f"arg.target.{m.how}" for m in args.targets))
        confidence = self._confidence(ctx, trace)
        attributed = None
        if reading.speaker is not None:
            found = idx.actors(reading.speaker)
            attributed = found[0].ref if found else ActorRef(reading.speaker.text, start=reading.speaker.idx,
                                                              end=reading.speaker.idx + len(reading.speaker))
        if reading.cue:
            trace.append(f"modality.{reading.modality}:{reading.cue}")
        t_first, t_last = doc[trig.first], doc[trig.last]
        trigger_span = TextSpan(t_first.idx, t_last.idx + len(t_last), document.text[t_first.idx: t_last.idx + len(t_last)])
        ev_start = min([trig.first, *(m.start for m in args.sources + args.targets)])
        ev_end = max([trig.last + 1, *(m.end for m in args.sources + args.targets)])
        if content is not None:
            ev_end = max(ev_end, content.token.i + 1)
        evidence = TextSpan(doc[ev_start].idx, doc[ev_end - 1].idx + len(doc[ev_end - 1]),
                            document.text[doc[ev_start].idx: doc[ev_end - 1].idx + len(doc[ev_end - 1])])
        when = resolve_event_date(sent, trig.token, document.published)
        return Event(
            id=stable_id(document.id, si, trigger_span.start, entry.plover_type),
            doc_id=document.id,
            sentence=document.text[sent.start_char:sent.end_char].strip(),  # the original case
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
            date=when.date,
            date_granularity=when.granularity,
            date_text=when.text,
            date_end=when.end,
            background=when.background,
            location=location,
            trigger=trigger_span,
            evidence=evidence,
            confidence=confidence,
            trace=tuple(trace),
        )

    def _arguments(self, rule: Rule, ctx: RuleContext) -> Arguments:
        """Apply an argument rule's action to the context's arguments (and update the context)."""
        args: Arguments = ctx.args
        how: ArgumentAction | None = rule.then.get("args") if isinstance(rule.then, dict) else None
        if how == "targets-as-sources":  # "troops were withdrawn": the forces themselves retreat
            args = Arguments(args.targets, (), args.inherited)
        elif how == "swap":  # "received a loan from the IMF": the giver is the source, the recipient the target
            args = Arguments(args.targets, args.sources, args.inherited)
        elif how == "purpose-targets":
            args = Arguments(args.sources, tuple(purpose_targets(ctx.tok, args.sources, ctx.idx)), args.inherited)
        elif how == "place-targets":
            places = [m for m in place_targets(ctx.tok, ctx.idx, seat=ctx.plover_type == "PROTEST") if m not in args.sources]
            args = Arguments(args.sources, tuple(places), args.inherited)
        elif how == "reciprocal-object":  # "accused each other": the sources are the targets too
            if reciprocal_object(ctx.tok) and any(m.ref.code for m in args.sources):
                args = Arguments(args.sources, args.sources, args.inherited)
        elif how in _TARGET_STRATEGIES:
            args = finish_arguments(list(args.sources), _TARGET_STRATEGIES[how](ctx.tok, ctx.idx, args.sources), args.inherited)
        else:
            raise ValueError(f"rule {rule.id}: unknown argument action {how!r}")
        ctx.args = args
        return args

    def _recode(self, rule: Rule, ctx: RuleContext) -> str:
        """The CAMEO code a recode rule gives: a code, the frame refined by its content, or the
        current type as the content of a frame (an intention, a refusal)."""
        then = rule.then if isinstance(rule.then, dict) else {}
        if "cameo" in then:
            return str(then["cameo"])
        refine: Refinement | None = then.get("refine")
        if refine == "content":
            outer = self.codebook.get(ctx.trig.pattern.cameo).plover_type
            inner = self.codebook.get(ctx.content.pattern.cameo).plover_type
            return self.frames.get((outer, inner), ctx.trig.pattern.cameo)
        if "frame" in then:
            frame = str(then["frame"])
            return self.frames.get((frame, ctx.plover_type or ""), self.frames[(frame, "default")])
        if "modality" in then and ctx.cameo:
            return ctx.cameo  # a rule that only reads the modality anew keeps the code
        raise ValueError(f"rule {rule.id}: a recode gives cameo, refine or frame")

    def _confidence(self, ctx: RuleContext, trace: list[str]) -> float:
        conf = ctx.trig.pattern.confidence
        for rule in self.rules.matching("confidence", ctx):
            conf *= rule.factor
            trace.append(f"{rule.id} x{rule.factor:g}")
        conf = round(min(max(conf, 0.01), 0.99), 2)
        for rule in self.rules.matching("confidence.reading", ctx):
            conf *= rule.factor
            trace.append(f"{rule.id} x{rule.factor:g}")
        return round(conf, 2)


_TARGET_STRATEGIES = {  # an argument rule's `args` that finds the targets from the trigger alone
    "object-place-targets": object_place_targets,
    "rejected-claim-accuser": rejected_claim_accuser,
    "condemned-act-doer": condemned_act_doer,
    "pronoun-object-antecedent": pronoun_object_antecedent,
    "clause-subject-targets": clause_subject_targets,
    "coordinated-proposer": coordinated_proposer,
    "saying-clause-targets": saying_clause_targets,
    "object-party-targets": object_party_targets,
    "purpose-destination": purpose_destination,
    "shared-object": shared_object,
}


def _finds_targets(rule: Rule) -> bool:
    """A rule whose strategy only looks for targets (it is traced only when it finds some)."""
    return isinstance(rule.then, dict) and rule.then.get("args") in _TARGET_STRATEGIES


def _note(notes: list[Note] | None, si: int, trig: Trigger | TextSpan, outcome: str, by: str | None,
          detail: str = "") -> None:
    if notes is None:
        return
    if isinstance(trig, TextSpan):
        notes.append(Note(si, trig.text, "", outcome, by, (), detail, trig.start))
    else:
        words = " ".join(trig.token.doc[i].text for i in sorted({trig.token.i, *trig.extra}))
        notes.append(Note(si, words, trig.pattern.id, outcome, by, (), detail, trig.token.doc[trig.first].idx))


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
        elif child.dep_ == "prep" and child.lower_ in _FRAME_CONTENT_PREPS:
            second.extend(g for g in child.children if g.dep_ in ("pcomp", "pobj"))
        elif child.dep_ in ("acl", "advcl") and any(a.lower_ in _CONTENT_CLAUSE_MARKERS for a in child.children):
            third.append(child)  # "a demand that Israel ease restrictions", "urged ... to allow"
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _STATEMENT_LIGHT_VERBS \
            and not first + second + third:
        # "reiterated its demand today that Israel ease restrictions": the parser hangs the noun's
        # clause on the verb of saying that takes the noun
        third.extend(c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i
                     and any(a.dep_ == "mark" and a.lower_ in _CONTENT_CLAUSE_MARKERS for a in c.children))
    for c in list(first):  # "must be ready to mediate", "said it was willing to talk"
        first.extend(x for a in c.children if a.dep_ == "acomp" for x in a.children if x.dep_ == "xcomp")
    return first + second + third


def _named_source(e: Event) -> bool:
    """A source the text names: not an unidentified attacker, nor protesters inferred from the place."""
    return any(a.role != UNIDENTIFIED and a.text != _IMPLIED_PROTESTERS for a in e.sources)


def _unidentified(location: Location | None, trig: Trigger, places: Gazetteer) -> tuple[ActorRef, ...]:
    """An attack nobody is named for ('killed by a roadside bomb near Samarra'): the source is an
    unidentified actor in the country where it happened, as CAMEO codes it. No actor id, no text
    offsets, role 'unidentified': consumers can tell it from a named actor."""
    country = location.country if location is not None else None
    if country is None:  # "a car bomb in eastern Beirut", "outside the Iraqi city of Basra"
        country = place_country(trig.token, places)
    if country is None:
        return ()
    return (ActorRef("unidentified attacker", None, country, None, None, UNIDENTIFIED),)


def _same_code_once(refs: tuple[ActorRef, ...]) -> tuple[ActorRef, ...]:
    """'demonstrated against the government in Belgrade': an actor the knowledge base does not hold
    that took the code of another one named beside it is the same actor, listed once."""
    codes = {r.code for r in refs if r.code and r.actor_id}
    out: list[ActorRef] = []
    for r in refs:
        if r.code and not r.actor_id and (r.code in codes or any(o.code == r.code for o in out)):
            continue
        out.append(r)
    return tuple(out) if len(out) != len(refs) else refs


def _story_country(countries: Counter[str]) -> str | None:
    """The country a story is about: the one its sentences so far name most, when no other is
    named as often (a tie is no story country)."""
    top = countries.most_common(2)
    if not top or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


def _placed(m: Mention, where: str | None, home: str | None, doc: Doc, story: str | None = None,
            sole: str | None = None, story_any: str | None = None,
            said_by: str | None = None, kind_story: str | None = None) -> tuple[ActorRef, str | None]:
    """An unresolved group takes the country of the place the sentence sets its event in
    ("Herders clashed with farmers in central Nigeria"); any unresolved actor, people and pronouns
    included, takes the country the document names most when its sentence names no country at all
    ("He was released in May" in a story about Haiti). Failing both, an actor without a code
    (an unknown name, a pronoun, a bare agent such as "the military") takes the story's country
    (`story`: the country the story has named most, when the sentence names no other country):
    "authorities arrested Zamora" in a story about Guatemala. Without a story country, an unknown
    person (a name the tagger calls a person, a pronoun) takes the one country its sentence names
    (`sole`: "Minister Aftab Sherpao of Pakistan allowed Maulana Rehman to rally"). The second value says how a country was
    inferred ("story", "sentence"), None when it was not or came from the sentence's place; the
    actor id stays null. A state's institution named bare ("the government", "the military") takes
    the story's country (`story_any`) even when its sentence names another country. A first-person
    pronoun takes the code of the quote's speaker (`said_by`, "speaker"), never a place's or story's.
    A target named by its kind alone, of a sector no state's institution holds (@story_bound_sectors:
    "rebels", "militants", "followers", "civilians"), takes the story's country (`kind_story`) even
    when its sentence names another state: "Moscow urged rebels to pull out" in a story about Syria."""
    r = m.ref
    if r.code or r.actor_id is not None:
        return r, None
    head = doc[m.head]
    if head.lower_ in _NGO_BODIES and any(c.lower_ in _NGO_KINDS for c in head.subtree if c.i < head.i):
        return dataclasses.replace(r, code="NGO", sector="NGO"), None  # "rights groups", "aid agencies"
    if r.text.lower() in _FIRST_PERSON:  # "I urge the Taliban ...," the envoy said: the speaker, or no one
        return (dataclasses.replace(r, code=said_by), "speaker") if said_by else (r, None)
    if doc[m.head].lower_ in _GROUP_NOUNS and not _qualified_group(doc[m.head]):
        return r, None  # "the two countries": the states named (_group_of_states), not one guessed
    person = m.how == "unresolved" and (r.text.lower() in _UNRESOLVED_PRONOUNS or doc[m.head].ent_type_ == "PERSON")
    if m.how == "unresolved":
        country = home if (person or where is None) else where
        if country:  # an unknown titled person keeps the title's sector ("Defence Minister X" -> GOV)
            return dataclasses.replace(r, code=country + (r.sector or "")), None
    head = doc[m.head]
    # "from Kherson", "the Lachin corridor": a place or a name's modifier, whatever the tagger says
    at_place = (head.dep_ == "pobj" and head.head.lower_ in _PLACE_OBJECT_PREPS) or \
        (head.dep_ == "compound" and head.head.ent_type_ != "PERSON")
    if story is None and sole is not None and head.ent_type_ == "PERSON" and m.how == "unresolved" and not at_place:
        return dataclasses.replace(r, code=sole), "sentence"  # an unknown name, not a pronoun ("He met Putin")
    if story is None and kind_story is not None and m.how == "agent" and (r.sector or "").lower() in _STORY_BOUND_SECTORS:
        story = kind_story  # "Islamabad blamed the attacks on militants" in a story about Pakistan
    if story is None and story_any is not None and m.how in ("unresolved", "agent") and _definite_institution(doc[m.head]):
        story = story_any  # "the government sent soldiers into Somalia" in a story about Kenya
    if story is None or m.how not in ("unresolved", "agent", "coref") or head.ent_type_ in PLACE_ENTITY_LABELS \
            or (at_place and head.ent_type_ == "PERSON"):
        return r, None  # a place the gazetteer lacks ("its pullout from Kherson") is no actor of the story's country
    return dataclasses.replace(r, code=story + (r.sector or "")), "story"


def _states_named(mentions: list[Mention], kb: KnowledgeBase) -> tuple[str, ...]:
    """The states a sentence's mentions name (by their code's country), in the order of the text."""
    out: dict[str, None] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        c = m.ref.code[:3] if m.ref.code else ""
        if c in kb.actors and kb.actors[c].kind == "state" and m.ref.role not in INFERRED_ROLES:
            out[c] = None
    return tuple(out)


def _qualified_group(head: Token) -> bool:
    """'Student leaders', 'union leaders', 'opposition leaders': a plural that a noun qualifies
    and no determiner or number counts stands for a group of the story's people, not for the states
    just named ('the two leaders', 'both countries' are _group_of_states')."""
    kids = list(head.children)
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in kids) and \
        not any(c.dep_ in ("det", "nummod", "predet", "poss") for c in kids)


def _group_of_states(refs: tuple[ActorRef, ...], mentions: tuple[Mention, ...], doc: Doc, here: tuple[str, ...],
                     before: tuple[str, ...]) -> tuple[tuple[ActorRef, ...], bool]:
    """'the two countries', 'both leaders', 'the three nations', 'the prime ministers': an uncoded
    plural that stands for the states just named becomes one actor per state (their governments for
    leaders): the states its own sentence names, else those it and the sentence before name, when
    their number is the one the phrase counts (two for 'both'; any number above one for a bare
    'the'). Otherwise the phrase stays uncoded: no one state is guessed for it."""
    if len(refs) != len(mentions) or not any(not r.code for r in refs):
        return refs, False
    out: list[ActorRef] = []
    for r, m in zip(refs, mentions, strict=True):
        head = doc[m.head]
        leaders = head.lower_ in _LEADER_GROUPS
        if r.code or r.actor_id or not (head.lower_ in _STATE_GROUPS or leaders):
            out.append(r)
            continue
        count = next((_COUNTS.get(c.lower_) for c in head.children if c.dep_ == "nummod"), None)
        if any(c.lower_ in _PAIR for c in head.children if c.dep_ in ("det", "predet", "preconj")):
            count = 2
        bare = count is None and any(c.lower_ in _THE for c in head.children if c.dep_ == "det")
        others = {x.code[:3] for x in refs if x.code}
        near = [s for s in here if s not in others]
        wide = [s for s in dict.fromkeys((*before, *here)) if s not in others]
        states = next((c for c in (near, wide) if len(c) >= 2 and (bare or count == len(c))), [])
        if not states:
            out.append(r)
            continue
        out.extend(dataclasses.replace(r, code=st + ("GOV" if leaders else ""), sector="GOV" if leaders else r.sector)
                   for st in states)
    return tuple(out), len(out) != len(refs)


def _definite_institution(head: Token) -> bool:
    """'the government', 'the military', 'the police': a state's institution named bare, with the
    definite article and no word that says whose (@institution_nouns, @government_nouns)."""
    if head.lower_ not in _INSTITUTIONS:
        return False
    kids = [c for c in head.children if c.i < head.i]
    return any(c.dep_ == "det" and c.lower_ in _THE for c in kids) and not any(
        c.dep_ in ("amod", "compound", "poss", "nmod") and c.lower_ not in _GOV_KIND_MODIFIERS for c in kids)


def _domestic_targets(sources: tuple[ActorRef, ...], targets: tuple[ActorRef, ...], mentions: tuple[Mention, ...],
                      idx: MentionIndex, doc: Doc) -> tuple[tuple[ActorRef, ...], bool]:
    """An arrest, a sentence, a charge or a ban by a state's government, police, courts or army
    falls on its own people when the text does not say whose they are ("a court sentenced Zamora"):
    a target without a code takes the country of the sources, when they are one state's
    (`_DOMESTIC_TYPES` holds the event types, `_DOMESTIC_SECTORS` the sectors). Not a named
    organisation ("a Russian court fined Google"), nor a place, nor people whose own phrase names a
    place ("travelers from India"), nor when a target of another country is named."""
    countries = {a.code[:3] for a in sources if a.code and a.role not in INFERRED_ROLES}
    if len(countries) != 1 or not any((a.sector or "").lower() in _DOMESTIC_SECTORS for a in sources if a.code):
        return targets, False
    country = countries.pop()
    if country in _NOT_STATES or len(mentions) != len(targets):
        return targets, False
    if any(a.code and a.code[:3] != country for a in targets):
        return targets, False  # "seized the Ukrainian town of Avdiivka": the act falls abroad
    coded = {i for m in idx.by_token.values() if m.ref.code for i in range(m.start, m.end)}
    out = []
    for a, m in zip(targets, mentions, strict=True):
        if not a.code and not a.actor_id and m.how != "coref":
            head = doc[m.head]
            if head.ent_type_ == "ORG" or head.ent_type_ in PLACE_ENTITY_LABELS or any(t.i in coded for t in head.subtree):
                out.append(a)
                continue
            a = dataclasses.replace(a, code=country + (a.sector or ""))
        out.append(a)
    return tuple(out), tuple(out) != targets


def _implied_police(location: Location | None, trig: Trigger, places: Gazetteer) -> tuple[ActorRef, ...]:
    """An arrest nobody is named for ('Dozens of suspects were detained in Lagos'): the state's
    police where it happened, as CAMEO codes it. Role 'implied', no actor id, no text offsets."""
    country = (location.country if location is not None else None) or place_country(trig.token, places)
    if country is None:
        return ()
    return (ActorRef("(implied) police", None, country + "COP", "COP", None, IMPLIED),)


def _implied_protesters(location: Location | None, trig: Trigger, places: Gazetteer) -> tuple[ActorRef, ...]:
    """A protest nobody is named for ('Protests erupted in the capital', 'A rally in Hong Kong marked
    the anniversary'): civilians of the country where it happened. Role 'implied', no actor id, no
    text offsets."""
    country = (location.country if location is not None else None) or place_country(trig.token, places)
    if country is None:
        return ()
    return (ActorRef(_IMPLIED_PROTESTERS, None, country + "CVL", "CVL", None, IMPLIED),)


def _implied_target(plover_type: str, sources: tuple[ActorRef, ...], location: Location | None,
                    trig: Trigger, idx: MentionIndex, places: Gazetteer) -> tuple[ActorRef, ...]:
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
    where = (location.country if location is not None else None) or place_country(trig.token, places)
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


def _story_target(story: str | None, states: set[str], where: str | None) -> tuple[ActorRef, ...]:
    """An attack on no one named ("the convoy came under attack", "gunmen blew up the tracks") in a
    story about one country, whose sentence names no other state and sets the event nowhere else,
    falls on that country (its people, its forces, its property): role 'implied', no actor id."""
    if story is None or not states <= {story} or where not in (None, story):
        return ()
    return (ActorRef("(implied) population", None, story, None, None, IMPLIED),)


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
