"""The rules of ``GridWorld.step`` for N worlds at once, as numpy array operations (no per-world Python loop).

Why: a learner needs hundreds of millions of steps; one ``GridWorld`` steps ~0.5M/s through Python, N worlds
stepped as arrays go ~50x faster. ``GridWorld.step`` stays the one definition of the rules; a differential test
(tests/unit/world/test_batched_differential.py) pins this module to it state by state, reward by reward.

Each world is a row of one flat cell table, ``H * W + 1`` cells: the level in file order (row 0 is the top
row, the highest y; cell (x, y) at ``(H - 1 - y) * W + x``) and one wall cell at the end that every move off
the grid looks at, so off the grid and into a wall are both ``bumped`` with no bounds check, and the first
``H * W`` cells are the observation grid as they lie. A cell holds the Gymnasium observation code of what lies
there (:data:`FLOOR` 0, :data:`WALL` 1, :data:`BOX` 2, :data:`GOAL` 3, key ``10 + letter``, closed door
``20 + letter``, open door ``30 + letter``; letter 0–5 is a–f), so taking a key writes 0 and opening a door adds
10: the table *is* the world's taken keys and opened doors. Beside the table, per world: the agent's position
(an index into the whole flat table, world ``n`` owning ``[n * C, (n + 1) * C)``), the held keys as a 6-bit
mask (bit ``i`` for letter ``"abcdef"[i]``), the step count and the step limit, and the level's rules as an
"opens" table: ``opens[n, d]`` is the bit mask of the keys that open a door of letter ``d``, with
``consumes[n]`` for ``keys: consumed``, and ``prefer[n, d]`` the bit of the key a door of letter ``d`` uses
first. The key a door uses follows ``Rules.key_for``: the preferred key if held (its own letter under
``doors: any``), else the alphabetically first held key that opens it (the lowest set bit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from procmem_tui.world.actions import (
    ACTIONS,
    DOOR_REWARD,
    DOOR_SEARCH_ORDER,
    GOAL_REWARD,
    KEY_REWARD,
    MOVE_DELTAS,
    STEP_REWARD,
    Action,
)
from procmem_tui.world.gridworld import State
from procmem_tui.world.level import KEY_LETTERS, Level
from procmem_tui.world.rules import Rules

FLOOR, WALL, BOX, GOAL = 0, 1, 2, 3
KEY, CLOSED_DOOR, OPEN_DOOR = 10, 20, 30  # + letter index 0–5
CODES = 64  # cell codes are < CODES
LETTERS = len(KEY_LETTERS)

# Event codes of one batched step, in the order of ``EVENTS``.
MOVED, BUMPED, NO_EFFECT, KEY_PICKED, DOOR_OPENED, GOAL_REACHED, RESET = range(7)
EVENTS: tuple[tuple[str, ...], ...] = (
    ("moved",), ("bumped",), ("no_effect",), ("key_picked",), ("door_opened",), ("moved", "goal_reached"), (),
)
"""The ``GridWorld.step`` events of each event code (RESET: a world that was just reset, no step taken)."""

REWARDS = np.array(
    [STEP_REWARD, STEP_REWARD, STEP_REWARD, KEY_REWARD, DOOR_REWARD, GOAL_REWARD, 0.0], dtype=np.float64
)
_PICK, _OPEN = ACTIONS.index(Action.PICKUP_KEY), ACTIONS.index(Action.OPEN_DOOR)


def opens_table(rules: Rules) -> np.ndarray:
    """The rules as a (6 keys, 6 doors) boolean table: ``[k, d]`` when key ``k`` may open door ``d``.

    Read from ``Rules.key_order``, the one definition of the door rule (matching, any, ``opens:`` pairings)."""
    table = np.zeros((LETTERS, LETTERS), dtype=bool)
    for d, door in enumerate(KEY_LETTERS):
        for key in rules.key_order(door):
            table[KEY_LETTERS.index(key), d] = True
    return table


def door_masks(rules: Rules) -> tuple[np.ndarray, np.ndarray]:
    """Per door letter: the bit mask of the keys that open it, and the bit of its preferred key.

    A door uses its preferred key (``key_order``'s first) if held, else the alphabetically first held key that
    opens it: ``Rules.key_for`` for every rule it knows, whose orders are a first key then the rest in
    alphabetical order. A rule whose order is not of that form is refused here rather than stepped wrongly."""
    table = opens_table(rules)
    opens = (table.astype(np.uint8) << np.arange(LETTERS, dtype=np.uint8)[:, None]).sum(axis=0).astype(np.uint8)
    prefer = np.zeros(LETTERS, dtype=np.uint8)
    for d, door in enumerate(KEY_LETTERS):
        order = rules.key_order(door)
        if list(order[1:]) != sorted(order[1:]):
            raise ValueError(f"the batched step cannot follow the key order {order} of door {door.upper()}")
        if order:
            prefer[d] = 1 << KEY_LETTERS.index(order[0])
    return opens, prefer


@dataclass(frozen=True)
class Layouts:
    """Levels of one size compiled to arrays: what a world copies when it is reset onto one of them."""

    height: int
    width: int
    cells: np.ndarray  # (P, H * W + 1) int8, the last cell a wall
    start: np.ndarray  # (P,) intp, index in a world's table
    max_steps: np.ndarray  # (P,) int32
    opens: np.ndarray  # (P, 7) uint8: door_masks' opens per door letter, and 0 in a last column ("no door")
    prefer: np.ndarray  # (P, 7) uint8: door_masks' preferred key bit per door letter
    consumes: np.ndarray  # (P,) bool

    def __len__(self) -> int:
        return len(self.start)


def cell_index(width: int, height: int, pos: tuple[int, int]) -> int:
    """Index of cell (x, y) in a world's table (row 0 is the top row)."""
    x, y = pos
    return (height - 1 - y) * width + x


def compile_levels(levels: Sequence[Level]) -> Layouts:
    """The arrays of levels that share one size (ValueError otherwise)."""
    if not levels:
        raise ValueError("compile_levels needs at least one level")
    h, w = levels[0].height, levels[0].width
    cells = np.full((len(levels), h * w + 1), FLOOR, dtype=np.int8)
    cells[:, -1] = WALL
    start = np.empty(len(levels), dtype=np.intp)
    max_steps = np.empty(len(levels), dtype=np.int32)
    opens = np.zeros((len(levels), LETTERS + 1), dtype=np.uint8)
    prefer = np.zeros((len(levels), LETTERS + 1), dtype=np.uint8)
    consumes = np.empty(len(levels), dtype=bool)
    for p, level in enumerate(levels):
        if (level.height, level.width) != (h, w):
            raise ValueError(f"level {level.name!r} is {level.width}x{level.height}, the others {w}x{h}")
        row = cells[p]
        for kind, positions in ((WALL, level.walls), (BOX, level.boxes), (GOAL, level.goals)):
            for pos in positions:
                row[cell_index(w, h, pos)] = kind
        for pos, letter in level.keys.items():
            row[cell_index(w, h, pos)] = KEY + KEY_LETTERS.index(letter)
        for pos, letter in level.doors.items():
            row[cell_index(w, h, pos)] = CLOSED_DOOR + KEY_LETTERS.index(letter.lower())
        start[p] = cell_index(w, h, level.start)
        max_steps[p] = level.max_steps
        opens[p, :LETTERS], prefer[p, :LETTERS] = door_masks(level.rules)
        consumes[p] = level.rules.consumes
    return Layouts(h, w, cells, start, max_steps, opens, prefer, consumes)


def _event_table() -> np.ndarray:
    """``[action * CODES + code]``: the event of an action on the cell it looks at (the target of a move, the
    agent's own cell otherwise), before the held-key checks of pickup and open (done on the few candidates)."""
    table = np.full(len(ACTIONS) * CODES, NO_EFFECT, dtype=np.int8)
    passable = [FLOOR, *(KEY + i for i in range(LETTERS)), *(OPEN_DOOR + i for i in range(LETTERS))]
    for a, action in enumerate(ACTIONS):
        row = table[a * CODES:(a + 1) * CODES]
        if action in MOVE_DELTAS:
            row[:] = BUMPED
            row[passable] = MOVED
            row[GOAL] = GOAL_REACHED
        elif a == _PICK:
            row[KEY:KEY + LETTERS] = KEY_PICKED
    return table


_EVENT_OF = _event_table()
_BIT = (1 << np.arange(LETTERS + 1)).astype(np.uint8)
_CLOSED_DOOR_LETTER = np.full(CODES, LETTERS, dtype=np.intp)
_CLOSED_DOOR_LETTER[CLOSED_DOOR:CLOSED_DOOR + LETTERS] = np.arange(LETTERS)
_INVENTORY = ((np.arange(1 << LETTERS)[:, None] >> np.arange(LETTERS)) & 1).astype(np.int8)


class BatchedWorlds:
    """N worlds of one size stepped together. ``reset_worlds`` puts worlds on layouts, ``step`` moves them all.

    The arrays are public and read-only for callers: ``cells`` (N, C) int8, ``pos`` (N,) flat index into
    ``cells.ravel()``, ``held`` (N,) uint8 bit mask, ``steps`` and ``max_steps`` (N,) int32, ``opens`` and
    ``prefer`` (N, 7) uint8 (a 7th, zero column for "no door"), ``consumes`` (N,) bool. A finished world keeps
    stepping until it is reset: callers reset it (``reset_worlds``), as the vector env's autoreset does.
    """

    def __init__(self, num_worlds: int, layouts: Layouts, slots: np.ndarray | None = None) -> None:
        """N worlds on ``layouts``: world i on layout ``slots[i]`` (default ``i % len(layouts)``)."""
        if num_worlds < 1:
            raise ValueError(f"num_worlds must be at least 1, not {num_worlds}")
        n, h, w = num_worlds, layouts.height, layouts.width
        self.num_worlds, self.height, self.width = n, h, w
        self.cells_per_world = c = h * w + 1
        self.cells = np.empty((n, c), dtype=np.int8)
        self._flat = self.cells.reshape(-1)
        self.base = np.arange(n, dtype=np.intp) * c
        self.pos = np.zeros(n, dtype=np.intp)
        self.held = np.zeros(n, dtype=np.uint8)
        self.steps = np.zeros(n, dtype=np.int32)
        self.max_steps = np.zeros(n, dtype=np.int32)
        self.opens = np.zeros((n, LETTERS + 1), dtype=np.uint8)
        self._opens_flat = self.opens.reshape(-1)
        self.prefer = np.zeros((n, LETTERS + 1), dtype=np.uint8)
        self._prefer_flat = self.prefer.reshape(-1)
        self.consumes = np.zeros(n, dtype=bool)
        # _next[a * c + i]: the cell action a looks at from cell i (a move's target, the wall cell c - 1 off the
        # grid; i itself for pickup and open); _around[:, i]: the neighbours of i in DOOR_SEARCH_ORDER.
        off_grid = c - 1

        def neighbour(i: int, d: tuple[int, int]) -> int:
            x, y = i % w + d[0], (h - 1 - i // w) + d[1]
            return cell_index(w, h, (x, y)) if 0 <= x < w and 0 <= y < h else off_grid

        inside = range(c - 1)
        self._next = np.array(
            [[neighbour(i, MOVE_DELTAS[a]) if a in MOVE_DELTAS else i for i in inside] + [off_grid] for a in ACTIONS],
            dtype=np.intp,
        ).reshape(-1)
        self._around = np.array([[neighbour(i, d) for i in inside] + [off_grid] for d in DOOR_SEARCH_ORDER],
                                dtype=np.intp).T.copy()
        worlds = np.arange(n, dtype=np.intp)
        self.reset_worlds(worlds, layouts, worlds % len(layouts) if slots is None else np.asarray(slots))

    def reset_worlds(self, worlds: np.ndarray, layouts: Layouts, slots: np.ndarray) -> None:
        """Put ``worlds[i]`` at the start of layout ``slots[i]``: its cells copied, nothing held, step 0."""
        if (layouts.height, layouts.width) != (self.height, self.width):
            raise ValueError("layouts of another size")
        self.cells[worlds] = layouts.cells[slots]
        self.pos[worlds] = self.base[worlds] + layouts.start[slots]
        self.held[worlds] = 0
        self.steps[worlds] = 0
        self.max_steps[worlds] = layouts.max_steps[slots]
        self.opens[worlds] = layouts.opens[slots]
        self.prefer[worlds] = layouts.prefer[slots]
        self.consumes[worlds] = layouts.consumes[slots]

    def step(self, actions: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """One action per world (ints 0–5, unchecked). Returns ``(event, reward, terminated, truncated)``."""
        flat = self._flat
        actions = actions.astype(np.intp, copy=False)
        local = self.pos - self.base
        target = self._next.take(actions * self.cells_per_world + local)
        target += self.base
        look = flat.take(target)
        event = _EVENT_OF.take((actions << 6) | look)
        self.pos = np.where(event == BUMPED, self.pos, target)
        picks = np.flatnonzero(event == KEY_PICKED)
        if len(picks):
            self._pick(picks, look[picks], event)
        opens = np.flatnonzero((actions == _OPEN) & (self.held != 0))
        if len(opens):
            self._open(opens, event)
        reward = REWARDS.take(event)
        terminated = event == GOAL_REACHED
        self.steps += 1
        truncated = self.steps >= self.max_steps
        truncated &= ~terminated
        return event, reward, terminated, truncated

    def _pick(self, worlds: np.ndarray, codes: np.ndarray, event: np.ndarray) -> None:
        bit = _BIT[codes - KEY]
        held = self.held[worlds]
        new = (held & bit) == 0
        event[worlds[~new]] = NO_EFFECT
        worlds, bit = worlds[new], bit[new]
        self.held[worlds] = held[new] | bit
        self._flat[self.pos[worlds]] = FLOOR

    def _open(self, worlds: np.ndarray, event: np.ndarray) -> None:
        base = self.base[worlds]
        neighbours = self._around.take(self.pos[worlds] - base, axis=0)  # (k, 4) in DOOR_SEARCH_ORDER
        neighbours += base[:, None]
        letter = _CLOSED_DOOR_LETTER.take(self._flat.take(neighbours))  # LETTERS where there is no closed door
        held = self.held[worlds]
        usable = self._opens_flat.take(letter + (worlds * (LETTERS + 1))[:, None]) & held[:, None]
        found = usable != 0
        rows = np.flatnonzero(found.any(axis=1))
        if not len(rows):
            return
        which = found[rows].argmax(axis=1)  # the first side, in search order, with a door a held key opens
        worlds = worlds[rows]
        door, door_letter, keys = neighbours[rows, which], letter[rows, which], usable[rows, which]
        first = self._prefer_flat.take(worlds * (LETTERS + 1) + door_letter)
        lowest = keys & (~keys + np.uint8(1))  # the lowest set bit: the alphabetically first key
        used = np.where((keys & first) != 0, first, lowest)
        self.held[worlds] = np.where(self.consumes[worlds], held[rows] & ~used, held[rows])
        self._flat[door] += OPEN_DOOR - CLOSED_DOOR
        event[worlds] = DOOR_OPENED

    # -- views ----------------------------------------------------------------------------------------------

    def grids(self, worlds: np.ndarray | None = None) -> np.ndarray:
        """The observation grids (N, H, W) int8 (or those of ``worlds``): the cells without the border, the
        agent drawn as 4, row 0 the top row."""
        h, w = self.height, self.width
        cells, pos, base = self.cells, self.pos, self.base
        if worlds is not None:
            cells, pos, base = cells[worlds], pos[worlds], base[worlds]
        n = len(pos)
        out = np.array(cells[:, :-1], copy=True).reshape(n, h, w)  # always a copy, never a view of the table
        out.reshape(-1)[np.arange(n, dtype=np.intp) * (h * w) + (pos - base)] = 4
        return out

    def inventories(self, worlds: np.ndarray | None = None) -> np.ndarray:
        """The held keys (N, 6) int8 (or those of ``worlds``), 1 where ``"abcdef"[i]`` is held."""
        return _INVENTORY.take(self.held if worlds is None else self.held[worlds], axis=0)

    def position(self, world: int) -> tuple[int, int]:
        row, col = divmod(int(self.pos[world] - self.base[world]), self.width)
        return col, self.height - 1 - row

    def state_of(self, world: int, level: Level) -> State:
        """World ``world`` as a ``GridWorld`` state of ``level`` (the level it was reset onto)."""
        cells = self.cells[world]
        w, h = self.width, self.height
        keys = frozenset(KEY_LETTERS[i] for i in range(LETTERS) if self.held[world] >> i & 1)
        opened = frozenset(p for p in level.doors if cells[cell_index(w, h, p)] >= OPEN_DOOR)
        taken = frozenset(p for p in level.keys if cells[cell_index(w, h, p)] == FLOOR)
        return State(self.position(world), keys, opened, taken, int(self.steps[world]))
