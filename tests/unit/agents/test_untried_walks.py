"""A hoped walk into a kind moves were seen into, in a situation never tried (agents/untried_walks.py): a bump that
costs little is priced at what it costs, so it is made, and the level does not stay above optimal for good."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate


def _steps(level, seed: int, n: int) -> tuple[list[int], int]:
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed)))
    played = [session.run_episode() for _ in range(n)]
    assert all(e.success for e in played)
    return [e.steps for e in played], played[0].optimal_steps


def test_an_open_door_never_entered_holding_nothing_is_tried_when_a_bump_costs_little():
    """Keys spent; the goal's room was only ever entered holding a key (key f fetched on the way, one step), and
    walking through the open door holding nothing was never tried. Priced as the 49 steps there and back it was
    never worth a try, and the level stayed one step above optimal for good (92 71 82 71 71 …); failing costs a bump
    beside the key it would fetch instead, within the hunch budget, so the try is made and the last episodes are
    optimal."""
    steps, optimal = _steps(generate("rooms", 26, 506, rooms=3, distractors=3, keys="consumed"), seed=2, n=5)
    assert steps[3:] == [optimal] * 2
