"""Stand-ins for what the shortcut and the questions read, shared by the tests that pin them: a ground that knows
the usual world, and the beliefs ``kind_vote`` reads."""

from __future__ import annotations

from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features

DOOR_UNIT = ("open_door", BESIDE, "door")
OPENED, SHUT = Outcome(object="opened", reward=2.0), Outcome()


class Learned:
    """A ground as a model that has learned the usual world would give: walls and closed doors block, a goal
    ends the walk (the path lengths are what these tests pin, not the learning)."""

    def __init__(self, level) -> None:
        self.level = level

    def passable(self, pos, state) -> bool:
        level = self.level
        return level.in_bounds(pos) and pos not in level.walls and (pos not in level.doors or pos in state.opened)

    def ends(self, pos, state) -> bool:
        return pos in self.level.goals


class VoteBeliefs:
    """What ``kind_vote`` reads of the agent's beliefs: the model (fed ``(letter, held, outcome)`` tries of opening a
    door), the level, a memo that keeps nothing (every vote asked anew)."""

    def __init__(self, *seen) -> None:
        self.model, self.level = WorldModel(), "here"
        for letter, held, outcome in seen:
            self.model.learn(DOOR_UNIT, features(letter, False, frozenset(held)), outcome, "here")

    def memo(self, key, make):
        return make()
