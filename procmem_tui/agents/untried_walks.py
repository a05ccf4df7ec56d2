"""What a hoped walk into a known kind, in a situation never tried, loses if it is blocked: the bump and the way on.

The hoping planner (``agents/skill_plan.py``) may walk into cells whose move the model does not know, and prices such a
walk as any hope: failing loses the walk there and back from the plan's start. For a kind no move was ever seen into
(walls before the first bump) that stays so: it is R-max's, outside the hunch budget, and a careful price keeps
the try from being made every episode. But a cell of a kind moves were seen into, in a situation never tried (an open
door, never entered holding nothing), is a hunch about one step: the walk fails where it fails, at that cell, with one
bump, after which the agent walks on by what it knows. Its **loss** is the worst, over the walk's unknown cells, of: the
steps to the cell before it, the bump, and the firm walk from there to a cell the step's action can be done from,
minus the firm walk to the nearest such cell from the start (at least the bump); where the firm ground reaches none,
from the agent's cell, the way on to where the known route's next step acts (``Budget.rejoin``), else the walk to the
cell before it and back, with the plan's steps before it. Where that loss fits what the hunch budget has left, the try
is priced at it and must pay within its own episode, as a try one step off the way does (``optimism.cheap_try``).
rooms3-26-s506-consumed (``benchmarks/unusual_levels.py --seed 2``) fetched a key for good, one step, because walking
through the open door holding nothing was priced as the 49 steps there and back (92 71 82 71 71 …; optimal from
episode 4 now). A walk to a step that may fail at its end too (hoped, or a split vote) keeps the walk there and back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from procmem_tui.agents.curiosity.values import rarity
from procmem_tui.memory.imagine import MOVE
from procmem_tui.memory.paths import neighbours
from procmem_tui.memory.world_model import AHEAD
from procmem_tui.world import State

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.agents.optimism import Budget
    from procmem_tui.agents.option import Option


def bump_loss(beliefs: "Beliefs", state: State, option: "Option", dist: dict, before: int,
              budget: "Budget | None") -> float | None:
    """What the hopeful walk to ``option``'s stand loses if a cell on the way blocks (see the module), when every
    unknown cell on it is of a kind moves were seen into and that loss fits ``budget`` (``optimism.Budget``: what
    is left, and the way back to the known route from a cell); else None (the walk there and back). ``dist``: firm
    distances from ``state``; ``before``: the plan's steps before ``state`` (none: the way back may be the known
    route's)."""
    e = option.expectation
    if budget is None or budget.left < 1 or e.hoped or e.voted:
        return None
    key = ("likely parents", state.pos, state.keys, state.opened, state.taken)
    parent = beliefs.memo(key, lambda: beliefs.likely.tree(state)[1])
    path = _path(parent, option.stand)
    grid, firm = beliefs.firm.flags(state)  # a cell of the hopeful walk that the firm ground shuts: no move known
    stride = grid.stride  # ``grid.index`` written out: a walk's cells all have one
    unknown = [j for j, (x, y) in enumerate(path) if j and not firm[(x + 2) * stride + y + 2]]
    if not unknown or not all(_kind_entered(beliefs, path[j], state) for j in unknown):
        return None
    stands = [option.cell] if option.stand == option.cell else neighbours(option.cell)
    firm = _nearest(dist, stands)
    worst = 0
    for j in unknown:
        last = j - 1
        back = None
        if firm is not None:
            back = _nearest(beliefs.firm.distances(state._replace(pos=path[last])), stands)
        if back is not None:
            fail = last + 1 + back - firm
        elif before == 0 and budget.rejoin(path[last]) is not None:
            fail = last + 1 + budget.rejoin(path[last])
        else:
            fail = 2 * (before + last) + 1
        worst = max(worst, fail, 1)
        if worst > budget.left:
            return None
    return worst


def kind_chance(beliefs: "Beliefs", state: State, option: "Option") -> float:
    """The chance that the hopeful walk to ``option``'s stand gets through the kinds on it that no move was ever seen
    into (on any level): each such kind passes as likely as it is rare (1 ÷ its cells seen^``RARITY_POWER``, the
    prior curiosity and the shortcut give a kind nothing is known of), so the kinds that make up the background
    (walls, rows of crates) are not counted on while a rare one still is; 1 where the walk crosses none."""
    key = ("likely parents", state.pos, state.keys, state.opened, state.taken)
    parent = beliefs.memo(key, lambda: beliefs.likely.tree(state)[1])
    units, kinds = beliefs.model.units, set()
    for cell in _path(parent, option.stand)[1:]:
        lk = beliefs.look(cell, state)
        if lk is not None and (MOVE, AHEAD, lk.kind) not in units and beliefs.move_outcome(cell, state) is None:
            kinds.add(lk.kind)
    if not kinds:
        return 1.0
    rare = beliefs.memo(("rarity",), lambda: rarity(beliefs.map))
    chance = 1.0
    for kind in kinds:
        chance *= min(1.0, rare.get(kind, 1.0))
    return chance


def _kind_entered(beliefs: "Beliefs", cell, state: State) -> bool:
    """Whether ``cell`` was seen and a move was ever seen into a cell of its kind (in some situation)."""
    lk = beliefs.look(cell, state)
    return lk is not None and (MOVE, AHEAD, lk.kind) in beliefs.model.units


def _path(parent: dict, end) -> list:
    cells = []
    while end is not None:
        cells.append(end)
        end = parent.get(end)
    return cells[::-1]


def _nearest(dist: dict, cells: list) -> int | None:
    return min((dist[c] for c in cells if c in dist), default=None)
