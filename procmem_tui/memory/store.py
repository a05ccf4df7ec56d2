"""The SQLite store: the skill library and the episode history in one file.

One file per user (``default_library_path()``) or where ``--library`` says; ``SkillStore.open(None)`` is an
in-memory store (``--fresh``). The file is recognised by a ``meta`` table (``app_id = procmem_tui``) and
``PRAGMA user_version`` (the schema version, see ``schema``). Before anything is written, an existing file is
checked read-only (``store_file``) and refused with a ``StoreError`` if it is not ours to write.

``SkillStore`` owns the connection and its transactions; rows are converted in ``skill_rows`` and ``episodes``.
Writes: WAL journal, and every write is one transaction, so a process killed mid-write leaves the file as of
its last commit. ``transaction()`` groups several writes into one (the session records an episode, saves the
skills and the agent's knowledge together, so a kill never leaves them out of step).

Since schema 4 the file also holds what an agent knows beyond its skills (``save_knowledge``/``load_knowledge``:
one JSON document per agent name) and the global episode counter: ``allocate_episode`` hands out the next
number inside ``BEGIN IMMEDIATE``, so processes sharing a library never get the same number.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from procmem_tui.memory import schema, skill_rows, skill_sync, strict_json
from procmem_tui.memory.episodes import (
    DETAIL_COLUMNS, INSERT_COLUMNS, SUMMARY_COLUMNS, EpisodeRow, StepRecord, episode_from_detail_row, episode_from_row,
    check_episode_row, episode_to_row, state_from_dict, state_to_dict,
)
from procmem_tui.memory.episode_check import EpisodeError
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.skill_check import SkillFileError
from procmem_tui.memory.schema import APP_ID, LAST_EPISODE, SCHEMA_VERSION
from procmem_tui.memory.store_file import (StoreError, check_file, connect_read_only, default_library_location,
                                           default_library_path, require_existing)
from procmem_tui.memory.trajectory import Trajectory

__all__ = [
    "APP_ID", "DEFAULT_RETENTION", "SCHEMA_VERSION", "EpisodeRow", "SkillStore", "StepRecord", "StoreError",
    "default_library_location", "default_library_path", "state_from_dict", "state_to_dict",
]

log = logging.getLogger(__name__)

DEFAULT_RETENTION = 10_000
DEFAULT_CAPACITY = 5000
WAIT = 30  # seconds a write waits for another process's write lock before SQLite says "database is locked"


def _use_wal(db: sqlite3.Connection) -> bool:
    """Switch to WAL; False when another process holds the file at that moment (SQLite does not wait for the
    busy handler there: two processes creating one new library meet here). The mode is kept in the file, so the
    switch is tried again once the schema is in place, and a library left in rollback mode still works."""
    try:
        return db.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() == "wal"
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        return False


class SkillStore:
    """The library file. Use ``SkillStore.open(path)``; a context manager that closes the connection."""

    def __init__(self, connection: sqlite3.Connection, path: str, retention: int = DEFAULT_RETENTION) -> None:
        self._db = connection
        self.path = path
        self.retention = retention
        self._depth = 0  # nesting of transaction(): only the outermost begins and commits
        self._committed: list = []  # callbacks for after the outermost commit (dropped on rollback)
        self._baseline: dict[str, skill_sync.Stats] = {}  # per skill: the statistics last read or written here
        self.skipped: list[str] = []  # damaged rows the reads so far skipped ("skill 0123abcd4567", "episode 7")
        self.read_only = False  # opened ``read_only``: every write raises
        # one thread on the connection at a time (the app records episodes in a thread of their own): a thread's
        # outermost ``transaction`` holds it to its commit, so another thread's writes never join it and its reads
        # (``_one``, ``_all``) never see an uncommitted transaction
        self._writing = threading.RLock()

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None, *, retention: int = DEFAULT_RETENTION, read_only: bool = False) -> "SkillStore":
        """Open (or create) the library at ``path``; ``None`` is a fresh in-memory store. Raises ``StoreError``.
        ``read_only``: for verbs that only read (SQLite ``mode=ro``; a read-only file or folder is fine, nothing
        is created, a path with no file is refused, and any write raises)."""
        if read_only and path is not None:
            store = cls._open_read_only(Path(path), retention)
            store.read_only = True
            return store
        if path is None:
            db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            store = cls(db, ":memory:", retention)
            store._create()
            return store
        path = Path(path)
        fresh = check_file(path)
        made = fresh and not os.path.lexists(path)  # connecting creates the file: a failure must not leave it
        try:
            db = sqlite3.connect(str(path), isolation_level=None, timeout=WAIT, check_same_thread=False)
            wal = _use_wal(db)
            db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            _unmake(path, made)
            raise StoreError(f"{path}: cannot open the library for writing ({exc})") from None
        store = cls(db, str(path), retention)
        try:
            if fresh:
                store._create()
            else:
                store._migrate()
            if not wal:
                _use_wal(db)
        except sqlite3.Error as exc:
            db.close()
            _unmake(path, made)
            raise StoreError(f"{path}: cannot open the library for writing ({exc})") from None
        except BaseException:
            db.close()
            raise
        return store

    @classmethod
    def _open_read_only(cls, path: Path, retention: int) -> "SkillStore":
        """A missing file is refused (a mistyped path must not read as "nothing learned"), an empty file reads as
        an empty library, and an older schema is upgraded in a copy in memory, never in the file. Writes raise in
        every case, the copies in memory too (``query_only``): a write that seemed to succeed would be lost."""
        require_existing(path)
        if check_file(path, write=False):
            store = cls.open(None, retention=retention)
            store.path = str(path)
            store._db.execute("PRAGMA query_only = ON")
            return store
        db = connect_read_only(path)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                memory = sqlite3.connect(":memory:", isolation_level=None)
                db.backup(memory)
                db.close()
                db = memory
                store = cls(db, str(path), retention)
                store._migrate()
                db.execute("PRAGMA query_only = ON")
                return store
            db.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            db.close()
            raise StoreError(f"{path}: cannot read the library ({exc})") from None
        return cls(db, str(path), retention)

    def _create(self) -> None:
        """Create the schema, or find it already created by a process that raced us to the new file (the check
        and the creation are one ``BEGIN IMMEDIATE`` transaction, so exactly one of them creates it)."""
        with self._transaction() as db:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                schema.create(db)
                return
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
            if meta.get("app_id") != APP_ID:
                raise StoreError(f"{self.path}: another program created this file while we opened it; refusing to touch it")

    def _migrate(self) -> None:
        """Bring an older schema (checked: ours, not newer) up to ``SCHEMA_VERSION`` in one transaction."""
        version = self._one("PRAGMA user_version")[0]
        if version >= SCHEMA_VERSION:
            return
        with self._transaction() as db:
            schema.upgrade(db)
        log.info("%s: library schema upgraded from %d to %d", self.path, version, SCHEMA_VERSION)

    @contextmanager
    def transaction(self, wait: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: the write lock is taken at once); nested uses join the
        outermost, so a group of writes commits together or not at all. ``wait=False``: when another process
        holds the write lock, raise ``sqlite3.OperationalError`` ("database is locked") at once instead of
        waiting up to ``WAIT`` seconds in SQLite (the app's recording thread tries again itself, holding nothing
        between tries, so the app's own reads and writes are never stuck behind its wait)."""
        with self._writing:
            db = self._db
            if self._depth:
                self._depth += 1
                try:
                    yield db
                finally:
                    self._depth -= 1
                return
            self._begin(db, wait)
            self._depth, self._committed = 1, []
            try:
                yield db
            except BaseException:
                self._depth, self._committed = 0, []
                db.execute("ROLLBACK")
                raise
            self._depth = 0
            db.execute("COMMIT")
            done, self._committed = self._committed, []
            for callback in done:
                callback()

    @staticmethod
    def _begin(db: sqlite3.Connection, wait: bool) -> None:
        if wait:
            db.execute("BEGIN IMMEDIATE")
            return
        db.execute("PRAGMA busy_timeout = 0")
        try:
            db.execute("BEGIN IMMEDIATE")
        finally:
            db.execute(f"PRAGMA busy_timeout = {WAIT * 1000}")

    _transaction = transaction

    def _one(self, sql: str, args=()) -> tuple | None:
        """One row of a read, taken while no other thread's transaction is open on the connection: the
        connection is shared (the app reads on its event loop while its saver thread writes), and a read
        between another thread's BEGIN and COMMIT would see that transaction's rows before they are committed
        (and would have shown them even if it rolled back)."""
        with self._writing:
            return self._db.execute(sql, args).fetchone()

    def _all(self, sql: str, args=()) -> list:
        """Every row of a read, fetched whole under the same rule as ``_one``."""
        with self._writing:
            return self._db.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._writing:
            self._db.close()

    def __enter__(self) -> "SkillStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- skills -------------------------------------------------------------------------------

    def load_library(self, capacity: int = DEFAULT_CAPACITY, seed: int = 0, **options) -> SkillLibrary:
        """A library holding the stored skills (in their insertion order), with nothing dirty. A row that breaks
        ``skill_check``'s rules is skipped with one warning naming it (``procmem doctor`` lists them all; a skill
        learned again with the same id replaces the damaged row)."""
        library = SkillLibrary(capacity=capacity, seed=seed, **options)
        rows = self._all(f"SELECT {skill_rows.LOAD_COLUMNS} FROM skills ORDER BY position, id")
        skills, positions, bad = [], [], []
        for row in rows:
            try:
                skills.append(skill_rows.skill_from_position_row(row))
                positions.append(row[0])
            except SkillFileError as exc:
                bad.append((str(row[1])[:12], str(exc)))
        self._skipped("skill", bad)
        library.load(skills, positions=positions)
        library.clear_dirty()
        self._baseline = {skill.id: skill_sync.stats_of(skill) for skill in skills}
        return library

    def save_library(self, library: SkillLibrary) -> None:
        """Write the skills changed since the last save and delete the removed ones, in one transaction.
        Statistics are written as increments over what this store last read or wrote (``skill_sync``), so
        another process writing the same library loses nothing."""
        if not library.dirty_ids() and not library.removed_ids():
            return
        with self._transaction() as db:
            written, removed = skill_sync.save_changes(db, library, self._baseline, self.path)
            self._committed.append(library.clear_dirty)  # only once written: a rolled-back save stays dirty
            self._committed.append(lambda: self._remember(written, removed))

    def _remember(self, written: dict, removed: list) -> None:
        for sid in removed:
            self._baseline.pop(sid, None)
        self._baseline.update(written)

    def import_skills(self, skills: list, capacity: int = DEFAULT_CAPACITY) -> skill_sync.ImportResult:
        """Merge checked skills into the stored ones in one transaction (``skill_sync.import_skills``'s rules).
        Raises ``StoreError`` when the import is refused; then nothing is written."""
        try:
            with self._transaction() as db:
                return skill_sync.import_skills(db, skills, capacity, self.path)
        except skill_sync.ImportRefused as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    def skill_ids(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._all("SELECT id FROM skills"))

    def clear_skills(self) -> int:
        """Delete every stored skill (episodes stay); returns how many."""
        with self._transaction() as db:
            count = db.execute("DELETE FROM skills").rowcount
        self._baseline.clear()
        return count

    def skill_count(self) -> int:
        return self._one("SELECT COUNT(*) FROM skills")[0]

    # -- the episode counter and the agents' knowledge ----------------------------------------

    def allocate_episode(self) -> int:
        """The next global episode number (1, 2, …), never handed out twice, also across processes."""
        with self._transaction() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (LAST_EPISODE,)).fetchone()
            try:
                number = int(row[0]) + 1 if row is not None else 1
            except ValueError:
                raise StoreError(f"{self.path}: the episode counter is damaged ({row[0]!r})") from None
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (LAST_EPISODE, str(number)))
        return number

    def advance_episode_counter(self, at_least: int) -> None:
        """Make the next number above ``at_least`` (skills imported from another library bring their clock)."""
        with self._transaction() as db:
            if self.last_episode() < at_least:
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (LAST_EPISODE, str(int(at_least))))

    def last_episode(self) -> int:
        """The highest episode number handed out so far (0 for a new library)."""
        row = self._one("SELECT value FROM meta WHERE key = ?", (LAST_EPISODE,))
        try:
            return int(row[0]) if row is not None else 0
        except ValueError:
            raise StoreError(f"{self.path}: the episode counter is damaged ({row[0]!r})") from None

    def save_knowledge(self, agent: str, knowledge: dict, episode: int) -> None:
        """Store what ``agent`` knows (a JSON-safe dict), replacing its previous knowledge — unless that was written
        with a newer ``version`` than ``knowledge`` has (a newer procmem_tui's, which this one could not read: kept)."""
        text = json.dumps(knowledge, sort_keys=True, allow_nan=False, separators=(",", ":"))
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction() as db:
            if self._stored_version(agent) > _version(knowledge):
                log.warning("%s: %s's knowledge was written by a newer version; not replaced", self.path, agent)
                return
            db.execute("INSERT OR REPLACE INTO knowledge (agent, data, episode, updated_at) VALUES (?, ?, ?, ?)",
                       (agent, text, int(episode), now))

    def _stored_version(self, agent: str) -> int:
        row = self._one("SELECT data FROM knowledge WHERE agent = ?", (agent,))
        try:
            return _version(json.loads(row[0])) if row is not None else -1
        except (ValueError, TypeError, RecursionError):
            return -1  # unreadable: replacing it is the repair

    def load_knowledge(self, agent: str) -> dict | None:
        """What ``agent`` knew when last saved, or None if nothing was saved for it. A row that is not a JSON object
        raises ``damaged_knowledge``: starting afresh would overwrite it at the next save (``procmem doctor --repair``
        writes a copy without it)."""
        row = self._one("SELECT data FROM knowledge WHERE agent = ?", (agent,))
        if row is None:
            return None
        try:
            data = strict_json.column(row[0], StoreError, "knowledge", "data", limit=256 * 1024 * 1024)
            if not isinstance(data, dict):
                raise StoreError("its data is not a JSON object")
        except StoreError as exc:
            raise damaged_knowledge(self.path, agent, str(exc).removeprefix("knowledge: ")) from None
        return data

    def knowledge_agents(self) -> list[str]:
        """Agents with stored knowledge, by name."""
        return [r[0] for r in self._all("SELECT agent FROM knowledge ORDER BY agent")]

    def clear_knowledge(self) -> int:
        """Forget every agent's knowledge (skills and episodes stay); returns how many agents'."""
        with self._transaction() as db:
            return db.execute("DELETE FROM knowledge").rowcount

    # -- episodes -----------------------------------------------------------------------------

    def record_episode(self, trajectory: Trajectory, library_size: int | None = None,
                       started_at: datetime | None = None, optimal_steps: int | None = None, learned=()) -> int:
        """Store a finished episode (``library_size``: skills held after learning from it, for learning curves;
        ``started_at``: when it began, default now; ``optimal_steps``: the solver's length, measured by the caller (None: unknown); ``learned``: the LearnEvents it gave); prunes beyond
        ``retention`` in the same transaction.
        Returns its id."""
        values = episode_to_row(trajectory, library_size, started_at, optimal_steps, learned)
        try:
            check_episode_row(values)
        except EpisodeError as exc:
            raise StoreError(f"{self.path}: refusing to record an episode it could not read back ({exc})") from None
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
        """Recorded episodes, newest first, optionally filtered (without level text, actions and steps); damaged rows
        are skipped with one warning naming them."""
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
        episodes, bad = [], []
        for row in self._all(sql, args):
            try:
                episodes.append(episode_from_row(row))
            except EpisodeError as exc:
                bad.append((str(row[0]), str(exc)))
        self._skipped("episode", bad)
        return episodes

    def get_episode(self, episode_id: int | str) -> EpisodeRow:
        """One episode with its level text, start state, actions and per-step records; ``"last"`` is the newest."""
        sql = f"SELECT {DETAIL_COLUMNS} FROM episodes"
        if episode_id == "last":
            row = self._one(sql + " ORDER BY id DESC LIMIT 1")
        else:
            number = self._episode_index(episode_id, "id")
            row = self._one(sql + " WHERE id = ?", (number,))
        if row is None:
            what = "no episodes recorded yet" if episode_id == "last" else f"no episode {episode_id}"
            raise StoreError(f"{self.path}: {what}")
        try:
            return episode_from_detail_row(row)
        except EpisodeError as exc:
            raise self._damaged(exc) from None

    def get_episode_by_number(self, number: int | str) -> EpisodeRow:
        """One episode by the number a person sees (the app, ``episodes list``, train's output), or ``"last"``.
        Numbers are unique (``allocate_episode``); the row id stays internal."""
        if number == "last":
            return self.get_episode("last")
        value = self._episode_index(number, "number")
        row = self._one("SELECT id FROM episodes WHERE episode = ? ORDER BY id DESC LIMIT 1", (value,))
        if row is None:
            raise StoreError(f"{self.path}: no episode {value}")
        return self.get_episode(row[0])

    def _episode_index(self, given: int | str, kind: str) -> int:
        """``given`` as an episode id or number SQLite can hold, or a StoreError that says why not."""
        try:
            value = int(given)
        except (TypeError, ValueError):
            raise StoreError(f"{self.path}: {str(given)[:40]!r} is not an episode {kind} (a number or 'last')") from None
        if not 0 <= value < 2**63:
            raise StoreError(f"{self.path}: no episode {value if value.bit_length() < 128 else 'that big'}")
        return value

    def _skipped(self, what: str, bad: list[tuple[str, str]]) -> None:
        """One warning line for the damaged rows a read skipped: how many, which, the first one's problem."""
        if not bad:
            return
        self.skipped.extend(f"{what} {name}" for name, _ in bad)
        names = ", ".join(name for name, _ in bad[:5]) + (", …" if len(bad) > 5 else "")
        plural = "" if len(bad) == 1 else ("s" if what != "knowledge" else "")
        log.warning("%s: skipped %d damaged %s row%s (%s; first: %s); 'procmem doctor --library %s' lists them",
                    self.path, len(bad), what, plural, names, bad[0][1], self.path)

    def _damaged(self, exc: Exception) -> StoreError:
        return StoreError(f"{self.path}: a recorded episode is damaged ({exc}); refusing to use it")

    def space(self) -> dict[str, int]:
        """Bytes the file takes and what takes them: ``file`` (the library and its WAL), ``episodes``, ``skills``,
        ``knowledge`` (each with its indexes), ``free`` (pages a prune freed, reused before the file grows) and
        ``other``. Empty for an in-memory store; only ``file`` where SQLite lacks its ``dbstat`` table."""
        if self.path == ":memory:" or not Path(self.path).exists():
            return {}
        size = sum(Path(self.path + suffix).stat().st_size for suffix in ("", "-wal") if Path(self.path + suffix).exists())
        usage = {"file": size}
        try:
            rows = self._all("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
        except sqlite3.Error:
            return usage
        owner = {r[0]: r[1] for r in self._all("SELECT name, tbl_name FROM sqlite_master")}
        for name, pages in rows:
            part = owner.get(name, name)
            key = part if part in ("episodes", "skills", "knowledge") else "other"
            usage[key] = usage.get(key, 0) + int(pages or 0)
        page = self._one("PRAGMA page_size")[0]
        usage["free"] = self._one("PRAGMA freelist_count")[0] * page
        return usage

    def vacuum(self) -> None:
        """Give the pages freed by pruning back to the file system (SQLite ``VACUUM``: rewrites the file, in one
        transaction of its own; skills and knowledge are copied unchanged)."""
        with self._writing:
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def episode_count(self) -> int:
        return self._one("SELECT COUNT(*) FROM episodes")[0]

    def episodes_on_level(self, level_name: str, before: int) -> int:
        """How many recorded episodes played ``level_name`` with a number below ``before``: episode numbers count
        on across the library's levels, so the app and ``episodes list`` say which visit to its level one is."""
        return self._one("SELECT COUNT(*) FROM episodes WHERE level_name = ? AND episode < ?", (level_name, before))[0]

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


def _unmake(path: Path, made: bool) -> None:
    """Remove the empty file a failed creation left (a full disk: SQLite creates the file, then cannot write its
    first page), so the path reads as "no library here" again, not as an empty library. Only a file this process
    made and that is still empty: one another process has written since is left alone."""
    try:
        if made and os.stat(path).st_size == 0:
            os.unlink(path)
    except OSError:
        pass


def _version(knowledge) -> int:
    version = knowledge.get("version") if isinstance(knowledge, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else 0


def damaged_knowledge(path, agent: str, problem: str) -> StoreError:
    """The one line every verb that reads an agent's knowledge refuses a damaged row with (the file untouched)."""
    where = f" --library {path}" if path else ""
    return StoreError(f"{path}: the stored knowledge of agent {agent[:40]!r} is damaged ({problem[:200]}); "
                      f"'procmem doctor --repair{where}' writes a copy without it")
