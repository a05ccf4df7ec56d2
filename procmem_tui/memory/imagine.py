"""Seeing a step through the learned model: what an action meets on the agent's map, what it is expected to do,
and, once done, what it did (the observation filed into the model).

A believed situation is a :class:`Belief` — position, keys held, doors believed open, objects believed gone — on
the agent's :class:`~procmem_tui.memory.level_map.LevelMap`. Nothing here knows what a kind does: a cell's *look*
(kind, letter, open) is matched against what the model learned.
"""

from __future__ import annotations

from typing import NamedTuple

from procmem_tui.memory import flat_walk
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import (
    AHEAD, BESIDE, EDGE, HERE, SIGNATURE, UNKNOWN, Outcome, Prediction, WorldModel, features,
)
from procmem_tui.world import Action
from procmem_tui.world.actions import MOVE_DELTAS
from procmem_tui.world.observation import FLOOR

Pos = tuple[int, int]
OFFSETS: tuple[Pos, ...] = ((0, 1), (1, 0), (0, -1), (-1, 0))  # the cells beside one, in a fixed reading order
ACTS = tuple(a for a in Action if a not in MOVE_DELTAS)  # actions that act where the agent stands or beside it
MOVES = tuple(a for a in Action if a in MOVE_DELTAS)
UNSEEN = "unseen"


MOVE = "move"
ACTS_KEPT = 4096  # (action, situation) answers of ``Imagination.acts`` kept at most (then all are dropped)
PREDICTIONS_KEPT = 1 << 16  # predictions an ``Imagination`` keeps at most (then all are dropped)


_UNIT_OF = {action: MOVE if action in MOVE_DELTAS else action.value for action in Action}  # ``.value`` is dear
unit_action = _UNIT_OF.__getitem__
"""``unit_action(action)``: the name a unit files an action under: the four moves are one action pointed four ways
(``move``). The dict's own lookup, not a function around it: searches and plans ask it by the thousand."""


class Belief(NamedTuple):
    """A situation as the agent believes it (hashable: the planner's search state)."""

    pos: Pos
    held: frozenset
    opened: frozenset
    gone: frozenset


class Look(NamedTuple):
    kind: str
    letter: str
    open: bool


_EDGE = Look(EDGE, "", False)


def base_looks(m: LevelMap) -> dict:
    """Every seen cell's look with no door open and nothing gone (kept on the map until it changes)."""
    return derived(m, "base looks", lambda: _looks(m))


def looks_stamp(m: LevelMap) -> int:
    """A number that changes only when the map's ``base_looks`` do: a door seen open or an object gone changes the
    map's version, not a base look, so what is read off the looks alone (and the grid's size) may be kept by this
    instead of the version."""
    def stamp() -> int:
        looks = base_looks(m)
        last = getattr(m, "_looks_stamp", None)
        found = last[0] if last is not None and last[2] == len(m.objects) and last[1] == looks else (
            1 if last is None else last[0] + 1)
        m._looks_stamp = (found, looks, len(m.objects))
        return found
    return derived(m, "looks stamp", stamp)


def _looks(m: LevelMap) -> dict:
    looks = {}
    for pos, cell in m.cells.items():
        cell = m.objects.get(pos) or cell
        looks[pos] = Look(cell.kind, cell.letter, False)
    for pos, cell in m.objects.items():
        looks[pos] = Look(cell.kind, cell.letter, False)
    return looks


def derived(m: LevelMap, name, make):
    """``make()``, something worked out from the map's looks alone (``base_looks``), kept on the map until it
    changes: a decision's search needs it again at every decision while the map stands as it was (with the whole
    level in sight, most decisions of an episode). What it holds is never changed; a memo that grows as it is read
    (the looks beside a cell) may be kept the same way."""
    cached = getattr(m, "_derived", None)
    if cached is None or cached[0] != m.version:
        cached = m._derived = (m.version, {})
    found = cached[1].get(name)
    if found is None:
        found = cached[1][name] = make()
    return found


def _kept_for(model: WorldModel, m: LevelMap) -> dict:
    """What curiosity searches keep across decisions on map ``m``, held by the model (one per agent) for one map at
    a time: a map the agent left (another level) keeps none of it, so the memory does not grow with the levels
    played."""
    kept = getattr(model, "_kept_for_map", None)
    if kept is None or kept[0] is not m:
        kept = model._kept_for_map = (m, {})
    return kept[1]


def kept_walks(model: WorldModel, m: LevelMap) -> flat_walk.Kept:
    """The walks on the map's learned ground that curiosity searches ran, kept by their cell flags and origin
    (``flat_walk.Kept``): a walk depends on nothing else, so they outlive a change of the map or the model, and the
    next decision's search meets most of them again (the walks from the cells where a key is taken or a door
    opened, on the same flags)."""
    kept = _kept_for(model, m)
    found = kept.get("walks")
    if found is None:
        found = kept["walks"] = flat_walk.Kept()
    return found


def kept_sights(model: WorldModel, m: LevelMap) -> dict:
    """A dict for the fields of view curiosity searches work out under fog (``frontier.Gains``), held with the rest
    of what they keep (``_kept_for``): each is kept by the cells that decide it, so it outlives a change of the map."""
    return _kept_for(model, m).setdefault("sights", {})


def imagination(model: WorldModel, m: LevelMap, level: str) -> "Imagination":
    """The ``Imagination`` of ``model`` on map ``m`` of ``level``, kept (``_kept_for``): its predictions are read
    again only where the model changed (a decision's search asks again most of what the last one asked)."""
    kept = _kept_for(model, m)
    found = kept.get("imagination")
    if found is None or found.level != level:
        found = kept["imagination"] = Imagination(model, m, level)
    return found


def acting_stamps(model: WorldModel) -> tuple:
    """(unit, ``WorldModel.stamp``) of every unit of an action other than a move, in order: ``kept_answers``'s key
    (a search that keeps several answers works it out once)."""
    return tuple(sorted((unit, model.stamp(unit)) for unit in model.units if unit[0] != MOVE))


def kept_answers(m: LevelMap, model: WorldModel, level: str, extra=(), actions=None, name: str = "answers",
                 looks_only: bool = False, stamps: tuple | None = None, kinds: frozenset | None = None) -> dict:
    """A dict kept across decisions (``_kept_for``, one per ``name``) while what the model says of actions other
    than moves stands: the map's version (``looks_only``: only its base looks, ``looks_stamp``, for answers that
    read the map through them alone), the level, the kinds the model has units of (which were ever tried) and
    how many observations each unit of an action other than a move holds (``WorldModel.stamp``; with ``actions``,
    names of actions, only their units: for answers that read no other action's), with ``extra``. A moving step
    files under a move's unit alone, so the next decision's search meets what the last one worked out about taking
    and opening (and a try of one action leaves the other's answers standing); an answer that also reads what a
    move does must check that unit's stamp itself (and put what it reads of every move's unit, if anything, in
    ``extra``). ``stamps`` (``acting_stamps(model)``) and ``kinds`` (of the units), if the caller has them."""
    stamps = acting_stamps(model) if stamps is None else stamps
    kinds = frozenset(unit[2] for unit in model.units) if kinds is None else kinds
    key = (level, looks_stamp(m) if looks_only else m.version, kinds, extra,
           stamps if actions is None else tuple(x for x in stamps if x[0][0] in actions))
    kept = _kept_for(model, m)
    found = kept.get(name)
    if found is None or found[0] != key:
        found = kept[name] = (key, {})
    return found[1]


_FLOOR = Look(FLOOR, "", False)


def look(m: LevelMap, pos: Pos, opened, gone) -> Look | None:
    """How ``pos`` looks in a believed situation; None for a cell never seen, the kind ``edge`` off the grid."""
    return look_in(base_looks(m), m, pos, opened, gone)


def look_in(looks: dict, m: LevelMap, pos: Pos, opened, gone) -> Look | None:
    """``look`` with the map's ``base_looks`` at hand (a caller that asks for many cells has them)."""
    if pos in gone:
        return _FLOOR
    found = looks.get(pos)
    if found is None:
        return None if m.in_bounds(pos) else _EDGE
    return found._replace(open=True) if pos in opened else found


def describe(lk: Look | None) -> str:
    if lk is None:
        return "an unseen cell"
    if lk.kind == EDGE:
        return "the edge"
    text = f"{lk.kind} {lk.letter}" if lk.letter else lk.kind
    return ("open " + text) if lk.open else text


class Imagination:
    """Predictions of the learned ``model`` on map ``m`` of level ``level`` (cached per look and keys held)."""

    def __init__(self, model: WorldModel, m: LevelMap, level: str) -> None:
        self.model, self.map, self.level = model, m, level
        self._memo: dict = {}  # (action, role, look, keys held) -> (prediction, the model's version and the unit's stamp it was read at)
        self._features: dict = {}  # (letter, open, keys held) -> ``features``
        self._alike: dict = {}  # (action, role, look, ``reading``) -> (prediction, the unit's stamp it was read at)
        self._letters: dict = {}  # (unit, the look's letter) -> (the unit's shape, ``letters_read``)
        self._acts: dict = {}
        self._kept: dict = {}
        self._kept_version = (model.version, m.version)

    def predict(self, action: Action, role: str, lk: Look | None, held) -> Prediction:
        """The model's prediction, kept while the model's version stands or, at a new version, while nothing was
        filed under its unit since (``WorldModel.stamp``: its answer reads that unit's facts alone, as
        ``WorldModel.predict`` keeps it), so it is always the model's answer now."""
        if lk is None:
            return UNKNOWN
        key = (action, role, lk, held)
        found = self._memo.get(key)
        version = self.model.version
        if found is not None:
            if found[1] == version:
                return found[0]
            stamp = self.model.stamp((_UNIT_OF[action], role, lk.kind))
            if found[2] == stamp:
                self._memo[key] = (found[0], version, stamp)
                return found[0]
        if len(self._memo) >= PREDICTIONS_KEPT:
            self._memo.clear()
            self._alike.clear()
        unit = (_UNIT_OF[action], role, lk.kind)
        stamp = self.model.stamp(unit)
        letters = self._letters.get((unit, lk.letter))
        mine = held & (letters[1] if letters is not None and letters[0] == self.model.shape(unit) else
                       self.letters_read(unit, lk))
        alike = (action, role, lk, mine, len(mine) < len(held))  # what the answer reads of ``held``
        kept = self._alike.get(alike)
        if kept is not None and kept[1] == stamp:
            found = kept[0]
        else:
            situation = (lk.letter, lk.open, held)
            feats = self._features.get(situation)
            if feats is None:
                feats = self._features[situation] = features(*situation)
            found = self.model.predict(unit, feats, self.level)
            self._alike[alike] = (found, stamp)
        self._memo[key] = (found, version, stamp)
        return found

    def letters_read(self, unit: tuple, lk: Look) -> frozenset:
        """The letters of keys held whose holding the model's answer for ``unit`` at an object of look ``lk`` can
        read: every key some fact of the unit was filed holding, and the object's own (``holds:own``). Of the
        other keys held the answer reads only whether there is one (the model reads a feature only by whether its
        facts hold it, ``WorldModel._alike_key``: such a key is ``holds:other``, and no fact equals the
        situation), so ``predict`` asks the model once per such reading of a holding: a search meets some 20
        holdings of keys picked up on the way, most of them alike for most looks. Kept while no new fact is filed
        under the unit (``WorldModel.shape``)."""
        shape = self.model.shape(unit)
        key = (unit, lk.letter)
        kept = self._letters.get(key)
        if kept is None or kept[0] != shape:
            letters = {x[6:] for f in self.model.units.get(unit, {}).values() for x in f.feats
                       if x.startswith("holds:") and x not in SIGNATURE}
            if lk.letter:
                letters.add(lk.letter.lower())
            kept = self._letters[key] = (shape, frozenset(letters))
        return kept[1]

    def kept(self, key, make):
        """``make()``, kept while the model and the map stay as they are."""
        version = (self.model.version, self.map.version)
        if version != self._kept_version:
            self._kept.clear()
            self._kept_version = version
        found = self._kept.get(key)
        if found is None:
            found = self._kept[key] = make()
        return found

    def move(self, action: Action, b: Belief) -> tuple[Pos, Look | None, Prediction]:
        """The cell a move points at, how it looks and what the model expects of the move."""
        d = MOVE_DELTAS[action]
        target = (b.pos[0] + d[0], b.pos[1] + d[1])
        lk = look(self.map, target, b.opened, b.gone)
        return target, lk, self.predict(action, AHEAD, lk, b.held)

    def acts(self, action: Action, b: Belief) -> list[tuple[Pos, Look | None, Prediction]]:
        """For an action that is not a move: the cell stood on, then the cells beside, with the model's view (only
        those of the role it was seen to act in, once it was). Kept while the model and the map stay as they are
        (a search asks it for each cell it offers and again for each it expands from); never change the list."""
        key = ("acts", action, b, self.model.version, self.map.version)
        found = self._acts.get(key)
        if found is None:
            if len(self._acts) >= ACTS_KEPT:
                self._acts.clear()
            found = self._acts[key] = self.acts_now(action, b)
        return found

    def acts_now(self, action: Action, b: Belief) -> list[tuple[Pos, Look | None, Prediction]]:
        """``acts`` worked out afresh (not kept: for a caller that keeps what it makes of it)."""
        out = []
        roles = self.model.roles(_UNIT_OF[action])
        m, opened, gone, held = self.map, b.opened, b.gone, b.held
        looks = base_looks(m)
        if not roles or HERE in roles:
            here = look_in(looks, m, b.pos, opened, gone)
            out.append((b.pos, here, self.predict(action, HERE, here, held)))
        if roles and BESIDE not in roles:
            return out
        x, y = b.pos
        for dx, dy in OFFSETS:
            cell = (x + dx, y + dy)
            lk = look_in(looks, m, cell, opened, gone)
            if lk is not None and lk.kind == EDGE:
                continue
            out.append((cell, lk, self.predict(action, BESIDE, lk, held)))
        return out


def apply(b: Belief, cell: Pos, lk: Look | None, outcome: Outcome) -> Belief | None:
    """The situation after ``outcome`` happened to the object at ``cell`` (keys by the model's relative terms);
    None when it spends a key that is not held (the model cannot tell which one would go)."""
    own = lk.letter.lower() if lk is not None and lk.letter else ""
    held = set(b.held)
    for token in outcome.gained:
        held.add(own if token == "own" else token)
    for token in outcome.lost:
        letter = own if token == "own" else token
        if letter not in held:
            return None
        held.discard(letter)
    opened = b.opened | {cell} if outcome.object == "opened" else b.opened
    gone = b.gone | {cell} if outcome.object == "gone" else b.gone
    pos = cell if outcome.moved else b.pos
    return Belief(pos, frozenset(held), opened, gone)


def _relative(letters, own: str) -> tuple[str, ...]:
    return tuple(sorted("own" if k == own else k for k in letters))


def learn_step(model: WorldModel, m: LevelMap, level: str, before: Belief, action: Action, after: Belief,
               reward: float, ended: bool, looks_after) -> int:
    """File what one step was seen to do into ``model``; returns how many new facts it taught.

    ``m`` is the map as it was before the step; ``looks_after(pos)`` gives how a cell looks after it. A move (any of
    the four: ``move``) is filed under the cell ahead; another action under each cell it could have acted on (the one seen to change,
    else all of them: the cell stood on and those beside it)."""
    action = Action(action)
    gained, lost = after.held - before.held, before.held - after.held
    reward = round(float(reward), 4)
    taught = 0

    def outcome_for(cell: Pos, lk: Look) -> Outcome:
        now = looks_after(cell)
        change = ""
        if now is not None and lk.kind != EDGE:
            if lk.kind != FLOOR and now.kind == FLOOR:
                change = "gone"
            elif now.open and not lk.open:
                change = "opened"
        own = lk.letter.lower() if lk.letter else ""
        return Outcome(after.pos == cell and before.pos != cell, change, _relative(gained, own),
                       _relative(lost, own), reward, ended)

    if action in MOVE_DELTAS:
        d = MOVE_DELTAS[action]
        cell = (before.pos[0] + d[0], before.pos[1] + d[1])
        lk = look(m, cell, before.opened, before.gone) or looks_after(cell)
        if lk is None:
            return 0
        taught += model.learn((MOVE, AHEAD, lk.kind), features(lk.letter, lk.open, before.held),
                              outcome_for(cell, lk), level)
        return taught
    candidates = [(before.pos, HERE)] + [((before.pos[0] + dx, before.pos[1] + dy), BESIDE) for dx, dy in OFFSETS]
    seen = []
    for cell, role in candidates:
        lk = look(m, cell, before.opened, before.gone)
        if lk is None or lk.kind == EDGE:
            continue
        seen.append((cell, role, lk, outcome_for(cell, lk)))
    changed = [c for c in seen if c[3].object]
    if not changed and (gained or lost or ended or after.pos != before.pos):
        changed = [c for c in seen if c[1] == HERE]  # an effect with no object changed: put on the cell stood on
    for cell, role, lk, outcome in (changed or seen):
        taught += model.learn((action.value, role, lk.kind), features(lk.letter, lk.open, before.held), outcome,
                              level)
    return taught
