"""Skills as rows of the ``skills`` table, and back.

A row read back must give the same skill (byte-identical embedding, same id); one that does not is refused
rather than loaded as a different skill.
"""

from __future__ import annotations

import json

import numpy as np

from procmem_tui.memory import strict_json
from procmem_tui.memory.skill import Skill
from procmem_tui.memory.skill_check import SkillFileError, build_skill

_FIELDS = (
    "name, kind, program, effect, preconditions, embedding, source, origin_episode, attempts, successes, uses,"
    " created_episode, last_used_episode, versions, context"
)
COLUMNS = f"id, position, {_FIELDS}"
LOAD_COLUMNS = f"position, id, {_FIELDS}"


def skill_to_row(skill: Skill, position: int) -> tuple:
    """The values for ``COLUMNS``."""
    return (
        skill.id, position, skill.name, skill.kind, json.dumps(list(skill.program)), json.dumps(list(skill.effect)),
        json.dumps(sorted(skill.preconditions)), np.asarray(skill.embedding, dtype=np.float32).tobytes(),
        skill.source, skill.origin_episode, skill.attempts, skill.successes, skill.uses, skill.created_episode,
        skill.last_used_episode, json.dumps([[list(v.program), v.episode] for v in skill.versions]), skill.context,
    )


def skill_from_row(row) -> Skill:
    """The skill from ``LOAD_COLUMNS`` after ``position``. Raises ``SkillFileError`` (a ValueError) when a field is
    unreadable or breaks ``skill_check``'s rules."""
    (sid, name, kind, program, effect, preconditions, embedding, source, origin, attempts, successes, uses,
     created, last_used, versions, context) = row
    where = f"skill {str(sid)[:40]}"
    fields = {
        "name": name, "kind": kind, "program": _json(program, "program", where), "effect": _json(effect, "effect", where),
        "preconditions": _json(preconditions, "preconditions", where), "embedding": embedding, "source": source,
        "origin_episode": origin, "attempts": attempts, "successes": successes, "uses": uses,
        "created_episode": created, "last_used_episode": last_used, "versions": _json(versions, "versions", where),
        "context": context,
    }
    if not isinstance(fields["embedding"], bytes):
        raise SkillFileError(f"{where}: its embedding is stored as {type(embedding).__name__}, not bytes")
    skill = build_skill(fields, where)
    if skill.id != sid:
        raise SkillFileError(f"{where} does not match its stored fields (its id computes to {skill.id})")
    return skill


def skill_from_position_row(row) -> Skill:
    """``skill_from_row`` of a ``LOAD_COLUMNS`` row (position first). Raises ``SkillFileError``."""
    if type(row[0]) is not int:
        raise SkillFileError(f"skill {str(row[1])[:40]}: its position is not a whole number")
    return skill_from_row(row[1:])


def check_row(values: tuple, path: str) -> None:
    """Read ``skill_to_row``'s values back as a load will: the store never writes a skill it would refuse."""
    from procmem_tui.memory.store_file import StoreError

    try:
        skill_from_row((values[0], *values[2:]))
    except SkillFileError as exc:
        raise StoreError(f"{path}: refusing to write a skill it could not read back ({exc})") from None


def checked_skill_from_row(row, path: str) -> Skill:
    """``skill_from_row`` of a ``LOAD_COLUMNS`` row (position first), as a ``StoreError`` naming the file."""
    from procmem_tui.memory.store_file import StoreError

    try:
        if type(row[0]) is not int:
            raise SkillFileError(f"skill {str(row[1])[:40]}: its position is not a whole number")
        return skill_from_row(row[1:])
    except SkillFileError as exc:
        raise StoreError(f"{path}: a stored skill is damaged ({exc}); refusing to use the library") from None


def _json(text: object, field: str, where: str):
    return strict_json.column(text, SkillFileError, where, field, limit=1_000_000)
