"""A door opened holding its own letter among other keys: holding that letter alone is the guess the simplest rule
naming a door's key vouches for ("its own letter"); in a level's first replay it is priced over the plays ahead, as
the model's own conjunction is, as long as no door on the level opened without its own letter."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.agents.evidence import keeps_own
from procmem_tui.agents.expectation import Expectation
from procmem_tui.agents.optimism import AHEAD, HORIZON
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate

OPENED = Outcome(object="opened", reward=2.0)
UNIT = ("open_door", BESIDE, "door")
DOOR_F = Look("door", "F", False)


def _model(*seen) -> WorldModel:
    model = WorldModel()
    for letter, held, changed in seen:
        model.learn(UNIT, features(letter, False, frozenset(held)), OPENED if changed else Outcome(), "L")
    return model


def test_keeps_own_asks_for_the_own_letter_held_at_every_opening():
    """Door F opened holding keys b and f: f alone keeps its own letter, b alone does not, nor f on another level."""
    model = _model(("F", "bf", True))
    assert keeps_own(model, "L", UNIT, DOOR_F, frozenset("f"))
    assert not keeps_own(model, "L", UNIT, DOOR_F, frozenset("b"))
    assert not keeps_own(model, "other level", UNIT, DOOR_F, frozenset("f"))
    assert not keeps_own(_model(("F", "b", True)), "L", UNIT, DOOR_F, frozenset("f"))


def test_a_door_opened_without_its_own_letter_takes_the_rule_away():
    """Door B opened holding key a alone (keys pair otherwise here, or any key opens any door): the own letter is
    one more guess on this level, so door F holding f alone is not kept."""
    model = _model(("F", "bf", True), ("B", "a", True))
    assert not keeps_own(model, "L", UNIT, DOOR_F, frozenset("f"))
    assert keeps_own(_model(("F", "bf", True), ("B", "ab", True)), "L", UNIT, DOOR_F, frozenset("f"))


def test_the_own_letter_is_priced_over_the_plays_ahead_in_the_first_replay_only():
    """Horizon 1 on a level won (the first replay): the plays ahead; later replays (``HORIZON``) and before a win:
    the exploration horizon (a doors-any level's episodes 3-4 lost 11 steps priced so there)."""
    own = Expectation(OPENED, 0.75, "implied", voted=True, own=True)
    assert own.horizon(1, AHEAD) == AHEAD
    assert own.horizon(HORIZON, AHEAD) == HORIZON and own.horizon(1) == 1


def test_episode_2_counts_on_the_own_letter_alone():
    """Held-out rooms2-20-s116 under sight 3, agent seed 8: episode 1 took key b, then key f, and opened door F
    holding both. Holding f alone was a 75 % vote priced over one play (the walk there and back, a third of it), so
    episode 2 fetched both keys: 40 steps for 35. Over the plays ahead it pays: episode 2 is optimal."""
    level = generate("rooms", 20, 116, rooms=2, distractors=5, view=3)
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=8, library=SkillLibrary(seed=8)))
    episodes = [session.run_episode() for _ in range(2)]
    assert [e.steps for e in episodes] == [46, 35] and episodes[0].optimal_steps == 35
