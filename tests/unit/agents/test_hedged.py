"""A level's first replay does not count on which of the keys a door opened with it needs (``skill_plan.hedged``):
"any key opens any door" and "each door has a key of its own" both fit one opening holding several keys, so the
route taken is the one that holds under either reading, and the test is left to a later episode."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.agents.expectation import Expectation
from procmem_tui.agents.skill_plan import hedged, worst
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.world_model import Outcome
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level
from procmem_tui.world.level import view_overridden

OPENED = Outcome(object="opened")


def test_a_vote_that_drops_a_key_the_door_always_had_is_hedged():
    """Door B opened holding keys a and b, now only a is held: hedged. A vote that keeps every key the door had (the
    model's own conjunction), a guess (already a hope, priced by optimism) and a sure belief are not."""
    assert hedged(Expectation(OPENED, 0.67, "implied", voted=True))
    assert not hedged(Expectation(OPENED, 0.75, "implied", voted=True, kept=True))
    assert not hedged(Expectation(OPENED, 0.5, "guess", voted=True))
    assert not hedged(Expectation(OPENED, 1.0, "implied"))


def test_the_door_s_own_letter_held_is_not_hedged():
    """Vault door A opened holding keys a and c: holding a alone, "its own letter" says it opens as "any key" does,
    and key a alone is counted on as before (open-20-s129 under fog: episode 2 optimal, 30; hedged it fetched c too,
    43, and tested A holding c in episode 3, 60)."""
    assert not hedged(Expectation(OPENED, 0.67, "implied", voted=True), own_held=True)


def test_a_hedged_step_costs_its_whole_loss():
    """Priced as if it failed: the walk there and back, or the loss known better."""
    assert worst(5) == 10
    assert worst(5, 3.0) == 3.0


def test_the_first_replay_fetches_the_key_either_reading_needs():
    """two_doors under fog: episode 1 opened door A holding key a and door B holding keys a and b. In episode 2,
    once A opened holding a alone, B holding a was implied at 67 % and counted on: B stayed shut, and the walk back
    for key b made it 29 steps for 24. Now episode 2 fetches b on the way (24); the next replay asks the question,
    and the level ends optimal."""
    level = view_overridden(load_level("two_doors"), 3)
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    steps = [session.run_episode().steps for _ in range(4)]
    assert steps[1] == 24 and steps[-1] == 24, steps
