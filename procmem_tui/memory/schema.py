"""What a library file looks like: its tables, how it is marked as ours, and how an older one is upgraded.

Kept apart from the store so the file checks (``store_file``) and the store agree on one definition. The
functions here run inside a transaction the caller (``SkillStore``) owns.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

APP_ID = "procmem_tui"
SCHEMA_VERSION = 4  # 1 → 2: episodes gained skill_steps and library_size; 2 → 3: learned; 3 → 4: knowledge, last_episode
TABLES = frozenset({"meta", "skills", "episodes"})  # present at every schema version
TABLES_SINCE = {4: frozenset({"knowledge"})}  # added by a version: required once a file claims it
LAST_EPISODE = "last_episode"  # meta key: the highest episode number handed out (``SkillStore.allocate_episode``)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE skills (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    program TEXT NOT NULL,
    effect TEXT NOT NULL,
    preconditions TEXT NOT NULL,
    embedding BLOB NOT NULL,
    source TEXT NOT NULL,
    origin_episode INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    successes INTEGER NOT NULL,
    uses INTEGER NOT NULL,
    created_episode INTEGER NOT NULL,
    last_used_episode INTEGER NOT NULL,
    versions TEXT NOT NULL,
    context TEXT NOT NULL
);
CREATE TABLE episodes (
    id INTEGER PRIMARY KEY,
    episode INTEGER NOT NULL,
    level_name TEXT NOT NULL,
    level_text TEXT NOT NULL,
    family TEXT,
    seed INTEGER,
    agent TEXT NOT NULL,
    source TEXT NOT NULL,
    steps INTEGER NOT NULL,
    optimal_steps INTEGER,
    reward REAL NOT NULL,
    success INTEGER NOT NULL,
    terminated INTEGER NOT NULL,
    truncated INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    start_json TEXT NOT NULL,
    actions TEXT NOT NULL,
    steps_json TEXT NOT NULL,
    skill_steps INTEGER NOT NULL DEFAULT 0,
    library_size INTEGER,
    learned TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE knowledge (
    agent TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    episode INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX episodes_level ON episodes (level_name);
CREATE INDEX episodes_source ON episodes (source);
"""


def create(db: sqlite3.Connection) -> None:
    """Create the tables in an empty database and mark it as ours, at ``SCHEMA_VERSION``."""
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
        ("app_id", APP_ID), ("schema_version", str(SCHEMA_VERSION)),
        ("created_at", datetime.now(timezone.utc).isoformat(timespec="seconds")), (LAST_EPISODE, "0"),
    ])
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def upgrade(db: sqlite3.Connection) -> None:
    """Bring a library of an older schema (already checked: ours, not newer) up to ``SCHEMA_VERSION``."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(episodes)")}
    if "skill_steps" not in columns:
        db.execute("ALTER TABLE episodes ADD COLUMN skill_steps INTEGER NOT NULL DEFAULT 0")
    if "library_size" not in columns:
        db.execute("ALTER TABLE episodes ADD COLUMN library_size INTEGER")
    if "learned" not in columns:
        db.execute("ALTER TABLE episodes ADD COLUMN learned TEXT NOT NULL DEFAULT '[]'")
    db.execute("CREATE TABLE IF NOT EXISTS knowledge (agent TEXT PRIMARY KEY, data TEXT NOT NULL,"
               " episode INTEGER NOT NULL, updated_at TEXT NOT NULL)")
    if db.execute("SELECT 1 FROM meta WHERE key = ?", (LAST_EPISODE,)).fetchone() is None:
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (LAST_EPISODE, str(_highest_episode(db))))
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def required_tables(version: int) -> frozenset[str]:
    """The tables a library of schema ``version`` must hold (older files gain the rest when upgraded)."""
    tables = set(TABLES)
    for since, added in TABLES_SINCE.items():
        if version >= since:
            tables |= added
    return frozenset(tables)


def _highest_episode(db: sqlite3.Connection) -> int:
    """The highest episode number an older file mentions: before schema 4 every process counted from 1, so new
    numbers start above all of them and eviction's "oldest last use" still sees new uses as newer."""
    row = db.execute(
        "SELECT MAX(COALESCE(e, 0), COALESCE(c, 0), COALESCE(u, 0), COALESCE(o, 0)) FROM"
        " (SELECT MAX(episode) AS e FROM episodes),"
        " (SELECT MAX(created_episode) AS c, MAX(last_used_episode) AS u, MAX(origin_episode) AS o FROM skills)"
    ).fetchone()
    return max(int(row[0] or 0), 0)
