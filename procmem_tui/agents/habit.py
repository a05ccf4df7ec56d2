"""Acting from memory: a habit is a stored motor skill the library's retrieval offers, run with no plan search.

Procedural memory in the cognitive sense is knowing-how that no longer needs deliberation. The library's ranking
(similarity, posterior, this level's context) decides which motor skill starts here; it is run as a habit only
if it has worked ``HABIT_SUCCESSES`` times, ran in the last episode on this level and keeps a posterior mean of at
least ``HABIT_POSTERIOR``, so a skill that keeps failing stops being chosen. The caller asks only on a settled
level (every try worth making there has been weighed: ``agents/optimism.py``'s horizon; and the last episode
there made no try, so its route is not a try's detour).
"""

from __future__ import annotations

from procmem_tui.agents import explain
from procmem_tui.agents.perceive import situation
from procmem_tui.agents.run import Run
from procmem_tui.memory.skill import MOTOR
from procmem_tui.world import Action, Level, State

HABIT_SUCCESSES = 1  # a motor skill is a habit once it worked this often, in the last episode on its level too
HABIT_POSTERIOR = 0.6  # ... and while its posterior mean stays at least this (a skill that fails stops)


def recall(library, level: Level, state: State, fingerprint: str, previous_episode: int, failed: set) -> Run | None:
    """The habit to run from ``state``, or None; ``failed``: (skill id, target, keys held) that failed so this
    episode."""
    facts, query = situation(level, state, fingerprint)
    for r in library.retrieve(facts, query, k=3, kinds=(MOTOR,), context=fingerprint):
        skill = r.skill
        if (skill.context != fingerprint or skill.successes < HABIT_SUCCESSES
                or skill.posterior_mean < HABIT_POSTERIOR or skill.last_used_episode < previous_episode
                or (skill.id, None, state.keys) in failed):
            continue
        effect = skill.effect[0] if skill.effect else None
        return Run([Action(a) for a in skill.program], skill.id, skill.name, explain.habit(r), effect,
                   candidates=(explain.candidate(r),), mode=explain.MEMORY)
    return None
