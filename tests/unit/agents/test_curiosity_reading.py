"""The curiosity search works out what an action meets, what a move into a look is worth and what an action at a
cell leads to once per reading of the keys held (``_Search._reading``: the letters some fact about the look's kind
was filed holding and its own, and how many others), not once per holding, and that changes no decision: every
search of a played episode chooses what the same search chooses on a copy that reads every letter (one answer per
holding, as before the reading), drawing the seeded generator alike."""

from __future__ import annotations

import string

import pytest

from procmem_tui.agents import make_agent, procedural
from procmem_tui.agents.curiosity import search
from procmem_tui.agents.curiosity.search import _Search
from procmem_tui.memory.imagine import Imagination
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level

from fresh_search import fresh_copies

EVERY_LETTER = frozenset(string.ascii_lowercase)
CHECKED = 12  # distractor_keys' searches through the costliest ones (after key d is taken, then two doors tried)


class _Checked(Exception):
    """Raised at the search after the ``CHECKED`` ones: the episode stops there."""


def _both(monkeypatch, level, checked: int, counts: list) -> list:
    """Each of the first ``checked`` searches of episode 1 on ``level``, as played and on fresh copies that read
    every letter, with (the holdings ``_doing`` asked at a cell, the times ``_doing_there`` worked one out) as
    played."""
    searched = []
    curious = procedural.curious
    doing, doing_there = _Search._doing, _Search._doing_there
    asked: list = []
    worked: list = []

    def counted_doing(self, action, cell, b, done):
        asked.append((action, cell, b.held, b.opened, b.gone))
        return doing(self, action, cell, b, done)

    def counted_there(self, action, here):
        worked.append(1)
        return doing_there(self, action, here)

    def both(model, m, level_name, now, rng, *args, **kwargs):
        if len(searched) >= checked:
            raise _Checked
        fresh = fresh_copies(model, m, rng)
        asked.clear(), worked.clear()
        played = curious(model, m, level_name, now, rng, *args, **kwargs)
        counts.append((len(set(asked)), len(worked)))
        with monkeypatch.context() as patch:  # every letter read: one answer per holding
            patch.setattr(_Search, "_letters_read", lambda self, lk: EVERY_LETTER)
            patch.setattr(Imagination, "letters_read", lambda self, unit, lk: EVERY_LETTER)
            afresh = curious(fresh[0], fresh[1], level_name, now, fresh[2], *args, **kwargs)
        searched.append((played, afresh, rng.bit_generator.state, fresh[2].bit_generator.state))
        return played

    monkeypatch.setattr(_Search, "_doing", counted_doing)
    monkeypatch.setattr(_Search, "_doing_there", counted_there)
    monkeypatch.setattr(procedural, "curious", both)
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=0))
    with pytest.raises(_Checked):
        session.run_episode()
    return searched


def test_answers_per_reading_choose_what_answers_per_holding_choose(monkeypatch):
    """On ``distractor_keys`` (six keys: a search meets several holdings), each of the first searches of episode 1
    chooses the same experiment, at the same cost and value, with the generator in the same state, as on a copy
    whose answers are per holding; and the costliest of them works out what an action at a cell leads to fewer
    than once for every two (cell, holding) it asks about. The count is taken with the search's bound off
    (``bound.Bound``): with it, these searches expand the start alone, and meet too few holdings to show it."""
    monkeypatch.setattr(search, "_BOUND", False)
    counts: list = []
    searched = _both(monkeypatch, load_level("distractor_keys"), CHECKED, counts)
    assert len(searched) == CHECKED
    for played, afresh, state, fresh_state in searched:
        assert played == afresh
        assert state == fresh_state
    costliest = max(counts)
    assert costliest[0] > 150 and costliest[1] * 2 < costliest[0]


def test_on_four_rooms_as_well(monkeypatch):
    """The same on a 16x16 layout of four rooms with two distractor keys (the first target's size)."""
    searched = _both(monkeypatch, generate("rooms", 16, 3, rooms=4, distractors=2), 8, [])
    assert len(searched) == 8
    for played, afresh, state, fresh_state in searched:
        assert played == afresh
        assert state == fresh_state
