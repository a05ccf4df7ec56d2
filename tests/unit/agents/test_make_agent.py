"""``make_agent``: every advertised name builds an agent of that name; an unknown name is a clear ValueError."""

from __future__ import annotations

import pytest

from procmem_tui.agents import AGENT_NAMES, make_agent
from procmem_tui.memory.library import SkillLibrary


@pytest.mark.parametrize("name", AGENT_NAMES)
def test_each_name_builds_that_agent(name):
    """Each name in AGENT_NAMES gives an agent whose ``name`` is that name and whose label says what it is."""
    agent = make_agent(name, seed=3, library=SkillLibrary())
    assert agent.name == name
    assert agent.label


def test_only_procmem_keeps_the_library():
    """The library goes to procmem only; the baselines hold none (so the session never saves theirs)."""
    library = SkillLibrary()
    assert make_agent("procmem", library=library).library is library
    for name in ("seed", "explorer", "qlearning", "planner"):
        assert make_agent(name, library=library).library is None


def test_unknown_name_lists_the_valid_ones():
    """An unknown agent name raises ValueError naming every valid agent."""
    with pytest.raises(ValueError) as info:
        make_agent("alphazero")
    for name in AGENT_NAMES:
        assert name in str(info.value)
