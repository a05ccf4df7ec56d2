"""``explorer``: the procmem agent with its memory switched off — a baseline of pure within-episode curiosity.

No skill library, nothing kept between episodes (no skills, no effect model, no remembered cells): every
episode it seeks novelty over cells and objects — the nearest unvisited cell or untried (object, action)
interaction, ties broken by its seeded generator — exactly as procmem does on a level it has never seen
before learning anything. The gap between its numbers and procmem's is what memory buys.
"""

from __future__ import annotations

from procmem_tui.agents.procedural import ProceduralAgent


class ExplorerAgent(ProceduralAgent):
    name = "explorer"
    label = "curiosity only: procmem with its memory switched off (no skills, forgets every episode)"

    def __init__(self, seed: int = 0, library=None, **options) -> None:
        options.pop("memory", None)
        super().__init__(seed, None, memory=False, **options)
