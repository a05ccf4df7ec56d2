"""Which key an object pairs with, where no relation over what is held does: one of the letters the map shows.

On a level where no one-fact rule over the holding signature fits what objects of a kind did ("always", nothing
held, its own letter, another letter, and the negations: door C opened holding key a alone, door B stayed shut holding
a), which key opens which door is each door's own. An object of that kind not yet seen to decide it is then paired
with one of the letters the map shows on what gives letters, each as likely as the next, less those its own record
here rules out (it stayed shut holding them) and within those it opened holding. Its chance holding ``held`` is the
share of those letters held, so holding every letter is surest, and a key near is fetched before a far door that may
need it is tried (``search.risk``). The relations' even split said nothing of what more keys would add: door D, never
tried, was 50 % holding keys a and c and 50 % holding a, b and c, and `rooms4-16-s20-aC.bD.cB` (default seed 9) walked
past key b to door D holding a and c, and 26 steps back for it.
"""

from __future__ import annotations

from procmem_tui.agents.evidence import letter_verdict, no_signature_rule, readings_chance
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.world_model import SIGNATURE, WorldModel


def letter_share(model: WorldModel, level: str, unit: tuple, lk: Look, held: frozenset,
                 letters: frozenset) -> float | None:
    """The share of the letters this object may pair with (of ``letters``: those the map shows on objects that give
    letters, and those held) that ``held`` holds; None where its kind's relations fit what objects of the kind did
    here, where its own record or the level's readings decide (``letter_verdict``, ``readings_chance``), or where no
    letter is left. A letter another object of its kind was left to pair with alone (door C opened holding key a
    alone; door B stayed shut holding a and opened holding a and c: B takes c) is not this one's, unless every letter
    left is such (no key to two doors, as ``evidence.pairing_fits`` reads a level)."""
    if not lk.letter or not letters or not no_signature_rule(model, level, unit, lk):
        return None
    if letter_verdict(model, level, unit, lk, held) is not None or \
            readings_chance(model, level, unit, lk, held) is not None:
        return None
    state = "open" if lk.open else "closed"
    records: dict = {}
    for f in model.units.get(unit, {}).values():
        if state in f.feats and level in f.levels:
            which = next((x[7:] for x in f.feats if x.startswith("letter:")), "")
            keys = {x[6:] for x in f.feats if x.startswith("holds:") and x not in SIGNATURE}
            records.setdefault(which, []).append((keys, bool(f.outcome.changes)))
    left = _left(records.get(lk.letter, []), letters)
    claimed = set()
    for which, rows in records.items():
        theirs = _left(rows, letters) if which and which != lk.letter else set()
        if len(theirs) == 1:
            claimed |= theirs
    left = (left - claimed) or left
    if not left:
        return None
    return len(left & held) / len(left)


def _left(rows: list, letters: frozenset) -> set:
    """The letters an object may pair with, by its own record ``rows`` (keys held, changed): within those it
    changed holding, none of those it stayed shut holding."""
    left = set(letters)
    for keys, changed in rows:
        left = left & keys if changed else left - keys
    return left
