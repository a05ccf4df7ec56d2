"""The SQLite store: the skill library and the episode history in one file.

One file per user (``default_library_path()``) or where ``--library`` says; ``SkillStore.open(None)`` is an
in-memory store (``--fresh``). The file is recognised by a ``meta`` table (``app_id = procmem_tui``) and
``PRAGMA user_version`` (the schema version). Before anything is written, an existing file is checked through a
read-only connection; a file that is not SQLite, not ours, damaged, or from a newer schema is refused with a
``StoreError`` naming the file and the problem, and is left untouched.

Writes: WAL journal, and every write is one transaction, so a process killed mid-write leaves the file as of
its last commit.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import numpy as np
import platformdirs

from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.skill import Skill, SkillVersion
from procmem_tui.memory.trajectory import Trajectory
from procmem_tui.world import State, format_level, solve

log = logging.getLogger(__name__)

APP_ID = "procmem_tui"
SCHEMA_VERSION = 2  # 1 → 2: episodes gained skill_steps and library_size
DEFAULT_RETENTION = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_OUR_TABLES = {"meta", "skills", "episodes"}

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
    library_size INTEGER
);
CREATE INDEX episodes_level ON episodes (level_name);
CREATE INDEX episodes_source ON episodes (source);
"""


class StoreError(Exception):
    """A library file we cannot use; ``str()`` is one line naming the file and what is wrong."""


def default_library_path() -> Path:
    """``<user data dir>/procmem_tui/library.sqlite3``; the directory is created."""
    directory = Path(platformdirs.user_data_dir("procmem_tui"))
    directory.mkdir(parents=True, exist_ok=True)
    return directory / "library.sqlite3"


@dataclass(frozen=True)
class StepRecord:
    """One recorded step: who chose it, the skill it belonged to, why, its reward and events."""

    actor: str
    skill_id: str | None
    reason: str
    reward: float
    events: tuple[str, ...]


@dataclass(frozen=True)
class EpisodeRow:
    """A recorded episode. ``list_episodes`` leaves ``level_text``, ``actions`` and ``step_records`` empty;
    ``get_episode`` fills them. ``started_at`` is the wall time the episode began (as the session reports it), ISO 8601 UTC."""

    id: int
    episode: int
    level_name: str
    family: str | None
    seed: int | None
    agent: str
    source: str
    steps: int
    optimal_steps: int | None
    reward: float
    success: bool
    terminated: bool
    truncated: bool
    started_at: str
    level_text: str = ""
    start: State | None = None
    actions: tuple[str, ...] = ()
    step_records: tuple[StepRecord, ...] = ()
    skill_steps: int = 0
    library_size: int | None = None


def state_to_dict(state: State) -> dict:
    """A state as JSON-ready data, sets sorted (the same state gives the same bytes)."""
    return {
        "pos": list(state.pos), "keys": sorted(state.keys), "opened": sorted(map(list, state.opened)),
        "taken": sorted(map(list, state.taken)), "steps": state.steps,
    }


def state_from_dict(d: dict) -> State:
    return State(
        tuple(d["pos"]), frozenset(d["keys"]), frozenset(tuple(p) for p in d["opened"]),
        frozenset(tuple(p) for p in d["taken"]), int(d["steps"]),
    )


def _optimal_steps(trajectory: Trajectory) -> int | None:
    try:
        level = trajectory.level
        plan = solve(level) if trajectory.start == State(level.start) else solve(level, trajectory.start)
    except Exception:  # a level the solver cannot handle is still recorded
        log.exception("could not solve %s", trajectory.level.name)
        return None
    return None if plan is None else len(plan)


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
        fresh = _check_file(path)
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
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                ("app_id", APP_ID), ("schema_version", str(SCHEMA_VERSION)),
                ("created_at", datetime.now(timezone.utc).isoformat(timespec="seconds")),
            ])
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _migrate(self) -> None:
        """Bring an older schema (checked: ours, not newer) up to ``SCHEMA_VERSION`` in one transaction."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return
        with self._transaction() as db:
            columns = {row[1] for row in db.execute("PRAGMA table_info(episodes)")}
            if "skill_steps" not in columns:
                db.execute("ALTER TABLE episodes ADD COLUMN skill_steps INTEGER NOT NULL DEFAULT 0")
            if "library_size" not in columns:
                db.execute("ALTER TABLE episodes ADD COLUMN library_size INTEGER")
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
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
        rows = self._db.execute(
            "SELECT position, id, name, kind, program, effect, preconditions, embedding, source, origin_episode, attempts,"
            " successes, uses, created_episode, last_used_episode, versions, context FROM skills"
            " ORDER BY position, id"
        ).fetchall()
        try:
            skills = [_skill_from_row(row[1:]) for row in rows]
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
        with self._transaction() as db:
            db.executemany("DELETE FROM skills WHERE id = ?", [(sid,) for sid in removed])
            db.executemany(
                "INSERT OR REPLACE INTO skills (id, position, name, kind, program, effect, preconditions, embedding,"
                " source, origin_episode, attempts, successes, uses, created_episode, last_used_episode, versions,"
                " context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_skill_to_row(s, library.position(s.id)) for s in dirty if s is not None],
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
                       started_at: datetime | None = None, optimal_steps: int | None = None) -> int:
        """Store a finished episode (``library_size``: skills held after learning from it, for learning curves;
        ``started_at``: when it began, default now; ``optimal_steps``: solved here when not given); prunes beyond
        ``retention`` in the same transaction.
        Returns its id."""
        t = trajectory
        steps = [[s.actor, s.skill_id, s.reason, s.reward, list(s.events)] for s in t.transitions]
        values = (
            t.episode, t.level.name, format_level(t.level), t.family, t.seed, t.agent, t.source, t.steps,
            optimal_steps if optimal_steps is not None else _optimal_steps(t), t.total_reward, int(t.success), int(t.terminated), int(t.truncated),
            (started_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"), json.dumps(state_to_dict(t.start)),
            json.dumps([a.value for a in t.actions]), json.dumps(steps), t.skill_steps, library_size,
        )
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO episodes (episode, level_name, level_text, family, seed, agent, source, steps,"
                " optimal_steps, reward, success, terminated, truncated, started_at, start_json, actions, steps_json,"
                " skill_steps, library_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
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
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM episodes"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(limit)
        return [_episode_from_row(row) for row in self._db.execute(sql, args)]

    def get_episode(self, episode_id: int | str) -> EpisodeRow:
        """One episode with its level text, start state, actions and per-step records; ``"last"`` is the newest."""
        sql = f"SELECT {_SUMMARY_COLUMNS}, level_text, start_json, actions, steps_json FROM episodes"
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
        summary = _episode_from_row(row[:16])
        level_text, start_json, actions, steps_json = row[16:]
        records = tuple(StepRecord(a, sid, reason, reward, tuple(events)) for a, sid, reason, reward, events in json.loads(steps_json))
        return EpisodeRow(
            **{**summary.__dict__, "level_text": level_text, "start": state_from_dict(json.loads(start_json)),
               "actions": tuple(json.loads(actions)), "step_records": records}
        )

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


_SUMMARY_COLUMNS = (
    "id, episode, level_name, family, seed, agent, source, steps, optimal_steps, reward, success, terminated,"
    " truncated, started_at, skill_steps, library_size"
)


def _episode_from_row(row) -> EpisodeRow:
    (eid, episode, name, family, seed, agent, source, steps, optimal, reward, success, terminated, truncated,
     started, skill_steps, library_size) = row
    return EpisodeRow(
        eid, episode, name, family, seed, agent, source, steps, optimal, reward, bool(success), bool(terminated),
        bool(truncated), started, skill_steps=skill_steps, library_size=library_size,
    )


def _skill_to_row(skill: Skill, position: int) -> tuple:
    return (
        skill.id, position, skill.name, skill.kind, json.dumps(list(skill.program)), json.dumps(list(skill.effect)),
        json.dumps(sorted(skill.preconditions)), np.asarray(skill.embedding, dtype=np.float32).tobytes(),
        skill.source, skill.origin_episode, skill.attempts, skill.successes, skill.uses, skill.created_episode,
        skill.last_used_episode, json.dumps([[list(v.program), v.episode] for v in skill.versions]), skill.context,
    )


def _skill_from_row(row) -> Skill:
    (sid, name, kind, program, effect, preconditions, embedding, source, origin, attempts, successes, uses,
     created, last_used, versions, context) = row
    skill = Skill(
        name=name, kind=kind, program=tuple(json.loads(program)), effect=tuple(json.loads(effect)),
        preconditions=frozenset(json.loads(preconditions)),
        embedding=np.frombuffer(embedding, dtype=np.float32).copy(), source=source, origin_episode=origin,
        attempts=attempts, successes=successes, uses=uses, created_episode=created, last_used_episode=last_used,
        versions=tuple(SkillVersion(tuple(p), e) for p, e in json.loads(versions)), context=context,
    )
    if skill.id != sid:
        raise ValueError(f"skill {sid} does not match its stored fields (its id computes to {skill.id})")
    return skill


def _check_file(path: Path) -> bool:
    """Check an existing file read-only; True when there is nothing yet (create the schema). Raises StoreError."""
    if not path.exists():
        if not path.parent.is_dir():
            raise StoreError(f"{path}: the folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"{path}: the folder {path.parent} is read-only; choose another --library")
        return True
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a library file")
    for target, what in ((path, "file"), (path.parent, "folder")):  # WAL writes files next to the library
        if not os.access(target, os.W_OK):
            raise StoreError(f"{path}: the library {what} is read-only; choose another --library")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if not header:
        return True  # an empty file: nothing to lose
    if not header.startswith(_SQLITE_MAGIC):
        raise StoreError(f"{path}: not a procmem_tui library (not an SQLite database); refusing to touch it")
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the file read-only ({exc})") from None
    try:
        try:
            check = db.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: the library is damaged ({exc}); refusing to touch it") from None
        if check != [("ok",)]:
            detail = "; ".join(str(r[0]) for r in check[:2])
            raise StoreError(f"{path}: the library is damaged (integrity check: {detail}); refusing to touch it")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return True
        if "meta" not in tables:
            shown = ", ".join(sorted(tables)[:5])
            raise StoreError(f"{path}: not a procmem_tui library (an SQLite database with tables {shown}); refusing to touch it")
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("app_id") != APP_ID:
            raise StoreError(f"{path}: not a procmem_tui library (its meta app_id is {meta.get('app_id')!r}); refusing to touch it")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: written by a newer procmem_tui (schema {version}; this version reads up to {SCHEMA_VERSION}); "
                "upgrade procmem_tui to use it"
            )
        missing = _OUR_TABLES - tables
        if missing:
            raise StoreError(f"{path}: the library is damaged (missing tables: {', '.join(sorted(missing))})")
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: the library is damaged ({exc}); refusing to touch it") from None
    finally:
        db.close()
    return False
