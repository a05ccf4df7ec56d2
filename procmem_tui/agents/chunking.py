"""What an episode teaches the skill library (chunking, as in Soar): its stretches become skills at the end.

``memory.extract`` cuts a trajectory into verified skills; this decides which **motor** skills are worth keeping.
A stretch run by a motor skill teaches nothing new, unless it improves one. A stretch explored, or shown by a
person, becomes a motor skill; one run by abstract skills does too on a level played again (it is being
practised: next time it can be a habit), not on a layout seen once.
"""

from __future__ import annotations

from procmem_tui.agents.base import LearnEvent
from procmem_tui.memory.extract import admit, extract
from procmem_tui.memory.skill import MOTOR
from procmem_tui.memory.trajectory import Trajectory


def learn_skills(library, trajectory: Trajectory, *, practiced: bool, fingerprint: str | None = None) -> list[LearnEvent]:
    """Add the episode's skills to ``library``; report the new, improved and merged ones. ``practiced``: the
    level has been played before (its deliberate stretches become motor skills too)."""

    def keep_motor(segment, skill) -> bool:
        if None in segment.skill_ids or any(t.actor == "player" for t in segment.transitions):
            return True
        ran = [library.get(i) for i in segment.skill_ids]
        if practiced and any(s is None or s.kind != MOTOR for s in ran):
            return True
        old = library.get(skill.id)
        return old is not None and len(old.program) > len(skill.program)

    extraction = extract(trajectory, keep_motor=keep_motor, fingerprint=fingerprint)
    events = []
    for kind, skill in admit(library, extraction.skills, trajectory.episode):
        if kind in ("new", "improved", "generalised"):
            events.append(LearnEvent("merged" if kind == "generalised" else kind, skill.id, skill.name, skill.source))
    return events
