"""Agents work from observations only: during an episode no code of agents/ or memory/ reads the level (its
grid, headers or rules) — only the session, the world and the oracle ``planner`` do."""

from __future__ import annotations

import sys
from dataclasses import fields

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Level, generate, load_level

# memory modules the session itself calls (the level's identity, the store's records): not the agent's doing
_SESSION_HELPERS = ("procmem_tui.memory.features", "procmem_tui.memory.store", "procmem_tui.memory.episodes")


class WatchedLevel(Level):
    """A level that notes every attribute read made while agent or memory code is on the call stack."""

    def __getattribute__(self, name):
        frame = sys._getframe(1)
        for _ in range(40):
            if frame is None:
                break
            module = frame.f_globals.get("__name__", "")
            if module.startswith("procmem_tui.agents") and module != "procmem_tui.agents.planner":
                READS.append((module, name))
                break
            if module.startswith("procmem_tui.memory") and not module.startswith(_SESSION_HELPERS):
                READS.append((module, name))
                break
            if module == "procmem_tui.session":
                break
            frame = frame.f_back
        return object.__getattribute__(self, name)


READS: list = []


def watched(level: Level) -> WatchedLevel:
    return WatchedLevel(**{f.name: getattr(level, f.name) for f in fields(Level) if f.init})


@pytest.mark.parametrize("agent_name", ["procmem", "explorer", "seed", "qlearning"])
@pytest.mark.parametrize("level", [load_level("classic"), generate("doorkey", 8, 3)], ids=["classic", "doorkey"])
def test_no_agent_or_memory_code_reads_the_level_during_episodes(agent_name, level):
    """Two episodes (one with a person's step in it) run; the watched level records no read by agents/memory."""
    READS.clear()
    agent = make_agent(agent_name, seed=1, library=SkillLibrary())
    session = Session(LevelSource.fixed(watched(level)), agent)
    session.player_step("move_up")
    session.run_episode()
    session.run_episode()
    assert READS == []


def test_the_watch_sees_a_read():
    """The watch can fail: an agent-side read of the level is recorded."""
    READS.clear()
    level = watched(load_level("classic"))
    from procmem_tui.agents import base

    exec("level.walls", {"__name__": base.__name__, "level": level})
    assert READS == [("procmem_tui.agents.base", "walls")]


def test_only_the_oracle_is_handed_the_level():
    """The planner (an oracle by design) gets the level; a learner has no attribute holding it or the world."""
    session = Session(LevelSource.fixed(load_level("classic")), make_agent("planner"))
    assert session.agent.oracle and session.agent.level is session.level
    session = Session(LevelSource.fixed(load_level("classic")), make_agent("procmem", library=SkillLibrary()))
    learner = session.agent
    assert not learner.oracle
    assert not hasattr(learner, "world")
    assert all(v is not session.level for v in vars(learner).values())
