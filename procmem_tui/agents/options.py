"""Every (object, action) the model says changes something — or, hoping, might — as an ``Option``: the cell to act
from, its cost and the situation after it; tries that led to a dead end before are left out or doubted."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from procmem_tui.agents.expectation import Expectation
from procmem_tui.agents.evidence import rebind
from procmem_tui.agents.option import Option, apply, spends_unheld
from procmem_tui.memory.failures import Try
from procmem_tui.memory.imagine import Look, base_looks
from procmem_tui.memory.paths import OFFSETS, neighbours
from procmem_tui.memory.world_model import BESIDE, EDGE, HERE
from procmem_tui.world import Action, State
from procmem_tui.world.actions import MOVE_DELTAS

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs

MOVE = "move"
_DELTA_ACTION = {delta: action for action, delta in MOVE_DELTAS.items()}
_ACTION = {action.value: action for action in Action}  # ``Action(name)`` without the enum's lookup
_NONE = frozenset()


def options(beliefs: "Beliefs", state: State, dist: dict, *, hoping: bool = False, keep=None) -> list[Option]:
    """Every (object, action) the model says changes something (or, ``hoping``, might), with the cell to act
    from (within ``dist``: distances from the agent), its cost and the situation after it. ``keep``: if given,
    only the options whose cell to act from it keeps (the others are not worked out)."""
    out = []
    for action, role, cell, lk, expectation in _counted_on(beliefs, state, hoping):
        option = _option(beliefs, state, dist, cell, lk, action, role, expectation, hoping, keep)
        if option is not None:
            out.append(option)
    return out


def _counted_on(beliefs: "Beliefs", state: State, hoping: bool) -> list:
    """(action, role, cell, look, expectation) of every object an action is counted on to change in ``state``, in
    ``options``' order. It depends on the keys held and the objects open or gone, not on where the agent stands: kept
    for the situations a plan meets at other cells, and for later plans while the map and what it reads of the model
    (the eventful units, and their facts: ``Beliefs.counted_on_kept``) stand."""
    units = beliefs.eventful_units()  # first: it renews the caches if the model or the map changed
    kept = beliefs.counted_on_kept(units)
    key = (state.keys, state.opened, state.taken, hoping)
    found = kept.get(key)
    if found is None:
        found = kept[key] = []
        looks = base_looks(beliefs.map)
        look, expect, keys, opened, taken = beliefs.look, beliefs.expect, state.keys, state.opened, state.taken
        for action, role, kind in units:
            for cell in _cells_of(beliefs, kind, looks):
                lk = looks.get(cell)  # ``beliefs.look`` where nothing was taken: the seen look, opened or not
                if lk is None or cell in taken:
                    lk = look(cell, state)
                elif cell in opened:
                    lk = lk._replace(open=True)
                if lk is None or lk.kind != kind:
                    continue
                expectation = expect(action, role, lk, keys, hoping)
                if expectation.outcome is not None:
                    found.append((action, role, cell, lk, expectation))
    return found


def _cells_of(beliefs: "Beliefs", kind: str, looks: dict) -> list:
    """The seen cells of ``kind`` in order: read off the map's looks alone, kept while they stand."""
    return beliefs.by_looks(("cells", kind), lambda: sorted(p for p, lk in looks.items() if lk.kind == kind))


def _option(beliefs: "Beliefs", state: State, dist: dict, cell, lk: Look, action: str, role: str,
            expectation: Expectation, hoping: bool = False, keep=None) -> Option | None:
    outcome = expectation.outcome
    if role == HERE:
        if cell not in dist or (cell != state.pos and beliefs.firm.ends(cell, state)):
            return None
        if keep is not None and not keep(cell):
            return None
        stand, act, cost = cell, _ACTION[action], dist[cell] + 1
    else:
        stand = _stand(beliefs, state, dist, cell, action, role)
        if stand is None or (keep is not None and not keep(stand)):
            return None
        act = _DELTA_ACTION[(cell[0] - stand[0], cell[1] - stand[1])] if action == MOVE else _ACTION[action]
        cost = dist[stand] + 1
    after = apply(state, stand, cell, lk, outcome)
    if after is None and (hoping or _one_key_spent(expectation, state.keys)) and _from_other_holdings(expectation) \
            and spends_unheld(state.keys, lk, outcome):
        outcome, expectation = _spend_held(beliefs, state, lk, action, role, expectation)
        after = apply(state, stand, cell, lk, outcome)
    if after is None or (after.keys == state.keys and after.opened == state.opened and after.taken == state.taken
                         and not outcome.ended):
        return None  # changes nothing the agent could use, or spends a key it cannot tell
    if (outcome.lost or outcome.gained or outcome.object) and beliefs.failures.levels:
        # a try that cannot be undone, and some try led to a dead end somewhere
        tried = Try(action, lk.kind, lk.letter, tuple(sorted(state.keys)), cell)
        here = beliefs.failures.here(beliefs.level, tried)
        if here and (outcome.lost or not hoping):
            return None  # led to a dead end on this level before: spending so never again, the rest a doubt
        if here:
            e = expectation
            return Option(cell, lk, act, role, stand, cost, Expectation(
                e.outcome, e.p / (1 + here), "guess", f"{tried.text()}: led to a dead end here {here}×"), after)
        elsewhere = beliefs.failures.elsewhere(beliefs.level, tried)
        if elsewhere and (hoping or outcome.lost):  # other levels say it may lead nowhere: a doubt, as their
            if not hoping:  # votes make it (a spend is not counted on; anything else still is)
                return None
            e = expectation
            expectation = Expectation(e.outcome, e.p / (1 + elsewhere), "guess",
                                      f"{tried.text()}: led to a dead end on {elsewhere} other level"
                                      f"{'' if elsewhere == 1 else 's'}")
    return Option(cell, lk, act, role, stand, cost, expectation, after)


def _from_other_holdings(expectation: Expectation) -> bool:
    """Whether the expectation reads its outcome off what the object did holding otherwise (implied, or a guess at
    some chance): the key it names spent is the one held then, not one this holding has."""
    return expectation.source in ("implied", "guess") and expectation.p > 0


def _one_key_spent(expectation: Expectation, keys: frozenset) -> bool:
    """Whether a change read off other holdings is certain (every reading that fits says it opens: keys alike here,
    ``evidence.readings_chance``) while one key is held: then which key it spends is no question, the one held is
    (door C opened holding key f and spent it, and no pairing of one key to each door fits: holding c alone, C opens
    and spends c; unusual --view 3 rooms4-28-s505-any+consumed fetched key d for C as well, 103 steps for 70)."""
    return expectation.p >= 1 and len(keys) == 1


def _spend_held(beliefs: "Beliefs", state: State, lk: Look, action: str, role: str, expectation: Expectation):
    """(outcome, expectation) for a hope whose spend names a key that is not held: the model saw the object take
    that key while it was held; holding others, one of them is what would go (``evidence.rebind``: the one held never
    tried with this object), a try at no more than an even chance whose outcome teaches the model which, not an
    option dropped for good (unusual --view 3 rooms4-28-s508-any+consumed fetched key b for door C forever). Only
    where the outcome was read off other holdings at some chance (``_from_other_holdings``): a 0% guess is ruled out
    by the rules that fit, and a change seen holding this very signature is left as the model states it (both
    measured: ``lesser_key`` in ``pairing_transfer.py`` fell from optimal by episode 3)."""
    e = expectation
    outcome = rebind(beliefs.model, e.outcome, lk, state.keys, (action, role, lk.kind))
    if _one_key_spent(e, state.keys) and outcome.lost:
        return outcome, replace(e, outcome=outcome, evidence=f"{e.evidence}; key {next(iter(state.keys))}, "
                                                             f"the one key held, is spent")
    return outcome, Expectation(outcome, min(e.p, 0.5), "guess",
                                f"{e.evidence}; holding {', '.join(sorted(state.keys))}: one of them is spent")


def _stand(beliefs: "Beliefs", state: State, dist: dict, cell, action: str, role: str):
    """The nearest cell beside ``cell`` to act from; for an action that acts beside the agent, one where no
    other object beside it is expected to be acted on instead, if there is such a cell."""
    cells = [c for c in _around(cell) if c in dist and not beliefs.firm.ends(c, state)]
    if not cells:
        return None
    if role == BESIDE and len(cells) > 1:
        clear = [c for c in cells if not _rivals(beliefs, state, c, cell, action)]
        cells = clear or cells
    return min(cells, key=lambda c: (dist[c], c))


_AROUND: dict = {}
AROUND_KEPT = 100_000  # cells whose neighbours ``_around`` keeps at most (all dropped beyond)


def _around(cell) -> tuple:
    """``paths.neighbours(cell)`` as a tuple, kept per cell: ``_stand`` asks it for every object in every situation
    a plan expands."""
    found = _AROUND.get(cell)
    if found is None:
        if len(_AROUND) >= AROUND_KEPT:
            _AROUND.clear()
        found = _AROUND[cell] = tuple(neighbours(cell))
    return found


def _rivals(beliefs: "Beliefs", state: State, stand, cell, action: str) -> bool:
    """Whether ``action`` done at ``stand`` could act on another object beside it than ``cell``: kept until the model
    or the map changes, by what it reads of ``state`` (the keys held, which cells beside ``stand`` are open or gone):
    a plan asks it for the same objects from every situation it expands."""
    others = [(stand[0] + dx, stand[1] + dy) for dx, dy in OFFSETS]
    opened, taken = state.opened, state.taken
    key = ("rivals", stand, cell, action, state.keys, opened.intersection(others) if opened else _NONE,
           taken.intersection(others) if taken else _NONE)
    return beliefs.memo(key, lambda: _any_rival(beliefs, state, others, cell, action))


def _any_rival(beliefs: "Beliefs", state: State, others: list, cell, action: str) -> bool:
    for other in others:
        if other == cell:
            continue
        lk = beliefs.look(other, state)
        if lk is not None and lk.kind != EDGE:
            p = beliefs.predict(action, BESIDE, lk, state.keys)
            if not p.known or p.outcome.changes:
                return True
    return False
