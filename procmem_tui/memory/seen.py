"""What one step was seen to change, named: the labels the skill memory cuts trajectories with.

They are read off two observed situations (before and after an action), never reported by the world: the keys
held grew (``key_picked``), a door was seen to open (``door_opened``), the episode ended with a reward
(``goal_reached``), the position changed (``moved``), or nothing changed (``bumped`` after a move action that left
the agent in place, ``no_effect`` otherwise).
"""

from __future__ import annotations

from procmem_tui.world import Action, State
from procmem_tui.world.actions import BUMPED, DOOR_OPENED, GOAL_REACHED, KEY_PICKED, MOVE_DELTAS, MOVED, NO_EFFECT


def seen_events(before: State, action: Action, after: State, reward: float, terminated: bool) -> tuple[str, ...]:
    events = []
    if after.pos != before.pos:
        events.append(MOVED)
    if after.keys - before.keys:
        events.append(KEY_PICKED)
    if after.opened - before.opened:
        events.append(DOOR_OPENED)
    if terminated and reward > 0:
        events.append(GOAL_REACHED)
    if not events:
        events.append(BUMPED if Action(action) in MOVE_DELTAS else NO_EFFECT)
    return tuple(events)
