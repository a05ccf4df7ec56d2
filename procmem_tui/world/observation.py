"""What a player or an agent sees after each step: the one value agents are given (DESIGN.md, What an agent sees).

An :class:`Observation` holds the cells in sight, each as a kind (``floor``, ``wall``, ``box``, ``key``, ``door``,
``goal``) and a letter where there is one (keys ``a``–``f``, doors ``A``–``F``); the observer's position; the key
letters it holds; which doors in sight stand open; the last step's reward; whether the episode ended (reached a
terminal state) or was cut off; the steps taken and the step budget. Nothing else: not the level's headers, not its
rules, not event names, not cells out of sight. A key that was picked up is floor from then on.

Kinds are labels of what a cell looks like (its glyph category), not what it does: an agent that is given an
observation has to find out by acting what blocks, what can be picked up and what opens.

Sight (``view``): ``None`` shows every cell; a radius ``N`` shows the cells that :func:`visible_cells` finds in
sight (``world/sight.py``). Remembering what was seen before is the observer's business, never the world's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from procmem_tui.world.level import Level, Pos

FLOOR, WALL, BOX, GOAL, KEY, DOOR = "floor", "wall", "box", "goal", "key", "door"
KINDS = (FLOOR, WALL, BOX, GOAL, KEY, DOOR)


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as it looks: a kind and, for keys and doors, a letter (lower case for keys, capital for doors)."""

    kind: str
    letter: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.letter}" if self.letter else self.kind


@dataclass(frozen=True, slots=True)
class Observation:
    """One step's view of the world. ``cells`` maps each cell in sight to how it looks (read-only)."""

    width: int
    height: int
    cells: Mapping[Pos, Cell]
    pos: Pos
    held: frozenset[str]
    opened: frozenset[Pos]
    reward: float = 0.0
    terminated: bool = False
    truncated: bool = False
    steps: int = 0
    max_steps: int = 0
    in_sight: frozenset[Pos] | None = field(default=None, compare=False)

    @property
    def done(self) -> bool:
        return self.terminated or self.truncated

    @property
    def full_view(self) -> bool:
        """True when every cell of the level is in sight (no fog)."""
        return len(self.cells) == self.width * self.height

    def at(self, pos: Pos) -> Cell | None:
        """How ``pos`` looks now, or None when it is out of sight (or off the grid)."""
        return self.cells.get(pos)


_BASE_CACHE: dict[int, tuple[Level, dict[Pos, Cell]]] = {}
_CELLS = {kind: Cell(kind) for kind in (FLOOR, WALL, BOX, GOAL)}


def level_cells(level: Level) -> dict[Pos, Cell]:
    """How every cell of ``level`` looks at its start (the start cell is floor). Cached per level object."""
    cached = _BASE_CACHE.get(id(level))
    if cached is not None and cached[0] is level:
        return cached[1]
    cells: dict[Pos, Cell] = {}
    for y in range(level.height):
        for x in range(level.width):
            cells[(x, y)] = _CELLS[FLOOR]
    for pos in level.walls:
        cells[pos] = _CELLS[WALL]
    for pos in level.boxes:
        cells[pos] = _CELLS[BOX]
    for pos in level.goals:
        cells[pos] = _CELLS[GOAL]
    for pos, letter in level.keys.items():
        cells[pos] = Cell(KEY, letter)
    for pos, letter in level.doors.items():
        cells[pos] = Cell(DOOR, letter)
    if len(_BASE_CACHE) > 256:
        _BASE_CACHE.clear()
    _BASE_CACHE[id(level)] = (level, cells)
    return cells


def observe(
    level: Level,
    state,
    reward: float = 0.0,
    terminated: bool = False,
    truncated: bool = False,
    view: int | None = None,
) -> Observation:
    """The observation of ``state`` (a :class:`~procmem_tui.world.gridworld.State`) on ``level`` with sight
    radius ``view`` (None: the whole level)."""
    base = level_cells(level)
    if view is None:
        cells = dict(base)
        for pos in state.taken:
            cells[pos] = _CELLS[FLOOR]
        in_sight = None
        opened = frozenset(state.opened)
    else:
        from procmem_tui.world.sight import visible_cells

        in_sight = visible_cells(level, state, view)
        taken = state.taken
        cells = {pos: (_CELLS[FLOOR] if pos in taken else base[pos]) for pos in in_sight}
        opened = frozenset(pos for pos in state.opened if pos in in_sight)
    return Observation(
        width=level.width,
        height=level.height,
        cells=MappingProxyType(cells),
        pos=state.pos,
        held=frozenset(state.keys),
        opened=opened,
        reward=reward,
        terminated=terminated,
        truncated=truncated,
        steps=state.steps,
        max_steps=level.max_steps,
        in_sight=in_sight,
    )
