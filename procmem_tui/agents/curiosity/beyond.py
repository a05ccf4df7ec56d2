"""Under fog, a shut door is also a place to look from: what opening it would show is part of what a try is worth.

A shut object with a letter that blocks sight (a door) hides what lies behind it, and no look from this side counts
those cells (``frontier.Gains`` takes a seen cell that blocks sight as opaque). So a try that could open it was worth
only what it teaches about the object (``values``: a half, a quarter, a tenth of a look once the kind was tried a few
times), and the agent walked off to look at every other corner first, to come back for the door at the end (the
held-out set under ``--view 3``: the way on through a door, left for last). Here a try at such an object that is
worth a step at all is worth as well the look from the cell the object stands on (the never-seen cells a field of
view from there reaches, as a share of a sight disc: a frontier's worth, ``BEYOND`` of it), as if it opened. Nothing
says which action opens what, or holding which key: any action worth trying there is counted so, and a try whose
outcome the model knows is worth nothing, so nothing is added to it (a door known shut for what is held is not tried
again for the view). Not on a level seen to spend a key at what it opened (keys used up): there opening a door for
the view may spend a key the way on needs, and the first visit's route is what later episodes start from
(``unusual_levels.py --view 3`` ``rooms4-28-s505-any+consumed`` settled at 82 steps for 70 with it).
"""

from __future__ import annotations

from procmem_tui.agents.curiosity.frontier import Gains
from procmem_tui.agents.curiosity.values import FRONTIER
from procmem_tui.memory.imagine import MOVE as _MOVE, Look

BEYOND = 1.0  # the share of the look from a shut object that blocks sight a try there is worth as well
MOST = BEYOND * FRONTIER  # the most ``beyond`` adds (a look that shows a whole disc)


def spends_keys(model, level: str) -> bool:
    """Whether this level was seen to spend a key held at what an action other than a move changed (on ``level``
    only: another level's rules may differ)."""
    for (action, _role, _kind), facts in model.units.items():
        if action == _MOVE:
            continue
        for fact in facts.values():
            if level in fact.levels and fact.outcome.lost:
                return True
    return False


def beyond(gains: Gains, target: tuple[int, int], lk: Look) -> float:
    """What a try at ``lk`` on ``target`` may also show: ``BEYOND`` × ``FRONTIER`` × the share of a sight disc a
    look from ``target`` would bring into sight, for a shut object with a letter that blocks sight; else 0."""
    if not lk.letter or lk.open or gains.transparent[target]:
        return 0.0
    return MOST * gains.exact(target) / gains.area
