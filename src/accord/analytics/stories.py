"""Story events: the Events that report one real-world event, merged.

Rule. Events belong to the same story when they have the same PLOVER `type`, the same set of
resolved source actors and the same set of resolved target actors (an actor is its `actor_id`,
else its `code`; unresolved actors are left out of the key), and fall in the same window of
`window_days` days. Windows are laid greedily along each group's days (the event date, else the
publication date): the first day d0 opens a story that takes every event up to d0 + window_days;
the first later day opens the next one. A story therefore never spans more than window_days + 1
calendar days, however busy the pair is. An event with no resolved actor at all, or with no day,
is a story by itself.

Within a story, members are ordered by (day, event id); the first member is the anchor and the
story id is the first 16 hex digits of md5("story:" + anchor id). The result depends only on the
set of stored events, never on the order they were written in, so updating incrementally (which
re-clusters only the groups that received events) and rebuilding from scratch give the same
stories. `cluster()` is the rule in plain Python (for tests and small inputs); `update_stories()`
runs it inside the store: SQL everywhere except one pass over the distinct (group, day) pairs of
the touched groups, which lays the windows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from accord.analytics.counting import actor_key, dyad_keys, render, side_keys, story_key
from accord.errors import StoreError
from accord.types import Document, Event, StoryEvent

if TYPE_CHECKING:
    from accord.analytics.counting import Database

__all__ = ["DEFAULT_WINDOW_DAYS", "actor_key", "cluster", "dyad_keys", "side_keys", "story_id", "story_key",
           "update_stories"]

DEFAULT_WINDOW_DAYS = 3


def story_id(anchor_event_id: str) -> str:
    return hashlib.md5(f"story:{anchor_event_id}".encode()).hexdigest()[:16]


def _day_order(item: tuple[dt.date | None, str]) -> tuple[bool, dt.date, str]:
    day, eid = item
    return (day is None, day or dt.date.min, eid)


def _islands(members: list[tuple[dt.date | None, str]], window_days: int) -> list[list[tuple[dt.date | None, str]]]:
    islands: list[list[tuple[dt.date | None, str]]] = []
    start: dt.date | None = None
    for day, eid in sorted(members, key=_day_order):
        if day is None or start is None or (day - start).days > window_days:
            islands.append([])
            start = day
        islands[-1].append((day, eid))
    return islands


def cluster(
    events: Sequence[Event], documents: Mapping[str, Document], window_days: int = DEFAULT_WINDOW_DAYS
) -> list[StoryEvent]:
    """Group events into stories by the rule above; sorted by (first_seen, id)."""
    by_id = {e.id: e for e in events}
    groups: dict[str, list[tuple[dt.date | None, str]]] = defaultdict(list)
    for e in events:
        doc = documents.get(e.doc_id)
        day = e.date if e.date is not None else (doc.published if doc else None)
        groups[story_key(e)].append((day, e.id))
    stories = []
    for members in groups.values():
        for island in _islands(members, window_days):
            stories.append(_story([by_id[eid] for _, eid in island], [d for d, _ in island], documents))
    return sorted(stories, key=lambda s: (s.first_seen is None, s.first_seen or dt.date.min, s.id))


def _story(members: list[Event], days: list[dt.date | None], documents: Mapping[str, Document]) -> StoryEvent:
    anchor = members[0]
    known = [d for d in days if d is not None]
    outlets = {(documents[e.doc_id].source or e.doc_id) if e.doc_id in documents else e.doc_id for e in members}
    sources, targets = side_keys(anchor.sources), side_keys(anchor.targets)
    return StoryEvent(
        id=story_id(anchor.id), type=anchor.type,
        sources=tuple(sources.split("+")) if sources else (),
        targets=tuple(targets.split("+")) if targets else (),
        first_seen=min(known) if known else None, last_seen=max(known) if known else None,
        member_ids=tuple(e.id for e in members),
        num_articles=len({e.doc_id for e in members}), num_sources=len(outlets),
    )


# ---- the same rule inside the store ------------------------------------------------------------

_GROUPS = """INSERT INTO _story_groups
    SELECT CAST(row_number() OVER (ORDER BY story_key) AS INTEGER), story_key
    FROM (SELECT DISTINCT story_key FROM story_pending) p"""

_GROUP_DAYS = """SELECT g.gid, CAST(e.day - DATE '1970-01-01' AS INTEGER) AS d
    FROM events e JOIN _story_groups g ON g.story_key = e.story_key
    WHERE e.day IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"""

# Each dated event takes the latest window start at or before its day; undated events stand alone.
_COLS = "e.id, e.doc_id, e.story_key, e.day, e.type, e.quad_class, e.goldstein, e.source_keys, e.target_keys"
_FILL_ISLANDS = f"""INSERT INTO _story_islands
WITH marks AS (
    SELECT g.gid, CAST(e.day - DATE '1970-01-01' AS INTEGER) AS d, 1 AS kind, NULL AS start, {_COLS}
    FROM events e JOIN _story_groups g ON g.story_key = e.story_key WHERE e.day IS NOT NULL
    UNION ALL
    SELECT gid, sday, 0, sday, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM _story_starts
), members AS (
    SELECT *, max(start) OVER (PARTITION BY gid ORDER BY d, kind
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS window_start
    FROM marks
), dated AS (
    SELECT * FROM members WHERE kind = 1
), undated AS (
    SELECT g.gid, CAST(NULL AS INTEGER) AS window_start, {_COLS}
    FROM events e JOIN _story_groups g ON g.story_key = e.story_key WHERE e.day IS NULL
), everything AS (
    SELECT gid, window_start, id, doc_id, story_key, day, type, quad_class, goldstein, source_keys,
           target_keys FROM dated
    UNION ALL
    SELECT * FROM undated
)
SELECT id, doc_id, story_key, day, type, quad_class, goldstein, source_keys, target_keys,
       CASE WHEN window_start IS NULL THEN id
            ELSE first_value(id) OVER (PARTITION BY gid, window_start ORDER BY day, id) END
FROM everything"""

_TOUCHED_STORIES = "SELECT id FROM story_events WHERE story_key IN (SELECT story_key FROM _story_groups)"

_RECLUSTER: tuple[str, ...] = (
    f"DELETE FROM story_members WHERE story_id IN ({_TOUCHED_STORIES})",
    f"DELETE FROM story_dyads WHERE story_id IN ({_TOUCHED_STORIES})",
    "DELETE FROM story_events WHERE story_key IN (SELECT story_key FROM _story_groups)",
    _FILL_ISLANDS,
    """INSERT INTO story_events
    SELECT substr(md5('story:' || i.anchor), 1, 16), min(i.story_key), i.anchor, min(i.type),
           min(i.source_keys), min(i.target_keys), min(i.day), max(i.day), count(*),
           count(DISTINCT i.doc_id), count(DISTINCT coalesce(nullif(d.source, ''), d.id)),
           max(CASE WHEN i.id = i.anchor THEN i.quad_class END), avg(i.goldstein)
    FROM _story_islands i JOIN documents d ON d.id = i.doc_id
    GROUP BY i.anchor ORDER BY min(i.day), 1""",  # sorted by first day: the zone maps serve period queries
    """INSERT INTO story_members (story_id, event_id)
    SELECT substr(md5('story:' || anchor), 1, 16), id FROM _story_islands""",
    f"""INSERT INTO story_dyads
    SELECT s.id, d.source_key, d.source_code, d.target_key, d.target_code, s.first_seen, s.type,
           s.quad_class, s.goldstein, d.source_country, d.target_country
    FROM story_events s JOIN event_dyads d ON d.event_id = s.anchor_id
    WHERE s.id IN ({_TOUCHED_STORIES}) AND NOT d.inferred""",
    "DELETE FROM story_pending WHERE story_key IN (SELECT story_key FROM _story_groups)",
)

_TEMP_TABLES: dict[str, str] = {
    "_story_groups": "gid INTEGER, story_key {key}",
    "_story_starts": "gid INTEGER, sday INTEGER",
    "_story_islands": """id {key}, doc_id {key}, story_key {key}, day DATE, type {key}, quad_class INTEGER,
        goldstein DOUBLE PRECISION, source_keys {key}, target_keys {key}, anchor {key}""",
}


def stored_window(db: Database) -> int:
    rows = db.query("SELECT story_window_days FROM accord_meta")
    return int(rows[0][0]) if rows and rows[0][0] is not None else DEFAULT_WINDOW_DAYS


def update_stories(db: Database, window_days: int | None = None) -> int:
    """Assign events written since the last update to stories; returns how many stories changed.

    Only the (type, sources, targets) groups that received new events are re-clustered. A
    `window_days` different from the stored one re-clusters everything with the new window.
    Runs in the caller's transaction when there is one.
    """
    with db.transaction():
        if window_days is not None and window_days != stored_window(db):
            _reset(db, window_days)
        window = stored_window(db)
        for name, columns in _TEMP_TABLES.items():
            db.execute(f"DROP TABLE IF EXISTS {name}")
            db.execute(render(f"CREATE TEMP TABLE {name} ({columns})", db.dialect))
        db.execute(_GROUPS)
        changed = 0
        if db.query("SELECT count(*) FROM _story_groups")[0][0]:
            _lay_windows(db, window)
            for sql in _RECLUSTER:
                db.execute(sql)
            changed = int(db.query("SELECT count(DISTINCT anchor) FROM _story_islands")[0][0])
        for name in _TEMP_TABLES:
            db.execute(f"DROP TABLE {name}")
    return changed


def _lay_windows(db: Database, window: int) -> None:
    """Fill `_story_starts` with the first day of each window, group by group (one pass)."""
    gids: list[int] = []
    days: list[int] = []
    current, start = -1, 0
    for rows in db.stream(_GROUP_DAYS, (), 200_000):
        for gid, day in rows:
            if gid != current or day - start > window:
                gids.append(gid)
                days.append(day)
                current, start = gid, day
    db.insert_lists("_story_starts", (("gid", "INTEGER"), ("sday", "INTEGER")), [gids, days])


def _reset(db: Database, window_days: int) -> None:
    if window_days < 0:
        raise StoreError(f"bad story window {window_days} days", input=str(window_days), valid="0 or more")
    for table in ("story_members", "story_dyads", "story_events", "story_pending"):
        db.execute(f"DELETE FROM {table}")
    db.execute("INSERT INTO story_pending (event_id, story_key) SELECT id, story_key FROM events")
    db.execute("UPDATE accord_meta SET story_window_days = ?", (window_days,))
