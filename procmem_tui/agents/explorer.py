"""``explorer``: the procmem agent with its memory switched off — a baseline of pure within-episode curiosity.

No skill library, nothing kept between episodes (no skills, no world model, no map): every episode it goes to
find out from nothing — the experiment of least cost ÷ value on a world model learned within the episode
(``agents/curiosity/``: the nearest untried kind of object, each action once where it could teach something,
frontiers under fog), ties broken by its seeded generator — exactly as procmem plays a level it has never seen
with an empty library. The gap between its numbers and procmem's is what memory buys.
"""

from __future__ import annotations

from procmem_tui.agents.procedural import ProceduralAgent


class ExplorerAgent(ProceduralAgent):
    name = "explorer"
    label = "curiosity only: procmem with its memory switched off (no skills, forgets every episode)"

    def __init__(self, seed: int = 0, library=None, **options) -> None:
        options.pop("memory", None)
        super().__init__(seed, None, memory=False, **options)
