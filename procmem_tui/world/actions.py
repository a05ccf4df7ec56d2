"""The six primitive actions, with the tutorial's names, and the event names steps report."""

from __future__ import annotations

from enum import Enum


class Action(str, Enum):
    """A primitive action; its value is the tutorial's name for it."""

    MOVE_UP = "move_up"
    MOVE_DOWN = "move_down"
    MOVE_LEFT = "move_left"
    MOVE_RIGHT = "move_right"
    PICKUP_KEY = "pickup_key"
    OPEN_DOOR = "open_door"

    @classmethod
    def _missing_(cls, value: object) -> "Action":
        valid = ", ".join(a.value for a in cls)
        raise ValueError(f"unknown action {value!r}; valid actions are: {valid}")

    @property
    def index(self) -> int:
        return ACTION_INDEX[self]

    def __str__(self) -> str:
        return self.value


ACTIONS: tuple[Action, ...] = tuple(Action)
ACTION_INDEX: dict[Action, int] = {a: i for i, a in enumerate(ACTIONS)}
MOVES: tuple[Action, ...] = (Action.MOVE_UP, Action.MOVE_DOWN, Action.MOVE_LEFT, Action.MOVE_RIGHT)

# y grows upward: move_up adds 1 to y.
MOVE_DELTAS: dict[Action, tuple[int, int]] = {
    Action.MOVE_UP: (0, 1),
    Action.MOVE_DOWN: (0, -1),
    Action.MOVE_LEFT: (-1, 0),
    Action.MOVE_RIGHT: (1, 0),
}

# The order in which open_door looks for a door: up, right, down, left.
DOOR_SEARCH_ORDER: tuple[tuple[int, int], ...] = ((0, 1), (1, 0), (0, -1), (-1, 0))

MOVED = "moved"
BUMPED = "bumped"
NO_EFFECT = "no_effect"
KEY_PICKED = "key_picked"
DOOR_OPENED = "door_opened"
GOAL_REACHED = "goal_reached"

STEP_REWARD = -0.1
KEY_REWARD = 1.0
DOOR_REWARD = 2.0
GOAL_REWARD = 10.0

EFFECT_EVENTS = frozenset({KEY_PICKED, DOOR_OPENED, GOAL_REACHED})
