"""The learned world model (``memory.world_model``) as lines a person reads: what it knows, guesses and never tried.

Every line is what the model itself would predict, with the evidence behind it, grouped by the kind of object:

* **known** — ``moving into a wall: blocked (seen 12×, 3 levels)``; ``open_door at door B holding key a: opened,
  key a spent (seen 2×, this level only)``. A line names the holding or the letter only when the outcomes
  differ with it (the model's own separating condition, ``Prediction.condition``). ``7 of 9 times`` instead of
  ``seen 9×`` when some observations in the same situation did something else.
* **guess** — what the model extrapolates to a way of holding keys it never saw for that action and object
  (``Prediction.extrapolated``): ``moving into a wall holding a key: blocked (only seen holding nothing)``.
* **untried** — a relation never seen (``open_door at a door holding its own key: never tried``), or an action
  never tried on a kind that was seen (``pickup_key at a box: never tried``).

A level (its fingerprint) asks the model as the agent playing that level would: that level's evidence first.
Without one, the pooled evidence of every level. ``changes(before, after)`` is what the model learned between two
readings: lines whose claim is new or different (a count that only grew is not news). Pure: no Textual, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from procmem_tui.memory.world_model import (
    AHEAD, BESIDE, EDGE, HERE, SIGNATURE, Fact, Outcome, Prediction, WorldModel, features, signature,
)
from procmem_tui.world.observation import BOX, DOOR, FLOOR, GOAL, KEY, WALL

KNOWN, GUESS, UNSETTLED, UNTRIED = "known", "guess", "unsettled", "untried"
STATUSES = (KNOWN, GUESS, UNSETTLED, UNTRIED)
KIND_ORDER = (KEY, DOOR, GOAL, WALL, BOX, EDGE, FLOOR)  # what changes things first, plain floor last
MOVE = "move"
ACTED = ("pickup_key", "open_door")  # the actions that are not moves (the six action names are given)
NOTHING, OWN, OTHER = SIGNATURE
NOTHING_YET = "nothing learned yet: the model knows nothing about the world until it acts in it"
LETTERED = (KEY, DOOR)  # kinds whose cells carry a letter (what the observation shows)


@dataclass(frozen=True)
class ModelLine:
    """One belief of the model: ``subject`` (the situation), ``claim`` (what happens) and ``evidence``."""

    kind: str
    status: str
    subject: str
    claim: str
    evidence: str = ""
    seen: int = 0
    levels: int = 0

    @property
    def text(self) -> str:
        return f"{self.subject}: {self.claim}" + (f" ({self.evidence})" if self.evidence else "")

    @property
    def marked(self) -> str:
        """The text with its status in front unless it is known (``guess: …``, ``untried: …``)."""
        return self.text if self.status == KNOWN else f"{self.status}: {self.text}"

    @property
    def key(self) -> tuple[str, str, str]:
        """What the line claims, without its counts (two readings differ in news only when this differs)."""
        return (self.status, self.subject, self.claim)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "status": self.status, "subject": self.subject, "claim": self.claim,
                "evidence": self.evidence, "seen": self.seen, "levels": self.levels, "text": self.text}


# -- words ----------------------------------------------------------------------------------------------------

def _thing(kind: str, letter: str = "", is_open: bool = False) -> str:
    if kind == EDGE:
        return "the edge"
    if kind == FLOOR:
        return "floor"
    if letter:
        return ("open " if is_open else "") + f"{kind} {letter}"
    word = ("open " if is_open else "") + kind
    return ("an " if word[0] in "aeiou" else "a ") + word


def _subject(action: str, role: str, thing: str) -> str:
    if action == MOVE:
        return f"moving {'onto' if thing == 'floor' else 'into'} {thing}"
    return f"{action} {'standing on' if role == HERE else 'at'} {thing}"


_O, _X, _B = frozenset({OWN}), frozenset({OTHER}), frozenset({OWN, OTHER})


def _holding(sigs, lettered: bool) -> str:
    """How keys are held in any of the holding signatures ``sigs``: "holding nothing", "holding its own key", …"""
    sigs = set(sigs)
    words = ["nothing"] if frozenset({NOTHING}) in sigs else []
    if not lettered:
        words += ["a key"] if _X in sigs else []
    elif {_O, _X, _B} <= sigs:
        words.append("any key")
    elif {_O, _B} <= sigs:
        words.append("its own key")
    elif {_X, _B} <= sigs:
        words.append("another key")
    else:
        words += [text for sig, text in ((_O, "its own key"), (_X, "another key"), (_B, "its own key and another"))
                  if sig in sigs]
    return "holding " + " or ".join(words)


def _claim(action: str, outcome: Outcome) -> str:
    parts = ["moved in" if outcome.moved else ("blocked" if action == MOVE else "")]
    parts.append(outcome.object)
    parts += [f"key {'of its own letter' if k == 'own' else k} gained" for k in outcome.gained]
    parts += [f"key {'of its own letter' if k == 'own' else k} spent" for k in outcome.lost]
    parts.append("episode ended" if outcome.ended else "")
    if outcome.reward and abs(outcome.reward + 0.1) > 1e-9:
        parts.append(f"reward {outcome.reward:+g}")
    return ", ".join(p for p in parts if p) or "no effect"


def _levels_text(levels: set, level: str, basis: str, names: Mapping[str, str]) -> str:
    if basis == "other levels" and level not in levels:
        return f"{len(levels)} other level{'s' if len(levels) != 1 else ''}"
    if basis == "other levels":
        return f"{len(levels)} levels pooled"
    if level and levels == {level}:
        return "this level only"
    if len(levels) == 1:
        only = names.get(next(iter(levels)))
        return f"{only} only" if only else "1 level"
    return f"{len(levels)} levels"


# -- reading the model ----------------------------------------------------------------------------------------

def _state(feats: frozenset) -> bool:
    return "open" in feats


def _letter(feats: frozenset) -> str:
    return next((f[7:] for f in sorted(feats) if f.startswith("letter:")), "")


def _condition_words(condition: str, feats: frozenset) -> tuple[str, str]:
    """(the letter to name the object by, the keys held to name) for the model's separating condition."""
    letter, keys = "", []
    words = sorted(feats) if condition == "exactly this" else condition.split()
    for word in words:
        if word.startswith("letter:"):
            letter = word[7:]
        elif word.startswith("holds:") and word not in SIGNATURE:
            keys.append(word[6:])
    if len(keys) > 1:
        return letter, f"keys {', '.join(keys[:-1])} and {keys[-1]}"
    return letter, f"key {keys[0]}" if keys else ("nothing" if condition == "exactly this" else "")


def _phrase(unit: tuple, feats: frozenset, condition: str, with_holding: bool) -> str:
    """The situation a line is about: the object (by letter when the condition names it; a condition on a key
    held of the object's own letter names the object too) and the keys held when they matter."""
    action, role, kind = unit
    letter, held = _condition_words(condition, feats)
    sig = signature(feats)
    if held and OWN in sig and not letter:
        letter = _letter(feats)
    subject = _subject(action, role, _thing(kind, letter, _state(feats)))
    if held:
        return f"{subject} holding {held}"
    if with_holding:
        return f"{subject} {_holding([sig], kind in LETTERED)}"
    return subject


def _known_lines(model: WorldModel, unit: tuple, facts: list[Fact], level: str, names) -> list[ModelLine]:
    """One line per distinct belief about the situations seen (their predictions grouped by state, holding,
    deciding condition and outcome); a belief the model extrapolates here from other holdings is a guess."""
    groups: dict[tuple, list] = {}  # (state, signature, condition, outcome, extrapolated) -> [feats, facts, p]
    for fact in facts:
        p = model.predict(unit, fact.feats, level)
        if level and p.basis == "this level" and not p.extrapolated and level not in fact.levels:
            continue  # this level's own evidence decides here: another level's is not shown as support
        key = (_state(fact.feats), signature(fact.feats), p.condition, p.outcome, p.extrapolated)
        groups.setdefault(key, [fact.feats, [], p])[1].append(fact)
    lines = []
    for state in sorted({k[0] for k in groups}):
        mine = {k: v for k, v in groups.items() if k[0] == state}
        firm = [k for k in mine if not k[4]]
        alike = len({k[3] for k in firm}) == 1 and not any(k[2] for k in firm)
        if alike:  # the same under every holding seen: one line, the holdings unnamed
            merged: dict = {}
            for key, (feats, members, p) in mine.items():
                short = (state, frozenset(), key[2], key[3], False) if not key[4] else key
                merged.setdefault(short, [feats, [], p])[1].extend(members)
            mine = merged
        for (_, sig, condition, outcome, guess), (feats, members, p) in sorted(mine.items(), key=_order):
            lines.append(_line(unit, feats, condition, outcome, guess, members, p, level, names,
                               with_holding=bool(sig)))
    return lines


def _line(unit, feats, condition, outcome, guess, members, p, level, names, *, with_holding) -> ModelLine:
    subject = _phrase(unit, feats, condition, with_holding=with_holding)
    total = sum(f.count for f in members)
    if outcome is None:
        return ModelLine(unit[2], UNSETTLED, subject, "seen to do different things", f"seen {total}×", total)
    if guess:
        return ModelLine(unit[2], GUESS, subject, _claim(unit[0], outcome), "on this level only seen holding otherwise")
    agree = [f for f in members if f.outcome == outcome]
    seen = sum(f.count for f in agree)
    levels = {lv for f in agree for lv in f.levels}
    counted = f"seen {seen}×" if seen == total else f"{seen} of {total} times"
    evidence = f"{counted}, {_levels_text(levels, level, p.basis, names)}"
    return ModelLine(unit[2], KNOWN, subject, _claim(unit[0], outcome), evidence, seen, len(levels))


def _order(item) -> tuple:
    state, sig, condition, outcome, guess = item[0]
    return (guess, sorted(sig), condition, str(outcome))


def _possible(kind: str) -> list[frozenset]:
    sigs = [frozenset({NOTHING}), _X]
    return sigs + [_O, _B] if kind in LETTERED else sigs


def _held_for(sig: frozenset, letter: str) -> frozenset:
    own = letter.lower()
    other = "b" if own == "a" else "a"
    return frozenset(([own] if OWN in sig and own else []) + ([other] if OTHER in sig else []))


def _gaps(model: WorldModel, unit: tuple, facts: list[Fact], level: str) -> list[ModelLine]:
    """Guesses and untried relations: the holdings never seen for this unit, per state of the object seen."""
    lines = []
    for state in sorted({_state(f.feats) for f in facts}):
        seen_sigs = {signature(f.feats) for f in facts if _state(f.feats) == state}
        letter = next((_letter(f.feats) for f in facts if _letter(f.feats)), "")
        guessed: dict[Outcome, list] = {}
        unknown = []
        for sig in _possible(unit[2]):
            if sig in seen_sigs or (OWN in sig and not letter):
                continue
            p = model.predict(unit, features(letter, state, _held_for(sig, letter)), level)
            (guessed.setdefault(p.outcome, []) if p.known else unknown).append(sig)
        thing = _subject(unit[0], unit[1], _thing(unit[2], "", state))
        lettered = unit[2] in LETTERED
        only = _holding(seen_sigs, lettered)
        for outcome, sigs in guessed.items():
            lines.append(ModelLine(unit[2], GUESS, f"{thing} {_holding(sigs, lettered)}", _claim(unit[0], outcome),
                                   f"only seen {only}"))
        if unknown:
            lines.append(ModelLine(unit[2], UNTRIED, f"{thing} {_holding(unknown, lettered)}", "never tried"))
    return lines


def _blocks(model: WorldModel, kind: str) -> bool:
    """Moving into ``kind`` was tried and never moved the agent in (so it cannot stand there)."""
    facts = model.units.get((MOVE, AHEAD, kind), {})
    return bool(facts) and not any(f.outcome.moved for f in facts.values())


def _untried_actions(model: WorldModel, kinds: set) -> list[ModelLine]:
    """An action never tried on a kind seen (standing on a kind that is known to block is not offered)."""
    lines = []
    for kind in kinds:
        if not any(u[:1] == (MOVE,) and u[2] == kind for u in model.units):
            lines.append(ModelLine(kind, UNTRIED, _subject(MOVE, AHEAD, _thing(kind)), "never tried"))
        if kind == EDGE:
            continue
        for action in ACTED:
            roles = (model.roles(action) or {HERE, BESIDE}) - ({HERE} if _blocks(model, kind) else set())
            if not roles:
                continue
            if not any((action, role, kind) in model.units for role in roles):
                role = BESIDE if BESIDE in roles else HERE
                lines.append(ModelLine(kind, UNTRIED, _subject(action, role, _thing(kind)), "never tried"))
    return lines


def model_lines(model: WorldModel, level: str = "", names: Mapping[str, str] | None = None,
                kinds_seen=()) -> list[ModelLine]:
    """Every belief of ``model`` as a line, grouped by kind (``KIND_ORDER``), known lines first in each group.
    ``level``: ask as on that level (its fingerprint); ``names``: fingerprint -> level name, for evidence;
    ``kinds_seen``: kinds seen on a map but perhaps never acted on (their untried actions are listed too)."""
    names = names or {}
    by_unit: dict[tuple, list[Fact]] = {}
    for unit, fact in model.facts():
        by_unit.setdefault(unit, []).append(fact)
    lines: list[ModelLine] = []
    for unit in sorted(by_unit, key=lambda u: (u[0] != MOVE, u)):
        facts = sorted(by_unit[unit], key=lambda f: f.first_step)
        lines += _known_lines(model, unit, facts, level, names)
        lines += _gaps(model, unit, facts, level)
    kinds = {u[2] for u in by_unit} | set(kinds_seen)
    lines += _untried_actions(model, kinds)
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return sorted(lines, key=lambda ln: (rank.get(ln.kind, len(rank)), ln.kind, STATUSES.index(ln.status)))


def model_text(lines: list[ModelLine]) -> list[str]:
    """The lines under a heading per kind (``wall``), guesses and untried ones marked, for a terminal."""
    out: list[str] = [NOTHING_YET] if all(line.status == UNTRIED for line in lines) else []
    current = None
    for line in lines:
        if line.kind != current:
            current = line.kind
            out += ([""] if out else []) + [kind_heading(current)]
        out.append(f"  {line.marked}")
    return out


def kind_heading(kind: str) -> str:
    """The heading of a kind's group (``walls``, ``the edge (off the grid)``)."""
    return {EDGE: "the edge (off the grid)", FLOOR: "floor", WALL: "walls", BOX: "boxes", KEY: "keys",
            DOOR: "doors", GOAL: "goals"}.get(kind, kind)


def model_json(lines: list[ModelLine], steps_seen: int = 0) -> dict:
    """The lines as JSON-safe data, with counts per status."""
    counts = {status: sum(1 for ln in lines if ln.status == status) for status in STATUSES}
    return {"steps_seen": steps_seen, "counts": counts, "lines": [ln.as_dict() for ln in lines]}


def changes(before: list[ModelLine], after: list[ModelLine]) -> list[str]:
    """What the model learned between two readings: every line of ``after`` whose claim is new or changed (guess →
    known, never tried → known, a different outcome), marked with its status; a count that only grew is not news."""
    old = {line.key for line in before}
    return [line.marked for line in after if line.key not in old]
