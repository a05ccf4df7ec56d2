"""Two speed-ups of the curiosity search change no decision. What it keeps across decisions (memory/imagine.py
``kept_answers``, ``kept_walks``, ``imagination``, held by the model for one map at a time: what an action other
than a move could teach or change at a look holding some keys, what it meets at a cell, the walks, the model's
predictions), and its stop within a situation once nothing left there could be worth enough
(``_Search._most_worth``): every search of a played episode chooses the same experiment, at the same cost and
value, drawing the seeded generator alike, as the same search on a map that keeps nothing, and as that search
looking at every cell."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent, procedural
from procmem_tui.agents.curiosity.search import _Search
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

from fresh_search import fresh_copies

CHECKED = 16


class _Checked(Exception):
    """Raised at the search after the ``CHECKED`` ones: the episode stops there."""


def test_kept_answers_and_the_stop_choose_what_a_full_fresh_search_chooses(monkeypatch):
    """On ``distractor_keys`` (six keys: each search meets many holdings, consecutive decisions share most of what
    they ask, and most situations offer only cheap experiments), episode 1 runs each of its first ``CHECKED`` searches
    (the first key taken, then the doors tried holding it) three times: as played, on a copy that keeps nothing, and on
    a copy that keeps nothing and never stops early. All three choose the same experiment and leave the generator in
    the same state; some searches met kept answers."""
    searched, met_kept = [], []
    curious = procedural.curious
    most_worth = _Search._most_worth

    def all_three(model, m, level, now, rng, *args, **kwargs):
        if len(searched) >= CHECKED:
            raise _Checked  # the rest of the episode checks nothing
        fresh, full = fresh_copies(model, m, rng), fresh_copies(model, m, rng)
        met_kept.append(bool(getattr(model, "_kept_for_map", (None, {}))[1].get("answers", (None, {}))[1]))
        played = curious(model, m, level, now, rng, *args, **kwargs)
        afresh = curious(fresh[0], fresh[1], level, now, fresh[2], *args, **kwargs)
        monkeypatch.setattr(_Search, "_most_worth", lambda self, b, dist, active, done: float("inf"))
        looked_at_all = curious(full[0], full[1], level, now, full[2], *args, **kwargs)
        monkeypatch.setattr(_Search, "_most_worth", most_worth)
        states = [r.bit_generator.state for r in (rng, fresh[2], full[2])]
        searched.append((played, afresh, looked_at_all, states))
        return played

    monkeypatch.setattr(procedural, "curious", all_three)
    session = Session(LevelSource.fixed(load_level("distractor_keys")), make_agent("procmem", seed=0))
    with pytest.raises(_Checked):
        session.run_episode()
    assert len(searched) == CHECKED and any(met_kept)
    for played, afresh, looked_at_all, states in searched:
        assert played == afresh == looked_at_all
        assert states[0] == states[1] == states[2]
