"""Scouting across the never-seen stretch of a wall (agents/scouting.py ``passes``), priced over the plays ahead
(agents/expectation.py ``horizon``, agents/deliberate.py ``waits``): a walk that crosses a seen line of wall where it
runs on into cells never seen gets through as often as any cell of that stretch is open (blocked where it crosses,
the agent plans again on what it saw, and a gap beside is the next walk's); once the level was won, such a search is
weighed over the plays a won level is assumed to have ahead, and waits for the budget saved rather than settling, or,
where it hopes for more than the budget's share of the episode, is lent the share of the plays ahead."""

from __future__ import annotations

from pathlib import Path

import pytest

from procmem_tui.agents import make_agent, scouting
from procmem_tui.agents.deliberate import lend, waits
from procmem_tui.agents.expectation import Expectation
from procmem_tui.agents.optimism import AHEAD, Budget
from procmem_tui.agents.skill_plan import PlanStep
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.world_model import Outcome
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

LEVELS = Path(__file__).parent / "levels"
WIN = Outcome(moved=True, ended=True, reward=10.0)


def _session(seed: int) -> Session:
    return Session(LevelSource.fixed(load_level(LEVELS / "gap_along_the_wall.txt")),
                   make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed)), None)


def test_a_walk_across_a_wall_running_on_unseen_gets_through_where_any_cell_of_the_stretch_is_open():
    """After a first visit that went round by the top, the middle wall is seen running down to (9, 7) and never seen
    below. A walk across it at (9, 6) gets through as often as any of the never-seen cells of that stretch (down to
    the level's edge, at most twice the sight radius) is open; a walk that ends in the wall's line, or runs along it,
    needs that very cell."""
    session = _session(0)
    assert session.run_episode().success
    beliefs = session.agent.beliefs
    seen = beliefs.map.cells
    assert (9, 7) in seen and (9, 8) in seen and (9, 6) not in seen
    assert scouting.standing(beliefs, (9, 6)) == scouting.RUNS
    rate = scouting.block_rates(beliefs)[scouting.RUNS]
    stretch = [(9, y) for y in range(6, -1, -1) if (9, y) not in seen][:6]
    assert len(stretch) > 1
    across = scouting.passes(beliefs, [(8, 6), (9, 6), (10, 6)])
    assert across == pytest.approx(1 - rate ** len(stretch))
    assert scouting.passes(beliefs, [(8, 6), (9, 6), (10, 6)], stretch=False) == pytest.approx(1 - rate)
    ends = scouting.passes(beliefs, [(8, 6), (9, 6)])
    assert ends == pytest.approx(1 - rate) and ends < across


@pytest.mark.parametrize("seed", [0, 7])
def test_a_won_level_searches_the_walls_never_seen_stretch_and_keeps_the_gap_it_finds(seed):
    """The short way (19 steps) runs down through a gap in the middle wall and up through one in the cross's right
    arm, both beside where the straight way crosses and never seen; the first visit found a way round by the top
    (27). The search is not worth its risk over the two plays a try is weighed over in exploration, but over the plays
    a won level has ahead it is; it hopes for 15 steps, more than the budget's share below 27, so the share of the
    plays ahead is lent it (``deliberate.lend``): it finds both gaps in episode 2, and the level is optimal from then
    on (27 27 19 ... while only the next two plays' share was lent; 27 27 27 27 19 ... before lending; 27 for good
    before the search)."""
    session = _session(seed)
    steps = [session.run_episode().steps for _ in range(8)]
    assert steps[:2] == [27, 19]
    assert steps[-6:] == [19] * 6


def _hope(p: float, cost: int, loss: float, search: bool = True) -> list:
    belief = Expectation(WIN, p, "untried", "walking where never seen, then move on goal", unseen_loss=loss,
                         search=search)
    return [PlanStep("s", "goal_reached", ("goal", (5, 5)), (4, 5), cost, belief)]


def test_a_search_that_pays_over_the_plays_ahead_waits_for_the_budget_of_the_next_plays():
    """41 % likely to save 12 steps a play, 16 lost if it fails (9.5 expected): over two plays it does not pay, over
    the plays a won level has ahead it does. With 5.4 steps of budget left and 2.7 saved a play, it waits (the level
    does not settle) while the next two plays' savings would cover it; not where they would not, not on a level never
    won here, and not for a walk whose chance is a single never-seen cell's rather than a wall's stretch."""
    budget = Budget(5.4, lambda cell: None, 2.7)
    assert waits(_hope(0.407, 15, 16.0), 27, 2, budget, AHEAD)
    assert not waits(_hope(0.407, 15, 16.0), 27, 2, Budget(2.7, lambda cell: None, 2.7), AHEAD)
    assert not waits(_hope(0.407, 15, 16.0), 27, 2, budget)
    assert not waits(_hope(0.407, 15, 16.0, search=False), 27, 2, budget, AHEAD)


def test_only_a_search_of_a_walls_stretch_is_priced_over_the_plays_ahead():
    """The plays a won level has ahead count for a walk whose chance rests on a gap along a wall's never-seen stretch;
    a walk as likely as one never-seen cell (an even chance beside a wall) keeps the exploration bound."""
    assert _hope(0.4, 15, 16.0)[0].belief.horizon(2, AHEAD) == AHEAD
    assert _hope(0.4, 15, 16.0, search=False)[0].belief.horizon(2, AHEAD) == 2
    assert _hope(0.4, 15, 16.0)[0].belief.horizon(2) == 2


def test_a_search_for_more_than_the_budgets_share_is_lent_the_share_of_the_plays_ahead():
    """A search that waits for budget saved is made now, with the share of the plays a won level has ahead lent, where
    it hopes to shorten the episode by more than the budget's share of it (27 steps known, 15 hoped: each play spent
    waiting is 1.8x the hoped route): in episode 2, with 2.7 steps left and 9.5 at stake, it waits (and is lent) where
    the next two plays' share (5.4) would not cover it; a search for 3 steps of 34 (within the share, 3.4) waits only
    while the next two plays' share covers it, and is lent nothing; nor is a walk that is no search (its chance a
    single never-seen cell's)."""
    early = Budget(2.7, lambda cell: None, 2.7)
    assert waits(_hope(0.407, 15, 16.0), 27, 2, early, AHEAD, 27)
    assert not waits(_hope(0.407, 15, 16.0), 27, 2, early, AHEAD)  # the episode's length not known: two plays' share
    lent = lend(_hope(0.407, 15, 16.0), 27, early, 27, AHEAD)
    assert lent is not None and lent.left == pytest.approx(2.7 + AHEAD * 2.7) and lent.share == early.share
    small = _hope(0.5, 13, 18.0)  # 9 steps at stake
    assert not waits(small, 16, 2, early, AHEAD, 34)
    assert waits(small, 16, 2, Budget(5.4, lambda cell: None, 2.7), AHEAD, 34)
    assert lend(small, 16, early, 34, AHEAD) is None
    assert lend(_hope(0.407, 15, 16.0, search=False), 27, early, 27, AHEAD) is None
