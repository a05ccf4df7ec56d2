"""Writing skills into a library file that other processes may be writing too, and importing skills into it.

Both run inside the store's ``BEGIN IMMEDIATE`` transaction (the write lock is held from the first read), so a
read-modify-write here cannot interleave with another writer's:

- ``save_changes``: a skill's statistics are written as *increments*: the stored row gets what this process added
  since it last read or wrote that skill (its ``baseline``), not this process's totals, so two ``train`` processes
  on one library both keep every attempt.
- ``import_skills``: merging by id is idempotent (the larger count of each statistic is kept, never a sum, so
  importing a library's own export changes nothing); new skills are added only while the library has room:
  importing never evicts a skill to make room, the import is refused whole instead.

Both fold a skill into the stored one by the rule ``SkillLibrary.add`` uses (``skill_merge.merge``: a strictly
shorter program wins, a tie keeps the stored one); only how the statistics add up differs.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from procmem_tui.memory import skill_rows
from procmem_tui.memory.skill import Skill
from procmem_tui.memory.skill_check import SkillFileError
from procmem_tui.memory.skill_merge import merge

Stats = tuple[int, int, int]  # attempts, successes, uses
ZERO: Stats = (0, 0, 0)


def stats_of(skill: Skill) -> Stats:
    return (skill.attempts, skill.successes, skill.uses)


@dataclass(frozen=True)
class ImportResult:
    new: int
    updated: int
    unchanged: int


class ImportRefused(Exception):
    """The import would break a rule (the library would overflow); nothing was written."""


def _placeholders() -> str:
    return ", ".join("?" * len(skill_rows.COLUMNS.split(",")))


def read_stored(db: sqlite3.Connection, ids: list[str], path: str) -> dict[str, tuple[int, Skill]]:
    """id -> (position, skill) of the stored rows among ``ids`` (checked as a load checks them; damaged rows are
    left out)."""
    found: dict[str, tuple[int, Skill]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(f"SELECT {skill_rows.LOAD_COLUMNS} FROM skills WHERE id IN ({marks})", chunk).fetchall()
        for row in rows:
            try:
                found[row[1]] = (row[0], skill_rows.skill_from_position_row(row))
            except SkillFileError:
                continue  # a damaged row: the skill written now replaces it (a load skipped it anyway)
    return found


def _combine(stored: Skill, mine: Skill, stats: Stats) -> Skill:
    """``mine`` folded into ``stored`` by the one rule (``skill_merge.merge``), with the given statistics."""
    return merge(stored, mine, stats).skill


def save_changes(db: sqlite3.Connection, library, baseline: dict[str, Stats], path: str) -> tuple[dict, list]:
    """Write the library's changes as increments over ``baseline``; returns (the new baseline of each skill
    written, the ids deleted), for the store to remember once the transaction commits."""
    removed = sorted(library.removed_ids())
    db.executemany("DELETE FROM skills WHERE id = ?", [(sid,) for sid in removed])
    written: dict[str, Stats] = {}
    dirty = sorted((s for s in map(library.get, library.dirty_ids()) if s is not None), key=lambda s: library.position(s.id))
    stored = read_stored(db, [s.id for s in dirty], path)
    rows = []
    next_position = None
    for skill in dirty:
        mine = stats_of(skill)
        base = ZERO if skill.id in removed else baseline.get(skill.id, ZERO)
        if any(m < b for m, b in zip(mine, base)):  # removed and learned again since: all of it is new
            base = ZERO
        if skill.id in stored:
            position, old = stored[skill.id]
            delta = [m - b for m, b in zip(mine, base)]
            total = tuple(o + d for o, d in zip(stats_of(old), delta))
            row_skill = _combine(old, skill, total)
        else:
            position, row_skill = library.position(skill.id), skill
            if next_position is None:
                next_position = _next_position(db)
            position = max(position, next_position)
            next_position = position + 1
        rows.append(skill_rows.skill_to_row(row_skill, position))
        written[skill.id] = mine
    for row in rows:
        skill_rows.check_row(row, path)
    db.executemany(f"INSERT OR REPLACE INTO skills ({skill_rows.COLUMNS}) VALUES ({_placeholders()})", rows)
    return written, removed


def _next_position(db: sqlite3.Connection) -> int:
    value = db.execute("SELECT MAX(position) FROM skills").fetchone()[0]
    return 0 if value is None else int(value) + 1


def import_skills(db: sqlite3.Connection, skills: list[Skill], capacity: int, path: str) -> ImportResult:
    """Merge ``skills`` (already checked) into the stored ones; see the module docstring for the rules."""
    stored = read_stored(db, [s.id for s in skills], path)
    count = db.execute("SELECT COUNT(*) FROM skills").fetchone()[0]
    fresh = [s for s in skills if s.id not in stored]
    if count + len(fresh) > capacity:
        raise ImportRefused(
            f"{len(fresh):,} new skills would make {count + len(fresh):,}, more than a library holds ({capacity:,}); "
            "an import never evicts learned skills, so nothing was imported"
        )
    rows, new, updated, unchanged = [], 0, 0, 0
    position = _next_position(db)
    for skill in skills:
        if skill.id not in stored:
            rows.append(skill_rows.skill_to_row(skill, position))
            position += 1
            new += 1
            continue
        at, old = stored[skill.id]
        stats = tuple(max(a, b) for a, b in zip(stats_of(old), stats_of(skill)))
        merged = _combine(old, skill, stats)
        if skill_rows.skill_to_row(merged, at) == skill_rows.skill_to_row(old, at):
            unchanged += 1
            continue
        rows.append(skill_rows.skill_to_row(merged, at))
        updated += 1
    for row in rows:
        skill_rows.check_row(row, path)
    db.executemany(f"INSERT OR REPLACE INTO skills ({skill_rows.COLUMNS}) VALUES ({_placeholders()})", rows)
    return ImportResult(new, updated, unchanged)
