"""An optional learned scorer over the coder's output (docs/scorer.md). Off unless asked for.

A linear model (one logistic regression per PLOVER type) reads a sentence as a bag of features
the parse already gives: lemma unigrams and bigrams, the root's lemma, verb-object lemma pairs
and entity labels. It gives each type a probability for the sentence. It is used after the coder:

- veto: an event whose type the scorer gives a probability below `veto_below` is dropped;
- propose: in a sentence where the coder kept no event,
  - revive: an event the coder made but dropped as below its confidence threshold comes back when
    the scorer gives its type at least `revive_above` (`revive_beside`: also beside kept events,
    for a type they lack);
  - else, when one type reaches `propose_above`, the sentence gets an event of that type on the
    verb or noun of its main clause that weighs most for the type, coded by the coder's own event
    code (Coder._event: argument rules and strategies, country inference from the story, the
    sentence and the place, modality readers, confidence rules) as if a trigger row of the type's
    default CAMEO code had matched that word. `actors` says what happens when the coder finds no
    actor there: "coder" proposes nothing, "coder+bare" and "bare" propose an event without one
    (session 4's method).

The weights are data (data/scorer/model.npz), trained by scripts/scorer/train.py from the VOA
tune split, the PLOVER dev set, the rule examples and the probe sentences (eval/probes); nothing is
downloaded. Turned on by
`ACCORD_SCORER=veto|propose|both` (or `1`, the mode docs/scorer.md recommends) or by passing a
Scorer to the Pipeline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import numpy as np

from accord.actors.mention import DocContext
from accord.events.arguments import MentionIndex, noun_arguments, verb_arguments
from accord.events.dates import resolve_event_date
from accord.events.fallback import unresolved_arguments
from accord.events.modality import read_modality
from accord.events.patterns import Pattern
from accord.events.places import find_location
from accord.events.predicates import RuleContext
from accord.events.triggers import Trigger
from accord.events.vocab import plover_vocabulary
from accord.types import Document, Event, stable_id
from accord.types import Span as TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from accord.actors.resolve import Mention
    from accord.events.coder import Coder

ScorerMode = Literal["veto", "propose", "both"]
SCORER_ENV = "ACCORD_SCORER"
DEFAULT_MODE: ScorerMode = "both"
RULE_ID = "scorer.propose"  # the trace (and `rule`) of a proposed event
REVIVE_ID = "scorer.revive"  # added to the trace of a revived event (one the coder dropped)
# thresholds chosen by cross-validation on the tune split (docs/scorer.md, session 6)
VETO_BELOW = 0.003
REVIVE_ABOVE = 0.4
REVIVE_BESIDE = True
PROPOSE_ABOVE = 1.1  # no event on the scorer's own word: in the CV it added nothing over reviving
PROTECT = 1.0  # no coded event is safe from the veto
BARE = True  # with actors "bare" or "coder+bare": propose with no argument too
ActorMode = Literal["bare", "coder", "coder+bare"]
TriggerMode = Literal["any", "main", "pairs"]
# "coder": a proposal is coded by the coder's own event code (Coder._event) as if a trigger row
# had matched its word; no proposal when the coder finds no actor. "coder+bare": then the bare
# proposal. "bare": session 4's proposal, with the word's own arguments or none.
ACTORS: ActorMode = "coder"
TRIGGER: TriggerMode = "main"
_CONTENT_POS = ("NOUN", "VERB", "PROPN", "ADJ")
_OBJECT_DEPS = ("dobj", "nsubjpass", "attr")


def sentence_features(sent: Span) -> list[str]:
    """The features of one sentence: lowercased lemmas (numbers as '#'), their bigrams, the
    root's lemma, verb-object pairs, and the labels of the named entities."""
    lemmas: list[str] = []
    feats: list[str] = []
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        lem = "#" if tok.like_num else tok.lemma_.lower()
        lemmas.append(lem)
        if tok.dep_ == "ROOT":
            feats.append("r:" + lem)
        if tok.dep_ in _OBJECT_DEPS and tok.head.pos_ == "VERB":
            feats.append("o:" + tok.head.lemma_.lower() + "_" + lem)
        if tok.ent_iob_ == "B":
            feats.append("e:" + tok.ent_type_)
    feats.extend("w:" + w for w in lemmas)
    feats.extend("b:" + a + "_" + b for a, b in zip(lemmas, lemmas[1:], strict=False))
    return feats


def event_features(event: Event, sent_feats: Sequence[str]) -> list[str]:
    """The features of one coded event for the veto model: its type, trigger rule and words, the
    rules in its trace, modality, confidence, whether its actors are known, and the sentence's
    features (not crossed with the type, so they say what makes a sentence a false alarm)."""
    t = event.type
    feats = ["t:" + t, "tw:" + t + "_" + event.trigger.text.lower(), "m:" + event.modality,
             "c:" + str(round(event.confidence * 10)), "n:" + t + "_" + str(len(event.sources)) + str(len(event.targets)),
             "k:" + str(any(a.code for a in event.sources)) + str(any(a.code for a in event.targets))]
    feats.extend("x:" + x.split(" ")[0] for x in event.trace)
    feats.extend(sent_feats)
    feats.extend("tr:" + t + "_" + f[2:] for f in sent_feats if f.startswith("r:"))
    return feats


def sentence_vector(sent: Span) -> np.ndarray:
    """The mean of the sentence's rows of the parser's token tensor (doc.tensor), unit length;
    zeros when the pipeline left no tensor."""
    t = sent.doc.tensor
    if t is None or len(t) < sent.end or t.shape[-1] == 0:
        return np.zeros(96, dtype=np.float32)
    v = t[sent.start:sent.end].mean(axis=0)
    n = float(np.linalg.norm(v))
    return v / n if n else v


@dataclass
class ScorerModel:
    """Weights of the per-type logistic regressions over sentence features."""

    types: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (features, types)
    bias: np.ndarray  # (types,)
    dense: np.ndarray | None = None  # (96, types): weights of the sentence's mean spaCy tensor, if used

    def scores(self, feats: Iterable[str], vec: np.ndarray | None = None) -> np.ndarray:
        rows = sorted({self.vocab[f] for f in feats if f in self.vocab})
        z = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        if self.dense is not None and vec is not None:
            z = z + vec @ self.dense
        return 1.0 / (1.0 + np.exp(-z))

    def sentence_scores(self, sent: Span) -> np.ndarray:
        return self.scores(sentence_features(sent), sentence_vector(sent) if self.dense is not None else None)

    def probs(self, sent: Span) -> dict[str, float]:
        return dict(zip(self.types, (float(p) for p in self.sentence_scores(sent)), strict=True))

    def save(self, path: str | os.PathLike[str] | io.BytesIO) -> None:
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        arrays: dict[str, np.ndarray] = {"types": np.array(self.types), "features": np.array(names),
                                         "weights": self.weights.astype(np.float16), "bias": self.bias.astype(np.float32)}
        if self.dense is not None:
            arrays["dense_weights"] = self.dense.astype(np.float32)
        np.savez_compressed(path, allow_pickle=False, **arrays)

    @classmethod
    def from_bytes(cls, data: bytes) -> ScorerModel:
        z = np.load(io.BytesIO(data), allow_pickle=False)
        names = [str(f) for f in z["features"]]
        return cls(tuple(str(t) for t in z["types"]), {f: i for i, f in enumerate(names)},
                   z["weights"].astype(np.float32), z["bias"].astype(np.float32),
                   z["dense_weights"].astype(np.float32) if "dense_weights" in z.files else None)


@lru_cache(maxsize=1)
def default_model() -> ScorerModel:
    return ScorerModel.from_bytes((resources.files("accord") / "data" / "scorer" / "model.npz").read_bytes())


class Scorer:
    """Callable: (spaCy Doc, Document, the coder's events) -> the events, vetoed and/or added to."""

    def __init__(self, coder: Coder, model: ScorerModel | None = None, mode: ScorerMode = DEFAULT_MODE,
                 veto_below: float = VETO_BELOW, propose_above: float = PROPOSE_ABOVE,
                 veto_model: ScorerModel | None = None, bare: bool = BARE, protect: float = PROTECT,
                 actors: ActorMode = ACTORS, trigger: TriggerMode = TRIGGER, revive_above: float = REVIVE_ABOVE,
                 revive_beside: bool = REVIVE_BESIDE):
        if mode not in ("veto", "propose", "both"):
            raise ValueError(f"scorer mode {mode!r}: veto, propose or both")
        self.coder = coder
        self.model = model or default_model()
        self.protect = protect  # events the coder is this confident of are never vetoed
        self.bare = bare  # propose an event even when its word has no argument
        self.veto_model = veto_model  # P(the event's type is right | event features); None: the type model
        self.mode = mode
        self.actors = actors  # how a proposal gets its actors (ACTORS)
        self.trigger = trigger  # how a proposal's word is chosen (TRIGGER)
        self.revive_above = revive_above  # revive a dropped coded event of a type this probable (> 1: never)
        self.revive_beside = revive_beside  # also beside the events the coder kept (of another type)
        self.veto_below = veto_below
        self.propose_above = propose_above
        self.defaults = {t: str(v.get("default_cameo") or "")
                         for t, v in (plover_vocabulary().get("types") or {}).items()}

    def __call__(self, doc: Doc, document: Document, events: Sequence[Event]) -> list[Event]:
        by_sentence: dict[int, list[Event]] = {}
        for e in events:
            by_sentence.setdefault(e.sentence_index, []).append(e)
        veto = self.mode in ("veto", "both")
        propose = self.mode in ("propose", "both")
        if not propose and not events:
            return list(events)
        story = _StoryState(self.coder, doc, document) if propose else None
        out: list[Event] = []
        for si, sent in enumerate(doc.sents):
            mine = by_sentence.get(si)
            if mine is None and not propose:
                continue
            feats = sentence_features(sent)
            vec = sentence_vector(sent) if self.model.dense is not None else None
            if mine:
                kept = [e for e in mine if not veto or self.keep(e, feats, vec)]
                out.extend(kept)
                if propose and self.revive_beside and story is not None:
                    p = self.model.scores(feats, vec)
                    have = {e.type for e in kept}
                    if any(q >= self.revive_above and t not in have for t, q in zip(self.model.types, p, strict=True)):
                        revived = self._revive(sent, si, document, p, story, have | {e.id for e in mine})
                        if revived is not None:
                            out.append(revived)
                continue
            p = self.model.scores(feats, vec)
            if propose:
                best = int(np.argmax(p))
                if story is not None and p[best] >= self.revive_above:
                    revived = self._revive(sent, si, document, p, story)
                    if revived is not None:
                        out.append(revived)
                        continue
                if p[best] >= self.propose_above:
                    made = self._propose(sent, si, document, self.model.types[best], best, float(p[best]), story)
                    if made is not None:
                        out.append(made)
        return out

    def keep(self, event: Event, feats: Sequence[str], vec: np.ndarray | None = None) -> bool:
        if event.confidence >= self.protect:
            return True
        if self.veto_model is not None:
            return float(self.veto_model.scores(event_features(event, feats))[0]) >= self.veto_below
        p = self.model.scores(feats, vec)
        return float(p[self.model.types.index(event.type)]) >= self.veto_below if event.type in self.model.types else True

    def _propose(self, sent: Span, si: int, document: Document, ptype: str, col: int, prob: float,
                 story: _StoryState | None = None) -> Event | None:
        tok = self._trigger_token(sent, col)
        if tok is None:
            return None
        cameo = self.defaults.get(ptype, "")
        entry = self.coder.codebook.get(cameo)
        if entry.plover_type != ptype:
            return None
        pos: Literal["verb", "noun"] = "verb" if tok.pos_ == "VERB" else "noun"
        pattern = Pattern(pos, tok.lemma_.lower(), "", frozenset(), cameo, frozenset(), round(prob, 2), False, RULE_ID)
        if story is not None and self.actors != "bare":
            made = self._coded(Trigger(tok, pattern), sent, si, document, story, ptype)
            root = sent.root
            if made is None and root.pos_ == "VERB" and root.i != tok.i:
                # the word names the event but has no actor of its own ("four died in a grenade
                # attack"): the subject and objects of the sentence's main verb
                made = self._coded(Trigger(root, dataclasses.replace(pattern, pos="verb", lemma=root.lemma_.lower())),
                                   sent, si, document, story, ptype)
                if made is not None:  # the event keeps the word that names it
                    made = dataclasses.replace(made, trigger=_span(document, tok))
            if made is not None or self.actors == "coder":
                return made
        return self._bare(tok, pattern, sent, si, document, ptype, prob)

    def _revive(self, sent: Span, si: int, document: Document, p: np.ndarray, story: _StoryState,
                skip: set[str] | frozenset[str] = frozenset()) -> Event | None:
        """The event of the sentence that the coder made but dropped as below its confidence
        threshold, whose type the scorer gives at least `revive_above` (the most probable one)."""
        mentions, doc_country, story_country, previous = story.upto(si)
        best, score = None, -1.0
        for e in self.coder.code_sentence(sent, si, mentions, document, None, doc_country, story_country, previous):
            if e.type in self.model.types and e.type not in skip and e.id not in skip:
                q = float(p[self.model.types.index(e.type)])
                if q >= self.revive_above and q > score:
                    best, score = e, q
        return dataclasses.replace(best, trace=(*best.trace, REVIVE_ID)) if best is not None else None

    def _coded(self, trig: Trigger, sent: Span, si: int, document: Document, story: _StoryState,
               ptype: str) -> Event | None:
        """The event the coder itself makes of `trig` (its rules, argument strategies, country
        inference, modality and confidence), as if a trigger row of the type's default CAMEO code
        had matched there; None when the coder finds no actor or a rule stops it."""
        mentions, doc_country, story_country, previous = story.upto(si)
        ctx = RuleContext(trig, sent, triggers=[trig], types={trig.token.i: ptype}, idx=MentionIndex(mentions),
                          doc_country=doc_country, story_country=story_country, previous_states=previous)
        if self.coder.rules.first("suppress", ctx) is not None:
            return None
        event = self.coder._event(ctx, si, document, None)
        if event is None or event.type != ptype:
            return None
        return dataclasses.replace(event, trace=(RULE_ID, *event.trace[1:]))

    def _bare(self, tok: Token, pattern: Pattern, sent: Span, si: int, document: Document, ptype: str,
              prob: float) -> Event | None:
        """The session-4 proposal: the word's own arguments if the resolver knows them, else none."""
        entry = self.coder.codebook.get(pattern.cameo)
        pos = pattern.pos
        trig = Trigger(tok, pattern)
        ctx = DocContext(day=document.published or dt.date.today())
        idx = MentionIndex(self.coder.resolver(sent, ctx))
        args = verb_arguments(trig, idx) if pos == "verb" else noun_arguments(trig, idx)
        if not args.sources and not args.targets:
            args, _ = unresolved_arguments(trig, idx)
        root = sent.root
        if not args.sources and not args.targets and root.pos_ == "VERB" and root.i != tok.i:
            head = Trigger(root, dataclasses.replace(pattern, pos="verb", lemma=root.lemma_.lower()))
            args = verb_arguments(head, idx)
            if not args.sources and not args.targets:
                args, _ = unresolved_arguments(head, idx)
        if not args.sources and not args.targets and not self.bare:
            return None
        doc = sent.doc
        span = _span(document, tok)
        ms = [*args.sources, *args.targets]
        a, b = min([tok.i, *(m.start for m in ms)]), max([tok.i + 1, *(m.end for m in ms)])
        evidence = TextSpan(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]),
                            document.text[doc[a].idx: doc[b - 1].idx + len(doc[b - 1])])
        when = resolve_event_date(sent, tok, document.published)
        return Event(
            id=stable_id(document.id, si, span.start, ptype), doc_id=document.id,
            sentence=document.text[sent.start_char:sent.end_char].strip(), sentence_index=si,
            type=ptype, mode=entry.plover_mode, context=entry.plover_context, cameo=entry.code,
            quad_class=entry.quad_class, goldstein=entry.goldstein,
            sources=tuple(m.ref for m in args.sources), targets=tuple(m.ref for m in args.targets),
            modality=read_modality(tok).modality, attributed_to=None,
            date=when.date, date_granularity=when.granularity, date_text=when.text, date_end=when.end,
            background=when.background, location=find_location(tok, self.coder.resolver.places),
            trigger=span, evidence=evidence, confidence=round(prob, 2), trace=(RULE_ID,),
        )

    def _trigger_token(self, sent: Span, col: int) -> Token | None:
        """The word of the sentence whose unigram weighs most for the type: with `trigger` "main",
        a verb or noun of the main clause (not inside an adverbial, relative or adnominal clause)
        when one has a positive weight, else any such verb or noun; with "any", any content word."""
        pools: list[list[Token]]
        if self.trigger == "any":
            pools = [[t for t in sent if t.pos_ in _CONTENT_POS]]
        else:
            words = [t for t in sent if t.pos_ in ("VERB", "NOUN")]
            pools = [[t for t in words if _in_main_clause(t)], words]
        for pool in pools:
            best, weight = None, 0.0
            for tok in pool:
                w = self._weight(tok, col)
                if w > weight:
                    best, weight = tok, w
            if best is not None:
                return best
        return None

    def _weight(self, tok: Token, col: int) -> float:
        row = self.model.vocab.get("w:" + tok.lemma_.lower())
        w = float(self.model.weights[row, col]) if row is not None else 0.0
        if self.trigger == "pairs":  # and what the word's verb-object pairs add
            for c in tok.children:
                if c.dep_ in _OBJECT_DEPS and tok.pos_ == "VERB":
                    r = self.model.vocab.get("o:" + tok.lemma_.lower() + "_" + ("#" if c.like_num else c.lemma_.lower()))
                    if r is not None:
                        w += float(self.model.weights[r, col])
        return w


_SUBORDINATE = ("advcl", "relcl", "acl", "csubj", "csubjpass", "prep", "pcomp", "npadvmod", "appos")


def _in_main_clause(tok: Token) -> bool:
    """The word hangs from the root through no adverbial, relative or adnominal clause (a
    reported clause, `ccomp`, counts as main: "officials said troops withdrew")."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ in ("advcl", "relcl", "acl", "csubj", "csubjpass"):
            return False
        t = t.head
    return True


def _span(document: Document, tok: Token) -> TextSpan:
    return TextSpan(tok.idx, tok.idx + len(tok), document.text[tok.idx: tok.idx + len(tok)])


class _StoryState:
    """What the coder knows of a document by a sentence (`Coder.sentence_states`): each sentence's
    mentions, the country the document names most so far, the story's country before the sentence
    and the states the sentence before names. Sentences are resolved in order, once, as far as needed."""

    def __init__(self, coder: Coder, doc: Doc, document: Document):
        self.states = coder.sentence_states(doc, document)
        self.done: list[tuple[list[Mention], str | None, str | None, tuple[str, ...]]] = []

    def upto(self, si: int) -> tuple[list[Mention], str | None, str | None, tuple[str, ...]]:
        while len(self.done) <= si:
            st = next(self.states)
            self.done.append((st.mentions, st.doc_country, st.story_country, st.previous_states))
        return self.done[si]


def scorer_from_env(coder: Coder) -> Scorer | None:
    """The scorer ACCORD_SCORER asks for: unset, empty or 0 means none."""
    value = (os.environ.get(SCORER_ENV) or "").strip().lower()
    if value in ("", "0"):
        return None
    mode = DEFAULT_MODE if value == "1" else value
    return Scorer(coder, mode=mode)  # type: ignore[arg-type]

