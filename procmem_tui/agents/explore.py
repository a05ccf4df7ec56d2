"""Exploration's fallbacks: seek what is novel, and try what could shorten the route the agent knows.

(First comes curiosity on the learned world model, ``agents/curiosity/``; the novelty below is used when the
model leaves nothing worth trying in reach.)

**Novelty** over cells and objects, with no built-in idea of what any kind of cell is for. The novel targets are
every reachable cell the agent has not stood on (walking onto one is how the agent first finds out what it does),
and, on every object seen, each action other than a move that the model has never tried on its kind, nearest
first — standing on it when it can be stood on, else beside it, unless the model has seen that action change things
from one of those places. Where the model saw an action change an object of some kind in some state (closed, open),
that action on each such object in that state is a target too, and so is each still untried (object, action, keys
held) on a kind the model saw changed, or on an object with a letter holding a key never tried on that letter:
what holding other keys does there is not known. An action whose outcome in this very situation (the object as it
stands, the keys held) was seen here to change nothing is no experiment, and never a target. Each
target costs the steps to reach it (+1 for the action); the agent walks to the cheapest, ties broken by its seeded
``numpy.random.Generator`` (reproducible, yet not biased toward any object or direction). What other levels say
changes nothing is tried only when nothing else is left (a belief tested, not trusted blindly), and after it what
this level's own rule says changes nothing in a situation never tried here (door C shut holding keys a and f, opened
holding a and b: "holds f" and "holds b" both separate them, so holding a, b and f it may be read as shut); a
random action took its place, and `cycle5` of `benchmarks/unusual_levels.py --view 3 --seed 1` walked at random
for 97 steps. Only if nothing novel is in reach does it take a random action.

**Shortcuts** (optimism under uncertainty, ``agents/optimism.py``): before following a plan, an obstacle the
model says might open, not yet tried so here, whose optimistic route is shorter than the plan is tried first,
when a failed try would still leave the steps to finish by the known route.
"""

from __future__ import annotations

import numpy as np

from procmem_tui.agents import explain
from procmem_tui.agents.effects import Beliefs, apply
from procmem_tui.agents.evidence import tried_here, untried_pairing
from procmem_tui.agents.optimism import best_shortcut, from_model
from procmem_tui.agents.run import Run, exploring
from procmem_tui.agents.skill_plan import steps_to_win
from procmem_tui.memory.imagine import ACTS, BESIDE, EDGE, HERE, Look, base_looks
from procmem_tui.memory.paths import beside, neighbours, path_to, walk_tree
from procmem_tui.world import ACTIONS, Action, State


def note_tries(tried: set, state: State, action: Action) -> None:
    """Add the (cell, action, keys held) interactions this step tried to ``tried``: the cell stood on and each one
    beside it (where an action may act), novel no more."""
    if action in ACTS:
        for cell in (state.pos, *neighbours(state.pos)):
            tried.add((cell, action.value, state.keys))


def _stand(beliefs: Beliefs, state: State, dist: dict, cell, role: str):
    if role == HERE:
        return cell if cell in dist else None
    return beside(beliefs, state, dist, cell)


def _seen_so(beliefs: Beliefs, action: str, lk: Look, keys: frozenset) -> bool | None:
    """Whether ``action`` on an object as ``lk`` shows it now (open or not), holding exactly ``keys``, was tried on
    this level: True if it mostly changed something, False if not, None if never (``evidence.tried_here``)."""
    for role in beliefs.acting(action, lk):
        seen = tried_here(beliefs.model, beliefs.level, (action, role, lk.kind), lk, keys)
        if seen is not None:
            return seen
    return None


def _changes_so(units: dict, action: str, role: str, lk: Look) -> bool:
    """Whether the model saw ``action`` (in ``role``) change an object of ``lk``'s kind in ``lk``'s state (a door
    seen opened from closed is no reason to open an open one)."""
    state = "open" if lk.open else "closed"
    return any(f.outcome.changes and state in f.feats for f in units.get((action, role, lk.kind), {}).values())


_DOUBTS = {None: 0, "pooled": 1, "here": 2}  # what is tried last: other levels' word, then this level's own rule


def _novelties(state: State, dist: dict, beliefs: Beliefs, visited: set, tried: set) -> list:
    """(doubt, cost, label, cell to walk to, action there) for every novel target in reach."""
    options = [(0, dist[cell], explain.unvisited(cell), cell, None) for cell in sorted(dist) if cell not in visited]
    units = beliefs.model.units
    eventful = set(beliefs.eventful_units())
    changed_kinds = {kind for _, _, kind in eventful}
    for pos in sorted(base_looks(beliefs.map)):
        lk = beliefs.look(pos, state)
        if lk is None or lk.kind == EDGE:
            continue
        for action in ACTS:
            name = action.value
            seen = _seen_so(beliefs, name, lk, state.keys)
            if seen is False:  # this very situation was tried here and changed nothing: no experiment
                continue
            roles = [r for r in (HERE, BESIDE) if (name, r, lk.kind) in eventful and _changes_so(units, name, r, lk)]
            tried_kind = any((name, r, lk.kind) in units for r in (HERE, BESIDE))
            novel = (pos, name, state.keys) not in tried
            if not (roles or (novel and (not tried_kind or lk.kind in changed_kinds or any(
                    untried_pairing(beliefs.model, (name, r, lk.kind), lk, state.keys) for r in (HERE, BESIDE))))):
                continue
            doubt = None if seen else beliefs.doubt(name, state.keys, pos)
            for role in roles or [HERE if pos in dist else BESIDE]:
                stand = _stand(beliefs, state, dist, pos, role)
                if stand is not None:
                    options.append((_DOUBTS[doubt], dist[stand] + 1,
                                    explain.interaction(novel, lk.kind, lk.letter, name), stand, action))
                    break
    return options


def explore(state: State, walked: tuple[dict, dict], beliefs: Beliefs, visited: set, tried: set,
            rng: np.random.Generator) -> Run:
    """Walk to the nearest novel target (ties by ``rng``); ``walked``: distances and parents from the agent."""
    dist, parent = walked
    options = _novelties(state, dist, beliefs, visited, tried)
    nearest = min((o[:2] for o in options), default=None)
    tied = [o[1:] for o in options if o[:2] == nearest]
    actions: list = []
    if tied:
        cost, label, end, last = tied[int(rng.integers(len(tied)))] if len(tied) > 1 else tied[0]
        actions = path_to(parent, end) + ([last] if last is not None else [])
        reason = explain.novelty(label, cost, len(tied))
    if not actions:
        actions = [ACTIONS[int(rng.integers(len(ACTIONS)))]]
        reason = explain.RANDOM
    return exploring(actions, reason)


def shortcut(state: State, known_route: int, walked: tuple[dict, dict], beliefs: Beliefs, horizon: int,
             max_steps: int, budget=None, novel: list | None = None, begun: set | None = None,
             waiting: list | None = None, plan=None, pledges: list | None = None) -> Run | None:
    """Walk to an untried obstacle that could shorten ``known_route`` (fetching something first if that is the
    try), or None when no try is worth it, none fits ``budget`` (``optimism.Budget``: what a failed try may
    still cost) or a failed one could leave too few steps to finish. A try made outside the budget (on a kind
    nothing was seen to open) adds its door to ``novel``. ``begun``: the (door, key) fetch-first tries begun on this
    level in earlier episodes (not begun again: ``optimism.best_shortcut``); one begun now is added to it.
    ``waiting``: gets the tries that pay but wait for budget (``optimism.best_shortcut``). ``plan(state)``: the
    model's known plan from a situation (a list of steps with a ``cost``, or None), for what follows a try where
    another closed door lies beyond it (``optimism.best_shortcut``'s ``rest``; without it such a try is not
    weighed). ``pledges``: gets the (door, action) of a try begun with a fetch (carried through like a hoped plan's
    try: ``ProceduralAgent._pledged``).

    Of cells as near to act from, the try acts from one moves are known to enter (``optimism.best_shortcut``'s
    ``known``): its failure's cost is then known, and acting from it does not hang on a wall never moved into."""
    dist, parent = walked
    firm_dist = walk_tree(beliefs.firm, state)[0]
    candidates = from_model(beliefs, state)
    found = best_shortcut(candidates, state, known_route, dist,
                          lambda door, action, keys: beliefs.chance(action.value, door, keys),
                          lambda key: beliefs.can_fetch(state.keys, key), horizon, ground=beliefs.likely,
                          budget=budget, abandoned=frozenset(begun or ()), known=firm_dist, waiting=waiting,
                          rest=None if plan is None else _rest(beliefs, plan),
                          floor=lambda cell: steps_to_win(beliefs, cell),
                          held=lambda door, action, keys: beliefs.held_chance(action.value, door, keys),
                          answered=lambda door, action, more, fewer: beliefs.answered_by_failure(
                              action.value, door, more, fewer))
    if found is None or state.steps + 2 * found.walk + known_route > max_steps:
        return None
    if novel is not None and found.door in candidates.novel:
        novel.append(found.door)
    if begun is not None and found.key is not None:
        begun.add((found.door, found.key))
    if pledges is not None and found.key is not None:
        pledges.append((found.door, found.opener.value))
    end, last = (found.key, found.taker) if found.key is not None else (found.stand, found.opener)
    return exploring(path_to(parent, end) + [last], explain.shortcut(candidates.labels, found, known_route))


def _rest(beliefs: Beliefs, plan):
    """``optimism.best_shortcut``'s ``rest``: the steps of the model's known plan from where a try leaves the agent,
    the door opened as the model hopes (a key it spends spent), kept per situation for one decision."""
    kept: dict = {}

    def rest(state: State, door, opener: Action) -> int | None:
        lk = beliefs.look(door, state)
        after = state._replace(opened=state.opened | {door})
        for role in beliefs.acting(opener.value, lk):
            hope = beliefs.expect(opener.value, role, lk, state.keys, True).outcome
            hoped = None if hope is None else apply(state, state.pos, door, lk, hope)
            if hoped is not None and door in hoped.opened:
                after = hoped
                break
        key = (after.pos, after.keys, after.opened, after.taken)
        if key not in kept:
            found = plan(after)
            kept[key] = None if not found else sum(s.cost for s in found)
        return kept[key]
    return rest
