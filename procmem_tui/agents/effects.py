"""What the agent expects of its actions: its learned world model (``memory.world_model``) read on its own map.

Nothing here knows what a kind of cell does. Every question — can a move enter this cell, does entering it end the
episode, what does an action do to the object it meets, which neighbour it acts on, which key it spends — is put
to the model, which learned it from observed steps (per level, then pooled over levels). Where the model does not
know, the answer is a *hope*: a walk for exploring treats an unknown cell as open (``Beliefs`` as a ground), the
planner may count on an untried action doing what that action did elsewhere (``options`` with ``hoping``), and
the Why line says which (``Expectation.evidence``). The firm ground (``Beliefs.firm``) walks only where moves are
known to go.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from procmem_tui.memory.failures import Failures, Try
from procmem_tui.memory.imagine import ACTS, Look, base_looks, unit_action
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.paths import OFFSETS, neighbours
from procmem_tui.memory.world_model import (
    AHEAD, BESIDE, EDGE, HERE, SIGNATURE, Outcome, Prediction, WorldModel, features, signature,
)
from procmem_tui.world import Action, State
from procmem_tui.world.actions import DOOR_OPENED, GOAL_REACHED, KEY_PICKED, MOVE_DELTAS

MOVE = "move"
TRUSTED = 0.8
_DELTA_ACTION = {delta: action for action, delta in MOVE_DELTAS.items()}
_GONE = Look("floor", "", False)  # an object seen to vanish looks like the floor around it (as observed)


def event_of(outcome: Outcome) -> str | None:
    """The label the skill memory gives such an outcome (``memory.seen``): won, a key gained, something opened."""
    if outcome.ended and outcome.reward > 0:
        return GOAL_REACHED
    if outcome.gained:
        return KEY_PICKED
    if outcome.object == "opened":
        return DOOR_OPENED
    return None


def wins(outcome: Outcome | None) -> bool:
    return outcome is not None and outcome.ended and outcome.reward > 0


@dataclass(frozen=True)
class Expectation:
    """What the agent counts on from one action on one object: the outcome, the chance it is right, and why."""

    outcome: Outcome | None
    p: float
    source: str  # "here" (seen on this level), "pooled" (other levels), "implied" (likely from what it did
    # holding otherwise), "guess" (seen holding otherwise, no better than a coin),
    # "untried" (never tried so: optimism), "none"
    evidence: str = ""

    @property
    def works(self) -> bool:
        """Counted on as an ordinary belief (not a hope)."""
        return self.outcome is not None and self.source in ("here", "pooled", "implied") and self.p > 0.5

    @property
    def hoped(self) -> bool:
        return self.source in ("guess", "untried")


NOTHING = Expectation(None, 0.0, "none", "never seen")


def _chance(prediction: Prediction) -> float:
    """Seen on this level: 1; on other levels, one vote per level: Beta(1 + levels for, 1 + levels against). Until
    that mean reaches ``TRUSTED`` (3 levels agreeing), levels that tried the action on such objects but never in
    this situation count against too (one odd level among many does not make a rule)."""
    if prediction.basis == "this level":
        return 1.0
    against = max(prediction.votes - prediction.levels, 0)
    chance = (1 + prediction.levels) / (2 + prediction.levels + against)
    if TRUSTED <= chance:
        return chance
    return (1 + prediction.levels) / (2 + prediction.levels + against + prediction.silent)


def _change_chance(prediction: Prediction) -> float:
    """The chance that what other levels expect to change nothing changes something after all: one vote per level
    for a change, against the levels that saw nothing change and those that tried the action on such objects but
    never in this situation (none of them showed it working)."""
    for_change = max(prediction.votes - prediction.levels, 0)
    return (1 + for_change) / (2 + prediction.votes + prediction.silent)


@dataclass(frozen=True)
class Option:
    """One thing the agent could do next: walk to ``stand``, do ``action`` on the object at ``cell``."""

    cell: tuple
    look: Look
    action: Action
    role: str
    stand: tuple
    cost: int
    expectation: Expectation
    after: State

    @property
    def event(self) -> str | None:
        return event_of(self.expectation.outcome)

    def _replace_hope(self) -> "Option":
        """This option, reached by walking where no move was tried: a try."""
        e = self.expectation
        tie = e.source == "implied" and e.p <= 0.5  # a coin already: the unknown walk halves it again
        return replace(self, expectation=Expectation(e.outcome, e.p / 2 if tie else min(e.p, 0.5), "untried",
                                                     f"walking where no move was tried, then {e.evidence}"))

    @property
    def wins(self) -> bool:
        return wins(self.expectation.outcome)


class _Ground:
    """Passability read off the model: a move into a cell goes where the model says it goes; a cell it knows
    nothing about is open when ``hopeful`` (exploring), shut otherwise (planning on what is known)."""

    def __init__(self, beliefs: "Beliefs", hopeful: bool) -> None:
        self.beliefs, self.hopeful = beliefs, hopeful

    def passable(self, pos, state: State) -> bool:
        outcome = self.beliefs.move_outcome(pos, state)
        return self.hopeful if outcome is None else outcome.moved

    def sets(self, state: State) -> tuple[frozenset, frozenset]:
        """The cells a move may enter and those whose entering ends the walk, in ``state`` (for fast walks)."""
        passable, ends = self.beliefs.base_sets(state.keys, self.hopeful)
        changed = state.taken | state.opened
        if not changed:
            return passable, ends
        passable, ends = set(passable), set(ends)
        for pos in changed:
            passable.discard(pos)
            ends.discard(pos)
            if self.passable(pos, state):
                passable.add(pos)
            if self.ends(pos, state):
                ends.add(pos)
        return frozenset(passable), frozenset(ends)

    def ends(self, pos, state: State) -> bool:
        """Entering ``pos`` ends the episode — or, off the grid, where nothing is to be seen: a walk may go there
        (to find out) but not beyond."""
        outcome = self.beliefs.move_outcome(pos, state)
        if outcome is None:
            return not self.beliefs.map.in_bounds(pos)
        return outcome.ended


class Beliefs:
    """The learned ``model`` as seen on map ``m`` of level ``level`` (its fingerprint). As a ground it is hopeful
    (``passable``/``ends``); ``firm`` is the ground that walks only where moves are known to go."""

    def __init__(self, model: WorldModel, m: LevelMap, level: str, failures: Failures | None = None) -> None:
        self.model, self.map, self.level = model, m, level
        self.failures = failures if failures is not None else Failures()
        self.hopeful = _Ground(self, True)
        self.firm = _Ground(self, False)
        self._memo: dict = {}
        self._moves: dict = {}
        self._version = (model.version, m.version)

    def _fresh(self) -> None:
        version = (self.model.version, self.map.version)
        if version != self._version:
            self._memo.clear()
            self._moves.clear()
            self._version = version

    # -- the model, asked ----------------------------------------------------------------------

    def look(self, pos, state: State) -> Look | None:
        if pos in state.taken:
            return _GONE
        found = base_looks(self.map).get(pos)
        if found is None:
            return None if self.map.in_bounds(pos) else Look(EDGE, "", False)
        return found._replace(open=True) if pos in state.opened else found

    def predict(self, action: str, role: str, lk: Look, held: frozenset) -> Prediction:
        self._fresh()
        key = (action, role, lk, held)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self.model.predict((action, role, lk.kind), features(lk.letter, lk.open, held),
                                                         self.level)
        return found

    def move_outcome(self, pos, state: State) -> Outcome | None:
        """What a move into ``pos`` is expected to do (None: unknown, or a cell never seen)."""
        self._fresh()
        key = (pos, state.keys, pos in state.opened, pos in state.taken)
        if key in self._moves:
            return self._moves[key]
        lk = self.look(pos, state)
        found = None if lk is None else self.predict(MOVE, AHEAD, lk, state.keys).outcome
        self._moves[key] = found
        return found

    def base_sets(self, keys: frozenset, hopeful: bool) -> tuple[frozenset, frozenset]:
        """``_Ground.sets`` with no object opened or gone, cached per keys held (the grid and a ring around it)."""
        self._fresh()
        key = ("sets", keys, hopeful)
        found = self._memo.get(key)
        if found is None:
            ground = self.hopeful if hopeful else self.firm
            state = State((0, 0), keys)
            w, h = self.map.width, self.map.height
            cells = [(x, y) for x in range(-1, w + 1) for y in range(-1, h + 1)]
            found = self._memo[key] = (frozenset(c for c in cells if ground.passable(c, state)),
                                       frozenset(c for c in cells if ground.ends(c, state)))
        return found

    def passable(self, pos, state: State) -> bool:
        return self.hopeful.passable(pos, state)

    def ends(self, pos, state: State) -> bool:
        return self.hopeful.ends(pos, state)

    def sets(self, state: State) -> tuple[frozenset, frozenset]:
        return self.hopeful.sets(state)

    def eventful_units(self) -> list[tuple]:
        """The units (action, role, kind) the model saw change something, in a stable order."""
        self._fresh()
        found = self._memo.get("units")
        if found is None:
            found = self._memo["units"] = sorted(
                {unit for unit, fact in self.model.facts() if fact.outcome.changes})
        return found

    def expect(self, action: str, role: str, lk: Look, held: frozenset, hoping: bool) -> Expectation:
        """What doing ``action`` (``move`` for a move into it) to an object that looks like ``lk`` from ``role``
        is counted on; with ``hoping``, what is not known is hoped to do what it did elsewhere."""
        p = self.predict(action, role, lk, held)
        what = f"{action} on {_describe(lk)}" + (f" holding {_keys(held)}" if held else " holding nothing")
        if p.known and p.outcome.changes:
            if p.extrapolated:  # only seen holding otherwise: as likely as the one-fact rules that fit say
                chance = self._implied((action, role, lk.kind), lk, held)
                unit = (action, role, lk.kind)
                tie = chance == 0.5 and not lk.letter and self._never_failed(unit, lk)
                if tie and self._worked_holding_nothing(unit, lk):
                    chance = 1.0
                if chance > 0.5 or tie:  # a tie on an object without a letter: nothing held can pair with it
                    return Expectation(p.outcome, chance, "implied", f"{what}: implied by what it did holding "
                                                                     f"otherwise ({chance:.0%})")
                if not hoping:
                    return NOTHING
                return Expectation(p.outcome, chance, "guess",
                                   f"trying {what}: never tried ({p.outcome.text()} when holding otherwise)")
            basis = "here" if p.basis == "this level" else "pooled"
            chance = _chance(p)
            if chance <= 0.5:  # a few other levels only: worth a try at most
                if not hoping:
                    return NOTHING
                return Expectation(p.outcome, chance, "guess", f"trying {what}: seen on {p.levels} of "
                                                                 f"{p.votes + p.silent} levels ({chance:.0%} chance)")
            return Expectation(p.outcome, chance, basis, f"{what}: seen {p.seen}× on {p.levels} level"
                                                         f"{'' if p.levels == 1 else 's'}")
        if not hoping:
            return NOTHING
        if p.known and p.basis == "this level" and not p.extrapolated and not self._untried_pairing(
                action, role, lk, held):
            return NOTHING
        hope = self.model.optimistic((action, role, lk.kind), "open" if lk.open else "closed")
        if hope is None:
            return NOTHING
        hope = self._rebind(hope, lk, held, action, role)
        if not p.known:
            return Expectation(hope, 1.0, "untried", f"trying {what}: never tried")
        chance = 0.5 if p.extrapolated or p.basis == "this level" else _change_chance(p)
        return Expectation(hope, chance, "untried", f"trying {what}: never tried here ({chance:.0%} chance)")

    def _implied(self, unit: tuple, lk: Look, held: frozenset) -> float:
        """The share of one-fact rules over what is held ("always", nothing held, a key of its letter held, a key
        of another letter held, and the negations) that fit every situation this unit was seen in (on this level
        if it was seen here, else anywhere; same object state) and say the unit changes something holding
        ``held`` (the halving algorithm's vote); 0.5 when none fits."""
        state = "open" if lk.open else "closed"
        facts = [f for f in self.model.units.get(unit, {}).values() if state in f.feats]
        mine = [f for f in facts if self.level in f.levels]
        seen = [(signature(f.feats), bool(f.outcome.changes)) for f in (mine or facts)]
        query = signature(features(lk.letter, lk.open, held))
        rules = [lambda sig: True] + [
            (lambda sig, lit=lit, neg=neg: (lit in sig) != neg) for lit in SIGNATURE for neg in (False, True)]
        fits = [rule for rule in rules if all(rule(sig) == works for sig, works in seen)]
        return sum(rule(query) for rule in fits) / len(fits) if fits else 0.5

    def _tried_here(self, unit: tuple, lk: Look, held: frozenset) -> bool | None:
        """Whether this exact situation, tried on this level, mostly changed something (None: never tried here).
        Contradicting evidence leaves the model unsure, but a try made here is never made again as new."""
        feats = features(lk.letter, lk.open, held)
        here = [f for f in self.model.units.get(unit, {}).values() if f.feats == feats and self.level in f.levels]
        if not here:
            return None
        changed = sum(f.count for f in here if f.outcome.changes)
        return 2 * changed > sum(f.count for f in here)

    def _never_failed(self, unit: tuple, lk: Look) -> bool:
        """Whether every time this unit met such an object in this state it changed something: nothing suggests
        that what is held matters, so the simplest rule ("always") decides a tie."""
        state = "open" if lk.open else "closed"
        return all(f.outcome.changes for f in self.model.units.get(unit, {}).values() if state in f.feats)

    def _worked_holding_nothing(self, unit: tuple, lk: Look) -> bool:
        """Whether this unit was seen to change such an object (same state) holding nothing: it needs nothing held,
        and keys that cannot pair with an object without a letter are not taken to stop it."""
        state = "open" if lk.open else "closed"
        return any(f.outcome.changes for f in self.model.units.get(unit, {}).values()
                   if state in f.feats and "holds:nothing" in f.feats)

    def _rebind(self, hope: Outcome, lk: Look, held: frozenset, action: str, role: str) -> Outcome:
        """A hoped outcome that spends a key by its letter, where that key is not held: the key held that was never
        tried with this object is hoped to be the one spent (the pairing the try is about)."""
        if all(token == "own" or token in held for token in hope.lost):
            return hope
        letter = f"letter:{lk.letter}"
        seen = {f for _, fact in self._unit_facts((action, role, lk.kind)) if letter in fact.feats for f in fact.feats}
        untried = sorted(k for k in held if f"holds:{k}" not in seen)
        if not untried:
            return replace(hope, lost=())
        spent = tuple(t if t == "own" or t in held else untried[0] for t in hope.lost)
        return replace(hope, lost=tuple(dict.fromkeys(spent)))

    def _untried_pairing(self, action: str, role: str, lk: Look, held: frozenset) -> bool:
        """Whether the object has a letter and some key held was never seen with that letter for this unit."""
        if not lk.letter or not held:
            return False
        letter = f"letter:{lk.letter}"
        seen = {f for _, fact in self._unit_facts((action, role, lk.kind)) if letter in fact.feats
                for f in fact.feats}
        return any(f"holds:{k}" not in seen for k in held)

    def _unit_facts(self, unit: tuple):
        return ((unit, fact) for fact in self.model.units.get(unit, {}).values())

    # -- what the agent could do -------------------------------------------------------------------

    def options(self, state: State, dist: dict, *, hoping: bool = False) -> list[Option]:
        """Every (object, action) the model says changes something (or, ``hoping``, might), with the cell to act
        from (within ``dist``: distances from the agent), its cost and the situation after it."""
        out = []
        looks = base_looks(self.map)
        for action, role, kind in self.eventful_units():
            for cell in self._cells_of(kind, looks):
                lk = self.look(cell, state)
                if lk is None or lk.kind != kind:
                    continue
                expectation = self.expect(action, role, lk, state.keys, hoping)
                if expectation.outcome is None:
                    continue
                option = self._option(state, dist, cell, lk, action, role, expectation, hoping)
                if option is not None:
                    out.append(option)
        return out

    def _cells_of(self, kind: str, looks: dict) -> list:
        key = ("cells", kind)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = sorted(p for p, lk in looks.items() if lk.kind == kind)
        return found

    def _option(self, state: State, dist: dict, cell, lk: Look, action: str, role: str,
                expectation: Expectation, hoping: bool = False) -> Option | None:
        outcome = expectation.outcome
        if role == HERE:
            if cell not in dist or (cell != state.pos and self.firm.ends(cell, state)):
                return None
            stand, act, cost = cell, Action(action), dist[cell] + 1
        else:
            stand = self._stand(state, dist, cell, action, role)
            if stand is None:
                return None
            act = _DELTA_ACTION[(cell[0] - stand[0], cell[1] - stand[1])] if action == MOVE else Action(action)
            cost = dist[stand] + 1
        after = apply(state, stand, cell, lk, outcome)
        if after is None or (after == state._replace(pos=after.pos) and not outcome.ended):
            return None  # changes nothing the agent could use, or spends a key it cannot tell
        if outcome.lost:
            tried = Try(action, lk.kind, lk.letter, tuple(sorted(state.keys)), cell)
            if self.failures.here(self.level, tried):
                return None  # spending here, so, led to a dead end on this level before
            elsewhere = self.failures.elsewhere(self.level, tried)
            if elsewhere:  # other levels say it may lead nowhere: a doubt, as their votes make it
                if not hoping:
                    return None
                e = expectation
                expectation = Expectation(e.outcome, e.p / (1 + elsewhere), "guess",
                                          f"{tried.text()}: led to a dead end on {elsewhere} other level"
                                          f"{'' if elsewhere == 1 else 's'}")
        return Option(cell, lk, act, role, stand, cost, expectation, after)

    def _stand(self, state: State, dist: dict, cell, action: str, role: str):
        """The nearest cell beside ``cell`` to act from; for an action that acts beside the agent, one where no
        other object beside it is expected to be acted on instead, if there is such a cell."""
        cells = [c for c in neighbours(cell) if c in dist and not self.firm.ends(c, state)]
        if not cells:
            return None
        if role == BESIDE and len(cells) > 1:
            clear = [c for c in cells if not self._rivals(state, c, cell, action)]
            cells = clear or cells
        return min(cells, key=lambda c: (dist[c], c))

    def _rivals(self, state: State, stand, cell, action: str) -> bool:
        for dx, dy in OFFSETS:
            other = (stand[0] + dx, stand[1] + dy)
            if other == cell:
                continue
            lk = self.look(other, state)
            if lk is not None and lk.kind != EDGE:
                p = self.predict(action, BESIDE, lk, state.keys)
                if not p.known or p.outcome.changes:
                    return True
        return False

    # -- questions exploration asks --------------------------------------------------------------

    def acting(self, action: str, lk: Look) -> list[str]:
        """The roles in which ``action`` may act on such an object: where it was seen to change things, else
        every role it was ever tried in on this kind."""
        roles = self.model.roles(action)
        if roles:
            return sorted(roles)
        return [role for role in (HERE, BESIDE) if (action, role, lk.kind) in self.model.units]

    def doubt(self, action: str, keys: frozenset, pos) -> str | None:
        """"here" when ``action`` on the object at ``pos`` holding ``keys`` is known on this level to change
        nothing, "pooled" when other levels say so, else None."""
        lk = self.look(pos, State(pos, keys))
        if lk is None:
            return None
        for role in self.acting(action, lk):
            tried = self._tried_here((action, role, lk.kind), lk, keys)
            if tried is not None:
                return None if tried else "here"
            p = self.predict(action, role, lk, keys)
            if p.known and p.outcome.changes or self._untried_pairing(action, role, lk, keys):
                return None
            if p.known and not p.extrapolated:
                return "here" if p.basis == "this level" else "pooled"
        return None

    def chance(self, action: str, pos, keys: frozenset) -> float | None:
        """None when what ``action`` does to the object at ``pos`` holding ``keys`` is known on this level; else
        the chance it changes something (from other levels, 1.0 when never tried anywhere: optimism)."""
        lk = self.look(pos, State(pos, keys))
        if lk is None:
            return 1.0
        best = None
        for role in self.acting(action, lk):
            if self._tried_here((action, role, lk.kind), lk, keys) is not None:
                return None
            p = self.predict(action, role, lk, keys)
            if p.known and not p.extrapolated and p.basis == "this level":
                return None
            if p.known and p.extrapolated:  # only seen holding otherwise: as the one-fact rules that fit vote
                c = self._implied((action, role, lk.kind), lk, keys)
            elif p.known:
                c = _chance(p) if p.outcome.changes else _change_chance(p)
            else:
                c = 1.0
            best = c if best is None else max(best, c)
        return 1.0 if best is None else best

    def taker(self, kind: str) -> str | None:
        """The action the model saw gain the objects of ``kind`` (None: never seen)."""
        return next((a for a, _, k in self.eventful_units() if k == kind and any(
            f.outcome.gained for f in self.model.units[(a, _, k)].values())), None)

    def can_fetch(self, keys: frozenset, key) -> bool:
        """Whether taking the object at ``key`` holding ``keys`` is not known here to fail."""
        lk = self.look(key, State(key, keys))
        action = self.taker(lk.kind) if lk is not None else None
        return action is None or self.doubt(action, keys, key) != "here"

    def knows(self, effect: str) -> bool:
        """Whether some action was ever seen to bring ``effect`` about."""
        return any(event_of(fact.outcome) == effect for _, fact in self.model.facts())


def apply(state: State, stand, cell, lk: Look, outcome: Outcome) -> State | None:
    """The situation after ``outcome`` happened to the object at ``cell`` (the agent acting from ``stand``); keys
    by the model's relative terms ("own": the object's letter). None when it spends a key that is not held (the
    model cannot tell which)."""
    own = lk.letter.lower()
    held = set(state.keys)
    for token in outcome.lost:
        letter = own if token == "own" else token
        if letter not in held:
            return None
        held.discard(letter)
    for token in outcome.gained:
        held.add(own if token == "own" else token)
    opened = state.opened | {cell} if outcome.object == "opened" else state.opened
    taken = state.taken | {cell} if outcome.object == "gone" else state.taken
    return State(cell if outcome.moved else stand, frozenset(held), opened, taken, state.steps)


def _describe(lk: Look) -> str:
    text = f"{lk.kind} {lk.letter}" if lk.letter else lk.kind
    return ("open " + text) if lk.open else text


def _keys(held) -> str:
    return ", ".join(f"key {k}" for k in sorted(held))


__all__ = ["ACTS", "Beliefs", "Expectation", "Option", "apply", "event_of", "unit_action", "wins", "MOVE"]
