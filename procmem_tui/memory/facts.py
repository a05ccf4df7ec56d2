"""What an agent perceives in a state, as symbolic facts: skill preconditions and the library's retrieval query.

``state_facts(level, state)`` — what is seen in the state (``level`` is the agent's map drawn as a level; nothing
here says what an object does or what blocks):

  =============================  ==================================================================
  fact                           true when
  =============================  ==================================================================
  ``level:<fingerprint>``        always (the layout; ties motor skills to their level)
  ``pos:x,y``                    the agent stands at (x, y)
  ``holding:a`` / ``holding:any``  key a is held / at least one key is held
  ``door_open:A``                a door A is seen open
  ``on:key:a``                   the agent stands on key a, still lying there
  ``next_to:door:A``             a closed door A is next to the agent (up, right, down, left)
  ``sees:key:a``                 key a is seen lying on the map
  ``sees:door:A``                a closed door A is seen on the map
  ``sees:goal``                  a goal is seen on the map
  ``sees:any_key`` / ``sees:any_door``   role versions of the two above
  =============================  ==================================================================

These are labels for matching skills to situations; what to try where is the world model's question
(``agents/curiosity/``, ``agents/explore.py``), so nothing here lists objects by kind to act on.
"""

from __future__ import annotations

from procmem_tui.world import Level, State


def state_facts(level: Level, state: State, *, fingerprint: str | None = None) -> frozenset[str]:
    """The facts true in ``state`` (see the module docstring). ``fingerprint`` may be passed to save work."""
    if fingerprint is None:
        from procmem_tui.memory.features import level_fingerprint

        fingerprint = level_fingerprint(level)
    x, y = state.pos
    facts = {f"level:{fingerprint}", f"pos:{x},{y}"}
    for letter in state.keys:
        facts.add(f"holding:{letter}")
    if state.keys:
        facts.add("holding:any")
    for pos, letter in level.doors.items():
        if pos in state.opened:
            facts.add(f"door_open:{letter}")
    key_here = level.keys.get(state.pos)
    if key_here is not None and state.pos not in state.taken:
        facts.add(f"on:key:{key_here}")
    for pos, letter in level.keys.items():
        if pos not in state.taken:
            facts.update((f"sees:key:{letter}", "sees:any_key"))
    for pos, letter in level.doors.items():
        if pos in state.opened:
            continue
        adjacent = abs(pos[0] - x) + abs(pos[1] - y) == 1
        if adjacent:
            facts.add(f"next_to:door:{letter}")
        facts.update((f"sees:door:{letter}", "sees:any_door"))
    if level.goals:
        facts.add("sees:goal")
    return frozenset(facts)
