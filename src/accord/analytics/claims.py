"""The claims ledger: what was said would happen, and whether it did.

A *claim* is a stored event whose modality is future, hypothetical or conditional ("Russia will
attack", "the administration may appoint an envoy", "we will leave NATO if ..."). It is made on
its *claim day*: the earlier of the event's day and the report's publication date (a background
claim recalled from 2017 was made in 2017; "will meet on Friday" was made on the day it was
reported).

A claim is *fulfilled* by a later event that

* is asserted or reported, in another document,
* falls on a day after the claim day and at most `horizon_days` (default 180) after it,
* has the claim's type or, for a THREATEN, REQUEST or AGREE whose CAMEO code names its content,
  the type of that content: the code's frame refinement (data/rules/frame_codes.csv: THREATEN 136
  is a threat to RETREAT; a code that two contents share, such as 138, accepts both). A threat to
  strike is carried out by a strike, not by a second threat; a frame with its default code (130,
  020, 030: content unknown) is matched by its own type,
* has, on each side the claim names, the same resolved actor (actor id, else code) or, where the
  claim names a country (its key is the ISO code of its own country, 'RUS'), an actor of that
  country. A side the claim leaves unresolved is not checked; a claim with no resolved actor at
  all cannot be fulfilled.

The earliest such event (by day, then id) is the claim's fulfilment. A claim that has none is
*expired* once its deadline (claim day + horizon) lies before the ledger's "as of" day (by
default the latest publication date in the store), and *open* otherwise.

The ledger is kept in two tables next to the store's own (created on first use, see `ensure`):
`claims` (one row per claim, with its fulfilment) and `claim_docs` (the documents already
scanned). `update_claims()` is incremental: it takes the new claims of unscanned documents,
matches them against every stored event, and matches every stored claim against the events of
the unscanned documents, keeping the earliest fulfilment. The result depends only on the set of
stored documents: updating after each write and rebuilding from scratch give the same ledger.
Changing the horizon rebuilds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from accord.analytics.counting import render
from accord.errors import StoreError

if TYPE_CHECKING:
    from accord.analytics.counting import Database

__all__ = [
    "CLAIM_MODALITIES", "CLAIM_STATES", "DEFAULT_HORIZON_DAYS", "FULFILLING_MODALITIES", "Claim",
    "ClaimSummaryRow", "content_types", "database_of", "ensure", "ledger", "ledger_params",
    "match_types", "summary", "update_claims",
]

CLAIM_MODALITIES: tuple[str, ...] = ("future", "hypothetical", "conditional")
FULFILLING_MODALITIES: tuple[str, ...] = ("asserted", "reported")
CLAIM_STATES: tuple[str, ...] = ("fulfilled", "open", "expired")
FRAME_TYPES: tuple[str, ...] = ("THREATEN", "REQUEST", "AGREE")
DEFAULT_HORIZON_DAYS = 180
LEDGER_VERSION = 2  # 2: frames match their content types only; outlets fall back to the URL host


# ---- which types fulfil a claim ----------------------------------------------------------------

@lru_cache(maxsize=1)
def _frame_contents() -> dict[tuple[str, str], tuple[str, ...]]:
    """(frame type, CAMEO code) -> the content types that refine the frame to that code."""
    from accord.events.coder import frame_codes

    found: dict[tuple[str, str], list[str]] = {}
    for (outer, inner), cameo in frame_codes().items():
        if inner != "default":
            found.setdefault((outer, cameo), []).append(inner)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def content_types(type_: str, cameo: str) -> tuple[str, ...]:
    """The content types of a THREATEN, REQUEST or AGREE with this CAMEO code; () for others."""
    if type_ not in FRAME_TYPES:
        return ()
    return _frame_contents().get((type_, cameo), ())


def match_types(type_: str, cameo: str) -> tuple[str, ...]:
    """The types of event that can fulfil a claim of this type and code: the content types of a
    THREATEN, REQUEST or AGREE whose code names its content (a threat to strike is carried out
    by a strike, not by a second threat), else the claim's own type."""
    return content_types(type_, cameo) or (type_,)


def outlet_sql(alias: str = "d") -> str:
    """SQL for a document's outlet: its source, else the host of its URL (without 'www.'), else
    its id. Plain string functions, the same on DuckDB and PostgreSQL."""
    host = f"split_part(split_part({alias}.url, '://', 2), '/', 1)"
    host = f"CASE WHEN substr({host}, 1, 4) = 'www.' THEN substr({host}, 5) ELSE {host} END"
    return f"coalesce(nullif({alias}.source, ''), nullif({host}, ''), {alias}.id)"


# ---- the tables --------------------------------------------------------------------------------

_TABLES: dict[str, str] = {
    "claims_meta": "version INTEGER NOT NULL, horizon_days INTEGER NOT NULL",
    "claims": """claim_id {key} PRIMARY KEY, doc_id {key} NOT NULL, outlet TEXT NOT NULL,
        speaker_key {key}, speaker TEXT, type {key} NOT NULL, cameo TEXT NOT NULL, match_types TEXT NOT NULL,
        modality TEXT NOT NULL, source_keys {key} NOT NULL, target_keys {key} NOT NULL,
        claim_day DATE, deadline DATE, fulfilled_by {key}, fulfilled_day DATE""",
    "claim_match_types": "claim_id {key} NOT NULL, type {key} NOT NULL",
    "claim_docs": "doc_id {key} PRIMARY KEY",
}
_POSTGRES_INDEXES = (
    "CREATE INDEX IF NOT EXISTS claims_fulfilled_by ON claims (fulfilled_by)",
    "CREATE INDEX IF NOT EXISTS claim_match_types_type ON claim_match_types (type)",
)


def database_of(store: Any) -> Database:
    """The `Database` under a Store (both backends keep it as `_db`)."""
    db = getattr(store, "_db", None)
    if db is None:
        raise StoreError(f"{store!r} is not an SQL store", input=repr(store))
    return db


def ensure(db: Database, horizon_days: int = DEFAULT_HORIZON_DAYS) -> bool:
    """Create the ledger tables when missing; a different horizon empties them (the next update
    rebuilds). Returns True when the ledger must be rebuilt from nothing."""
    if horizon_days < 1:
        raise StoreError(f"bad claims horizon {horizon_days} days", input=str(horizon_days), valid="1 or more")
    with db.transaction():
        fresh = not db.table_exists("claims_meta")
        if fresh:
            for name, columns in _TABLES.items():
                db.execute(render(f"CREATE TABLE IF NOT EXISTS {name} ({columns})", db.dialect))
            if db.dialect == "postgres":
                for sql in _POSTGRES_INDEXES:
                    db.execute(sql)
            db.execute("INSERT INTO claims_meta (version, horizon_days) VALUES (?, ?)",
                       (LEDGER_VERSION, horizon_days))
            return True
        stored = db.query("SELECT horizon_days, version FROM claims_meta")
        if not stored or int(stored[0][0]) != horizon_days or int(stored[0][1]) != LEDGER_VERSION:
            for name in ("claims", "claim_match_types", "claim_docs"):
                db.execute(f"DELETE FROM {name}")
            db.execute("DELETE FROM claims_meta")
            db.execute("INSERT INTO claims_meta (version, horizon_days) VALUES (?, ?)",
                       (LEDGER_VERSION, horizon_days))
            return True
    return False


def stored_horizon(db: Database) -> int | None:
    if not db.table_exists("claims_meta"):
        return None
    rows = db.query("SELECT horizon_days FROM claims_meta")
    return int(rows[0][0]) if rows else None


# ---- the update --------------------------------------------------------------------------------

_CLAIM_MODS = ", ".join(f"'{m}'" for m in CLAIM_MODALITIES)
_FULFIL_MODS = ", ".join(f"'{m}'" for m in FULFILLING_MODALITIES)

_CDAY = "least(coalesce(e.day, d.published), coalesce(d.published, e.day))"
_NEW_CLAIMS = f"""INSERT INTO claims
    (claim_id, doc_id, outlet, speaker_key, speaker, type, cameo, match_types, modality, source_keys,
     target_keys, claim_day, deadline, fulfilled_by, fulfilled_day)
    SELECT e.id, e.doc_id, {outlet_sql("d")}, a.actor_key,
           coalesce(a.name, a.text), e.type, e.cameo, '', e.modality, coalesce(e.source_keys, ''),
           coalesce(e.target_keys, ''), {_CDAY}, {_CDAY} + CAST(? AS INTEGER), NULL, NULL
    FROM events e
    JOIN _claim_new_docs n ON n.doc_id = e.doc_id
    JOIN documents d ON d.id = e.doc_id
    LEFT JOIN event_actors a ON a.event_id = e.id AND a.role = 'attributed' AND a.position = 0
    WHERE e.modality IN ({_CLAIM_MODS})"""

# One row per (claim, resolved side pair) with how each side must match: 'k' the same key, 'c' an
# actor of that country, '*' anything.
_CLAIM_SIDES = """INSERT INTO _claim_sides
    SELECT DISTINCT c.claim_id, c.doc_id, c.claim_day, c.deadline,
        CASE WHEN y.source_key IS NULL THEN '*' WHEN y.source_key = y.source_country THEN 'c' ELSE 'k' END,
        coalesce(y.source_key, ''),
        CASE WHEN y.target_key IS NULL THEN '*' WHEN y.target_key = y.target_country THEN 'c' ELSE 'k' END,
        coalesce(y.target_key, '')
    FROM claims c JOIN event_dyads y ON y.event_id = c.claim_id AND NOT coalesce(y.inferred, FALSE)
    WHERE c.claim_day IS NOT NULL {scope}"""

# Candidate fulfilments, one equi-join per way of matching the two sides.
_SIDE_COLUMN = {("s", "k"): "y.source_key", ("s", "c"): "y.source_country",
                ("t", "k"): "y.target_key", ("t", "c"): "y.target_country"}


# Where candidate fulfilments come from: every event, or the events of the documents being scanned.
_ALL_DYADS = "event_dyads y JOIN events e ON e.id = y.event_id", "e.doc_id"
_NEW_DYADS = "_claim_new_dyads y", "y.doc_id"


def _candidates_sql(s_mode: str, t_mode: str, dyads: tuple[str, str], scope: str = "") -> str:
    conds = []
    if s_mode != "*":
        conds.append(f"{_SIDE_COLUMN['s', s_mode]} = cs.s_val")
    if t_mode != "*":
        conds.append(f"{_SIDE_COLUMN['t', t_mode]} = cs.t_val")
    source, doc = dyads
    return f"""INSERT INTO _claim_candidates
        SELECT cs.claim_id, y.event_id, y.day
        FROM _claim_sides cs
        JOIN claim_match_types m ON m.claim_id = cs.claim_id
        JOIN {source} ON y.type = m.type AND {' AND '.join(conds)}
        WHERE cs.s_mode = '{s_mode}' AND cs.t_mode = '{t_mode}'
          AND NOT coalesce(y.inferred, FALSE) AND y.modality IN ({_FULFIL_MODS})
          AND y.day > cs.claim_day AND y.day <= cs.deadline AND {doc} <> cs.doc_id {scope}"""


def _next_day_sql(s_mode: str, t_mode: str) -> str:
    """For every claim side of one way of matching: the first day after the claim day with a
    fulfilling event of a matching type and sides (one sorted pass per key, no pairwise join)."""
    s_col = _SIDE_COLUMN["s", s_mode] if s_mode != "*" else "''"
    t_col = _SIDE_COLUMN["t", t_mode] if t_mode != "*" else "''"
    mode = f"cs.s_mode = '{s_mode}' AND cs.t_mode = '{t_mode}'"
    return f"""INSERT INTO _claim_next
        SELECT claim_id, mt, sv, tv, next_day FROM (
            SELECT claim_id, kind, mt, sv, tv,
                   min(CASE WHEN kind = 0 THEN day END) OVER (
                       PARTITION BY mt, sv, tv ORDER BY day, kind
                       ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_day,
                   deadline
            FROM (SELECT cs.claim_id, 1 AS kind, m.type AS mt, cs.s_val AS sv, cs.t_val AS tv, cs.claim_day AS day,
                         cs.deadline
                  FROM _claim_sides cs JOIN claim_match_types m ON m.claim_id = cs.claim_id WHERE {mode}
                  UNION ALL
                  SELECT NULL, 0, y.type, {s_col}, {t_col}, y.day, NULL
                  FROM event_dyads y
                  WHERE y.modality IN ({_FULFIL_MODS}) AND NOT coalesce(y.inferred, FALSE) AND y.day IS NOT NULL
                    AND EXISTS (SELECT 1 FROM _claim_sides cs JOIN claim_match_types m ON m.claim_id = cs.claim_id
                                WHERE {mode} AND m.type = y.type
                                  AND cs.s_val = {s_col} AND cs.t_val = {t_col})) u
        ) w WHERE kind = 1 AND next_day IS NOT NULL AND next_day <= deadline"""


# The events of that first day, from another document (a claim whose first day holds only events
# of its own document falls back to the plain join: `_candidates_sql`).
def _next_candidates_sql(s_mode: str, t_mode: str) -> str:
    conds = [f"{_SIDE_COLUMN['s', s_mode]} = n.sv"] if s_mode != "*" else []
    conds += [f"{_SIDE_COLUMN['t', t_mode]} = n.tv"] if t_mode != "*" else []
    return f"""INSERT INTO _claim_candidates
        SELECT n.claim_id, y.event_id, y.day
        FROM _claim_next n JOIN _claim_sides cs ON cs.claim_id = n.claim_id
            AND cs.s_mode = '{s_mode}' AND cs.t_mode = '{t_mode}' AND cs.s_val = n.sv AND cs.t_val = n.tv
        JOIN event_dyads y ON y.type = n.mt AND y.day = n.next_day {''.join(' AND ' + c for c in conds)}
        JOIN events e ON e.id = y.event_id
        WHERE y.modality IN ({_FULFIL_MODS}) AND NOT coalesce(y.inferred, FALSE) AND e.doc_id <> cs.doc_id"""


_NEW_DYADS_FILL = f"""INSERT INTO _claim_new_dyads
    SELECT y.event_id, y.source_key, y.source_country, y.target_key, y.target_country, y.day, y.type,
           y.modality, y.inferred, e.doc_id
    FROM event_dyads y JOIN events e ON e.id = y.event_id JOIN _claim_new_docs n ON n.doc_id = e.doc_id
    WHERE y.modality IN ({_FULFIL_MODS}) AND NOT coalesce(y.inferred, FALSE) AND y.day IS NOT NULL"""
_NEW_CLAIM_DOCS = "cs.doc_id IN (SELECT doc_id FROM _claim_new_docs)"
# Incrementally, only claims whose window can hold a new event, and the new claims, need sides.
_SIDES_SCOPE = """AND (c.doc_id IN (SELECT doc_id FROM _claim_new_docs)
    OR (c.deadline >= (SELECT min(day) FROM _claim_new_dyads) AND c.claim_day < (SELECT max(day) FROM _claim_new_dyads)))"""


_BEST = """INSERT INTO _claim_best
    SELECT claim_id, event_id, day FROM (
        SELECT claim_id, event_id, day,
               row_number() OVER (PARTITION BY claim_id ORDER BY day, event_id) AS rn
        FROM (SELECT claim_id, event_id, day FROM _claim_candidates
              UNION ALL
              SELECT claim_id, fulfilled_by, fulfilled_day FROM claims
              WHERE fulfilled_by IS NOT NULL AND claim_id IN (SELECT claim_id FROM _claim_candidates)) u
    ) r WHERE rn = 1"""

_APPLY = """UPDATE claims SET fulfilled_by = b.event_id, fulfilled_day = b.day
    FROM _claim_best b WHERE b.claim_id = claims.claim_id"""

_TEMP: dict[str, str] = {
    "_claim_new_docs": "doc_id {key}",
    "_claim_sides": """claim_id {key}, doc_id {key}, claim_day DATE, deadline DATE, s_mode TEXT, s_val {key},
        t_mode TEXT, t_val {key}""",
    "_claim_candidates": "claim_id {key}, event_id {key}, day DATE",
    "_claim_next": "claim_id {key}, mt {key}, sv {key}, tv {key}, next_day DATE",
    "_claim_new_dyads": """event_id {key}, source_key {key}, source_country {key}, target_key {key},
        target_country {key}, day DATE, type {key}, modality TEXT, inferred BOOLEAN, doc_id {key}""",
    "_claim_best": "claim_id {key}, event_id {key}, day DATE",
}
_MODES = ("k", "c", "*")


@dataclass(frozen=True, slots=True)
class UpdateResult:
    documents_scanned: int
    claims_added: int
    claims_fulfilled: int  # claims whose fulfilment was set or moved earlier by this update
    rebuilt: bool


def update_claims(db: Database, horizon_days: int = DEFAULT_HORIZON_DAYS, *, rebuild: bool = False) -> UpdateResult:
    """Bring the ledger up to date with the stored documents (see the module docstring)."""
    if rebuild and db.table_exists("claims_meta"):
        with db.transaction():
            for name in ("claims", "claim_match_types", "claim_docs"):
                db.execute(f"DELETE FROM {name}")
    rebuilt = ensure(db, horizon_days) or rebuild
    with db.transaction():
        for name, columns in _TEMP.items():
            db.execute(f"DROP TABLE IF EXISTS {name}")
            db.execute(render(f"CREATE TEMP TABLE {name} ({columns})", db.dialect))
        db.execute("""INSERT INTO _claim_new_docs SELECT d.id FROM documents d
            WHERE NOT EXISTS (SELECT 1 FROM claim_docs c WHERE c.doc_id = d.id)""")
        scanned = int(db.query("SELECT count(*) FROM _claim_new_docs")[0][0])
        added = fulfilled = 0
        if scanned:
            before = int(db.query("SELECT count(*) FROM claims")[0][0])
            db.execute(_NEW_CLAIMS, (horizon_days,))
            added = int(db.query("SELECT count(*) FROM claims")[0][0]) - before
            _add_match_types(db)
            # New claims against every event; every claim against the events of new documents.
            pairs = [(sm, tm) for sm in _MODES for tm in _MODES if not sm == tm == "*"]
            if rebuilt:
                db.execute(_CLAIM_SIDES.format(scope=""))
                for s_mode, t_mode in pairs:
                    db.execute("DELETE FROM _claim_next")
                    db.execute(_next_day_sql(s_mode, t_mode))
                    db.execute(_next_candidates_sql(s_mode, t_mode))
                    # claims whose first day held only their own document's events: the plain join
                    db.execute(_candidates_sql(s_mode, t_mode, _ALL_DYADS, """AND cs.claim_id IN (
                        SELECT n.claim_id FROM _claim_next n WHERE NOT EXISTS (
                            SELECT 1 FROM _claim_candidates c WHERE c.claim_id = n.claim_id))"""))
            else:
                db.execute(_NEW_DYADS_FILL)
                db.execute(_CLAIM_SIDES.format(scope=_SIDES_SCOPE))
                for s_mode, t_mode in pairs:
                    db.execute(_candidates_sql(s_mode, t_mode, _ALL_DYADS, f"AND {_NEW_CLAIM_DOCS}"))
                    db.execute(_candidates_sql(s_mode, t_mode, _NEW_DYADS))
            db.execute(_BEST)
            fulfilled = int(db.query("""SELECT count(*) FROM _claim_best b JOIN claims c ON c.claim_id = b.claim_id
                WHERE c.fulfilled_by IS NULL OR c.fulfilled_by <> b.event_id""")[0][0])
            db.execute(_APPLY)
            db.execute("INSERT INTO claim_docs (doc_id) SELECT doc_id FROM _claim_new_docs")
        for name in _TEMP:
            db.execute(f"DROP TABLE {name}")
    return UpdateResult(scanned, added, fulfilled, rebuilt)


def _add_match_types(db: Database) -> None:
    """Fill `match_types` of the claims just added (type, then content types of a frame)."""
    rows = db.query("SELECT claim_id, type, cameo FROM claims WHERE match_types = ''")
    if not rows:
        return
    ids, types, texts = [], [], []
    for claim_id, type_, cameo in rows:
        wanted = match_types(type_, cameo)
        texts.append((claim_id, "+".join(wanted)))
        for t in wanted:
            ids.append(claim_id)
            types.append(t)
    db.insert_lists("claim_match_types", (("claim_id", "TEXT"), ("type", "TEXT")), [ids, types])
    db.execute("CREATE TEMP TABLE _claim_mt (claim_id TEXT, mt TEXT)")
    db.insert_lists("_claim_mt", (("claim_id", "TEXT"), ("mt", "TEXT")),
                    [[c for c, _ in texts], [m for _, m in texts]])
    db.execute("UPDATE claims SET match_types = m.mt FROM _claim_mt m WHERE m.claim_id = claims.claim_id")
    db.execute("DROP TABLE _claim_mt")


# ---- reading -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str
    status: str
    type: str
    match_types: tuple[str, ...]
    modality: str
    claim_day: dt.date | None
    deadline: dt.date | None
    outlet: str
    doc_id: str
    speaker: str | None
    speaker_key: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    sentence: str
    evidence: str
    fulfilled_by: str | None
    fulfilled_day: dt.date | None
    fulfilled_outlet: str | None
    fulfilled_sentence: str | None
    fulfilled_evidence: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id, "status": self.status, "type": self.type,
            "match_types": list(self.match_types), "modality": self.modality,
            "claim_day": _iso(self.claim_day), "deadline": _iso(self.deadline), "outlet": self.outlet,
            "doc_id": self.doc_id, "speaker": self.speaker, "speaker_key": self.speaker_key,
            "sources": list(self.sources), "targets": list(self.targets), "sentence": self.sentence,
            "evidence": self.evidence, "fulfilled_by": self.fulfilled_by,
            "fulfilled_day": _iso(self.fulfilled_day), "fulfilled_outlet": self.fulfilled_outlet,
            "fulfilled_sentence": self.fulfilled_sentence, "fulfilled_evidence": self.fulfilled_evidence,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def as_of_day(db: Database) -> dt.date | None:
    """The default "as of" day: the latest publication date in the store."""
    rows = db.query("SELECT max(published) FROM documents")
    return rows[0][0] if rows else None


_STATUS = """CASE WHEN c.fulfilled_by IS NOT NULL THEN 'fulfilled'
    WHEN c.deadline IS NOT NULL AND c.deadline < ? THEN 'expired' ELSE 'open' END"""


def _where(status: str | None, type_: str | None, outlet: str | None, speaker: str | None,
           since: dt.date | None, until: dt.date | None, as_of: dt.date) -> tuple[str, list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    if status is not None:
        if status not in CLAIM_STATES:
            raise StoreError(f"unknown claim status {status!r}", input=status, valid=", ".join(CLAIM_STATES))
        conds.append(f"({_STATUS}) = ?")
        params += [as_of, status]
    if type_ is not None:
        conds.append("c.type = ?")
        params.append(type_.upper())
    if outlet is not None:
        conds.append("lower(c.outlet) = lower(?)")
        params.append(outlet)
    if speaker is not None:
        conds.append("(c.speaker_key = ? OR lower(c.speaker) = lower(?))")
        params += [speaker, speaker]
    if since is not None:
        conds.append("c.claim_day >= ?")
        params.append(since)
    if until is not None:
        conds.append("c.claim_day <= ?")
        params.append(until)
    return ("WHERE " + " AND ".join(conds)) if conds else "", params


def ledger_params(*, status: str | None = None, type: str | None = None, outlet: str | None = None,
                  speaker: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                  as_of: dt.date | None = None, horizon_days: int | None = None) -> dict[str, Any]:
    return {"status": status, "type": type, "outlet": outlet, "speaker": speaker, "since": _iso(since),
            "until": _iso(until), "as_of": _iso(as_of), "horizon_days": horizon_days}


def ledger(db: Database, *, status: str | None = None, type: str | None = None, outlet: str | None = None,
           speaker: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
           as_of: dt.date | None = None, limit: int | None = 100, offset: int = 0) -> list[Claim]:
    """Claims with both sentences, by (claim day, claim id). The ledger must exist (`update_claims`)."""
    _require(db)
    as_of = as_of or as_of_day(db) or dt.date.today()
    where, params = _where(status, type, outlet, speaker, since, until, as_of)
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    sql = f"""SELECT c.claim_id, {_STATUS}, c.type, c.match_types, c.modality, c.claim_day, c.deadline,
            c.outlet, c.doc_id, c.speaker, c.speaker_key, c.source_keys, c.target_keys, e.sentence,
            e.evidence_text, c.fulfilled_by, c.fulfilled_day, {outlet_sql("fd")},
            f.sentence, f.evidence_text
        FROM claims c JOIN events e ON e.id = c.claim_id
        LEFT JOIN events f ON f.id = c.fulfilled_by LEFT JOIN documents fd ON fd.id = f.doc_id
        {where} ORDER BY c.claim_day NULLS LAST, c.claim_id{page}"""
    return [_claim(r) for r in db.query(sql, [as_of, *params])]


def count(db: Database, *, status: str | None = None, type: str | None = None, outlet: str | None = None,
          speaker: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
          as_of: dt.date | None = None) -> int:
    _require(db)
    as_of = as_of or as_of_day(db) or dt.date.today()
    where, params = _where(status, type, outlet, speaker, since, until, as_of)
    return int(db.query(f"SELECT count(*) FROM claims c {where}", params)[0][0])


def _split(keys: str | None) -> tuple[str, ...]:
    return tuple(keys.split("+")) if keys else ()


def _claim(r: Sequence[Any]) -> Claim:
    return Claim(
        claim_id=r[0], status=r[1], type=r[2], match_types=_split(r[3]), modality=r[4], claim_day=r[5],
        deadline=r[6], outlet=r[7], doc_id=r[8], speaker=r[9], speaker_key=r[10], sources=_split(r[11]),
        targets=_split(r[12]), sentence=r[13], evidence=r[14], fulfilled_by=r[15], fulfilled_day=r[16],
        fulfilled_outlet=r[17] if r[15] else None, fulfilled_sentence=r[18], fulfilled_evidence=r[19],
    )


def _require(db: Database) -> None:
    if not db.table_exists("claims_meta"):
        raise StoreError(f"{db.location} has no claims ledger yet; build it with `accord claims --update`",
                         input=db.location)


@dataclass(frozen=True, slots=True)
class ClaimSummaryRow:
    by: str  # outlet | speaker | type
    key: str
    claims: int
    fulfilled: int
    open: int
    expired: int

    @property
    def share_fulfilled(self) -> float:
        """Fulfilled claims among all claims of this key."""
        return round(self.fulfilled / self.claims, 4) if self.claims else 0.0

    @property
    def share_of_decided(self) -> float | None:
        """Fulfilled among the claims already decided (fulfilled or expired); None when none is."""
        decided = self.fulfilled + self.expired
        return round(self.fulfilled / decided, 4) if decided else None

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "key": self.key, "claims": self.claims, "fulfilled": self.fulfilled,
                "open": self.open, "expired": self.expired, "share_fulfilled": self.share_fulfilled,
                "share_of_decided": self.share_of_decided}


_SUMMARY_KEYS = {"outlet": "c.outlet", "speaker": "coalesce(c.speaker, '(unattributed)')", "type": "c.type"}


def summary(db: Database, by: str = "outlet", *, as_of: dt.date | None = None, type: str | None = None,
            outlet: str | None = None, speaker: str | None = None, since: dt.date | None = None,
            until: dt.date | None = None) -> list[ClaimSummaryRow]:
    """Per outlet (document source), speaker (attributed_to) or event type: claims and how many
    are fulfilled, open and expired; most claims first, then by key."""
    if by not in _SUMMARY_KEYS:
        raise StoreError(f"unknown claims summary {by!r}", input=by, valid=", ".join(_SUMMARY_KEYS))
    _require(db)
    as_of = as_of or as_of_day(db) or dt.date.today()
    where, params = _where(None, type, outlet, speaker, since, until, as_of)
    key = _SUMMARY_KEYS[by]
    sql = f"""SELECT k, count(*), sum(CASE WHEN st = 'fulfilled' THEN 1 ELSE 0 END),
            sum(CASE WHEN st = 'open' THEN 1 ELSE 0 END), sum(CASE WHEN st = 'expired' THEN 1 ELSE 0 END)
        FROM (SELECT {key} AS k, {_STATUS} AS st FROM claims c {where}) x
        GROUP BY k ORDER BY count(*) DESC, k"""
    return [ClaimSummaryRow(by, r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4]))
            for r in db.query(sql, [as_of, *params])]
