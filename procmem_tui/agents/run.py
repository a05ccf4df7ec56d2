"""What the agent is doing between decisions: a skill (or an exploration intent) expanded into primitive actions.

The agent acts one primitive action per ``act`` even inside a skill, so a run remembers where it is and what it
expects; a step that does not do what was expected ends it early, and the agent decides again.
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.agents.base import Decision
from procmem_tui.agents.explain import EXPLORED
from procmem_tui.world import Action, Step
from procmem_tui.world.actions import DOOR_OPENED, KEY_PICKED, MOVED

_EXPECTED = {Action.PICKUP_KEY: KEY_PICKED, Action.OPEN_DOOR: DOOR_OPENED}


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
        """After ``action`` led to ``step``: False if it went wrong (the wrong event, the episode over too soon, or
        the last step without the effect the run was for), True if the run is complete, None if it goes on."""
        last = self.done
        ok = _EXPECTED.get(action, MOVED) in step.events and (
            not last or self.expect_effect is None or self.expect_effect in step.events)
        if not ok or (not last and step.terminated):
            return False
        return True if last else None


def exploring(actions: list, reason: str) -> Run:
    """A run that belongs to no skill."""
    return Run(actions, None, "explore", reason, None)
