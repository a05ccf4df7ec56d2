"""What an action meets at a cell, as the curiosity search reads it (agents/curiosity/search.py ``_Search._met_at``,
read off the search's own looks instead of ``Imagination.acts``): the same cells, roles and looks as the model's
imagination gives, the never-seen ones left out, in every situation of a played map (doors open, objects gone)."""

from __future__ import annotations

import numpy as np

from procmem_tui.agents import make_agent, procedural
from procmem_tui.agents.curiosity.search import _Search
from procmem_tui.memory.imagine import ACTS, BESIDE, HERE, Belief
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level


def test_met_at_is_what_the_imagination_says_an_action_meets():
    """On ``distractor_keys`` after its first searches (keys and doors tried: the model knows where actions act), at
    every cell of the map, holding nothing and holding a key, with nothing changed and with a key gone and a door
    open beside the cells, ``_met_at`` lists what ``Imagination.acts_now`` lists, minus cells never seen."""
    seen = []
    curious = procedural.curious

    def kept(model, m, level, now, rng, *args, **kwargs):
        seen.append((model, m, level))
        return curious(model, m, level, now, rng, *args, **kwargs)

    procedural.curious = kept
    try:
        session = Session(LevelSource.fixed(load_level("distractor_keys")), make_agent("procmem", seed=0))
        while len(seen) < 12 and not session.done:
            session.agent_step()
    finally:
        procedural.curious = curious
    model, m, level = seen[-1]
    search = _Search(model, m, level, np.random.default_rng(0))
    keys = sorted(pos for pos, cell in m.objects.items() if cell.kind == "key")
    doors = sorted(pos for pos, cell in m.objects.items() if cell.kind == "door")
    assert keys and doors and any(model.roles(a.value) for a in ACTS)
    situations = [(frozenset(), frozenset(), frozenset()),
                  (frozenset({"a"}), frozenset(doors[:1]), frozenset(keys[:1]))]
    for held, opened, gone in situations:
        for x in range(m.width):
            for y in range(m.height):
                b = Belief((x, y), held, opened, gone)
                for action in ACTS:
                    expected = [(c, HERE if c == b.pos else BESIDE, lk) for c, lk, _ in search.im.acts_now(action, b)
                                if lk is not None]
                    assert search._met_at(action, b) == expected
