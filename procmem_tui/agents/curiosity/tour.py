"""Looks ordered over a short tour: the next look is the first of the order that shows the most soonest.

Ranking each look alone by its steps ÷ what it shows walks into a corner for the few cells it shows, then all the
way back out to the next look: the walk back is paid but never counted. Here the agent picks up to ``CANDIDATES``
looks, each the best by steps ÷ cells at what the ones picked before it do not show (so they are looks at different
parts of the unknown, not one part from six cells side by side), and orders them as a travelling repairman would:
the order of least cells × the steps until they come into sight, summed (each look counted as if it cost ``extra``
steps more, as one ranked alone is). That is the expected wait for a goal as likely to lie in any of those cells,
so the walk from each look to the next is counted, a corner near the way is looked into while passing, and a look
that shows much is not put off for a sliver. Its first look is taken; the agent plans again after each step that
shows something new, so only the first is ever walked.

Measured against looks ranked alone and looks weighed in pairs (docs/benchmarks/first_episodes_log.md): the pairs
ranked a corner with the walk out of it but not with the walk back to it later, so a dead end near the way was left
for a longer walk later (mazes 1.71 -> 1.97); the shortest tour through the looks, gains ignored, put a sliver
before a wide look.
"""

from __future__ import annotations

import heapq

from procmem_tui.agents.curiosity.frontier import Gains

Pos = tuple[int, int]
CANDIDATES = 6  # looks ordered at once (every order is weighed: 720 at 6)
_FAR = 1 << 20  # the steps between two looks when one is not reached from the other


def best_looks(gains: Gains, dist: dict, extra: float, k: int, shown: frozenset = frozenset(),
               nearest: list | None = None) -> list:
    """The ``k`` looks of least (steps + ``extra``) ÷ cells never seen it would show (less ``shown``) among the
    cells of ``dist`` (steps to each) other than where it starts: (score, steps, cell, cells shown), best first,
    ties to the nearer, then to the cell first in order (``nearest``: the cells of ``dist`` in that order, if
    sorted already)."""
    kept: list = []  # a max-heap on (score, steps, cell): (-score, -steps, negated cell, cell, count)
    area = gains.area
    for cell in nearest if nearest is not None else sorted(dist, key=lambda c: (dist[c], c)):
        d = dist[cell]
        if not d:
            continue
        worst = -kept[0][0] if len(kept) == k else None
        if worst is not None and (d + extra) / area >= worst:
            break
        upper = gains.upper(cell)
        if not upper or worst is not None and (d + extra) / upper >= worst:
            continue
        count = len(gains.shown(cell) - shown) if shown else gains.exact(cell)
        if not count:
            continue
        score = (d + extra) / count
        item = (-score, -d, (-cell[0], -cell[1]), cell, count)
        if len(kept) < k:
            heapq.heappush(kept, item)
        elif item > kept[0]:
            heapq.heapreplace(kept, item)
    return sorted(((-s, -d, cell, count) for s, d, _, cell, count in kept))


def spread_looks(gains: Gains, dist: dict, extra: float, k: int) -> list:
    """Up to ``k`` looks, each the best (``best_looks``) at what the ones picked before it do not show:
    (steps, cell, cells shown)."""
    chosen, shown = [], frozenset()
    nearest = sorted(dist, key=lambda c: (dist[c], c))
    for _ in range(k):
        found = best_looks(gains, dist, extra, 1, shown, nearest)
        if not found:
            break
        _, d, cell, count = found[0]
        chosen.append((d, cell, count))
        shown |= gains.shown(cell)
    return chosen


def first_look(gains: Gains, dist: dict, extra: float, walk_from) -> tuple | None:
    """(steps, cell, cells shown, the look after it as (cell, cells shown) or None) of the look to take first, or
    None when no look shows anything: the first of the order of ``spread_looks`` of least cells × steps until they
    are in sight (``walk_from(cell, cells)``: the steps from that cell to those of ``cells`` it reaches), ties to
    the order found first."""
    looks = spread_looks(gains, dist, extra, CANDIDATES)
    if len(looks) < 2:
        return (*looks[0], None) if looks else None
    cells = [look[1] for look in looks]
    between = []
    for cell in cells:
        steps = walk_from(cell, cells)
        between.append([steps.get(other, _FAR) for other in cells])
    order = _least_wait(looks, between, extra)
    first, then = looks[order[0]], looks[order[1]]
    return (*first, (then[1], then[2]))


def _least_wait(looks: list, between: list, extra: float) -> tuple:
    """The order of ``looks`` of least cells × steps until in sight, ties to the order first in lexicographic order:
    orders are grown a look at a time in that order, and an order whose beginning already waits as long as the best
    found is not grown further (each sum is made in the same order as for the whole order alone, so the same order
    wins as when every order is tried in full)."""
    n = len(looks)
    best: list = [None, ()]
    order: list = []
    used = [False] * n

    def grow(last: int, steps: float, wait: float) -> None:
        for i in range(n):
            if used[i]:
                continue
            here = steps + ((looks[i][0] if last < 0 else between[last][i]) + extra)
            total = wait + looks[i][2] * here
            if best[0] is not None and total >= best[0]:
                continue
            order.append(i)
            if len(order) == n:
                best[0], best[1] = total, tuple(order)
            else:
                used[i] = True
                grow(i, here, total)
                used[i] = False
            order.pop()

    grow(-1, 0.0, 0.0)
    return best[1]
