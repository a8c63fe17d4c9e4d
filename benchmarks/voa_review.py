"""Dump VOA stories with their coded events side by side, for a manual accuracy review (issue 4).

For each chosen story of ../shared/corpus/voa_stories.jsonl this codes the text with the real coder
(`document_from_text` + `code_document`, published date = the story's `published[:10]`) and writes
every sentence with the events coded on it: type, CAMEO, sources, targets, modality, confidence,
trigger (plus the attribution and the rule). A person reads the dump and judges each event; the
judgments and the counts are in docs/voa_review.md.

With --judgments docs/voa_review.md the dump also shows the recorded verdict next to each event, and
the script compares the current coder with the reviewed snapshot: which events judged right are
lost, which events judged wrong are gone, which events changed their actors or modality, which are new
(not yet judged), and which missed events now have an event of the expected type in their
sentence. Events are matched on (story id, sentence index, PLOVER type, trigger text, source and
target codes, modality).

    .venv/bin/python benchmarks/voa_review.py                         # 30 stories -> /tmp/voa_review.md
    .venv/bin/python benchmarks/voa_review.py --stories 0 3 6 --dump  # to stdout
    .venv/bin/python benchmarks/voa_review.py --judgments docs/voa_review.md   # dump + compare
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from accord.ingest.readers import document_from_text
from accord.pipeline import code_document, get_pipeline
from accord.types import ActorRef, Event

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "voa_stories.jsonl"
DEFAULT_STORIES = list(range(0, 89, 3))  # 0, 3, ..., 87: 30 stories spread over the file
VERDICTS = ("right", "wrong", "missed")


def snapshot_commit() -> str:
    """The commit the checkout's HEAD points at, read from .git without running git."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref:"):
            return head
        ref = head[4:].strip()
        if (git / ref).exists():
            return (git / ref).read_text().strip()
        packed = git / "packed-refs"
        if packed.exists():
            for line in packed.read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0]
    except OSError:
        pass
    return "unknown"


def actor(a: ActorRef) -> str:
    return f"{a.text} [{a.code or '?'}]"


def actors(refs: tuple[ActorRef, ...]) -> str:
    return "; ".join(actor(a) for a in refs) if refs else "-"


def event_line(e: Event) -> str:
    parts = [
        f"**{e.type}** {e.cameo}",
        f"src: {actors(e.sources)}",
        f"tgt: {actors(e.targets)}",
        f"mod: {e.modality}",
        f"conf: {e.confidence:.2f}",
        f'trig: "{e.trigger.text}"',
    ]
    if e.attributed_to is not None:
        parts.append(f"said-by: {actor(e.attributed_to)}")
    parts.append(f"rule: {e.rule}")
    return " | ".join(parts)


def load_stories(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class CodedStory:
    index: int
    story: dict
    published: dt.date
    sentences: list[str]
    events: list[Event]


def code_story(index: int, story: dict) -> CodedStory:
    published = dt.date.fromisoformat(story["published"][:10])
    document = document_from_text(story["text"], name=story["id"], published=published,
                                  title=story.get("title", ""), url=story.get("url", ""), source="voa")
    events = code_document(document)
    sdoc = get_pipeline().nlp(document.text)  # same model and text as the coder: same sentence indices
    return CodedStory(index, story, published, [s.text.strip() for s in sdoc.sents], events)


# --- judgments ------------------------------------------------------------------------------------

# story id, sentence index, PLOVER type, trigger text, sources, targets, modality
Key = tuple[str, int, str, str, str, str, str]


def actor_codes(refs: tuple[ActorRef, ...]) -> str:
    """Actors as the judgments table writes them: code, or the text where there is none; '-' if empty."""
    return "; ".join(a.code or a.text for a in refs) or "-"


@dataclass
class Judgment:
    story: str
    sentence: int
    type: str
    trigger: str
    sources: str
    targets: str
    modality: str
    verdict: str  # right | wrong | missed
    category: str
    pattern: str
    note: str

    @property
    def key(self) -> Key:
        return (self.story, self.sentence, self.type, self.trigger, self.sources, self.targets, self.modality)


@dataclass
class Judgments:
    coded: list[Judgment] = field(default_factory=list)
    missed: list[Judgment] = field(default_factory=list)


_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*([A-Z]+)\s*\|(.*)$")


def load_judgments(path: Path) -> Judgments:
    """Rows `| story id | S | TYPE | trigger | source | target | modality | verdict | category | pattern | note |`."""
    out = Judgments()
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if not m:
            continue
        rest = [c.strip() for c in m.group(4).rstrip("|").split("|")]
        if len(rest) < 7 or rest[4] not in VERDICTS:
            continue
        trigger, sources, targets, modality, verdict, category, pattern = rest[:7]
        j = Judgment(m.group(1), int(m.group(2)), m.group(3), trigger, sources, targets, modality, verdict, category,
                     pattern, rest[7] if len(rest) > 7 else "")
        (out.missed if j.verdict == "missed" else out.coded).append(j)
    return out


def event_key(story_id: str, e: Event) -> Key:
    return (story_id, e.sentence_index, e.type, e.trigger.text, actor_codes(e.sources), actor_codes(e.targets),
            e.modality)


def match(story_id: str, events: list[Event], judged: list[Judgment]) -> tuple[
        list[tuple[Event, Judgment]], list[tuple[Event, Judgment]], list[Event], list[Judgment]]:
    """Pair current events with judgments: same key (unchanged), else same sentence, type and trigger
    (changed: actors or modality differ, needs a new verdict); the rest are new events and lost judgments."""
    free = list(judged)
    same: list[tuple[Event, Judgment]] = []
    rest: list[Event] = []
    for e in events:
        k = event_key(story_id, e)
        j = next((j for j in free if j.key == k), None)
        if j is None:
            rest.append(e)
        else:
            free.remove(j)
            same.append((e, j))
    changed: list[tuple[Event, Judgment]] = []
    new: list[Event] = []
    for e in rest:
        j = next((j for j in free if j.key[:4] == event_key(story_id, e)[:4]), None)
        if j is None:
            new.append(e)
        else:
            free.remove(j)
            changed.append((e, j))
    return same, changed, new, free


def compare(coded: list[CodedStory], judgments: Judgments) -> str:
    """How the current coder's output differs from the judged snapshot, story by story."""
    rows: list[str] = []
    lost: list[Judgment] = []
    gone: list[Judgment] = []
    changed_all: list[tuple[Event, Judgment]] = []
    new_all: list[tuple[CodedStory, Event]] = []
    covered: list[Judgment] = []
    totals: Counter[str] = Counter()
    by_id = {c.story["id"]: c for c in coded}
    for c in coded:
        sid = c.story["id"]  # a story without judgments shows all its events as new
        same, changed, new, left = match(sid, c.events, [j for j in judgments.coded if j.story == sid])
        n: Counter[str] = Counter(coded=len(c.events), changed=len(changed), new=len(new))
        n.update(j.verdict for _, j in same)
        lost += [j for j in left if j.verdict == "right"]
        gone += [j for j in left if j.verdict != "right"]
        changed_all += changed
        new_all += [(c, e) for e in new]
        types_now = {(e.sentence_index, e.type) for e in c.events}
        for j in (j for j in judgments.missed if j.story == sid):
            if (j.sentence, j.type) in types_now:
                covered.append(j)
            else:
                n["missed"] += 1
        totals.update(n)
        rows.append(f"| {c.index} | {sid} | {n['coded']} | {n['right']} | {n['wrong']} | {n['changed']} | {n['new']} "
                    f"| {n['missed']} |")

    out = ["# Comparison with the judged snapshot", "",
           "| # | id | coded now | unchanged, judged right | unchanged, judged wrong | changed (actors or modality) "
           "| new | judged missed, still missed |", "|---|---|---|---|---|---|---|---|", *rows,
           f"| | total | {totals['coded']} | {totals['right']} | {totals['wrong']} | {totals['changed']} "
           f"| {totals['new']} | {totals['missed']} |", ""]
    unchanged = totals["right"] + totals["wrong"]
    if unchanged:
        out.append(f"precision over unchanged events: {totals['right'] / unchanged:.2f}; "
                   f"{totals['changed'] + totals['new']} changed or new events need a verdict.")
    out.append(f"lost (judged right, no longer coded): {len(lost)}; gone (judged wrong, no longer coded): "
               f"{len(gone)}; misses now with an event of the expected type (check them): {len(covered)}")

    def sentence(sid: str, si: int) -> str:
        c = by_id.get(sid)
        text = c.sentences[si] if c and si < len(c.sentences) else ""
        return text if len(text) <= 160 else text[:157] + "..."

    def judged(j: Judgment) -> str:
        return (f"{j.story} S{j.sentence} {j.type} \"{j.trigger}\" {j.sources} -> {j.targets} {j.modality} "
                f"({j.verdict} {j.category}; {j.note})")

    for title, items in (("Lost: judged right, no longer coded", lost),
                         ("Gone: judged wrong, no longer coded", gone),
                         ("Missed before, now an event of that type in the sentence", covered)):
        if items:
            out += ["", f"## {title}", ""]
            out += [f"- {judged(j)} -- {sentence(j.story, j.sentence)}" for j in items]
    if changed_all:
        out += ["", "## Changed: same sentence, type and trigger, other actors or modality", ""]
        out += [f"- was {judged(j)}\n  now {event_line(e)}" for e, j in changed_all]
    if new_all:
        out += ["", "## New events (not judged)", ""]
        out += [f"- {c.story['id']} S{e.sentence_index}: {event_line(e)} -- {sentence(c.story['id'], e.sentence_index)}"
                for c, e in new_all]
    return "\n".join(out) + "\n"


# --- dump -----------------------------------------------------------------------------------------

def dump_story(c: CodedStory, all_sentences: bool, judgments: Judgments | None) -> str:
    sid = c.story["id"]
    verdicts: dict[int, str] = {}
    if judgments is not None:
        same, changed, _, _ = match(sid, c.events, [j for j in judgments.coded if j.story == sid])
        verdicts = {id(e): f"{j.verdict} {j.category} {j.note}".rstrip() for e, j in same}
        verdicts.update({id(e): f"CHANGED (was {j.verdict} {j.category})" for e, j in changed})
    by_sentence: dict[int, list[Event]] = {}
    for e in c.events:
        by_sentence.setdefault(e.sentence_index, []).append(e)
    out = [f"## [{c.index}] {sid}: {c.story['title']}",
           f"published {c.published}, {len(c.events)} events, {c.story.get('url', '')}", ""]
    for si, text in enumerate(c.sentences):
        evs = by_sentence.get(si, [])
        misses = [j for j in judgments.missed if j.story == sid and j.sentence == si] if judgments else []
        if not evs and not misses and not all_sentences:
            continue
        out.append(f"S{si}: {text}")
        for e in evs:
            line = f"    - {event_line(e)}"
            if judgments is not None:
                line += f"  => {verdicts.get(id(e), 'NEW (not judged)')}"
            out.append(line)
        out += [f"    - MISSED {j.type}: {j.note}" for j in misses]
        out.append("")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--stories", type=int, nargs="*", default=DEFAULT_STORIES,
                    help="0-based line indices into the corpus (default: 0,3,...,87)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/voa_review.md"))
    ap.add_argument("--dump", action="store_true", help="write the dump to stdout instead of --out")
    ap.add_argument("--all-sentences", type=int, default=1, choices=(0, 1),
                    help="1 (default): every sentence, coded or not (needed to count misses)")
    ap.add_argument("--judgments", type=Path,
                    help="review file with a judgments table (docs/voa_review.md): annotate and compare")
    args = ap.parse_args(argv)

    stories = load_stories(args.corpus)
    judgments = load_judgments(args.judgments) if args.judgments else None
    commit = snapshot_commit()
    coded = [code_story(i, stories[i]) for i in args.stories]
    total = sum(len(c.events) for c in coded)
    chunks = [f"# VOA review dump\n\nsnapshot commit {commit}; corpus {args.corpus}; "
              f"stories {','.join(map(str, args.stories))}\n\n"]
    chunks += [dump_story(c, bool(args.all_sentences), judgments) for c in coded]
    chunks.append(f"\n{len(coded)} stories, {total} events\n")
    if args.dump:
        sys.stdout.write("".join(chunks))
    else:
        args.out.write_text("".join(chunks), encoding="utf-8")
        print(f"{len(coded)} stories, {total} events -> {args.out} (commit {commit})")
    if judgments is not None:
        sys.stdout.write(("\n" if args.dump else "") + compare(coded, judgments))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
