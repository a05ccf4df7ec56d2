"""What one action on one object is counted on to do (``expect``): a belief where the model knows, a hope (a guess
or an untried action, optimism) where it does not and the caller is ``hoping``; the Why line's evidence says which."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from procmem_tui.agents.evidence import (held_credit, implied, keeps_needed, keeps_own, letter_verdict, never_failed,
                                        rebind, untried_pairing, vote_here, worked_holding_nothing)
from procmem_tui.agents.expectation import NOTHING, Expectation, change_trust, trust
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.world_model import features

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs


def expect(beliefs: "Beliefs", action: str, role: str, lk: Look, held: frozenset, hoping: bool) -> Expectation:
    """What doing ``action`` (``move`` for a move into it) to an object that looks like ``lk`` from ``role``
    is counted on; with ``hoping``, what is not known is hoped to do what it did elsewhere. A change that spends a
    key the model names by a letter not held, made holding one key, spends that key (``spent_held``)."""
    found = _expect(beliefs, action, role, lk, held, hoping)
    return spent_held(beliefs, (action, role, lk.kind), found, lk, held)


def spent_held(beliefs: "Beliefs", unit: tuple, found: Expectation, lk: Look, held: frozenset) -> Expectation:
    """``found`` with the key it spends named as the one key held, where its outcome spends one key by a letter not
    held: what was seen spending key b (door F opened holding keys b and e and spent b) says a key is spent, and
    holding key e alone no other key can be. Any key opens any door in rooms4-28-s506-any+consumed, and keys are
    used up: door D holding key e alone was expected to open and spend key b, which no plan can count on, so every
    episode fetched key d for it (85 steps for 73). Holding two keys or more, which one is spent stays a question
    (``option.spends_unheld``); holding nothing, nothing held can stand in for it. Only for a change seen on this
    level holding so (``source`` "here"): a change only implied or hoped for, spending a key it never spent here, is
    a question a plan does not count on (a guess's spend is ``evidence.rebind``'s). And not where the letter named is
    the one key this very object spent each time it changed here: that says which key the object takes, a pairing
    (``dead-end-pairs``, ``opens: aB bC``, saw door C open holding key b and spend it; holding key a alone is that
    pairing's question, and a plan that counted on it walked key a to C in episode 2: 37 steps for 22). An object
    that spent another key too takes more than one (rooms4-28-s509-any+consumed: door D spent key a holding a, and
    its own d holding a and d; holding f alone, it spends f)."""
    outcome = found.outcome
    if outcome is None or found.source != "here" or len(held) != 1 or len(outcome.lost) != 1:
        return found
    own = lk.letter.lower() if lk.letter else ""
    token = outcome.lost[0]
    if (own if token == "own" else token) in held or _spent_here(beliefs, unit, lk, token):
        return found
    (key,) = held
    return replace(found, outcome=replace(outcome, lost=("own",) if key == own else (key,)))


def _spent_here(beliefs: "Beliefs", unit: tuple, lk: Look, token: str) -> bool:
    """Whether the key ``token`` names is the only key this object (its letter, its state) spent when it changed on
    this level."""
    state, letter, own = "open" if lk.open else "closed", f"letter:{lk.letter}", lk.letter.lower()
    spent = {own if t == "own" else t for f in beliefs.model.units.get(unit, {}).values()
             if beliefs.level in f.levels and state in f.feats and letter in f.feats for t in f.outcome.lost}
    return spent == {own if token == "own" else token}


def _expect(beliefs: "Beliefs", action: str, role: str, lk: Look, held: frozenset, hoping: bool) -> Expectation:
    """``expect`` before the key it spends is named (``spent_held``)."""
    model, level, unit = beliefs.model, beliefs.level, (action, role, lk.kind)
    p = beliefs.predict(action, role, lk, held)
    what = _Said(action, lk, held)
    if p.known and p.outcome.changes and not p.extrapolated and p.basis == "this level" and (
            letter_verdict(model, level, unit, lk, held) is False):
        if not hoping:  # what other holdings of this kind did, against what this very door's keys showed
            return NOTHING
        return Expectation(p.outcome, 0.5, "guess", f"trying {what}: never tried ({p.outcome.text()} "
                                                      f"holding like this elsewhere; not what this {lk.kind}'s "
                                                      f"keys say)")
    if p.known and p.outcome.changes:
        if p.extrapolated:  # only seen holding otherwise: as likely as the one-fact rules that fit say
            chance = implied(model, level, unit, lk, held)
            nothing_needed = worked_holding_nothing(model, unit, lk)
            tie = chance == 0.5 and (not lk.letter or nothing_needed) and never_failed(model, unit, lk)
            if tie and nothing_needed:
                chance = 1.0
            if chance > 0.5 or tie:  # a tie on an object without a letter: nothing held can pair with it
                own = _implied_here(beliefs, unit, lk, held)  # what this very object did outranks its kind
                voted = not tie and chance < 1
                kept = voted and keeps_needed(model, level, unit, lk, held)
                letter = voted and not kept and keeps_own(model, level, unit, lk, held)
                return Expectation(own[1] if own is not None else p.outcome, chance, "implied",
                                   f"{what}: implied by what it did holding otherwise ({chance:.0%}"
                                   f"{'; every key it had each time is held' if kept else ''}"
                                   f"{'; its own letter, held each time, is held' if letter else ''})",
                                   voted=voted, kept=kept, own=letter)
            if not hoping:
                return NOTHING
            return Expectation(p.outcome, chance, "guess",
                               f"trying {what}: never tried ({p.outcome.text()} when holding otherwise)")
        basis = "here" if p.basis == "this level" else "pooled"
        chance = trust(p)
        mine = vote_here(model, level, unit, lk, held, p.outcome) if basis == "pooled" else None
        if mine is not None and mine < chance:  # this level's rules: no surer than what it showed
            return _voted_here(p, mine, what, hoping)
        credit = held_credit(model, level, unit, lk, held)
        if credit is not None and credit < 1:  # seen here only holding more keys: which one it needed is open
            if basis == "here":
                return _credited(beliefs, unit, lk, held, p, credit, what, hoping)
            here = _as_here(beliefs, unit, lk, p) if credit > chance else None
            if here is not None:  # other levels' weaker word does not lower what this level's own record says
                return _credited(beliefs, unit, lk, held, here, credit, what, hoping)
        if chance <= 0.5:  # a few other levels only: worth a try at most
            if not hoping:
                return NOTHING
            return Expectation(p.outcome, chance, "guess", f"trying {what}: seen on {p.levels} of "
                                                             f"{p.votes + p.silent} levels ({chance:.0%} chance)")
        return Expectation(p.outcome, chance, basis, f"{what}: seen {p.seen}× on {p.levels} level"
                                                     f"{'' if p.levels == 1 else 's'}")
    if not p.known:  # a combination of keys never held here: as the one-fact rules that fit what was seen here vote
        implication = _implied_here(beliefs, unit, lk, held)
        if implication is not None:
            chance, outcome = implication
            return Expectation(outcome, chance, "implied", f"{what}: implied by what it did holding otherwise "
                                                           f"({chance:.0%})")
    if not hoping:
        return NOTHING
    if p.known and p.basis == "this level" and not p.extrapolated and not untried_pairing(model, unit, lk, held):
        return NOTHING
    if p.known and p.basis == "this level" and letter_verdict(model, level, unit, lk, held) is False:
        return NOTHING  # a guess of no change that this very object's own keys bear out: nothing to hope for
    hope = model.optimistic(unit, "open" if lk.open else "closed")
    if hope is None:
        return NOTHING
    hope = rebind(model, hope, lk, held, unit)
    if not p.known:
        return Expectation(hope, 1.0, "untried", f"trying {what}: never tried")
    chance = 0.5 if p.extrapolated or p.basis == "this level" else change_trust(p)
    return Expectation(hope, chance, "untried", f"trying {what}: never tried here ({chance:.0%} chance)")


class _Said:
    """What was tried, as the Why line says it ("open_door on door B holding key a"), put into words only where an
    expectation is made (a plan asks ``expect`` hundreds of times, and nearly half the answers are ``NOTHING``)."""

    __slots__ = ("action", "lk", "held", "text")

    def __init__(self, action: str, lk: Look, held: frozenset) -> None:
        self.action, self.lk, self.held, self.text = action, lk, held, None

    def __format__(self, spec: str) -> str:
        if self.text is None:
            self.text = f"{self.action} on {describe(self.lk)}" + (
                f" holding {_keys(self.held)}" if self.held else " holding nothing")
        return format(self.text, spec)


def _credited(beliefs: "Beliefs", unit: tuple, lk: Look, held: frozenset, p, credit: float, what: "_Said",
              hoping: bool) -> Expectation:
    """An effect seen on this level only while more keys were held, counted on at the share of the rules that
    fit (``evidence.held_credit``), or at what other levels saw in this very situation where that says more;
    below an even chance it is a guess worth a try at most."""
    pooled = beliefs.model.pooled(unit, features(lk.letter, lk.open, held), beliefs.level)
    if pooled.known and not pooled.extrapolated and pooled.outcome == p.outcome:
        credit = max(credit, trust(pooled))
    if credit > 0.5:
        return Expectation(p.outcome, credit, "implied", f"{what}: implied by what it did holding more keys "
                                                       f"({credit:.0%})", voted=credit < 1)
    if not hoping:
        return NOTHING
    return Expectation(p.outcome, credit, "guess", f"trying {what}: never tried ({p.outcome.text()} when holding "
                                                 f"more keys, {credit:.0%} chance)")


def _as_here(beliefs: "Beliefs", unit: tuple, lk: Look, p):
    """``p`` with the outcome this very object had each time it changed on this level (what it spent may be other
    than what other levels saw), or None where it changed here more than one way."""
    state, letter = "open" if lk.open else "closed", f"letter:{lk.letter}"
    seen = {f.outcome for f in beliefs.model.units.get(unit, {}).values()
            if f.outcome.changes and beliefs.level in f.levels and state in f.feats and letter in f.feats}
    return replace(p, outcome=seen.pop()) if len(seen) == 1 else None


def _voted_here(p, chance: float, what: "_Said", hoping: bool) -> Expectation:
    """What other levels predict for an object whose own changes on this level were otherwise, counted on only at
    this level's vote (``evidence.implied``): a doubt the planner prices above an even chance, a guess below."""
    if chance > 0.5:
        return Expectation(p.outcome, chance, "implied", f"{what}: seen on {p.levels} levels, but otherwise here "
                                                         f"({chance:.0%})", voted=True)
    if not hoping:
        return NOTHING
    return Expectation(p.outcome, chance, "guess", f"trying {what}: seen on {p.levels} levels, but otherwise here "
                                                   f"({chance:.0%} chance)")


def _implied_here(beliefs: "Beliefs", unit: tuple, lk: Look, held: frozenset):
    """(chance, outcome) when, on this level, this unit changed objects like this one (same letter, same state)
    and what every such change had in common (DOORMAX: the conjunction of the situations' features, say "holding
    key c") holds now and held in no situation where it changed nothing; the chance is Laplace's rule over the
    changes seen, and the outcome is theirs where they agree (door C spent its own letter holding key c: holding
    keys b and c it spends c too, not the key b that door A spent), else the kind's most eventful. Else None."""
    state = "open" if lk.open else "closed"
    like = f"letter:{lk.letter}" if lk.letter else state
    here = [f for f in beliefs.model.units.get(unit, {}).values()
            if state in f.feats and like in f.feats and beliefs.level in f.levels]
    changed = [f for f in here if f.outcome.changes]
    if not changed or (not held and lk.letter and all("holds:nothing" not in f.feats for f in changed)):
        return None  # every change held some key: what they had in common holds "not holding nothing" too
    common = frozenset.intersection(*(f.feats for f in changed))
    if not common <= features(lk.letter, lk.open, held) or any(
            common <= f.feats for f in here if not f.outcome.changes):
        return None
    seen = sum(f.count for f in changed)
    outcomes = {f.outcome for f in changed}
    outcome = outcomes.pop() if len(outcomes) == 1 else beliefs.model.optimistic(unit, state)
    return (seen + 1) / (seen + 2), rebind(beliefs.model, outcome, lk, held, unit)


def describe(lk: Look) -> str:
    text = f"{lk.kind} {lk.letter}" if lk.letter else lk.kind
    return ("open " + text) if lk.open else text


def _keys(held) -> str:
    return ", ".join(f"key {k}" for k in sorted(held))
