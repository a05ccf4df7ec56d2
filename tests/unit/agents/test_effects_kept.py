"""What ``Beliefs`` keeps from one plan to the next (``agents/effects.py``): an expectation while nothing is filed under
its unit, the objects counted on in a situation while the map and the eventful units' facts stand. Kept answers are
the ones a fresh computation gives, and give way once the model learns what they read."""

from __future__ import annotations

from procmem_tui.agents import effects, make_agent, options
from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.expect import expect
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.world_model import BESIDE, features
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, State, generate

from model_play import play_steps

OPEN = Action.OPEN_DOOR.value
_A = frozenset("a")


def test_an_expectation_is_kept_while_its_unit_learns_nothing_and_renewed_when_it_does(monkeypatch):
    """Door A holding key a after it opened so once: counted on, seen once. A step filed under another unit (a move)
    leaves the kept answer standing without asking again; door A seen to open so on another level (seen twice now, on
    two levels) renews it to what a fresh ``expect`` says, which differs."""
    model, m, state = play_steps(Action.MOVE_DOWN, Action.PICKUP_KEY, Action.MOVE_UP, Action.OPEN_DOOR)
    beliefs = Beliefs(model, m, "here")
    door_a = beliefs.look((2, 1), State((3, 1), _A))
    counted = beliefs.expect(OPEN, BESIDE, door_a, _A, False)
    assert counted.outcome is not None and counted == expect(beliefs, OPEN, BESIDE, door_a, _A, False)
    asked = []
    monkeypatch.setattr(effects, "expect", lambda *args: asked.append(args) or expect(*args))
    floor = ("move", "ahead", "floor")
    model.learn(floor, features("", False, _A), next(iter(model.units[floor].values())).outcome, "here")
    assert beliefs.expect(OPEN, BESIDE, door_a, _A, False) is counted and not asked
    opened = next(iter(model.units[(OPEN, BESIDE, "door")].values())).outcome
    model.learn((OPEN, BESIDE, "door"), features("A", False, _A), opened, "elsewhere")
    renewed = beliefs.expect(OPEN, BESIDE, door_a, _A, False)
    assert asked and renewed == expect(beliefs, OPEN, BESIDE, door_a, _A, False) and renewed != counted


def test_the_objects_counted_on_kept_across_plans_are_those_worked_out_afresh(monkeypatch):
    """Over 2 episodes of a consumed-key layout of three rooms (keys taken, doors opened, tries that fail), every
    list of what is counted on in a situation (kept across plans) equals the list a new ``Beliefs`` on the same
    model, map and failures works out."""
    counted_on = options._counted_on
    checked = []

    def compared(beliefs, state, hoping):
        found = counted_on(beliefs, state, hoping)
        fresh = Beliefs(beliefs.model, beliefs.map, beliefs.level, beliefs.failures)
        assert found == counted_on(fresh, state, hoping)
        checked.append(bool(found))
        return found

    monkeypatch.setattr(options, "_counted_on", compared)
    level = generate("rooms", 12, 7, rooms=3, keys="consumed")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    for _ in range(2):
        session.run_episode()
    assert sum(checked) > 20


def test_whether_a_key_can_be_fetched_is_kept_until_the_model_learns(monkeypatch):
    """Key a below the agent, asked twice holding nothing: worked out once (a shortcut's search asks it per door,
    action and key; the old code worked it out each time), the same answer, and worked out again once the model has
    filed another observation (a try's counts decide whether it is known to fail)."""
    model, m, state = play_steps(Action.MOVE_DOWN)
    beliefs = Beliefs(model, m, "here")
    asked = []
    can_fetch = effects.probes.can_fetch
    monkeypatch.setattr(effects.probes, "can_fetch", lambda *args: asked.append(args) or can_fetch(*args))
    key_a = (3, 1)
    first = beliefs.can_fetch(frozenset(), key_a)
    assert beliefs.can_fetch(frozenset(), key_a) == first == can_fetch(beliefs, frozenset(), key_a)
    assert len(asked) == 1
    version = model.version
    play_steps(Action.MOVE_DOWN, model=model)  # the same step again: a count grows, no new fact
    assert model.version == version
    beliefs.can_fetch(frozenset(), key_a)
    assert len(asked) == 2
