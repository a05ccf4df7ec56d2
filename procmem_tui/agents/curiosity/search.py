"""One decision's search for the experiment of least cost ÷ value, over believed situations.

A situation is the position, the keys held, the doors believed open and the objects believed gone; it changes only
through an action the model predicts to change it (it picks up, it opens: one object, unambiguously). Within a
situation the agent walks (``route``); from each, every reachable experiment is offered (``choice``) at its cost
(the steps to get there and do it) and value (``values``). A bounded uniform-cost search (``MAX_NODES``
situations) finds an experiment that needs a key fetched and a door opened first, at what that takes.

The search is optimistic about the untried, at a discount: an experiment on an object that the same action was seen
to change elsewhere (a door of another letter opened, say, or this one with other keys held) is also counted on to
do the same, and the experiments beyond it are worth ``HOPE`` as much (their Why line says what they count on). So
the agent heads for the try that could open the way to what is rare and untried beyond it, rather than for the
cheap leftovers of what it already passed. What it counts on at a chance below 1 (a guess, a hope) costs what a
failure could lose (``risk``) where holding more would make it surer, so a near key is fetched before a far door
that may need it is tried, and an even split of the rules only where the walk saved is worth what later episodes
would pay for leaving it unsettled (``TIE``).
"""

from __future__ import annotations

import heapq
from weakref import WeakKeyDictionary

import numpy as np

from procmem_tui.agents.curiosity import beyond, provision, tour
from procmem_tui.agents.curiosity.bound import Bound
from procmem_tui.agents.curiosity.choice import Best
from procmem_tui.agents.evidence import implied, never_failed, no_signature_rule
from procmem_tui.agents.curiosity.frontier import Gains, frontier
from procmem_tui.agents.curiosity.letters import letter_share
from procmem_tui.agents.curiosity.route import FLOOR_LOOK, PROBE, path, steps_to, walk
from procmem_tui.agents.curiosity.values import EXPLOIT, FRONTIER, NEW, Values
from procmem_tui.memory.imagine import (
    ACTS, AHEAD, BESIDE, EDGE, HERE, MOVE, MOVES, OFFSETS, Belief, Look, acting_stamps, apply, base_looks, derived,
    describe, imagination, kept_answers, kept_sights, look_in, unit_action,
)
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import Prediction, WorldModel
from procmem_tui.world import Action
from procmem_tui.world.actions import MOVE_DELTAS

Pos = tuple[int, int]
MAX_NODES = 48  # situations the search expands, at most
EXPANSIONS_KEPT = 4096  # situations' expansions kept across decisions at most (then all are dropped)
LOOK_ANSWERS_KEPT = 16384  # answers about looks kept across decisions by kind at most, per dict (then all dropped)
MIN_CHANCE = 0.05  # a change less likely than this is not counted on
TIE = 0.5  # a counted-on change at this chance or below is a hunch to later episodes (``risk``)
LATER = 2  # the later episodes a detour is counted to recur in (``optimism.HORIZON``; importing it would loop)
HOPE = 0.8  # what an experiment is worth, counted on a try that could change something as it did elsewhere
FELT_TRY = 0.5  # worth of an action tried beside a felt cell, per key held never held trying it there
SIGHT_DETOUR = 1.0  # a frontier is valued as if reaching it cost this many sight radii more
_EDGE_LOOK = Look(EDGE, "", False)
_LAST_LOOKS = (FLOOR_LOOK, _EDGE_LOOK)  # ``_alike_for_every_look`` asks them after the map's looks
_MOVE_DELTAS = tuple(MOVE_DELTAS[action] for action in MOVES)
_MOVE_PAIRS = tuple((action, MOVE_DELTAS[action]) for action in MOVES)
_NAMES = {a: (unit_action(a), f"verdicts {a.value}", f"done there {a.value}", f"situations {a.value}") for a in ACTS}
_ASKED = ((PROBE, AHEAD), *((a, role) for a in ACTS for role in (HERE, BESIDE)))  # ``_answers_alike``'s questions
_BOUND = True  # whether ``bound.Bound`` cuts the search (a switch to compare with it off)
_ANYWHERE: dict = {}  # ``_verdict``'s per-action (here, beside) -> (any here, any beside): few distinct ones


class _Search:
    """One decision's search; ``best`` holds the experiment found (or None)."""

    def __init__(self, model: WorldModel, m: LevelMap, level: str, rng: np.random.Generator,
                 max_nodes: int = MAX_NODES) -> None:
        self.im = imagination(model, m, level)
        self.map = m
        self.max_nodes = max_nodes
        self.looks = looks = base_looks(m)
        self.frontier, self.beyond_edge = derived(m, "frontier", lambda: frontier(m, looks))
        self.values = Values(model, m, level, all_seen=not self.frontier)
        self.by_look = derived(m, "cells by look", lambda: _by_look(looks))
        seen_kinds = derived(m, "kinds seen", lambda: {lk.kind for lk in looks.values()})
        self.success_in_sight = any(f.outcome.ended and f.outcome.reward > 0 for unit, f in model.facts()
                                    if unit[0] == MOVE and unit[2] in seen_kinds)
        self.model, self.level = model, level
        self.choice = Best(rng)
        self.gains = Gains(m, kept_sights(model, m)) if self.frontier else None
        self.blind = self.gains is not None and m.sight == 0  # under fog, nothing ever seen beyond the own cell
        self._views = self.gains is not None and not beyond.spends_keys(model, level)  # ``beyond``: a try's view
        self._views_now = self._views  # ``beyond`` in the situation being expanded (held ``_first``)
        self._first = frozenset()  # the keys taken before a door's view counts (``_nearer_keys``)
        self.expanded = 0
        self._changes_seen: dict = {}
        self._locks: dict = {}
        self._spent_other: bool | None = None
        self._letters: frozenset | None = None
        self._sorted: tuple | None = None
        moves_change = any(f.outcome.changes for unit, f in model.facts() if unit[0] == MOVE)  # values read it
        extra = (self.values.all_seen, self.gains is not None, moves_change)
        looks_only = self.gains is None  # in full view the answers read the map through its base looks alone

        stamps, kinds = acting_stamps(model), frozenset(unit[2] for unit in model.units)
        self._stamps, self._moves_change = stamps, moves_change
        self._giving: set | None = None  # ``_giving_kinds``
        if self.gains is None:  # full view: each action's answers kept by its own units and the map's looks

            def kept(name: str, actions=None, more=()) -> dict:  # kept across decisions (``imagine.kept_answers``)
                return kept_answers(m, model, level, extra + more, actions, name, True, stamps, kinds)
        else:  # under fog the map changes with most steps: one dict for all, by the map's version

            def kept(name: str, actions=None, more=()) -> dict:
                return both.setdefault(name, {})
        both = kept_answers(m, model, level, extra, None, "answers", self.gains is None, stamps, kinds)
        # what ``_meets``, ``_chance`` and ``_answers_alike`` answer about one look, kept across decisions by what
        # each reads of the model: its own unit's stamp (``_meets``, ``_chance``) or its kind's (``_kind_stamp``),
        # and what they read of the other units (``_across_kinds``): a try or a new fact about one kind (a step
        # holding a new key files one about the floor) leaves every other kind's answers standing
        across = kept_answers(m, model, level, extra + _across_kinds(model), (), "by kind", looks_only, stamps,
                              kinds) if looks_only else both
        self._met = _bounded(across.setdefault("met", {}))  # (action, role, look, ``_reading``) -> (stamp, ``_meets``)
        self._chances = _bounded(across.setdefault("chances", {}))
        self._alike_answers = _bounded(across.setdefault("alike answers", {}))  # (look, two ``_reading``s) -> ...
        self._kind_stamps: dict = {}
        self._met_now: dict = {}  # the same answers as read in this search (no stamp to compare again)
        self._chances_now: dict = {}
        self._alike_now: dict = {}
        self._verdicts = {a: kept(_NAMES[a][1], _NAMES[a][:1]) for a in ACTS}  # each reads its action's units
        self._targets: dict = both.setdefault("targets", {})
        self._beside: dict = derived(m, "beside looks", dict)
        self._done_there = {a: kept(_NAMES[a][2], _NAMES[a][:1]) for a in ACTS}
        # ``_doing``'s answers per action and situation, kept across decisions in full view (under fog
        # ``_provisions`` reads more): they read the units of actions other than moves (a change's chance may read
        # another action's), the map's looks and, through ``_avoidable``, the kinds something was seen to take a
        # letter from (a move's unit could add one); and what a situation's expansion worked out from its walk and
        # the cells worth a look (``_Expansion``)
        if self.gains is None:
            giving = (frozenset(self._giving_kinds()),)
            self._done = {a: kept(_NAMES[a][3], None, giving) for a in ACTS}
            self._expansions: dict = kept("expansions", None, giving)
            if len(self._expansions) > EXPANSIONS_KEPT:
                self._expansions.clear()
        else:
            self._done = {a: {} for a in ACTS}
            self._expansions = {}
        self._exp: _Expansion | None = None  # the expansion of the situation being expanded (``_exp_of``)
        self._exp_of: Belief | None = None
        self._aimed: dict = {}  # ``_aims`` per (held, opened, gone)
        self._entering_by: dict = {}  # ``_most_worth``'s worths of moves, per (held, opened, gone)
        self._never_failed: dict = {}  # (unit, open) -> ``evidence.never_failed``
        self._asked: dict = {}  # ``_meets`` by the keys held themselves, as asked (most asks repeat one)
        self._alike = False  # whether answers are shared by ``_reading`` (once a second holding is met)
        self._read_of: dict = {}  # look -> the letters an answer about it can read (``_letters_read``)
        self._readings: dict = {}  # (look, keys held) -> ``_reading`` (the same tuple each time: its hash is cheaper)
        self._alike_held: dict = {}  # ``_alike_for_every_look`` by the holdings it compares and the changes before and after
        self._took: dict = {}  # situation reached by taking keys -> the situation they were taken in
        self._pushed: set = set()  # situations the search queued
        self._by_letter: bool | None = None  # ``_pairs_by_letter``
        self._cell_read: dict = {}  # cell -> the letters ``_doing_there`` at it can read
        self._cell_readings: dict = {}  # (cell, keys held) -> ``_cell_reading`` (as ``_readings``)
        self._roles: dict = {}  # action -> ``WorldModel.roles`` of its unit
        self._asking: tuple | None = None  # ``_questions``
        self._walks: dict = {}
        self._grouped: dict = {}  # ``_groups`` per (opened, gone)
        self._beside_of: dict = {}  # cell -> the cells beside it, in ``OFFSETS`` order
        self._open_looks: dict = {}  # look -> the same look open
        self.interest: tuple = (set(), set(), set())  # (here, beside, targets): ``_pointless`` reads them
        self._acting: dict = both.setdefault("acting cells", {})
        self.target_looks: list = []  # (look, its cells) of the looks a move into is worth trying
        self._near: dict = {}
        self._entered: dict = {}
        self.nearby: list = []  # first tries the start situation offers (``_recording``), for ``way.first_tries``

    @property
    def best(self) -> tuple | None:
        """(score, cost, not a move), value, make() -> (actions, reason); None when nothing was offered."""
        return self.choice.kept

    def _nearest_first(self, dist: dict) -> list:
        """The cells of ``dist``, nearest first (ties in cell order), sorted once per walk: ``experiments`` and
        ``changes`` both read them for the situation being expanded."""
        if self._sorted is None or self._sorted[0] is not dist:
            self._sorted = (dist, sorted(dist, key=lambda c: (dist[c], c)))
        return self._sorted[1]

    def _offering(self, dist: dict, active: dict) -> list:
        """The cells of ``dist`` nearest first where ``experiments`` could offer something: with nothing left to see
        (no frontier), only those beside a cell a move into could be worth it or where an action is; the others
        offer nothing, and a stop for the cost reached is met as well at the next cell that could."""
        if self.gains is not None:
            return self._nearest_first(dist)
        # the cells beside a target, from the targets' side (asking each cell of the walk about its four
        # neighbours took several times as long, even where the targets were more)
        near = {(x - dx, y - dy) for x, y in active[None] for dx, dy in _MOVE_DELTAS} & dist.keys()
        for action in ACTS:
            near |= active[action]
        return sorted(sorted(near), key=dist.__getitem__)  # nearest first, ties in cell order (a stable sort)

    def walk(self, b: Belief) -> tuple[dict, dict]:
        """Distances and parents of the cells the agent believes it can walk to (``route.walk``)."""
        found = self._walks.pop(b, None)
        return walk(self.im, self.looks, b) if found is None else found

    def _groups(self, b: Belief) -> dict:
        """The seen cells grouped by how they look in situation ``b`` (doors open, objects gone). The groups no
        opening or taking touched are the search's own lists (``by_look``): read them, never change them."""
        if not b.gone and not b.opened:
            return self.by_look
        key = (b.opened, b.gone)
        found = self._grouped.get(key)
        if found is None:
            found = self._grouped[key] = self._regroup(b)
        return found

    def _regroup(self, b: Belief) -> dict:
        """``_groups`` worked out (kept per openings and objects gone: the search meets them again holding other
        keys, standing elsewhere)."""
        changed = [pos for pos in b.gone | b.opened if pos in self.looks]
        if not changed:
            return self.by_look
        groups = dict(self.by_look)
        for pos in changed:
            base = self.looks[pos]
            if groups[base] is self.by_look[base]:
                groups[base] = list(groups[base])
            groups[base].remove(pos)
            lk = FLOOR_LOOK if pos in b.gone else base._replace(open=True)
            mine = groups.get(lk)
            if mine is None or mine is self.by_look.get(lk):
                groups[lk] = mine = list(mine or ())
            mine.append(pos)
        return groups

    def _verdict(self, lk: Look, held) -> tuple:
        """For a cell of look ``lk`` holding ``held``: per action of ``ACTS``, whether doing it on the cell (here)
        or beside it could teach or change something (``_acts_verdict``), and whether a move into it could teach
        something or reach a reward (``_target``)."""
        return self._acts_verdict(lk, held), self._target(lk, held)

    def _acts_verdict(self, lk: Look, held) -> tuple:
        """``_verdict``'s part for the actions other than moves, each kept across decisions while that action's
        units are as they were (``imagine.kept_answers``)."""
        return tuple(self._acting_verdict(action, lk, held) for action in ACTS)

    def _target(self, lk: Look, held) -> bool:
        """``_verdict``'s part for a move into ``lk``, kept while the move's unit into ``lk``'s kind is as it was."""
        key = (lk, self._reading(lk, held))
        moving = self.model.stamp((MOVE, AHEAD, lk.kind))
        found = self._targets.get(key)
        if found is not None and found[0] == moving:
            return found[1]
        pred = self.im.predict(PROBE, AHEAD, lk, held)
        target = (pred.known and pred.outcome.ended and pred.outcome.reward > 0) or \
            self._worth_moving(lk, held, self.values.value(PROBE, AHEAD, lk, held, pred))
        self._targets[key] = (moving, target)
        return target

    def _acting_verdict(self, action: Action, lk: Look, held, reading: tuple | None = None) -> tuple:
        """For ``action`` (not a move) at a cell of look ``lk`` holding ``held`` (``reading``: its ``_reading``):
        whether doing it on the cell (here) or beside it could teach or change something. It reads only that
        action's units."""
        key = (lk, self._reading(lk, held) if reading is None else reading)
        kept = self._verdicts[action]
        found = kept.get(key)
        if found is not None:
            return found
        roles = self._roles_of(action)
        ok = []
        for role, wanted in ((HERE, not roles or HERE in roles), (BESIDE, not roles or BESIDE in roles)):
            if not wanted or lk.kind == EDGE:
                ok.append(False)
                continue
            _, worth, changing = self._meets(action, role, lk, held, key[1])
            ok.append(worth > 0 or changing)
        found = kept[key] = tuple(ok)
        return found

    def _meets(self, action: Action, role: str, lk: Look, held, reading: tuple | None = None) -> tuple:
        """What ``action`` in ``role`` on an object of look ``lk`` holding ``held`` is expected to do and is worth as
        an experiment: (prediction, worth, whether the model knows it to change the object without ending the
        episode). Fixed for the search (the model learns nothing while it runs), so asked once per look and
        ``_reading`` of the keys held, not per cell and holding."""
        key = (action, role, lk, self._reading(lk, held) if reading is None else reading)
        found = self._met_now.get(key)
        if found is None:
            kept = self._met.get(key)
            stamp = self.model.stamp((unit_action(action), role, lk.kind))  # its own unit (and ``_across_kinds``)
            if kept is None or kept[0] != stamp:
                pred = self.im.predict(action, role, lk, held)
                outcome = pred.outcome
                kept = self._met[key] = (stamp, (pred, self.values.value(action, role, lk, held, pred),
                                                 pred.known and outcome.changes and not outcome.ended))
            found = self._met_now[key] = kept[1]
        self._asked[(action, role, lk, held)] = found
        return found

    def _kind_stamp(self, kind: str) -> tuple:
        """``WorldModel.stamp`` of every unit of ``kind`` (a move into it, each action here and beside), read once per
        search: ``_answers_alike`` reads no other unit's facts but through ``_across_kinds``."""
        found = self._kind_stamps.get(kind)
        if found is None:
            stamp = self.model.stamp
            found = self._kind_stamps[kind] = tuple(stamp((name, role, kind)) for name, role in _KIND_UNITS)
        return found

    def _roles_of(self, action: Action) -> frozenset:
        """``WorldModel.roles`` of ``action``'s unit, read once per search."""
        found = self._roles.get(action)
        if found is None:
            found = self._roles[action] = self.model.roles(unit_action(action))
        return found

    def _reading(self, lk: Look | None, held) -> tuple:
        """What any answer of this search about an object of look ``lk`` reads of the keys ``held``: those among
        ``_letters_read``, and whether it holds others. Holdings alike in this much get the same answer (a search
        meets several holdings, most of them alike for most looks: keys picked up on the way that no fact about the
        look's kind was ever filed holding). Until the search meets a second holding (``_alike``), the holding
        itself (a reading by every letter: the answers are not shared, and working out what letters they read
        would cost a search that meets one holding more than it saves)."""
        if not self._alike:
            return held
        found = self._readings.get((lk, held))
        if found is None:
            letters = self._read_of.get(lk)
            if letters is None:
                letters = self._letters_read(lk)
            mine = held & letters
            found = self._readings[(lk, held)] = (mine, len(held) > len(mine))
        return found

    def _letters_read(self, lk: Look | None) -> frozenset:
        """The letters of keys held that an answer about an object of look ``lk`` can read, whatever the action:
        ``Imagination.letters_read`` of every unit of its kind (its own letter, and every key a fact of the unit
        was filed holding). The model reads no more of the keys held (of the others, only whether there are any);
        the values read the keys a fact confirmed, the keys an outcome spends (held when it was filed) and whether
        some key held was never confirmed (``Values._untested``). Kept per look for the search (the model learns nothing meanwhile)."""
        found = self._read_of.get(lk)
        if found is None:
            found = frozenset()
            if lk is not None:
                read = self.im.letters_read
                for unit in ((MOVE, AHEAD, lk.kind), *((unit_action(a), role, lk.kind) for a in ACTS
                                                       for role in (HERE, BESIDE))):
                    found |= read(unit, lk)
            self._read_of[lk] = found
        return found

    def _beside_cells(self, lk: Look, where: list) -> set | frozenset:
        """The cells beside those of ``where`` (kept for the search's own groups)."""
        if where is not self.by_look.get(lk):
            return {(x + dx, y + dy) for x, y in where for dx, dy in OFFSETS}
        found = self._beside.get(lk)
        if found is None:
            found = self._beside[lk] = frozenset((x + dx, y + dy) for x, y in where for dx, dy in OFFSETS)
        return found

    def _active(self, b: Belief, dist: dict) -> dict:
        """For each action that is not a move, the reachable cells where doing it could teach something or change
        something (its own cell or one beside it looks so to the model); under ``None``, the cells a move into
        could teach something, reach a reward or look beyond what was seen. The other cells need no look. It also
        makes ``_exp`` the expansion of ``b``: the one kept from an earlier search where it was worked out from the
        same walk, the same cells worth an action and the same cells worth a move (else a new one)."""
        groups = self._groups(b)
        acting = self._acting_cells(b, groups)
        acts, here_interest, beside_interest = acting
        key = (b.held, b.opened, b.gone)
        found = self._aimed.get(key)
        if found is None:
            found = self._aimed[key] = self._aims(b, groups)
        targets, target_looks = found
        self.interest = here_interest, beside_interest, targets
        self.target_looks = target_looks
        exp = self._expansions.get(b)
        if exp is None or exp.dist is not dist or exp.acting is not acting or exp.active[None] != targets:
            out = {action: cells & dist.keys() for action, cells in zip(ACTS, acts)}
            out[None] = targets
            exp = self._expansions[b] = _Expansion(dist, acting, out)
        self._exp, self._exp_of = exp, b
        return exp.active

    def _aims(self, b: Belief, groups: dict) -> tuple:
        """``_active``'s cells worth a move into in situation ``b`` (any position), and (look, its cells) of the
        looks among them: the same for every situation of the search with these keys, openings and objects gone
        (kept per search; never change them)."""
        targets: set = set()
        target_looks = []
        for lk, where in groups.items():
            if where and self._target(lk, b.held):
                targets.update(where)
                target_looks.append((lk, where))
        pred = self.im.predict(PROBE, AHEAD, _EDGE_LOOK, b.held)
        if not pred.known and self.values.value(PROBE, AHEAD, _EDGE_LOOK, b.held, pred) > 0:
            targets.update(self.beyond_edge)
            target_looks.append((_EDGE_LOOK, self.beyond_edge))
        if self.blind:
            targets |= self.frontier
        return targets, target_looks

    def _acting_cells(self, b: Belief, groups: dict) -> tuple:
        """``_active``'s part for the actions other than moves in situation ``b`` (any position), before what is
        reachable: per action of ``ACTS`` the cells where doing it could teach or change something, and (with
        nothing left to see) the cells where some action could, here and beside. It reads the groups of looks (the
        map and ``b``'s openings) and ``_acting_verdict`` alone, so it is kept across decisions with them
        (``imagine.kept_answers``): the situations a search meets recur from one decision to the next. Never
        change the sets."""
        key = (b.held, b.opened, b.gone)
        found = self._acting.get(key)
        if found is not None:
            return found
        acts = [set() for _ in ACTS]
        here_interest, beside_interest = set(), set()
        verdicts_of, verdict, held, reading_of = self._verdicts, self._acting_verdict, b.held, self._reading
        for lk, where in groups.items():
            if not where:
                continue
            reading = (lk, reading_of(lk, held))
            verdicts = tuple([verdicts_of[action].get(reading) or verdict(action, lk, held, reading[1])
                              for action in ACTS])
            for cells, (here, beside) in zip(acts, verdicts):
                if here:
                    cells.update(where)
                if beside:
                    cells.update(self._beside_cells(lk, where))
            if self.gains is None:
                anywhere = _ANYWHERE.get(verdicts)
                if anywhere is None:
                    anywhere = _ANYWHERE[verdicts] = (any(h for h, _ in verdicts), any(b for _, b in verdicts))
                if anywhere[0]:
                    here_interest.update(where)
                if anywhere[1]:
                    beside_interest.update(where)
        found = self._acting[key] = (acts, here_interest, beside_interest)
        return found

    def _most_worth(self, b: Belief, dist: dict, active: dict, done: dict) -> float:
        """The most any experiment ``experiments`` offers in situation ``b`` is worth before its weight, with
        nothing left to see (no frontier): a move from a cell of ``dist`` into one beside it of a look ``_active``
        found worth a move, or an action at a cell where it could teach or change something (``_doing``, which
        ``changes`` works out for every such cell anyway)."""
        exp = self._exp
        key = (b.held, b.opened, b.gone)  # the worths of moves into the looks of ``_aims``, alike per key
        entering = self._entering_by.get(key)
        if entering is None:
            entering = self._entering_by[key] = tuple(self._entering_look(lk, b.held)[2]
                                                      for lk, _ in self.target_looks)
        if exp.most is not None and exp.entering == entering:
            return exp.most  # the same walk, cells and worths of moves (the actions' are kept with the expansion)
        most = 0.0
        doing = self._doing
        for action in ACTS:
            mine = done[action]
            for cell in active[action]:
                found = mine.get(cell)
                worth = (doing(action, cell, b, done) if found is None else found)[0]
                if worth > most:
                    most = worth
        for (lk, where), worth in zip(self.target_looks, entering):
            if worth > most and _beside_any(where, dist):
                most = worth
        exp.most, exp.entering = most, entering
        return most

    def _pointless(self, dist: dict, cell: Pos, b: Belief, nxt: Belief) -> bool:
        """Whether a change that leaves the keys held as they are (an object opened or gone) brings nothing worth
        trying into reach or nearer, on a map with nothing left to see: the situation after it would offer what
        this one offers, so it is not searched (on a level of many doors, every order of opening dead ends would
        otherwise fill the search before the way on is found). The walk it took is kept for its expansion."""
        if self.gains is not None:
            return False
        if nxt.held != b.held:
            if not self._alike_holdings(b, nxt, dist):
                return False
            if dist.keys() >= nxt.gone - b.gone:  # the walk is the same, from a cell ``b`` walks to
                return True
        after = self._walks[nxt] = walk(self.im, self.looks, nxt)
        if self._exp_of != b:  # asked outside an expansion
            return self._brings_nothing(dist, cell, b, nxt, after[0])
        kept = self._exp.pointless.get((cell, nxt))
        if kept is not None and kept[0] is after[0]:
            return kept[1]
        found = self._exp.pointless[(cell, nxt)] = (after[0], self._brings_nothing(dist, cell, b, nxt, after[0]))
        return found[1]

    def _alike_holdings(self, b: Belief, nxt: Belief, dist: dict) -> bool:
        """Whether a key taken on the way from ``b`` to ``nxt`` adds nothing the search could not meet as cheaply
        elsewhere: every look left in ``nxt`` gets the answers (``_answers_alike``) it gets holding what ``b`` holds, or,
        where ``b`` was itself reached by taking keys from a situation that the search also left by taking these
        (``_took``), holding those instead of the keys ``b`` took. Each experiment ``nxt`` offers is then offered
        by one of those two, at a cost no higher (the same walk, less the detour between the keys), and so is each
        change it leads to: on a level of keys whose doors each read their own (``distractor_keys``), every set of
        keys the level's keys can form was otherwise met in turn, 31 in one search. Where some look is answered alike
        only holding what ``b`` holds and another only holding the keys instead, neither situation holds both keys,
        so a change that needs one and then leads to a look that reads the other is met only with the keys taken in
        the other order: such a take is dropped only while every look it tells apart so is in reach. Behind a shut
        door, a look is met after an opening, and then the order decides the walk (held-out seed 6
        ``rooms4-24-s112``: keys e and f were each dropped as alike to the other, and the plan opened door F, then
        walked back through two rooms for key e: episode 1 took 153 steps, 121 with both kept)."""
        held = nxt.held
        if not b.held < held:
            return False
        instead = None
        parent = self._took.get(b)
        if parent is not None:
            sibling = Belief(nxt.pos, parent.held | (held - b.held), parent.opened, parent.gone | (nxt.gone - b.gone))
            if sibling in self._pushed:
                instead = sibling.held
        key = (b.held, held, instead, nxt.opened, b.gone, nxt.gone)
        found = self._alike_held.get(key)
        if found is None:
            found = self._alike_for_every_look(b, nxt, instead)
            if found is not False and self._pairs_by_letter():
                found = False
            self._alike_held[key] = found
        if found is True or found is False:
            return found
        in_reach = self._in_reach
        for where in found:
            if not in_reach(where, dist):
                return False
        return True

    def _alike_for_every_look(self, b: Belief, nxt: Belief, instead: frozenset | None) -> bool | tuple:
        """``_alike_holdings`` worked out, as far as it holds wherever ``b`` stands: a look none of whose letters
        read (``_letters_read``) was taken, while ``b`` already holds a key it does not read, has the same
        ``_reading`` either way and needs no more look (likewise against the keys held instead). Where looks are
        answered alike by one alternative only, the cells of those looks: the take is alike only if each is in reach of
        the walk from where ``b`` stands, which the caller tests (the same holdings and changes are met from many
        cells, so the answer is kept without the walk)."""
        held, before, taken = nxt.held, b.held, nxt.gone - b.gone
        added = held - before
        alike, read_of, letters_read = self._answers_alike, self._read_of, self._letters_read
        groups = self._groups(b)
        sided = []  # (answered alike holding ``before``, look) of the looks only one alternative answers alike
        if taken:
            looks = [lk for lk, where in groups.items() if where and not taken.issuperset(where)]
        else:
            looks = [lk for lk, where in groups.items() if where]
        looks += _LAST_LOOKS
        for lk in looks:
            letters = read_of.get(lk)
            if letters is None:
                letters = letters_read(lk)
            as_before = (added.isdisjoint(letters) and not before <= letters) or None
            if instead is None:
                if not (as_before or alike(lk, held, before)):
                    return False
                continue
            if as_before is None:
                as_before = alike(lk, held, before)
            dropped = held - instead
            as_instead = (dropped.isdisjoint(letters) and not instead <= letters) or alike(lk, held, instead)
            if as_before == as_instead:
                if not as_before:
                    return False
                continue
            sided.append((as_before, lk))
        if len({side for side, _ in sided}) < 2:
            return True  # one alternative answers every look alike
        return tuple(groups.get(lk, ()) for _, lk in sided)

    @staticmethod
    def _in_reach(where, dist: dict) -> bool:
        """Whether an object of these cells can be met in the walk ``dist``: a cell of it walked to or beside one."""
        for cell in where:
            if cell in dist:
                return True
            x, y = cell
            for dx, dy in _MOVE_DELTAS:
                if (x + dx, y + dy) in dist:
                    return True
        return False

    def _answers_alike(self, lk: Look, held: frozenset, other: frozenset) -> bool:
        """Whether everything this search asks about an object of look ``lk`` is answered alike holding ``held``
        and ``other``: per action and role (a move into it, each action here and beside), what the model expects
        and what it is worth (``_meets``), and the chance of a change counted on (``_chance``), known or hoped for.
        Holdings alike in their ``_reading`` are: the chance reads no more of the keys held than the model does,
        where no door's chance is the share of the letters held (``_pairs_by_letter``)."""
        mine, theirs = self._reading(lk, held), self._reading(lk, other)
        if mine == theirs:
            return True
        key = (lk, mine, theirs)
        found = self._alike_now.get(key)
        if found is None:
            kept = self._alike_answers.get(key)
            stamp = self._kind_stamp(lk.kind)
            if kept is None or kept[0] != stamp:
                kept = self._alike_answers[key] = (stamp, self._answered_alike(lk, held, mine, other, theirs))
            found = self._alike_now[key] = kept[1]
        return found

    def _answered_alike(self, lk: Look, held: frozenset, mine: tuple, other: frozenset, theirs: tuple) -> bool:
        """``_answers_alike`` worked out, the cheapest questions first."""
        meets, chance = self._meets, self._chance
        for action, role in self._questions():
            met = meets(action, role, lk, held, mine)
            if met != meets(action, role, lk, other, theirs):
                return False
            if action is not PROBE and lk.kind != EDGE:
                standing = role == HERE
                if met[2] and chance(action, standing, lk, held, True) != chance(action, standing, lk, other, True):
                    return False
                if met[1] > 0 and chance(action, standing, lk, held) != chance(action, standing, lk, other):
                    return False
        return True

    def _questions(self) -> tuple:
        """``_ASKED`` without an action's roles it is known to act only elsewhere in (``WorldModel.roles``): the
        search asks nothing else (``_acting_verdict``, ``_met_at``), so holdings answered alike in these are alike for
        it (on ``distractor_keys`` a quarter of ``_answers_alike``'s questions, open_door standing on a door among
        them)."""
        found = self._asking
        if found is None:
            roles = self._roles_of
            found = self._asking = tuple((action, role) for action, role in _ASKED
                                         if action is PROBE or not roles(action) or role in roles(action))
        return found

    def _pairs_by_letter(self) -> bool:
        """Whether some unit of a kind on the map meets its objects where no rule over the holding signature fits
        what they did here (``evidence.no_signature_rule``): then a door's chance reads every letter held."""
        if self._by_letter is None:
            self._by_letter = any(no_signature_rule(self.model, self.level, unit, lk)
                                  for lk in self.by_look if lk.letter
                                  for unit in self.model.units if unit[2] == lk.kind and unit[0] != MOVE)
        return self._by_letter

    def _brings_nothing(self, dist: dict, cell: Pos, b: Belief, nxt: Belief, after: dict) -> bool:
        """``_pointless`` worked out, ``after``: the distances of the walk in ``nxt``."""
        changed = (nxt.opened - b.opened) | (nxt.gone - b.gone)
        here, beside, targets = self.interest
        near = dist[cell] + 1
        for pos, d in after.items():
            walked = dist.get(pos)
            if walked is not None and near + d >= walked:
                continue
            if pos in here and pos not in changed:
                return False
            x, y = pos
            for dx, dy in OFFSETS:
                other = (x + dx, y + dy)
                if (other in beside or other in targets) and other not in changed:
                    return False
        return True

    def experiments(self, b: Belief, g: int, prefix: list, dist: dict, parent: dict, vmax: float,
                    active: dict, weight: float = 1.0, hoping: str = "") -> None:
        """Offer every experiment reachable in situation ``b`` (reached in ``g`` steps by ``prefix``), nearest
        first, until nothing farther can beat the best kept. ``weight``: how much its experiments count, less when
        the situation was reached ``hoping`` a try does what it did elsewhere."""
        offer = self.choice.offer
        if not prefix and self.gains is None:
            offer = self._recording()
        elif weight != 1.0:
            def offer(cost, worth, ends_with_move, make, end=None):
                def hoped():
                    actions, reason = make()
                    return actions, f"{reason} (counting on {hoping})"
                self.choice.offer(cost, worth * weight, ends_with_move, hoped)
        targets = active[None]
        acting = [(action, active[action]) for action in ACTS]
        done = self._situation(b)
        entered: dict = {}
        choice = self.choice
        # With nothing left to see, an offer from ``steps`` on costs more than ``steps`` and is worth at most
        # ``most``: once ``steps`` reaches the best score times ``most``, every offer left scores strictly worse
        # than the one kept (no tie, so no draw of the generator either), and none is made.
        most = None if self.gains is not None else weight * self._most_worth(b, dist, active, done)
        if most == 0:
            return
        exp = self._exp
        if exp.offering is None:
            exp.offering = self._offering(dist, active)
        for cell in exp.offering:
            steps = g + dist[cell]
            if choice.kept is not None and (steps / vmax >= choice.kept[0][0] or (
                    most is not None and steps >= choice.kept[0][0] * most)):
                return

            def route(tail=(), cell=cell):
                return prefix + path(parent, cell) + list(tail)

            if self.gains is not None and steps > 0 and not self.blind:
                self._sight(cell, steps, route, offer, weight, not prefix)

            x, y = cell
            for action, (dx, dy) in _MOVE_PAIRS:
                nxt = (x + dx, y + dy)
                if nxt not in targets:
                    continue
                found = entered.get(nxt)
                if found is None:
                    found = entered[nxt] = self._entering(b, nxt)
                lk, pred, worth, *first = found
                if lk is None:  # never seen: what standing beside it would show is ``_sight``'s, unless blind
                    if self.blind:
                        offer(steps + 1, FRONTIER * weight, True, lambda route=route, a=action, nxt=nxt: (
                            route([a]), f"moving into {nxt}, never seen: with no sight beyond its own cell, entering "
                                        f"or bumping is how a cell is seen"))
                    continue
                if worth == EXPLOIT:
                    offer(steps + 1, EXPLOIT, True, lambda route=route, a=action, lk=lk, r=pred.outcome.reward: (
                        route([a]), f"heading for {describe(lk)}: the model expects it to end the episode with "
                                    f"{r:+g}"))
                    continue
                if first:  # the action the move waits for, done first
                    offer(steps + 1, worth, False, lambda route=route, a=first[0][0], lk=lk, p=pred: (
                        route([a]), _why(f"{a.value} first, then moving into", lk, p, b.held)), (cell, lk))
                elif worth > 0:
                    offer(steps + 1, worth, True, lambda route=route, a=action, lk=lk, p=pred: (
                        route([a]), _why("moving into", lk, p, b.held)), (cell, lk))
            if self.blind:
                self._felt_tries(cell, steps, route, offer, b.held)
            for action, cells in acting:
                if cell not in cells:
                    continue
                best_value, about, _ = self._doing(action, cell, b, done)
                if about is not None:
                    offer(steps + 1, best_value, False, lambda route=route, a=action, about=about: (
                        route([a]), provision.why(a, about[0], about[1]) if len(about) > 2 else
                        _why(a.value + " at", about[0], about[1], b.held)), (cell, about[0]))

    def _recording(self):
        """The start situation's ``offer``, also keeping, for ``way.first_tries``, each offer of a first try on a
        kind nothing was ever tried on, at an object with a letter that is not open: (cost, worth, ends with a
        move, make, where it leaves the agent)."""
        offer, kept, met = self.choice.offer, self.nearby, self.values.met

        def recording(cost, worth, ends_with_move, make, end=None):
            offer(cost, worth, ends_with_move, make)
            if end is not None and 0 < worth < EXPLOIT and end[1].letter and not end[1].open and \
                    end[1].kind not in met:
                kept.append((cost, worth, ends_with_move, make, end[0]))
        return recording

    def _felt_tries(self, cell: Pos, steps: int, route, offer, held) -> None:
        """With no sight: offer each action other than a move, done at ``cell`` beside a cell known only by a bump,
        worth ``FELT_TRY`` for each key held never held trying it beside that very cell (its look is not known, so
        no other cell drawn the same answers for it), for an action the model does not know to act only elsewhere
        (``WorldModel.roles``)."""
        x, y = cell
        for dx, dy in OFFSETS:
            tried = self.map.felt.get((x + dx, y + dy))
            if tried is None:
                continue
            for action in ACTS:
                roles = self.model.roles(unit_action(action))
                if roles and BESIDE not in roles:
                    continue
                held_then = set().union(*(keys for name, keys in tried if name == action.value))
                untested = len(held - held_then)
                if untested:
                    offer(steps + 1, FELT_TRY * untested, False, lambda route=route, a=action, n=(x + dx, y + dy): (
                        route([a]), f"{a.value} beside {n}, known only by a bump, holding "
                                    f"{', '.join(sorted(held))}: never tried so there"))

    def _entering(self, b: Belief, cell: Pos) -> tuple:
        """A move into ``cell`` in situation ``b``: its look, the model's prediction and its worth (``EXPLOIT``
        when the model expects it to end the episode with a reward)."""
        return self._entering_look(look_in(self.looks, self.map, cell, b.opened, b.gone), b.held)

    def _entering_look(self, lk: Look | None, held) -> tuple:
        """``_entering`` of a cell of look ``lk`` holding ``held``: the same at every cell of that look and every
        holding of the same ``_reading``."""
        key = (lk, self._reading(lk, held))
        found = self._entered.get(key)
        if found is None:
            pred = self.im.predict(PROBE, AHEAD, lk, held)
            if lk is None:
                found = None, pred, 0.0
            elif pred.known and pred.outcome.ended and pred.outcome.reward > 0:
                found = lk, pred, EXPLOIT
            elif lk.kind == EDGE and pred.known:
                found = lk, pred, 0.0
            else:
                worth = self.values.value(PROBE, AHEAD, lk, held, pred)
                first = self._opened_first(lk, held) if worth > 0 else None
                if first is None:
                    found = lk, pred, worth
                else:  # the move's question is asked by that action first, at the move's worth if that is more
                    found = (lk, pred, 0.0) if worth <= first[1] else (lk, pred, worth, first)
            self._entered[key] = found
        return found

    def _worth_moving(self, lk: Look, held, worth: float) -> bool:
        """Whether a move into a cell of look ``lk`` worth ``worth`` is sought: not where the action it waits for
        (``_opened_first``) asks as much."""
        if worth <= 0:
            return False
        first = self._opened_first(lk, held)
        return first is None or worth > first[1]

    def _opened_first(self, lk: Look, held) -> tuple | None:
        """The action other than a move, done beside an object of look ``lk`` holding ``held``, that a move into it
        waits for, with its worth there (the most worth of those still worth trying), or None: every move into such
        an object (in its state) stopped so far, so a way through, if there is one, is a change that action would
        make, and once made, the move is no question left (``Values._way_through_known``). Trying the action first
        spares the bump where it works (a door bumped holding its key, then opened, spent a step on every level);
        where it does not, the bump follows. The order changes no worth: where the move is worth more than the
        action (under fog, a door never bumped holding these keys while the map still has cells to see), the door
        is still sought at the move's worth, and the action is done first when the agent gets there (ranked at the
        action's own worth, a door left for later sent the agent off to look elsewhere and walk back for it:
        ``unusual_levels.py --view 3`` seed 0, ``rooms5-30-s502`` 215 -> 345 steps)."""
        if lk.kind == EDGE:
            return None
        state = "open" if lk.open else "closed"
        moves = [f for f in self.model.units.get((MOVE, AHEAD, lk.kind), {}).values() if state in f.feats]
        if not moves or any(f.outcome.moved for f in moves):
            return None
        best = None
        for action in ACTS:
            roles = self.model.roles(unit_action(action))
            if roles and BESIDE not in roles:
                continue
            worth = self.values.value(action, BESIDE, lk, held, self.im.predict(action, BESIDE, lk, held))
            if worth > 0 and (best is None or worth > best[1]):
                best = (action, worth)
        return best

    def _situation(self, b: Belief) -> dict:
        """What ``_doing`` worked out in situation ``b`` (any position): per action, by cell."""
        key = (b.held, b.opened, b.gone)
        out = {}
        for action, kept in self._done.items():
            found = kept.get(key)
            if found is None:
                found = kept[key] = {}
            out[action] = found
        return out

    def _doing(self, action: Action, cell: Pos, b: Belief, done: dict) -> tuple:
        """``action`` done at ``cell`` in situation ``b`` (kept in ``done``, ``_situation(b)``): its best worth as
        an experiment and on what (look, prediction; None: worth nothing), and where it leads (``changes``: (next
        situation, hope) or None). What it meets depends only on the cell, the keys held and which cells under or
        beside it are open or gone, so that much is kept for every situation alike there (``_doing_there``)."""
        done = done[action]
        found = done.get(cell)
        if found is not None:
            return found
        held, opened, gone = b.held, b.opened, b.gone
        near = self._near.get(cell)
        if near is None:
            x, y = cell
            near = self._near[cell] = frozenset([cell, *((x + dx, y + dy) for dx, dy in OFFSETS)])
        holding = held if self.gains is not None else self._cell_reading(cell, near, held)
        if (not gone or gone.isdisjoint(near)) and (not opened or opened.isdisjoint(near)):
            there = (action, cell, holding)
        else:
            there = (action, cell, holding, gone & near, opened & near)
        if self._views:
            there = (*there, self._views_now)
        kept = self._done_there[action]
        core = kept.get(there)
        here = None
        if core is None:
            here = Belief(cell, held, opened, gone)
            core = kept[there] = self._doing_there(action, here)
        best_value, about, change, kept = core
        if kept is not None and kept[0] > best_value and self._provisions(here or Belief(cell, held, opened, gone)):
            best_value, about = kept[0], (*kept[1:], True)
        leads = None
        if change is not None:
            here = here or Belief(cell, held, opened, gone)
            c, lk, p, hope = change
            nxt = apply(here, c, lk, p.outcome)
            known = not (hope or p.extrapolated)
            chance = self._chance(action, c == here.pos, lk, here.held, known)
            if nxt is not None and nxt != here and chance >= MIN_CHANCE:  # None: it spends a key it cannot name
                avoidable = self._avoidable(action, c == here.pos, lk, here.held, chance, known)
                surer = self._surer(action, c == here.pos, lk, here.held, chance, known) if avoidable < 1 else \
                    frozenset()
                leads = (nxt, hope, avoidable, chance, surer)
        found = done[cell] = (best_value, about, leads)
        return found

    def _cell_reading(self, cell: Pos, near: frozenset, held) -> tuple:
        """``_reading`` of ``held`` for what an action at ``cell`` meets (``near``: it and the cells beside it, each
        as it looks, open or gone to floor): with nothing left to see, ``_doing_there`` reads no more of what is
        held than the answers about those looks do (under fog, a provision reads the keys themselves)."""
        if not self._alike:
            return held
        found = self._cell_readings.get((cell, held))
        if found is not None:
            return found
        letters = self._cell_read.get(cell)
        if letters is None:
            looks, read_of = self.looks, self._read_of
            letters = read_of.get(FLOOR_LOOK)
            if letters is None:
                letters = self._letters_read(FLOOR_LOOK)
            for c in near:
                lk = looks.get(c)
                mine = read_of.get(lk)
                if mine is None:
                    mine = self._letters_read(lk)
                if mine:
                    letters |= mine
            self._cell_read[cell] = letters
        mine = held & letters
        found = self._cell_readings[(cell, held)] = (mine, len(held) > len(mine))
        return found

    def _doing_there(self, action: Action, here: Belief) -> tuple:
        """``_doing`` but where it leads: (best worth, on what, the one object it would change as (cell, look,
        prediction, hope) or None, the best provision as (worth, look, prediction) or None)."""
        best_value, about, kept = 0.0, None, None
        changing, worth_trying = [], []
        asked, meets, held = self._asked, self._meets, here.held
        for target, role, lk in self._met_at(action, here):  # met once per ``there``: not kept again
            found = asked.get((action, role, lk, held))
            pred, worth, changes = meets(action, role, lk, held) if found is None else found
            if changes:
                changing.append((target, lk, pred))
            if worth > 0 and self._views_now and role == BESIDE:  # under fog, what opening it may show
                worth += beyond.beyond(self.gains, target, lk)
            if worth > best_value:
                best_value, about = worth, (lk, pred)
            taken = provision.provision(lk, here.held, pred) if self.gains is not None else 0.0
            if taken and (kept is None or taken > kept[0]):
                kept = (taken, lk, pred)
            if worth > 0 and lk.kind != EDGE:
                worth_trying.append((target, lk, role))
        hope = ""
        if not changing:
            changing = self._hopes(action, worth_trying)
            hope = f"{action.value} at {describe(changing[0][1])}: untried so" if changing else ""
        if len(changing) != 1:  # several objects could change: which one would is not known
            return best_value, about, None, kept
        return best_value, about, (*changing[0], hope), kept

    def _met_at(self, action: Action, here: Belief) -> list:
        """The objects ``action`` done in situation ``here`` meets (``Imagination.acts``' cells, never-seen ones left
        out: they offer nothing here): (cell, role, look), the cell stood on first."""
        roles = self._roles_of(action)
        looks, opened, gone, pos = self.looks, here.opened, here.gone, here.pos
        out = []
        if not roles or HERE in roles:
            lk = FLOOR_LOOK if pos in gone else looks.get(pos)  # a cell stood on is never off the grid
            if lk is not None:
                out.append((pos, HERE, self._opened_look(lk) if pos in opened else lk))
        if roles and BESIDE not in roles:
            return out
        beside = self._beside_of.get(pos)
        if beside is None:
            x, y = pos
            beside = self._beside_of[pos] = tuple((x + dx, y + dy) for dx, dy in OFFSETS)
        for cell in beside:  # as ``look_in``: a cell never seen, or off the grid (the edge), meets nothing here
            if cell in gone:
                out.append((cell, BESIDE, FLOOR_LOOK))
                continue
            lk = looks.get(cell)
            if lk is not None:
                out.append((cell, BESIDE, self._opened_look(lk) if cell in opened else lk))
        return out

    def _opened_look(self, lk: Look) -> Look:
        """``lk`` open (``look_in``'s, kept: ``_replace`` is dear)."""
        found = self._open_looks.get(lk)
        if found is None:
            found = self._open_looks[lk] = lk._replace(open=True)
        return found

    def _avoidable(self, action: Action, standing: bool, lk: Look, held, chance: float, known: bool = False) -> float:
        """The part of a change's doubt that holding more could remove: its ``chance`` holding ``held`` relative to
        its chance holding as well every letter the map shows on an object of a kind something was seen to take a
        letter from; ``run`` prices what is below 1 as ``risk``. It is
        1 (no price) where no holding is surer: no other way to the same try is safer, so the doubt is no reason
        to prefer one."""
        if chance >= 1:
            return 1.0
        best = self._chance(action, standing, lk, held | self._map_letters(), known)
        return chance / best if best > chance else 1.0

    def _map_letters(self) -> frozenset:
        """The letters the map shows on objects of a kind something was seen to take a letter from."""
        if self._letters is None:
            giving = self._giving_kinds()
            self._letters = frozenset(look.letter.lower() for look in self.by_look
                                      if look.letter and look.kind in giving)
        return self._letters

    def _giving_kinds(self) -> set:
        """The kinds something was seen to take a letter from (a key picked up gives its own)."""
        if self._giving is None:
            self._giving = {unit[2] for unit, facts in self.model.units.items()
                            if any(f.outcome.gained for f in facts.values())}
        return self._giving

    def _surer(self, action: Action, standing: bool, lk: Look, held, chance: float, known: bool = False) -> frozenset:
        """The letters of ``_avoidable``'s that, held as well, each alone make the change likelier."""
        return frozenset(k for k in self._map_letters() - held
                         if self._chance(action, standing, lk, held | {k}, known) > chance)

    def _lost(self, b: Belief, cell: Pos, surer: frozenset, walked: int) -> int:
        """The walk a failed try at ``cell`` in situation ``b`` sends the agent on before it can try again surer:
        to the nearest object it believes it can reach there that gives one of the letters ``surer`` (a key of
        such a letter); ``walked`` (the walk to the try, as if such a key lay where the agent stands) where none
        is in reach."""
        if not surer:
            return walked
        kept = self._exp.lost if self._exp_of == b else {}  # the walk from ``cell`` is on the expansion's flags
        if (cell, surer) not in kept:
            targets = [pos for lk, where in self._groups(b).items()
                       if lk.letter and not lk.open and lk.kind in self._giving_kinds() and lk.letter.lower() in surer
                       for pos in where]
            found = steps_to(self.im, self.looks, Belief(cell, b.held, b.opened, b.gone), targets) if targets else {}
            kept[(cell, surer)] = min(found.values()) if found else None
        found = kept[(cell, surer)]
        return walked if found is None else found

    def _nearer_keys(self, b: Belief, dist: dict) -> frozenset:
        """The letters that taking along (``provision``) would gain from objects nearer, in situation ``b`` (walk
        ``dist``), than any shut object that blocks sight (a door): ``_doing`` counts a door's view (``beyond``)
        only in situations that hold them. The cells behind a door stay where they are; a key left near on this
        side is fetched back from beyond it, often from the far side of more doors (a chain of rooms whose keys lie
        in the first: ``unusual_levels.py --view 3`` ``rooms6-32-s503-consumed``), so the search counts the view only
        once the near keys are taken. Empty where nothing is worth taking along."""
        if not self._provisions(b):
            return frozenset()
        held, doors, takes = b.held, None, []
        for lk, where in self._groups(b).items():
            if not where or not lk.letter or lk.open or lk.kind == EDGE:
                continue
            shut = [pos for pos in where if not self.gains.transparent[pos]]
            if shut:
                near = min((dist[c] for c in self._beside_cells(lk, shut) if c in dist), default=None)
                if near is not None and (doors is None or near < doors):
                    doors = near
            for action in ACTS:
                roles = self._roles_of(action)
                for role in (HERE, BESIDE):
                    if roles and role not in roles:
                        continue
                    pred = self._meets(action, role, lk, held)[0]
                    if not provision.provision(lk, held, pred):
                        continue
                    cells = where if role == HERE else self._beside_cells(lk, where)
                    near = min((dist[c] for c in cells if c in dist), default=None)
                    if near is not None:
                        gained = {lk.letter.lower() if t == "own" else t for t in pred.outcome.gained} - held
                        takes.append((near, gained))
        if doors is None:
            return frozenset()
        return frozenset().union(*(gained for near, gained in takes if near < doors))

    def _provisions(self, b: Belief) -> bool:
        """Whether taking along is worth anything in situation ``b``: under fog, once a lock is seen."""
        if self.gains is None:
            return False
        if self._spent_other is None:
            self._spent_other = provision.spends_other_keys(self.im.model, self.im.level)
        if self._spent_other:
            return False
        key = (b.held, b.opened, b.gone)
        if key not in self._locks:
            self._locks[key] = provision.lock_seen(self.im, self.by_look, b)
        return self._locks[key]

    def _sight(self, cell: Pos, steps: int, route, offer, weight: float, here: bool = False) -> None:
        """Offer standing on ``cell`` to see what is never seen from there (``frontier.Gains``): worth
        ``FRONTIER`` × the share of a sight disc it would show, counted as if it cost ``SIGHT_DETOUR`` radii more
        (a long look ahead beats a sliver beside what was seen)."""
        gains = self.gains
        upper = gains.upper(cell)
        if not upper:
            return
        extra = SIGHT_DETOUR * gains.radius
        score = self.choice.score
        if score is not None and (steps + extra) * gains.area / (upper * FRONTIER * weight) > score:
            return
        gain = gains.exact(cell)
        if gain:
            def make():
                return route(), f"to see {gain} cells never seen from {cell}"
            make.look_from_here = here
            offer(steps, self._look_worth(gain, steps), True, make)

    def _look_worth(self, gain: int, steps: int) -> float:
        extra = SIGHT_DETOUR * self.gains.radius
        return FRONTIER * gain / self.gains.area * steps / (steps + extra)

    def _tour(self, dist: dict, parent: dict, start: Belief) -> None:
        """When the best experiment is a look from the situation the agent is in (``dist``, ``parent``: its walk),
        take instead the first look of the order of looks that shows the most soonest (``tour.first_look``): a look
        ranked alone never counts the walk on from it, nor back to what it leaves behind."""
        kept = self.choice.kept
        if kept is None or not getattr(kept[2], "look_from_here", False):
            return
        extra = SIGHT_DETOUR * self.gains.radius
        found = tour.first_look(self.gains, dist, extra, lambda cell, cells: steps_to(
            self.im, self.looks, Belief(cell, start.held, start.opened, start.gone), cells))
        if found is None:
            return
        steps, cell, gain, then = found
        value = self._look_worth(gain, steps)
        more = f", then {then[1]} more from {then[0]}" if then else ""
        self.choice.kept = ((steps / value, steps, False), value, lambda: (
            path(parent, cell), f"to see {gain} cells never seen from {cell}{more}"))

    def _chance(self, action: Action, standing: bool, lk: Look, held, known: bool = False) -> float:
        """How likely ``action`` changes an object like ``lk`` (standing on it, else beside it) holding ``held``:
        where no one-fact rule over what is held fits what objects of its kind did on this level, the share of the
        letters it may pair with that are held (``letters.letter_share``), also where the model predicts the change
        (``known``: door B opened holding keys a and c says nothing of door D, whose key is D's own); else 1 for a
        change the model predicts, or one it made on every such object it met (nothing says that what is held
        matters), else the share of the one-fact rules over what is held that fit every situation it was seen in and
        say so (``evidence.implied``)."""
        key = (action, standing, lk, held, known)
        found = self._chances_now.get(key)
        if found is not None:
            return found
        unit = (action.value, HERE if standing else BESIDE, lk.kind)
        kept = self._chances.get(key)
        stamp = self.model.stamp(unit)  # it reads that unit's facts alone (and the map's letters, ``_across_kinds``)
        if kept is not None and kept[0] == stamp:
            found = self._chances_now[key] = kept[1]
            return found
        always = self._never_failed.get((unit, lk.open))  # it reads the object's state alone of the look
        if always is None:
            always = self._never_failed[(unit, lk.open)] = never_failed(self.model, unit, lk)
        found = None if always else letter_share(
            self.model, self.level, unit, lk, held, self._map_letters() | held)
        if found is None:
            found = 1.0 if known or always else implied(self.model, self.level, unit, lk, held)
        self._chances[key] = (stamp, found)
        self._chances_now[key] = found
        return found

    def changes(self, b: Belief, dist: dict, active: dict):
        """The situations one state-changing action away: (steps, cell, action, next situation, hope, the chance of
        the change relative to holding more (``_avoidable``), its chance). An action
        the model knows to change one object, or else (``hope``, the try's description) an experiment on one object
        that the same action was seen to change elsewhere, counted on to do the same. A change the model only
        guesses or hopes for is not counted on when every one-fact rule that fits what the action did here says it
        does not happen (``_chance`` below ``MIN_CHANCE``): door D opened holding keys c and d, door E stayed shut
        holding them, so door B holding them opens only if the simplest rules are all wrong."""
        exp = self._exp
        if exp.changes is None:
            exp.changes = list(self._changes(b, dist, active))
        return exp.changes

    def _changes(self, b: Belief, dist: dict, active: dict):
        """``changes`` worked out."""
        done = self._situation(b)
        acting = [(action, active[action], done[action]) for action in ACTS]
        for cell in sorted(sorted(set().union(*(cells for _, cells, _ in acting))), key=dist.__getitem__):
            for action, cells, mine in acting:
                if cell not in cells:
                    continue
                found = mine.get(cell)
                leads = (self._doing(action, cell, b, done) if found is None else found)[2]
                if leads is not None:
                    yield dist[cell] + 1, cell, action, *leads

    def _hopes(self, action: Action, worth_trying: list) -> list:
        """Of the objects (cell, look, role) on which ``action`` is an experiment, those it was seen to change
        elsewhere: (cell, look, that change as a prediction)."""
        out = []
        for c, lk, role in worth_trying:
            seen = self._seen_change((unit_action(action), role, lk.kind))
            if seen is not None:
                out.append((c, lk, seen))
        return out

    def _seen_change(self, unit: tuple) -> Prediction | None:
        """The change ``unit`` was seen to make most often (one that does not end the episode), or None."""
        if unit not in self._changes_seen:
            facts = [f for f in self.model.units.get(unit, {}).values() if f.outcome.changes and not f.outcome.ended]
            best = max(facts, key=lambda f: (f.count, str(f.outcome.as_list())), default=None)
            self._changes_seen[unit] = None if best is None else Prediction(best.outcome, best.count, 1, "seen")
        return self._changes_seen[unit]

    def run(self, start: Belief) -> None:
        vmax = EXPLOIT if self.success_in_sight else max(NEW, FRONTIER, provision.PROVISION) + (
            beyond.MOST if self._views else 0.0)  # the most any is worth
        queue = [(0, 0, start)]
        g_of = {start: 0}
        prefix_of = {start: []}
        counter = 0
        done = set()
        weight_of = {start: (1.0, "")}
        bound = None  # ``bound.Bound``, made when a situation beyond the start is first met
        while queue and self.expanded < self.max_nodes:
            g, _, node = heapq.heappop(queue)
            if node in done:
                continue
            if self.best is not None and g / vmax >= self.choice.score:
                break
            done.add(node)
            if node is not start and bound and not bound.beats(node, g, self.choice.score):
                continue  # nothing there or beyond could be chosen (since it was queued): not expanded, not counted
            self.expanded += 1
            dist, parent = self.walk(node)
            if node is start:
                here = dist, parent
                if self._views:
                    self._first = self._nearer_keys(start, dist)
            if self._views:
                self._views_now = self._first <= node.held
            prefix = prefix_of[node]
            active = self._active(node, dist)
            weight, hoping = weight_of[node]
            self.experiments(node, g, prefix, dist, parent, vmax, active, weight, hoping)
            for steps, cell, action, nxt, hope, avoidable, chance, surer in self.changes(node, dist, active):
                walked = len(prefix) + steps
                cost = g + steps + risk(avoidable, self._lost(node, cell, surer, walked) if avoidable < 1 else walked,
                                        chance)
                if nxt.held != start.held:
                    self._alike = True  # holdings to come: answers shared by ``_reading`` from here on
                if cost >= g_of.get(nxt, 1 << 30):
                    continue
                if self.best is not None and _BOUND:  # nothing there or beyond could be chosen: not queued
                    if bound is None:
                        bound = self.gains is None and not self.success_in_sight and Bound(
                            self, start, self._stamps, self._moves_change)
                        bound = bound if bound and bound.usable else False
                    if bound and not bound.beats(nxt, cost, self.choice.score):
                        continue
                if not self._pointless(dist, cell, node, nxt):
                    g_of[nxt] = cost
                    self._pushed.add(nxt)
                    if node.held < nxt.held and node.opened == nxt.opened:
                        self._took[nxt] = node
                    else:
                        self._took.pop(nxt, None)
                    weight_of[nxt] = (weight * HOPE, hope) if hope else (weight, hoping)
                    prefix_of[nxt] = prefix + path(parent, cell) + [action]
                    counter += 1
                    heapq.heappush(queue, (cost, counter, nxt))
        if self.gains is not None and not self.blind and start in done:
            self._tour(*here, start)


class _Expansion:
    """What expanding one situation worked out from its walk (``dist``, the kept walk's own dict), the cells where
    an action could teach or change something (``acting``: ``_acting_cells``'s kept answer) and those worth a move
    into (``active[None]``): the cells worth a look (``active``), the most an experiment there is worth (``most``,
    for the worths of moves ``entering``), the cells offered in order (``offering``), the changes one action away
    (``changes``: they read the actions' kept answers, ``_doing``) and, per change, whether it is pointless and the
    walk to a key that makes it surer. Kept across decisions with the answers it reads (``imagine.kept_answers``)
    and used again only for the same walk and cells; never changed once made."""

    __slots__ = ("dist", "acting", "active", "most", "entering", "offering", "changes", "pointless", "lost")

    def __init__(self, dist: dict, acting: tuple, active: dict) -> None:
        self.dist, self.acting, self.active = dist, acting, active
        self.most: float | None = None
        self.entering: tuple = ()
        self.offering: list | None = None
        self.changes: list | None = None
        self.pointless: dict = {}  # (cell, next situation) -> (the walk's distances there, pointless?)
        self.lost: dict = {}  # (cell, surer letters) -> steps to the nearest key that makes it surer, or None


def _beside_any(where, dist: dict) -> bool:
    """Whether some cell of ``dist`` is beside one of ``where`` (a move from it enters that one)."""
    for x, y in where:
        for dx, dy in _MOVE_DELTAS:
            if (x - dx, y - dy) in dist:
                return True
    return False


_KIND_UNITS = ((MOVE, AHEAD), *((unit_action(a), role) for a in ACTS for role in (HERE, BESIDE)))


def _across_kinds(model: WorldModel) -> tuple:
    """What an answer about one look reads of the units of other kinds (``_kind_stamp`` keeps it by its own kind's):
    the actions seen to change something (``Values._acts_elsewhere``), the kinds an action other than a move changed
    (``Values._way_through_known``), the kinds something was seen to take a letter from (``_map_letters``) and the
    roles each action changed an object in (``WorldModel.roles``). Kept per model while its version stands (only a
    new fact changes it)."""
    kept = _ACROSS.get(model)
    if kept is None or kept[0] != model.version:
        kept = _ACROSS[model] = (model.version, _across_kinds_now(model))
    return kept[1]


_ACROSS: "WeakKeyDictionary[WorldModel, tuple]" = WeakKeyDictionary()


def _across_kinds_now(model: WorldModel) -> tuple:
    """``_across_kinds`` worked out."""
    changing, changed, giving, roles = set(), set(), set(), set()
    for unit, facts in model.units.items():
        for f in facts.values():
            outcome = f.outcome
            if outcome.object or outcome.gained or outcome.lost or outcome.ended:  # ``Outcome.changes``
                changing.add(unit[0])
                if unit[0] != MOVE:
                    changed.add(unit[2])
            if outcome.gained:
                giving.add(unit[2])
            if outcome.object:
                roles.add(unit[:2])
    return frozenset(changing), frozenset(changed), frozenset(giving), frozenset(roles)


def _bounded(kept: dict) -> dict:
    """``kept``, emptied first once it holds ``LOOK_ANSWERS_KEPT`` answers."""
    if len(kept) >= LOOK_ANSWERS_KEPT:
        kept.clear()
    return kept


def _by_look(looks: dict) -> dict:
    """The seen cells grouped by look, in the map's order."""
    groups: dict = {}
    for pos, lk in looks.items():
        groups.setdefault(lk, []).append(pos)
    return groups


def risk(avoidable: float, walk: int, chance: float = 1.0) -> int:
    """What counting on a change adds to the cost of what lies beyond it, at the chance ``avoidable`` of what
    holding more could make sure (``_Search._avoidable``): a failure sends the agent ``walk`` steps to a key that
    makes it surer and back (``_Search._lost``: from the try to the nearest such key in reach, else the walk to the
    try), ``(1 − p) · 2 · walk``, paid once in ``1 / p`` tries (as the planner's ``skill_plan.risk``). So a key
    near is fetched before a far door that may need it is tried, and a door with such a key beside it is tried
    before the key is fetched, while a try no holding could make surer costs only its steps. Where the rules that fit split evenly or against it (``chance`` ≤ ``TIE``), an opening made
    holding more leaves the doubt to later episodes, which take it for a hunch their budget may never afford: the
    detour taken instead would be taken again in each of the ``LATER`` episodes counted on, as often as the key
    was not needed (1 − ``chance``), so the risk is weighed against that many detours."""
    if avoidable >= 1:
        return 0
    lost = (1 - avoidable) * 2 * walk / avoidable
    detours = 1 + LATER * (1 - chance) if chance <= TIE else 1
    return int(round(lost / detours))


def _why(what: str, lk: Look, pred, held) -> str:
    holding = "holding " + ", ".join(f"key {k}" for k in sorted(held)) if held else "holding nothing"
    if not pred.known:
        return f"{what} {describe(lk)} {holding}: never tried"
    if pred.extrapolated:
        return f"{what} {describe(lk)} {holding}: only guessed ({pred.outcome.text()})"
    return f"{what} {describe(lk)} {holding}: {pred.outcome.text()} so far, never holding some of these keys here"
