"""Planning over learned abstract skills, for ``procmem``: an A* search on the perceived grid.

Search states are (position, keys held, doors open, keys taken). A move is an abstract skill bound to an object
of this grid whose learned preconditions hold there (``target_facts ⊆ skill.preconditions``) and whose
interaction the learned rule model believes works with the keys held (``memory.rules``: counted per level, pooled
across levels); it costs the path to the object (+1 for the interaction) and changes the state as that model says
it changes (a key gained or lost, a door opened). Nothing here knows what keys, doors and goals do. The search's
lower bound (A*: fewer states than a uniform-cost search, the same cheapest cost) is the walk to the nearest goal
with every door passed as if open — no plan can be shorter, whatever opens doors; of equally cheap plans the
deeper is expanded first.
"""

from __future__ import annotations

import heapq
from functools import lru_cache
from dataclasses import dataclass

from procmem_tui.memory import facts as F
from procmem_tui.memory.extract import TARGET_KIND
from procmem_tui.memory.paths import neighbours, walk_tree
from procmem_tui.memory.rules import ENTER, OPEN, PICKUP
from procmem_tui.world import Level, State
from procmem_tui.world.actions import GOAL_REACHED

_UNREACHED = 1 << 30
MIN_CHANCE = 0.05


@dataclass(frozen=True)
class PlanStep:
    skill_id: str
    effect: str
    target: tuple
    end: tuple
    cost: int
    belief: object = None  # the memory.rules.Belief that made this step worth planning

    @property
    def hoped(self) -> bool:
        """Whether the step counts on more than is believed: never tried here (optimism), or an unlikely doubt."""
        return self.belief.source == "untried" or not self.belief.works


def reachable(level: Level, state: State, avoid_goals: bool) -> tuple[dict, dict]:
    """Distances and parents from the agent (``memory.paths.walk_tree``)."""
    return walk_tree(level, state, avoid_goals)


INTERACTION = {"key": PICKUP, "door": OPEN, "goal": ENTER}


def apply_changes(level: Level, node: State, kind: str, pos, changes: frozenset) -> tuple[frozenset, frozenset, frozenset]:
    """(keys, opened, taken) after an interaction with the object at ``pos`` that changes ``changes`` (learned).

    A key "of another letter" lost is taken to be the first such key held in alphabetical order: a guess the
    agent corrects by what happens (a wrong guess makes a later step fail, and the agent re-plans)."""
    letter = F.letter_of(level, pos)
    keys = set(node.keys)
    if "gained:same_letter" in changes:
        keys.add(letter)
    if "lost:same_letter" in changes and letter in keys:
        keys.discard(letter)
    elif "lost:other_letter" in changes:
        others = sorted(k for k in keys if k != letter)
        if others:
            keys.discard(others[0])
    opened = node.opened | {pos} if "opened:target" in changes else node.opened
    taken = node.taken | {pos} if "taken:target" in changes else node.taken
    return frozenset(keys), opened, taken


def _successors(level: Level, node: State, skills, dist, believe, failed, hoping: bool):
    for kind, pos in F.targets(level, node):
        tf = F.target_facts(level, node, kind, pos, dist)
        belief = None
        for skill in skills:
            effect = skill.effect[0]
            if TARGET_KIND[effect] != kind or not skill.preconditions <= tf:
                continue
            if (skill.id, (kind, pos), node.keys) in failed:
                continue
            if belief is None:
                belief = believe(INTERACTION[kind], node.keys, pos)
            doubt_ok = hoping and belief.source == "doubted"
            if belief.source == "none" or not (belief.works or belief.source == "untried" or doubt_ok):
                continue  # optimism's "untried" belief is planned on whatever its chance, a doubt too at its risk
            if kind == "goal":
                if pos in dist:
                    yield PlanStep(skill.id, effect, (kind, pos), pos, dist[pos], belief), None
                continue
            keys, opened, taken = apply_changes(level, node, kind, pos, belief.changes)
            if (keys, opened, taken) == (node.keys, node.opened, node.taken):
                continue  # believed to change nothing: no progress
            if kind == "key":
                if pos in dist:
                    yield PlanStep(skill.id, effect, (kind, pos), pos, dist[pos] + 1, belief), State(pos, keys, opened, taken)
            else:
                for cell in neighbours(pos):
                    if cell in dist and cell not in level.goals:
                        yield (PlanStep(skill.id, effect, (kind, pos), cell, dist[cell] + 1, belief),
                               State(cell, keys, opened, taken))


def risk(chance: float, walk: int, horizon: int = 1) -> float:
    """What counting on an untried interaction with ``chance`` of working adds to a route's cost: the walk there
    and back if it fails, against what it saves over ``horizon`` plays if it works — ``(1 − chance) · 2 · walk /
    (chance · horizon)``, so a hoped route beats a known one exactly when ``optimism.worth_trying`` says the try
    pays. Zero for chance 1 (never tried anywhere: R-max). A chance below ``MIN_CHANCE`` counts as that: the
    rules the agent can imagine may not hold the true one, so nothing untried is ruled out, only made dear."""
    chance = max(chance, MIN_CHANCE)
    return (1 - chance) * 2 * walk / (chance * horizon) if chance < 1 else 0.0


@lru_cache(maxsize=8)
def _to_goal(level: Level) -> dict:
    """Steps from each cell to the nearest goal with every door walked through as if open: no route the agent
    could plan is shorter, so it is the search's lower bound (A*); it assumes nothing about what opens a door.
    Kept per level (a few): every decision plans once or twice on the same grid. Callers must not change it."""
    every_door_open = State(level.start, frozenset(), frozenset(level.doors), frozenset())
    nearest: dict = {}
    for goal in level.goals:
        for cell, d in walk_tree(level, every_door_open, avoid_goals=False, start=goal)[0].items():
            if d < nearest.get(cell, _UNREACHED):
                nearest[cell] = d
    return nearest


def plan(level: Level, state: State, skills: list, believe, failed: set, *, avoid_goals: bool,
         max_expansions: int, expanded: list | None = None, horizon: int = 1,
         hoping: bool = False) -> list[PlanStep] | None:
    """The cheapest chain of ``skills`` (abstract, with a learned effect) that reaches a goal, or None (also when
    the search expands more than ``max_expansions`` states). ``believe(interaction, keys, pos) -> Belief`` is the
    learned rule model (``memory.rules``); ``failed``: (skill id, target, keys held) to skip. ``expanded[0]``, if
    given, grows by the number of states expanded (the cost of deliberating). A step counted on beyond what is
    believed (an "untried" hope, an unlikely doubt) costs its ``risk`` too, so of two hoped routes the likelier
    wins unless the other is shorter by enough.
    ``hoping``: an unlikely "doubted" belief (a few other levels, divided) is planned on too, at its risk."""
    if not any(s.effect[0] == GOAL_REACHED for s in skills):
        return None
    start = State(state.pos, state.keys, state.opened, state.taken)
    to_goal = _to_goal(level)
    counter = 0
    frontier = [(float(to_goal.get(start.pos, 0)), 0.0, counter, start)]
    best = {start: 0.0}
    walked = {start: 0}  # steps (without risk) from the start
    back: dict = {start: None}
    done: set = set()
    expansions = 0
    while frontier:
        node = heapq.heappop(frontier)[-1]
        cost = best[node]
        if node in done:
            continue
        done.add(node)
        expansions += 1
        if expanded is not None:
            expanded[0] += 1
        if expansions > max_expansions:
            return None
        if not isinstance(node, State):  # ("GOAL", cell): reached
            steps = []
            while back[node] is not None:
                node, step = back[node]
                steps.append(step)
            return steps[::-1]
        dist, _ = reachable(level, node, avoid_goals)
        for step, nxt in _successors(level, node, skills, dist, believe, failed, hoping):
            key = ("GOAL", step.target[1]) if nxt is None else nxt
            steps = walked[node] + step.cost
            new_cost = cost + step.cost
            if step.hoped:
                new_cost += risk(step.belief.p, steps, horizon)
            if new_cost < best.get(key, _UNREACHED):
                best[key] = new_cost
                walked[key] = steps
                back[key] = (node, step)
                counter += 1
                heapq.heappush(frontier, (new_cost + (0 if nxt is None else to_goal.get(nxt.pos, 0)), -new_cost, counter, key))
    return None
