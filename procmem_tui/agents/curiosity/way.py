"""On the way to the chosen experiment, with nothing left to see: a first try it passes is made on the way.

The search (``search._Search``) keeps one experiment, the one of least cost ÷ value, and walks to it; what it passes
waits for a later decision, which may walk back for it. A first try on a kind nothing was ever tried on, at an object
with a letter that is not open (a key lying on the walk to a far door), is made on the way instead where it adds no
step to the walk but its own (it lies on a shortest walk to where the chosen experiment is done) and buys its worth
at no worse a rate than the chosen one: it teaches what it would teach later, for a step now instead of a walk back.
So the kind is known before the far try (a key entered and picked up on the way, not fetched after the door stayed
shut); the agent decides again after it, and the chosen experiment is still there. The background's first tries
(floor, walls, the edge) are left to the walks that cross them, and repeated tries (a key held never held there)
to the search: made on the way, each costs a step that rarely shortens the episode (measured, see
docs/benchmarks/first_episodes_log.md). Under fog nothing changes while anything is left to see.
"""

from __future__ import annotations

from procmem_tui.agents.curiosity.route import walk
from procmem_tui.memory.imagine import Belief
from procmem_tui.world.actions import MOVE_DELTAS

Pos = tuple[int, int]
MARGIN = 1  # steps an experiment on the way may add to the walk: its own action only


def first_tries(search, now: Belief) -> None:
    """Put first a first try (``search.nearby``) that lies on the way to the best experiment: its cost, plus the
    walk from where it leaves the agent to where the best one's walk ends, less that walk, is at most ``MARGIN``;
    of such, the one of least of those steps ÷ worth (then the nearest)."""
    if search.best is None or not search.nearby or search.gains is not None:
        return
    (score, _, _), _, make = search.best
    target, walked = standing(now.pos, make()[0])
    if not walked:
        return
    back = walk(search.im, search.looks, Belief(target, now.held, now.opened, now.gone), parents=False)[0]
    found = None
    for cost, worth, ends_with_move, offered, end in search.nearby:
        if end == target or cost > walked + MARGIN:
            continue
        there = back.get(end)
        if there is None:
            continue
        marginal = cost + there - walked
        if marginal > MARGIN or marginal / worth > score:
            continue
        key = (marginal / worth, cost, not ends_with_move)
        if found is None or key < found[0]:
            found = (key, worth, offered)
    if found is not None:
        key, worth, offered = found
        search.choice.kept = (key, worth, lambda: _noted(offered(), ", on the way"))


def _noted(made: tuple, note: str) -> tuple:
    actions, reason = made
    return actions, reason + note


def standing(start: Pos, actions) -> tuple[Pos, int]:
    """Where ``actions`` leave the agent standing to do their first action that is not a plain walk on (the first
    that is not a move, else the last move), and how many moves walk there."""
    pos, walked = start, 0
    for i, action in enumerate(actions):
        delta = MOVE_DELTAS.get(action)
        if delta is None or i == len(actions) - 1:
            break
        pos, walked = (pos[0] + delta[0], pos[1] + delta[1]), walked + 1
    return pos, walked
