"""Value of information: a cheaper question asked first, whose answer settles a costlier one.

Where the model's one-fact rules split on a try (door E opened holding keys e and f, door C holding e and f: "any key"
and "a key of another letter" both fit, so door E holding e alone is an even chance), the known plan hedges (it
fetches key f too) and the hedge recurs in every later play: the question is never asked where asking it costs much
(two closed doors in, the walk back for key f if it fails). But the rules read only the holding signature (nothing
held, a key of its own letter, one of another letter: ``skill_plan.question``), so any try with the same signature
gets the same answer from each of them: door F holding key f alone answers door E holding e alone, and may be asked
where failing costs little (key e lies on the way back).

The value of an answer is what it saves in the plays after this one: the known plan from the episode's start against
the plan that counts on the answer being yes, times the chance of yes, times the plays it serves (``horizon``). A
test is one of the known plan's own tries, at another object than the dear one (a try there is a hunch, weighed by
``agents/optimism.py``), made holding fewer keys; it is asked when what it is expected to add to this episode (its
walk, then the plan on if it works, or the plan on from where it failed, each by its chance, against the known
plan from here) is below that value. The start's plans are the yardstick so that a test begun (a key fetched for it)
keeps its value until it is made. Only questions on which the kind's rules split after it was seen both to change
and to stay shut here are asked (``kind_vote``): before any door was seen shut, "it always opens" fits too, and a
locked level would test each door holding nothing. One exception (``_unspendable``): where every door was opened
holding a key, "it opens holding nothing" is an even split that the hunch budget will try at a dear door once
budget is saved (a failure within the exploration horizon's shares); the same question is then asked at another
door first, where a failure costs no more than the dear one's and fits the exploration horizon's shares that would
have paid for it: a hunch moved earlier, never one added where no hunch would have been made, nor made dearer.
The settled level's test of its guess (``face_value_test``) is moved so too: made where failing costs least.
"""

from __future__ import annotations

from procmem_tui.agents.option import apply, spends_unheld
from procmem_tui.agents.optimism import BUDGET, HORIZON, SETTLED_AHEAD, cells_by_base_look, from_model, worth_trying
from procmem_tui.agents.run import Run, exploring
from procmem_tui.agents.skill_plan import open_question, question, steps_to_win
from procmem_tui.memory.imagine import BESIDE, HERE, base_looks
from procmem_tui.memory.paths import beside, path_to, walk_tree
from procmem_tui.memory.world_model import SIGNATURE, features, signature
from procmem_tui.world import Action, State


_ACTS = tuple(a.value for a in Action)  # the world's action order, not a set's: loops over it are the same every run


def _cost(plan) -> int | None:
    return None if not plan else sum(s.cost for s in plan)


def worth_asking(beliefs, start: State, planner, horizon: int = 1) -> tuple[dict, int]:
    """The open questions whose answer yes would shorten the plays to come from ``start`` (question → the objects
    that plan asks it at), and the steps a play would save then; ({}, 0) where the known plan is as short as any
    could be. Kept until the model learns something new or the map changes."""
    def find():
        if not _split_somewhere(beliefs) and not (_split_somewhere(beliefs, never_shut=True)
                                                  and _two_ask_nothing(beliefs, start)):
            return {}, 0
        plan = planner(start, frozenset())
        known = _cost(plan)
        if known is None or known <= steps_to_win(beliefs, start.pos):
            return {}, 0
        if not _split_somewhere(beliefs):  # only a holding no try had: no guess plan can count on its answer
            return _unspendable(beliefs, start, plan, planner, known)
        guess = planner(start, lambda q: q[0] in _ACTS and 0 < kind_vote(beliefs, q) < 1)
        if not guess or known - _cost(guess) <= 0:
            return _unspendable(beliefs, start, plan, planner, known)
        asked: dict = {}
        for step in guess:
            q = step.question
            if q is not None and q[0] in _ACTS and 0 < kind_vote(beliefs, q) < 1:
                asked.setdefault(q, set()).add(step.target[1])
        return {q: frozenset(cells) for q, cells in asked.items()}, known - _cost(guess)
    key = (beliefs.model.version, beliefs.map.version, beliefs.level, start, horizon)
    kept = getattr(beliefs.map, "_asking", None)  # on the map, as ``skill_plan``'s bound: the model learns little
    if kept is None or kept[0] != key:  # in a replay, and the beliefs' memo is renewed with every step filed
        kept = beliefs.map._asking = (key, find())
    return kept[1]


def _unspendable(beliefs, start: State, plan: list, planner, known: int) -> tuple[dict, int]:
    """The question a try of the known plan asks holding nothing, where no door of the kind was seen shut here yet
    (``kind_vote``'s ``never_shut``): door C opened holding key c, door E holding key e, so "it opens holding
    nothing" fits as well as "it needs a key", an even split. The guess plan does not count on that answer (the
    model's outcome spends the door's own key, which is not held: ``option.spends_unheld``; and the strict vote has
    no split), so what it would save is the known plan from the start
    against the plan with that object already open and the try's one step: the dearest such try's question and
    saving, or ({}, 0). ``ask`` asks it elsewhere only where a failure there costs no more than the dear try's
    would (``_hunch_cost``) and fits the horizon's hunch shares. ``plan``: the known plan from ``start``."""
    best: tuple = ({}, 0)
    keys = start.keys
    asking: dict = {}  # question → the plan's objects that ask it holding nothing
    for step in plan or []:
        held, cell = keys, step.target[1]
        if step.after is not None:
            keys = step.after.keys
        if step.action.value not in _ACTS or not held or cell in start.opened:
            continue
        lk = beliefs.look(cell, start)
        if lk is None:
            continue
        role = HERE if step.end == cell else BESIDE
        expectation = beliefs.expect(step.action.value, role, lk, frozenset(), True)
        if not open_question(expectation) or not spends_unheld(start.keys, lk, expectation.outcome):
            continue
        q = question(step.action, role, lk, frozenset())
        if 0 < kind_vote(beliefs, q, never_shut=True) < 1 and not 0 < kind_vote(beliefs, q) < 1:
            asking.setdefault(q, []).append(cell)
    for q, cells in sorted(asking.items()):
        if len(set(cells)) < 2:
            continue  # no other object of the plan asks it: no cheaper place to ask
        for cell in cells:
            through = _cost(planner(start._replace(opened=start.opened | {cell}), frozenset()))
            saving = 0 if through is None else known - through - 1
            if saving > best[1]:
                best = ({q: frozenset({cell})}, saving)
    return best


def _two_ask_nothing(beliefs, start: State) -> bool:
    """Whether two closed objects of a kind ask the same open question holding nothing, one the model cannot plan
    through (``_unspendable``'s: its outcome spends a key not held, ``spends_unheld``): where none do, nothing is
    planned to look for it. What an object asks depends on its look alone, so it is worked out once per look
    (``_asked_holding_nothing``), and the cells are read a look at a time (``optimism.cells_by_base_look``): the
    walls and the floor, most of the map, are not read cell by cell. An object taken looks like the floor
    (``Beliefs.look``)."""
    seen: dict = {}
    keys, opened, taken = start.keys, start.opened, start.taken
    looks = base_looks(beliefs.map)
    gone = [cell for cell in taken if cell in looks and cell not in opened]
    groups = list(cells_by_base_look(beliefs).items())
    if gone:
        groups.append((beliefs.look(gone[0], start), gone))
    for lk, cells in groups:
        asked = [q for q, outcome in _asked_holding_nothing(beliefs, lk) if spends_unheld(keys, lk, outcome)]
        if not asked:
            continue  # nothing, or only what a plan counts on (``option.apply``), wherever the object is
        cells = [cell for cell in cells if cell not in opened and (cell not in taken or cells is gone)]
        for q in asked:
            mine = seen.setdefault(q, set())
            mine.update(cells)
            if len(mine) > 1:
                return True
    return False


def _asked_holding_nothing(beliefs, lk) -> list:
    """The (question, outcome counted on) of each open question an object of look ``lk`` asks holding nothing
    that only a rule never shut by a try here leaves open (``_two_ask_nothing``). It reads the units of ``lk``'s kind
    alone (``Beliefs.expect`` and ``kind_vote`` read nothing else), so it is kept on ``beliefs`` while they are those
    and nothing is filed under them (``WorldModel.stamp``): a replay's replans ask it of every look, after steps that
    filed under a few units."""
    model = beliefs.model
    of_kind = _UNITS_OF.get(lk.kind)
    if of_kind is None:
        of_kind = _UNITS_OF[lk.kind] = [(action, role, lk.kind) for action in _ACTS for role in (HERE, BESIDE)]
    units = [unit for unit in of_kind if unit in model.units]
    read = (units, [model.stamp(unit) for unit in units])
    kept = getattr(beliefs, "_asked_nothing", None)
    if kept is None:
        kept = beliefs._asked_nothing = {}
    found = kept.get(lk)
    if found is None or found[0] != read:
        found = kept[lk] = (read, _asking_nothing(beliefs, lk, units))
    return found[1]


_UNITS_OF: dict = {}  # kind -> the units an action files about an object of that kind, in ``_ACTS`` order


def _asking_nothing(beliefs, lk, units: tuple) -> list:
    """``_asked_holding_nothing`` worked out over the units of ``lk``'s kind the model has."""
    out = []
    for action, role, _ in units:
        expectation = beliefs.expect(action, role, lk, frozenset(), True)
        if not open_question(expectation):
            continue
        q = question(Action(action), role, lk, frozenset())
        if 0 < kind_vote(beliefs, q, never_shut=True) < 1 and not 0 < kind_vote(beliefs, q) < 1:
            out.append((q, expectation.outcome))
    return out


_SIGNATURES = [frozenset(c) for c in (("holds:nothing",), ("holds:own",), ("holds:other",),
                                      ("holds:own", "holds:other"))]


def _split_somewhere(beliefs, never_shut: bool = False) -> bool:
    """Whether the rules of some kind split on some holding (``kind_vote`` strictly between 0 and 1): where none do,
    no question is open and nothing is planned to find one (a replay's decisions stay as cheap as they were)."""
    return any(_kind_rules(beliefs, unit, is_open, never_shut)[1]
               for unit in beliefs.model.units if unit[0] in _ACTS for is_open in (False, True))


def kind_vote(beliefs, q: tuple, never_shut: bool = False) -> float:
    """The share of the one-fact rules over the holding signature ("always", and each of nothing held, a key of its own
    letter, a key of another letter, or its negation) that fit every try of the question's unit on objects of its kind
    and state on this level, and say the question's signature changes something (1.0 where none was tried here).
    Strictly between 0 and 1, the rules split on the question, and any try with its signature answers it for all; at
    0 or 1 the kind's rules agree, and a doubt that is left is about one object's own keys, which no other object's
    try answers. ``never_shut``: also where every try of the unit here changed something (the rules still split on
    a holding none of them had: ``_unspendable``)."""
    return beliefs.memo(("kind vote", q, never_shut), lambda: _kind_vote(beliefs, q, never_shut))


def _kind_vote(beliefs, q: tuple, never_shut: bool = False) -> float:
    action, role, kind, is_open, sig = q
    return _vote(_kind_rules(beliefs, (action, role, kind), is_open, never_shut)[0], sig)


def _vote(fits: tuple, sig: frozenset) -> float:
    """The share of the rules ``fits`` that say a try with holding signature ``sig`` changes something (1.0: none)."""
    return sum(_says(rule, sig) for rule in fits) / len(fits) if fits else 1.0


_RULES = ((None, False), *((lit, neg) for lit in SIGNATURE for neg in (False, True)))  # "always", each literal or not


def _says(rule: tuple, sig: frozenset) -> bool:
    """Whether a one-fact rule of ``_RULES`` says a try with holding signature ``sig`` changes something."""
    lit, neg = rule
    return True if lit is None else (lit in sig) != neg


def _kind_rules(beliefs, unit: tuple, is_open: bool, never_shut: bool) -> tuple:
    """The rules of ``_RULES`` that fit every try of ``unit`` here on objects in that state (empty where the tries
    do not split: ``kind_vote`` is 1.0), and whether they split on some holding signature (a vote strictly between
    0 and 1). They read the unit's facts alone (which situations changed something, on which levels), not the
    question's signature: the signatures of a unit's questions share them, and they are kept on ``beliefs`` while
    no new fact, nor a fact on a new level, is filed under the unit (``WorldModel.shape``): ``_split_somewhere``
    asks them for every unit at each of a replay's replans, where the model has learned only of a few."""
    kept = getattr(beliefs, "_kind_rules", None)
    if kept is None:
        kept = beliefs._kind_rules = {}
    key = (unit, is_open, never_shut)
    shape = beliefs.model.shape(unit)
    found = kept.get(key)
    if found is None or found[0] != shape:
        fits = _fitting(beliefs, unit, is_open, never_shut)
        found = kept[key] = (shape, (fits, any(0 < _vote(fits, sig) < 1 for sig in _SIGNATURES)))
    return found[1]


def _fitting(beliefs, unit: tuple, is_open: bool, never_shut: bool) -> tuple:
    """``_kind_rules``' rules worked out."""
    state = "open" if is_open else "closed"
    seen = [(signature(f.feats), bool(f.outcome.changes))
            for f in beliefs.model.units.get(unit, {}).values()
            if state in f.feats and beliefs.level in f.levels]
    outcomes = {works for _, works in seen}
    if len(outcomes) < 2 and not (never_shut and outcomes == {True}):
        return ()
    return tuple(rule for rule in _RULES if all(_says(rule, s) == works for s, works in seen))


def ask(beliefs, state: State, start: State, plan: list, planner, horizon: int) -> Run | None:
    """The walk to the test that pays best for itself in the plays to come, or None. ``plan``: the known plan from
    ``state``; ``planner(state, asking)``: the model's plan from a situation, ``asking`` questions taken as answered
    yes; ``horizon``: the plays an answer is counted on to serve. A test is one of the known plan's own tries made
    holding fewer keys (fetching at most one on the way), whose question the rules of its kind split on
    (``kind_vote``) and whose answer yes would shorten the plays to come (``worth_asking``). What it is expected to
    add here is its walk, then the plan on by its chance of working, or the plan on from where it failed, against
    the known plan; a test that may leave no way to the goal, or whose failure would cost nothing by those plans
    (they disagree on what is known), is none."""
    asked, saving = worth_asking(beliefs, start, planner, horizon)
    if not asked:
        return None
    key = (beliefs.model.version, beliefs.map.version, beliefs.level, start)
    kept = getattr(beliefs.map, "_hunches", None)  # kept as ``worth_asking``'s answer: a replay's decisions stay cheap
    if kept is None or kept[0] != key:
        known_plan = planner(start, frozenset())
        share = BUDGET * _cost(known_plan)
        kept = beliefs.map._hunches = (key, share, {
            q: _hunch_cost(beliefs, start, known_plan, planner, q, cells, share, saving) for q, cells in asked.items()})
    _, share, dear_cost = kept
    asked = {q: cells for q, cells in asked.items() if 0 < kind_vote(beliefs, q) < 1 or dear_cost[q] > 0}
    if not asked:
        return None  # only questions no hunch would ask: nothing to move earlier
    known = _cost(plan)
    route = _held_at(state, plan)
    dist, parent = walk_tree(beliefs.firm, state)
    fetches = from_model(beliefs, state).fetches
    best = None
    for q, dear in sorted(asked.items()):
        shut_seen = 0 < kind_vote(beliefs, q) < 1
        for test in _tests(beliefs, state, q, dist, fetches):
            walk, stand, key, taker, cell, lk, expectation = test
            if cell in dear:
                continue  # the dear try itself: a hunch, weighed as one (``agents/optimism.py``)
            if not _held_for(state, fetches, key) < route.get((q[0], cell), frozenset()):
                continue  # not this plan's own try holding fewer keys
            held = _standing(state, stand, fetches, key)
            if not spends_unheld(held.keys, lk, expectation.outcome):
                worked = apply(held, stand, cell, lk, expectation.outcome)
            elif not shut_seen:  # opened holding nothing of what it spent: only a yes is asked, whatever it spends
                worked = held._replace(pos=stand, opened=held.opened | {cell})
            else:
                continue
            on, back = _cost(planner(worked, frozenset({q}))), _cost(planner(held, frozenset()))
            if on is None or back is None:
                continue  # a test that may leave no way to the goal is no cheap question
            p = expectation.p
            extra = walk + p * on + (1 - p) * back - known
            value = p * saving * horizon
            if walk + back <= known:
                continue  # failing would cost nothing: the plans from here and there disagree on what is known
            if not shut_seen and walk + back - known > min(HORIZON * share, dear_cost[q]):
                continue  # no door of the kind seen shut here: only the question of a hunch to come, for no more
            if extra < value and (best is None or value - extra > best[0]):
                best = (value - extra, test, q, extra, value)
    if best is None:
        return None
    _, test, q, extra, value = best
    return _asking(state, fetches, parent, test, q, f"the same question as a dearer try, worth {value:.1f} steps "
                                                   f"over the plays to come, {extra:.1f} expected here")


def _hunch_cost(beliefs, start: State, plan: list, planner, q: tuple, dear: frozenset, share: float,
                saving: int) -> float:
    """What the hunch budget would lose on the dear try where no door of its kind was seen shut: the least, over the
    known plan's situations from ``start`` where a dear object can be acted on holding what the question asks
    about, of the walk there, the try and the known plan on from there against the known plan
    (``optimism.Budget.cost``); 0 when the budget would never make
    it over the exploration horizon (a failure beyond ``HORIZON`` shares, or not paying over ``HORIZON`` plays at the
    kind's vote), so that a cheaper test is asked only in place of a hunch to come, never in addition to none."""
    best = None
    for here in [start] + [step.after for step in plan or [] if step.after is not None]:
        dist, known = walk_tree(beliefs.firm, here)[0], None
        for cell in dear:
            lk = beliefs.look(cell, here)
            if lk is None or signature(features(lk.letter, lk.open, here.keys)) != q[4]:
                continue
            stand = beside(beliefs.firm, here, dist, cell)
            if stand is None or stand not in dist or cell in here.opened:
                continue
            known = _cost(planner(here, frozenset())) if known is None else known
            on = None if known is None else _cost(planner(here._replace(pos=stand), frozenset()))
            if on is not None:
                cost = dist[stand] + 1 + on - known
                best = cost if best is None else min(best, cost)
    if best is None or best > HORIZON * share or not worth_trying(kind_vote(beliefs, q, never_shut=True), saving,
                                                                   best / 2, HORIZON):
        return 0
    return best


def _held_at(state: State, plan: list) -> dict:
    """(action, object) → the keys the known plan holds when it does that action to that object."""
    out, keys = {}, state.keys
    for step in plan:
        out.setdefault((step.action.value, step.target[1]), keys)
        if step.after is not None:
            keys = step.after.keys
    return out


def _held_for(state: State, fetches: dict, key) -> frozenset:
    """The keys held at a test that fetches ``key`` first (None: none)."""
    return state.keys if key is None else state.keys | fetches[key][1]


def _standing(state: State, stand, fetches: dict, key) -> State:
    """Where a test is made: at ``stand``, holding what the plan holds there with ``key`` fetched on the way."""
    return state._replace(pos=stand, keys=_held_for(state, fetches, key),
                          taken=state.taken | ({key} if key is not None else set()))


def _asking(state: State, fetches: dict, parent: dict, test: tuple, q: tuple, why: str) -> Run:
    """The walk to ``test`` and its try, with a Why line naming the question, the keys held and ``why``."""
    walk, stand, key, taker, cell, lk, expectation = test
    end, last = (key, taker) if key is not None else (stand if q[1] != HERE else cell, Action(q[0]))
    what = f"{q[0]} at {lk.kind} {lk.letter}".strip()
    return exploring(path_to(parent, end) + [last],
                     f"asking {what} holding {_holding(_held_for(state, fetches, key))} ({expectation.p:.0%}): {why}")


def _holding(keys: frozenset) -> str:
    return ", ".join(f"key {k}" for k in sorted(keys)) if keys else "nothing"


def _tests(beliefs, state: State, q: tuple, dist: dict, fetches: dict) -> list:
    """(walk, cell to act from, key fetched first or None, its taker, object, look, expectation) of every try that
    asks ``q`` from ``state`` with at most one fetch: an object of its kind and state, holding what is held (and the
    fetched key) with the question's signature, where the model leaves the try open."""
    action, role, kind, is_open, sig = q
    out = []
    from_key: dict = {}
    for cell in _cells(beliefs, kind):
        lk = beliefs.look(cell, state)
        if lk is None or lk.kind != kind or lk.open != is_open:
            continue
        for key in [None, *sorted(fetches)]:
            if key is not None and (key == cell or key in state.taken or key not in dist):
                continue
            keys = _held_for(state, fetches, key)
            if signature(features(lk.letter, lk.open, keys)) != sig:
                continue
            expectation = beliefs.expect(action, role, lk, keys, True)
            if not open_question(expectation) or question(Action(action), role, lk, keys) != q:
                continue
            if key is None:
                here, walked = state, dist
            else:
                if key not in from_key:
                    from_key[key] = walk_tree(beliefs.firm, state._replace(pos=key))[0]
                here, walked = state._replace(pos=key), from_key[key]
            stand = cell if role == HERE else beside(beliefs.firm, here, walked, cell)
            if stand is None or stand not in walked:
                continue
            walk = walked[stand] + 1 + (0 if key is None else dist[key] + 1)
            out.append((walk, stand, key, fetches[key][0] if key is not None else None, cell, lk, expectation))
    return out


def _cells(beliefs, kind: str) -> list:
    return sorted(p for p, lk in base_looks(beliefs.map).items() if lk.kind == kind)


def face_value_test(beliefs, state: State, known_plan: list, guess: list, planner,
                    guessing) -> tuple[Run, float] | None:
    """The settled level's test of its guess (``ProceduralAgent._better_than_habit``) asked where it costs least.
    ``guess``: the plan that takes the model's best guess at face value, shorter than the ``known_plan`` (the
    habit); ``guessing(state)``: that plan from another situation (how the rest of the episode plays). Each doubted
    step of the guess whose question the kind's rules split on (``kind_vote``, ``never_shut`` too: no door of the
    kind need have been seen shut) is a test it would make, and failing there may cost a walk back through doors.
    A test instead is one of the known plan's own tries made holding fewer keys (fetching at most one on the way)
    that asks one of those questions, or another holding the rules split on at the same kind and state whose yes
    makes as short a route (door F opened holding keys e and f: holding f alone settles which key it needs as well
    as holding e alone does, and failing may cost less). The episode is priced as it would be played, at face
    value, each way (``_played_at_face_value``), and a failed try by the plan of a model that saw it fail
    (``_failed``): the test is made where the episode is expected to cost less than by the guess's own tries
    (rooms3-10-s5: door F holding key f asks cheaply whether keys are alike, but the guess played on would then ask
    door D holding f, far from key d). The test's run and the steps this episode is expected to take so; else
    None."""
    known = _cost(known_plan)
    if known is None or not guess:
        return None
    dear: dict = {}  # question → the guess's objects that ask it
    for step in guess:
        q = step.question
        if step.doubted and q is not None and q[0] in _ACTS and 0 < kind_vote(beliefs, q, never_shut=True) < 1:
            dear.setdefault(q, set()).add(step.target[1])
    if not dear:
        return None
    asked = {q: frozenset(cells) for q, cells in dear.items()}
    for q in list(dear):
        for sig in _SIGNATURES:
            other = q[:4] + (sig,)
            if other in asked or not 0 < kind_vote(beliefs, other, never_shut=True) < 1:
                continue
            answered = _cost(planner(state, frozenset({other})))
            if answered is not None and answered <= _cost(guess):
                asked[other] = frozenset()  # its yes as short a route as the guess's: the guess is asked no more
    route = _held_at(state, known_plan)
    dist, parent = walk_tree(beliefs.firm, state)
    fetches = from_model(beliefs, state).fetches
    supposed: dict = {}  # the what-if beliefs of each failure, made once
    as_guessed = best = None
    for q, dear_cells in sorted(asked.items(), key=lambda item: (item[0][:4], sorted(item[0][4]))):
        for test in _tests(beliefs, state, q, dist, fetches):
            walk, stand, key, taker, cell, lk, expectation = test
            if cell in dear_cells:
                continue  # the guess's own try
            keys = _held_for(state, fetches, key)
            if not keys < route.get((q[0], cell), frozenset()) or spends_unheld(keys, lk, expectation.outcome):
                continue  # not the known plan's own try holding fewer keys
            at = _standing(state, stand, fetches, key)
            worked = apply(at, stand, cell, lk, expectation.outcome)
            if worked is None:
                continue
            back = _played(beliefs, at, planner, supposed, what_if=_failed(beliefs, q, lk, keys, supposed))
            if back is None or walk + back <= known:
                continue  # failing there costs nothing by these plans (they disagree on what is known)
            if as_guessed is None:
                as_guessed = _played_at_face_value(beliefs, state, guessing, planner, supposed)
                if as_guessed is None:
                    return None
            p = expectation.p
            if walk + p * steps_to_win(beliefs, worked.pos) + (1 - p) * back >= as_guessed:
                continue  # it could not cost less even if the rest were as short as can be
            on = _played_at_face_value(beliefs, worked, guessing, planner, supposed)
            if on is None:
                continue
            expected = walk + p * on + (1 - p) * back
            if expected < as_guessed - 1e-9 and (best is None or expected < best[0]):
                best = (expected, test, q)
    if best is None:
        return None
    expected, test, q = best
    return _asking(state, fetches, parent, test, q, f"the settled level's test of its guess, {expected:.1f} steps "
                                                   f"expected this episode, {as_guessed:.1f} by the guess's own "
                                                   f"tries"), expected


def guess_pays(beliefs, state: State, known_plan: list | None, guess: list, planner, guessing,
               expected: float | None) -> bool:
    """Whether a settled level's episode played at face value pays for itself over the plays ahead: the chance of the
    guess's first doubted step, times what the guess saves a play against the known plan, times the plays a settled
    level is assumed to have ahead (``optimism.SETTLED_AHEAD``), against what this episode is expected to add
    (each doubted try by its chance, a failure by the plan of a model that saw it fail: ``_played_at_face_value``;
    ``expected``: the steps expected where a cheaper test asks the guess's question first, ``face_value_test``).
    A guess that doubts nothing (an order the model now knows to be shorter) is simply played; one whose failure may
    leave no way to the goal never. Held-out seed 7 ``rooms3-26-s117-aC.bA.cB``: a guess saving one step a play at
    75 %, expected to add 16 steps, lost 67 in episode 4 (106 88 88 155); held-out seed 0 ``rooms2-20-s108``'s, one
    step at 67 % for 9 expected, asked holding key f, is made (77 45 45 44)."""
    doubted = next((s for s in guess if s.doubted), None)
    if doubted is None:
        return True
    known = _cost(known_plan)
    if known is None:
        return False
    if expected is None:
        expected = _played_at_face_value(beliefs, state, guessing, planner, {})
    value = doubted.belief.p * (known - _cost(guess)) * SETTLED_AHEAD
    return expected is not None and expected - known < value


def _failed(beliefs, q: tuple, lk, keys: frozenset, supposed: dict):
    """The beliefs of a model that also saw the question's try change nothing holding ``keys`` (a what-if copy,
    ``WorldModel.supposing``): the plan on from a failed test, not one that counts on it yet. Kept in ``supposed``
    (one what-if per failure, its plans' memos with it)."""
    key = (id(beliefs), q, lk, keys)  # a what-if of a what-if (``_played``) is another model's
    if key not in supposed:
        supposed[key] = _supposing(beliefs, q, lk, keys)
    return supposed[key]


def _supposing(beliefs, q: tuple, lk, keys: frozenset):
    model = beliefs.model
    nothing = next((f.outcome for (name, _, _), f in model.facts()
                    if name == q[0] and not f.outcome.changes and not f.outcome.moved), None)
    if nothing is None:
        return None
    supposed = model.supposing([(q[0], q[1], lk.kind)], features(lk.letter, lk.open, keys), nothing, beliefs.level)
    return type(beliefs)(supposed, beliefs.map, beliefs.level, beliefs.failures)


def _played_at_face_value(beliefs, state: State, guessing, planner, supposed: dict, depth: int = 2) -> float | None:
    """The expected steps of playing on from ``state`` as a settled level's first episode does, at face value
    (``guessing``: its plan): up to the plan's first doubted try, then by its chance the same from where it worked
    (``depth`` tries deep, then the known plan), or the known plan from where it failed, on a model that saw it fail
    (``_failed``). None where no plan wins."""
    plan = guessing(state)
    if not plan:
        return None
    walked, before = 0, state
    for step in plan:
        walked += step.cost
        q = step.question
        if step.doubted and q is not None and q[0] in _ACTS and step.after is not None:
            lk = beliefs.look(step.target[1], before)
            if lk is None:
                return None
            at = before._replace(pos=step.end)
            on = (_played_at_face_value(beliefs, step.after, guessing, planner, supposed, depth - 1) if depth > 1
                  else _played(beliefs, step.after, planner, supposed))
            back = _played(beliefs, at, planner, supposed, what_if=_failed(beliefs, q, lk, before.keys, supposed))
            if on is None or back is None:
                return None
            p = step.belief.p
            return walked + p * on + (1 - p) * back
        before = step.after if step.after is not None else before
    return walked


def _played(beliefs, state: State, planner, supposed: dict, depth: int = 1, what_if=None) -> float | None:
    """The expected steps of playing the known plan from ``state`` (of ``what_if``'s model where given: a what-if
    that saw a test fail; else the agent's own, ``beliefs``): up to its first doubted try, then by its chance the rest
    of the plan, or the known plan on from where it failed, on a model that saw it fail (``depth`` tries deep). A
    known plan counts on a doubted try at its risk spread over the plays ahead (``skill_plan.risk``), so its length
    alone is what it takes only where every such try works. Unusual seed 4 ``open-24-vault-6-keys-s4`` under
    ``--view 3``: door A holding nothing (25 %) was asked first because failing there looked 13 steps dear, the known
    plan on counting on key b alone (75 %); b failed too, and the walk back for key a made episode 4 100 steps for
    44 (45 by the habit). None where no plan wins."""
    model = beliefs if what_if is None else what_if
    plan = planner(state, frozenset(), what_if)
    if not plan:
        return None
    walked, before = 0, state
    for i, step in enumerate(plan):
        walked += step.cost
        q = step.question
        if depth > 0 and step.doubted and q is not None and q[0] in _ACTS and step.after is not None:
            lk = model.look(step.target[1], before)
            if lk is None:
                return None
            failed = _failed(model, q, lk, before.keys, supposed)
            back = _played(model, before._replace(pos=step.end), planner, supposed, depth - 1,
                           failed if failed is not None else what_if)
            if back is None:
                return None
            p = step.belief.p
            return walked + p * sum(s.cost for s in plan[i + 1:]) + (1 - p) * back
        before = step.after if step.after is not None else before
    return walked
