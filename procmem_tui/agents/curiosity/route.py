"""Getting to an experiment within one believed situation: walking where the model expects a move to succeed.

A cell whose move the model does not know is an experiment, never a way through; a move the model expects to end
the episode is not walked through either.
"""

from __future__ import annotations

from procmem_tui.memory import flat_walk
from procmem_tui.memory.flat_walk import OPEN
from procmem_tui.memory.imagine import AHEAD, MOVES, Belief, Imagination, Look, derived, kept_walks
from procmem_tui.world import Action
from procmem_tui.world.actions import MOVE_DELTAS
from procmem_tui.world.observation import FLOOR

Pos = tuple[int, int]
PROBE = Action.MOVE_UP  # any move: the model files the four moves as one action
FLOOR_LOOK = Look(FLOOR, "", False)
_ORDER = tuple(MOVE_DELTAS[action] for action in MOVES)
_DELTA_ACTION = {delta: action for action, delta in MOVE_DELTAS.items()}


def walk(im: Imagination, looks: dict, b: Belief, parents: bool = True) -> tuple[dict, dict | None]:
    """Distances and parents (the cell each is reached from; ``path`` reads the moves off them) of the cells the
    agent believes it can walk to from ``b`` (``looks``: the seen
    cells' looks with nothing opened or gone, ``base_looks`` of the imagination's map). Each look is asked of
    the model once per keys held; the walk runs on flat cell flags (``memory.flat_walk``), trying the moves in
    ``MOVES`` order, so ties between paths resolve as they always did; without ``parents``, only the distances.
    Walks are kept across decisions by their flags and origin (``imagine.kept_walks``): read them, never change them."""
    grid, flags = _belief_flags(im, looks, b)
    return kept_walks(im.model, im.map).walk(grid, flags, b.pos, parents, _ORDER)


def steps_to(im: Imagination, looks: dict, b: Belief, targets) -> dict:
    """The steps ``walk`` gives from ``b`` to each of ``targets`` it reaches, found without walking the whole map."""
    grid, flags = _belief_flags(im, looks, b)
    return flat_walk.steps_to(grid, flags, b.pos, targets, _ORDER)


def _belief_flags(im: Imagination, looks: dict, b: Belief) -> tuple:
    """The walk's flags in situation ``b``: the seen cells' flags for the keys held, patched where ``b`` opened or
    took something away."""
    grid, flags = _flags(im, looks, b.held)
    if not b.gone and not b.opened:
        return grid, flags
    return grid, im.kept(("situation flags", id(looks), b.held, b.opened, b.gone),
                         lambda: _patched(im, looks, b, grid, flags))


def _patched(im: Imagination, looks: dict, b: Belief, grid, flags: bytearray) -> bytearray:
    """``flags`` patched where ``b`` opened or took something away (kept per keys held, openings and objects gone
    for the decision: its situations differ mostly in where the agent stands)."""
    changed = [pos for pos in b.gone | b.opened if pos in looks]
    if changed:
        flags = bytearray(flags)
        patched = im.kept(("patched flags", b.held), dict)  # (base look, gone) -> flag: few, asked per situation
        for pos in changed:
            key = (looks[pos], pos in b.gone)
            flag = patched.get(key)
            if flag is None:
                lk = FLOOR_LOOK if key[1] else key[0]._replace(open=True)
                flag = patched[key] = OPEN if _walkable(im, lk, b.held) else 0
            flags[grid.index(pos)] = flag
    return flags


def _walkable(im: Imagination, lk: Look, held) -> bool:
    pred = im.predict(PROBE, AHEAD, lk, held)
    return pred.known and pred.outcome.moved and not pred.outcome.ended


def _flags(im: Imagination, looks: dict, held) -> tuple:
    """The flags of the seen cells with nothing opened or gone, for keys ``held``: each cell's look numbered once
    per map, then one byte translation per keys held."""
    _, grid, numbers, kinds = derived(im.map, ("route looks", id(looks)), lambda: _numbered(im, looks))  # holds it

    def translate() -> bytearray:
        table = bytearray(256)
        for n, lk in enumerate(kinds, 1):
            table[n] = OPEN if _walkable(im, lk, held) else 0
        return numbers.translate(table)
    return grid, im.kept(("route flags", id(looks), held), translate)


def _numbered(im: Imagination, looks: dict) -> tuple:
    grid = flat_walk.layout(im.map.width, im.map.height)
    numbers = bytearray(grid.size)
    kinds: dict = {}
    for pos, lk in looks.items():
        numbers[grid.index(pos)] = kinds.setdefault(lk, len(kinds) + 1)
    if len(kinds) > 255:
        raise ValueError("more than 255 looks of cell on one map")
    return looks, grid, numbers, list(kinds)


def path(parent: dict, cell: Pos) -> list:
    """The moves from the walk's start to ``cell`` (only for the route an experiment takes: a walk's parents are
    not turned into moves until one is asked for)."""
    moves = []
    while parent[cell] is not None:
        before = parent[cell]
        moves.append(_DELTA_ACTION[(cell[0] - before[0], cell[1] - before[1])])
        cell = before
    return moves[::-1]
