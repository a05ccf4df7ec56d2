"""``options._around``: the cells next to a cell, kept per cell for ``_stand`` (asked for every object in every
situation a plan expands), are those ``paths.neighbours`` gives, in its order, kept or not."""

from __future__ import annotations

from procmem_tui.agents import options
from procmem_tui.memory.paths import neighbours


def test_the_kept_cells_around_are_the_neighbours_in_their_order(monkeypatch):
    monkeypatch.setattr(options, "_AROUND", {})
    cells = [(0, 0), (3, 7), (-1, 5), (31, 31), (3, 7)]
    first = [options._around(c) for c in cells]
    again = [options._around(c) for c in cells]  # from the kept tuples
    assert first == again == [tuple(neighbours(c)) for c in cells]
    assert again[1] is first[1]


def test_past_the_bound_all_are_dropped_and_worked_out_again(monkeypatch):
    monkeypatch.setattr(options, "_AROUND", {})
    monkeypatch.setattr(options, "AROUND_KEPT", 3)
    for x in range(7):
        assert options._around((x, 2)) == tuple(neighbours((x, 2)))
        assert len(options._AROUND) <= 3
