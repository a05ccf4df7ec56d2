"""What a curiosity search keeps on the map across decisions (memory/imagine.py ``kept_answers`` and
``kept_walks``: what an action other than a move could teach or change at a look holding some keys, what it meets
at a cell, the walks) changes no decision: every search of a played episode chooses the same experiment, at the
same cost and value, drawing the seeded generator alike, as the same search run on a map that keeps nothing."""

from __future__ import annotations

import copy

from procmem_tui.agents import make_agent, procedural
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

_KEPT = ("_kept_answers", "_kept_walks", "_derived")


def test_kept_answers_choose_what_a_fresh_search_chooses(monkeypatch):
    """On ``distractor_keys`` (six keys: each search meets many holdings, and consecutive decisions share most of
    what they ask), the agent's episode 1 runs every search twice: once as played (with what earlier searches
    kept) and once on a copy of the model and map that keeps nothing. Both choose the same experiment and leave
    the generator in the same state; some searches met kept answers."""
    searched, met_kept = [], []
    curious = procedural.curious

    def both(model, m, level, now, rng, *args, **kwargs):
        fresh_model, fresh_map, fresh_rng = copy.deepcopy((model, m, rng))
        for name in _KEPT:
            if hasattr(fresh_map, name):
                delattr(fresh_map, name)
        met_kept.append(bool(getattr(m, "_kept_answers", (None, {}))[1]))
        played = curious(model, m, level, now, rng, *args, **kwargs)
        afresh = curious(fresh_model, fresh_map, level, now, fresh_rng, *args, **kwargs)
        searched.append((played, afresh, rng.bit_generator.state == fresh_rng.bit_generator.state))
        return played

    monkeypatch.setattr(procedural, "curious", both)
    session = Session(LevelSource.fixed(load_level("distractor_keys")), make_agent("procmem", seed=0))
    session.run_episode()
    assert len(searched) > 10 and any(met_kept)
    for played, afresh, same_draws in searched:
        assert played == afresh and same_draws
