"""Scouting: a plan step whose walk crosses cells never seen, priced by what a blocked walk would really cost.

Under fog the map holds only what was seen; a shorter way may run through cells never seen. Once a route is known, the
hoping planner (``agents/skill_plan.py``) walks such a step on the ``UNSEEN`` ground (``agents/ground.py``: cells never
seen open, every seen cell as the firm ground says). It is a hope: a never-seen cell may block. But a failed walk does
not cost the walk there and back: a blocker is seen when it comes into sight (along a straight stretch of the walk at
most the sight radius long, the radius the map learned from observations; else from the cell next to it), and from there
the agent walks on by what it knows. So the step's **loss** is the worst, over the walk's never-seen cells, of: the
steps to where that cell comes into sight, back to the last cell seen before, and on by the firm ground to a cell the
step's action can be done from, minus the firm walk to the nearest such cell from the start. When the firm ground
reaches none, the loss is the walk to the lookout and back, with the plan's steps before it (as any hope's); where the
step's own action is in doubt, its failure there loses the walk there and back too (``failing``). A walk expected to
shorten its own episode (``shortens``) is no hunch: the hunch budget does not bound it. The run
that follows such a step is dropped, with no blame on its skill, as soon as a cell on its way ahead is seen to block
(``blocked_ahead``): the agent then plans again on what it saw.

Where the walk crosses a seen line of wall that runs on into cells never seen, the next walk after a blocked one tries a
cell beside it: the crossing gets through as often as any cell of the line's never-seen stretch is open (``passes``).
Such a walk is a **search** of the wall's stretch; on a level won, it is weighed over the plays a won level is assumed
to have ahead (``Expectation.horizon``), and waits for the budget the next plays save (``deliberate.waits``). A line of
wall is two blockers in a row that look alike (a box against a wall is none). A stretch is searched only on a level
whose map shows a gap in a wall (``gapped``: a cell a move enters with a line of blockers on each side); where none was
seen (the one way through a wall was a door), the crossing is as likely as its one cell, and a never-seen cell a seen
line heads for through cells never seen (``_heading``) is as likely wall as a cell a line ends beside. Of the shortest
walks through cells never seen, the likeliest is weighed (``agents/likeliest_walk.py``); on a gapped level a cell a
line heads for counts, in that choice only, as likely as a gap along the line's stretch.
"""

from __future__ import annotations

from dataclasses import replace
from math import isqrt
from typing import TYPE_CHECKING

from procmem_tui.agents.expectation import Expectation
from procmem_tui.agents.likeliest_walk import likeliest, walked_through
from procmem_tui.memory.imagine import base_looks
from procmem_tui.memory.paths import neighbours
from procmem_tui.world import Action, State
from procmem_tui.world.actions import MOVE_DELTAS

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.agents.option import Option

_PLAIN = State((0, 0), frozenset())  # nothing held, nothing opened: how the cells look as first seen
RUNS, BETWEEN, BESIDE, CLEAR = "runs", "between", "beside", "clear"  # where a cell stands among the blockers seen near it
_SIDES = ((-1, 0), (1, 0), (0, -1), (0, 1))  # left and right, then down and up


def tree(beliefs: "Beliefs", state: State) -> tuple[dict, dict]:
    """Distances and parents from ``state`` on the ``UNSEEN`` ground, kept until the model or the map changes."""
    key = ("scouting", state.pos, state.keys, state.opened, state.taken)
    return beliefs.memo(key, lambda: _likeliest_tree(beliefs, state))


def _likeliest_tree(beliefs: "Beliefs", state: State) -> tuple[dict, dict]:
    """The walk's distances, with parents chosen so that each cell's walk is the likeliest of the shortest."""
    dist, parent = beliefs.unseen.tree(state)
    if not beliefs.map.unknown():
        return dist, parent
    grid, flags = beliefs.unseen.flags(state)
    return dist, likeliest(dist, parent, lambda cell: _chance(beliefs, cell), walked_through(grid, flags, state.pos))


def _chance(beliefs: "Beliefs", cell) -> float:
    """How likely ``cell`` lets a walk through, for choosing among the shortest walks: 1 if seen (the ground says
    whether it does), else ``_open``'s chance."""
    if cell in beliefs.map.cells:
        return 1.0
    kept = beliefs.memo(("unseen chances", beliefs.model.version, beliefs.map.version), dict)
    found = kept.get(cell)
    if found is None:
        found = kept[cell] = _open(beliefs, cell, block_rates(beliefs), choosing=True)
    return found


def _open(beliefs: "Beliefs", cell, rates: dict, stretch: bool = True, choosing: bool = False) -> float:
    """How likely a walk gets on at the never-seen ``cell``: as often as the seen cells standing as it does are open
    (``standing``), but where a seen line of blockers heads for it through never-seen cells (``_heading``): on a level
    with no gap seen in a wall, no more often than a cell a line ends beside (``RUNS``); on one with a gap seen, the
    walk's chance is the cell's own, and only in ``choosing`` a walk no more than a gap along the line's stretch."""
    kind = standing(beliefs, cell)
    chance = 1.0 - rates[kind]
    if kind == RUNS:
        return chance
    if gapped(beliefs):
        k = _heading(beliefs, cell) if choosing else None
    else:
        k = None if _heading(beliefs, cell) is None else 1
    return chance if k is None else min(chance, 1.0 - rates[RUNS] ** k)


def _heading(beliefs: "Beliefs", cell) -> int | None:
    """Where a seen line of blockers heads for ``cell`` through never-seen cells (along a row or a column, the first
    seen cell blocks and so do the two beyond it, the first two looking alike: a line seen three long, since what it
    says reaches past the cells beside it; the third may look otherwise, as a door in its wall does, so a wall seen
    two cells long up to its door still heads on): how many never-seen cells of that line's stretch, ``cell`` among them, could be
    its gap for a walk across (``_crossable``), at most one look along it (twice the sight radius); the fewest over
    such lines. None where no line heads for it."""
    seen, shut, m = beliefs.map.cells, _blockers(beliefs), beliefs.map
    reach = 2 * max(1, isqrt(m.sight))
    x, y = cell
    best = None
    for dx, dy in _SIDES:
        d = 1
        while m.in_bounds((x + d * dx, y + d * dy)) and (x + d * dx, y + d * dy) not in seen:
            d += 1
        line = [(x + (d + j) * dx, y + (d + j) * dy) for j in range(3)]
        if not all(c in shut for c in line) or seen[line[0]] != seen[line[1]]:
            continue
        k = 1
        for j in range(1, d):
            if k >= reach or not _crossable(m, seen, shut, (x + j * dx, y + j * dy), dx, dy):
                break
            k += 1
        j = 1
        while k < reach and _crossable(m, seen, shut, (x - j * dx, y - j * dy), dx, dy):
            k, j = k + 1, j + 1
        best = k if best is None else min(best, k)
    return best


def options(beliefs: "Beliefs", state: State, dist: dict, before: int) -> list["Option"]:
    """The options reached by walking through cells never seen more cheaply than on the firm ground (``dist``), each
    counted on at the chance that the walk's never-seen cells let it through (``passes``) times the chance of what it
    does there, with its ``loss``; ``before``: the plan's steps before this situation. Only options the model counts on
    once there (a hope about the object itself stays the hopeful ground's). None on a map with no cell left unseen."""
    if not beliefs.map.unknown():
        return []
    near, parent = tree(beliefs, state)
    found = []
    for option in beliefs.options(state, near, hoping=False):
        stand = option.stand
        if stand in dist and dist[stand] <= near[stand]:
            continue
        e = option.expectation
        path = _path(parent, stand)
        chance = passes(beliefs, path)
        lost = failing(chance, loss(beliefs, state, path, _stands(option), dist, before), e.p, before + option.cost)
        found.append(replace(option, expectation=Expectation(
            e.outcome, e.p * chance, "untried", f"walking where never seen, then {e.evidence}", unseen_loss=lost,
            search=chance > passes(beliefs, path, stretch=False))))
    return found


def failing(passes: float, blocked: float, works: float, walk: int) -> float:
    """What a scouting step loses when it fails, either way: its walk blocked (``blocked`` lost, as often as a
    never-seen cell blocks: ``1 − passes``), or its walk through and its action not doing what was counted on
    (``works``: the model's chance of that, below 1 for a step only implied or guessed), which loses the walk there and
    back (``walk``: the plan's steps up to it, its action included), as any hope's failure does. Weighed so that its
    loss times the chance it fails is what it is expected to lose."""
    fails = 1 - passes * works
    if fails <= 0 or works >= 1:
        return blocked
    return ((1 - passes) * blocked + passes * (1 - works) * 2 * walk) / fails


def passes(beliefs: "Beliefs", path: list, stretch: bool = True) -> float:
    """The chance that no never-seen cell of ``path`` blocks, as likely as its least likely cell: a cell blocks as often
    as the seen cells that stand as it does among the blockers seen near them (``standing``) were seen to block on this
    level (``block_rates``), and blockers come in walls, so the cells of one walk are not independent draws (a corridor
    open at one cell is open along it; a walk across a wall is walled where it crosses) — where it crosses a line of
    wall that runs on unseen, as likely as a gap along that line's never-seen stretch (``_through``; ``stretch``
    False: as likely as the crossing cell alone)."""
    rates = block_rates(beliefs)
    seen = beliefs.map.cells
    return min((_through(beliefs, path, i, rates, stretch) for i, cell in enumerate(path) if cell not in seen),
               default=1.0)


def _through(beliefs: "Beliefs", path: list, i: int, rates: dict, stretch: bool = True) -> float:
    """The chance the walk gets on at ``path[i]``, a never-seen cell: as often as cells standing as it does are open
    (``standing``) — but where the walk crosses a seen line of blockers that runs on into the cell (``RUNS``, the
    cells before and after it on either side of that line), as often as any never-seen cell of the line's stretch
    from it is (``_stretch``): blocked there, the agent plans again on what it saw, and a gap beside is the next
    walk's. A walk along the line, or ending in it, needs this very cell."""
    cell = path[i]
    kind = standing(beliefs, cell)
    if kind != RUNS:
        return _open(beliefs, cell, rates, stretch)
    if i == 0 or i + 1 == len(path) or not stretch or not gapped(beliefs):
        return 1.0 - rates[kind]
    k = _stretch(beliefs, cell, path[i - 1], path[i + 1])
    return 1.0 - rates[RUNS] ** k


def _stretch(beliefs: "Beliefs", cell, before, after) -> int:
    """How many never-seen cells, ``cell`` first, a line of blockers that runs on into ``cell`` and that the walk
    ``before`` → ``cell`` → ``after`` crosses may go on through: along the line, while a gap there could be crossed
    (``_crossable``), at most as many as one look along it shows (twice the sight radius). 1 where the walk does not
    cross such a line."""
    seen, shut, m = beliefs.map.cells, _blockers(beliefs), beliefs.map
    reach = 2 * max(1, isqrt(m.sight))
    x, y = cell
    best = 1
    for dx, dy in _SIDES:
        across = {(x + dy, y + dx), (x - dy, y - dx)}  # the two cells beside ``cell`` off the line
        if ({before, after} != across or (x + dx, y + dy) not in shut or (x + 2 * dx, y + 2 * dy) not in shut
                or seen[(x + dx, y + dy)] != seen[(x + 2 * dx, y + 2 * dy)]):
            continue
        k = 1
        while k < reach and _crossable(m, seen, shut, (x - k * dx, y - k * dy), dx, dy):
            k += 1
        best = max(best, k)
    return best


def _crossable(m, seen, shut, cell, dx: int, dy: int) -> bool:
    """Whether ``cell``, on a line of blockers running along (``dx``, ``dy``), could be the line's gap for a walk
    across it: never seen, and the cells on both sides of it off the line inside the level and not seen to block."""
    x, y = cell
    return (m.in_bounds(cell) and cell not in seen
            and all(m.in_bounds(c) and c not in shut for c in ((x + dy, y + dx), (x - dy, y - dx))))


def _blockers(beliefs: "Beliefs") -> frozenset:
    """The seen cells a move is not known to enter, with nothing held, opened or gone (asked once per look)."""
    key = ("blockers", beliefs.model.version, beliefs.map.version)

    def make() -> frozenset:
        looks = base_looks(beliefs.map)
        shut: dict = {}
        for pos, lk in looks.items():
            if lk not in shut:
                shut[lk] = not beliefs.firm.passable(pos, _PLAIN)
        return frozenset(pos for pos, lk in looks.items() if shut[lk])
    return beliefs.memo(key, make)


def standing(beliefs: "Beliefs", cell) -> str:
    """Where ``cell`` stands among the seen cells nearest it along its row and its column (at most the sight radius
    away, itself left out): ``RUNS`` where a line of blockers ends beside it (the cell next to it on a side blocks, and
    so does the cell beyond that one, looking alike: the line may run on), ``BETWEEN`` a blocker on each side of it
    along one line, ``BESIDE`` some blocker, else ``CLEAR``."""
    return _standing(beliefs.map.cells, _blockers(beliefs), max(1, isqrt(beliefs.map.sight)), cell)


def _standing(seen, shut: frozenset, reach: int, cell) -> str:
    x, y = cell
    sides = []
    for dx, dy in _SIDES:
        near = None
        for k in range(1, reach + 1):
            pos = (x + k * dx, y + k * dy)
            if pos in seen:
                near = pos in shut
                beyond = (x + 2 * dx, y + 2 * dy)
                if near and k == 1 and beyond in shut and seen[pos] == seen[beyond]:
                    return RUNS
                break
        sides.append(near)
    if (sides[0] and sides[1]) or (sides[2] and sides[3]):
        return BETWEEN
    return BESIDE if any(sides) else CLEAR


def block_rates(beliefs: "Beliefs") -> dict:
    """For each way a cell can stand (``standing``), the share of the seen cells standing so that block (Laplace's
    rule: (blocked + 1) / (seen + 2)). Learned from this level's map alone: where walls run in lines, a cell a seen
    stretch of one ends beside is likely wall; in an open field, a cell with no blocker near is likely open."""
    key = ("block rates", beliefs.model.version, beliefs.map.version)

    def make() -> dict:
        seen, shut = beliefs.map.cells, _blockers(beliefs)
        reach = max(1, isqrt(beliefs.map.sight))
        counts = {RUNS: [0, 0], BETWEEN: [0, 0], BESIDE: [0, 0], CLEAR: [0, 0]}
        for pos in seen:
            tally = counts[_standing(seen, shut, reach, pos)]
            tally[0] += pos in shut
            tally[1] += 1
        return {k: (b + 1) / (n + 2) for k, (b, n) in counts.items()}
    return beliefs.memo(key, make)


def gapped(beliefs: "Beliefs") -> bool:
    """Whether this level's map shows a gap in a wall: a cell a move is known to enter (with nothing held, opened
    or gone) between two blockers on each side along its row or its column."""
    key = ("gapped", beliefs.model.version, beliefs.map.version)

    def make() -> bool:
        shut = _blockers(beliefs)
        for pos in beliefs.map.cells:
            if pos not in shut and _in_line(shut, pos):
                return True
        return False
    return beliefs.memo(key, make)


def _in_line(shut: frozenset, cell) -> bool:
    """Whether ``cell`` lies in a line of blockers: two of them on each side of it along its row or its column."""
    x, y = cell
    return (((x - 1, y) in shut and (x + 1, y) in shut and (x - 2, y) in shut and (x + 2, y) in shut)
            or ((x, y - 1) in shut and (x, y + 1) in shut and (x, y - 2) in shut and (x, y + 2) in shut))


def _stands(option: "Option") -> list:
    """Where the option's action could be done from: its object's cell (an action done standing on it), else the
    cells beside it."""
    return [option.cell] if option.stand == option.cell else neighbours(option.cell)


def _path(parent: dict, end) -> list:
    cells = []
    while end is not None:
        cells.append(end)
        end = parent[end]
    return cells[::-1]


def lookout(path: list, j: int, radius: int) -> int:
    """The index of the first cell of ``path`` from which ``path[j]`` is in sight: the start of the straight stretch
    of at most ``radius`` cells that ends at it, at latest the cell before it."""
    i = max(j - 1, 0)
    while i > 0 and j - (i - 1) <= radius and _straight(path[i - 1:j + 1]):
        i -= 1
    return i


def _straight(cells: list) -> bool:
    return len({c[0] for c in cells}) == 1 or len({c[1] for c in cells}) == 1


def loss(beliefs: "Beliefs", state: State, path: list, stands: list, dist: dict, before: int) -> float:
    """What walking ``path`` (from the agent's cell to where a step acts) loses if a cell never seen on it blocks:
    the worst over those cells (see the module); ``stands``: every cell the step's action could be done from."""
    seen = beliefs.map.cells
    radius = isqrt(beliefs.map.sight)
    firm = _nearest(dist, stands)
    worst = 0
    for j, cell in enumerate(path):
        if cell in seen:
            continue
        out = lookout(path, j, radius)
        last = next((i for i in range(out, -1, -1) if path[i] in seen), None)
        back = None
        if last is not None and firm is not None:
            back = _nearest(beliefs.firm.distances(state._replace(pos=path[last])), stands)
        if back is None:
            fail = 2 * (before + out)
        else:
            fail = out + (out - last) + back - firm
        worst = max(worst, fail)
    return worst


def shortens(belief: Expectation, saving: float) -> bool:
    """Whether a hoped step is a walk through cells never seen expected to shorten this very episode: what it loses if
    a cell blocks, as often as one does, is less than what it saves as often as none does (both at the chance the
    level's map gives: ``passes``). Such a walk is no hunch: the budget does not bound it, even once it is spent."""
    return belief.unseen_loss is not None and (1 - belief.p) * belief.unseen_loss < belief.p * saving


def _nearest(dist: dict, cells: list) -> int | None:
    return min((dist[c] for c in cells if c in dist), default=None)


def blocked_ahead(beliefs: "Beliefs", state: State, actions: list) -> bool:
    """Whether a move of ``actions``, taken from ``state``, enters a cell now seen that the firm ground says it
    cannot (a scouting run's way turned out walled)."""
    x, y = state.pos
    for action in actions:
        delta = MOVE_DELTAS.get(Action(action))
        if delta is None:
            continue
        x, y = x + delta[0], y + delta[1]
        if beliefs.look((x, y), state) is not None and not beliefs.firm.passable((x, y), state):
            return True
    return False
