"""What an experiment is worth: the novelty of what it would teach times the rarity of the kind it meets.

Novelty, from what the model says: ``NEW`` for an action never tried on that kind at all, ``UNKNOWN_HERE`` for one
tried but never in this situation (the object open, a key of its own letter held), ``GUESS`` for what the model only
extrapolates (and for an action other than a move, never tried on an object in this state, that changed nothing on
the kind in the other: the state is not taken to matter until shown to; an action that made the object so, its
change done, is worth nothing there), ``RECHECK`` where some key held was never held when the action was seen to change nothing
there (a pair of the model's condition vocabulary, letter × key held, left to test) — once, however many such keys are
held: one try tests them all together, and what it can show is one outcome, the one predicted or another; a key
never held there is also one the model cannot tell from another such until a fact names it (it reads of those only
whether one is held, ``holds:other``). Counted per key, every key picked up changed every recheck's worth, so no key a
search takes was ever alike to not taking it (``search._alike_holdings``) and a search met every set of keys a level's
keys can form (on ``distractor_keys``, 31 in one search) — on a map with nothing left to see (``all_seen``), not
for an action seen to change objects of another kind and never one of this kind in this state (pickup_key takes
keys, it never changed a door: a new key held is no reason to try it on each door again) —, 0 once known, except that a change the model expects
to spend a key that is not held cannot be what happens (a ``GUESS`` again). With nothing left to see, an action other
than a move that was seen to change objects of some kind is specific to what it changed until shown otherwise: on a
kind it never changed, neither a first try (pickup_key on a door open_door opened), nor a new holding, nor the object's
other state is worth a step (``specific``); the last-resort sweep (``agents/explore.py``) still tries what is left
when nothing else is. Likewise a move into an object in a state that stopped every move into it, once another action
was seen to change an object of its kind, is not tried again for a new holding: the way through is that action (as
the plans' walks assume, ``Beliefs.likely``), so a shut door is not bumped again with each new key; and an action
unknown only for what is held, on an object in a state where it was seen to change one (open_door at a shut door,
holding a key never held there), is ``UNKNOWN_HERE``, not taken for a state never tried (its "nothing" at an open
door is no guess for a shut one), so the try of the door ranks as the bump into it did.
A guess that an action changes nothing on an object without a letter (a crate bumped holding nothing: holding key d
too, blocked) is worth nothing (``INERT``): a key held relates to an object by its letter (its own, another), and one
without a letter showed nothing that what is held matters to it, so a new key held is no reason to ask it again (on
``distractor_keys`` a crate was bumped and tried with open_door again with each first key; the last resort still
tries what is left). Rarity is 1 ÷ (how many cells of that
kind the agent has seen)^``RARITY_POWER``: rare kinds are where a level's surprises are; the kinds that make up the
background are learned in passing, when a route crosses them. Below ``MIN_VALUE`` an experiment is not worth a step.
A frontier is worth ``FRONTIER`` × the share of a sight disc it would show (``search._sight``); a cell whose entry
the model expects to end the episode with a positive reward is worth ``EXPLOIT``.
"""

from __future__ import annotations

from collections import Counter

from procmem_tui.memory.imagine import EDGE, MOVE, Look, base_looks, derived, unit_action
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import WorldModel
from procmem_tui.world import Action

NEW = 1.0  # novelty of an action on a kind never tried at all
UNKNOWN_HERE = 0.5  # ... tried on that kind, but never in this situation (the object open, a key of its letter held)
GUESS = 0.25  # ... a guess the model extrapolates (seen only holding something else)
RECHECK = 0.1  # ... known to change nothing here, holding some key that was never held trying it (any number)
INERT = 0.0  # ... guessed to change nothing on an object without a letter: what is held is not taken to matter
RARITY_POWER = 1.5  # > 1: a kind of one or two cells stands out more from one of a few (measured: 1, 1.5, 2)
MIN_VALUE = 0.01  # below this, an experiment other than a first try teaches too little to be worth a step
FRONTIER = 1.0  # value of seeing cells never seen
EXPLOIT = 1000.0  # value of a cell the model expects to end the episode with a positive reward


def rarity(m: LevelMap) -> dict:
    """1 ÷ (the number of seen cells of each kind)^``RARITY_POWER`` (``edge``: the seen cells on the border)."""
    looks = base_looks(m)
    counts = Counter(lk.kind for lk in looks.values())
    counts[EDGE] = sum(1 for x, y in looks if x in (0, m.width - 1) or y in (0, m.height - 1))
    return {kind: 1.0 / n ** RARITY_POWER for kind, n in counts.items() if n}


def _other_state(unit: tuple, lk: Look, facts: dict) -> float:
    """An action tried on a kind, never on an object of it in this state (open or not): ``UNKNOWN_HERE``, except
    for an action other than a move that changed nothing on the kind in the other state (a ``GUESS`` that it
    changes nothing in this one either), or that made the object so: its change is done, and nothing is worth
    asking of it there (it was a ``RECHECK``, a step or two off the way with each new key held, at each door
    opened: default seeds 0 and 3, episode 1 of `lesser_key`, `rooms3-12-s10-aB.bC.cA`, `rooms4-16-s6` and
    `rooms5-20-s7` a step or two longer)."""
    if unit[0] == MOVE:
        return UNKNOWN_HERE
    if lk.open and any(f.outcome.object == "opened" for f in facts.values()):
        return 0.0
    state = "open" if lk.open else "closed"
    other = [f for f in facts.values() if state not in f.feats]
    return GUESS if other and not any(f.outcome.changes for f in other) else UNKNOWN_HERE


def _changed_in_state(facts: dict, lk: Look) -> bool:
    """Whether the unit was ever seen to change an object in ``lk``'s state (open or not)."""
    state = "open" if lk.open else "closed"
    return any(f.outcome.changes for f in facts.values() if state in f.feats)


def _spends_what_is_not_held(lk: Look, held, outcome) -> bool:
    """The model expects a key to be spent that is not held: that cannot be what happens, so it is a guess to try
    (``imagine.apply`` cannot plan through it either, so without a try the agent would stand stuck)."""
    own = lk.letter.lower()
    return any((own if token == "own" else token) not in held for token in outcome.lost)


_UNASKED = object()


class Values:
    """The worth of experiments on one map of one level, for one decision (it caches what it read)."""

    def __init__(self, model: WorldModel, m: LevelMap, level: str, all_seen: bool = True) -> None:
        self.model, self.level, self.all_seen = model, level, all_seen
        self.rarity = derived(m, "rarity", lambda: rarity(m))
        self.met = {unit[2] for unit, facts in model.units.items() if facts}  # kinds some action was tried on
        self._confirmed: dict = {}
        self._acting: dict = {}
        self._changed_kinds: set | None = None  # kinds an action other than a move was seen to change
        self._values: dict = {}
        self._read: dict = {}  # what ``novelty`` read of a unit's facts, by question (the model is fixed meanwhile)

    def novelty(self, action: Action, role: str, lk: Look, held, pred) -> float:
        """How much trying ``action`` on ``lk`` (in ``role``) holding ``held`` would teach (see the constants)."""
        unit = (unit_action(action), role, lk.kind)
        facts = self.model.units.get(unit)
        if self._once(("specific", unit), lambda: self._specific(unit, facts)):
            return 0.0
        if not facts:
            return NEW
        if (not pred.known or pred.extrapolated) and self._once(
                ("way through", unit, lk.open), lambda: self._way_through_known(unit, lk, facts)):
            return 0.0
        if not pred.known:
            if self.all_seen and self._once(("changed", unit, lk.open), lambda: _changed_in_state(facts, lk)):
                return UNKNOWN_HERE  # unknown for what is held, where the action worked: not a state never tried
            return self._once(("other state", unit, lk.open), lambda: _other_state(unit, lk, facts))
        if pred.extrapolated:
            return GUESS if lk.letter or pred.outcome.changes or pred.outcome.moved else INERT
        if pred.outcome.changes or pred.outcome.moved:
            return GUESS if _spends_what_is_not_held(lk, held, pred.outcome) else 0.0
        if self.all_seen and self._acts_elsewhere(unit[0]) and not self._once(
                ("changed", unit, lk.open), lambda: _changed_in_state(facts, lk)):
            return 0.0
        return RECHECK if self._untested(unit, lk, held, pred.outcome) else 0.0

    def _once(self, question: tuple, answer):
        """``answer()``, asked once per ``question`` (a unit, and the object's state where the answer reads it): what
        ``novelty`` reads of a unit's facts is the same for every look of its kind and every holding."""
        found = self._read.get(question, _UNASKED)
        if found is _UNASKED:
            found = self._read[question] = answer()
        return found

    def _specific(self, unit: tuple, facts: dict | None) -> bool:
        """Whether, with nothing left to see, ``unit``'s action (not a move) was seen to change objects but never
        one met as ``unit`` meets them: an action is taken to act on what it was seen to change until shown
        otherwise (one try per kind, holding and state would otherwise cost a step at every door opened and a walk
        to a key with every new key held)."""
        return self.all_seen and unit[0] != MOVE and self._acts_elsewhere(unit[0]) and not any(
            f.outcome.changes for f in (facts or {}).values())

    def _way_through_known(self, unit: tuple, lk: Look, facts: dict) -> bool:
        """Whether, with nothing left to see, every move into an object in ``lk``'s state stopped, holding whatever,
        while another action was seen to change an object of its kind: the way through is that action, so a new
        holding is no reason to bump it again."""
        if not self.all_seen or unit[0] != MOVE:
            return False
        state = "open" if lk.open else "closed"
        mine = [f for f in facts.values() if state in f.feats]
        if not mine or any(f.outcome.moved for f in mine):
            return False
        if self._changed_kinds is None:
            self._changed_kinds = {u[2] for u, fs in self.model.units.items()
                                   if u[0] != MOVE and any(f.outcome.changes for f in fs.values())}
        return lk.kind in self._changed_kinds

    def _acts_elsewhere(self, action: str) -> bool:
        """Whether ``action`` was ever seen to change an object (of any kind)."""
        found = self._acting.get(action)
        if found is None:
            found = self._acting[action] = any(
                f.outcome.changes for unit, facts in self.model.units.items() if unit[0] == action
                for f in facts.values())
        return found

    def _untested(self, unit: tuple, lk: Look, held, outcome) -> bool:
        """Whether some key held was never seen, held, to give ``outcome`` when ``unit`` met an object of ``lk``'s
        letter, in ``lk``'s state, here: a pair of the model's condition vocabulary (letter, key held) a try would
        newly test, or test again where what was seen disagrees with the prediction. Whether, not how many: a try
        holding several tests them at once, and its outcome is one."""
        key = (unit, lk.letter, lk.open, outcome)
        confirmed = self._confirmed.get(key)
        if confirmed is None:
            marks = {"open" if lk.open else "closed"} | ({f"letter:{lk.letter}"} if lk.letter else set())
            confirmed = self._confirmed[key] = {
                x for f in self.model.units.get(unit, {}).values()
                if self.level in f.levels and f.outcome == outcome and marks <= f.feats
                for x in f.feats if x.startswith("holds:")}
        return any(f"holds:{k}" not in confirmed for k in held)

    def value(self, action: Action, role: str, lk: Look, held, pred) -> float:
        """Novelty × rarity; below ``MIN_VALUE`` an experiment is not worth a step, unless it meets a kind nothing
        was ever tried on (the first step on an unknown floor). Kept for the decision: a search asks the same
        question for every cell of a look, in every situation it expands."""
        key = (action, role, lk, held)  # ``pred`` is compared, not hashed: hashing a Prediction is dear
        found = self._values.get(key)
        if found is not None and (found[0] is pred or found[0] == pred):
            return found[1]
        value = self.novelty(action, role, lk, held, pred) * self.rarity.get(lk.kind, 1.0)
        value = value if value >= MIN_VALUE or (value > 0 and lk.kind not in self.met) else 0.0
        self._values[key] = (pred, value)
        return value
