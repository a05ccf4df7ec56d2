"""Planning over learned abstract skills with the learned world model, for ``procmem``: an A* search.

Search states are believed situations (position, keys held, objects opened, objects gone). A step is an abstract
skill — walk to a cell (on, beside or before an object: the skill's role) and do one action there — bound to an
object of the agent's map for which the world model (``agents/effects.py``) expects that action, from that role,
to change what the skill's effect names. It costs the walk (breadth-first on the cells the model says a move
enters) plus the action, and leads to the situation the model's outcome describes. A plan ends with a step the
model expects to win (end the episode with a reward): nothing here says which object that is. The search is
bounded (``max_expansions``) and abstract: it moves from object to object, never cell by cell. Its lower bound is
the grid distance to the nearest object of a kind that ever won; of equally cheap plans the deeper is expanded
first. Opening an object in front of an empty dead end is never expanded (``agents/pockets.py``: no cheapest plan
needs it).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from procmem_tui.agents import scouting as scouting_walks, untried_walks
from procmem_tui.agents.effects import Beliefs, Expectation, unit_action
from procmem_tui.agents.pockets import never_entered, pointless_opening
from procmem_tui.memory import flat_walk
from procmem_tui.memory.imagine import base_looks, looks_stamp
from procmem_tui.memory.world_model import AHEAD, features, signature
from procmem_tui.world import Action, State
from procmem_tui.world.actions import GOAL_REACHED

_UNREACHED = 1 << 30
MIN_CHANCE = 0.05
ROLE_STEP = "goto:"  # an abstract program is (goto:<role>, <action>) — see memory.extract
HOPED = ("untried", "guess")  # the sources of a step that counts on more than is known (``PlanStep.hoped``)


@dataclass(frozen=True)
class PlanStep:
    skill_id: str
    effect: str
    target: tuple  # (kind, cell) of the object acted on
    end: tuple  # the cell the action is done from
    cost: int
    belief: Expectation  # what made this step worth planning
    action: Action = Action.MOVE_UP  # the action done at ``end``
    after: State | None = None
    question: tuple | None = None  # what the step asks of the model's rules (``question``), where it is open

    @property
    def hoped(self) -> bool:
        """Whether the step counts on more than is known: never tried so (optimism, or a guess from what it did
        holding other keys)."""
        return self.belief.source in HOPED

    @property
    def doubted(self) -> bool:
        """Whether the step may well fail: hoped, or only voted for by one-fact rules that disagree about it (two
        keys held when a door opened leave open which of them opened it)."""
        return self.hoped or self.belief.voted


def open_question(belief: Expectation) -> bool:
    """Whether a step counting on ``belief`` asks something the learned rules leave open: a change voted for by some
    of the one-fact rules that fit what was seen and against by others (a guess from what was seen holding other
    keys, or a doubted implication) — not an action never tried (optimism's) nor a walk where no move was tried."""
    return (belief.outcome is not None and belief.source in ("guess", "implied") and 0 < belief.p < 1
            and not belief.novel and belief.loss is None)


def question(action: Action, role: str, look, keys: frozenset) -> tuple:
    """The question a try asks of the model's rules: the action, the role, the object's kind and state, and the
    holding signature (nothing held, a key of its own letter, a key of another letter). The one-fact rules the
    model votes with read only these, so every try with the same question gets the same answer from each of them:
    door F tried holding key f alone answers door E holding key e alone."""
    return (unit_action(action), role, look.kind, look.open, signature(features(look.letter, look.open, keys)))


def _asks(asking, q: tuple) -> bool:
    return asking(q) if callable(asking) else q in asking


def skill_key(skill) -> tuple | None:
    """(role, action, effect) of an abstract skill's program — ``(goto:<role>, <action>)``, or ``(goto:ahead,)``
    for a move into the object — or None for another program."""
    program = skill.program
    if not program or not program[0].startswith(ROLE_STEP) or len(program) > 2 or not skill.effect:
        return None
    role = program[0][len(ROLE_STEP):]
    if len(program) == 1:
        return (role, "move", skill.effect[0]) if role == AHEAD else None
    return role, program[1], skill.effect[0]


def hedged(belief: Expectation, own_held: bool = False) -> bool:
    """Whether a step counts on a split vote over a holding that drops a key the object had every time it changed
    on this level (door B opened holding keys a and b; now only a is held). Which of those keys it needs is the
    level's pairing question: "any key opens any door" says a suffices, "each door has a key of its own" says it
    may be b, and nothing one opening shows tells them apart, whatever share of the rules each gets. Not where the
    object's own letter is held (``own_held``): "its own letter", the simplest rule that names a door's key, says
    it opens too (open-20-s129's vault door A opened holding keys a and c: key a alone is counted on)."""
    return belief.voted and not belief.kept and belief.source not in HOPED and not own_held


def _own_held(lk, held: frozenset) -> bool:
    return bool(lk.letter) and lk.letter.lower() in held


def worst(walk: int, loss: float | None = None) -> float:
    """What a hedged step adds to a route's cost: what its failure loses (``loss``; by default the walk there and
    back, ``2 · walk``), in full, so a route counting on it is taken only where it is the cheapest even if it fails."""
    return 2 * walk if loss is None else loss


def risk(chance: float, walk: int, horizon: int = 1, loss: float | None = None) -> float:
    """What counting on an untried interaction with ``chance`` of working adds to a route's cost: what a failure
    loses (``loss``; by default the walk there and back, ``2 · walk``), against what it saves over ``horizon``
    plays if it works — ``(1 − chance) · loss / (chance · horizon)``, so a hoped route beats a known one exactly
    when ``optimism.worth_trying`` says the try pays. Zero for chance 1 (never tried anywhere: R-max). A chance
    below ``MIN_CHANCE`` counts as that."""
    chance = max(chance, MIN_CHANCE)
    lost = 2 * walk if loss is None else loss
    return (1 - chance) * lost / (chance * horizon) if chance < 1 else 0.0


def _lower_bound(beliefs: Beliefs) -> tuple[dict, frozenset]:
    """Steps from each cell to the nearest cell of a kind some action was seen to win on, walking through every
    cell a move was ever seen to enter or that some action was seen to change (opened, gone) — and cells of kinds
    never moved into that a hopeful walk may count on (``Beliefs.likely_entered``: not the background): no plan can
    be shorter, whatever the keys held (A*'s lower bound); and the cells that ground leaves out. It reads the
    model only through the kinds that won, that moves entered or actions changed, and that moves were tried into
    (``likely_entered`` of a kind never moved into reads the looks alone), so it is kept on the map while those and
    the map's looks (``looks_stamp``) stand, not dropped at every new fact nor at every door seen open."""
    winning, open_kinds, tried = _bound_kinds(beliefs.model)
    key = ("lower bound", looks_stamp(beliefs.map), winning, open_kinds, tried)
    cached = getattr(beliefs.map, "_bound", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    looks = base_looks(beliefs.map)
    m = beliefs.map
    shut = frozenset(pos for pos, lk in looks.items()
                     if (lk.kind in tried and lk.kind not in open_kinds and pos not in m.objects)
                     or (lk.kind not in tried and not beliefs.likely_entered(lk)))
    grid = flat_walk.layout(m.width, m.height)  # one walk from every winning cell at once, on the grid's flags
    flags = bytearray(grid.inside())
    index = grid.index
    for pos in shut:
        flags[index(pos)] = 0
    dist = flat_walk.distances_from(grid, flags, [pos for pos, lk in looks.items() if lk.kind in winning])
    m._bound = (key, (dist, shut))
    return dist, shut


def _bound_kinds(model) -> tuple[frozenset, frozenset, frozenset]:
    """What ``_lower_bound`` reads of the model: the kinds some action won on, the kinds a move entered or an action
    opened or took away, and the kinds a move was tried into (kept per model version)."""
    kept = getattr(model, "_bound_kinds", None)
    if kept is not None and kept[0] == model.version:
        return kept[1]
    winning, open_kinds = set(), set()
    for (action, role, kind), facts in model.units.items():
        for fact in facts.values():
            if fact.outcome.ended and fact.outcome.reward > 0:
                winning.add(kind)
            if fact.outcome.moved or fact.outcome.object:
                open_kinds.add(kind)
    found = (frozenset(winning), frozenset(open_kinds),
             frozenset(kind for (action, role, kind) in model.units if action == "move"))
    model._bound_kinds = (model.version, found)
    return found


def steps_to_win(beliefs: Beliefs, cell) -> int:
    """Steps from ``cell`` that no plan to a win can beat (``_lower_bound``; unreachable: a very large number)."""
    return _lower_bound(beliefs)[0].get(cell, _UNREACHED)


def _nearer(dist: dict, wider: dict):
    """Whether the wider walk reaches a cell more cheaply than ``dist`` does (or ``dist`` not at all)."""
    return lambda cell: cell not in dist or dist[cell] > wider[cell]


def _step(node: State, skill_id: str, target: tuple, option) -> PlanStep:
    """The plan's step taking ``option`` from situation ``node`` (made for the steps of the plan found alone, not
    for every cheaper way the search meets)."""
    belief = option.expectation
    return PlanStep(skill_id, option.event, target, option.stand, option.cost, belief, option.action, option.after,
                    question(option.action, option.role, option.look, node.keys) if open_question(belief) else None)


def plan(beliefs: Beliefs, state: State, skills: list, failed: set, *, max_expansions: int,
         expanded: list | None = None, horizon: int = 1, hoping: bool = False,
         doubting: bool = True, scouting: bool = False, budget=None, ahead: int | None = None,
         asking=frozenset(), hedging: bool = False) -> list[PlanStep] | None:
    """The cheapest chain of ``skills`` (abstract) that the model expects to win, or None (also when the search
    expands more than ``max_expansions`` states). ``failed``: (skill id, target, keys held) to skip.
    ``expanded[0]``, if given, grows by the states expanded. ``hoping``: an action never tried so may be counted
    on to do what it did elsewhere, at its ``risk``. ``doubting``: a step only implied (``PlanStep.doubted``)
    costs its risk too; without it, the model's best guess is taken at face value. ``scouting`` (with ``hoping``,
    when a route is known to weigh it against): a walk through cells never seen is priced by what a blocked walk
    would lose (``agents/scouting.py``); without it, as any walk where no move was tried. ``budget``
    (``optimism.Budget``): a walk into cells whose kind moves were seen into, in a situation never tried, whose loss
    if blocked fits it is priced at that loss (``agents/untried_walks.py``); any other as the walk there and back.
    ``ahead``: the plays a level won here is assumed to be played again (None: not won here); a doubt on the model's
    own conjunction is priced over them (``Expectation.horizon``). ``hedging``: a doubt on a holding that drops a
    key the object had every time it changed here (``hedged``) is priced as if it failed (``worst``), so the route
    taken is the one cheapest if it does not hold; taken as answered (``asking``) it is priced so too, so no cheaper
    question is asked for it meanwhile (``agents/questions.py``)."""
    index: dict = {}
    for skill in skills:
        key = skill_key(skill)
        if key is not None:
            index.setdefault(key, skill)
    if not any(effect == GOAL_REACHED for _, _, effect in index):
        return None
    ids = {key: skill.id for key, skill in index.items()}  # a hash of the skill: once per plan, not per option
    to_win, shut = _lower_bound(beliefs)
    if not to_win:
        return None

    def bound(pos) -> int:
        return to_win.get(pos, _UNREACHED)

    walls = frozenset() if hoping else never_entered(beliefs)
    looks, objects = base_looks(beliefs.map), beliefs.map.objects

    def free(pos) -> bool:
        if pos in shut or not beliefs.map.in_bounds(pos):
            return False
        lk = looks.get(pos)
        return lk is None or lk.kind not in walls or pos in objects

    start = State(state.pos, state.keys, state.opened, state.taken)
    counter = 0
    frontier = [(float(bound(start.pos)), 0.0, counter, start)]
    best = {start: 0.0}
    walked = {start: 0}
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
        if not isinstance(node, State):  # ("WIN", cell): reached
            steps = []
            while back[node] is not None:
                node, step = back[node]
                steps.append(_step(node, *step))
            return steps[::-1]
        dist = beliefs.firm.distances(node)
        options = beliefs.options(node, dist, hoping=hoping or bool(asking))
        if hoping:  # walks through cells no move was tried into: hoped too; through cells never seen: scouting
            wider = beliefs.likely.distances(node)
            if wider is not dist:  # the same walk (same cell flags: ``paths.KeptWalks``) makes nothing nearer
                scouted = scouting_walks.options(beliefs, node, dist, walked[node]) if scouting else []
                cheapest = {(o.cell, o.action, o.role): o.cost for o in scouted}
                options += [o._replace_hope(untried_walks.bump_loss(beliefs, node, o, dist, walked[node], budget),
                                            untried_walks.kind_chance(beliefs, node, o))
                            for o in beliefs.options(node, wider, hoping=True, keep=_nearer(dist, wider))
                            if cheapest.get((o.cell, o.action, o.role), _UNREACHED) > o.cost] + scouted
        for option in options:
            unit = (option.role, unit_action(option.action), option.event)
            skill = index.get(unit)
            target = (option.look.kind, option.cell)
            if skill is None or (ids[unit], target, node.keys) in failed:
                continue
            if option.after.opened != node.opened and pointless_opening(beliefs, node, option, free, hoping):
                continue
            belief = option.expectation
            asked = open_question(belief) and bool(asking) and _asks(
                asking, question(option.action, option.role, option.look, node.keys))
            if asking and not hoping and belief.source in HOPED and not asked:
                continue
            after, wins = option.after, option.wins
            key = ("WIN", option.cell) if wins else State(after.pos, after.keys, after.opened, after.taken)
            steps = walked[node] + option.cost
            new_cost = cost + option.cost
            hoped = belief.source in HOPED  # ``PlanStep.hoped``, ``doubted``: the step is made only if it is kept
            if hedging and doubting and hedged(belief, _own_held(option.look, node.keys)):  # not asked either
                new_cost += worst(steps, belief.loss)
            elif not asked and (hoped or (doubting and (hoped or belief.voted))):
                new_cost += risk(belief.p, steps, belief.horizon(horizon, ahead), belief.loss)
            if new_cost < best.get(key, _UNREACHED):
                best[key] = new_cost
                walked[key] = steps
                back[key] = (node, (ids[unit], target, option))  # the step made only if the plan takes it
                counter += 1
                h = 0 if wins else bound(after.pos)
                heapq.heappush(frontier, (new_cost + h, -new_cost, counter, key))
    return None
