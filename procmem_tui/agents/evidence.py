"""What the model's facts about one unit (action, role, kind) say beyond its prediction: whether a situation was
tried on this level, which one-fact rules fit what was seen, which key pairings were never tried."""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

from procmem_tui.memory.imagine import Look
from procmem_tui.memory.world_model import SIGNATURE, Outcome, WorldModel, features, signature


_RULES = [lambda sig: True] + [
    (lambda sig, lit=lit, neg=neg: (lit in sig) != neg) for lit in SIGNATURE for neg in (False, True)]


def _vote(seen: list, query: frozenset, rules: list = _RULES) -> float | None:
    """The share of the one-fact ``rules`` fitting every (features, changed) in ``seen`` that say ``query`` changes
    something; None when none fits."""
    if rules is _RULES:
        return _signature_vote(seen, query)
    fits = [rule for rule in rules if all(rule(sig) == works for sig, works in seen)]
    return sum(rule(query) for rule in fits) / len(fits) if fits else None


def _signature_vote(seen: list, query: frozenset) -> float | None:
    """``_vote`` over ``_RULES`` ("always", then each fact of the signature held and not held), the same answer
    without a call per rule and situation (a search asks it for every door and holding it counts a change on)."""
    fitting = yes = 0
    for _, works in seen:
        if not works:
            break
    else:
        fitting = yes = 1  # "always" fits, and says it changes
    for lit in SIGNATURE:
        for neg in (False, True):
            for sig, works in seen:
                if ((lit in sig) != neg) != works:
                    break
            else:
                fitting += 1
                if (lit in query) != neg:
                    yes += 1
    return yes / fitting if fitting else None


def _letter_rules(feats) -> list:
    """The one-fact rules over what is held, letters as identities too: the signature's, and "holds key k" and
    its negation for every key ``feats`` name."""
    held = sorted({f for fs in feats for f in fs if f.startswith("holds:") and f not in SIGNATURE})
    return [lambda fs: True] + [(lambda fs, lit=lit, neg=neg: (lit in fs) != neg)
                                for lit in (*SIGNATURE, *held) for neg in (False, True)]


def implied(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset) -> float:
    """The share of one-fact rules over what is held ("always", nothing held, a key of its letter held, a key
    of another letter held, and the negations) that fit every situation this unit was seen in (on this level
    if it was seen here, else anywhere; same object state) and say the unit changes something holding
    ``held`` (the halving algorithm's vote); 0.5 when none fits. Where this object's letter gives a verdict
    (``letter_verdict``: 1.0 or 0.0), that is taken: a door that stayed shut holding keys b and c and opened
    holding a, b and c is opened by key a, whatever other doors do."""
    verdict = letter_verdict(model, level, unit, lk, held)
    if verdict is not None:
        return float(verdict)
    reading = readings_chance(model, level, unit, lk, held)
    if reading is not None:
        return reading
    state = "open" if lk.open else "closed"
    facts = [f for f in model.units.get(unit, {}).values() if state in f.feats]
    mine = [f for f in facts if level in f.levels]
    query = signature(features(lk.letter, lk.open, held))
    vote = _vote([(signature(f.feats), bool(f.outcome.changes)) for f in (mine or facts)], query)
    return 0.5 if vote is None else vote


def letter_verdict(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset) -> bool | None:
    """What this object's letter says of ``held``, where it was itself seen both to change and not to change on
    this level (same object state; which key opens which door is a level's own rule) and every one-fact rule over
    what is held, keys named too (``_letter_rules``), that fits all of it gives the same answer; else None. It is
    the most specific evidence there is about this object: it beats a guess from what other objects of its kind
    did."""
    if not lk.letter:
        return None
    state, letter = "open" if lk.open else "closed", f"letter:{lk.letter}"
    own = [(f.feats, bool(f.outcome.changes)) for f in model.units.get(unit, {}).values()
           if state in f.feats and letter in f.feats and level in f.levels]
    if len({works for _, works in own}) < 2:
        return None
    vote = _vote(own, features(lk.letter, lk.open, held), _letter_rules([fs for fs, _ in own]))
    return None if vote not in (0.0, 1.0) else vote == 1.0


def _letter_of(fact) -> str:
    """The letter of the object a fact was seen on ("" for one without a letter)."""
    return next((x[7:] for x in fact.feats if x.startswith("letter:")), "")


def _held(feats: frozenset) -> frozenset:
    """The keys ``feats`` say were held, kept per set of features (a plan reads every fact's many times; most of them
    are the model's own facts' frozensets, whose hash is kept with them)."""
    found = _HELD.get(feats)
    if found is None:
        if len(_HELD) >= HELD_KEPT:
            _HELD.clear()
        found = _HELD[feats] = frozenset(f[6:] for f in feats if f.startswith("holds:") and f not in SIGNATURE)
    return found


HELD_KEPT = 4096  # ``_held``'s answers kept at most (then all are dropped; a plan reads a few hundred)
_HELD: dict = {}  # features -> the keys they say were held


def keys_differ(here: list) -> bool:
    """Whether a key held left one of these objects unchanged (``here``: the facts of one kind, in one state, on one
    level): keys are not alike on this level, and the level's one question, "does any key do?", is answered no."""
    return any(not f.outcome.changes and "holds:nothing" not in f.feats for f in here)


def held_credit(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset) -> float | None:
    """The chance that this object changes holding ``held`` where on this level it changed only while more keys
    were held (same object state): which of them (if any) it needed, one observation cannot tell ("holds key a",
    "holds key b", "holds its own letter", "holds any key" all fit). The simplest rules first (DOORMAX): the
    one-fact rules over the holding signature ("always", nothing held, its own letter, another letter, and the
    negations) that fit every object of its kind here; where none does, the rules "holds key k" and their
    negations that fit this object's own record; where none does, the pairs of keys named; the answer is the
    share of the fitting rules of the first class with any that say it changes holding ``held``; where the kind's
    relation is sure and this object's own keys are not, each has one vote (``_pairing_unknown``). None where it
    changed holding these keys or fewer (what every change needed is still held, DOORMAX's conjunction; another
    object of its kind counts only where it changed holding nothing: a key taken holding nothing is taken holding
    nothing whatever its letter, but door B opened holding key c says nothing of door D holding c, for which key
    opens a door is that door's own), never changed here, or has no letter, or where nothing fits."""
    if not lk.letter:
        return None
    state, letter = "open" if lk.open else "closed", f"letter:{lk.letter}"
    here = [f for f in model.units.get(unit, {}).values() if state in f.feats and level in f.levels]
    own = [(f.feats, bool(f.outcome.changes)) for f in here if letter in f.feats]
    if not any(works for _, works in own) or any(
            f.outcome.changes and _held(f.feats) <= held and (letter in f.feats or not _held(f.feats)) for f in here):
        return None
    reading = readings_chance(model, level, unit, lk, held)
    if reading is not None:
        return reading
    query = features(lk.letter, lk.open, held)
    kind = _vote([(signature(f.feats), bool(f.outcome.changes)) for f in here], signature(query))
    named = sorted(set().union(*(_held(fs) for fs, _ in own)))
    free = _unclaimed(model, level, unit, lk, here, named)
    keys = [(lambda fs, lit=f"holds:{k}", neg=neg: (lit in fs) != neg) for k in free for neg in (False, True)]
    pairs = [(lambda fs, a=f"holds:{a}", b=f"holds:{b}": a in fs and b in fs)
             for i, a in enumerate(free) for b in free[i + 1:]]
    mine = next((v for v in (_vote(own, query, rules) for rules in (keys, pairs)) if v is not None), None)
    if kind is not None:
        claimed = mine is not None and len(free) < len(named)
        if claimed or _pairing_open(here, own, lk, mine):
            return min(kind, mine)
        return (kind + mine) / 2 if _pairing_unknown(own, lk, mine, kind) else kind
    return mine


_PAIRING_FITS: "WeakKeyDictionary[WorldModel, tuple[int, dict]]" = WeakKeyDictionary()
"""``pairing_fits`` per model, kept while the model's version stands (it is asked at every plan step), and gone
with the model; not an attribute set on the model from here."""


def readings_chance(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset) -> float | None:
    """1.0 where this object changed on this level only while keys not all held now were held, and of the two
    readings of a level's keys that fit before a key held leaves an object shut (no object of its kind stayed shut
    here holding a key, none changed holding nothing) — "any key opens it" and "each object pairs with a key of its
    own" — the second fits nothing seen (``pairing_fits``): door E opened holding key f alone, doors C and F each opened
    holding c and f; E takes f, so C and F would both take c. Keys are alike here, and any key held opens it (its
    kind's relations left door F holding f alone at 67 %, "holds another letter" fitting too, and episode 2 under fog
    fetched key c for F: rooms4-28-s114-any, 54 steps for 39). None where this does not apply or a pairing fits:
    which key opened it is then open, and the relations' vote (``implied``, ``held_credit``) stands."""
    if not lk.letter or not held:
        return None
    state, letter = "open" if lk.open else "closed", f"letter:{lk.letter}"
    here = [f for f in model.units.get(unit, {}).values() if state in f.feats and level in f.levels]
    own = [f for f in here if letter in f.feats and f.outcome.changes]
    if not own or any(_held(f.feats) <= held for f in own) or not all(_letter_of(f) for f in here):
        return None
    if keys_differ(here) or any(f.outcome.changes and not _held(f.feats) for f in here):
        return None  # a key held left one shut, or one changed holding nothing: not the two readings' question
    memo = _PAIRING_FITS.get(model)
    if memo is None or memo[0] != model.version:
        memo = _PAIRING_FITS[model] = (model.version, {})
    fits = memo[1].get((level, unit, state))
    if fits is None:
        fits = memo[1][(level, unit, state)] = pairing_fits(here)
    return None if fits else 1.0


def pairing_fits(here: list) -> bool:
    """Whether, for the objects (letters) of one kind seen on a level (``here``: their facts, one state), some
    assignment of one key to each object (no key to two; an object never seen to change may take a key never held
    here) has each object change exactly when its key was held, and spend that key wherever a change spent one: the
    one key held that opens it is the key it takes. Door F opened holding key c alone, then holding c and f and spent
    f: F's own key would be c, which it did not spend, so no pairing fits (rooms4-28-s505-any+consumed under fog:
    episode 2 then fetched a second key for door C while holding c, 103 steps for 70)."""
    records: dict = {}
    for f in here:
        letter = _letter_of(f)
        spent = frozenset(letter.lower() if k == "own" else k for k in f.outcome.lost)
        records.setdefault(letter, []).append((_held(f.feats), bool(f.outcome.changes), spent))
    letters = sorted(records)
    named = sorted(set().union(*(keys for rows in records.values() for keys, _, _ in rows)))
    fits = [[k for k in named if all((k in keys) == works and (not spent or k in spent)
                                     for keys, works, spent in records[x])]
            + ([None] if not any(works for _, works, _ in records[x]) else []) for x in letters]

    def assign(i: int, taken: frozenset) -> bool:
        return i == len(fits) or any(assign(i + 1, taken | {k} if k else taken)
                                     for k in fits[i] if k is None or k not in taken)

    return assign(0, frozenset())


def _unclaimed(model: WorldModel, level: str, unit: tuple, lk: Look, here: list, named: list) -> list:
    """The keys of ``named`` that no other object of this kind claims, where keys are not alike on this level (an
    object of the kind stayed shut here while a key was held): an object claims key k when its own record says it
    changes holding k alone (``letter_verdict``). Door B stayed shut holding a and opened holding c, door C stayed
    shut holding b and c and opened holding a, b and c: door D, seen open only holding a, b and c, pairs with b
    (rooms4-16-s17-aC.bD.cB, which pairs bD, tested D holding a and c in episode 6 after three optimal ones). All of
    ``named`` where nothing is claimed, or everything is, or where this object changed holding its own letter."""
    own_letter = f"holds:{lk.letter.lower()}"
    if not keys_differ(here) or any(
            f.outcome.changes and _letter_of(f) == lk.letter and own_letter in f.feats for f in here):
        return named  # keys alike, or it opened holding its own letter: "its own letter" names its key
    letters = {x[7:] for f in here for x in f.feats if x.startswith("letter:")} - {lk.letter}
    free = [k for k in named if not any(
        letter_verdict(model, level, unit, lk._replace(letter=x), frozenset(k)) for x in sorted(letters))]
    return free or named


def _pairing_open(here: list, own: list, lk: Look, mine: float | None) -> bool:
    """Whether which key this object pairs with is an identity its kind's relations cannot tell: an object of its
    kind stayed shut here while a key was held (keys are not interchangeable on this level), this object changed
    only while keys of other letters were held, and its own record, keys named, leaves open whether this holding
    works or says it does not (``mine`` below 1). Then what the relations other objects of its kind showed ("holds
    another letter") is not surer than its own keys (door C stayed shut holding c, door A opened holding c alone: A
    holding b is not counted on; rooms3-12-s10-aB.bC.cA, which pairs bC, walked to A holding b in episode 2, 35 steps
    for 30). Door C opened only holding keys a and b; door A stayed shut
    holding a and opened holding a and b, so "another letter" is the one relation that fits, and it counted on key
    b alone at door C (rooms3-26-s111-aC.bA.cB, which pairs aC, under fog: 121 steps for 59 in episode 2). Where no
    key held ever left an object of the kind shut (any key opens any door), the relation stands."""
    own_letter = f"holds:{lk.letter.lower()}"
    return (mine is not None and mine < 1
            and keys_differ(here)
            and all(own_letter not in fs for fs, works in own if works))


def _pairing_unknown(own: list, lk: Look, mine: float | None, kind: float) -> bool:
    """Whether two hypotheses that fit this level's evidence alike give this holding different answers: the relation
    its kind showed says it opens for certain ("holds another letter", or "any key"), while this object changed only
    while keys of other letters were held, so "one of those keys is its own, as a pairing names it" fits too, and its
    own record with keys named leaves this holding open (``mine`` strictly between 0 and 1). Nothing a level shows
    before a door stays shut holding a key tells a level that pairs keys with doors from one where any key opens any
    door: each hypothesis has one vote. Door C opened holding keys a and b, door A too: door C holding b alone is sure
    by the relation and an even chance by C's own keys, 75 % in all (rooms3-26-s111-aC.bA.cB, which pairs aC, counted
    on b alone at C as certain: 120 steps for 59 in episode 2). Where its own keys say no (it opened holding key a
    alone; holding c), the relation stands while keys are alike: that is what a level where any key opens any door
    shows (rooms4-28-s113-any, door C opened holding e and f, then f alone: C holding e alone opens)."""
    own_letter = f"holds:{lk.letter.lower()}"
    return (mine is not None and 0 < mine < 1 and kind == 1
            and all(own_letter not in fs for fs, works in own if works))


def keeps_needed(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset) -> bool:
    """Whether this object (its letter, its state) changed on this level and ``held`` keeps every key held at each
    of those changes (DOORMAX's conjunction of what it had whenever it changed still holds: door B opened holding
    key b; holding keys b and c). Only a rule that an added key stops it ("not holding another letter"), which no
    holding here bore out, says it fails."""
    if not lk.letter:
        return False
    state, letter = "open" if lk.open else "closed", f"letter:{lk.letter}"
    changes = [_held(f.feats) for f in model.units.get(unit, {}).values()
               if f.outcome.changes and state in f.feats and letter in f.feats and level in f.levels]
    return bool(changes) and all(keys <= held for keys in changes)


def keeps_own(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset) -> bool:
    """Whether ``held`` keeps this object's own letter, held at each of its changes on this level (same state), where
    no object of its kind changed here holding keys without its own letter: the one key the simplest rule naming a
    door's key ("its own letter") says it needs is kept, and nothing seen here contradicts that rule (door F opened
    holding keys b and f; holding f alone). A door seen opening holding only keys of other letters (door B holding
    key a) shows the rule does not hold here, and the own letter is one more guess."""
    own = lk.letter.lower() if lk.letter else ""
    if not own or own not in held:
        return False
    state = "open" if lk.open else "closed"
    here = [f for f in model.units.get(unit, {}).values()
            if f.outcome.changes and state in f.feats and level in f.levels]
    mine = [f for f in here if f"letter:{lk.letter}" in f.feats]
    return bool(mine) and all(own in _held(f.feats) for f in mine) and not any(
        _held(f.feats) and _letter_of(f).lower() not in _held(f.feats) for f in here)


def changed_otherwise_here(model: WorldModel, level: str, unit: tuple, lk: Look, outcome: Outcome) -> bool:
    """Whether this object (its letter, its state) changed on this level with an outcome other than ``outcome``: what
    other levels predict for it is then not what this level showed it doing (door B opened holding keys a and b and
    spent a, where default levels open a door with its own key and keep it: rooms3-20-s509-aB.bA.cC+consumed, after
    default training, walked to B holding b alone in episode 2, counted on at 90 %, and back for key a: 83 steps
    for 60)."""
    if not lk.letter:
        return False
    state, letter = "open" if lk.open else "closed", f"letter:{lk.letter}"
    return any(f.outcome.changes and f.outcome != outcome for f in model.units.get(unit, {}).values()
               if state in f.feats and letter in f.feats and level in f.levels)


def spent_elsewhere(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset) -> bool:
    """Whether every change of this object (its letter, its state) on this level spent a key of another letter that
    is not held now: the change it showed cannot happen so (the key it took is not there to take), and what it would
    do instead was never seen (door B opened holding keys a and b and spent a: holding b alone it is a hope)."""
    if not lk.letter:
        return False
    state, letter = "open" if lk.open else "closed", f"letter:{lk.letter}"
    changes = [f.outcome for f in model.units.get(unit, {}).values()
               if f.outcome.changes and state in f.feats and letter in f.feats and level in f.levels]
    return bool(changes) and all(any(k != "own" and k not in held for k in o.lost) for o in changes)


def vote_here(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset, outcome: Outcome) -> float | None:
    """This level's own vote on other levels' word that this object does ``outcome`` holding ``held``, where its own
    changes here were otherwise (``changed_otherwise_here``): an even chance where the change it showed cannot happen
    so (``spent_elsewhere``), else ``implied``; None where this level showed nothing against that word. What a plan
    counts on (``expect``) and what a try is given as its chance (``probes.chance``) both stop at it."""
    if not changed_otherwise_here(model, level, unit, lk, outcome):
        return held_credit(model, level, unit, lk, held) if no_signature_rule(model, level, unit, lk) else None
    return 0.5 if spent_elsewhere(model, level, unit, lk, held) else implied(model, level, unit, lk, held)


def no_signature_rule(model: WorldModel, level: str, unit: tuple, lk: Look) -> bool:
    """Whether no one-fact rule over the holding signature ("always", nothing held, its own letter, another letter,
    and the negations) fits what objects of this kind (same state) did on this level, where it both changed and
    stayed shut here: what other levels say of a holding signature is such a rule (a door opens holding its own
    letter), and this level showed that none holds here (door D opened holding key a alone, door C stayed shut
    holding a: neither "its own letter" nor "another letter" opens a door here), so which key opens which door is
    each door's own record's to say (``held_credit``), not theirs. rooms4-24-s510-aD.bA.cB.dC after default training
    walked to door D holding d alone in episode 3, where D had opened twice holding key a (86 steps for 67)."""
    state = "open" if lk.open else "closed"
    here = [(signature(f.feats), bool(f.outcome.changes)) for f in model.units.get(unit, {}).values()
            if state in f.feats and level in f.levels]
    return len({works for _, works in here}) == 2 and _vote(here, frozenset()) is None


def tried_here(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset) -> bool | None:
    """Whether this exact situation, tried on this level, mostly changed something (None: never tried here).
    Contradicting evidence leaves the model unsure, but a try made here is never made again as new."""
    feats = features(lk.letter, lk.open, held)
    here = [f for f in model.units.get(unit, {}).values() if f.feats == feats and level in f.levels]
    if not here:
        return None
    changed = sum(f.count for f in here if f.outcome.changes)
    return 2 * changed > sum(f.count for f in here)


def never_failed(model: WorldModel, unit: tuple, lk: Look) -> bool:
    """Whether every time this unit met such an object in this state it changed something: nothing suggests
    that what is held matters, so the simplest rule ("always") decides a tie."""
    state = "open" if lk.open else "closed"
    return all(f.outcome.changes for f in model.units.get(unit, {}).values() if state in f.feats)


def worked_holding_nothing(model: WorldModel, unit: tuple, lk: Look) -> bool:
    """Whether this unit was seen to change such an object (same state) holding nothing: it needs nothing held,
    and keys that cannot pair with an object without a letter are not taken to stop it."""
    state = "open" if lk.open else "closed"
    return any(f.outcome.changes for f in model.units.get(unit, {}).values()
               if state in f.feats and "holds:nothing" in f.feats)


def _seen_with_letter(model: WorldModel, unit: tuple, lk: Look) -> set:
    letter = f"letter:{lk.letter}"
    return {f for fact in model.units.get(unit, {}).values() if letter in fact.feats for f in fact.feats}


def rebind(model: WorldModel, hope: Outcome, lk: Look, held: frozenset, unit: tuple) -> Outcome:
    """A hoped outcome that spends a key by its letter, where that key is not held: the key held that was never
    tried with this object is hoped to be the one spent (the pairing the try is about)."""
    if all(token == "own" or token in held for token in hope.lost):
        return hope
    seen = _seen_with_letter(model, unit, lk)
    untried = sorted(k for k in held if f"holds:{k}" not in seen)
    if not untried:
        return replace(hope, lost=())
    spent = tuple(t if t == "own" or t in held else untried[0] for t in hope.lost)
    return replace(hope, lost=tuple(dict.fromkeys(spent)))


def untried_pairing(model: WorldModel, unit: tuple, lk: Look, held: frozenset) -> bool:
    """Whether the object has a letter and some key held was never seen with that letter for this unit."""
    if not lk.letter or not held:
        return False
    seen = _seen_with_letter(model, unit, lk)
    return any(f"holds:{k}" not in seen for k in held)
