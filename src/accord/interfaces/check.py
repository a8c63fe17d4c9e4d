"""`accord check`: is the store consistent? Referential integrity, story membership, offsets, counts.

Each check is a query for the rows that break a rule; the store passes when every query finds
none. The checks read through `Store.query` / `Store.iter_query` only, on DuckDB and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import StoreError
from accord.store.base import Store
from accord.types import PLOVER_TYPES, Document

_DUPS = "('duplicate', 'near_duplicate')"

# (name, query selecting one identifying value per offending row)
CHECKS: tuple[tuple[str, str], ...] = (
    ("document ids are unique", "SELECT id FROM documents GROUP BY id HAVING count(*) > 1"),
    ("event ids are unique", "SELECT id FROM events GROUP BY id HAVING count(*) > 1"),
    ("events point at a stored document",
     "SELECT e.id FROM events e LEFT JOIN documents d ON d.id = e.doc_id WHERE d.id IS NULL"),
    ("event actors point at a stored event",
     "SELECT a.event_id FROM event_actors a LEFT JOIN events e ON e.id = a.event_id WHERE e.id IS NULL"),
    ("event dyads point at a stored event",
     "SELECT y.event_id FROM event_dyads y LEFT JOIN events e ON e.id = y.event_id WHERE e.id IS NULL"),
    ("story members point at a stored event",
     "SELECT m.event_id FROM story_members m LEFT JOIN events e ON e.id = m.event_id WHERE e.id IS NULL"),
    ("story members point at a stored story",
     "SELECT m.story_id FROM story_members m LEFT JOIN story_events s ON s.id = m.story_id WHERE s.id IS NULL"),
    ("story dyads point at a stored story",
     "SELECT y.story_id FROM story_dyads y LEFT JOIN story_events s ON s.id = y.story_id WHERE s.id IS NULL"),
    ("story anchors are stored events",
     "SELECT s.id FROM story_events s LEFT JOIN events e ON e.id = s.anchor_id WHERE e.id IS NULL"),
    ("pending story work points at a stored event",
     "SELECT p.event_id FROM story_pending p LEFT JOIN events e ON e.id = p.event_id WHERE e.id IS NULL"),
    ("every event is in exactly one story (or waiting for one)", """
     SELECT e.id FROM events e
     LEFT JOIN (SELECT event_id, count(*) AS n FROM story_members GROUP BY event_id) m ON m.event_id = e.id
     LEFT JOIN (SELECT DISTINCT event_id FROM story_pending) p ON p.event_id = e.id
     WHERE coalesce(m.n, 0) <> 1 AND p.event_id IS NULL"""),
    ("story sizes match their members", """
     SELECT s.id FROM story_events s
     LEFT JOIN (SELECT story_id, count(*) AS n FROM story_members GROUP BY story_id) m ON m.story_id = s.id
     WHERE coalesce(m.n, 0) <> s.num_events"""),
    ("event offsets lie inside their document's text", """
     SELECT e.id FROM events e JOIN documents d ON d.id = e.doc_id
     WHERE e.trigger_start < 0 OR e.trigger_end > length(d.text) OR e.trigger_start > e.trigger_end
        OR e.evidence_start < 0 OR e.evidence_end > length(d.text) OR e.evidence_start > e.evidence_end
        OR substr(d.text, e.trigger_start + 1, e.trigger_end - e.trigger_start) <> e.trigger_text"""),
    ("event values are in range", f"""
     SELECT id FROM events WHERE quad_class NOT IN (1, 2, 3, 4) OR confidence < 0 OR confidence > 1
        OR type NOT IN ({", ".join(f"'{t}'" for t in PLOVER_TYPES)})"""),
    ("duplicate rejections point at a stored or rejected original", f"""
     SELECT r.input FROM rejected r
     WHERE r.reason IN {_DUPS} AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = r.doc_id)
       AND NOT EXISTS (SELECT 1 FROM rejected o WHERE o.doc_id = r.doc_id AND o.reason NOT IN {_DUPS})"""),
)

COUNTS: tuple[tuple[str, str], ...] = (
    ("documents", "documents"), ("events", "events"), ("event actors", "event_actors"),
    ("rejected", "rejected"), ("stories", "story_events"), ("story members", "story_members"),
    ("events waiting for a story", "story_pending"),
)


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    failures: int
    examples: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.failures == 0


@dataclass(frozen=True, slots=True)
class CheckReport:
    results: tuple[CheckResult, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "counts": self.counts,
                "checks": [{"check": r.name, "ok": r.ok, "failures": r.failures, "examples": list(r.examples)}
                           for r in self.results]}


def check_store(store: Store, examples: int = 5) -> CheckReport:
    """Run every check and count the tables."""
    results = [_run(store, name, sql, examples) for name, sql in CHECKS]
    counts = {label: int(store.query(f"SELECT count(*) FROM {table}")[0][0]) for label, table in COUNTS}
    counts["documents whose id is not the hash of their text and URL"] = _custom_ids(store)
    for reason, n in store.query("SELECT reason, count(*) FROM rejected GROUP BY reason ORDER BY reason"):
        counts[f"rejected: {reason}"] = int(n)
    return CheckReport(tuple(results), counts)


def _run(store: Store, name: str, sql: str, examples: int) -> CheckResult:
    failures = int(store.query(f"SELECT count(*) FROM ({sql}) bad")[0][0])
    found: tuple[str, ...] = ()
    if failures:
        found = tuple(str(row[0]) for row in store.query(f"{sql} LIMIT {int(examples)}"))
    return CheckResult(name, failures, found)


def _custom_ids(store: Store) -> int:
    """Documents whose id is not the hash of their normalised text and URL: ingest never writes
    such ids, so under ingest alone a non-zero count means a text changed after it was stored
    (the Python API lets callers choose their own ids, so this is a count, not a failure)."""
    return sum(1 for rows in store.iter_query("SELECT id, text, url FROM documents")
               for doc_id, text, url in rows if Document.make_id(text, url) != doc_id)


def failure_line(report: CheckReport) -> str:
    """One line naming every failed check with its count and first offending ids."""
    parts = [f"{r.name}: {r.failures} ({', '.join(r.examples)})" for r in report.failed]
    return f"{len(parts)} of {len(report.results)} checks failed: " + "; ".join(parts)


def require_store(db: str) -> str:
    """`db` itself, or StoreError when it names a DuckDB file that does not exist (checking must
    not create an empty store and call it consistent)."""
    if "://" not in db and db != ":memory:" and not Path(db).exists():
        raise StoreError(f"no store at {db}", input=db, valid="an existing DuckDB file or a postgresql:// URL")
    return db
