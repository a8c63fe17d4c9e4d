"""The store schema as a list of numbered migrations, and the code that applies them.

A new store runs every step; an older one runs the steps above its `accord_meta.schema_version`.
Each step runs in one transaction together with the version bump. Statements are plain SQL shared
by DuckDB and PostgreSQL; `{key}` stands for the text type used by keys and codes, which sorts by
code point on both backends (`TEXT COLLATE "C"` on PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.analytics.counting import Database, Dialect, render
from accord.errors import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    postgres_only: tuple[str, ...] = ()


V1 = Migration(1, "documents, events, event actors, rejections", (
    "CREATE TABLE accord_meta (schema_version INTEGER NOT NULL)",
    """CREATE TABLE documents (
        id {key} PRIMARY KEY, url TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL,
        published DATE, text TEXT NOT NULL, language TEXT NOT NULL)""",
    """CREATE TABLE events (
        id {key} PRIMARY KEY, doc_id {key} NOT NULL, sentence TEXT NOT NULL,
        sentence_index INTEGER NOT NULL, type {key} NOT NULL, mode TEXT, context TEXT NOT NULL,
        cameo TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
        modality TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
        trigger_text TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        evidence_text TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL, rule TEXT NOT NULL,
        date DATE, date_granularity TEXT NOT NULL, date_text TEXT,
        loc_name TEXT, loc_country TEXT, loc_lat DOUBLE PRECISION, loc_lon DOUBLE PRECISION,
        actors TEXT NOT NULL, day DATE)""",
    """CREATE TABLE event_actors (
        event_id {key} NOT NULL, role TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL,
        actor_id {key}, code {key}, sector TEXT, name TEXT, role_title TEXT,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, actor_key {key}, text_lc {key} NOT NULL,
        day DATE)""",
    """CREATE TABLE rejected (
        id {key} PRIMARY KEY, input TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL,
        doc_id {key})""",
    "INSERT INTO accord_meta (schema_version) VALUES (0)",
))

# Keys of the resolved sources/targets of each event, '+'-joined in code-point order.
_SIDE_KEYS = """
    SELECT event_id, string_agg(DISTINCT actor_key, '+' ORDER BY actor_key) AS keys
    FROM event_actors WHERE role = '{role}' AND actor_key IS NOT NULL GROUP BY event_id"""

_BACKFILL_STORY_KEYS = f"""
    UPDATE events SET source_keys = k.sk, target_keys = k.tk,
        story_key = CASE WHEN k.sk = '' AND k.tk = '' THEN events.type || '|#' || events.id
                         ELSE events.type || '|' || k.sk || '|' || k.tk END
    FROM (SELECT e.id, coalesce(s.keys, '') AS sk, coalesce(t.keys, '') AS tk
          FROM events e
          LEFT JOIN ({_SIDE_KEYS.format(role="source")}) s ON s.event_id = e.id
          LEFT JOIN ({_SIDE_KEYS.format(role="target")}) t ON t.event_id = e.id) k
    WHERE events.id = k.id"""

# One row per (resolved source, resolved target) of an event; a side with no resolved actor is NULL.
DERIVE_DYADS = """
    INSERT INTO event_dyads
        (event_id, source_key, source_code, target_key, target_code, day, type, quad_class, goldstein)
    SELECT DISTINCT e.id, s.actor_key, s.code, t.actor_key, t.code, e.day, e.type, e.quad_class, e.goldstein
    FROM events e
    LEFT JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' AND s.actor_key IS NOT NULL
    LEFT JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' AND t.actor_key IS NOT NULL
    WHERE (s.actor_key IS NOT NULL OR t.actor_key IS NOT NULL)"""

_DYAD_COLUMNS = """source_key {key}, source_code {key}, target_key {key}, target_code {key},
        day DATE, type {key} NOT NULL, quad_class INTEGER NOT NULL, goldstein DOUBLE PRECISION NOT NULL"""

V2 = Migration(2, "story events, dyad tables, analytics indexes", (
    "ALTER TABLE accord_meta ADD COLUMN story_window_days INTEGER",
    "UPDATE accord_meta SET story_window_days = 3",
    "ALTER TABLE events ADD COLUMN story_key {key}",
    "ALTER TABLE events ADD COLUMN source_keys {key}",
    "ALTER TABLE events ADD COLUMN target_keys {key}",
    _BACKFILL_STORY_KEYS,
    f"CREATE TABLE event_dyads (event_id {{key}} NOT NULL, {_DYAD_COLUMNS})",
    DERIVE_DYADS,
    """CREATE TABLE story_events (
        id {key} PRIMARY KEY, story_key {key} NOT NULL, anchor_id {key} NOT NULL, type {key} NOT NULL,
        source_keys {key} NOT NULL, target_keys {key} NOT NULL, first_seen DATE, last_seen DATE,
        num_events INTEGER NOT NULL, num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL,
        quad_class INTEGER NOT NULL, goldstein DOUBLE PRECISION NOT NULL)""",
    "CREATE TABLE story_members (story_id {key} NOT NULL, event_id {key} NOT NULL)",
    f"CREATE TABLE story_dyads (story_id {{key}} NOT NULL, {_DYAD_COLUMNS})",
    "CREATE TABLE story_pending (event_id {key} NOT NULL, story_key {key} NOT NULL)",
    "INSERT INTO story_pending (event_id, story_key) SELECT id, story_key FROM events",
    "CREATE INDEX events_day ON events (day)",
    "CREATE INDEX events_type ON events (type)",
    "CREATE INDEX event_actors_actor_id ON event_actors (actor_id)",
    "CREATE INDEX event_actors_code ON event_actors (code)",
    "CREATE INDEX event_dyads_source_key ON event_dyads (source_key)",
    "CREATE INDEX story_dyads_source_key ON story_dyads (source_key)",
), postgres_only=(
    # DuckDB answers these from zone maps and hash joins; PostgreSQL needs the b-trees.
    "CREATE INDEX events_doc_id ON events (doc_id)",
    "CREATE INDEX events_story_key ON events (story_key)",
    "CREATE INDEX event_actors_event_id ON event_actors (event_id)",
    "CREATE INDEX event_actors_text_lc ON event_actors (text_lc)",
    "CREATE INDEX event_dyads_event_id ON event_dyads (event_id)",
    "CREATE INDEX event_dyads_day ON event_dyads (day)",
    "CREATE INDEX event_dyads_source_code ON event_dyads (source_code)",
    "CREATE INDEX event_dyads_target_key ON event_dyads (target_key)",
    "CREATE INDEX event_dyads_target_code ON event_dyads (target_code)",
    "CREATE INDEX story_events_story_key ON story_events (story_key)",
    "CREATE INDEX story_events_first_seen ON story_events (first_seen)",
    "CREATE INDEX story_members_story_id ON story_members (story_id)",
    "CREATE INDEX story_members_event_id ON story_members (event_id)",
    "CREATE INDEX story_dyads_story_id ON story_dyads (story_id)",
    "CREATE INDEX story_dyads_day ON story_dyads (day)",
    "CREATE INDEX story_dyads_source_code ON story_dyads (source_code)",
    "CREATE INDEX story_dyads_target_key ON story_dyads (target_key)",
    "CREATE INDEX story_dyads_target_code ON story_dyads (target_code)",
))

# The counting columns (issue 13): what every aggregate filters on travels with the dyad rows.
_COUNTRY_OF = """CASE WHEN {col} IS NOT NULL AND length({col}) >= 3
    AND substr({col}, 1, 3) IN (SELECT iso3 FROM _countries) THEN substr({col}, 1, 3) END"""
_DAY_GRANULARITY = """CASE WHEN events.date IS NOT NULL
    THEN (CASE WHEN events.date_granularity = 'unresolved' THEN 'day' ELSE events.date_granularity END)
    WHEN events.day IS NOT NULL THEN 'day' ELSE 'unresolved' END"""

DERIVE_INFERRED_DYADS = """
    INSERT INTO event_dyads
        (event_id, source_key, source_code, target_key, target_code, day, type, quad_class, goldstein,
         source_country, target_country, modality, confidence, day_granularity, inferred)
    SELECT DISTINCT e.id, coalesce(s.actor_key, s.code), s.code, coalesce(t.actor_key, t.code), t.code, e.day,
        e.type, e.quad_class, e.goldstein, s.country, t.country, e.modality, e.confidence, e.day_granularity, TRUE
    FROM events e
    LEFT JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'
        AND (s.actor_key IS NOT NULL OR (s.inferred AND s.code IS NOT NULL))
    LEFT JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'
        AND (t.actor_key IS NOT NULL OR (t.inferred AND t.code IS NOT NULL))
    WHERE (s.inferred OR t.inferred)"""

V3 = Migration(3, "event trace, date range and background flag; counting columns on actors and dyads", (
    "ALTER TABLE events ADD COLUMN trace TEXT",
    "ALTER TABLE events ADD COLUMN background BOOLEAN",
    "ALTER TABLE events ADD COLUMN date_end DATE",
    "ALTER TABLE events ADD COLUMN day_granularity TEXT",
    "UPDATE events SET background = FALSE",
    f"UPDATE events SET day_granularity = {_DAY_GRANULARITY}",
    "CREATE TEMP TABLE _countries (iso3 TEXT)",
    "INSERT INTO _countries (iso3) SELECT unnest(CAST(? AS TEXT[]))",
    "ALTER TABLE event_actors ADD COLUMN inferred BOOLEAN",
    "ALTER TABLE event_actors ADD COLUMN country {key}",
    "UPDATE event_actors SET inferred = coalesce(role_title IN ('unidentified', 'implied'), FALSE)",
    f"UPDATE event_actors SET country = {_COUNTRY_OF.format(col='code')}",
    "ALTER TABLE event_dyads ADD COLUMN source_country {key}",
    "ALTER TABLE event_dyads ADD COLUMN target_country {key}",
    "ALTER TABLE event_dyads ADD COLUMN modality TEXT",
    "ALTER TABLE event_dyads ADD COLUMN confidence DOUBLE PRECISION",
    "ALTER TABLE event_dyads ADD COLUMN day_granularity TEXT",
    "ALTER TABLE event_dyads ADD COLUMN inferred BOOLEAN",
    f"""UPDATE event_dyads SET source_country = {_COUNTRY_OF.format(col='source_code')},
        target_country = {_COUNTRY_OF.format(col='target_code')}, inferred = FALSE""",
    """UPDATE event_dyads SET modality = e.modality, confidence = e.confidence, day_granularity = e.day_granularity
        FROM events e WHERE e.id = event_dyads.event_id""",
    DERIVE_INFERRED_DYADS,
    "DROP TABLE _countries",
), postgres_only=(  # DuckDB cannot index a table it just updated in the same transaction
    "CREATE INDEX event_actors_country ON event_actors (country)",
    "CREATE INDEX event_dyads_source_country ON event_dyads (source_country)",
    "CREATE INDEX event_dyads_target_country ON event_dyads (target_country)",
))

V4 = Migration(4, "countries on story dyads (the story counts read them)", (
    "CREATE TEMP TABLE _countries (iso3 TEXT)",
    "INSERT INTO _countries (iso3) SELECT unnest(CAST(? AS TEXT[]))",
    "ALTER TABLE story_dyads ADD COLUMN source_country {key}",
    "ALTER TABLE story_dyads ADD COLUMN target_country {key}",
    f"""UPDATE story_dyads SET source_country = {_COUNTRY_OF.format(col='source_code')},
        target_country = {_COUNTRY_OF.format(col='target_code')}""",
    "DROP TABLE _countries",
))

MIGRATIONS: tuple[Migration, ...] = (V1, V2, V3, V4)
SCHEMA_VERSION = MIGRATIONS[-1].version


def statements(migration: Migration, dialect: Dialect) -> list[str]:
    extra = migration.postgres_only if dialect == "postgres" else ()
    return [render(s, dialect) for s in (*migration.statements, *extra)]


def _params(sql: str) -> tuple[object, ...]:
    """The one parameterised migration statement: the ISO codes of the knowledge base's states."""
    if "?" not in sql:
        return ()
    from accord.analytics.counting import countries

    return (sorted(countries()),)


def schema_version(db: Database) -> int:
    """The version a store is at; 0 for an empty database."""
    if not db.table_exists("accord_meta"):
        return 0
    rows = db.query("SELECT schema_version FROM accord_meta")
    return int(rows[0][0]) if rows else 0


_LOCK_ID = 0x616363_6F7264  # "accord": serialises migrations of one PostgreSQL database


def migrate(db: Database, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring `db` up to `target`; returns the versions applied (empty when already there)."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{db.location} has schema version {current}, newer than this accord ({SCHEMA_VERSION}); "
            "upgrade accord", input=db.location,
        )
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= current or migration.version > target:
            continue
        with db.transaction():
            if db.dialect == "postgres":
                db.query("SELECT pg_advisory_xact_lock(?)", (_LOCK_ID,))
                if schema_version(db) >= migration.version:
                    continue  # another process got there first
            for sql in statements(migration, db.dialect):
                db.execute(sql, _params(sql))
            db.execute("UPDATE accord_meta SET schema_version = ?", (migration.version,))
        applied.append(migration.version)
    return applied
