"""Fixtures shared by the memory tests."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from procmem_tui.memory import Trajectory, Transition
from procmem_tui.memory.imagine import Belief, learn_step, look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import WorldModel
from procmem_tui.world import Action, GridWorld, Level, load_level, parse_level, solve


class Played(NamedTuple):
    model: WorldModel
    map: LevelMap
    belief: Belief  # the situation after the last step


def _play(actions, level: str | Level = "classic", level_id: str | None = None) -> Played:
    """A world model fed as the agent feeds it (``ProceduralAgent._learn_model``): each step's observation is taken
    into the map, then the step is filed with the situation before it. ``level``: a built-in name, a level's text
    (it has a newline) or a ``Level``; ``level_id``: the level as the model names it (default its name)."""
    if isinstance(level, str):
        level = parse_level(level, "test") if "\n" in level else load_level(level)
    level_id = level_id or level.name
    world = GridWorld(level)
    obs = world.observe()
    seen = LevelMap(obs.width, obs.height)
    seen.see(obs)
    model = WorldModel()
    before = Belief(obs.pos, obs.held, frozenset(seen.opened), frozenset(seen.gone))
    for name in actions:
        obs = world.observe(world.step(name))
        seen.see(obs)
        after = Belief(obs.pos, obs.held, frozenset(seen.opened), frozenset(seen.gone))
        learn_step(model, seen, level_id, before, Action(name), after, obs.reward, obs.terminated,
                   lambda pos, a=after: look(seen, pos, a.opened, a.gone))
        before = after
    return Played(model, seen, before)


@pytest.fixture
def play():
    """``play(actions, level="classic", level_id=None) -> Played(model, map, belief)`` (see ``_play``)."""
    return _play


def _solved(level_name: str = "classic", episode: int = 1, player_steps: int = 0) -> Trajectory:
    """The solver's won episode of a built-in level as a session records it: the first ``player_steps`` steps by the
    player, the rest by the agent, every other step inside skill ``abc``, each with a reason."""
    level = load_level(level_name)
    world = GridWorld(level)
    start, transitions = world.state, []
    for i, action in enumerate(solve(level)):
        before = world.state
        step = world.step(action)
        transitions.append(Transition(before, action, step.reward, step.state, step.events,
                                      actor="player" if i < player_steps else "agent",
                                      skill_id="abc" if i % 2 else None, reason=f"step {i}"))
    return Trajectory(level, start, tuple(transitions), episode=episode, agent="procmem", terminated=True)


@pytest.fixture
def solved():
    """``solved(level_name="classic", episode=1, player_steps=0) -> Trajectory`` (see ``_solved``)."""
    return _solved
