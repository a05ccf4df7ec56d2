"""What is wrong with a library file, row by row, and a clean copy of what can be saved (``procmem doctor``).

The store skips damaged skill and episode rows when it reads (one warning) and refuses damaged knowledge; this
module names every one of them. ``examine`` reads the file through a read-only connection (SQLite ``mode=ro``) and
checks each skill, episode and knowledge row with the same functions a load uses (a knowledge row also with its
agent's own check, which the command passes in: a row its agent could not restore is damaged). ``repair`` writes a
new library beside the original — the way SQLite's ``.recover`` saves what can be saved — holding every good row as it was stored and none of the bad ones; the
original is never written. A file that is not ours at all (another program's database, a newer schema) is
refused by ``store_file.check_file`` before anything is read.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from procmem_tui.memory import salvage, schema, skill_rows, strict_json
from procmem_tui.memory.episode_check import EpisodeError
from procmem_tui.memory.episodes import DETAIL_COLUMNS, episode_from_detail_row
from procmem_tui.memory.schema import LAST_EPISODE
from procmem_tui.memory.skill_check import SkillFileError
from procmem_tui.memory.store_file import StoreError, check_file, connect_read_only, cut_short, require_existing

BATCH = 500

KnowledgeCheck = Callable[[str, dict], Optional[str]]
"""Why an agent (by name) could not restore a stored document, in one phrase, or None: the agents' own check, passed
in by the command (this layer knows no agent)."""


@dataclass
class Report:
    """Rows examined per table, and the damaged ones as (table, key, problem)."""

    path: str
    counts: dict[str, int] = field(default_factory=dict)
    bad: list[tuple[str, str, str]] = field(default_factory=list)
    good_keys: dict[str, list] = field(default_factory=dict)
    last_episode: int = 0

    @property
    def clean(self) -> bool:
        return not self.bad


def examine(path: str | Path, knowledge_check: KnowledgeCheck | None = None) -> Report:
    """Every row checked (knowledge rows also by ``knowledge_check``, as a restore would); raises ``StoreError``
    when the file is not a library we can read at all."""
    path = Path(path)
    db = _source(path)
    try:
        return _examine(db, str(path), knowledge_check)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot read the library ({exc})") from None
    finally:
        db.close()


def _source(path: Path) -> sqlite3.Connection:
    """A read-only connection to the file; a library of an older schema is upgraded in a copy in memory (the
    file is never written), so its rows are checked as a load of the upgraded file would check them."""
    require_existing(path)
    try:
        if check_file(path, write=False, whole=False):
            raise StoreError(f"{path}: there is no library here (no file, or an empty one)")
        db = connect_read_only(path)
    except StoreError:
        damage = _damage(path)
        if damage is None:
            raise
        db = salvage.readable_copy(path)  # raises the StoreError itself when nothing of ours can be read
        db.integrity = damage or None
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] >= schema.SCHEMA_VERSION:
            return db
        if isinstance(db, salvage.Salvaged):  # already a copy in memory: upgraded in place
            db.execute("BEGIN")
            schema.upgrade(db)
            db.execute("COMMIT")
            return db
        memory = sqlite3.connect(":memory:", isolation_level=None)
        db.backup(memory)
        db.close()
        memory.execute("BEGIN")
        schema.upgrade(memory)
        memory.execute("COMMIT")
        return memory
    except sqlite3.Error as exc:
        db.close()
        raise StoreError(f"{path}: cannot read the library ({exc})") from None


def _damage(path: Path) -> str | None:
    """Why SQLite refuses a file whose readable rows can still be saved: for an SQLite database whose first page
    reads, what its integrity check finds (a damaged page further in, perhaps only an index's, which hides no
    row); ``""`` for a file cut short (``salvage`` reads what is there, and says so when that is not even its
    schema). None for any other refusal (not ours, newer): it stands."""
    try:
        db = connect_read_only(path)
    except StoreError:
        return "" if cut_short(path) is not None else None
    try:
        check = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        db.close()
    return None if check == [("ok",)] else "; ".join(str(row[0]) for row in check[:2])


def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}


def _examine(db: sqlite3.Connection, path: str, knowledge_check: KnowledgeCheck | None) -> Report:
    report = Report(path)
    damage = getattr(db, "integrity", None)
    if damage:  # every row may read, yet SQLite (and so every other verb) refuses the file
        report.bad.append(("file", "(integrity check)", f"SQLite's integrity check fails ({damage[:200]}), so the "
                           "other verbs refuse the file; --repair copies every row that reads"))
    for table, problem in getattr(db, "losses", ()):
        report.bad.append((table, "(cut short)" if table == "file" else "(damaged page)", problem))
    for table in sorted({"skills", "episodes", "knowledge"} - _tables(db)):
        report.bad.append((table, "(table)", "the table is missing"))
        db.execute(f"CREATE TEMP TABLE {table} (id, agent, data)")  # examined as empty, in this connection only
    _examine_skills(db, report)
    _examine_episodes(db, report)
    _examine_knowledge(db, report, knowledge_check)
    row = db.execute("SELECT value FROM meta WHERE key = ?", (LAST_EPISODE,)).fetchone()
    try:
        report.last_episode = int(row[0]) if row is not None else 0
    except ValueError:
        report.bad.append(("meta", LAST_EPISODE, f"the episode counter is not a number ({str(row[0])[:40]!r})"))
    highest = db.execute("SELECT MAX(episode) FROM episodes").fetchone()[0]
    if isinstance(highest, int):
        report.last_episode = max(report.last_episode, highest)
    return report


def _missing(db: sqlite3.Connection, table: str, wanted: str) -> list[str]:
    have = _columns(db, table)
    return [c.strip() for c in wanted.split(",") if c.strip() not in have]


def _examine_skills(db: sqlite3.Connection, report: Report) -> None:
    report.counts["skills"] = db.execute("SELECT COUNT(*) FROM skills").fetchone()[0]
    report.good_keys["skills"] = good = []
    missing = _missing(db, "skills", skill_rows.LOAD_COLUMNS)
    if missing:
        for (rowid,) in db.execute("SELECT rowid FROM skills"):
            report.bad.append(("skills", f"row {rowid}", f"the column {missing[0]} is missing"))
        return
    for rowid, *row in db.execute(f"SELECT rowid, {skill_rows.LOAD_COLUMNS} FROM skills ORDER BY position, id"):
        try:
            skill_rows.skill_from_position_row(row)
            good.append(rowid)
        except SkillFileError as exc:
            report.bad.append(("skills", str(row[1])[:40], _problem(exc)))


def _examine_episodes(db: sqlite3.Connection, report: Report) -> None:
    report.counts["episodes"] = db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0]
    report.good_keys["episodes"] = good = []
    missing = _missing(db, "episodes", DETAIL_COLUMNS)
    if missing:
        for (rowid,) in db.execute("SELECT rowid FROM episodes"):
            report.bad.append(("episodes", str(rowid), f"the column {missing[0]} is missing"))
        return
    last = -1
    while True:  # in batches by id, so a large file is never held in memory at once
        rows = db.execute(f"SELECT {DETAIL_COLUMNS} FROM episodes WHERE id > ? ORDER BY id LIMIT ?", (last, BATCH)).fetchall()
        if not rows:
            break
        for row in rows:
            try:
                episode_from_detail_row(row)
                good.append(row[0])
            except EpisodeError as exc:
                report.bad.append(("episodes", str(row[0]), _problem(exc)))
        last = rows[-1][0]


def _examine_knowledge(db: sqlite3.Connection, report: Report, knowledge_check: KnowledgeCheck | None) -> None:
    report.counts["knowledge"] = db.execute("SELECT COUNT(*) FROM knowledge").fetchone()[0]
    report.good_keys["knowledge"] = good = []
    for rowid, agent, data in db.execute("SELECT rowid, agent, data FROM knowledge"):
        try:
            if not isinstance(agent, str):
                raise StoreError("its agent name is not text")
            value = strict_json.column(data, StoreError, "knowledge", "data", limit=256 * 1024 * 1024)
            if not isinstance(value, dict):
                raise StoreError("knowledge: its data is not a JSON object")
            problem = knowledge_check(agent, value) if knowledge_check is not None else None
            if problem:
                raise StoreError(problem)
            good.append(rowid)
        except StoreError as exc:
            report.bad.append(("knowledge", str(agent)[:40], _problem(exc)))


def _problem(exc: Exception) -> str:
    """The message without the "skill 0123…: " / "episode 7: " it starts with (the report names the row)."""
    text = str(exc)
    head, sep, rest = text.partition(": ")
    return rest if sep and head.split(" ")[0] in ("skill", "episode", "knowledge") else text


def repaired_path(path: Path) -> Path:
    """``lib.sqlite3`` -> ``lib.repaired.sqlite3`` (or ``lib.repaired-2.sqlite3``, … when that exists)."""
    for n in range(1, 1000):
        tag = "repaired" if n == 1 else f"repaired-{n}"
        candidate = path.with_name(f"{path.stem}.{tag}{path.suffix or '.sqlite3'}")
        if not os.path.lexists(candidate):
            return candidate
    raise StoreError(f"{path}: too many repaired copies beside it already")


def repair(path: str | Path, knowledge_check: KnowledgeCheck | None = None) -> tuple[Path, Report]:
    """A new library beside ``path`` with every good row of it (as stored, byte for byte) and none of the bad
    ones (``examine``'s); returns its path and the report of what was left out. The original is only read."""
    path = Path(path)
    report = examine(path, knowledge_check)
    target = repaired_path(path)
    temp = target.with_name(f".{target.name}.part")
    if os.path.lexists(temp):
        temp.unlink()
    source = _source(path)
    try:
        out = sqlite3.connect(str(temp), isolation_level=None)
    except sqlite3.Error as exc:
        source.close()
        raise _unwritten(path, target, exc) from None
    try:
        out.execute("BEGIN")
        schema.create(out)
        out.execute("UPDATE meta SET value = ? WHERE key = ?", (str(report.last_episode), LAST_EPISODE))
        _copy(source, out, "skills", report.good_keys["skills"], "rowid")
        _copy(source, out, "episodes", report.good_keys["episodes"], "id")
        _copy(source, out, "knowledge", report.good_keys["knowledge"], "rowid")
        out.execute("COMMIT")
        out.execute("VACUUM")
        out.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException as exc:
        out.close()
        if os.path.lexists(temp):
            temp.unlink()
        if isinstance(exc, sqlite3.Error):  # the copy's writes (the original was read whole by ``examine``)
            raise _unwritten(path, target, exc) from None
        raise
    finally:
        source.close()
    return target, report


def _unwritten(path: Path, target: Path, exc: sqlite3.Error) -> StoreError:
    """The copy could not be written (a full disk, a read-only folder): said of the copy, not of the library,
    which was only read. SQLite's own words for these ("unable to open database file", "database or disk is
    full") name no file, and the CLI's catch-all would say "the library file"."""
    folder = target.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return StoreError(f"{target}: cannot write the repaired copy: the folder {folder} is read-only; copy the "
                          f"library to a folder you may write and repair it there ({path} is left as it was)")
    return StoreError(f"{target}: cannot write the repaired copy ({exc}); {path} is left as it was")


def _copy(source: sqlite3.Connection, out: sqlite3.Connection, table: str, keys: list, key: str) -> None:
    """The good rows of ``table``, every column the new schema has and the old file holds, values as stored."""
    wanted = [r[1] for r in out.execute(f'PRAGMA table_info("{table}")')]
    present = _columns(source, table)
    columns = [c for c in wanted if c in present]
    names = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    for start in range(0, len(keys), BATCH):
        chunk = keys[start:start + BATCH]
        rows = source.execute(
            f"SELECT {names} FROM {table} WHERE {key} IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
        out.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
