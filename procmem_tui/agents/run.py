"""What the agent is doing between decisions: a skill (or an exploration intent) expanded into primitive actions.

The agent acts one primitive action per ``act`` even inside a skill, so a run remembers where it is and what it
expects; a step that does not do what was expected ends it early, and the agent decides again.
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.agents.base import Decision
from procmem_tui.agents.explain import EXPLORED
from procmem_tui.world import Action, Step
from procmem_tui.world.actions import MOVE_DELTAS, MOVED


@dataclass
class Run:
    """A decision's actions; ``skill_id`` None for exploration. ``target``/``keys``: what a failure is blamed on."""

    actions: list
    skill_id: str | None
    name: str
    reason: str
    expect_effect: str | None
    i: int = 0
    candidates: tuple = ()
    target: tuple | None = None
    keys: frozenset = frozenset()
    mode: str = EXPLORED
    scouting: bool = False  # its walk crosses cells never seen (``agents/scouting.py``): dropped if walled

    @property
    def done(self) -> bool:
        return self.i >= len(self.actions)

    def next_decision(self) -> Decision:
        """Take the next action, with the skill's progress and what is left of it."""
        action = self.actions[self.i]
        self.i += 1
        if self.skill_id is None:
            return Decision(action, self.reason, candidates=self.candidates, mode=self.mode)
        return Decision(action, self.reason, skill_id=self.skill_id, skill_name=self.name,
                        progress=(self.i, len(self.actions)), upcoming=tuple(self.actions[self.i:]),
                        candidates=self.candidates, mode=self.mode)

    def verdict(self, action: Action, step: Step) -> bool | None:
        """After ``action`` led to ``step``: False if it went wrong (a step before the last that did not move the
        agent, the episode over too soon, or the last step without the effect the run was for), True if the run is
        complete, None if it goes on."""
        last = self.done
        if last and self.expect_effect is not None:
            ok = self.expect_effect in step.events
        else:  # a move is made to move; a last action with no effect expected is a try, whatever it does
            ok = MOVED in step.events or (last and action not in MOVE_DELTAS)
        if not ok or (not last and step.terminated):
            return False
        return True if last else None


def exploring(actions: list, reason: str) -> Run:
    """A run that belongs to no skill."""
    return Run(actions, None, "explore", reason, None)
