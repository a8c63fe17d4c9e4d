"""Situation briefs: what the store holds about an actor, a country, a dyad or a free query.

`build_brief()` returns a JSON-ready dict with five sections, each built by one or two SQL
queries whose text and parameters travel in the brief (`queries`), so every number can be
checked by running the query again (`rerun()` does it). Sentences come from fixed templates
(`TEMPLATES`) filled with data; no other prose is generated.

* `key_events`: story events with a counted report (by default asserted or reported, confidence
  >= 0.3) in scope in the period, most-reported first (articles, then outlets, then first seen,
  then id), each with its best evidence sentence (an asserted, else reported, else any report;
  highest confidence, then earliest), its outlets (document source, else URL host, else document
  id; `num_outlets` counts them) and the days of its reports.
* `trend`: counted reports in the period and in the previous period of the same length, by
  QuadClass, their mean Goldstein, and the event types new in the period or vanished from it.
* `who_said_what`: reports with an attributed speaker (any modality), grouped by speaker.
* `open_claims`: future, hypothetical, conditional and hedged reports, with the sentence, the
  speaker and, where the claims ledger is built, the ledger's status.
* `contradictions`: stories in scope with a report that asserts (or reports) the event and a
  report from another document that negates it.

Scope: `actor` (an actor id, code or text), `country` (ISO alpha-3: any source or target of that
country), `dyad` (two actors, ids, codes or countries; both directions) or `query` (words in the
sentence). Periods bound the event day (event date, else publication date), both inclusive.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from accord.analytics.claims import outlet_sql
from accord.analytics.counting import Counting, EventQuery, event_conditions
from accord.errors import StoreError

if TYPE_CHECKING:
    from accord.analytics.counting import Database

__all__ = ["CLAIM_LIKE", "TEMPLATES", "Scope", "build_brief", "previous_period", "render_html",
           "render_markdown", "rerun"]

CLAIM_LIKE: tuple[str, ...] = ("future", "hypothetical", "conditional", "hedged")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

TEMPLATES: dict[str, str] = {
    "key_event": "{type} ({cameo}): {sources} -> {targets}; {num_articles} {articles} from {num_sources} "
                 "{outlets_word} ({outlets}), {days}.",
    "trend": "{unit} in the period: {current} ({change} against {previous} in the previous period); "
             "mean Goldstein {mean_current} (previous {mean_previous}).",
    "statement": "{speaker} ({day}, {outlet}): {type}, {modality}.",
    "claim": "{speaker} ({day}, {outlet}): {type}, {modality}{status}.",
    "contradiction": "{type}: {sources} -> {targets}; asserted by {asserted}, negated by {negated}.",
}


@dataclass(frozen=True, slots=True)
class Scope:
    kind: str  # actor | country | dyad | query
    value: tuple[str, ...]

    @classmethod
    def of(cls, *, actor: str | None = None, country: str | None = None,
           dyad: str | Sequence[str] | None = None, query: str | None = None) -> Scope:
        given = [(k, v) for k, v in (("actor", actor), ("country", country), ("dyad", dyad), ("query", query))
                 if v is not None and v != ""]
        if len(given) != 1:
            raise StoreError("a brief needs exactly one of actor, country, dyad or query",
                             input=", ".join(k for k, _ in given) or "none",
                             valid="--actor X | --country C | --dyad A,B | --query TEXT")
        kind, value = given[0]
        if kind == "dyad":
            parts = [p.strip() for p in value.split(",")] if isinstance(value, str) else [str(p).strip() for p in value]
            if len(parts) != 2 or not all(parts):
                raise StoreError(f"a dyad is two actors, got {value!r}", input=str(value), valid="A,B")
            return cls("dyad", (parts[0], parts[1]))
        text = str(value).strip()
        return cls(kind, (text.upper() if kind == "country" else text,))

    def conditions(self, since: dt.date, until: dt.date, rules: Counting | None) -> tuple[str, list[Any]]:
        """SQL over `events e`: in scope, in [since, until], and counted by `rules` (None: any
        report, confidence rule aside)."""
        mod = rules.modality if rules is not None else None
        conf = rules.min_confidence if rules is not None else None

        def q(**scope: Any) -> EventQuery:
            return EventQuery(modality=mod, min_confidence=conf or None, since=since, until=until, **scope)

        if self.kind == "dyad":
            a, b = self.value
            ab, ab_params = event_conditions(q(dyad=(a, b)))
            ba, ba_params = event_conditions(EventQuery(dyad=(b, a), since=since, until=until))
            # the first condition of each is the dyad; the rest (modality, days) are shared
            n_ab, n_ba = ab[0].count("?"), ba[0].count("?")
            return (" AND ".join([f"(({ab[0]}) OR ({ba[0]}))", *ab[1:]]),
                    [*ab_params[:n_ab], *ba_params[:n_ba], *ab_params[n_ab:]])
        key = {"actor": "actor", "country": "country", "query": "text"}[self.kind]
        conds, params = event_conditions(q(**{key: self.value[0]}))
        return " AND ".join(conds), params

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": list(self.value) if self.kind == "dyad" else self.value[0]}


def previous_period(since: dt.date, until: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length that ends the day before `since`."""
    days = (until - since).days
    end = since - dt.timedelta(days=1)
    return end - dt.timedelta(days=days), end


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _jsonable(params: Sequence[Any]) -> list[Any]:
    return [p.isoformat() if isinstance(p, dt.date) else _jsonable(p) if isinstance(p, (list, tuple)) else p
            for p in params]


class _Queries:
    """Runs SQL and keeps it, with its parameters, for the brief's `queries`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.kept: dict[str, dict[str, Any]] = {}

    def run(self, name: str, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        self.kept[name] = {"sql": " ".join(sql.split()), "params": _jsonable(params)}
        return self.db.query(sql, list(params))


_OUTLET = outlet_sql("d")


def build_brief(db: Database, *, actor: str | None = None, country: str | None = None,
                dyad: str | Sequence[str] | None = None, query: str | None = None,
                since: dt.date, until: dt.date, limit: int = 10, rules: Counting | None = None) -> dict[str, Any]:
    """The brief as a JSON-ready dict (see the module docstring)."""
    if since > until:
        raise StoreError(f"since {since} is after until {until}", input=str(since))
    if limit < 1:
        raise StoreError(f"bad limit {limit}", input=str(limit), valid="1 or more")
    scope = Scope.of(actor=actor, country=country, dyad=dyad, query=query)
    rules = rules or Counting.of()
    prev_since, prev_until = previous_period(since, until)
    qs = _Queries(db)
    counted, counted_params = scope.conditions(since, until, rules)
    every, every_params = scope.conditions(since, until, Counting.of(modality=None, min_confidence=rules.min_confidence))
    span = _member_span(qs.db, since, until)
    key_events, key_total = _key_events(qs, counted, counted_params, since, until, span, limit)
    trend = _trend(qs, scope, rules, (since, until), (prev_since, prev_until))
    said = _who_said_what(qs, every, every_params, since, until, limit)
    claims = _open_claims(qs, scope, since, until, rules, limit)
    contra, contra_total = _contradictions(qs, every, every_params, since, until, span, limit)
    labels = _labels(qs, {k for item in (*key_events, *contra) for k in (*item["sources"], *item["targets"])})
    for item in (*key_events, *contra):
        item["source_names"] = [labels.get(k, k) for k in item["sources"]]
        item["target_names"] = [labels.get(k, k) for k in item["targets"]]
    for item in key_events:
        item["text"] = _key_event_text(item)
    for item in contra:
        item["text"] = TEMPLATES["contradiction"].format(
            type=item["type"], sources=_names(item["source_names"]), targets=_names(item["target_names"]),
            asserted=", ".join(sorted({r["outlet"] for r in item["asserted"]})),
            negated=", ".join(sorted({r["outlet"] for r in item["negated"]})))
    return {
        "scope": scope.to_dict(),
        "period": {"since": since.isoformat(), "until": until.isoformat()},
        "previous_period": {"since": prev_since.isoformat(), "until": prev_until.isoformat()},
        "counting": {"modality": list(rules.modality) if rules.modality else None,
                     "min_confidence": rules.min_confidence},
        "key_events": {"total": key_total, "shown": len(key_events), "items": key_events,
                       "query": ["key_events", "key_event_members"]},
        "trend": trend,
        "who_said_what": said,
        "open_claims": claims,
        "contradictions": {"total": contra_total, "shown": len(contra), "items": contra,
                           "query": ["contradictions", "contradiction_members"]},
        "queries": qs.kept,
    }


def _names(names: Sequence[str]) -> str:
    return " + ".join(names) if names else "-"


def _key_event_text(item: dict[str, Any]) -> str:
    days = item["days"]
    span = (days[0] if len(days) == 1 else f"{days[0]} to {days[-1]}") if days else "undated"
    return TEMPLATES["key_event"].format(
        type=item["type"], cameo=item["best"]["cameo"] if item["best"] else "?",
        sources=_names(item["source_names"]), targets=_names(item["target_names"]),
        num_articles=item["num_articles"], articles="report" if item["num_articles"] == 1 else "reports",
        num_sources=item["num_outlets"], outlets_word="outlet" if item["num_outlets"] == 1 else "outlets",
        outlets=", ".join(item["outlets"]), days=span)


def _split(keys: str | None) -> list[str]:
    return keys.split("+") if keys else []


# ---- key events ------------------------------------------------------------------------------
#
# A story holds the events of one story key whose days fall in [first_seen, last_seen], and the day
# ranges of one key's stories never overlap (accord.analytics.stories), so the stories of a set of
# events are found by (story key, day) without scanning story_members; their members lie within
# the period widened by the story window (`span`), which lets the day zone maps or indexes prune.

def _member_span(db: Database, since: dt.date, until: dt.date) -> tuple[dt.date, dt.date]:
    from accord.analytics.stories import stored_window

    window = dt.timedelta(days=stored_window(db))
    return since - window, until + window


_STORY_COLUMNS = ("id, type, source_keys, target_keys, first_seen, last_seen, num_articles, num_sources, "
                  "quad_class, goldstein, story_key")


def _hit_stories(where: str, narrow: str = "") -> str:
    """SQL for the stories (story_events columns) with an event matching `where`; its parameters
    are since, until, since less the story window (the stories overlapping the period, filtered
    first: a story spans at most window + 1 days, so its first day is no earlier, and the bound
    lets the first_seen zone maps skip the rest; update_stories writes stories sorted by first
    day), then `narrow`'s (a further condition on the stories), then `where`'s."""
    return f"""SELECT {_STORY_COLUMNS} FROM (SELECT {_STORY_COLUMNS} FROM story_events
            WHERE last_seen >= ? AND first_seen <= ? AND first_seen >= ? {narrow}) s
        WHERE EXISTS (SELECT 1 FROM events e WHERE e.story_key = s.story_key AND e.day >= s.first_seen
                      AND e.day <= s.last_seen AND {where})"""


_MEMBERS = """SELECT s.id, e.id, e.modality, e.confidence, e.day, e.sentence, e.evidence_text, {outlet},
        e.cameo, e.doc_id
    FROM (SELECT unnest(CAST(? AS TEXT[])) AS id, unnest(CAST(? AS TEXT[])) AS story_key,
                 unnest(CAST(? AS DATE[])) AS first_seen, unnest(CAST(? AS DATE[])) AS last_seen) s
    JOIN events e ON e.story_key = s.story_key AND e.day >= s.first_seen AND e.day <= s.last_seen
    JOIN documents d ON d.id = e.doc_id
    WHERE e.day >= ? AND e.day <= ? {extra}
    ORDER BY s.id, e.day, e.id"""


def _members(qs: _Queries, name: str, stories: list[tuple[Any, ...]], span: tuple[dt.date, dt.date],
             extra: str = "") -> dict[str, list[tuple[Any, ...]]]:
    """Member reports of stories given as (id, story key, first seen, last seen)."""
    members: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    if stories:
        columns = [list(c) for c in zip(*stories, strict=True)]
        for m in qs.run(name, _MEMBERS.format(outlet=_OUTLET, extra=extra), [*columns, *span]):
            members[m[0]].append(m)
    return members


def _key_events(qs: _Queries, where: str, params: list[Any], since: dt.date, until: dt.date,
                span: tuple[dt.date, dt.date], limit: int) -> tuple[list[dict[str, Any]], int]:
    rows = qs.run("key_events", f"""SELECT s.id, s.type, s.source_keys, s.target_keys, s.first_seen, s.last_seen,
            s.num_articles, s.num_sources, s.quad_class, s.goldstein, count(*) OVER () AS total, s.story_key
        FROM ({_hit_stories(where)}) s
        ORDER BY s.num_articles DESC, s.num_sources DESC, s.first_seen NULLS LAST, s.id LIMIT ?""",
        [since, until, span[0], *params, limit])
    total = int(rows[0][10]) if rows else 0
    members = _members(qs, "key_event_members", [(r[0], r[11], r[4], r[5]) for r in rows], span)
    items = []
    for r in rows:
        ms = members[r[0]]
        best = min(ms, key=_best_order) if ms else None
        items.append({
            "story_id": r[0], "type": r[1], "sources": _split(r[2]), "targets": _split(r[3]),
            "first_seen": _iso(r[4]), "last_seen": _iso(r[5]), "num_articles": r[6],
            "quad_class": r[8], "goldstein": round(float(r[9]), 3),
            "outlets": sorted({m[7] for m in ms}), "num_outlets": len({m[7] for m in ms}),
            "days": sorted({m[4].isoformat() for m in ms if m[4]}),
            "event_ids": [m[1] for m in ms],
            "best": _report(best) if best else None,
        })
    return items, total


_MODALITY_RANK = {"asserted": 0, "reported": 1}


def _best_order(m: tuple[Any, ...]) -> tuple[Any, ...]:
    return (_MODALITY_RANK.get(m[2], 2), -float(m[3]), m[4] is None, m[4] or dt.date.min, m[1])


def _report(m: tuple[Any, ...]) -> dict[str, Any]:
    return {"event_id": m[1], "modality": m[2], "confidence": round(float(m[3]), 4), "day": _iso(m[4]),
            "sentence": m[5], "evidence": m[6], "outlet": m[7], "cameo": m[8], "doc_id": m[9]}


# ---- trend -----------------------------------------------------------------------------------

def _trend(qs: _Queries, scope: Scope, rules: Counting, current: tuple[dt.date, dt.date],
           previous: tuple[dt.date, dt.date]) -> dict[str, Any]:
    """Counted reports of both periods by (period, QuadClass, type), in one query."""
    where, params = scope.conditions(previous[0], current[1], rules)
    rows = qs.run("trend", f"""SELECT CASE WHEN e.day >= ? THEN 'current' ELSE 'previous' END AS period,
            e.quad_class, e.type, count(*), sum(e.goldstein)
        FROM events e WHERE {where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""", [current[0], *params])
    out: dict[str, Any] = {"unit": "reports", "query": ["trend"]}
    for label, (since, until) in (("current", current), ("previous", previous)):
        mine = [r for r in rows if r[0] == label]
        total = sum(int(r[3]) for r in mine)
        by_type: dict[str, int] = {}
        by_quad = {str(q): 0 for q in (1, 2, 3, 4)}
        for _, quad, type_, n, _g in mine:
            by_type[type_] = by_type.get(type_, 0) + int(n)
            by_quad[str(quad)] += int(n)
        mean = round(sum(float(r[4]) for r in mine) / total, 3) if total else None
        out[label] = {"since": since.isoformat(), "until": until.isoformat(), "reports": total,
                      "by_quad_class": by_quad, "mean_goldstein": mean, "by_type": dict(sorted(by_type.items()))}
    out["new_types"] = sorted(set(out["current"]["by_type"]) - set(out["previous"]["by_type"]))
    out["vanished_types"] = sorted(set(out["previous"]["by_type"]) - set(out["current"]["by_type"]))
    cur, prev = out["current"]["reports"], out["previous"]["reports"]
    out["text"] = TEMPLATES["trend"].format(
        unit="Counted reports", current=cur, previous=prev, change=f"{cur - prev:+d}",
        mean_current=_fmt(out["current"]["mean_goldstein"]), mean_previous=_fmt(out["previous"]["mean_goldstein"]))
    return out


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


# ---- who said what ---------------------------------------------------------------------------

# Every attributed report is a row (the counts); the speaker's name, the sentence and the outlet
# are read for the rows shown only (each speaker's first `limit`), so that few documents are
# looked up by id.
_SPEAKER = """WITH said AS (
        SELECT coalesce(a.actor_key, a.text_lc) AS skey, coalesce(a.name, a.text) AS speaker, e.id, e.type,
               e.modality, e.day, e.sentence, e.evidence_text, e.doc_id,
               row_number() OVER (PARTITION BY coalesce(a.actor_key, a.text_lc) ORDER BY e.day NULLS LAST, e.id) AS rn
        FROM events e JOIN event_actors a ON a.event_id = e.id AND a.role = 'attributed' AND a.position = 0
            AND a.day >= ? AND a.day <= ?
        WHERE {where}),
    shown AS (SELECT s.id, {outlet} AS outlet FROM (SELECT * FROM said WHERE rn <= ?) s
              JOIN documents d ON d.id = s.doc_id)
    SELECT s.skey, CASE WHEN s.rn <= ? THEN s.speaker END, s.id, s.type, s.modality, s.day,
           CASE WHEN s.rn <= ? THEN s.sentence END, CASE WHEN s.rn <= ? THEN s.evidence_text END, sh.outlet
    FROM said s LEFT JOIN shown sh ON sh.id = s.id"""


def _who_said_what(qs: _Queries, where: str, params: list[Any], since: dt.date, until: dt.date,
                   limit: int) -> dict[str, Any]:
    rows = qs.run("who_said_what", _SPEAKER.format(outlet=_OUTLET, where=where)
                  + " ORDER BY s.skey, s.day NULLS LAST, s.id", [since, until, *params, limit, limit, limit, limit])
    groups: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        groups[r[0]].append(r)
    speakers = []
    for skey, rs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        speakers.append({
            "speaker_key": skey, "speaker": rs[0][1], "statements": len(rs),
            "items": [{"event_id": r[2], "type": r[3], "modality": r[4], "day": _iso(r[5]), "sentence": r[6],
                       "evidence": r[7], "outlet": r[8],
                       "text": TEMPLATES["statement"].format(speaker=rs[0][1], day=_iso(r[5]) or "undated",
                                                             outlet=r[8], type=r[3], modality=r[4])}
                      for r in rs[:limit]],
        })
    return {"total": len(rows), "speakers": speakers, "query": ["who_said_what"]}


# ---- open claims -----------------------------------------------------------------------------

def _open_claims(qs: _Queries, scope: Scope, since: dt.date, until: dt.date, rules: Counting,
                 limit: int) -> dict[str, Any]:
    where, params = scope.conditions(since, until, Counting.of(modality=CLAIM_LIKE, min_confidence=rules.min_confidence))
    ledger = qs.db.table_exists("claims_meta")
    status = "NULL"
    join = ""
    as_of = None
    if ledger:
        from accord.analytics.claims import as_of_day

        as_of = as_of_day(qs.db)
        status = """CASE WHEN c.claim_id IS NULL THEN NULL WHEN c.fulfilled_by IS NOT NULL THEN 'fulfilled'
            WHEN c.deadline IS NOT NULL AND c.deadline < CAST(? AS DATE) THEN 'expired' ELSE 'open' END"""
        join = "LEFT JOIN claims c ON c.claim_id = e.id"
    # Every claim in scope is a row (their number is the total); the sentence, outlet, speaker and
    # ledger status are read for the rows shown only (the first `limit`): looking up thousands of
    # documents and claims by id costs a full scan of each table, a handful an index probe.
    sql = f"""WITH hit AS (SELECT e.id, e.type, e.modality, e.day, e.sentence, e.evidence_text, e.doc_id,
                                  row_number() OVER (ORDER BY e.day NULLS LAST, e.id) AS rn
                           FROM events e WHERE {where}),
        shown AS (SELECT e.id, e.sentence, e.evidence_text, {_OUTLET} AS outlet,
                         coalesce(a.name, a.text) AS speaker, a.actor_key, {status} AS status,
                         {'c.fulfilled_by' if ledger else 'NULL'} AS fulfilled_by
                  FROM (SELECT * FROM hit WHERE rn <= ?) e JOIN documents d ON d.id = e.doc_id
                  LEFT JOIN event_actors a ON a.event_id = e.id AND a.role = 'attributed' AND a.position = 0
                      AND a.day >= ? AND a.day <= ?
                  {join})
        SELECT h.id, h.type, h.modality, h.day, s.sentence, s.evidence_text, s.outlet, s.speaker, s.actor_key,
               s.status, s.fulfilled_by
        FROM hit h LEFT JOIN shown s ON s.id = h.id
        ORDER BY h.day NULLS LAST, h.id"""
    all_params = params + ([as_of] if ledger else []) + [limit, since, until]
    rows = qs.run("open_claims", sql, all_params)
    items = []
    for r in rows[:limit]:
        items.append({
            "event_id": r[0], "type": r[1], "modality": r[2], "day": _iso(r[3]), "sentence": r[4],
            "evidence": r[5], "outlet": r[6], "speaker": r[7], "speaker_key": r[8], "ledger_status": r[9],
            "fulfilled_by": r[10],
            "text": TEMPLATES["claim"].format(speaker=r[7] or "unattributed", day=_iso(r[3]) or "undated",
                                              outlet=r[6], type=r[1], modality=r[2],
                                              status=f"; ledger: {r[9]}" if r[9] else ""),
        })
    return {"total": len(rows), "shown": len(items), "ledger": ledger, "as_of": _iso(as_of), "items": items,
            "query": ["open_claims"]}


# ---- contradictions --------------------------------------------------------------------------

_ASSERTING = "('asserted', 'reported')"
# Only a story with a negated report in the member span can be a contradiction: its story key is
# among those of the negated reports of the span (a cheap, exact-superset filter, found first).
_NEGATED_KEYS = "AND story_key IN (SELECT n.story_key FROM events n WHERE n.modality = 'negated' AND n.day >= ? AND n.day <= ?)"


def _contradictions(qs: _Queries, where: str, params: list[Any], since: dt.date, until: dt.date,
                    span: tuple[dt.date, dt.date], limit: int) -> tuple[list[dict[str, Any]], int]:
    rows = qs.run("contradictions", f"""SELECT s.id, min(s.type), min(s.source_keys), min(s.target_keys),
            min(s.first_seen), min(s.story_key), min(s.last_seen)
        FROM ({_hit_stories(where, _NEGATED_KEYS)}) s
        JOIN events e ON e.story_key = s.story_key AND e.day >= s.first_seen AND e.day <= s.last_seen
        WHERE e.day >= ? AND e.day <= ?
        GROUP BY s.id
        HAVING count(DISTINCT CASE WHEN e.modality IN {_ASSERTING} THEN e.doc_id END) > 0
           AND count(DISTINCT CASE WHEN e.modality = 'negated' THEN e.doc_id END) > 0
           AND count(DISTINCT CASE WHEN e.modality IN {_ASSERTING} OR e.modality = 'negated' THEN e.doc_id END) > 1
        ORDER BY min(s.first_seen) NULLS LAST, s.id""", [since, until, span[0], *span, *params, *span])
    shown = rows[:limit]
    members = _members(qs, "contradiction_members", [(r[0], r[5], r[4], r[6]) for r in shown], span,
                       f"AND (e.modality IN {_ASSERTING} OR e.modality = 'negated')")
    items = [{
        "story_id": r[0], "type": r[1], "sources": _split(r[2]), "targets": _split(r[3]), "first_seen": _iso(r[4]),
        "asserted": [_report(m) for m in members[r[0]] if m[2] != "negated"],
        "negated": [_report(m) for m in members[r[0]] if m[2] == "negated"],
    } for r in shown]
    return items, len(rows)


def _labels(qs: _Queries, keys: set[str]) -> dict[str, str]:
    """The name each actor key is most often stored with (ties: the first by code point)."""
    if not keys:
        return {}
    rows = qs.run("actor_names", """SELECT actor_key, name, count(*) FROM event_actors
        WHERE actor_key IN (SELECT unnest(CAST(? AS TEXT[]))) AND name IS NOT NULL AND name <> ''
        GROUP BY actor_key, name""", [sorted(keys)])
    best: dict[str, tuple[int, str]] = {}
    for key, name, n in rows:
        if key not in best or (-int(n), name) < (-best[key][0], best[key][1]):
            best[key] = (int(n), name)
    return {k: name for k, (_, name) in best.items()}


def rerun(db: Database, brief: dict[str, Any], name: str) -> list[tuple[Any, ...]]:
    """Run one of a brief's kept queries again (dates travel as ISO text and are cast back)."""
    q = brief["queries"][name]
    return db.query(q["sql"], _dates(q["params"]))


def _dates(params: list[Any]) -> list[Any]:
    return [dt.date.fromisoformat(p) if isinstance(p, str) and _is_iso(p) else _dates(p) if isinstance(p, list) else p
            for p in params]


def _is_iso(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


# ---- rendering -------------------------------------------------------------------------------

def _title(brief: dict[str, Any]) -> str:
    scope = brief["scope"]
    value = ", ".join(scope["value"]) if isinstance(scope["value"], list) else scope["value"]
    return f"Brief: {scope['kind']} {value}, {brief['period']['since']} to {brief['period']['until']}"


def _bar(n: int, top: int, width: int = 20) -> str:
    """' `####`' scaled to `top` (nothing for 0)."""
    bar = "#" * (round(n / top * width) if top else 0)
    return f" `{bar}`" if bar else ""


def render_markdown(brief: dict[str, Any]) -> str:
    """The brief as Markdown; text from documents is kept as written, inside quotes or code."""
    lines = [f"# {_md(_title(brief))}", ""]
    counting = brief["counting"]
    lines += [f"Counted reports: modality {', '.join(counting['modality'] or ['any'])}, "
              f"confidence >= {counting['min_confidence']}. Previous period: "
              f"{brief['previous_period']['since']} to {brief['previous_period']['until']}.", ""]
    ke = brief["key_events"]
    lines += [f"## Key events ({ke['shown']} of {ke['total']} stories)", ""]
    for i, item in enumerate(ke["items"], 1):
        lines.append(f"{i}. {_md(item['text'])}")
        if item["best"]:
            b = item["best"]
            lines.append(f"   > {_md(b['evidence'])}")
            lines.append(f"   > ({_md(b['outlet'])}, {b['day'] or 'undated'}, {b['modality']}, event `{b['event_id']}`)")
    if not ke["items"]:
        lines.append("No counted reports in scope in this period.")
    tr = brief["trend"]
    lines += ["", "## Trend", "", _md(tr["text"]), "",
              "| QuadClass | this period | previous period |", "|---|---:|---:|"]
    top = max([*tr["current"]["by_quad_class"].values(), *tr["previous"]["by_quad_class"].values(), 1])
    for q in ("1", "2", "3", "4"):
        c, p = tr["current"]["by_quad_class"][q], tr["previous"]["by_quad_class"][q]
        lines.append(f"| {q} {QUAD_NAMES[int(q)]} | {c}{_bar(c, top)} | {p}{_bar(p, top)} |")
    lines += ["", f"New event types: {', '.join(tr['new_types']) or 'none'}. "
                  f"Vanished event types: {', '.join(tr['vanished_types']) or 'none'}.", ""]
    said = brief["who_said_what"]
    lines += [f"## Who said what ({said['total']} attributed reports)", ""]
    for sp in said["speakers"]:
        lines.append(f"- **{_md(sp['speaker'])}** ({sp['statements']})")
        for st in sp["items"]:
            lines.append(f"  - {st['day'] or 'undated'}, {_md(st['outlet'])}, {st['type']} ({st['modality']}): "
                         f"\"{_md(st['evidence'])}\"")
    if not said["speakers"]:
        lines.append("No attributed reports in scope in this period.")
    oc = brief["open_claims"]
    lines += ["", f"## Open claims ({oc['shown']} of {oc['total']})", ""]
    for it in oc["items"]:
        status = f" [ledger: {it['ledger_status']}]" if it["ledger_status"] else ""
        lines.append(f"- {it['day'] or 'undated'}, {_md(it['outlet'])}, {_md(it['speaker'] or 'unattributed')}: "
                     f"{it['type']} ({it['modality']}){status}: \"{_md(it['evidence'])}\"")
    if not oc["items"]:
        lines.append("No future, hypothetical, conditional or hedged reports in scope in this period.")
    co = brief["contradictions"]
    lines += ["", f"## Contradictions ({co['shown']} of {co['total']})", ""]
    for it in co["items"]:
        lines.append(f"- {_md(it['text'])}")
        for r in it["asserted"] + it["negated"]:
            lines.append(f"  - {r['modality']}, {_md(r['outlet'])}, {r['day'] or 'undated'}: \"{_md(r['evidence'])}\"")
    if not co["items"]:
        lines.append("No report negates another in scope in this period.")
    lines += ["", f"Every figure above comes from the queries in the JSON form of this brief "
                  f"(`--format json`, key `queries`: {len(brief['queries'])} queries).", ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text from the store, made inert in Markdown: no HTML, links or emphasis from a document."""
    out = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;")
    for ch in "\\`*_[]|":
        out = out.replace(ch, "\\" + ch)
    return out


def render_html(brief: dict[str, Any]) -> str:
    """A standalone HTML page (with a print stylesheet); everything from the store is escaped."""
    e = html.escape
    parts = [f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{e(_title(brief))}</title>"
             f"<style>{PRINT_CSS}</style></head><body><main class=\"brief\">",
             f"<h1>{e(_title(brief))}</h1>"]
    ke = brief["key_events"]
    parts.append(f"<section><h2>Key events ({ke['shown']} of {ke['total']} stories)</h2><ol>")
    for item in ke["items"]:
        parts.append(f"<li><p>{e(item['text'])}</p>")
        if item["best"]:
            b = item["best"]
            parts.append(f"<blockquote>{e(b['evidence'])}<footer>{e(b['outlet'])}, {e(b['day'] or 'undated')}, "
                         f"{e(b['modality'])}</footer></blockquote>")
        parts.append("</li>")
    parts.append("</ol></section>")
    tr = brief["trend"]
    parts.append(f"<section><h2>Trend</h2><p>{e(tr['text'])}</p>{_chart_svg(tr)}"
                 f"<p>New event types: {e(', '.join(tr['new_types']) or 'none')}. "
                 f"Vanished event types: {e(', '.join(tr['vanished_types']) or 'none')}.</p></section>")
    said = brief["who_said_what"]
    parts.append(f"<section><h2>Who said what ({said['total']})</h2><ul>")
    for sp in said["speakers"]:
        parts.append(f"<li><strong>{e(sp['speaker'])}</strong> ({sp['statements']})<ul>")
        parts += [f"<li>{e(st['day'] or 'undated')}, {e(st['outlet'])}, {e(st['type'])} ({e(st['modality'])}): "
                  f"<q>{e(st['evidence'])}</q></li>" for st in sp["items"]]
        parts.append("</ul></li>")
    parts.append("</ul></section>")
    oc = brief["open_claims"]
    parts.append(f"<section><h2>Open claims ({oc['shown']} of {oc['total']})</h2><ul>")
    parts += [f"<li>{e(it['text'])} <q>{e(it['evidence'])}</q></li>" for it in oc["items"]]
    parts.append("</ul></section>")
    co = brief["contradictions"]
    parts.append(f"<section><h2>Contradictions ({co['shown']} of {co['total']})</h2><ul>")
    for it in co["items"]:
        parts.append(f"<li>{e(it['text'])}<ul>")
        parts += [f"<li>{e(r['modality'])}, {e(r['outlet'])}: <q>{e(r['evidence'])}</q></li>"
                  for r in it["asserted"] + it["negated"]]
        parts.append("</ul></li>")
    parts.append("</ul></section></main></body></html>")
    return "".join(parts)


def _chart_svg(trend: dict[str, Any]) -> str:
    """Bars per QuadClass, this period (dark) beside the previous one (light)."""
    cur, prev = trend["current"]["by_quad_class"], trend["previous"]["by_quad_class"]
    top = max([*cur.values(), *prev.values(), 1])
    bars = []
    for i, q in enumerate(("1", "2", "3", "4")):
        x = 10 + i * 60
        for j, (n, fill) in enumerate(((cur[q], "#333"), (prev[q], "#aaa"))):
            h = round(n / top * 80)
            bars.append(f'<rect x="{x + j * 22}" y="{90 - h}" width="20" height="{h}" fill="{fill}"><title>'
                        f'QuadClass {q}: {n}</title></rect>')
        bars.append(f'<text x="{x + 10}" y="104" font-size="10">Q{q}</text>')
    return (f'<svg class="chart" role="img" aria-label="reports by QuadClass" width="260" height="110" '
            f'viewBox="0 0 260 110">{"".join(bars)}</svg>')


PRINT_CSS = """body{font:14px/1.45 system-ui,sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem;color:#111}
blockquote{margin:.3rem 0 .6rem 1rem;padding-left:.6rem;border-left:3px solid #999;color:#333}
blockquote footer{font-size:.85em;color:#555}
@media print{body{font-size:11pt;max-width:none;margin:0}section{break-inside:avoid-page}
h2{break-after:avoid}a{color:inherit;text-decoration:none}}"""
