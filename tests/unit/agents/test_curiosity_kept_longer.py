"""What the curiosity search keeps past a key taken or a door opened (the map's version changes, its base looks do
not: ``imagine.kept_answers`` with ``looks_only``), past a try of the other action (each action's answers are kept
by its own units), and what it worked out per situation (``_Search._situation``, ``_acting_cells``) changes no
decision: every search of a whole first episode chooses what the same search on a copy that keeps nothing chooses,
drawing the seeded generator alike."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent, procedural
from procmem_tui.memory.imagine import looks_stamp
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level

from fresh_search import fresh_copies


def _kept_situations(model) -> int:
    kept = getattr(model, "_kept_for_map", (None, {}))[1]
    return sum(len(found[1]) for name, found in kept.items() if str(name).startswith("situations"))


@pytest.mark.slow  # a whole episode searched twice (``test_curiosity_kept.py`` checks the first searches fast)
@pytest.mark.parametrize("level", [lambda: load_level("distractor_keys"),
                                   lambda: generate("rooms", 16, 3, rooms=4, distractors=2)],
                         ids=["distractor_keys", "rooms4-16-s3"])
def test_answers_kept_past_a_key_taken_choose_what_a_fresh_search_chooses(monkeypatch, level):
    """Episode 1, every search: the played one and one on a copy that keeps nothing choose the same experiment and
    leave the generator in the same state; some search after the map's version changed (its looks did not) met
    situations worked out before it."""
    searched, met_past_a_change = [], []
    last = {}
    curious = procedural.curious

    def both(model, m, level, now, rng, *args, **kwargs):
        fresh = fresh_copies(model, m, rng)
        changed = last.get("version") not in (None, m.version) and last.get("looks") == looks_stamp(m)
        met_past_a_change.append(changed and _kept_situations(model) > 0)
        played = curious(model, m, level, now, rng, *args, **kwargs)
        afresh = curious(fresh[0], fresh[1], level, now, fresh[2], *args, **kwargs)
        searched.append((played, afresh, rng.bit_generator.state, fresh[2].bit_generator.state))
        last.update(version=m.version, looks=looks_stamp(m))
        return played

    monkeypatch.setattr(procedural, "curious", both)
    Session(LevelSource.fixed(level()), make_agent("procmem", seed=0)).run_episode()
    assert len(searched) > 10 and any(met_past_a_change)
    for played, afresh, state, fresh_state in searched:
        assert played == afresh
        assert state == fresh_state
