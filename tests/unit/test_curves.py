"""Learning curves: grouping of recorded episodes and the numbers drawn from them."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.curves import curves, group_of
from procmem_tui.memory.store import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level


def _train(store, source, episodes, seed=0):
    library = store.load_library(seed=seed)
    session = Session(source, make_agent("procmem", seed=seed, library=library), store)
    for _ in range(episodes):
        session.run_episode()


def test_generated_layouts_group_by_family_and_size_and_levels_by_name():
    """doorkey-8-s3 and doorkey-8-s4 are one group 'doorkey-8'; a fixed level is its own group."""
    with SkillStore.open(None) as store:
        _train(store, LevelSource.generated("doorkey", 8, seed=3), 3)
        _train(store, LevelSource.fixed(load_level("classic")), 2)
        groups = curves(store.list_episodes(limit=100))
    assert sorted(groups) == ["classic", "doorkey-8"]
    assert len(groups["doorkey-8"]) == 3 and len(groups["classic"]) == 2


def test_curves_show_steps_falling_to_optimal_on_classic():
    """From an empty library the first episode explores (ratio > 1) and the later ones are optimal, in order."""
    with SkillStore.open(None) as store:
        _train(store, LevelSource.fixed(load_level("classic")), 5)
        curve = curves(store.list_episodes(limit=100))["classic"]
    assert list(curve.episodes) == sorted(curve.episodes)
    assert curve.ratio[0] > 1.0 and curve.ratio[-1] == 1.0
    assert curve.skill_share[0] == 0.0 and curve.skill_share[-1] == 1.0
    assert all(size is not None and size > 0 for size in curve.library_size)
    assert all(0.0 <= r <= 1.0 for r in curve.success_rate)
    assert curve.mean_ratio(first=1) > curve.mean_ratio(last=1)


def test_group_of_drops_the_seed_of_generated_layouts_only():
    """A hand-made level whose name ends like a seed keeps its name; a generated layout loses its seed."""
    assert group_of("maze-s2", None) == "maze-s2"
    assert group_of("rooms3-10-s42", "rooms") == "rooms3-10"
