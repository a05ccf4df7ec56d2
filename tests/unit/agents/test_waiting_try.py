"""A try that pays but does not fit the hunch budget yet waits for budget saved, and the level is not settled into
a habit while it waits: no level stays above optimal for good when a better route exists that it has not tried."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate


def test_a_try_waiting_for_budget_is_made_before_habits_take_over():
    """Three rooms, keys spent; both keys lie in the first room, and the best route fetches key c before opening
    door B with b. Episode 4 finds fetching c first pays but costs more than the budget it has saved (8 steps
    against 6.7); habits took over from episode 5 and the level stayed 2 steps above optimal for good. Waiting
    keeps it unsettled, the budget keeps accruing, the try is made and the last three episodes are optimal."""
    level = generate("rooms", 12, 10, rooms=3, keys="consumed")
    agent = make_agent("procmem", seed=3, library=SkillLibrary(seed=3))
    session = Session(LevelSource.fixed(level), agent)
    episodes = [session.run_episode() for _ in range(8)]
    assert all(e.success for e in episodes)
    assert [e.steps for e in episodes[-3:]] == [e.optimal_steps for e in episodes[-3:]]
