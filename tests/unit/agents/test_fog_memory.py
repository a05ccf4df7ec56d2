"""Under fog the agent remembers the map it explored, with the rest of its knowledge: a new agent object that
restores the library's knowledge (a restart, a new process) plays the level's second episode as well as the agent
that explored it — optimally here — while without the remembered map it would start in the dark again."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate

LEVEL = generate("doorkey", 8, 1, view=2)


def _episode(path, drop=()) -> object:
    """One episode by a new agent on the library at ``path``: through a session on the store (which restores the
    agent's knowledge and saves it after), or, with parts to ``drop``, restored by hand without them and unsaved."""
    with SkillStore.open(path) as store:
        agent = make_agent("procmem", seed=0, library=store.load_library(seed=0))
        if not drop:
            return Session(LevelSource.fixed(LEVEL), agent, store).run_episode(advance=False)
        knowledge = store.load_knowledge("procmem")
        agent.restore_knowledge({k: v for k, v in knowledge.items() if k not in drop})
        return Session(LevelSource.fixed(LEVEL), agent).run_episode(advance=False)


@pytest.fixture(scope="module")
def explored(tmp_path_factory):
    path = tmp_path_factory.mktemp("fog") / "lib.sqlite3"
    first = _episode(path)
    assert first.success and first.steps > first.optimal_steps  # the level was explored, not known
    return path


def test_a_restarted_agent_plays_the_explored_level_optimally_under_fog(explored, tmp_path):
    """A new agent on the library of one that explored the level under fog plays its next episode optimally."""
    copy = tmp_path / "lib.sqlite3"
    copy.write_bytes(explored.read_bytes())
    second = _episode(copy)
    assert second.success and second.steps == second.optimal_steps


def test_without_the_remembered_map_the_restart_is_worse(explored, tmp_path):
    """The contrast that makes the test above mean something: the same knowledge minus the maps."""
    copy = tmp_path / "lib.sqlite3"
    copy.write_bytes(explored.read_bytes())
    second = _episode(copy, drop=("level_maps",))
    assert second.steps > second.optimal_steps
