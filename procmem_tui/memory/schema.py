"""What a library file looks like: its tables, how it is marked as ours, and how an older one is upgraded.

Kept apart from the store so the file checks (``store_file``) and the store agree on one definition. The
functions here run inside a transaction the caller (``SkillStore``) owns.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

APP_ID = "procmem_tui"
SCHEMA_VERSION = 3  # 1 → 2: episodes gained skill_steps and library_size; 2 → 3: learned
TABLES = frozenset({"meta", "skills", "episodes"})

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
        ("created_at", datetime.now(timezone.utc).isoformat(timespec="seconds")),
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
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
