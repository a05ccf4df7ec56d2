"""Agents work from observations only: during an episode no code of agents/ or memory/ reads the level (its
grid, headers or rules) — only the session, the world and the oracle ``planner`` do — nor, at its end, the
session's record of the world's states and event names (the trajectory ``end_episode`` is handed): a learner
learns from what it observed, its own record."""

from __future__ import annotations

import sys
from dataclasses import fields

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.trajectory import Transition
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Level, generate, load_level

# memory modules the session itself calls (the level's identity, the store's records): not the agent's doing
_SESSION_HELPERS = ("procmem_tui.memory.features", "procmem_tui.memory.store", "procmem_tui.memory.episodes")


def _agent_side() -> str | None:
    """The module that makes a read the agent's doing: the innermost agents/ or memory/ module on the call stack
    when an agent (not the oracle ``planner``) is on it above that module and below the session. Memory code the
    session calls itself (its records, the trajectory's totals) is the session's doing."""
    frame = sys._getframe(2)
    found = None
    for _ in range(60):
        if frame is None:
            break
        module = frame.f_globals.get("__name__", "")
        if module == "procmem_tui.session":
            break
        if found is None and module.startswith("procmem_tui.memory") and not module.startswith(_SESSION_HELPERS):
            found = module
        if module.startswith("procmem_tui.agents") and module != "procmem_tui.agents.planner":
            return found or module
        frame = frame.f_back
    return None


class WatchedLevel(Level):
    """A level that notes every attribute read made while agent or memory code is on the call stack."""

    def __getattribute__(self, name):
        module = _agent_side()
        if module is not None:
            READS.append((module, name))
        return object.__getattribute__(self, name)


class WatchedTransition(Transition):
    """A step of the session's record (the world's states and event names) that notes reads by agent or memory
    code alike."""

    def __getattribute__(self, name):
        module = _agent_side()
        if module is not None:
            READS.append((module, f"transition.{name}"))
        return object.__getattribute__(self, name)


READS: list = []


def watched(level: Level) -> WatchedLevel:
    return WatchedLevel(**{f.name: getattr(level, f.name) for f in fields(Level) if f.init})


LEVELS = [load_level("classic"), generate("doorkey", 8, 3), generate("rooms", 10, 4, view=3)]


@pytest.mark.parametrize("agent_name", ["procmem", "explorer", "seed", "qlearning"])
@pytest.mark.parametrize("level", LEVELS, ids=["classic", "doorkey", "rooms-fog"])
def test_no_agent_or_memory_code_reads_the_level_during_episodes(agent_name, level):
    """Two episodes (one with a person's step in it) run; the watched level records no read by agents/memory."""
    READS.clear()
    agent = make_agent(agent_name, seed=1, library=SkillLibrary())
    session = Session(LevelSource.fixed(watched(level)), agent)
    session.player_step("move_up")
    session.run_episode()
    session.run_episode()
    assert READS == []


# ``seed`` is the tutorial's agent, re-implemented as it was: its skill is the session's last five steps
# (positions, keys held, its door open), read from the session's record, as the tutorial did.
@pytest.mark.parametrize("agent_name", ["procmem", "explorer", "qlearning"])
@pytest.mark.parametrize("level", LEVELS, ids=["classic", "doorkey", "rooms-fog"])
def test_no_learner_reads_the_sessions_record_of_the_world(agent_name, level, monkeypatch):
    """The trajectory ``end_episode`` is handed holds the world's states (under fog: doors opened out of sight,
    every key taken) and the world's event names; a learner reads none of its steps (procmem learns from its own
    record of what it observed). Two episodes, one with a person's step in it, each won or cut off."""
    import procmem_tui.session as session_module

    made = []
    monkeypatch.setattr(session_module, "Transition", lambda *a, **k: made.append(1) or WatchedTransition(*a, **k))
    READS.clear()
    session = Session(LevelSource.fixed(level), make_agent(agent_name, seed=1, library=SkillLibrary()))
    session.player_step("move_up")
    session.run_episode()
    session.run_episode()
    assert made and READS == []


def test_the_watch_sees_a_read_of_the_record():
    """The record's watch can fail: an agent-side read of a step's events is recorded."""
    READS.clear()
    from procmem_tui.agents import base
    from procmem_tui.world import Action, GridWorld

    world = GridWorld(load_level("classic"))
    step = WatchedTransition(world.state, Action.MOVE_UP, 0.0, world.state, ("moved",))
    exec("step.events", {"__name__": base.__name__, "step": step})
    assert READS == [("procmem_tui.agents.base", "transition.events")]


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
