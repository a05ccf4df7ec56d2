"""The least score (cost ÷ worth) an experiment in a situation of the search, or in any situation beyond it, could
have: a situation that cannot beat the best experiment found is neither queued nor expanded.

With nothing left to see and no reward in sight, an experiment is worth its novelty times the rarity of the kind it
meets (``values``), at most (a hope counts it at a discount). What a look is worth to an action is read off the model
for every holding the search could meet there: each reading of the keys held the model and the values can tell
apart (the letters they read, ``Imagination.letters_read``, and whether some other is held), of the letters the map
shows and the keys a fact gained. An experiment costs at least the steps to a cell where it is done (the object's
own, standing on it; else one beside it), plus one. The model learns nothing while the search runs, so a walk in any
of its situations enters only cells a move could enter in some look the cell can take (its own; open, or gone to
floor, where an action was seen to make an object of its kind so: a change the search counts on, known or hoped, is
read off the facts of that kind's units) holding some such keys. The steps over those cells alone bound every route
of the search from below, beyond any change too (a change costs its steps and a risk that is never negative). Where,
from a situation reached at cost ``g``, even that bound scores every look strictly worse than the best kept, nothing
there or beyond could be chosen or tie with it (no draw of the generator either). On ``distractor_keys`` the goal
behind its shut door is the one rare kind, and a key held anew makes no look worth much, so the keys near the agent
are no longer each taken, in turn, by a search whose best is a step away.
"""

from __future__ import annotations

from itertools import combinations

from procmem_tui.agents.curiosity.route import FLOOR_LOOK, PROBE, _walkable
from procmem_tui.agents.curiosity.values import GUESS, NEW, UNKNOWN_HERE
from procmem_tui.memory.imagine import (
    ACTS, AHEAD, BESIDE, EDGE, HERE, MOVE, OFFSETS, Belief, Look, _kept_for, looks_stamp, unit_action,
)

MAX_LETTERS = 4  # a look read by more letters than this is taken as enterable and worth ``NEW`` (too many readings)
_EDGE_LOOK = Look(EDGE, "", False)
_NEAR = ((PROBE, AHEAD), *((a, BESIDE) for a in ACTS))  # done from a cell beside the object
_ON = tuple((a, HERE) for a in ACTS)  # done standing on it


class Bound:
    """``beats(b, g, score)`` for one search (``search``: its ``_Search``, with nothing left to see and no reward
    in sight; ``stamps``: ``imagine.acting_stamps``). What it works out is kept across decisions by what it reads
    (``imagine._kept_for``); ``usable`` says whether it holds."""

    def __init__(self, search, start: Belief, stamps: tuple, moves_change: bool) -> None:
        self.s, self.start = search, start
        model, m = search.model, search.map
        self._kept = _kept_for(model, m).setdefault("bound", {})
        # what the values read beyond a unit's own facts: the kinds tried, whether a move changed anything, the
        # units of actions other than moves (``stamps``) and the map's looks
        stamp = looks_stamp(m)
        key = (stamp, stamps, frozenset(search.values.met), moves_change, start.opened, start.gone)
        found = self._kept.get("acting")
        if found is None or found[0] != key:
            found = self._kept["acting"] = (key, self._acting())
            self._kept["worth"], self._kept["ceilings"] = {}, {}
        if self._kept.get("looks") != stamp:
            self._kept["looks"], self._kept["reach"] = stamp, {}
        usable, self._changes, letters, self._looks = found[1]
        self.usable = usable and not moves_change  # a move that changed something: not counted here
        self._letters = letters | start.held
        kept = self._kept.setdefault("by letters", {})
        if kept.get("letters") != self._letters:  # what was asked of every holding these letters make
            kept.clear()
            kept["letters"] = self._letters
            self._kept["worth"], self._kept["enterable"] = {}, {}
        self._reach = self._kept["reach"]  # (cells walked, look, standing on it, cells changed, floor's) -> ``_costs``
        self._worth = self._kept["worth"]  # (look, action, role, its unit's stamp) -> [the most it is worth so
        # far, ``_readings``, how many of them were asked]
        self._ceiling = self._kept["ceilings"]  # (look, its kind's move's stamp) -> the two ``_ceilings``
        self._region: frozenset | None = None
        self._entries: dict = {}  # look's index in ``_looks`` -> ``_entry``
        self._before = start.gone | start.opened  # as the start has them: not changes to its looks' cells
        looks = search.looks
        self._touched = frozenset(looks[pos] for pos in self._before if pos in looks)  # looks opened or gone
        self._floor = (frozenset(kind for kind, made in self._changes.items() if "gone" in made), start.gone)

    def _acting(self) -> tuple:
        """(whether the bound holds: no action other than a move was seen to move the agent; per kind, what actions
        were seen to make of an object of it; the letters a holding can hold; (rarity, look, its cells) of every
        look a situation can show, rarest first), read off the units of actions other than moves, the map's looks
        and the kinds tried."""
        s, start = self.s, self.start
        changes: dict = {}
        usable = True
        letters = set()
        for unit, facts in s.model.units.items():
            if unit[0] == MOVE:
                continue  # a move that changed something: not ``usable``
            for f in facts.values():
                outcome = f.outcome
                for token in outcome.gained:
                    if token != "own":
                        letters.add(token)
                if outcome.moved:
                    usable = False  # an action other than a move moved the agent: not counted here
                if outcome.object:
                    changes.setdefault(unit[2], set()).add(outcome.object)
        moved = {s.looks[pos] for pos in start.opened | start.gone if pos in s.looks}
        floor = list(s.by_look.get(FLOOR_LOOK, ()))
        looks = []
        for lk, where in s.by_look.items():
            if lk.letter:
                letters.add(lk.letter.lower())
            made = changes.get(lk.kind, ())
            touched = lk in moved
            if lk != FLOOR_LOOK:
                looks.append((lk, where))
            if touched or "opened" in made:
                looks.append((lk._replace(open=True), where))
            if touched or "gone" in made:
                floor += where
        looks.append((FLOOR_LOOK, floor))
        if s.beyond_edge:
            looks.append((_EDGE_LOOK, tuple(s.beyond_edge)))
        rarity = s.values.rarity
        looks = sorted(((NEW * rarity.get(lk.kind, 1.0), lk, where) for lk, where in looks),
                       key=lambda x: (-x[0], x[1]))
        return usable, changes, frozenset(letters), looks

    def beats(self, b: Belief, g: float, score: float) -> bool:
        """Whether some experiment in situation ``b`` (reached at cost ``g``) or beyond it could score ``score`` or
        less."""
        moved = b.gone | b.opened
        if moved == self._before:
            moved = None  # no look's cells changed since the start
        entries, pos = self._entries, b.pos
        for i, (most, lk, where) in enumerate(self._looks):
            if (g + 1) / most > score:
                return False  # the other looks are rarer still
            entry = entries.get(i)
            if entry is None:
                entry = entries[i] = self._entry(lk)
            for on in (0, 1):
                asked = entry[on]
                if not asked or (g + 1) / asked[0][0] > score:
                    continue
                changed = frozenset()
                if moved is not None and lk != FLOOR_LOOK:  # taken away or opened in ``b`` and beyond it
                    cells = entry[3]
                    if cells is None:
                        cells = entry[3] = frozenset(where)
                    changed = (b.gone if lk.open else moved) & cells
                depth = int(score * asked[0][0])  # a cell farther than this cannot beat ``score``
                near = entry[2]
                found = near.get((on, changed))
                if found is None or (found[0] < depth and found[2]):
                    mine = [c for c in where if c not in changed] if changed else where
                    found = near[(on, changed)] = self._costs(lk, mine, bool(on), depth, changed) if mine else (
                        0, {}, None)
                least = found[1].get(pos)
                if least is None:
                    continue
                wanted = (g + least) / score
                for ceiling, action, role, stamp in asked:
                    if ceiling < wanted:
                        break
                    key = (lk, action, role, stamp)
                    worth = self._worth.get(key)
                    if worth is None:
                        worth = self._worth[key] = [0.0, self._readings(lk, action, role), 0]
                    readings = worth[1]
                    while worth[0] < wanted and worth[2] < len(readings):
                        held = readings[worth[2]]
                        worth[2] += 1
                        found = self._value(lk, action, role, held)
                        if found > worth[0]:
                            worth[0] = found
                    if worth[0] >= wanted:
                        return True
        return False

    def _entry(self, lk: Look) -> list:
        """[``_ceilings`` from beside, ``_ceilings`` standing on it, (standing on it, cells changed) -> ``_costs``
        as deep as asked, its cells as a set or None] for look ``lk``, for this search. The ceilings are kept
        across decisions while the units of actions other than moves and this kind's move's stand."""
        key = (lk, self.s.model.stamp((MOVE, AHEAD, lk.kind)))
        found = self._ceiling.get(key)
        if found is None:
            found = self._ceiling[key] = (self._ceilings(lk, _NEAR), self._ceilings(lk, _ON) if lk.kind != EDGE
                                          else [])
        return [found[0], found[1], {}, None]

    def _ceilings(self, lk: Look, asked: tuple) -> list:
        """(the most ``values`` could make of it, action, role, its unit's stamp) for each action and role of
        ``asked`` at look ``lk``, most first: the rarity of its kind times ``NEW`` for a unit never tried,
        ``UNKNOWN_HERE`` for one tried, ``GUESS`` for a move whose way through is another action's, nothing for an
        action specific to other kinds (``values.novelty``: the model is asked what it is worth only where that
        much could beat the best kept)."""
        s = self.s
        model, values = s.model, s.values
        rarity = values.rarity.get(lk.kind, 1.0)
        out = []
        for action, role in asked:
            unit = (unit_action(action), role, lk.kind)
            facts = model.units.get(unit)
            if values._once(("specific", unit), lambda: values._specific(unit, facts)):
                continue
            if not facts:
                ceiling = NEW
            elif unit[0] == MOVE and values._once(("way through", unit, lk.open),
                                                  lambda: values._way_through_known(unit, lk, facts)):
                ceiling = GUESS
            else:
                ceiling = UNKNOWN_HERE
            out.append((ceiling * rarity, action, role, model.stamp(unit)))
        out.sort(key=lambda x: -x[0])
        return out

    def _readings(self, lk: Look, action, role: str) -> list:
        """A holding per reading of the keys held that ``action`` in ``role`` at look ``lk`` tells apart, the
        start's first (the search asked that one already); [None] where they are too many to ask."""
        read = self.s.im.letters_read((unit_action(action), role, lk.kind), lk)
        out = list(self._holdings(read))
        if out and out[0] is not None:
            first = self.start.held & read
            if len(first) < len(self.start.held):
                first |= frozenset(sorted(self._letters - read)[:1])
            if first in out:
                out.remove(first)
                out.insert(0, first)
        return out

    def _value(self, lk: Look, action, role: str, held) -> float:
        """What ``values`` makes of ``action`` in ``role`` at look ``lk`` holding ``held`` (None: any holding, at
        most ``NEW`` times the rarity)."""
        s = self.s
        if held is None:
            return NEW * s.values.rarity.get(lk.kind, 1.0)
        return s.values.value(action, role, lk, held, s.im.predict(action, role, lk, held))

    def _holdings(self, read: frozenset):
        """One holding per reading of the keys held that an answer reading the letters ``read`` tells apart (None:
        too many to ask)."""
        read = read & self._letters
        if len(read) > MAX_LETTERS:
            yield None
            return
        others = sorted(self._letters - read)[:1]
        read = sorted(read)
        for n in range(len(read) + 1):
            for mine in combinations(read, n):
                yield frozenset(mine)
                for other in others:
                    yield frozenset(mine + (other,))

    def _costs(self, lk: Look, where, on: bool, depth: int, changed: frozenset) -> tuple:
        """(how deep it is worked out, per cell within that, the least cost from it of an experiment on an object
        of look ``lk`` at the cells ``where`` (its cells but ``changed``): the steps over ``_walked`` to a cell where
        it is done (``on``: the object's own; else one beside it), plus one), at least ``depth`` deep. Cells it
        cannot reach, or only at a cost over that, are left out. Kept across decisions while the map's looks, the
        cells walked and ``where`` are as they were, and carried deeper where a search asks more."""
        region = self._walked()
        key = (region, lk, on, changed, self._floor if lk == FLOOR_LOOK else None)
        found = self._reach.get(key)
        if found is None:
            width, height = self.s.map.width, self.s.map.height
            least: dict = {}
            ring = []
            for x, y in where:
                for dx, dy in ((0, 0),) if on else OFFSETS:
                    cell = (x + dx, y + dy)
                    if cell not in least and 0 <= cell[0] < width and 0 <= cell[1] < height:
                        least[cell] = 1
                        ring.append(cell)
            found = self._reach[key] = [1, least, ring]
        d, least, ring = found
        if d >= depth or not ring:
            return found
        width, height = self.s.map.width, self.s.map.height
        while ring and d < depth:
            d += 1
            nxt = []
            for x, y in ring:
                if (x, y) not in region:
                    continue  # no walk enters it: no cell is reached through it
                for dx, dy in OFFSETS:
                    cell = (x + dx, y + dy)
                    if cell not in least and 0 <= cell[0] < width and 0 <= cell[1] < height:
                        least[cell] = d
                        nxt.append(cell)
            ring = nxt
        found[0], found[2] = d, ring
        return found

    def _walked(self) -> frozenset:
        """The cells a walk of some situation of the search could enter (see the module's docstring)."""
        if self._region is not None:
            return self._region
        s = self.s
        enterable = self._kept["enterable"]  # (look, its move's stamp) -> bool
        stamp = s.model.stamp
        looks = []
        for lk, where in s.by_look.items():
            made = self._changes.get(lk.kind, ())
            variants = [lk]
            touched = lk in self._touched
            if touched or "opened" in made:
                variants.append(lk._replace(open=True))
            if touched or "gone" in made:
                variants.append(FLOOR_LOOK)
            for v in variants:
                key = (v, stamp((MOVE, AHEAD, v.kind)))
                found = enterable.get(key)
                if found is None:
                    found = enterable[key] = self._enterable(v)
                if found:
                    looks.append(lk)
                    break
        key = ("region", tuple(looks))
        region = self._reach.get(key)
        if region is None:
            cells = []
            for lk in looks:
                cells += s.by_look[lk]
            region = self._reach[key] = frozenset(cells)
        self._region = region
        return region

    def _enterable(self, lk: Look) -> bool:
        """Whether the model expects a move into a cell of look ``lk`` to succeed holding some keys (a reading of
        them, ``_holdings``)."""
        im = self.s.im
        for held in self._holdings(im.letters_read((MOVE, AHEAD, lk.kind), lk)):
            if held is None or _walkable(im, lk, held):
                return True
        return False
