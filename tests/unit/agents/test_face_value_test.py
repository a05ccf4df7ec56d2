"""The settled level's test of its guess (``ProceduralAgent._better_than_habit``) is made where failing costs least:
another try of the known plan that asks the same question holding fewer keys (``questions.face_value_test``)."""

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


def test_the_guess_is_tested_at_the_near_door_not_the_far_one():
    """Three rooms in a chain (generated rooms 16, seed 8; agent seed 6): doors A and B each opened holding keys a
    and b, so which key a door needs is a split vote, and the guess (fetch key a alone, open A, then B holding a)
    saves 5 steps a play. The settled level's first episode used to try door B holding a, 31 steps in, and walk
    back through door A for key b (44 41 41 98). Door A holding key b asks the same question (a key of another
    letter alone) a few steps from key a: it is asked there, fails, and the episode costs 7 steps, not 57."""
    episodes, reasons = _four_episodes(generate("rooms", 16, 8, rooms=3), seed=6)
    assert [e.steps for e in episodes] == [44, 41, 41, 48] and episodes[0].optimal_steps == 41
    assert any(r.startswith("asking open_door at door A holding key b") and "the settled level's test of its guess"
               in r for r in reasons)


def test_the_guess_is_tested_holding_the_key_whose_failure_costs_less():
    """Two rooms, one door (generated rooms 20, seed 108, five distractor keys; agent seed 0): door F opened holding
    keys e and f, and the known route fetches both (45 steps). The guess fetches key e alone (44): failing at F, the
    walk back for key f would cost 42 steps. Holding key f alone asks the same door which key it needs, as short a
    route, and its failure (the walk to key e and back) costs less: the episode played on at face value is expected
    to cost 54 steps that way, 58 the guess's way. It is asked holding f (77 45 45 86 before: now 77 45 45 44)."""
    episodes, reasons = _four_episodes(generate("rooms", 20, 108, rooms=2, distractors=5), seed=0)
    assert [e.steps for e in episodes] == [77, 45, 45, 44] and episodes[0].optimal_steps == 44
    assert any(r.startswith("asking open_door at door F holding key f") and "the settled level's test of its guess"
               in r for r in reasons)
