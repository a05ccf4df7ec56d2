"""Skills as rows of the ``skills`` table, and back.

A row read back must give the same skill (byte-identical embedding, same id); one that does not is refused
rather than loaded as a different skill.
"""

from __future__ import annotations

import json

import numpy as np

from procmem_tui.memory.skill import Skill, SkillVersion

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
    """The skill from ``LOAD_COLUMNS`` after ``position``. Raises ValueError (or TypeError, KeyError) when unreadable."""
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
