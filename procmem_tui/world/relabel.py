"""Generated layouts under a key–door pairing (``opens=``): the same grid, its keys and doors given letters the
pairing makes work.

A generator lays a level out with matching letters (key ``b`` for door ``B``). Under a pairing each door letter
of that layout becomes a door letter some pair opens (different layout doors get different letters), and its key
becomes a key that opens it, drawn among the pair's keys; keys that open no layout door (distractors) take letters
no needed key uses, where some are left. So the level stays solvable as the matching one was: every door has a
key that opens it in the same place. The draws come from a child of the layout's generator (``rng.spawn``), so
the geometry is the seed's under every rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from procmem_tui.world.level import KEY_LETTERS
from procmem_tui.world.rules import Rules

if TYPE_CHECKING:
    import numpy as np


def relabel_for_pairs(grid: list[list[str]], rules: Rules, rng: np.random.Generator) -> list[list[str]]:
    """A copy of ``grid`` (any cell order) with keys and doors relettered for ``rules``' pairs."""
    cells = [ch for column in grid for ch in column]
    layout_doors = sorted({ch.lower() for ch in cells if ch.isupper() and ch.lower() in KEY_LETTERS})
    openable = sorted({door for door in KEY_LETTERS if rules.key_order(door)})
    if len(layout_doors) > len(openable):
        raise ValueError(
            f"the pairing {rules.pairs_text()} opens {len(openable)} door letter(s) but this layout has "
            f"{len(layout_doors)} doors of different letters"
        )
    chosen = [str(d) for d in rng.permutation(openable)[: len(layout_doors)]]
    new_door = dict(zip(layout_doors, chosen))
    new_key = {old: str(rng.choice(rules.key_order(door))) for old, door in new_door.items()}
    layout_keys = sorted({ch for ch in cells if ch in KEY_LETTERS} - set(new_key))
    free = [k for k in KEY_LETTERS if k not in new_key.values()]
    spare = [str(k) for k in rng.permutation(free)] if free else []
    for i, old in enumerate(layout_keys):
        new_key[old] = spare[i] if i < len(spare) else str(rng.choice(list(KEY_LETTERS)))

    def letter(ch: str) -> str:
        if ch in new_key:
            return new_key[ch]
        if ch.isupper() and ch.lower() in new_door:
            return new_door[ch.lower()].upper()
        return ch

    return [[letter(ch) for ch in column] for column in grid]
