"""Optimism under uncertainty: is an untried obstacle worth a try, because it could shorten the route the agent knows?

This is R-max with one try per situation, on what the agent perceives. The **obstacles** are the objects of a
kind the world model saw an action open; the **fetches** are the objects of a kind it saw an action take (what
that would add to the keys held is the model's relative outcome); the **goals** are the cells whose entry it
expects to end the episode with a reward (``agents/effects.py`` asks the model: :func:`from_model`). Whether the
opening action opens an obstacle with a given set of keys held is *unknown on this level* until that situation has
been tried here (or what was tried here implies it). The optimistic model assumes an unknown obstacle opens; when
other levels give a belief about it, the try must pay in expectation (chance · saving > (1 − chance) · the walk
there and back). For each closed obstacle, the optimistic route is: walk to where the action acts on it (fetching
at most one object first, since what is held may matter — the agent does not know how), try it, step through,
walk to the nearest goal with that obstacle open. Its **potential saving** is the known route's length minus the
optimistic route's length; the obstacle is worth trying while that saving is positive, i.e. while going through
the unknown could beat what the agent already knows (the try itself, walk included, is counted in the optimistic
route).

Every try makes its interaction known, and there are finitely many (obstacle, keys held) pairs in reach, so the
exploration budget is bounded: once no unknown obstacle could shorten the route, nothing more is tried and a
mastered level stays mastered. The caller also refuses a try that, if it failed, could leave too few steps to
finish. Nothing here calls the solver or knows what any kind of cell does: the candidates and the path lengths
come from the learned model and the perceived grid.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable

from procmem_tui.agents.effects import apply, wins
from procmem_tui.agents.curiosity import RARITY_POWER
from procmem_tui.memory.imagine import ACTS, HERE, base_looks
from procmem_tui.memory.paths import beside, reachable
from procmem_tui.memory.world_model import Outcome
from procmem_tui.world import Action, State

_FAR = 1 << 30
_HOPED_TAKE = Outcome(object="gone", gained=("own",))  # in the model's relative terms: the object's own letter
HORIZON = 2  # at most this many episodes are counted on to repay a try (the exploration budget's bound)
BUDGET = 0.1  # once a route is known, a failed try may lengthen the episode by at most this share of that route
# An assumption, not a fact the agent reads anywhere: a level it has won will be played at least this many more
# times. A guess the model's own conjunction makes (``Expectation.kept``) is tested where it pays over them.
AHEAD = 8
# An assumption too: a level played until it settled (won, and played beyond ``HORIZON``) will be played at least this
# many more times, twice ``AHEAD``: a settled level is one that kept being played. A settled level's test of its
# guess at face value is made only where it pays over them (``questions.guess_pays``).
SETTLED_AHEAD = 2 * AHEAD


@dataclass(frozen=True)
class Budget:
    """The steps a failed try may still lose this episode (``left``), and how far a cell is from the known route:
    ``rejoin(cell)`` is the steps from ``cell`` to where the known route's next step acts, and that step's action,
    minus what that step costs from here (None: not known to be walkable)."""

    left: float
    rejoin: Callable[[tuple[int, int]], int | None]
    share: float = 0.0  # this episode's own share (``BUDGET`` of its first known route), nothing saved before

    def cost(self, cell, walk: int) -> int:
        """What a failed try made from ``cell`` (where its action acts from), ``walk`` steps away (its action
        included), adds to the known route: the walk there and on to the route's next step (the walk there and back
        when that is not known)."""
        back = self.rejoin(cell)
        return 2 * walk if back is None else max(0, walk + back)


def affordable(budget: Budget | None, cell, walk: int, novel: bool = False, loss: float | None = None) -> bool:
    """Whether a try at ``cell``, ``walk`` steps away, fits ``budget`` (None: no bound) if it fails (``loss``: what
    it loses then, when the caller knows better than ``Budget.cost``). A ``novel`` try — on a kind of object no
    action was ever seen to open, or a walk where no move was tried — is made whatever it costs (R-max: it is how
    a better route is found at all); a hunch about an interaction already seen (another key held, another
    pairing, another level's word) or a walk through cells never seen (``agents/scouting.py``) must fit."""
    if budget is None or novel:
        return True
    return (budget.cost(cell, walk) if loss is None else loss) <= budget.left


def worth_trying(chance: float, saving: int, walk: int, horizon: int = 1, loss: float | None = None) -> bool:
    """Whether a try pays in expectation: ``chance · saving · horizon > (1 − chance) · loss`` — what it may save in
    the episodes a route found now will serve (the agent expects a level to be played about as many more times as
    it has been: ``horizon``) against what a failure loses (``loss``; by default the walk there and back,
    ``2 · walk``). With chance 1 (never tried anywhere: R-max), any positive saving."""
    lost = 2 * walk if loss is None else loss
    return saving > 0 and chance * saving * horizon > (1 - chance) * lost


def cheap_try(budget: Budget | None, chance: float, saving: int, risk: int) -> bool:
    """Whether a try is worth it now because failing costs little: what it adds to the known route if it fails
    (``risk``: ``Budget.cost``) fits this episode's own share of the budget, and it pays within this episode alone
    (``chance · saving > (1 − chance) · risk``). A try one step off the way (key_cycle's door A holding nothing,
    10 % for 27 steps, failing costs 1) is so made in episode 2 rather than waiting until two episodes can repay a
    walk there and back (``worth_trying``)."""
    return (budget is not None and budget.share > 0 and saving > 0 and risk <= budget.share
            and chance * saving > (1 - chance) * risk)


@dataclass(frozen=True)
class Candidates:
    """What the model says could open the way: ``obstacles`` (cell → the (action, whether it acts standing on it)
    pairs to try on it, and a prior chance that it opens), ``fetches`` (cell → the action seen or hoped to take it, the keys it would add and the chance it does),
    ``goals`` (cells expected to end the episode with a reward) and ``labels`` (cell → how it looks, for the Why
    line)."""

    obstacles: dict = field(default_factory=dict)
    fetches: dict = field(default_factory=dict)
    goals: frozenset = frozenset()
    labels: dict = field(default_factory=dict)
    novel: frozenset = frozenset()  # obstacles of a kind nothing was seen to open (R-max: ``affordable``)


def from_model(beliefs, state: State) -> Candidates:
    """The candidates in ``state`` as the learned model (``agents.effects.Beliefs``) sees the map. An object of a
    kind that a move is not known to enter is an obstacle too while the model has seen nothing open (R-max before
    any evidence), for every action but moves (where the model says it acts); its prior chance is its rarity, as
    curiosity weighs kinds (``RARITY_POWER``): the kinds that make up the background are not worth a hunch. Once
    something was seen to open, the obstacles are the objects of the kinds seen opened."""
    looks = base_looks(beliefs.map)
    units = beliefs.model.units
    openers, takers = {}, {}
    for action, role, kind in beliefs.eventful_units():
        facts = units[(action, role, kind)].values()
        if any(f.outcome.object == "opened" for f in facts):
            openers.setdefault(kind, (((Action(action), role == HERE),), 1.0))
        gained = [f.outcome for f in facts if f.outcome.gained]
        if gained:
            takers.setdefault(kind, (Action(action), gained[0]))
    # R-max for a closed object with a letter never seen taken or opened: an untried action may take it and add
    # its letter
    groups = cells_by_base_look(beliefs)
    counts: Counter = Counter()
    for lk, cells in groups.items():
        counts[lk.kind] += len(cells)
    obstacles, fetches, goals, labels, novel = {}, {}, set(), {}, set()
    # read once per look as it is in ``state``, not per cell (on a 32x32 map a thousand cells, a few dozen looks):
    # its label, whether a firm walk enters it and whether entering it wins, as at its first cell in reading order
    for lk, cells in _looks_in(beliefs, state, groups).items():
        first = min(cells)
        label = f"{lk.kind} {lk.letter}".strip()
        labels.update(dict.fromkeys(cells, label))
        if not lk.open:
            shut = [cell for cell in cells if cell not in state.opened] if state.opened else cells
            if lk.kind in openers:
                obstacles.update(dict.fromkeys(shut, openers[lk.kind]))
            elif not openers and not beliefs.firm.passable(first, state):
                tries = tuple((a, beliefs.acting(a.value, lk) == [HERE]) for a in ACTS)
                obstacles.update(dict.fromkeys(shut, (tries, 1.0 / counts[lk.kind] ** RARITY_POWER)))
                novel.update(shut)
        if lk.kind in takers or (lk.letter and not lk.open and lk.kind not in openers):
            for cell in cells:
                hoped = [] if lk.kind in takers else [
                    (a, c) for a in ACTS if (c := beliefs.chance(a.value, cell, state.keys)) is not None]
                if lk.kind in takers or hoped:
                    action, outcome = takers[lk.kind] if lk.kind in takers else (hoped[0][0], _HOPED_TAKE)
                    after = apply(state, cell, cell, lk, outcome)
                    if after is not None and after.keys - state.keys:
                        fetches[cell] = (action, after.keys - state.keys, hoped[0][1] if hoped else 1.0)
        if wins(beliefs.move_outcome(first, state)):
            goals.update(cells)
    return Candidates(dict(sorted(obstacles.items())), dict(sorted(fetches.items())), frozenset(goals), labels,
                      frozenset(novel))


def cells_by_base_look(beliefs) -> dict:
    """The seen cells grouped by their look with nothing open or gone (``base_looks``), in the map's order, kept
    while those looks stand (``Beliefs.by_looks``: a door seen open or a key taken leaves them). Never change it."""
    def grouped() -> dict:
        groups: dict = {}
        for pos, lk in base_looks(beliefs.map).items():
            groups.setdefault(lk, []).append(pos)
        return groups
    return beliefs.by_looks("cells by base look", grouped)


def _looks_in(beliefs, state: State, groups: dict) -> dict:
    """The seen cells grouped by their look in ``state`` (``Beliefs.look``: open where opened, the floor's where
    taken), from ``groups`` (``cells_by_base_look``): only the cells opened or taken are looked at one by one."""
    changed = state.taken | state.opened
    out: dict = {}
    for base, cells in groups.items():
        if changed.isdisjoint(cells):
            out.setdefault(base, []).extend(cells)
            continue
        for cell in cells:
            out.setdefault(beliefs.look(cell, state) if cell in changed else base, []).append(cell)
    return out


@dataclass(frozen=True)
class Shortcut:
    """An untried obstacle that could shorten the route: fetch ``key`` first (if any), then try ``door``."""

    door: tuple[int, int]
    key: tuple[int, int] | None
    route: int  # optimistic steps from here to a goal through the door
    saving: int  # known route − optimistic route
    walk: int  # steps until the try (the cost if it fails, one way)
    chance: float = 1.0  # that the door opens (1.0: nothing known anywhere)
    horizon: int = 1
    opener: Action | None = None  # the action tried on the door
    taker: Action | None = None  # the action that fetches the key
    standing: bool = False  # the opener acts standing on the door (else beside it)
    stand: tuple[int, int] | None = None  # where the opener acts from
    answers: frozenset | None = None  # failing, it also answers the try at the door holding these keys

    @property
    def gain(self) -> float:
        return self.chance * self.saving * self.horizon - (1 - self.chance) * 2 * self.walk

    @property
    def first_target(self) -> tuple[int, int]:
        return self.key if self.key is not None else self.door

    @property
    def first_action(self) -> Action:
        return self.taker if self.key is not None else self.opener


def _goal_distance(goals: frozenset, ground, state: State, door) -> int:
    """Steps from the door's cell to the nearest goal, with that door open."""
    through = reachable(ground, state._replace(opened=state.opened | {door}), start=door)
    return min((through[g] for g in goals if g in through), default=_FAR)


def _door_approach(ground, state: State, dist: dict, door, standing: bool = False,
                   known: dict | None = None) -> tuple[int, tuple | None]:
    """Steps to where the opening action acts on the door, and that cell: the nearest cell next to it (not one
    whose entering ends the episode; ties: one as near in ``known``), or the door itself when the action acts
    standing on it."""
    cell = door if standing and door in dist else None if standing else beside(ground, state, dist, door, known)
    return (_FAR, None) if cell is None else (dist[cell], cell)


def best_shortcut(found: Candidates, state: State, known_route: int, dist: dict,
                  chance: Callable[[tuple[int, int], Action, frozenset], float | None],
                  can_fetch: Callable[[tuple[int, int]], bool], horizon: int = 1, *, ground,
                  budget: Budget | None = None, abandoned: frozenset = frozenset(),
                  known: dict | None = None, waiting: list | None = None,
                  rest: Callable[[State, tuple[int, int], Action], int | None] | None = None,
                  floor: Callable[[tuple[int, int]], int] | None = None,
                  held: Callable[[tuple[int, int], Action, frozenset], float | None] | None = None,
                  answered: Callable[[tuple[int, int], Action, frozenset, frozenset], bool] | None = None,
                  ) -> Shortcut | None:
    """The unknown obstacle (possibly after one fetch) worth most over ``known_route``, or None.

    ``found``: what the model says could open the way (:func:`from_model`). ``dist``: walking distances from the
    agent (goals not walked through). ``chance(door, action, keys)``: None when what that action does to the obstacle
    with those keys is known on this level, else the chance it opens (1.0 when nothing is known anywhere). A try is worth it when
    ``worth_trying`` says so. ``can_fetch(key)``: whether that object may be taken (not known to fail).
    ``ground``: passability (``memory.paths.Ground``). Best = largest expected gain, then shorter route, then the
    earlier obstacle/fetch in reading order (stable). ``budget``: the most steps a failed try may lose
    (``affordable``; None: no bound). ``abandoned``: (door, key) fetch-first tries begun before on this level and
    never finished (what they were to find out is still unknown): not begun again. ``known``: distances over
    cells moves are known to enter; of cells as near to act from, one as near there is taken (``Shortcut.stand``).
    ``waiting``: gets the (door, key) tries on what was never tried anywhere (chance 1: R-max) that pay but do not
    fit ``budget`` yet: they wait for budget saved (a hunch, chance below 1, that never fits is let go).
    ``rest(state, door, opener)``: where no goal is in reach through the door alone (another closed door beyond
    it), the steps of the model's known plan from ``state`` once ``opener`` opened the door (None: none): a try is
    valued by what it alone would change, the rest by what is known (a walk hoped through the door beyond too
    counted on two untried things, and made the try look as good as both). ``floor(cell)``: steps no plan from
    ``cell`` to a goal can beat; a try that could not pay even so is not planned out. ``held(door, action, keys)``:
    where ``chance`` calls a try known, the chance the model's prediction from changes seen here only while more keys
    were held comes true (None: not such): such a try is made only where failing costs little (``cheap_try``); the
    planner already weighs counting on it further on (a hoped step), not the answer a try on the way gives.
    ``answered(door, action, more, fewer)``: whether that action failing on the door holding the keys ``more`` would
    tell what it does holding ``fewer``; of the tries at the best one's door that hold more keys than it, fit the
    budget now, pay, and so answer it, the best is made instead (door E holding nothing and holding key d, both
    never tried: the try holding d, failing, settles both, where the other order pays for two failures).
    """
    from_key: dict = {}
    entries = []  # (reading order, door, goal distance through it alone, option)
    for door in sorted(found.obstacles):
        if door in state.opened:
            continue
        tries, prior = found.obstacles[door]
        if prior * known_route * horizon <= (1 - prior) * 2:
            continue  # not worth it even if it saved the whole route a step away
        if _apart(state.pos, door) >= known_route:
            continue  # no try there is shorter than the known route: none saves a step (nor is its chance asked)
        beyond = _goal_distance(found.goals, ground, state, door)
        if beyond >= _FAR and rest is None:
            continue
        for opener, standing in tries:
            walk, stand = _door_approach(ground, state, dist, door, standing, known)
            if walk + 1 < known_route:  # else the try alone is as long as the known route: it saves nothing
                p, cheap = _chance(chance, held, door, opener, state.keys)
                if p is not None:
                    entries.append((door, beyond, (walk + 1, stand, None, None, p * prior, opener, standing, state,
                                                   cheap)))
            for key in sorted(found.fetches):
                taker, adds, take_chance = found.fetches[key]
                if (key == door or key in state.taken or key not in dist
                        or dist[key] + _apart(key, door) + 1 + standing >= known_route  # saves nothing
                        or not can_fetch(key) or (door, key) in abandoned):
                    continue
                p, cheap = _chance(chance, None, door, opener, state.keys | adds)
                if p is None:
                    continue
                if key not in from_key:
                    from_key[key] = reachable(ground, state, start=key)
                walk, stand = _door_approach(ground, state, from_key[key], door, standing)
                entries.append((door, beyond, (dist[key] + 1 + walk + 1, stand, key, taker, p * prior * take_chance,
                                               opener, standing,
                                               state._replace(keys=state.keys | adds, taken=state.taken | {key}),
                                               cheap)))
    entries = [(i, door, beyond, option) for i, (door, beyond, option) in enumerate(entries) if option[0] < _FAR]

    def risk_of(stand, walk) -> float:
        return budget.cost(stand, walk) if budget is not None else 2 * walk

    def pays(p, saving, stand, walk, cheap=False) -> bool:
        return (not cheap and worth_trying(p, saving, walk, horizon)) or cheap_try(budget, p, saving,
                                                                                  risk_of(stand, walk))

    best: Shortcut | None = None
    best_key = None
    best_keys: frozenset = frozenset()
    # the tries through a door with the goal beyond it first, then those whose rest must be planned, the most
    # promising first, each planned only if, as short as it could be, it could still be the best or wait for budget
    # (the same shortcut as weighing every one: ties go to the earlier in reading order)
    direct = [e for e in entries if e[2] < _FAR]
    bounded = []
    for i, door, beyond, option in entries:
        if beyond < _FAR:
            continue
        walk, stand, key, taker, p, opener, standing, after_fetch, cheap = option
        least = walk + (0 if floor is None else floor(stand))
        upper = Shortcut(door, key, least, known_route - least, walk, p, horizon).gain
        bounded.append(((upper, -least, -i), (i, door, beyond, option)))
    bounded.sort(key=lambda b: b[0], reverse=True)
    for bound, (i, door, beyond, option) in [(None, e) for e in direct] + bounded:
        walk, stand, key, taker, p, opener, standing, after_fetch, cheap = option
        fits = affordable(budget, stand, walk, door in found.novel)
        may_wait = (not fits and waiting is not None and p >= 1.0
                    and risk_of(stand, walk) <= budget.left + budget.share)
        if bound is not None:
            if not (fits or may_wait) or not pays(p, known_route + bound[1], stand, walk, cheap):
                continue  # it could not pay, or matter, even if the rest were as short as can be
            if not may_wait and best_key is not None and bound <= best_key:
                continue  # it could not beat the best found
            after = rest(after_fetch._replace(pos=stand), door, opener)
            if after is None:
                continue
            route = walk + after
        else:
            route = walk + 1 + beyond
        saving = known_route - route
        if not pays(p, saving, stand, walk, cheap):
            continue
        shortcut = Shortcut(door, key, route, saving, walk, p, horizon, opener, taker, standing, stand)
        if not fits:
            if may_wait:
                waiting.append((door, key))
        elif best_key is None or (shortcut.gain, -route, -i) > best_key:
            best, best_key, best_keys = shortcut, (shortcut.gain, -route, -i), after_fetch.keys
    if best is None or answered is None:
        return best
    # a try at the same object holding more keys, whose failure would answer the best one's question too: made
    # first, so one failure, not two, is paid from the budget
    more = None
    for i, door, beyond, option in entries:
        walk, stand, key, taker, p, opener, standing, after_fetch, cheap = option
        if (door != best.door or opener != best.opener or not after_fetch.keys > best_keys
                or not affordable(budget, stand, walk, door in found.novel)):
            continue
        after = beyond + 1 if beyond < _FAR else rest(after_fetch._replace(pos=stand), door, opener)
        if after is None or not pays(p, known_route - walk - after, stand, walk, cheap):
            continue
        shortcut = Shortcut(door, key, walk + after, known_route - walk - after, walk, p, horizon, opener, taker,
                            standing, stand)
        if ((more is None or (shortcut.gain, -shortcut.route, -i) > more[0])
                and answered(door, opener, after_fetch.keys, best_keys)):
            more = ((shortcut.gain, -shortcut.route, -i), shortcut)
    return best if more is None else replace(more[1], answers=best_keys)


def _apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    """The fewest steps between two cells (a walk between them is never shorter): ``best_shortcut`` asks no chance of
    a try that, so bounded, could not be shorter than the known route (a try pays only where it saves steps)."""
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def _chance(chance, held, door, opener: Action, keys: frozenset) -> tuple[float | None, bool]:
    """``best_shortcut``'s chance of a try and whether it is one only a cheap try may make (``held``'s)."""
    p = chance(door, opener, keys)
    if p is not None or held is None:
        return p, False
    p = held(door, opener, keys)
    return p, p is not None
