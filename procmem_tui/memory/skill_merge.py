"""One rule for folding a skill into the stored skill with the same id, wherever two copies meet: a library learning
it again (``SkillLibrary.add``), two processes saving into one file (``skill_sync.save_changes``) and an import
(``skill_sync.import_skills``). Only how the statistics add up differs between those (summed, increments, the
larger count), so they are passed in.

* **Program**: the new one only if it is strictly shorter (``improved``); a tie or a longer one keeps the old
  (``kept``; ``merged`` when they are the same). A tie keeps the program the statistics were earned with, and a
  skill does not flip between two equally good programs as processes save in turn.
* **Versions**: the old history, then the programs of the new history it lacks, but not the new current program
  when it lost (it never was this skill's program); the winning program is always in it. At most ``MAX_ITEMS``.
* **Embedding** goes with the program (the other's when the winner has none). **Preconditions**: the intersection
  (learned preconditions of abstract and composite skills generalise; a motor skill's id fixes them). Episodes:
  ``last_used_episode`` the latest, ``created_episode`` the earliest. Everything else is the old skill's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from procmem_tui.memory.skill import Skill, SkillVersion
from procmem_tui.memory.skill_check import fit_versions

MERGED, IMPROVED, KEPT = "merged", "improved", "kept"
Stats = tuple[int, int, int]  # attempts, successes, uses


@dataclass(frozen=True)
class Merge:
    kind: str  # MERGED, IMPROVED or KEPT
    skill: Skill


def summed(old: Skill, new: Skill) -> Stats:
    return (old.attempts + new.attempts, old.successes + new.successes, old.uses + new.uses)


def merge(old: Skill, new: Skill, stats: Stats | None = None) -> Merge:
    """``new`` folded into ``old`` (same id) by the rule of the module docstring; ``stats`` (attempts, successes,
    uses) default to the sums."""
    if new.program == old.program:
        kind = MERGED
    else:
        kind = IMPROVED if len(new.program) < len(old.program) else KEPT
    winner, loser = (new, old) if kind == IMPROVED else (old, new)
    known = {v.program for v in old.versions} | {old.program}
    lost = new.program if kind == KEPT else None
    added = tuple(v for v in new.versions if v.program not in known and v.program != lost)
    history = old.versions
    if not history and (added or kind == IMPROVED):  # a skill stored before versions were kept
        history = (SkillVersion(old.program, old.created_episode),)
    versions = history + added
    if kind == IMPROVED and new.program not in {v.program for v in versions}:
        versions += (SkillVersion(new.program, new.last_used_episode),)
    embedding = winner.embedding if np.asarray(winner.embedding).size else loser.embedding
    attempts, successes, uses = stats if stats is not None else summed(old, new)
    return Merge(kind, replace(
        old, program=winner.program, embedding=embedding, preconditions=old.preconditions & new.preconditions,
        versions=fit_versions(versions), attempts=attempts, successes=min(successes, attempts), uses=uses,
        last_used_episode=max(old.last_used_episode, new.last_used_episode),
        created_episode=min(old.created_episode, new.created_episode),
    ))
