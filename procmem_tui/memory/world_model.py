"""The agent's learned world model (declarative memory): what each action does to what it meets.

It is learned from transitions (what was seen before, the action, what was seen after) and from nothing else.
Given: the six action names, and for the four moves the cell each points at (``ahead``). Not given: what blocks,
what can be picked up or opened, which key opens which door, what a goal is worth.

**Units.** An observation is filed under a unit ``(action, role, kind)``: for a move, the cell ahead (``ahead``;
off the grid is the kind ``edge``); for any other action, the cell stood on (``here``) and each cell beside it
(``beside``): the learner finds out which of them an action acts on from which one changes.

**Outcome** (what changed, in terms relative to the object): ``moved`` (the agent now stands on the cell ahead) or
not; the object ``gone`` (it now looks like floor), ``opened`` (it now stands open) or unchanged; keys ``gained`` and
``lost`` (``own`` for the object's own letter, else the letter); the reward; whether the episode ``ended``.

**Conditions** come from a fixed vocabulary, chosen by the learner (:func:`features`): the object's letter as an
identity (``letter:B``), whether it stands ``open``, each key held (``holds:a``), ``holds:nothing``, a held key
whose letter equals the object's (``holds:own``) and a held key of another letter (``holds:other``). The last three
form the *holding signature* of a situation.

**Hypotheses** (simplest first, DOORMAX-like but sparing of tries): only situations where the object was in the
same state (open or not) count; a unit seen with one outcome under a holding signature predicts that outcome for
every object of its kind under that signature (an object's identity, its letter, is assumed not to matter until
shown to); when
outcomes differ, the single feature that separates them (``open``, then the object's letter, then a key held), else
a pair (the object's letter and a key held), else the exact situation. Under a signature never seen for a unit, a
unit that always did the same is guessed to do it again (unless the situation holds a relation the unit was never
seen with: a key of the object's own letter) (``extrapolated``: curiosity may test the guess once); for a move
into an open object, holding none but keys a move went into it open holding, a signature counts as seen only where
it was open (bumps into a shut door say nothing of walking through it open holding fewer of the keys it was
entered with). Where a key held
now was never held under the signature but alone separates the unit's outcomes over every holding (a door that
opened holding keys a, b and c and stayed shut holding c), the outcome it names is guessed (``extrapolated``) over
what the signature's other keys did; and where a key *not* held alone separated what this very object (its letter)
did (door C shut holding f, opened holding c and f), holding none of such keys is expected to do what the object
did without them (holding nothing, door C stays shut: DOORMAX's condition read both ways, not only where it
holds), where every such key agrees. Otherwise the situation is *unknown*: the planner may be optimistic about it
and curiosity may try it.

**Per level and pooled.** Every observation is kept with the levels it was seen on. A prediction asks this level's
evidence first and the pooled evidence of every level only when this level has none that decides: what a level
shows overrides what other levels suggest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HERE, AHEAD, BESIDE = "here", "ahead", "beside"
MOVE = "move"  # the unit action of the four moves
EDGE = "edge"
SIGNATURE = ("holds:nothing", "holds:own", "holds:other")
STATE = frozenset({"open", "closed"})
VERSION = 1
MAX_LEVELS_PER_FACT = 32
FEATURES_KEPT = 4096  # ``features``' answers kept at most (then all are dropped; a decision asks a few hundred)
PREDICTIONS_KEPT = 100_000  # answers of ``WorldModel.predict`` kept at most (dropped at a new version beyond)


@dataclass(frozen=True)
class Outcome:
    """What an action did to the object it met (relative terms; see the module's docstring)."""

    moved: bool = False
    object: str = ""  # "", "gone" or "opened"
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    reward: float = 0.0
    ended: bool = False

    @property
    def changes(self) -> bool:
        """Whether anything but the position (and the step's reward) changed: an effect, not a plain step."""
        return bool(self.object or self.gained or self.lost or self.ended)

    def __eq__(self, other) -> bool:
        """The generated comparison (same class, same fields), the same object first: facts share their outcomes
        (``shared``), and a plan's hypotheses compare and gather them by the thousand (``_separate``, ``_support``)."""
        if self is other:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.moved, self.object, self.gained, self.lost, self.reward, self.ended) == (
            other.moved, other.object, other.gained, other.lost, other.reward, other.ended)

    def __hash__(self) -> int:
        """The generated hash (of the fields' tuple), worked out once per outcome."""
        found = self.__dict__.get("_hash")
        if found is None:
            found = hash((self.moved, self.object, self.gained, self.lost, self.reward, self.ended))
            object.__setattr__(self, "_hash", found)
        return found

    def __getstate__(self) -> dict:
        """The fields alone: the hash kept is this process's (another hashes strings otherwise)."""
        state = dict(self.__dict__)
        state.pop("_hash", None)
        return state

    def text(self) -> str:
        parts = []
        if self.moved:
            parts.append("moved in")
        if self.object:
            parts.append(self.object)
        parts += [f"key {_letter_text(k)} gained" for k in self.gained]
        parts += [f"key {_letter_text(k)} spent" for k in self.lost]
        if self.ended:
            parts.append("episode ended")
        if not parts:
            parts.append("blocked" if not self.moved else "moved in")
        if self.reward and abs(self.reward + 0.1) > 1e-9:
            parts.append(f"reward {self.reward:+g}")
        return ", ".join(dict.fromkeys(parts))

    def as_list(self) -> list:
        return [int(self.moved), self.object, list(self.gained), list(self.lost), self.reward, int(self.ended)]

    @classmethod
    def from_list(cls, data) -> "Outcome":
        moved, obj, gained, lost, reward, ended = data
        if obj not in ("", "gone", "opened"):
            raise ValueError(f"unknown object change {obj!r}")
        return cls(bool(moved), str(obj), tuple(str(k) for k in gained), tuple(str(k) for k in lost),
                   float(reward), bool(ended))


_SHARED: dict = {}  # ``shared``: one object per outcome
SHARED_KEPT = 4096  # outcomes ``shared`` keeps at most (then all are dropped: only a speed-up)


def shared(outcome: Outcome) -> Outcome:
    """The one object kept for outcomes equal to ``outcome``: a fact's outcome is compared and gathered into sets
    by the thousand when a plan asks its hypotheses, and the same object compares at once."""
    found = _SHARED.get(outcome)
    if found is None:
        if len(_SHARED) >= SHARED_KEPT:
            _SHARED.clear()
        found = _SHARED[outcome] = outcome
    return found


_FEATURES: dict = {}  # (letter, open, keys held) -> ``features``


def _letter_text(token: str) -> str:
    return "(its own letter)" if token == "own" else token


def features(letter: str, is_open: bool, held) -> frozenset:
    """The condition vocabulary for an object with ``letter`` ("" for none), open or not, while holding ``held``.
    Kept per question (``FEATURES_KEPT`` at most): a decision asks it hundreds of times, most of them again (each
    door's record read for each set of keys a try might hold), and building the strings is dear."""
    key = (letter, is_open, held)
    try:
        found = _FEATURES.get(key)
    except TypeError:  # a holding that is not a frozenset: not kept
        return _features(letter, is_open, held)
    if found is None:
        if len(_FEATURES) >= FEATURES_KEPT:
            _FEATURES.clear()
        found = _FEATURES[key] = _features(letter, is_open, held)
    return found


def _features(letter: str, is_open: bool, held) -> frozenset:
    """``features`` worked out."""
    own = letter.lower() if letter else ""
    out = {f"letter:{letter}"} if letter else set()
    out.add("open" if is_open else "closed")
    if not held:
        out.add("holds:nothing")
    else:
        out.update(f"holds:{k}" for k in held)
        if own and own in held:
            out.add("holds:own")
        if any(k != own for k in held):
            out.add("holds:other")
    return frozenset(out)


_SIGNATURE = frozenset(SIGNATURE)


def signature(feats: frozenset) -> frozenset:
    return feats & _SIGNATURE


@dataclass(frozen=True)
class Prediction:
    """What the model expects, how sure it is, and why (for the Why line and the knowledge screen)."""

    outcome: Outcome | None  # None: unknown
    counted: int = field(default=0, compare=False)  # observations that supported it when it was made
    levels: int = 0  # levels they were made on
    basis: str = ""  # "this level", "other levels"; "" when unknown
    condition: str = ""  # the feature(s) that decided it, when outcomes differ
    extrapolated: bool = False  # only seen holding something else: a guess (Occam), worth one try
    votes: int = 0  # pooled: the levels that predicted anything (``levels`` of them predicted this)
    silent: int = 0  # pooled: levels that tried the unit but said nothing of this situation
    support: tuple = field(default=(), compare=False, repr=False)  # the facts it rests on (their counts live)

    @property
    def seen(self) -> int:
        """The observations that support it, counted now: a prediction is kept while what it decides stands (the
        model's version, its unit's stamp), and a count that grew since is read from its facts, not as it was."""
        return sum(f.count for f in self.support) if self.support else self.counted

    @property
    def firm(self) -> bool:
        """Known from this very holding signature (not an extrapolation)."""
        return self.outcome is not None and not self.extrapolated

    @property
    def known(self) -> bool:
        return self.outcome is not None


UNKNOWN = Prediction(None)


class Fact:
    """One distinct (situation features, outcome) seen for a unit: how often and on which levels."""

    __slots__ = ("feats", "outcome", "count", "levels", "first_step", "sig", "state")

    def __init__(self, feats: frozenset, outcome: Outcome, first_step: int = 0) -> None:
        self.feats, self.outcome, self.count, self.levels, self.first_step = feats, outcome, 0, [], first_step
        # its holding signature and object state, worked out once: ``_decide`` and ``_separate`` compare them for
        # every fact of a unit at every fresh prediction (a plan's first makes hundreds)
        self.sig, self.state = feats & _SIGNATURE, feats & STATE


class WorldModel:
    """Learned effects per unit (see the module's docstring); ``learn`` one observation, ``predict`` one."""

    def __init__(self) -> None:
        self.units: dict[tuple, dict[tuple, Fact]] = {}  # unit -> (feats, outcome) -> Fact
        self.version = 0  # grows whenever something new is learned (a new fact, or a fact on a new level)
        self.steps_seen = 0  # observations filed (the model's own clock: when each fact was first seen)
        self._cache: dict = {}
        self._cache_version = -1
        self._predictions: dict = {}  # (unit, feats, level) -> (prediction, version, the unit's stamp): ``predict``
        self._stamps: dict = {}  # unit -> observations filed under it (its facts change only with these)
        self._shapes: dict = {}  # unit -> new facts or new levels of a fact filed under it (``shape``)
        self._alike: dict = {}  # (unit, level, ``_alike_key``) -> (prediction, the unit's stamp): ``predict``
        self._mentioned: dict = {}  # unit -> (its stamp, every feature its facts hold): ``_alike_key``

    # -- learning ---------------------------------------------------------------------------------

    def learn(self, unit: tuple, feats: frozenset, outcome: Outcome, level: str) -> bool:
        """File one observation; True if it taught the model something (a new fact or a new level for one)."""
        self.steps_seen += 1
        self._stamps[unit] = self._stamps.get(unit, 0) + 1
        facts = self.units.setdefault(unit, {})
        key = (feats, outcome)
        fact = facts.get(key)
        new = fact is None
        if new:
            fact = facts[key] = Fact(feats, shared(outcome), self.steps_seen)
        fact.count += 1
        if level and level not in fact.levels:
            fact.levels.append(level)
            del fact.levels[:-MAX_LEVELS_PER_FACT]
            new = True
        if new:
            self.version += 1
            self._shapes[unit] = self._shapes.get(unit, 0) + 1
        return new

    def supposing(self, units, feats: frozenset, outcome: Outcome, level: str) -> "WorldModel":
        """A copy that has also seen ``outcome`` for each of ``units`` in situation ``feats`` on ``level``, for a
        what-if question (what would a failed try teach?). It shares the facts of every other unit, which it never
        changes, and its version is negative, so nothing kept for one of this model's versions is read for it."""
        other = WorldModel()
        other.units = dict(self.units)
        for unit in units:
            other.units[unit] = {key: _copied(fact) for key, fact in self.units.get(unit, {}).items()}
        other.steps_seen = self.steps_seen
        other._stamps, other._shapes = dict(self._stamps), dict(self._shapes)
        for unit in units:
            other.learn(unit, feats, outcome, level)
        other.version = -1 - self.version
        return other

    # -- predicting -------------------------------------------------------------------------------

    def predict(self, unit: tuple, feats: frozenset, level: str) -> Prediction:
        """What ``unit`` is expected to do in situation ``feats`` on ``level``. Answers are kept while the model's
        version stays (what they decide changes only with a new fact or a fact on a new level; a count that grows
        without either is read live, ``Prediction.seen``); at a new version an answer is kept still if nothing was
        filed under its unit since it was made (it reads only that unit's facts), so it is the answer the unit's
        facts give now: the same answer as asking again."""
        if self._cache_version != self.version:
            self._cache.clear()
            self._cache_version = self.version
            if len(self._predictions) > PREDICTIONS_KEPT:
                self._predictions.clear()
        key = (unit, feats, level)
        kept = self._predictions.get(key)
        stamp = self._stamps.get(unit, 0)
        if kept is not None and (kept[1] == self.version or kept[2] == stamp):
            if kept[1] != self.version:
                self._predictions[key] = (kept[0], self.version, kept[2])
            return kept[0]
        facts = self.units.get(unit)
        found = UNKNOWN
        if facts:
            alike = (unit, level, self._alike_key(unit, feats, stamp))
            kept = self._alike.get(alike)
            if kept is not None and kept[1] == stamp:
                found = kept[0]
            else:
                found = self._decided(unit, facts, feats, level)
                if len(self._alike) > PREDICTIONS_KEPT:
                    self._alike.clear()
                self._alike[alike] = (found, stamp)
        self._predictions[key] = (found, self.version, stamp)
        return found

    def _decided(self, unit: tuple, facts: dict, feats: frozenset, level: str) -> Prediction:
        """``predict`` worked out from the unit's facts: this level's evidence, else the pooled."""
        key = ("own", unit, level)  # kept while the version stays: a fact or a fact's level is new only with it
        own = self._cache.get(key)
        if own is None:
            own = self._cache[key] = [f for f in facts.values() if level in f.levels]
        found = _decide(own, feats, "this level", unit[0] == MOVE)
        if not found.known or found.extrapolated:  # other levels that saw this signature say more
            pooled = self.pooled(unit, feats, level)
            if not found.known or (pooled.known and not pooled.extrapolated):
                found = pooled
        return found

    def _alike_key(self, unit: tuple, feats: frozenset, stamp: int) -> tuple:
        """What of ``feats`` ``predict`` reads, given ``unit``'s facts as they stand at ``stamp``: the features some
        fact of the unit holds, the holding signature and the object's state, and whether ``feats`` holds any other
        feature, or another key held. Every rule of ``_decide`` asks of a feature whether facts hold it, so a feature
        no fact holds decides nothing, except that ``feats`` then equals no fact's (``exactly this``) and, for a key
        held, is no subset of what a move went in holding (``_entered_holding``). A new holding of keys that no fact
        of the unit mentions (on ``distractor_keys``, each new key picked up) is then answered as the holdings alike
        it already answered, not worked out again."""
        kept = self._mentioned.get(unit)
        if kept is None or kept[0] != stamp:
            kept = self._mentioned[unit] = (stamp, frozenset().union(*(f.feats for f in self.units[unit].values())))
        other = feats - kept[1]
        return (feats & kept[1], feats & _SIGNATURE, feats & STATE, bool(other),
                any(x.startswith("holds:") and x not in _SIGNATURE for x in other))

    def pooled(self, unit: tuple, feats: frozenset, level: str) -> Prediction:
        """What the other levels say, one vote per level: each level's own evidence decides for it (a level is one
        world with one set of rules; evidence from worlds with other rules is never mixed into one hypothesis),
        and the outcome most levels predict wins (only levels that saw this holding signature vote, when any did;
        ties: the outcome first in a fixed order). ``levels`` counts the levels for it, ``votes`` all levels that predicted anything."""
        key = ("by level", unit)
        by_level = self._cache.get(key)
        if by_level is None:
            by_level = {}
            for fact in self.units.get(unit, {}).values():
                for lv in fact.levels or [""]:
                    by_level.setdefault(lv, []).append(fact)
            self._cache[key] = by_level
        tally: dict = {}
        for lv, facts in by_level.items():
            if lv == level:
                continue
            found = _decide(facts, feats, "other levels", unit[0] == MOVE)
            if found.known:
                votes, firm, support = tally.get(found.outcome, (0, 0, {}))
                support.update(dict.fromkeys(found.support))  # a fact seen on several levels counts once
                tally[found.outcome] = (votes + 1, firm + (not found.extrapolated), support)
        if not tally:
            return UNKNOWN
        if any(firm for _, firm, _ in tally.values()):  # levels that saw this very signature outvote guesses
            tally = {o: (firm, firm, support) for o, (_, firm, support) in tally.items() if firm}
        silent = len(by_level) - (level in by_level) - sum(v for v, _, _ in tally.values())
        outcome, (votes, firm, support) = max(tally.items(), key=lambda kv: (kv[1][0], kv[1][1],
                                                                             -len(str(kv[0].as_list())),
                                                                             str(kv[0].as_list())))
        total = sum(v for v, _, _ in tally.values())
        return Prediction(outcome, sum(f.count for f in support), votes, "other levels" if level else "seen",
                          extrapolated=not firm, votes=total, silent=silent, support=tuple(support))

    def stamp(self, unit: tuple) -> int:
        """How many observations were filed under ``unit``: its facts (and every answer read from them) change only
        when this grows."""
        return self._stamps.get(unit, 0)

    def shape(self, unit: tuple) -> int:
        """How often a new fact, or a fact on a new level, was filed under ``unit``: what a prediction's outcome
        reads of its facts (which situations did what, on which levels) changes only when this grows; its counts
        grow with ``stamp``."""
        return self._shapes.get(unit, 0)

    def roles(self, action: str) -> frozenset:
        """The roles in which ``action`` was ever seen to change the object it met (empty: never). Once known,
        an action is taken to act only there (which cell an action acts on is learned, not given)."""
        if self._cache_version != self.version:
            self._cache.clear()
            self._cache_version = self.version
        key = ("roles", action)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = frozenset(
                unit[1] for unit, facts in self.units.items() if unit[0] == action
                and any(f.outcome.object for f in facts.values()))
        return found

    def facts(self):
        """Every (unit, fact) learned, for views."""
        for unit, facts in self.units.items():
            for fact in facts.values():
                yield unit, fact

    def lines(self, action: str, level: str | None = None) -> list[str]:
        """What was seen ``action`` do, a line per distinct situation, for a person to read:
        "beside door A, holding a: opened, key a gained (3×, this level)"."""
        out = []
        for (name, role, kind), fact in self.facts():
            if name != action:
                continue
            letter = next((f[7:] for f in fact.feats if f.startswith("letter:")), "")
            held = sorted(f[6:] for f in fact.feats if f.startswith("holds:") and f not in SIGNATURE)
            where = "on" if role == HERE else role
            what = f"{'open ' if 'open' in fact.feats else ''}{kind}{' ' + letter if letter else ''}"
            holding = "holding " + ", ".join(held) if held else "holding nothing"
            seen = "this level" if level in fact.levels else f"{len(fact.levels)} level{'s' if len(fact.levels) != 1 else ''}"
            out.append(f"{where} {what}, {holding}: {fact.outcome.text()} ({fact.count}×, {seen})")
        return sorted(out)

    def optimistic(self, unit: tuple, state: str | None = None) -> Outcome | None:
        """The most eventful outcome ever seen for ``unit`` (what an untried situation might do), or None;
        ``state`` ("open"/"closed"): only outcomes seen on objects in that state."""
        best = None
        for fact in self.units.get(unit, {}).values():
            if state is not None and state not in fact.feats:
                continue
            if fact.outcome.changes and (best is None or fact.count > best.count):
                best = fact
        return best.outcome if best is not None else None

    # -- persistence ------------------------------------------------------------------------------

    def dump(self) -> dict:
        units = []
        for (action, role, kind), facts in sorted(self.units.items()):
            rows = [[sorted(f.feats), f.outcome.as_list(), f.count, list(f.levels), f.first_step]
                    for f in sorted(facts.values(), key=lambda f: f.first_step)]
            units.append([action, role, kind, rows])
        return {"version": VERSION, "steps_seen": self.steps_seen, "units": units}

    @classmethod
    def load(cls, data: dict) -> "WorldModel":
        model = cls()
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return model  # a model of another version: start afresh (the library's skills still carry over)
        model.steps_seen = int(data.get("steps_seen", 0))
        for action, role, kind, rows in data["units"]:
            facts = model.units.setdefault((str(action), str(role), str(kind)), {})
            for feats, outcome, count, levels, first in rows:
                fact = Fact(frozenset(str(f) for f in feats), shared(Outcome.from_list(outcome)), int(first))
                fact.count = int(count)
                fact.levels = [str(lv) for lv in levels]
                facts[(fact.feats, fact.outcome)] = fact
        model.version = 1
        return model


def _copied(fact: Fact) -> Fact:
    found = Fact(fact.feats, fact.outcome, fact.first_step)
    found.count, found.levels = fact.count, list(fact.levels)
    return found


def merge_dumps(ours: dict, theirs: dict) -> dict:
    """Two dumped models as one: every fact of ours kept as it is, facts only ``theirs`` holds added (importing the
    same model twice changes nothing the second time)."""
    model, other = WorldModel.load(ours), WorldModel.load(theirs)
    for unit, facts in other.units.items():
        mine = model.units.setdefault(unit, {})
        for key, fact in facts.items():
            mine.setdefault(key, fact)
    model.steps_seen = max(model.steps_seen, other.steps_seen)
    return model.dump()


def _support(facts: list[Fact], outcome: Outcome, basis: str, condition: str = "") -> Prediction:
    chosen = [f for f in facts if f.outcome is outcome or f.outcome == outcome]  # facts share their outcomes
    levels = {lv for f in chosen for lv in f.levels}
    return Prediction(outcome, sum([f.count for f in chosen]), len(levels), basis, condition, support=tuple(chosen))


def _one_outcome(facts: list[Fact]) -> bool:
    """Whether every fact of ``facts`` (not empty) has the same outcome (the set of their outcomes has one member,
    the first fact's): compared by identity first, as facts share their outcomes (``shared``), so a unit's hypotheses
    are weighed without a call per fact."""
    first = facts[0].outcome
    for f in facts:
        outcome = f.outcome
        if outcome is not first and outcome != first:
            return False
    return True


def _decide(facts: list[Fact], feats: frozenset, basis: str, moving: bool = False) -> Prediction:
    """The simplest hypothesis the facts support for ``feats`` (see the module's docstring), or UNKNOWN;
    ``moving``: the facts are of a move."""
    if not facts:
        return UNKNOWN
    sig = feats & _SIGNATURE  # ``signature``, inline: asked of every fact of the unit
    same = [f for f in facts if f.sig == sig]
    if moving and "open" in feats and not any("open" in f.feats for f in same) and _entered_holding(facts, feats):
        same = []  # bumps into it shut say nothing of walking into it open: as a signature never seen
    if not same and "holds:own" in sig and not any("holds:own" in f.feats for f in facts):
        return UNKNOWN  # a relation never tried with this unit (a key of the object's own letter): no guess
    found = _separate(same or facts, feats, basis)
    if found.known and not same:  # never seen holding like this: a guess that holding does not matter
        return Prediction(found.outcome, found.counted, found.levels, basis, found.condition, extrapolated=True,
                          support=found.support)
    if found.known and same and len(same) < len(facts):
        named = _named_elsewhere(same, facts, feats, found, basis)
        if named is not None:
            return named
    return found


def _entered_holding(facts: list[Fact], feats: frozenset) -> bool:
    """Whether a move went into an object in its open state holding every key held now (and maybe more)."""
    now = _held_keys(feats)
    return any("open" in f.feats and f.outcome.moved and now <= _held_keys(f.feats) for f in facts)


def _held_keys(feats: frozenset) -> frozenset:
    return frozenset(f for f in feats if f.startswith("holds:") and f not in _SIGNATURE)


def _named_elsewhere(same: list[Fact], facts: list[Fact], feats: frozenset, found: Prediction,
                     basis: str) -> Prediction | None:
    """A key held now that no situation of this holding signature held, but that alone separates the unit's
    outcomes over every holding (a door that opened while keys a, b and c were held, and stayed shut holding b and c
    or c: key a), speaks against what the signature's other keys showed: a guess of what that key's situations did
    (worth one try), or None where no such key is held."""
    if not _one_outcome(same):
        return None
    wider = _separate(facts, feats, basis)
    if (not wider.known or wider.outcome == found.outcome or not wider.condition.startswith("holds:")
            or any(wider.condition in f.feats for f in same)):
        return None
    return Prediction(wider.outcome, wider.counted, wider.levels, basis, wider.condition, extrapolated=True,
                      support=wider.support)


def _separate(pool: list[Fact], feats: frozenset, basis: str) -> Prediction:
    state = feats & STATE
    pool = [f for f in pool if f.state == state]  # an object's state must have been seen so
    if not pool:
        return UNKNOWN
    if _one_outcome(pool):
        return _support(pool, pool[0].outcome, basis)
    for feature in _ranked(feats):  # one feature that separates the outcomes
        having = [f for f in pool if feature in f.feats]
        if having and _one_outcome(having):
            return _support(having, having[0].outcome, basis, feature)
    lacked = _lacked(pool, feats)
    if lacked is not None:  # a key not held whose holding alone separated what this object did
        return _support(lacked[1], lacked[1][0].outcome, basis, "without " + lacked[0][6:])
    letters = [x for x in feats if x.startswith("letter:")]
    holds = sorted(x for x in feats if x.startswith("holds:") and x not in SIGNATURE)
    for letter in letters:  # a pair: this object's letter and one key held
        for held in holds:
            having = [f for f in pool if letter in f.feats and held in f.feats]
            if having and _one_outcome(having):
                return _support(having, having[0].outcome, basis, f"{letter} {held}")
    exact = [f for f in pool if f.feats == feats]
    if exact and _one_outcome(exact):
        return _support(exact, exact[0].outcome, basis, "exactly this")
    return UNKNOWN


def _lacked(pool: list[Fact], feats: frozenset) -> tuple | None:
    """A key not held now whose holding alone separated what this very object (its letter) did (every situation
    holding it did one thing, every one without it another), where every such key agrees on what holding none of
    them does, and no key held now separates it as well and says otherwise: (the first such key, the object's
    situations without it); else None. Only the object's own record speaks: which key a door needs is that door's
    own. Door C stayed shut holding key a and opened holding a, b and f: "without f" says holding a and b it stays
    shut, "holds b" that it opens; the record cannot tell the two keys apart, so neither is the model's answer
    (cycle5, which pairs bC, fetched key f for door C in every episode: 32 steps for 27)."""
    letter = next((x for x in feats if x.startswith("letter:")), None)
    pool = [f for f in pool if letter is not None and letter in f.feats]
    found, answers, said = None, set(), set()
    for held in sorted({x for f in pool for x in f.feats if x.startswith("holds:") and x not in SIGNATURE}):
        having = [f for f in pool if held in f.feats]
        lacking = [f for f in pool if held not in f.feats]
        if not having or not lacking:
            continue
        with_it, without = {f.outcome for f in having}, {f.outcome for f in lacking}
        if len(with_it) == 1 and len(without) == 1 and with_it != without:
            if held in feats:
                said |= with_it  # what holding this key, held now, did
                continue
            answers |= without
            found = found or (held, lacking)
    return found if len(answers) == 1 and said <= answers else None


def _ranked(feats: frozenset) -> tuple[str, ...]:
    """The features of ``feats`` a single-feature rule may separate outcomes by, in the order tried: the state, then
    the letter, then each key held. Kept per situation (``FEATURES_KEPT`` at most): a plan's first decisions ask it
    for the same few situations again and again."""
    found = _RANKED.get(feats)
    if found is None:
        if len(_RANKED) >= FEATURES_KEPT:
            _RANKED.clear()
        order = {"open": 0, "closed": 0}
        found = _RANKED[feats] = tuple(sorted((f for f in feats if f not in SIGNATURE),
                                              key=lambda f: (order.get(f, 1 if f.startswith("letter:") else 2), f)))
    return found


_RANKED: dict = {}  # feats -> ``_ranked``
