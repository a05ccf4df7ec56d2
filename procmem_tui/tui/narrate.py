"""What just happened, in the game's words: one short log line per event of a step.

``narrate(level, transition, who)`` turns a recorded step into a line such as "you picked up key a", "you opened
door A", "the wall doesn't move" or "door B is locked: it needs key b", or None for a plain move. The event log
folds repeats ("the wall doesn't move ×3"). Pure: it reads the level and the step, nothing of the app.
"""

from __future__ import annotations

from procmem_tui.world import Action
from procmem_tui.world.actions import BUMPED, DOOR_OPENED, KEY_PICKED, MOVE_DELTAS, NO_EFFECT

_NEIGHBOURS = ((0, 1), (1, 0), (0, -1), (-1, 0))


def narrate(level, transition, who: str = "you") -> str | None:
    """The line for one step (``who`` is "you" or "the agent"), or None when it needs none (a plain move)."""
    events, before, after = transition.events, transition.state, transition.next_state
    if KEY_PICKED in events:
        return f"{who} picked up key {level.keys.get(before.pos, '?')}"
    if DOOR_OPENED in events:
        opened = sorted(set(after.opened) - set(before.opened))
        letter = level.doors.get(opened[0], "?") if opened else "?"
        spent = sorted(set(before.keys) - set(after.keys))
        used = f" (key {spent[0]} used up)" if spent else ""
        return f"{who} opened door {letter}{used}"
    action = transition.action
    if BUMPED in events and action in MOVE_DELTAS:
        dx, dy = MOVE_DELTAS[action]
        return bumped(level, before, (before.pos[0] + dx, before.pos[1] + dy))
    if NO_EFFECT in events and action == Action.PICKUP_KEY:
        letter = level.keys.get(before.pos)
        if letter is None or before.pos in before.taken:
            return "no key here to pick up"
        return f"{who} already hold{'' if who == 'you' else 's'} key {letter}"
    if NO_EFFECT in events and action == Action.OPEN_DOOR:
        doors = [level.doors[p] for d in _NEIGHBOURS
                 if (p := (before.pos[0] + d[0], before.pos[1] + d[1])) in level.doors and p not in before.opened]
        if not doors:
            return "no closed door next to you" if who == "you" else "no closed door in reach"
        return f"door {doors[0]} stays locked: no key {who} hold{'' if who == 'you' else 's'} opens it"
    return None


def bumped(level, state, target) -> str:
    """Why a move went nowhere: what stands in ``target``."""
    if not level.in_bounds(target):
        return "that is the edge of the level"
    if target in level.walls:
        return "the wall doesn't move"
    if target in level.boxes:
        return "the crate doesn't move"
    if target in level.doors and target not in state.opened:
        return f"door {level.doors[target]} is locked: stand next to it and press o"
    return "you can't go there"
