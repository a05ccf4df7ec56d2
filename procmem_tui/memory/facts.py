"""What an agent can perceive in a state, as symbolic facts: skill preconditions and applicability tests.

Two vocabularies:

* ``state_facts(level, state)`` — everything true of the state, concrete and role-level:

  =============================  ==================================================================
  fact                           true when
  =============================  ==================================================================
  ``level:<fingerprint>``        always (the layout; ties motor skills to their level)
  ``pos:x,y``                    the agent stands at (x, y)
  ``holding:a`` / ``holding:any``  key a is held / at least one key is held
  ``door_open:A``                a door A is open
  ``on:key:a``                   the agent stands on key a, still lying there
  ``next_to:door:A``             a closed door A is next to the agent (up, right, down, left)
  ``sees:key:a``                 key a lies on the grid and the agent can walk to it now
  ``sees:door:A``                a closed door A has a neighbouring cell the agent can walk to now
  ``sees:goal``                  a goal can be walked to now
  ``sees:any_key`` / ``sees:any_door``   role versions of the two above
  =============================  ==================================================================

* ``target_facts(level, state, target)`` — role-level facts about one object an abstract skill is bound to
  (``target:key``, ``target:door``, ``target:goal``, ``target:reachable``, ``target:lying`` (a key not yet
  taken), ``target:closed`` (a door)). An abstract skill's preconditions are the target facts true at every
  start where it worked (the intersection over successful starts), so they read as "a reachable closed door".

* ``relations(level, keys, pos)`` — generic relations between what is held and one object: ``held:none``,
  ``held:same_letter`` (a held key has the object's letter), ``held:other_letter`` (a held key has another).
  ``changes(level, before, after, pos, ended)`` — what an interaction changed: ``gained:same_letter`` /
  ``gained:other_letter``, ``lost:same_letter`` / ``lost:other_letter``, ``opened:target``, ``taken:target``,
  ``ended``. Which relations matter, and what each interaction changes, is learned (``memory.rules``): nothing
  here says which key opens which door or what happens to it.

"Can walk to" uses what is visible on the grid: walls, boxes and closed doors block; floor, keys, goals and open
doors do not (the agents treat passability as perception; what objects *do* is what they learn).
"""

from __future__ import annotations

from procmem_tui.memory.paths import Pos, neighbours, reachable
from procmem_tui.world import Level, State

TARGET_KINDS = ("key", "door", "goal")


def targets(level: Level, state: State) -> list[tuple[str, Pos]]:
    """The objects an abstract skill can be bound to now: lying keys, closed doors, goals (stable order)."""
    found = [("key", p) for p in sorted(level.keys) if p not in state.taken]
    found += [("door", p) for p in sorted(level.doors) if p not in state.opened]
    found += [("goal", p) for p in sorted(level.goals)]
    return found


def _door_reachable(level: Level, cells: dict[Pos, int], door: Pos) -> bool:
    return any(cell in cells for cell in neighbours(door))


def state_facts(level: Level, state: State, *, fingerprint: str | None = None,
                cells: dict[Pos, int] | None = None) -> frozenset[str]:
    """The facts true in ``state`` (see the module docstring). ``fingerprint``/``cells`` may be passed to save work."""
    if fingerprint is None:
        from procmem_tui.memory.features import level_fingerprint

        fingerprint = level_fingerprint(level)
    if cells is None:
        cells = reachable(level, state)
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
        if pos not in state.taken and pos in cells:
            facts.update((f"sees:key:{letter}", "sees:any_key"))
    for pos, letter in level.doors.items():
        if pos in state.opened:
            continue
        adjacent = abs(pos[0] - x) + abs(pos[1] - y) == 1
        if adjacent:
            facts.add(f"next_to:door:{letter}")
        if _door_reachable(level, cells, pos):
            facts.update((f"sees:door:{letter}", "sees:any_door"))
    if any(g in cells for g in level.goals):
        facts.add("sees:goal")
    return frozenset(facts)


def target_facts(level: Level, state: State, kind: str, pos: Pos,
                 cells: dict[Pos, int] | None = None) -> frozenset[str]:
    """Role-level facts about the object at ``pos`` (a ``key``, ``door`` or ``goal``) in ``state``."""
    if cells is None:
        cells = reachable(level, state)
    facts = {f"target:{kind}"}
    if kind == "door":
        if pos not in state.opened:
            facts.add("target:closed")
        if _door_reachable(level, cells, pos):
            facts.add("target:reachable")
    else:
        if pos in cells:
            facts.add("target:reachable")
        if kind == "key" and pos not in state.taken:
            facts.add("target:lying")
    return frozenset(facts)


def is_role_fact(fact: str) -> bool:
    """Facts that name no position, letter or level: the ones abstract preconditions may keep."""
    return fact.startswith("target:")


def letter_of(level: Level, pos: Pos) -> str:
    """The object's letter, lower case ("" for a goal or floor)."""
    return (level.keys.get(pos) or level.doors.get(pos) or "").lower()


def relations(level: Level, keys: frozenset[str], pos: Pos) -> frozenset[str]:
    """Generic relations between the keys held and the object at ``pos`` (module docstring); an object without a
    letter (a goal) has none."""
    letter = letter_of(level, pos)
    if not letter:
        return frozenset()
    if not keys:
        return frozenset({"held:none"})
    facts = set()
    if letter in keys:
        facts.add("held:same_letter")
    if any(k != letter for k in keys):
        facts.add("held:other_letter")
    return frozenset(facts)


def changes(level: Level, before: State, after: State, pos: Pos, ended: bool) -> frozenset[str]:
    """What an interaction with the object at ``pos`` changed (module docstring)."""
    letter = letter_of(level, pos)
    out = {f"gained:{'same' if k == letter else 'other'}_letter" for k in after.keys - before.keys}
    out |= {f"lost:{'same' if k == letter else 'other'}_letter" for k in before.keys - after.keys}
    if pos in after.opened and pos not in before.opened:
        out.add("opened:target")
    if pos in after.taken and pos not in before.taken:
        out.add("taken:target")
    if ended:
        out.add("ended")
    return frozenset(out)
