"""What the planner keeps from the map's looks across decisions (``skill_plan._lower_bound``, ``Beliefs``' cells by
look): kept while what it reads stands — the map's base looks (``imagine.looks_stamp``, which a door seen open or a
key taken leaves as it was) and the kinds the model saw win, open and be moved into — and equal to what a fresh
computation gives."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent, skill_plan
from procmem_tui.agents.effects import Beliefs
from procmem_tui.memory.imagine import looks_stamp
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, generate, parse_level
from procmem_tui.world.level import with_view

from model_play import play_steps

CYCLE = parse_level("; name: cycle\n; opens: aB bC cD dE eF\n#############\n#@.a#b#c#d#e#\n#...B.C.D.E.F\n"
                    "#f..#.#.#.#.G\n#############\n")


def test_the_looks_stamp_stands_when_a_door_opens_or_a_key_is_taken():
    """Taking key a and opening door A change the map's version, not a base look: the stamp stays."""
    _, m, _ = play_steps()
    stamp, version = looks_stamp(m), m.version
    _, m2, _ = play_steps(Action.MOVE_DOWN, Action.PICKUP_KEY, Action.MOVE_UP, Action.OPEN_DOOR)
    assert m2.version > version and looks_stamp(m2) == stamp


@pytest.mark.parametrize("view", [None, 3])
def test_the_lower_bound_and_cells_by_look_kept_across_facts_are_those_worked_out_afresh(monkeypatch, view):
    """Over 2 episodes of a layout of three rooms where any key opens any door (full view and under fog), every lower bound a plan
    reads equals one worked out afresh on the same model and map, and so do the cells grouped by look; and some were
    read at a model version other than the one they were worked out at (the old key dropped them at every fact)."""
    lower_bound = skill_plan._lower_bound
    made_at: dict = {}  # id of a kept (key, value) -> the model's version it was worked out at
    checked, across = [], []

    def compared(beliefs):
        before = getattr(beliefs.map, "_bound", None)
        found = lower_bound(beliefs)
        kept = beliefs.map._bound
        if kept is not before:
            made_at[id(kept)] = beliefs.model.version
        elif made_at[id(kept)] != beliefs.model.version:
            across.append(beliefs.model.version)
        beliefs.map._bound = None
        fresh = Beliefs(beliefs.model, beliefs.map, beliefs.level, beliefs.failures)
        assert lower_bound(fresh) == found
        assert fresh._cells_by_look() == beliefs._cells_by_look()
        beliefs.map._bound = kept
        checked.append(True)
        return found

    monkeypatch.setattr(skill_plan, "_lower_bound", compared)
    level = generate("rooms", 12, 8, rooms=3, doors="any")
    session = Session(LevelSource.fixed(level if view is None else with_view(level, view)),
                      make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    for _ in range(2):
        session.run_episode()
    assert len(checked) >= 10 and len(set(across)) > 1


def test_walk_flags_kept_while_moves_learn_nothing_new_are_those_worked_out_afresh(monkeypatch):
    """A move seen again doing what it did grows its unit's stamp, not its shape (``WorldModel.shape``); over 3
    episodes of a cycle of five doors (a key behind each opens the next), every walk's cell flags a plan reads (``Beliefs.base_flags``, kept by the
    looks and the shapes of the moves' units: ``by_moves``) equal those a new ``Beliefs`` works out, and some were
    read at a model version other than the one they were worked out at."""
    model, _, _ = play_steps(Action.MOVE_DOWN)
    unit = next(u for u in model.units if u[0] == "move")
    shape, stamp = model.shape(unit), model.stamp(unit)
    fact = next(iter(model.units[unit].values()))
    model.learn(unit, fact.feats, fact.outcome, "here")
    assert model.shape(unit) == shape and model.stamp(unit) == stamp + 1

    base_flags = Beliefs.base_flags
    made_at: dict = {}
    checked, across = [], []

    def compared(beliefs, keys, hopeful):
        found = base_flags(beliefs, keys, hopeful)
        made_at.setdefault(id(found), beliefs.model.version)
        if made_at[id(found)] != beliefs.model.version:
            across.append(beliefs.model.version)
        fresh = Beliefs(beliefs.model, beliefs.map, beliefs.level, beliefs.failures)
        assert base_flags(fresh, keys, hopeful) == found
        checked.append(found)  # held: an id is not reused while the list keeps it
        return found

    monkeypatch.setattr(Beliefs, "base_flags", compared)
    session = Session(LevelSource.fixed(CYCLE), make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    for _ in range(3):
        session.run_episode()
    assert len(checked) >= 10 and len(set(across)) > 1
