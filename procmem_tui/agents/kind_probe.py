"""One bump tells what a kind does: a hoped walk through a kind no move was ever seen into is tested where that
costs least.

The world model files a move by the kind of cell it meets, and one outcome serves a kind until two differ
(``memory/world_model.py``): one move into any wall says what a move into every wall does. A hoped plan that walks
through cells of a kind no move was ever seen into (walls, before the first bump) asks a question about the kind,
not about those cells; following it asked the question at the end of a walk, and paid the walk there and back when
the kind blocks (warehouse's episode 3 walked 6 steps to a crate and back, rooms4-16-s3's a wall 7 steps away: 68
and 63 steps for 48 after an optimal episode 2). When such a hoped plan is to be followed, the question is asked
instead at the cell of that kind where a bump adds least to the known route (``optimism.Budget.cost``: usually one
step, beside the way), and the agent re-decides on what the bump showed. The try is made when it was made before
(the hoped plan's worth is weighed as it was); only its price changes. Nothing here says what a kind does: the kinds
are those the model has no move for, and what the bump shows is learned as any step is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from procmem_tui.memory.imagine import MOVE
from procmem_tui.memory.paths import path_to, walk_tree
from procmem_tui.memory.world_model import AHEAD
from procmem_tui.world import State
from procmem_tui.world.actions import MOVE_DELTAS

ASKED = 64  # cells weighed for a bump, nearest first (each asks the way back to the known route)

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.agents.optimism import Budget
    from procmem_tui.agents.skill_plan import PlanStep


def untried_kinds(beliefs: "Beliefs", state: State, hope: list["PlanStep"]) -> frozenset:
    """The kinds no move was ever seen into (on any level) whose cells ``hope``'s walks cross (empty: it counts on
    no such kind)."""
    units, kinds = beliefs.model.units, set()
    before = state
    for step in hope:
        if step.hoped and before is not None:
            parent = walk_tree(beliefs.likely, before)[1]
            cell = step.end
            while cell is not None and cell in parent:
                lk = beliefs.look(cell, before)
                if (lk is not None and beliefs.move_outcome(cell, before) is None
                        and (MOVE, AHEAD, lk.kind) not in units):
                    kinds.add(lk.kind)
                cell = parent[cell]
        before = step.after
    return frozenset(kinds)


def first_bump(beliefs: "Beliefs", state: State, hope: list["PlanStep"], kinds: frozenset) -> tuple | None:
    """Where ``hope`` itself would first move into a cell of one of ``kinds``: (the situation on the cell before it,
    the steps from ``state`` to that cell), or None."""
    before, walked = state, 0
    for step in hope:
        if before is None:
            return None
        if step.hoped:
            parent = walk_tree(beliefs.likely, before)[1]
            path, cell = [], step.end
            while cell is not None and cell in parent:
                path.append(cell)
                cell = parent[cell]
            path.reverse()
            for i, cell in enumerate(path[1:], 1):
                lk = beliefs.look(cell, before)
                if lk is not None and lk.kind in kinds and beliefs.move_outcome(cell, before) is None:
                    return before._replace(pos=path[i - 1]), walked + i - 1
        walked += step.cost
        before = step.after
    return None


def cheapest(beliefs: "Beliefs", state: State, kinds: frozenset, budget: "Budget") -> dict:
    """Per kind of ``kinds``: (what a bump into a cell of it adds to the known route, the actions) for the cheapest
    such bump from a cell moves are known to reach (``Budget.cost``: the walk there and on to the known route's next
    step)."""
    if not kinds:
        return {}
    dist, parent = walk_tree(beliefs.firm, state)
    best: dict = {}
    asked = 0
    for stand in sorted(dist, key=lambda c: (dist[c], c)):
        if asked >= ASKED or (len(best) == len(kinds) and all(cost <= 1 for cost, _ in best.values())):
            break  # a bump costs at least its step; the nearest cells are where the known route starts
        for action, (dx, dy) in MOVE_DELTAS.items():
            cell = (stand[0] + dx, stand[1] + dy)
            lk = beliefs.look(cell, state)
            if lk is None or lk.kind not in kinds or beliefs.move_outcome(cell, state) is not None:
                continue
            asked += 1
            cost = budget.cost(stand, dist[stand] + 1)
            if lk.kind not in best or cost < best[lk.kind][0]:
                best[lk.kind] = (cost, path_to(parent, stand) + [action])
    return best
