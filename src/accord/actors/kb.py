"""The actor knowledge base: countries, organisations, regions, people with time-bounded roles.

Built-in files live in `accord/data/actors/`; a user's files in the same formats are loaded the
same way (`KnowledgeBase.load(extra=[...])`) and win on conflicts (same id or same alias).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from accord.errors import DataFileError
from accord.types import Actor, Role

# Offices in the order a person's code on a date is decided: the first active one wins.
OFFICE_PRIORITY = (
    "head_of_state", "head_of_government", "igo_leader", "group_leader", "foreign_minister",
    "defence_minister", "vice_president", "deputy_head_of_government", "military_chief",
    "intelligence_chief", "opposition_leader", "other", "head_of_state_elect",
    "head_of_government_elect",
)
FAMILY_NAME_FIRST = {"CHN", "PRK", "KOR", "TWN", "VNM", "KHM", "HKG", "MNG"}
ELECT_OFFICES = {"head_of_state_elect", "head_of_government_elect"}


def norm(text: str) -> str:
    """Normalise a name for lookup: lower case, straight apostrophes, no leading 'the'."""
    t = " ".join(text.replace("\u2019", "'").replace("\u2010", "-").split()).lower()
    return t[4:] if t.startswith("the ") else t


@dataclass(frozen=True, slots=True)
class Entry:
    """One way to name an actor. `how` says what kind of name it is."""

    actor_id: str
    how: str  # name | alias | demonym | capital | metonym | surname
    case_sensitive: bool = False


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    names: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym -> ISO3
    surnames: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    agents: dict[str, str] = field(default_factory=dict)  # generic agent noun -> sector
    holders: dict[tuple[str, str], list[tuple[Role, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    max_len: int = 1
    _state_names: dict[str, str] | None = None

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> KnowledgeBase:
        kb = cls()
        for name, text in _builtin_files():
            kb.add_file(name, text)
        for path in extra:
            p = Path(path)
            if not p.is_file():
                raise DataFileError(f"actor file not found: {p}", input=str(p))
            kb.add_file(p.name, p.read_text(encoding="utf-8"), user=True)
        kb.finish()
        return kb

    def add_file(self, name: str, text: str, user: bool = False) -> None:
        rows = list(_rows(name, text))
        if name.endswith(_DERIVED):
            rows = self._unseen(rows)
        if not rows:
            return
        header = set(rows[0])
        if {"iso3", "demonyms"} <= header:
            self._add_countries(rows, user)
        elif {"actor_id", "office"} <= header:
            self._add_people(rows, name, user)
        elif {"id", "kind", "code"} <= header:
            self._add_organisations(rows, user)
        elif {"id", "code"} <= header:
            self._add_regions(rows, user)
        elif {"region", "iso3"} <= header:
            for r in rows:  # a region is a place that stands for its state, never its government
                for n in [r["region"], *_split(r.get("aliases", ""))]:
                    self._name(n, r["iso3"], "region", user)
        elif {"metonym", "actor_id"} <= header:
            for r in rows:  # "Brussels" for the European Union: a seat that acts for an organisation
                self._name(r["metonym"], r["actor_id"], "metonym", user)
        elif {"word", "sector"} <= header:
            for r in rows:
                self.agents[norm(r["word"])] = r["sector"]
        else:
            raise DataFileError(
                f"{name}: unknown actor file format (columns {sorted(header)})",
                input=name,
                valid="countries (iso3,...), people (actor_id,office,...), organisations "
                "(id,kind,code,...), regions (id,code,...), subnational regions (region,iso3,...), agents (word,sector), "
                "seats (metonym,actor_id)",
            )

    def _unseen(self, rows: list[dict[str, str]]) -> list[dict[str, str]]:
        """Rows of a converted file (loaded after the curated ones) naming nothing already known:
        curated rows win."""
        if rows and "actor_id" in rows[0]:
            first = {r["actor_id"]: r for r in reversed(rows)}  # one check per person
            taken = {i for i, r in first.items() if i in self.actors
                     or any(norm(n) in self.names for n in [r["name"], *_split(r.get("aliases"))])}
            return [r for r in rows if r["actor_id"] not in taken]
        if rows and "word" in rows[0]:
            return [r for r in rows if norm(r["word"]) not in self.agents]
        return rows

    def _put(self, actor: Actor, user: bool) -> None:
        if user or actor.id not in self.actors:
            self.actors[actor.id] = actor

    def _name(self, text: str, actor_id: str, how: str, user: bool = False) -> None:
        text = text.strip()
        if not text:
            return
        key = norm(text)
        bare = text[4:] if text.lower().startswith("the ") else text
        entry = Entry(actor_id, how, case_sensitive=bare.isupper() and len(bare) <= 5)
        entries = self.names[key]
        if any(e.actor_id == actor_id and e.how == how for e in entries):
            return
        if user:
            entries.insert(0, entry)
        else:
            entries.append(entry)
        self.max_len = max(self.max_len, len(key.split()) + 2)

    def _add_countries(self, rows: list[dict[str, str]], user: bool) -> None:
        for r in rows:
            iso = r["iso3"].strip().upper()
            aliases = _split(r.get("aliases", ""))
            self._put(Actor(iso, r["name"], "state", iso, tuple(aliases), code=iso), user)
            for n in [r["name"], *aliases]:
                self._name(n, iso, "name", user)
            for d in _split(r.get("demonyms", "")):
                self.demonyms.setdefault(norm(d), iso)
                self._name(d, iso, "demonym", user)
            for c in _split(r.get("capital", "")):
                self._name(c, iso, "capital", user)
            for m in _split(r.get("metonyms", "")):
                self._name(m, iso, "metonym", user)

    def _add_organisations(self, rows: list[dict[str, str]], user: bool) -> None:
        for r in rows:
            aliases = _split(r.get("aliases", ""))
            actor = Actor(
                r["id"], r["name"], r["kind"] or "igo", r["country"], tuple(aliases),  # type: ignore[arg-type]
                sector=r.get("sector", ""), code=r["code"], parent=r.get("parent", ""),
            )
            self._put(actor, user)
            for n in [r["name"], *aliases]:
                self._name(n, actor.id, "name", user)

    def _add_regions(self, rows: list[dict[str, str]], user: bool) -> None:
        for r in rows:
            aliases = _split(r.get("aliases", ""))
            self._put(Actor(r["id"], r["name"], "other", r["code"], tuple(aliases), code=r["code"]), user)
            for n in [r["name"], *aliases]:
                self._name(n, r["id"], "name", user)

    def _add_people(self, rows: list[dict[str, str]], source: str, user: bool) -> None:
        by_id: dict[str, list[dict[str, str]]] = defaultdict(list)
        for r in rows:
            by_id[r["actor_id"].strip()].append(r)
        for pid, prow in by_id.items():
            roles = tuple(_role(r, source) for r in prow if r.get("office"))
            aliases = sorted({a for r in prow for a in _split(r.get("aliases", ""))})
            old = self.actors.get(pid)
            if old is not None and not user:
                roles = old.roles + roles
                aliases = sorted(set(old.aliases) | set(aliases))
            actor = Actor(pid, prow[0]["name"], "person", prow[0]["country"], tuple(aliases), roles=roles)
            self.actors[pid] = actor if user or old is None else replace(actor, name=old.name)
            for n in [actor.name, *aliases]:
                self._name(n, pid, "name", user)

    def finish(self) -> None:
        """Build the indexes that depend on every file: surnames and office holders."""
        self.surnames.clear()
        self.holders.clear()
        for actor in self.actors.values():
            if actor.kind != "person":
                continue
            for n in {actor.name, *actor.aliases}:
                parts = n.split()
                if len(parts) < 2:
                    continue
                family = [parts[-1]] + ([parts[0]] if actor.country in FAMILY_NAME_FIRST else [])
                for word in family:  # "Kim" for Kim Jong Un, "Xi" for Xi Jinping
                    key = norm(word)
                    if word[:1].isupper() and actor.id not in self.surnames[key]:
                        self.surnames[key].append(actor.id)
            for role in actor.roles:
                self.holders[(role.organisation, role.office)].append((role, actor.id))
                self.holders[(role.organisation, "title:" + role.title)].append((role, actor.id))

    # ------------------------------------------------------------------ lookups
    def lookup(self, text: str) -> list[Entry]:
        return self.names.get(norm(text), [])

    def fuzzy_state(self, text: str) -> str | None:
        """A misspelt country name ('Afganistan', 'Phillipines'): the one state whose name or alias
        is within two edits, for names of 7 letters or more. None when unsure."""
        key = norm(text)
        if len(key) < 7 or not key.replace(" ", "").isalpha():
            return None
        from rapidfuzz import fuzz, process

        if self._state_names is None:
            self._state_names = {k: es[0].actor_id for k, es in self.names.items() if len(k) >= 7
                                 and any(e.how == "name" for e in es) and self.actors[es[0].actor_id].kind == "state"}
        found = process.extract(key, list(self._state_names), scorer=fuzz.ratio, limit=2, score_cutoff=85)
        if not found:
            return None
        best = found[0]
        if len(found) > 1 and self._state_names[found[1][0]] != self._state_names[best[0]] and found[1][1] >= best[1] - 3:
            return None
        dist = round(len(key) + len(best[0])) * (100 - best[1]) / 100 / 2
        return self._state_names[best[0]] if dist <= 2 else None

    def holder(self, organisation: str, office: str, day: dt.date) -> str | None:
        """The actor id holding `office` (or `title:<title>`) of `organisation` on `day`."""
        found = [(r, a) for r, a in self.holders.get((organisation, office), []) if r.holds_on(day)]
        if not found:
            return None
        found.sort(key=lambda ra: ra[0].start or dt.date.min, reverse=True)
        return found[0][1]

    def stats(self) -> dict[str, int]:
        kinds: dict[str, int] = defaultdict(int)
        for a in self.actors.values():
            kinds[a.kind] += 1
        return {
            "actors": len(self.actors),
            "roles": sum(len(a.roles) for a in self.actors.values()),
            "names": len(self.names),
            **{f"kind_{k}": v for k, v in sorted(kinds.items())},
        }


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _date(value: str | None, source: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DataFileError(f"{source}: bad date {value!r}", input=value, valid="YYYY-MM-DD") from exc


def _role(r: dict[str, str], source: str) -> Role:
    return Role(
        title=r.get("title", "").strip().lower(),
        organisation=r.get("organisation", "").strip(),
        sector=r.get("sector", "").strip(),
        start=_date(r.get("start"), source),
        end=_date(r.get("end"), source),
        office=r.get("office", "").strip(),
    )


def _rows(name: str, text: str) -> Iterator[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    for i, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(f"{name}: row {i} has the wrong number of fields", input=name)
        yield {k.strip(): (v or "").strip() for k, v in row.items()}


_DERIVED = "_petrarch.csv"  # converted from PETRARCH2 (scripts/petrarch): loaded last, never overriding


def _builtin_files() -> Iterator[tuple[str, str]]:
    folder = resources.files("accord") / "data" / "actors"
    for item in sorted(folder.iterdir(), key=lambda p: (p.name.endswith(_DERIVED), p.name)):
        if item.name.endswith(".csv"):
            yield item.name, item.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The built-in knowledge base plus the user's files named in ACCORD_ACTORS."""
    from accord.config import Settings

    return KnowledgeBase.load(extra=Settings.from_env().actor_files)
