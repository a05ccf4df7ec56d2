"""What interactions do, as the agent learns it: every transition counted, and what the counts let it expect.

The agent is not told what keys, doors and goals do. An action aimed at an object (``pickup_key`` on a key's
cell, ``open_door`` beside a door, a step onto a goal) is an interaction; each is counted in the rule book
(``memory.rules``) with its relational situation (``memory.facts.relations``: what is held, compared with the
object) and what changed (``memory.facts.changes``), per level. ``Beliefs`` reads that book for the level being
played; the planner, the optimism and the exploration all ask it, never the world's rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.memory import facts as F
from procmem_tui.memory.paths import neighbours
from procmem_tui.memory.rules import ENTER, OPEN, PICKUP, Belief, RuleBook
from procmem_tui.world import Action, Level, State
from procmem_tui.world.actions import DOOR_OPENED, GOAL_REACHED, KEY_PICKED, MOVE_DELTAS

INTERACTION_OF = {KEY_PICKED: PICKUP, DOOR_OPENED: OPEN, GOAL_REACHED: ENTER}  # effect event -> interaction


def interactions(level: Level, state: State, action: Action, nxt: State) -> list[tuple[str, tuple[int, int]]]:
    """The interactions ``action`` attempted from ``state`` (it led to ``nxt``), each with its object's cell.

    ``open_door`` with several closed doors beside the agent counts for each of them, unless one opened: then
    for that one only (the world opens the first that can be opened, and the agent does not know which that is).
    """
    if action == Action.PICKUP_KEY and state.pos in level.keys and state.pos not in state.taken:
        return [(PICKUP, state.pos)]
    if action == Action.OPEN_DOOR:
        opened = nxt.opened - state.opened
        return [(OPEN, door) for door in neighbours(state.pos)
                if door in level.doors and door not in state.opened and (not opened or door in opened)]
    if action in MOVE_DELTAS and nxt.pos in level.goals and nxt.pos != state.pos:
        return [(ENTER, nxt.pos)]
    return []


def learn(rules: RuleBook, fingerprint: str, level: Level, state: State, action: Action, nxt: State,
          terminated: bool) -> None:
    """Count what each interaction of this transition did, in its relational situation, on this level."""
    for interaction, pos in interactions(level, state, action, nxt):
        rules.observe(fingerprint, interaction, F.relations(level, state.keys, pos),
                      F.changes(level, state, nxt, pos, terminated), name=level.name)


@dataclass(frozen=True)
class Beliefs:
    """The rule book as seen from one level: what the agent expects of an interaction there."""

    rules: RuleBook
    level: Level
    fingerprint: str

    def believe(self, interaction: str, keys: frozenset, pos) -> Belief:
        """What the agent expects of an interaction with the object at ``pos`` holding ``keys`` (learned)."""
        return self.rules.belief(self.fingerprint, interaction, F.relations(self.level, keys, pos))

    def hope(self, interaction: str, keys: frozenset, pos) -> Belief:
        """``believe``, except that a situation nothing settles is hoped to work (optimism under uncertainty)."""
        belief = self.believe(interaction, keys, pos)
        if belief.source == "none" or (belief.source == "implied" and not belief.works):
            return self.rules.hoped(self.fingerprint, interaction, belief.p)  # never counted: worth a test
        return belief

    def doubt(self, interaction: str, keys: frozenset, pos) -> str | None:
        """"here" when the interaction failed on this level in this situation, "pooled" (or "doubted") when other
        levels say it fails, else None."""
        belief = self.believe(interaction, keys, pos)
        return None if belief.p > 0.5 or belief.source == "none" else belief.source

    def door_chance(self, door, keys: frozenset) -> float | None:
        """None when what this door does with these keys is known on this level; else the chance it opens
        (implied by this level's tries, pooled over other levels, or 1.0 if never tried anywhere: optimism)."""
        belief = self.believe(OPEN, keys, door)
        return None if belief.source == "here" else belief.p

    def can_fetch(self, keys: frozenset, key) -> bool:
        """Whether picking up the key at ``key`` holding ``keys`` is not known here to fail."""
        belief = self.believe(PICKUP, keys, key)
        return belief.source != "here" or belief.works

    @property
    def avoid_goals(self) -> bool:
        """Goals are walked around, not through, once entering one has been seen to end an episode."""
        return self.rules.knows(ENTER)

    def knows(self, effect: str) -> bool:
        """Whether the interaction that brings ``effect`` about has been seen at all."""
        return effect in INTERACTION_OF and self.rules.knows(INTERACTION_OF[effect])
