"""The rules of the world, in one place: ``GridWorld.step`` is the only code that changes a state.

The level's :class:`~procmem_tui.world.rules.Rules` decide which held key opens a door and whether it is used up;
in every variant a key whose letter is already held is not picked up (``no_effect``; it stays where it lies).
"""

from __future__ import annotations

from typing import NamedTuple

from procmem_tui.world.actions import (
    ACTIONS,
    BUMPED,
    DOOR_OPENED,
    DOOR_REWARD,
    DOOR_SEARCH_ORDER,
    GOAL_REACHED,
    GOAL_REWARD,
    KEY_PICKED,
    KEY_REWARD,
    MOVE_DELTAS,
    MOVED,
    NO_EFFECT,
    STEP_REWARD,
    Action,
)
from procmem_tui.world.level import Level, Pos

EMPTY: frozenset = frozenset()

# Cell kinds in the flat lookup table (index y * width + x).
FLOOR, WALL, BOX, GOAL, KEY, DOOR = range(6)


class State(NamedTuple):
    """Everything that changes during an episode. Immutable and hashable (a NamedTuple for speed).

    ``keys`` are the letters held; ``taken`` the key cells emptied; ``opened`` the open door cells.
    """

    pos: Pos
    keys: frozenset[str] = EMPTY
    opened: frozenset[Pos] = EMPTY
    taken: frozenset[Pos] = EMPTY
    steps: int = 0


class Step(NamedTuple):
    """What one action did, in Gymnasium's terms."""

    state: State
    reward: float
    terminated: bool
    truncated: bool
    events: tuple[str, ...]


_EV_MOVED = (MOVED,)
_EV_BUMPED = (BUMPED,)
_EV_NONE = (NO_EFFECT,)
_EV_KEY = (KEY_PICKED,)
_EV_DOOR = (DOOR_OPENED,)
_EV_GOAL = (MOVED, GOAL_REACHED)
_CODE = {a: i for i, a in enumerate(ACTIONS)}
_MOVE_DELTA_BY_CODE = tuple(MOVE_DELTAS.get(a) for a in ACTIONS)
_PICKUP, _OPEN = _CODE[Action.PICKUP_KEY], _CODE[Action.OPEN_DOOR]


class _Tables:
    """Per-level lookup tables, built once and shared (read-only) by every clone."""

    __slots__ = ("width", "height", "kind", "letter", "max_steps", "rules")

    def __init__(self, level: Level) -> None:
        w, h = level.width, level.height
        kind = [FLOOR] * (w * h)
        letter = [""] * (w * h)
        for (x, y) in level.walls:
            kind[y * w + x] = WALL
        for (x, y) in level.boxes:
            kind[y * w + x] = BOX
        for (x, y) in level.goals:
            kind[y * w + x] = GOAL
        for (x, y), ch in level.keys.items():
            kind[y * w + x] = KEY
            letter[y * w + x] = ch
        for (x, y), ch in level.doors.items():
            kind[y * w + x] = DOOR
            letter[y * w + x] = ch.lower()
        self.width, self.height = w, h
        self.kind = tuple(kind)
        self.letter = tuple(letter)
        self.max_steps = level.max_steps
        self.rules = level.rules


def action_code(action: Action | str | int) -> int:
    """Index 0–5 of an action given as an Action, its name, or its index."""
    if isinstance(action, int) and not isinstance(action, bool):
        if 0 <= action < len(ACTIONS):
            return action
        raise ValueError(f"action index {action} is out of range 0–{len(ACTIONS) - 1}")
    try:
        return _CODE[action]
    except (KeyError, TypeError):
        return _CODE[Action(action)]


class GridWorld:
    """One level being played: ``reset()``, then ``step(action)`` until terminated or truncated."""

    __slots__ = ("level", "_t", "state", "done")

    def __init__(self, level: Level, state: State | None = None) -> None:
        self.level = level
        self._t = _Tables(level)
        self.state = state if state is not None else State(level.start)
        self.done = False

    def reset(self, state: State | None = None) -> State:
        """Back to the level's start, or to a given state (to replay or take over from it)."""
        self.state = state if state is not None else State(self.level.start)
        self.done = False
        return self.state

    def clone(self) -> "GridWorld":
        """An independent copy: states are immutable and the tables are read-only, so nothing is shared mutably."""
        twin = object.__new__(GridWorld)
        twin.level, twin._t, twin.state, twin.done = self.level, self._t, self.state, self.done
        return twin

    def step(self, action: Action | str | int) -> Step:
        if self.done:
            raise RuntimeError("the episode is over; call reset() first")
        code = _CODE.get(action) if not isinstance(action, int) else None
        if code is None:
            code = action_code(action)
        t = self._t
        s = self.state
        x, y = s.pos
        steps = s.steps + 1
        reward = STEP_REWARD
        terminated = False
        delta = _MOVE_DELTA_BY_CODE[code]
        if delta is not None:
            nx, ny = x + delta[0], y + delta[1]
            if 0 <= nx < t.width and 0 <= ny < t.height:
                kind = t.kind[ny * t.width + nx]
                if kind == WALL or kind == BOX or (kind == DOOR and (nx, ny) not in s.opened):
                    events = _EV_BUMPED
                    new = State(s.pos, s.keys, s.opened, s.taken, steps)
                elif kind == GOAL:
                    events, reward, terminated = _EV_GOAL, GOAL_REWARD, True
                    new = State((nx, ny), s.keys, s.opened, s.taken, steps)
                else:
                    events = _EV_MOVED
                    new = State((nx, ny), s.keys, s.opened, s.taken, steps)
            else:
                events = _EV_BUMPED
                new = State(s.pos, s.keys, s.opened, s.taken, steps)
        elif code == _PICKUP:
            i = y * t.width + x
            if t.kind[i] == KEY and s.pos not in s.taken and t.letter[i] not in s.keys:
                events, reward = _EV_KEY, KEY_REWARD
                new = State(s.pos, s.keys | {t.letter[i]}, s.opened, s.taken | {s.pos}, steps)
            else:
                events = _EV_NONE
                new = State(s.pos, s.keys, s.opened, s.taken, steps)
        else:
            events = _EV_NONE
            new = State(s.pos, s.keys, s.opened, s.taken, steps)
            if s.keys:
                for dx, dy in DOOR_SEARCH_ORDER:
                    nx, ny = x + dx, y + dy
                    if 0 <= nx < t.width and 0 <= ny < t.height:
                        i = ny * t.width + nx
                        if t.kind[i] != DOOR or (nx, ny) in s.opened:
                            continue
                        used = t.rules.key_for(t.letter[i], s.keys)
                        if used is not None:
                            keys = s.keys - {used} if t.rules.consumes else s.keys
                            events, reward = _EV_DOOR, DOOR_REWARD
                            new = State(s.pos, keys, s.opened | {(nx, ny)}, s.taken, steps)
                            break
        truncated = not terminated and steps >= t.max_steps
        self.state = new
        self.done = terminated or truncated
        return Step(new, reward, terminated, truncated, events)

    # Read-only queries used by agents, renderers and the Gymnasium face.

    def cell_kind(self, pos: Pos) -> int:
        x, y = pos
        return self._t.kind[y * self._t.width + x]

    def key_at(self, pos: Pos, state: State | None = None) -> str | None:
        """The key letter lying at pos in this state (None once taken)."""
        s = state or self.state
        letter = self.level.keys.get(pos)
        return None if letter is None or pos in s.taken else letter

    def door_at(self, pos: Pos) -> str | None:
        letter = self.level.doors.get(pos)
        return letter

    def is_open(self, pos: Pos, state: State | None = None) -> bool:
        return pos in (state or self.state).opened

    def passable(self, pos: Pos, state: State | None = None) -> bool:
        """Whether a move into pos would succeed in this state."""
        if not self.level.in_bounds(pos):
            return False
        kind = self.cell_kind(pos)
        if kind == WALL or kind == BOX:
            return False
        return kind != DOOR or pos in (state or self.state).opened

    def observe(self, step: Step | None = None, view: int | None = None):
        """What a player sees now (:mod:`~procmem_tui.world.observation`): the cells in sight within ``view``
        (None: all), with ``step``'s reward and end flags. The only view of the world agents are given."""
        from procmem_tui.world.observation import observe

        if step is None:
            return observe(self.level, self.state, view=view)
        return observe(self.level, step.state, step.reward, step.terminated, step.truncated, view=view)

    def __str__(self) -> str:
        from procmem_tui.world.text import render_text

        return render_text(self.level, self.state)
