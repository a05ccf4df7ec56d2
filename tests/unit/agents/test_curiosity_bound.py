"""The curiosity search leaves out the situations where no experiment, there or beyond, could beat the best one kept
(``curiosity.bound``), and that changes no decision: every search of an episode chooses what the same search
chooses without the bound (on a fresh copy of what it reads), drawing the seeded generator alike, while on
``distractor_keys`` the searches after key d is taken no longer expand each key they could take next."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent, procedural
from procmem_tui.agents.curiosity import search
from procmem_tui.agents.curiosity.search import _Search
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level

from fresh_search import fresh_copies


def _both(monkeypatch, level) -> list:
    """Each search of episode 1 on ``level``: (chosen, chosen without the bound, generator state after each,
    situations expanded with the bound, without it)."""
    searched = []
    curious = procedural.curious
    run = _Search.run
    expanded: list = []

    def noted(self, start):
        run(self, start)
        expanded.append(self.expanded)

    def both(model, m, level_name, now, rng, *args, **kwargs):
        fresh = fresh_copies(model, m, rng)
        expanded.clear()
        played = curious(model, m, level_name, now, rng, *args, **kwargs)
        with monkeypatch.context() as patch:
            patch.setattr(search, "_BOUND", False)
            unbound = curious(fresh[0], fresh[1], level_name, now, fresh[2], *args, **kwargs)
        searched.append((played, unbound, rng.bit_generator.state, fresh[2].bit_generator.state, *expanded))
        return played

    monkeypatch.setattr(_Search, "run", noted)
    monkeypatch.setattr(procedural, "curious", both)
    Session(LevelSource.fixed(level), make_agent("procmem", seed=0)).run_episode()
    return searched


@pytest.mark.parametrize("level", [load_level("distractor_keys"), generate("rooms", 16, 3, rooms=4, distractors=2)],
                         ids=["distractor_keys", "rooms4-16-s3"])
def test_the_bound_changes_no_choice(monkeypatch, level):
    """Every search of episode 1 chooses the same experiment, at the same cost and value, with the generator in the
    same state, with the bound and without it; it never expands more situations."""
    searched = _both(monkeypatch, level)
    assert searched
    for played, unbound, state, unbound_state, mine, theirs in searched:
        assert played == unbound
        assert state == unbound_state
        assert mine <= theirs


def test_keys_near_are_not_each_taken(monkeypatch):
    """On ``distractor_keys``, once key d is held and the doors' first tries are near, the searches that expanded
    each key they could take next (5 or 6 situations, one per new holding, none of them offering anything that beat
    the try a step or two away) expand the start alone."""
    searched = _both(monkeypatch, load_level("distractor_keys"))
    cut = [(mine, theirs) for *_, mine, theirs in searched[10:17]]
    assert all(mine == 1 for mine, _ in cut)
    assert sum(theirs for _, theirs in cut) >= 30
