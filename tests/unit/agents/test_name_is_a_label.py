"""A level's name is a label for people and skills, and its fingerprint an opaque id: neither tells the agent
anything. Generated names spell out the rules (``rooms3-10-s11-aB.bC.cA`` pairs key a with door B; ``-consumed``
spends keys); the same cells under another name (so another fingerprint too) are played step for step alike.
Reading the name, or ordering anything by the fingerprint's text, would make the two differ."""

from __future__ import annotations

import dataclasses

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate


def _played(level, episodes: int = 2) -> list[tuple[str, ...]]:
    agent = make_agent("procmem", seed=1, library=SkillLibrary())
    chosen: list[str] = []
    act = agent.act
    agent.act = lambda obs: (lambda d: chosen.append(d.action.value) or d)(act(obs))
    session = Session(LevelSource.fixed(level), agent)
    played = []
    for _ in range(episodes):
        chosen.clear()
        session.run_episode()
        played.append(tuple(chosen))
    return played


@pytest.mark.parametrize("level", [generate("rooms", 10, 11, opens="aB bC cA"),
                                   generate("doorkey", 8, 4, keys="consumed", view=3)],
                         ids=["pairing", "consumed-fog"])
def test_the_same_level_under_another_name_is_played_alike(level):
    renamed = dataclasses.replace(level, name="plain")
    assert renamed.name != level.name
    assert _played(renamed) == _played(level)
