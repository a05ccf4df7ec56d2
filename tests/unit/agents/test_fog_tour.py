"""Looks ordered over a short tour under fog (agents/curiosity/tour.py): the next look is the first of the order of a
few looks at different parts of the unknown that shows the most soonest (cells × steps until in sight), so the walk
from one look to the next, and back to what a look leaves behind, is counted; a look ranked alone counts neither."""

from __future__ import annotations

from itertools import permutations

import numpy as np

from procmem_tui.agents import make_agent
from procmem_tui.agents.curiosity.tour import _least_wait, first_look, spread_looks
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level
from procmem_tui.world.level import view_overridden

EXTRA = 3


class _Gains:
    """What each cell's look would show, given outright (``frontier.Gains`` works it out from the map)."""

    area = 29

    def __init__(self, shown: dict) -> None:
        self._shown = {cell: frozenset(cells) for cell, cells in shown.items()}

    def upper(self, cell) -> int:
        return len(self._shown.get(cell, ()))

    def exact(self, cell) -> int:
        return self.upper(cell)

    def shown(self, cell) -> frozenset:
        return self._shown.get(cell, frozenset())


# a corridor: the agent at x = 0; one step left a look into a side pocket (6 cells), three steps right a look into a
# wider unknown (10 cells)
LEFT, HERE, RIGHT = (-1, 0), (0, 0), (3, 0)
CORRIDOR = {(x, 0): abs(x) for x in range(-1, 4)}
POCKET = {(-1, y) for y in range(1, 7)}
WIDE = {(3, y) for y in range(1, 11)}


def _walk_from(cell, cells) -> dict:
    return {(x, 0): abs(x - cell[0]) for x in range(-1, 4)}


def test_a_look_near_the_way_is_taken_first_when_the_walk_back_to_it_would_cost_more():
    """Ranked alone the wide look wins (3 + 3 steps for 10 cells against 1 + 3 for 6), and the pocket is left for a
    walk back of 4; ordered, the pocket first makes the 16 cells wait 6 × 4 + 10 × 11 = 134 step-cells, the wide
    look first 10 × 6 + 6 × 13 = 138: the pocket is looked into first."""
    gains = _Gains({LEFT: POCKET, RIGHT: WIDE})
    assert [cell for _, cell, _ in spread_looks(gains, CORRIDOR, EXTRA, 6)] == [RIGHT, LEFT]
    steps, cell, count, then = first_look(gains, CORRIDOR, EXTRA, _walk_from)
    assert (steps, cell, count, then) == (1, LEFT, 6, (RIGHT, 10))


def test_a_wide_look_is_not_put_off_for_a_sliver_on_the_way():
    """A sliver one step off (2 cells) is not worth making a wide look wait: 10 × 6 + 2 × 13 against 2 × 4 + 10 × 11."""
    gains = _Gains({LEFT: set(list(POCKET)[:2]), RIGHT: WIDE})
    assert first_look(gains, CORRIDOR, EXTRA, _walk_from)[1] == RIGHT


def test_looks_at_the_same_cells_are_not_ordered_as_different_ones():
    """Two cells side by side that would show the same cells are one look: the second shows nothing the first does
    not, so only one of them is among the looks ordered."""
    gains = _Gains({(2, 0): WIDE, RIGHT: WIDE, LEFT: POCKET})
    assert [cell for _, cell, _ in spread_looks(gains, CORRIDOR, EXTRA, 6)] == [(2, 0), LEFT]


def test_distractor_keys_under_sight_3_is_explored_without_walking_back_to_each_corner():
    """Episode 1 of the built-in distractor_keys under sight 3 from an empty library (seed 0): 89 steps for 43; with
    each look ranked alone it was 123."""
    level = view_overridden(load_level("distractor_keys"), 3)
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    summary = Session(LevelSource.fixed(level), agent).run_episode()
    assert summary.success and summary.steps <= 100, summary.steps


def test_the_grown_orders_pick_the_order_that_trying_every_order_picks():
    """Growing orders a look at a time and dropping a beginning that already waits as long as the best gives the
    very order found by trying all of them in turn (ties included: small whole step counts tie often)."""
    def every_order(looks, between, extra):
        best = None
        for order in permutations(range(len(looks))):
            steps, wait = 0.0, 0.0
            for n, i in enumerate(order):
                steps += (looks[i][0] if n == 0 else between[order[n - 1]][i]) + extra
                wait += looks[i][2] * steps
                if best is not None and wait >= best[0]:
                    break
            else:
                best = (wait, order)
        return best[1]

    rng = np.random.default_rng(0)
    for _ in range(200):
        n = int(rng.integers(2, 7))
        looks = [(int(rng.integers(1, 6)), (i, 0), int(rng.integers(1, 4))) for i in range(n)]
        between = [[0 if a == b else int(rng.integers(1, 5)) for b in range(n)] for a in range(n)]
        extra = float(rng.choice([0.0, 1.5, 3.0]))
        assert _least_wait(looks, between, extra) == every_order(looks, between, extra)
