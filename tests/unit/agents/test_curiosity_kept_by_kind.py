"""What the curiosity search knows about one look (``_meets``, ``_chance``, ``_answers_alike``) is kept across
decisions by the units of that look's kind: a try at a key, or a new fact about the floor, leaves every door's
answers standing (on ``distractor_keys`` the search after open_door was tried at a key worked out again whether
each door answers alike holding one key more). Kept or not, every search of the episode chooses what a search on a
copy that keeps nothing chooses."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent, procedural
from procmem_tui.agents.curiosity import search
from procmem_tui.memory.imagine import looks_stamp
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level

from fresh_search import fresh_copies


def _kind_stamps(model, m, kind: str) -> tuple:
    """What an answer about a look of ``kind`` reads: its kind's units, the other units' outcomes (what changed, took a
    letter or opened), the map's looks and the kinds ever tried."""
    mine = tuple(sorted((unit, model.stamp(unit)) for unit in model.units if unit[2] == kind))
    outcomes = frozenset((unit, f.outcome.changes, bool(f.outcome.gained), bool(f.outcome.object))
                         for unit, facts in model.units.items() for f in facts.values())
    return mine, outcomes, looks_stamp(m), frozenset(unit[2] for unit in model.units)


def test_a_looks_alike_answers_are_worked_out_again_only_after_its_kind_changed(monkeypatch):
    """Each (look, two readings) whose answers were compared in one search is compared afresh in a later one only
    where a unit of the look's kind, what the answers read across kinds, the map's looks (a key taken) or the kinds
    ever tried changed in between."""
    worked_out: dict = {}  # (look, readings) -> the kind's stamps when last worked out
    again = []
    answered = search._Search._answered_alike

    def counted(self, lk, held, mine, other, theirs):
        key, now = (lk, mine, theirs), _kind_stamps(self.model, self.map, lk.kind)
        if worked_out.get(key) == now:
            again.append(key)
        worked_out[key] = now
        return answered(self, lk, held, mine, other, theirs)

    monkeypatch.setattr(search._Search, "_answered_alike", counted)
    Session(LevelSource.fixed(load_level("distractor_keys")), make_agent("procmem", seed=0)).run_episode()
    assert len(worked_out) > 20
    assert again == []


@pytest.mark.slow  # a whole episode searched twice
@pytest.mark.parametrize("level", [lambda: load_level("distractor_keys"),
                                   lambda: generate("rooms", 16, 3, rooms=4, distractors=2)],
                         ids=["distractor_keys", "rooms4-16-s3"])
def test_answers_kept_by_kind_choose_what_a_fresh_search_chooses(monkeypatch, level):
    """Episode 1, every search: the played one and one on a copy that keeps nothing choose the same experiment and
    leave the generator in the same state."""
    searched = []
    curious = procedural.curious

    def both(model, m, level, now, rng, *args, **kwargs):
        fresh = fresh_copies(model, m, rng)
        played = curious(model, m, level, now, rng, *args, **kwargs)
        afresh = curious(fresh[0], fresh[1], level, now, fresh[2], *args, **kwargs)
        searched.append((played, afresh, rng.bit_generator.state, fresh[2].bit_generator.state))
        return played

    monkeypatch.setattr(procedural, "curious", both)
    Session(LevelSource.fixed(level()), make_agent("procmem", seed=0)).run_episode()
    assert len(searched) > 10
    for played, afresh, state, fresh_state in searched:
        assert played == afresh
        assert state == fresh_state
