"""``explorer``: the procmem agent with its memory switched off — a baseline of pure within-episode curiosity.

No skill library, nothing kept between episodes: every episode it heads for the nearest untried
(object, action) interaction or unvisited cell, exactly as procmem does before it has learned anything.
"""

from __future__ import annotations

from procmem_tui.agents.procedural import ProceduralAgent


class ExplorerAgent(ProceduralAgent):
    name = "explorer"
    label = "curiosity only: procmem with its memory switched off (no skills, forgets every episode)"

    def __init__(self, seed: int = 0, library=None, **options) -> None:
        options.pop("memory", None)
        super().__init__(seed, None, memory=False, **options)
