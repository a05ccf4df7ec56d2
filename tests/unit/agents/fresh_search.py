"""A deep copy of what a curiosity search reads, with everything it keeps across decisions dropped: shared by the
tests that pin that what the search keeps changes no decision."""

from __future__ import annotations

import copy


def fresh_copies(model, m, rng):
    """Copies of the world model, the level map and the generator; the copies keep nothing from earlier searches."""
    fresh_model, fresh_map, fresh_rng = copy.deepcopy((model, m, rng))
    for holder, name in ((fresh_model, "_kept_for_map"), (fresh_map, "_derived")):
        if hasattr(holder, name):
            delattr(holder, name)
    return fresh_model, fresh_map, fresh_rng
