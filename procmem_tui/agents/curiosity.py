"""Curiosity: go and find out, cheaply — the next experiment the learned world model says is worth its steps.

An **experiment** is an action on a cell whose outcome the model (``memory.world_model``, read through
``memory.imagine``) does not know well: a move into a cell, or another action on the cell stood on or one beside
it, or walking to a **frontier** (a cell the agent can stand on next to one it has never seen: fog). Its **value**
is the novelty of what it would teach times the *rarity* of the kind it meets (1 ÷ (how many cells of that kind
the agent has seen)^``RARITY_POWER``: rare kinds are where a level's surprises are; the kinds that make up the
background are learned in passing, when a route crosses them). Novelty, from what the model says: ``NEW`` for an
action never tried on that kind at all, ``UNKNOWN_HERE`` for one tried but never in this situation (the object
open, a key of its own letter held), ``GUESS`` for what the model only extrapolates, ``RECHECK`` for each key held
that was never held when the action was seen to change nothing there (the letter × key pairs of the model's
condition vocabulary), 0 once known; below ``MIN_VALUE`` it is not worth a step. A frontier is worth ``FRONTIER``. A cell whose entry the model expects to end the episode with a
positive reward (a success) is worth ``EXPLOIT``: the agent goes there as soon as it believes that. Its **cost**
is the steps to get there and do it. The agent runs the experiment of least cost ÷ value (then the cheaper, then
one that ends with a move, then its seeded generator's choice), so it tries the nearest untried kind of object
first and each action once where it could teach something.

Getting there is planned on the model too (a bounded uniform-cost search, ``MAX_NODES`` situations): a situation
is the position, the keys held, the doors believed open and the objects believed gone; it changes only through an
action the model predicts to change it (it picks up, it opens: one object, unambiguously), and walking follows
the moves the model predicts to succeed without ending the episode. A cell whose move the model does not know is
an experiment, never a way through. So an experiment that needs a key fetched and a door opened first is found,
and costs what that takes. The agent re-plans whenever it sees or learns something new (``CURIOUS`` runs).

Nothing here says what a kind does, which action suits which kind, or what blocks: every outcome is the model's.
"""

from __future__ import annotations

import heapq
from collections import Counter, deque
from dataclasses import dataclass

import numpy as np

from procmem_tui.memory.imagine import (
    ACTS, AHEAD, BESIDE, EDGE, HERE, MOVE, MOVES, OFFSETS as _OFFSETS, Belief, Imagination, Look, apply, base_looks,
    describe, look, unit_action,
)
from procmem_tui.world.observation import FLOOR
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import WorldModel, features
from procmem_tui.world import Action
from procmem_tui.world.actions import MOVE_DELTAS

Pos = tuple[int, int]
NEW = 1.0  # novelty of an action on a kind never tried at all
UNKNOWN_HERE = 0.5  # ... tried on that kind, but never in this situation (the object open, a key of its letter held)
GUESS = 0.25  # ... a guess the model extrapolates (seen only holding something else)
RECHECK = 0.1  # ... known to change nothing here, for each key held that was never held trying it
RARITY_POWER = 1.5  # > 1: a kind of one or two cells stands out more from one of a few (measured: 1, 1.5, 2)
MIN_VALUE = 0.01  # below this, an experiment other than a first try teaches too little to be worth a step
FRONTIER = 1.0  # value of seeing cells never seen
EXPLOIT = 1000.0  # value of a cell the model expects to end the episode with a positive reward
CURIOUS = "curious"  # the name of a run that is an experiment (the agent re-plans it whenever it learns)
MAX_NODES = 48  # situations the search expands, at most
_FLOOR_LOOK = Look(FLOOR, "", False)
_EDGE_LOOK = Look(EDGE, "", False)
_PROBE = Action.MOVE_UP  # any move: the model files the four moves as one action


@dataclass(frozen=True)
class Experiment:
    """The chosen experiment: the actions that get there and do it, and why."""

    actions: tuple[Action, ...]
    reason: str
    cost: int
    value: float

    @property
    def score(self) -> float:
        return self.cost / self.value


def _rarity(m: LevelMap) -> dict:
    """1 ÷ (the number of seen cells of each kind)^``RARITY_POWER`` (``edge``: the seen cells on the border)."""
    looks = base_looks(m)
    counts = Counter(lk.kind for lk in looks.values())
    counts[EDGE] = sum(1 for x, y in looks if x in (0, m.width - 1) or y in (0, m.height - 1))
    return {kind: 1.0 / n ** RARITY_POWER for kind, n in counts.items() if n}


class _Search:
    """One decision's search; ``best`` holds the experiment found (or None)."""

    def __init__(self, model: WorldModel, m: LevelMap, level: str, rng: np.random.Generator,
                 max_nodes: int = MAX_NODES) -> None:
        self.im = Imagination(model, m, level)
        self.map = m
        self.rng = rng
        self.max_nodes = max_nodes
        self.rarity = _rarity(m)
        seen_kinds = {lk.kind for lk in base_looks(m).values()}
        self.success_in_sight = any(f.outcome.ended and f.outcome.reward > 0 for unit, f in model.facts()
                                    if unit[0] == MOVE and unit[2] in seen_kinds)
        self.model, self.level = model, level
        self.best: tuple | None = None  # (score, cost, not a move), value, make() -> (actions, reason)
        self._ties = 0
        self._confirmed: dict = {}
        self.met = {unit[2] for unit, facts in model.units.items() if facts}  # kinds some action was tried on
        self.looks = base_looks(m)
        self.by_look: dict = {}
        for pos, lk in self.looks.items():
            self.by_look.setdefault(lk, []).append(pos)
        outside = {(x + dx, y + dy) for x, y in self.looks for dx, dy in _OFFSETS} - self.looks.keys()
        self.frontier = {pos for pos in outside if m.in_bounds(pos)}  # never seen, next to a seen cell
        self.beyond_edge = outside - self.frontier
        self.expanded = 0

    # -- walking in one situation -------------------------------------------------------------

    def _enter(self, b: Belief, cell: Pos) -> tuple[Look | None, object]:
        lk = look(self.map, cell, b.opened, b.gone)
        return lk, self.im.predict(_PROBE, AHEAD, lk, b.held)

    def walk(self, b: Belief) -> tuple[dict, dict]:
        """Distances and parents of the cells the agent believes it can walk to: cells the model expects a move
        into to succeed without ending the episode (a cell whose move it does not know is an experiment, not a
        way through)."""
        dist, parent = {b.pos: 0}, {b.pos: None}
        looks, gone, opened = self.looks, b.gone, b.opened
        walkable: dict = {}
        queue = deque([b.pos])
        while queue:
            cell = queue.popleft()
            for action in MOVES:
                d = MOVE_DELTAS[action]
                nxt = (cell[0] + d[0], cell[1] + d[1])
                if nxt in dist:
                    continue
                lk = looks.get(nxt)
                if lk is None:
                    continue
                if nxt in gone:
                    lk = _FLOOR_LOOK
                elif nxt in opened:
                    lk = lk._replace(open=True)
                ok = walkable.get(lk)
                if ok is None:
                    pred = self.im.predict(_PROBE, AHEAD, lk, b.held)
                    ok = walkable[lk] = pred.known and pred.outcome.moved and not pred.outcome.ended
                if not ok:
                    continue
                dist[nxt] = dist[cell] + 1
                parent[nxt] = (cell, action)
                queue.append(nxt)
        return dist, parent

    # -- experiments ----------------------------------------------------------------------------

    def novelty(self, action: Action, role: str, lk: Look, held, pred) -> float:
        """How much trying ``action`` on ``lk`` (in ``role``) holding ``held`` would teach (see the constants)."""
        unit = (unit_action(action), role, lk.kind)
        facts = self.model.units.get(unit)
        if not facts:
            return NEW
        if not pred.known:
            return UNKNOWN_HERE
        if pred.extrapolated:
            return GUESS
        if pred.outcome.changes or pred.outcome.moved:
            return 0.0
        untested = self._untested(unit, lk, held, pred.outcome)
        return RECHECK * untested

    def _untested(self, unit: tuple, lk: Look, held, outcome) -> int:
        """How many held keys were never seen, holding them, to give ``outcome`` when ``unit`` met an object of
        ``lk``'s letter, in ``lk``'s state, here: the pairs of the model's condition vocabulary (letter, key held)
        a try would newly test, or test again where what was seen disagrees with the prediction."""
        key = (unit, lk.letter, lk.open, outcome)
        confirmed = self._confirmed.get(key)
        if confirmed is None:
            marks = {"open" if lk.open else "closed"} | ({f"letter:{lk.letter}"} if lk.letter else set())
            confirmed = self._confirmed[key] = {
                x for f in self.model.units.get(unit, {}).values()
                if self.level in f.levels and f.outcome == outcome and marks <= f.feats
                for x in f.feats if x.startswith("holds:")}
        return sum(1 for k in held if f"holds:{k}" not in confirmed)

    def value(self, action: Action, role: str, lk: Look, held, pred) -> float:
        """Novelty × rarity; below ``MIN_VALUE`` an experiment is not worth a step, unless it meets a kind nothing
        was ever tried on (the first step on an unknown floor)."""
        value = self.novelty(action, role, lk, held, pred) * self.rarity.get(lk.kind, 1.0)
        return value if value >= MIN_VALUE or (value > 0 and lk.kind not in self.met) else 0.0

    def _offer(self, cost: int, value: float, ends_with_move: bool, make) -> None:
        """Keep the experiment if it is the best so far: least cost ÷ value, then cheaper, then one that ends
        with a move (it also carries the agent on), then the generator's choice among equals (each equally
        likely). ``make()`` gives its actions and reason, built only for the one kept."""
        if value <= 0:
            return
        key = (cost / value, cost, not ends_with_move)
        if self.best is None or key < self.best[0]:
            self.best, self._ties = (key, value, make), 1
        elif key == self.best[0]:
            self._ties += 1
            if int(self.rng.integers(self._ties)) == 0:
                self.best = (key, value, make)

    def _groups(self, b: Belief) -> dict:
        """The seen cells grouped by how they look in situation ``b`` (doors open, objects gone)."""
        groups = {lk: list(cells) for lk, cells in self.by_look.items()}
        changed = [pos for pos in b.gone | b.opened if pos in self.looks]
        for pos in changed:
            groups[self.looks[pos]].remove(pos)
            lk = _FLOOR_LOOK if pos in b.gone else self.looks[pos]._replace(open=True)
            groups.setdefault(lk, []).append(pos)
        return groups

    def _active(self, b: Belief, dist: dict) -> dict:
        """For each action that is not a move, the reachable cells where doing it could teach something or change
        something (its own cell or one beside it looks so to the model); under ``None``, the cells a move into
        could teach something, reach a reward or look beyond what was seen. The other cells need no look."""
        groups = self._groups(b)
        out = {}
        for action in ACTS:
            roles = self.model.roles(action.value)
            wanted = [role for role, ok in ((HERE, not roles or HERE in roles), (BESIDE, not roles or BESIDE in roles))
                      if ok]
            cells: set = set()
            for lk, where in groups.items():
                if lk.kind == EDGE or not where:
                    continue
                for role in wanted:
                    pred = self.im.predict(action, role, lk, b.held)
                    if self.value(action, role, lk, b.held, pred) > 0 or (
                            pred.known and pred.outcome.changes and not pred.outcome.ended):
                        if role == HERE:
                            cells.update(where)
                        else:
                            cells.update((x + dx, y + dy) for x, y in where for dx, dy in _OFFSETS)
            out[action] = cells & dist.keys()
        targets = set(self.frontier)
        for lk, where in groups.items():
            pred = self.im.predict(_PROBE, AHEAD, lk, b.held)
            if (pred.known and pred.outcome.ended and pred.outcome.reward > 0) or \
                    self.value(_PROBE, AHEAD, lk, b.held, pred) > 0:
                targets.update(where)
        pred = self.im.predict(_PROBE, AHEAD, _EDGE_LOOK, b.held)
        if not pred.known and self.value(_PROBE, AHEAD, _EDGE_LOOK, b.held, pred) > 0:
            targets.update(self.beyond_edge)
        out[None] = targets
        return out

    def experiments(self, b: Belief, g: int, prefix: list, dist: dict, parent: dict, vmax: float,
                    active: dict) -> None:
        for cell in sorted(dist, key=lambda c: (dist[c], c)):
            steps = g + dist[cell]
            if self.best is not None and steps / vmax >= self.best[0][0]:
                return  # nothing farther can do better

            def route(tail=(), cell=cell):
                return prefix + _path(parent, cell) + list(tail)

            for action in MOVES:
                d = MOVE_DELTAS[action]
                nxt = (cell[0] + d[0], cell[1] + d[1])
                if nxt not in active[None]:
                    continue
                lk, pred = self._enter(b, nxt)
                if lk is None:
                    if steps > 0:
                        self._offer(steps, FRONTIER, True,
                                    lambda route=route, nxt=nxt: (route(), f"to see beyond {nxt}: never seen"))
                    continue
                if pred.known and pred.outcome.ended and pred.outcome.reward > 0:
                    self._offer(steps + 1, EXPLOIT, True, lambda route=route, a=action, lk=lk, r=pred.outcome.reward: (
                        route([a]), f"heading for {describe(lk)}: the model expects it to end the episode with "
                                    f"{r:+g}"))
                    continue
                value = 0.0 if lk.kind == EDGE and pred.known else self.value(action, AHEAD, lk, b.held, pred)
                if value > 0:
                    self._offer(steps + 1, value, True, lambda route=route, a=action, lk=lk, p=pred: (
                        route([a]), _why("moving into", lk, p, b.held)))
            for action in ACTS:
                if cell not in active[action]:
                    continue
                best_value, about = 0.0, None
                for target, lk, pred in self.im.acts(action, Belief(cell, b.held, b.opened, b.gone)):
                    if lk is None:
                        continue
                    value = self.value(action, HERE if target == cell else BESIDE, lk, b.held, pred)
                    if value > best_value:
                        best_value, about = value, (lk, pred)
                if about is not None:
                    self._offer(steps + 1, best_value, False, lambda route=route, a=action, about=about: (
                        route([a]), _why(a.value + " at", about[0], about[1], b.held)))

    def changes(self, b: Belief, dist: dict, active: dict):
        """The situations one known state-changing action away: (steps, actions from here, next situation)."""
        for cell in sorted(dist, key=lambda c: (dist[c], c)):
            here = Belief(cell, b.held, b.opened, b.gone)
            for action in ACTS:
                if cell not in active[action]:
                    continue
                changing = [(c, lk, p) for c, lk, p in self.im.acts(action, here)
                            if p.known and p.outcome.changes and not p.outcome.ended]
                if len(changing) != 1:  # several objects could change: which one would is not known
                    continue
                c, lk, p = changing[0]
                nxt = apply(here, c, lk, p.outcome)
                if nxt is not None and nxt != here:  # None: it spends a key the model cannot name
                    yield dist[cell] + 1, cell, action, nxt

    # -- the search over situations -------------------------------------------------------------

    def run(self, start: Belief) -> None:
        vmax = EXPLOIT if self.success_in_sight else max(NEW, FRONTIER)  # the most any experiment can be worth
        frontier = [(0, 0, start)]
        g_of = {start: 0}
        prefix_of = {start: []}
        counter = 0
        done = set()
        while frontier and self.expanded < self.max_nodes:
            g, _, node = heapq.heappop(frontier)
            if node in done:
                continue
            if self.best is not None and g / vmax >= self.best[0][0]:
                break
            done.add(node)
            self.expanded += 1
            dist, parent = self.walk(node)
            prefix = prefix_of[node]
            active = self._active(node, dist)
            self.experiments(node, g, prefix, dist, parent, vmax, active)
            for steps, cell, action, nxt in self.changes(node, dist, active):
                cost = g + steps
                if cost < g_of.get(nxt, 1 << 30):
                    g_of[nxt] = cost
                    prefix_of[nxt] = prefix + _path(parent, cell) + [action]
                    counter += 1
                    heapq.heappush(frontier, (cost, counter, nxt))


def _path(parent: dict, cell: Pos) -> list:
    moves = []
    while parent[cell] is not None:
        cell, action = parent[cell]
        moves.append(action)
    return moves[::-1]


def _why(what: str, lk: Look, pred, held) -> str:
    holding = "holding " + ", ".join(f"key {k}" for k in sorted(held)) if held else "holding nothing"
    if not pred.known:
        return f"{what} {describe(lk)} {holding}: never tried"
    if pred.extrapolated:
        return f"{what} {describe(lk)} {holding}: only guessed ({pred.outcome.text()})"
    return f"{what} {describe(lk)} {holding}: {pred.outcome.text()} so far, never holding some of these keys here"


def curious(model: WorldModel, m: LevelMap, level: str, now: Belief, rng: np.random.Generator,
            max_nodes: int = MAX_NODES) -> Experiment | None:
    """The experiment of least cost ÷ value from situation ``now`` on map ``m`` of ``level``, or None when the
    model knows everything in reach (see the module's docstring)."""
    search = _Search(model, m, level, rng, max_nodes)
    search.run(now)
    if search.best is None:
        return None
    (_, cost, _), value, make = search.best
    actions, reason = make()
    return Experiment(tuple(actions), reason, cost, value) if actions else None
