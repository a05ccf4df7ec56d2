"""``benchmarks/decision_time.py`` times each level without the garbage the levels played before it left: a dropped
agent's model and caches hold reference cycles, and their collection is done before the next level's agent is made,
not inside one of its plans (it put 30 ms into a 32x32 level's slowest plan)."""

from __future__ import annotations

import gc
import importlib.util
import weakref
from pathlib import Path

import pytest

from procmem_tui.world import format_level, load_level

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "decision_time.py"


class _Made(Exception):
    """Raised where the level's agent would be made: the test looks no further."""


class _Cycle:
    """Garbage only the cyclic collector frees."""


def _script():
    spec = importlib.util.spec_from_file_location("decision_time_under_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("entry", ["play", "play_timed"])
def test_a_dropped_cycle_is_collected_before_the_next_agent_is_made(monkeypatch, entry):
    """With automatic collection off, a reference cycle dropped before a level is played is gone when its agent is
    made, for both ways the script plays a level."""
    script = _script()
    seen = []

    def made(*args, **kwargs):
        seen.append(left() is None)
        raise _Made

    monkeypatch.setattr(script, "make_agent", made)
    monkeypatch.setattr(script, "_WORK", object())  # no counting wrappers installed for this process
    enabled = gc.isenabled()
    gc.disable()
    try:
        cycle = _Cycle()
        cycle.me = cycle
        left = weakref.ref(cycle)
        del cycle
        with pytest.raises(_Made):
            if entry == "play":
                script.play("rooms4-16-s3", 1, object())
            else:
                script.play_timed(("default", format_level(load_level("two_doors")), 1, 0, False))
    finally:
        if enabled:
            gc.enable()
    assert seen == [True]


def test_collections_lists_the_passes_inside_timed_acts_alone():
    """``--collections``: a pass of the cyclic collector while an act is timed is listed with its generation; one
    between acts is not."""
    script = _script()
    seen = script.Collections()
    try:
        gc.collect(0)
        seen.acting = True
        gc.collect(1)
        seen.acting = False
        gc.collect(0)
        passes = seen.take()
    finally:
        seen.close()
    assert [generation for generation, _ in passes] == [1]
    assert all(ms >= 0 for _, ms in passes)
    assert seen.take() == []


def test_searches_lists_each_curiosity_search_of_episode_one():
    """``--searches``: one row per curiosity search of episode 1, each with at least one situation expanded and no
    more sets of keys held than situations; the search and the agent's ``curious`` are as they were afterwards."""
    from procmem_tui.agents import procedural
    from procmem_tui.agents.curiosity.search import _Search

    script = _script()
    run, curious = _Search.run, procedural.curious
    rows = script.searches("rooms4-16-s3", calls=True)
    assert (_Search.run, procedural.curious) == (run, curious)
    assert len(rows) > 5
    assert all(1 <= r["held sets"] <= r["expanded"] and r["ms"] >= 0 and r["calls"] > 0 for r in rows)
    assert rows[0]["held"] == ""
