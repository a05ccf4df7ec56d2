"""What the agent expects of its actions: its learned world model (``memory.world_model``) read on its own map.

Nothing here knows what a kind of cell does. Every question — can a move enter this cell, does entering it end the
episode, what does an action do to the object it meets, which neighbour it acts on, which key it spends — is put
to the model, which learned it from observed steps (per level, then pooled over levels). Where the model does not
know, the answer is a *hope*: a walk for exploring treats an unknown cell as open (``Beliefs`` as a ground), the
planner may count on an untried action doing what that action did elsewhere (``options`` with ``hoping``), and
the Why line says which (``Expectation.evidence``). The firm ground (``Beliefs.firm``) walks only where moves are
known to go.

``Beliefs`` holds the model, the map and the caches; each question lives in a module of its own: ``expect`` (belief
or hope), ``options`` (what the agent could do next), ``probes`` (what exploration asks), ``ground`` (walks),
``evidence`` (what the facts say beyond a prediction), ``expectation`` and ``option`` (the values).
"""

from __future__ import annotations

from procmem_tui.agents import probes
from procmem_tui.agents.expect import expect
from procmem_tui.agents.expectation import NOTHING, TRUSTED, Expectation, event_of, wins
from procmem_tui.agents.ground import LIKELY, UNSEEN, WALKS_KEPT, Ground, enters_unknown
from procmem_tui.memory.flat_walk import ENDS, OPEN, Layout, layout
from procmem_tui.agents.option import Option, apply
from procmem_tui.agents.options import MOVE, options
from procmem_tui.memory.failures import Failures
from procmem_tui.memory.imagine import ACTS, Look, base_looks, looks_stamp, unit_action
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.paths import KeptWalks
from procmem_tui.memory.world_model import AHEAD, EDGE, Outcome, Prediction, WorldModel, features
from procmem_tui.world import State

_PLAIN = State((0, 0), frozenset())
_GONE = Look("floor", "", False)  # an object seen to vanish looks like the floor around it (as observed)
_EDGE = Look(EDGE, "", False)
_ASK = object()  # not asked yet (``move_outcome``: None is an answer)
EXPECTED_KEPT = 50_000  # ``Beliefs.expect``'s answers kept at most (all dropped beyond)
FEATURES_KEPT = 10_000  # ``features`` kept at most (all dropped beyond)


class Beliefs:
    """The learned ``model`` as seen on map ``m`` of level ``level`` (its fingerprint). As a ground it is hopeful
    (``passable``/``ends``); ``firm`` is the ground that walks only where moves are known to go."""

    def __init__(self, model: WorldModel, m: LevelMap, level: str, failures: Failures | None = None) -> None:
        self.model, self.map, self.level = model, m, level
        self.failures = failures if failures is not None else Failures()
        walks = KeptWalks(2 * WALKS_KEPT)  # shared: where hoping walks no further, both grounds get one walk
        self.hopeful = Ground(self, True, walks)
        self.firm = Ground(self, False, walks)
        self.unseen = Ground(self, UNSEEN, walks)  # hopeful only about cells never seen (``agents/scouting.py``)
        self.likely = Ground(self, LIKELY, walks)  # hopeful but for background kinds never moved into
        # (``likely_entered``)
        self._memo: dict = {}
        self._moves: dict = {}
        self._features: dict = {}  # (letter, open, keys held) -> ``features``: the same for every model and map
        self._expected: dict = {}  # ``expect``'s answers with their unit's stamp (``WorldModel.stamp``)
        self._counted: dict = {}  # ``options._counted_on``'s lists with what they read (``counted_on_kept``)
        self._version = (model.version, m.version)
        self._looks: tuple = (None, {})
        self._looks_kept: tuple = (None, {})  # ``by_looks``
        self._moving: tuple = (None, {})  # ``by_moves``: (what it reads, answers)
        self._moving_read = False

    def _fresh(self) -> None:
        version = self._version
        if self.model.version != version[0] or self.map.version != version[1]:
            self._memo.clear()
            self._moves.clear()
            self._version = (self.model.version, self.map.version)
            self._moving_read = False

    def by_moves(self, key, make):
        """``make()``, something read off the map's looks and what moves are expected to do alone (which cells a
        walk enters, where it stops: a prediction's outcome, never its counts), kept while the looks
        (``looks_stamp``) and the facts of every move's unit (``WorldModel.shape``) stand: a new fact about taking or
        opening, or a move seen again doing what it did, leaves it standing (``base_flags``, ``Ground``'s walks)."""
        self._fresh()
        if not self._moving_read:
            moving = (looks_stamp(self.map),
                      tuple(sorted((unit, self.model.shape(unit)) for unit in self.model.units if unit[0] == MOVE)))
            if moving != self._moving[0]:
                self._moving = (moving, {})
            self._moving_read = True
        found = self._moving[1].get(key)
        if found is None:
            found = self._moving[1][key] = make()
        return found

    def memo(self, key, make):
        """``make()``, kept until the model or the map changes."""
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = make()
        return found

    def look(self, pos, state: State) -> Look | None:
        if pos in state.taken:
            return _GONE
        m = self.map
        if self._looks[0] != m.version:  # the map's ``base_looks``, held while its version stands (asked per cell)
            self._looks = (m.version, base_looks(m))
        found = self._looks[1].get(pos)
        if found is None:
            return None if m.in_bounds(pos) else _EDGE
        return found._replace(open=True) if pos in state.opened else found

    def predict(self, action: str, role: str, lk: Look, held: frozenset) -> Prediction:
        self._fresh()
        key = (action, role, lk, held)
        found = self._memo.get(key)
        if found is None:
            situation = (lk.letter, lk.open, held)
            feats = self._features.get(situation)
            if feats is None:
                if len(self._features) > FEATURES_KEPT:
                    self._features.clear()
                feats = self._features[situation] = features(*situation)
            found = self._memo[key] = self.model.predict((action, role, lk.kind), feats, self.level)
        return found

    def move_outcome(self, pos, state: State) -> Outcome | None:
        """What a move into ``pos`` is expected to do (None: unknown, or a cell never seen)."""
        self._fresh()
        key = (pos, state.keys, pos in state.opened, pos in state.taken)
        found = self._moves.get(key, _ASK)
        if found is not _ASK:
            return found
        lk = self.look(pos, state)
        found = None if lk is None else self.predict(MOVE, AHEAD, lk, state.keys).outcome
        self._moves[key] = found
        return found

    def base_sets(self, keys: frozenset, hopeful: bool | str) -> tuple[frozenset, frozenset]:
        """``Ground.sets`` with no object opened or gone, cached per keys held (the grid and a ring around it). A
        move's outcome depends only on the cell's look, so it is asked once per look, not once per cell."""
        self._fresh()
        key = ("sets", keys, hopeful)
        found = self._memo.get(key)
        if found is None:
            passable, ends = set(), set()
            for lk, cells in self._cells_by_look().items():
                enters, stops = self.move_flags(lk, keys, hopeful)
                if enters:
                    passable |= cells
                if stops:
                    ends |= cells
            found = self._memo[key] = (frozenset(passable), frozenset(ends))
        return found

    def base_flags(self, keys: frozenset, hopeful: bool | str) -> tuple[Layout, bytearray]:
        """``base_sets`` as flat cell flags (``memory.flat_walk``): each cell's look numbered once per map, then
        one byte translation per keys held."""
        def translate() -> tuple:
            grid, numbers, looks = self._look_numbers()
            table = bytearray(256)
            for n, lk in enumerate(looks, 1):
                enters, stops = self.move_flags(lk, keys, hopeful)
                table[n] = (OPEN | (ENDS if stops else 0)) if enters else 0
            return grid, numbers.translate(table)
        return self.by_moves(("flags", keys, hopeful), translate)

    def move_flags(self, lk: Look | None, keys: frozenset, hopeful: bool | str) -> tuple[bool, bool]:
        """Whether a move into a cell of look ``lk`` (None: never seen) enters it, and whether entering it ends the
        walk (unknown: hopeful enters, ``UNSEEN`` only a cell never seen; only off the grid ends)."""
        outcome = None if lk is None else self.predict(MOVE, AHEAD, lk, keys).outcome
        if outcome is None:
            enters = self.likely_entered(lk) if hopeful == LIKELY else enters_unknown(hopeful, lk is not None)
            return enters, lk is not None and lk.kind == EDGE
        return outcome.moved, outcome.ended

    def likely_entered(self, lk: Look | None) -> bool:
        """Whether a hopeful walk may count on entering a cell of look ``lk`` whose move the model does not know: a
        cell never seen, or of a kind moves were seen into in another situation, yes; of a kind no move was ever seen
        into, only while the kind is rare enough to be worth a hunch (the chance ``untried_walks.kind_chance`` gives
        it, at least ``MIN_CHANCE``): walls and rows of crates, the background, are not walked through."""
        if lk is None:
            return True
        if (MOVE, AHEAD, lk.kind) in self.model.units:
            return not self._stops_moves(lk)
        from procmem_tui.agents.curiosity.values import rarity
        from procmem_tui.agents.skill_plan import MIN_CHANCE

        rare = self.memo(("rarity",), lambda: rarity(self.map))
        return rare.get(lk.kind, 1.0) >= MIN_CHANCE

    def _stops_moves(self, lk: Look) -> bool:
        """Whether every move seen into an object of ``lk``'s kind in its state (closed, open) stopped there, on any
        level, whatever was held: one outcome serves a kind's state until two differ, so a hopeful walk does not
        count on a closed door letting it through holding other keys (the way through one is the action that opened
        its kind). A walk in a level's later episodes through door C holding nothing, after a move into it holding
        key c stopped, made a shortcut to door F look 9 steps shorter than it was (rooms3-12-s11-consumed), and
        was itself tried in episode 3 (rooms3-12-s7-consumed: 44 53 44)."""
        state = "open" if lk.open else "closed"

        def stops() -> bool:
            seen = [f for f in self.model.units.get((MOVE, AHEAD, lk.kind), {}).values() if state in f.feats]
            return bool(seen) and not any(f.outcome.moved for f in seen)
        return self.memo(("stops moves", lk.kind, state), stops)

    def _look_numbers(self) -> tuple[Layout, bytearray, list]:
        """Each cell of the grid and its ring numbered by its look (from 1; 0 outside), and the looks (kept while
        the map's looks stand: ``by_looks``)."""
        def number() -> tuple:
            grid = layout(self.map.width, self.map.height)
            numbers = bytearray(grid.size)
            looks = list(self._cells_by_look())
            for n, cells in enumerate(self._cells_by_look().values(), 1):
                for pos in cells:
                    numbers[grid.index(pos)] = n
            return grid, numbers, looks
        return self.by_looks("look numbers", number)

    def _cells_by_look(self) -> dict:
        """The grid and a ring around it, grouped by look with nothing opened or gone (None: never seen); kept as
        ``_look_numbers`` is."""
        def group() -> dict:
            groups: dict = {}
            w, h = self.map.width, self.map.height
            for x in range(-1, w + 1):
                for y in range(-1, h + 1):
                    groups.setdefault(self.look((x, y), _PLAIN), set()).add((x, y))
            if len(groups) > 255:
                raise ValueError("more than 255 looks of cell on one map")
            return groups
        return self.by_looks("cells by look", group)

    def by_looks(self, name: str, make):
        """``make()``, something read off the map's base looks alone, kept while they stand (``looks_stamp``): not
        dropped when the model learns, nor when a door is seen open or an object gone."""
        stamp = looks_stamp(self.map)
        if self._looks_kept[0] != stamp:
            self._looks_kept = (stamp, {})
        found = self._looks_kept[1].get(name)
        if found is None:
            found = self._looks_kept[1][name] = make()
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
        """``expect``, kept while nothing is filed under its unit (``WorldModel.stamp``) and ``predict`` gives the
        same prediction: it reads that prediction and otherwise the unit's facts only (``evidence``), so a step that
        files under other units leaves it the answer a fresh ``expect`` gives; a plan asks it again for every object
        in every situation it expands, and plans follow each other step after step. What is counted on without
        hoping is counted on alike hoping (hoping only adds where the other counts on nothing), so the hoping plan
        takes it from the plan on what is known."""
        model = self.model
        stamp, version = model.stamp((action, role, lk.kind)), model.version
        key = (action, role, lk, held, hoping)
        kept = self._expected.get(key)
        if kept is not None and kept[0] == stamp and (kept[1] == version or self._same_prediction(kept, key)):
            return kept[3]
        known = self._expected.get((action, role, lk, held, False)) if hoping else None
        if known is not None and known[0] == stamp and known[3] is not NOTHING and (
                known[1] == version or self._same_prediction(known, key[:4] + (False,))):
            found = known[3]
        else:
            if len(self._expected) > EXPECTED_KEPT:
                self._expected.clear()
            found = expect(self, action, role, lk, held, hoping)
        self._expected[key] = (stamp, version, self.predict(action, role, lk, held), found)
        return found

    def _same_prediction(self, kept: tuple, key: tuple) -> bool:
        """Whether the prediction a kept ``expect`` read is the one ``predict`` gives at the model's new version (a
        count that grew without a new version may have left it older than the unit's facts: then it is not)."""
        if self.predict(*key[:4]) is not kept[2]:
            return False
        self._expected[key] = (kept[0], self.model.version, *kept[2:])
        return True

    def counted_on_kept(self, units: list) -> dict:
        """Where ``options._counted_on`` keeps its lists: the same while the map's version, the model's version
        (so every prediction ``expect`` reads stands) and each eventful unit's stamp (so do its facts) stand."""
        stamps = (self.map.version, self.model.version, tuple(units), tuple(self.model.stamp(u) for u in units))
        if self._counted.get("stamps") != stamps:
            self._counted = {"stamps": stamps, "lists": {}}
        return self._counted["lists"]

    def options(self, state: State, dist: dict, *, hoping: bool = False, keep=None) -> list[Option]:
        return options(self, state, dist, hoping=hoping, keep=keep)

    def acting(self, action: str, lk: Look) -> list[str]:
        return probes.acting(self, action, lk)

    def doubt(self, action: str, keys: frozenset, pos) -> str | None:
        return probes.doubt(self, action, keys, pos)

    def chance(self, action: str, pos, keys: frozenset) -> float | None:
        return probes.chance(self, action, pos, keys)

    def held_chance(self, action: str, pos, keys: frozenset) -> float | None:
        return probes.held_chance(self, action, pos, keys)

    def answered_by_failure(self, action: str, pos, more: frozenset, fewer: frozenset) -> bool:
        return probes.answered_by_failure(self, action, pos, more, fewer)

    def taker(self, kind: str) -> str | None:
        return probes.taker(self, kind)

    def can_fetch(self, keys: frozenset, key) -> bool:
        """``probes.can_fetch``, kept until the model files another observation or the map changes (it reads nothing
        else, the counts of what a try did included; a shortcut's search asks it for each key once per door and
        action that might open it)."""
        self._fresh()
        return self.memo(("can fetch", self.model.steps_seen, keys, key), lambda: probes.can_fetch(self, keys, key))

    def knows(self, effect: str) -> bool:
        """``probes.knows``, kept until the model learns (it reads the facts' outcomes alone; the planner asks it
        for every skill of the library at every plan)."""
        self._fresh()
        return self.memo(("knows", effect), lambda: probes.knows(self, effect))


__all__ = ["ACTS", "Beliefs", "Expectation", "Option", "apply", "event_of", "unit_action", "wins", "MOVE", "TRUSTED"]
