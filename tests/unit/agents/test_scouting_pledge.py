"""A pledge carries what was weighed when it was made (agents/procedural.py ``_carries``): a walk through cells never
seen, pledged at what it put at stake, lifts the hunch budget only for walks to the same object that put no more at
stake; a search of a wall's never-seen stretch, pledged, carries its walks beside a blocked one (they are its own)."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.agents.expectation import Expectation
from procmem_tui.agents.skill_plan import PlanStep
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.world_model import Outcome
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, generate
from procmem_tui.world.level import view_overridden

WIN = Outcome(moved=True, ended=True, reward=10.0)
GOAL = (15, 1)


def _walk(p: float, loss: float, search: bool = False) -> list[PlanStep]:
    belief = Expectation(WIN, p, "untried", "walking where never seen", unseen_loss=loss, search=search)
    return [PlanStep("skill", "goal_reached", ("goal", GOAL), (15, 2), 20, belief, Action.MOVE_DOWN)]


def _pledged(walk: list[PlanStep]):
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    agent.pledge = (GOAL, Action.MOVE_DOWN.value)
    agent.pledged_stake = agent._stake(walk[0].belief)
    return agent


def test_a_pledged_walk_carries_only_walks_that_put_no_more_at_stake():
    """A near-sure walk through cells never seen (0.997, 10 steps lost if blocked) is pledged on the goal; a later
    walk to the same goal that risks 20 of 32 steps is weighed anew against the budget, not carried on that pledge."""
    agent = _pledged(_walk(0.997, 10.0))
    assert agent._carries(_walk(0.997, 8.0))
    assert not agent._carries(_walk(0.36, 32.0, search=True))


def test_a_pledged_search_carries_its_next_walks():
    """A search of a wall's never-seen stretch was weighed whole: blocked at one cell, the walk beside it is carried
    even when, from where the agent stands, it looks dearer."""
    agent = _pledged(_walk(0.41, 16.0, search=True))
    assert agent._carries(_walk(0.32, 22.0, search=True))


def test_a_cheap_walks_pledge_does_not_carry_a_search_in_episode_2():
    """doorkey 26x26, key d opens door A (seed 107), sight 3, agent seed 2: episode 1 leaves the wall's lower stretch
    unseen. Episode 2 began with a near-sure walk through cells never seen beside the start, pledged on the goal;
    after the key, that pledge carried a search down the wall (36 %, 20 steps at stake against 4 of budget) and
    episode 2 took 60 steps for 44. Weighed anew, the search waits for budget saved and episode 2 is optimal."""
    level = view_overridden(generate("doorkey", 26, 107, opens="dA"), 3)
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=2, library=SkillLibrary(seed=2)))
    episodes = [session.run_episode() for _ in range(2)]
    assert all(e.success for e in episodes)
    assert episodes[1].steps == episodes[1].optimal_steps
