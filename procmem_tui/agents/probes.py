"""Questions exploration asks of the model about one object: in which roles an action acts on it, whether trying
it is known to be useless (``doubt``), the chance it changes something (``chance``), which action takes such objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from procmem_tui.agents.evidence import held_credit, implied, letter_verdict, tried_here, untried_pairing, vote_here
from procmem_tui.agents.expectation import change_trust, event_of, trust
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.world_model import BESIDE, HERE, features
from procmem_tui.world import State

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs


def acting(beliefs: "Beliefs", action: str, lk: Look) -> list[str]:
    """The roles in which ``action`` may act on such an object: where it was seen to change things, else
    every role it was ever tried in on this kind."""
    roles = beliefs.model.roles(action)
    if roles:
        return sorted(roles)
    return [role for role in (HERE, BESIDE) if (action, role, lk.kind) in beliefs.model.units]


def doubt(beliefs: "Beliefs", action: str, keys: frozenset, pos) -> str | None:
    """"here" when ``action`` on the object at ``pos`` holding ``keys`` is known on this level to change
    nothing, "pooled" when other levels say so, else None."""
    lk = beliefs.look(pos, State(pos, keys))
    if lk is None:
        return None
    for role in acting(beliefs, action, lk):
        unit = (action, role, lk.kind)
        tried = tried_here(beliefs.model, beliefs.level, unit, lk, keys)
        if tried is not None:
            return None if tried else "here"
        p = beliefs.predict(action, role, lk, keys)
        if p.known and p.outcome.changes or untried_pairing(beliefs.model, unit, lk, keys):
            return None
        if p.known and not p.extrapolated:
            return "here" if p.basis == "this level" else "pooled"
    return None


def _untried_roles(beliefs: "Beliefs", action: str, lk, keys: frozenset):
    """The (unit, prediction) of each role ``action`` acts in on an object of look ``lk`` holding ``keys``, in
    role order, lazily; a last ``None`` where that holding was tried here (``chance`` and ``held_chance`` stop)."""
    for role in acting(beliefs, action, lk):
        unit = (action, role, lk.kind)
        if tried_here(beliefs.model, beliefs.level, unit, lk, keys) is not None:
            yield None
            return
        yield unit, beliefs.predict(action, role, lk, keys)


def chance(beliefs: "Beliefs", action: str, pos, keys: frozenset) -> float | None:
    """None when what ``action`` does to the object at ``pos`` holding ``keys`` is known on this level; else
    the chance it changes something (from other levels, 1.0 when never tried anywhere: optimism)."""
    lk = beliefs.look(pos, State(pos, keys))
    if lk is None:
        return 1.0
    best = None
    for found in _untried_roles(beliefs, action, lk, keys):
        if found is None:
            return None
        unit, p = found
        if p.known and not p.extrapolated and p.basis == "this level":
            return None
        if p.known and p.extrapolated:  # only seen holding otherwise: as the one-fact rules that fit vote
            c = implied(beliefs.model, beliefs.level, unit, lk, keys)
        elif p.known:
            c = trust(p) if p.outcome.changes else change_trust(p)
            mine = vote_here(beliefs.model, beliefs.level, unit, lk, keys, p.outcome) if p.outcome.changes else None
            c = c if mine is None else min(c, mine)
        else:  # never seen so: optimism, unless what this very object's keys showed here says otherwise
            verdict = letter_verdict(beliefs.model, beliefs.level, unit, lk, keys)
            c = 1.0 if verdict is None else float(verdict)
        best = c if best is None else max(best, c)
    return 1.0 if best is None else best


def held_chance(beliefs: "Beliefs", action: str, pos, keys: frozenset) -> float | None:
    """The chance ``action`` changes the object at ``pos`` holding ``keys`` where ``chance`` calls it known only
    because the model predicts it from this level's changes made while more keys were held (which of them it
    needed is open: ``evidence.held_credit``, what the planner counts on); None where it was tried so, or is
    known otherwise. A try at it answers which key the object needs."""
    lk = beliefs.look(pos, State(pos, keys))
    if lk is None:
        return None
    best = None
    for found in _untried_roles(beliefs, action, lk, keys):
        if found is None:
            return None
        unit, p = found
        if not (p.known and p.outcome.changes and not p.extrapolated and p.basis == "this level"):
            continue
        credit = held_credit(beliefs.model, beliefs.level, unit, lk, keys)
        if credit is not None and credit < 1:
            best = credit if best is None else max(best, credit)
    return best


def answered_by_failure(beliefs: "Beliefs", action: str, pos, more: frozenset, fewer: frozenset) -> bool:
    """Whether ``action`` on the object at ``pos`` changing nothing holding ``more`` would tell the model what it
    does holding ``fewer``: asked of a copy of the model that saw that failure (``WorldModel.supposing``), the chance
    of a change holding ``fewer`` is known or nothing. Door E opened holding keys d and e: had it stayed shut
    holding d, "holds e" would separate the two, and holding nothing it is expected to stay shut; the other way round
    (shut holding nothing) leaves holding d open. Without a change that did nothing seen for ``action`` there is
    no outcome to suppose: False."""
    lk = beliefs.look(pos, State(pos, more))
    model = beliefs.model
    nothing = next((f.outcome for (name, _, _), f in model.facts()
                    if name == action and not f.outcome.changes and not f.outcome.moved), None)
    if lk is None or nothing is None:
        return False
    units = [(action, role, lk.kind) for role in acting(beliefs, action, lk)]
    supposed = model.supposing(units, features(lk.letter, lk.open, more), nothing, beliefs.level)
    after = chance(type(beliefs)(supposed, beliefs.map, beliefs.level, beliefs.failures), action, pos, fewer)
    return after is None or after <= 0


def taker(beliefs: "Beliefs", kind: str) -> str | None:
    """The action the model saw gain the objects of ``kind`` (None: never seen)."""
    return next((a for a, _, k in beliefs.eventful_units() if k == kind and any(
        f.outcome.gained for f in beliefs.model.units[(a, _, k)].values())), None)


def can_fetch(beliefs: "Beliefs", keys: frozenset, key) -> bool:
    """Whether taking the object at ``key`` holding ``keys`` is not known here to fail."""
    lk = beliefs.look(key, State(key, keys))
    action = taker(beliefs, lk.kind) if lk is not None else None
    return action is None or doubt(beliefs, action, keys, key) != "here"


def knows(beliefs: "Beliefs", effect: str) -> bool:
    """Whether some action was ever seen to bring ``effect`` about."""
    return any(event_of(fact.outcome) == effect for _, fact in beliefs.model.facts())
