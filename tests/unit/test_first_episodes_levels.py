"""``first_episodes.py --levels``: one level of a set can be traced alone, in the set's order, with the same
layout the whole run plays; a name the set does not hold stops the run and lists what it holds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from first_episodes import chosen, level_set  # noqa: E402


def test_the_chosen_levels_are_the_sets_own_in_its_order():
    levels = level_set(True, 0)
    names = [lv.name for lv in levels]
    picked = chosen(levels, [names[-1], names[0]])
    assert [lv.name for lv in picked] == [names[0], names[-1]]
    assert picked[1] is levels[-1]
    assert chosen(levels, None) is levels


def test_a_name_the_set_does_not_hold_is_refused_with_the_sets_names():
    levels = level_set(True, 0)
    with pytest.raises(SystemExit) as refused:
        chosen(levels, ["no_such_level", levels[0].name])
    assert "no_such_level" in str(refused.value) and levels[0].name in str(refused.value)
