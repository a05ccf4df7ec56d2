"""The README's "What the agent is given" is true to the code: it names every field of the observation agents are
handed, and every kind of condition the world model's vocabulary can state (and the kinds of cell a unit can meet,
the edge included)."""

from __future__ import annotations

import re
from dataclasses import fields
from itertools import product
from pathlib import Path

from procmem_tui.memory.world_model import EDGE, features
from procmem_tui.world.observation import KINDS, Observation

README = Path(__file__).resolve().parents[2] / "README.md"

# each Observation field, and the words the README uses for it
FIELD_WORDS = {
    "width": "width", "height": "height", "cells": "cells in sight", "pos": "its position",
    "held": "the keys it holds", "opened": "which doors in sight stand open", "reward": "reward",
    "terminated": "episode ended", "truncated": "cut off", "steps": "the steps taken", "max_steps": "the budget",
    "in_sight": "cells in sight",
}


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## What the agent is given")
    return re.sub(r"\s+", " ", text[start:text.index("\n## ", start + 1)])


def test_every_field_of_the_observation_is_named():
    """A field added to ``Observation`` (or one the README leaves out, as the grid's size once was) fails here
    until the README says it."""
    section = _section()
    assert {f.name for f in fields(Observation)} == set(FIELD_WORDS)
    missing = [name for name, words in FIELD_WORDS.items() if words not in section]
    assert missing == []


def test_every_condition_the_model_can_state_is_named():
    """The conditions ``features`` produces for any letter, state and holding are of the families the README
    lists (``letter:``, ``holds:``, open or not), each with its README spelling, and every kind a unit can meet is
    named, the edge included."""
    section = _section()
    made = set()
    for letter, is_open, held in product(["", "a", "B"], [False, True], [(), ("a",), ("b",), ("a", "c")]):
        made |= features(letter, is_open, frozenset(held))
    families = {f if f in {"open", "closed"} or f.startswith("holds:") and f[6:] in {"own", "other", "nothing"}
                else f.split(":")[0] + ":" for f in made}
    assert families == {"letter:", "holds:", "open", "closed", "holds:own", "holds:other", "holds:nothing"}
    for spelled in ("`letter:B`", "`holds:a`", "`holds:own`", "`holds:other`", "holding nothing", "stands open"):
        assert spelled in section
    for kind in (*KINDS, EDGE):
        assert kind in section


def test_everything_the_session_hands_an_agent_is_named():
    """Beyond the observation, ``begin_episode`` hands the episode's number, the level's fingerprint and its name,
    and ``end_episode`` the session's record of the episode: each is named in the section (the record and the name
    were not, before)."""
    import inspect

    from procmem_tui.agents.base import Agent

    words = {"observation": "The observation", "episode": "the episode's number", "level_id": "fingerprint",
             "level_name": "its name", "trajectory": "the session's record", "keep": None}
    handed = {name for method in (Agent.begin_episode, Agent.end_episode)
              for name in inspect.signature(method).parameters if name != "self"}
    assert handed == set(words)
    section = _section()
    assert [w for w in words.values() if w and w not in section] == []
