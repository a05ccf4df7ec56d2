"""Planning over learned abstract skills, for ``procmem``: a uniform-cost search on the perceived grid.

Search states are (position, keys held, doors open, keys taken). A move is an abstract skill bound to an object
of this grid whose learned preconditions hold there (``target_facts ⊆ skill.preconditions``); it costs the path
to the object (+1 for the interaction) and changes the state as the learned effect model says (``effects``:
effect event -> what it changed). Nothing here knows what keys, doors and goals do.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass

from procmem_tui.memory import facts as F
from procmem_tui.memory.extract import TARGET_KIND
from procmem_tui.world import Action, Level, State
from procmem_tui.world.actions import GOAL_REACHED, MOVE_DELTAS

_DELTA_ACTION = {d: a for a, d in MOVE_DELTAS.items()}
_UNREACHED = 1 << 30


@dataclass(frozen=True)
class PlanStep:
    skill_id: str
    effect: str
    target: tuple
    end: tuple
    cost: int


def reachable(level: Level, state: State, avoid_goals: bool) -> tuple[dict, dict]:
    """Breadth-first distances and parents of the cells the agent can walk to; with ``avoid_goals`` a goal cell
    is reachable as a destination but never walked through."""
    dist = {state.pos: 0}
    parent = {state.pos: None}
    queue = deque([state.pos])
    while queue:
        cell = queue.popleft()
        for dx, dy in F.NEIGHBOURS:
            nxt = (cell[0] + dx, cell[1] + dy)
            if nxt in dist or not F.passable(level, state, nxt):
                continue
            dist[nxt] = dist[cell] + 1
            parent[nxt] = cell
            if avoid_goals and nxt in level.goals:
                continue
            queue.append(nxt)
    return dist, parent


def path_to(parent: dict, end) -> list[Action]:
    """The moves from the search's start to ``end`` along ``reachable``'s parents."""
    cells = []
    while end is not None:
        cells.append(end)
        end = parent[end]
    cells.reverse()
    return [_DELTA_ACTION[(b[0] - a[0], b[1] - a[1])] for a, b in zip(cells, cells[1:])]


def _successors(level: Level, node: State, skills, dist, effects: dict, failed: set):
    for kind, pos in F.targets(level, node):
        tf = F.target_facts(level, node, kind, pos, dist)
        for skill in skills:
            effect = skill.effect[0]
            if TARGET_KIND[effect] != kind or not skill.preconditions <= tf:
                continue
            if (skill.id, (kind, pos), node.keys) in failed:
                continue
            change = effects.get(effect, frozenset())
            if kind == "key":
                if pos not in dist:
                    continue
                keys = node.keys | {level.keys[pos]} if "holds_target_letter" in change else node.keys
                taken = node.taken | {pos} if "target_gone" in change else node.taken
                yield PlanStep(skill.id, effect, (kind, pos), pos, dist[pos] + 1), State(pos, keys, node.opened, taken)
            elif kind == "door":
                opened = node.opened | {pos} if "target_open" in change else node.opened
                for dx, dy in F.NEIGHBOURS:
                    cell = (pos[0] + dx, pos[1] + dy)
                    if cell in dist and cell not in level.goals:
                        yield (PlanStep(skill.id, effect, (kind, pos), cell, dist[cell] + 1),
                               State(cell, node.keys, opened, node.taken))
            elif pos in dist:
                yield PlanStep(skill.id, effect, (kind, pos), pos, dist[pos]), None


def plan(level: Level, state: State, skills: list, effects: dict, failed: set, *, avoid_goals: bool,
         max_expansions: int) -> list[PlanStep] | None:
    """The cheapest chain of ``skills`` (abstract, with a learned effect) that reaches a goal, or None (also when
    the search expands more than ``max_expansions`` states). ``failed``: (skill id, target, keys held) to skip."""
    if not any(s.effect[0] == GOAL_REACHED for s in skills):
        return None
    start = State(state.pos, state.keys, state.opened, state.taken)
    counter = 0
    frontier = [(0, counter, start)]
    best = {start: 0}
    back: dict = {start: None}
    expansions = 0
    while frontier:
        cost, _, node = heapq.heappop(frontier)
        if cost > best.get(node, cost):
            continue
        expansions += 1
        if expansions > max_expansions:
            return None
        if not isinstance(node, State):  # ("GOAL", cell): reached
            steps = []
            while back[node] is not None:
                node, step = back[node]
                steps.append(step)
            return steps[::-1]
        dist, _ = reachable(level, node, avoid_goals)
        for step, nxt in _successors(level, node, skills, dist, effects, failed):
            key = ("GOAL", step.target[1]) if nxt is None else nxt
            new_cost = cost + step.cost
            if new_cost < best.get(key, _UNREACHED):
                best[key] = new_cost
                back[key] = (node, step)
                counter += 1
                heapq.heappush(frontier, (new_cost, counter, key))
    return None
