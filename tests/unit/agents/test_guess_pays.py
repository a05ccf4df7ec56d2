"""A settled level's test of its guess at face value is made only where it pays over the plays a settled level is
assumed to have ahead (``questions.guess_pays``, ``optimism.SETTLED_AHEAD``)."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate


def _four_episodes(level, seed: int):
    """Episodes 1-4 of a new agent on ``level`` (the fourth is the first settled one) and its Why lines."""
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed)))
    episodes = [session.run_episode() for _ in range(3)] + [session.run_episode(advance=False)]
    return episodes, [t.reason for t in session.transitions]


def test_a_guess_whose_failure_costs_more_than_the_plays_ahead_repay_is_not_tested():
    """Three rooms, doors paired aC bA cB (generated rooms 26, seed 117; agent seed 7): the settled level's guess
    saves one step a play at 75 %, while playing it at face value is expected to cost 16 steps more this episode
    (its failure, the walk back for another key, costs far more). The fourth episode used to play it and lost 67
    steps (106 88 88 155); it keeps to its route."""
    episodes, _ = _four_episodes(generate("rooms", 26, 117, rooms=3, opens="aC bA cB"), seed=7)
    assert [e.steps for e in episodes] == [106, 88, 88, 88] and episodes[0].optimal_steps == 88
