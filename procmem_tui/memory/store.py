"""The SQLite store: the skill library and the episode history in one file.

One file per user (``default_library_path()``) or where ``--library`` says; ``SkillStore.open(None)`` is an
in-memory store (``--fresh``). The file is recognised by a ``meta`` table (``app_id = procmem_tui``) and
``PRAGMA user_version`` (the schema version, see ``schema``). Before anything is written, an existing file is
checked read-only (``store_file``) and refused with a ``StoreError`` if it is not ours to write.

``SkillStore`` owns the connection and its transactions; rows are converted in ``skill_rows`` and ``episodes``.
Writes: WAL journal, and every write is one transaction, so a process killed mid-write leaves the file as of
its last commit.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from procmem_tui.memory import schema, skill_rows
from procmem_tui.memory.episodes import (
    DETAIL_COLUMNS, INSERT_COLUMNS, SUMMARY_COLUMNS, EpisodeRow, StepRecord, episode_from_detail_row, episode_from_row,
    episode_to_row, state_from_dict, state_to_dict,
)
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.schema import APP_ID, SCHEMA_VERSION
from procmem_tui.memory.store_file import StoreError, check_file, default_library_path
from procmem_tui.memory.trajectory import Trajectory

__all__ = [
    "APP_ID", "DEFAULT_RETENTION", "SCHEMA_VERSION", "EpisodeRow", "SkillStore", "StepRecord", "StoreError",
    "default_library_path", "state_from_dict", "state_to_dict",
]

log = logging.getLogger(__name__)

DEFAULT_RETENTION = 10_000


class SkillStore:
    """The library file. Use ``SkillStore.open(path)``; a context manager that closes the connection."""

    def __init__(self, connection: sqlite3.Connection, path: str, retention: int = DEFAULT_RETENTION) -> None:
        self._db = connection
        self.path = path
        self.retention = retention

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None, *, retention: int = DEFAULT_RETENTION) -> "SkillStore":
        """Open (or create) the library at ``path``; ``None`` is a fresh in-memory store. Raises ``StoreError``."""
        if path is None:
            db = sqlite3.connect(":memory:", isolation_level=None)
            store = cls(db, ":memory:", retention)
            store._create()
            return store
        path = Path(path)
        fresh = check_file(path)
        try:
            db = sqlite3.connect(str(path), isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the library for writing ({exc})") from None
        store = cls(db, str(path), retention)
        if fresh:
            store._create()
        else:
            store._migrate()
        return store

    def _create(self) -> None:
        with self._transaction() as db:
            schema.create(db)

    def _migrate(self) -> None:
        """Bring an older schema (checked: ours, not newer) up to ``SCHEMA_VERSION`` in one transaction."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return
        with self._transaction() as db:
            schema.upgrade(db)
        log.info("%s: library schema upgraded from %d to %d", self.path, version, SCHEMA_VERSION)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "SkillStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- skills -------------------------------------------------------------------------------

    def load_library(self, capacity: int = 5000, seed: int = 0, **options) -> SkillLibrary:
        """A library holding the stored skills (in their insertion order), with nothing dirty."""
        library = SkillLibrary(capacity=capacity, seed=seed, **options)
        rows = self._db.execute(f"SELECT {skill_rows.LOAD_COLUMNS} FROM skills ORDER BY position, id").fetchall()
        try:
            skills = [skill_rows.skill_from_row(row[1:]) for row in rows]
        except (ValueError, TypeError, KeyError) as exc:  # json errors are ValueErrors
            raise StoreError(f"{self.path}: a stored skill is unreadable ({exc})") from None
        library.load(skills, positions=[row[0] for row in rows])
        library.clear_dirty()
        return library

    def save_library(self, library: SkillLibrary) -> None:
        """Write the skills changed since the last save and delete the removed ones, in one transaction."""
        dirty = [library.get(sid) for sid in sorted(library.dirty_ids())]
        removed = sorted(library.removed_ids())
        if not dirty and not removed:
            return
        placeholders = ", ".join("?" * len(skill_rows.COLUMNS.split(",")))
        with self._transaction() as db:
            db.executemany("DELETE FROM skills WHERE id = ?", [(sid,) for sid in removed])
            db.executemany(
                f"INSERT OR REPLACE INTO skills ({skill_rows.COLUMNS}) VALUES ({placeholders})",
                [skill_rows.skill_to_row(s, library.position(s.id)) for s in dirty if s is not None],
            )
        library.clear_dirty()

    def clear_skills(self) -> int:
        """Delete every stored skill (episodes stay); returns how many."""
        with self._transaction() as db:
            return db.execute("DELETE FROM skills").rowcount

    def skill_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM skills").fetchone()[0]

    # -- episodes -----------------------------------------------------------------------------

    def record_episode(self, trajectory: Trajectory, library_size: int | None = None,
                       started_at: datetime | None = None, optimal_steps: int | None = None, learned=()) -> int:
        """Store a finished episode (``library_size``: skills held after learning from it, for learning curves;
        ``started_at``: when it began, default now; ``optimal_steps``: solved here when not given; ``learned``: the LearnEvents it gave); prunes beyond
        ``retention`` in the same transaction.
        Returns its id."""
        values = episode_to_row(trajectory, library_size, started_at, optimal_steps, learned)
        placeholders = ", ".join("?" * len(values))
        with self._transaction() as db:
            cursor = db.execute(f"INSERT INTO episodes ({INSERT_COLUMNS}) VALUES ({placeholders})", values)
            episode_id = cursor.lastrowid
            if self.retention is not None:
                self._prune(db, self.retention)
        return episode_id

    def list_episodes(
        self, limit: int = 50, level: str | None = None, source: str | None = None, success: bool | None = None
    ) -> list[EpisodeRow]:
        """Recorded episodes, newest first, optionally filtered (without level text, actions and steps)."""
        where, args = [], []
        for column, value in (("level_name", level), ("source", source)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if success is not None:
            where.append("success = ?")
            args.append(int(success))
        sql = f"SELECT {SUMMARY_COLUMNS} FROM episodes"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(limit)
        return [episode_from_row(row) for row in self._db.execute(sql, args)]

    def get_episode(self, episode_id: int | str) -> EpisodeRow:
        """One episode with its level text, start state, actions and per-step records; ``"last"`` is the newest."""
        sql = f"SELECT {DETAIL_COLUMNS} FROM episodes"
        if episode_id == "last":
            row = self._db.execute(sql + " ORDER BY id DESC LIMIT 1").fetchone()
        else:
            try:
                number = int(episode_id)
            except (TypeError, ValueError):
                raise StoreError(f"{self.path}: {episode_id!r} is not an episode id (a number or 'last')") from None
            row = self._db.execute(sql + " WHERE id = ?", (number,)).fetchone()
        if row is None:
            what = "no episodes recorded yet" if episode_id == "last" else f"no episode {episode_id}"
            raise StoreError(f"{self.path}: {what}")
        return episode_from_detail_row(row)

    def episode_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0]

    def prune_episodes(self, keep: int = DEFAULT_RETENTION) -> int:
        """Delete all but the newest ``keep`` episodes (skills are never touched); returns how many went."""
        with self._transaction() as db:
            return self._prune(db, keep)

    @staticmethod
    def _prune(db: sqlite3.Connection, keep: int) -> int:
        row = db.execute("SELECT id FROM episodes ORDER BY id DESC LIMIT 1 OFFSET ?", (max(keep, 0),)).fetchone()
        if row is None:
            return 0
        return db.execute("DELETE FROM episodes WHERE id <= ?", (row[0],)).rowcount
