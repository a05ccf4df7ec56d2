"""Memory of failure (memory/failures.py): a try that cannot be undone, in a lost episode, is remembered with its
situation, per level and pooled over levels, forgiven by a win on its level, read as lines, and round-trips through
JSON; malformed data is refused."""

from __future__ import annotations

import pytest

from procmem_tui.memory.failures import Failures, Try, merge_dumps

OPEN_A = Try("open_door", "door", "A", ("a",), (2, 2))


def test_a_dead_end_is_known_on_its_level_and_counted_on_others():
    """A failed try is counted on its level and, pooled, on other levels; a different situation or another door of
    the same letter is not the same try."""
    failures = Failures()
    failures.note("trap", [OPEN_A])
    failures.note("trap", [OPEN_A])
    failures.note("other", [Try("open_door", "door", "A", ("a",), (7, 1)), Try("open_door", "door", "B", ("a", "b"))])
    assert failures.here("trap", OPEN_A) == 2 and failures.here("fresh", OPEN_A) == 0
    assert failures.elsewhere("fresh", OPEN_A) == 2 and failures.elsewhere("trap", OPEN_A) == 1
    assert failures.here("trap", Try("open_door", "door", "A", ("a", "b"), (2, 2))) == 0, "another situation"
    assert failures.here("trap", Try("open_door", "door", "A", ("a",), (6, 2))) == 0, "another door A of the level"
    assert OPEN_A.text() == "open_door on door A holding a"


def test_failures_round_trip_and_merge():
    """Failures dump and load back the same; merging dumps keeps each level once, in order."""
    failures = Failures()
    failures.note("trap", [OPEN_A])
    again = Failures.load(failures.dump())
    assert again.dump() == failures.dump() and again.here("trap", OPEN_A) == 1
    merged = merge_dumps(failures.dump(), [["new", [["open_door", "door", "B", ["b"], None, 1]]], *failures.dump()])
    assert [level for level, _ in merged] == ["trap", "new"]


@pytest.mark.parametrize("bad", ["x", [["trap", [["open_door", "door", "A", ["a"], None, 0]]]],
                                 [["trap", [["open_door", "door", "A", "a", None, 1]]]],
                                 [["trap", [["open_door", "door", "A", ["a"], [1], 1]]]]])
def test_malformed_failures_are_refused(bad):
    """Malformed failure data (not a list, a count of 0, keys as a string, a bad position) is refused with
    ValueError."""
    with pytest.raises(ValueError):
        Failures.load(bad)


def test_a_won_episode_forgives_its_tries_on_its_level_and_the_lines_read_them():
    """A try remembered as a dead end that a won episode on the same level made again led somewhere after all: it
    is forgotten there (other levels keep theirs). ``lines`` names each dead end with its cell, count and level."""
    pickup = Try("pickup_key", "key", "a", (), (1, 1))
    failures = Failures()
    failures.note("trap", [OPEN_A, OPEN_A, pickup])
    failures.note("other", [OPEN_A])
    assert failures.lines({"trap": "trap9"}, "trap") == [
        "open_door on door A holding a, at 2,2: led to a dead end 2× (trap9)",
        "pickup_key on key a holding nothing, at 1,1: led to a dead end 1× (trap9)"]
    failures.forgive("trap", [pickup])
    assert failures.here("trap", pickup) == 0 and failures.here("trap", OPEN_A) == 2
    failures.forgive("trap", [OPEN_A])
    assert "trap" not in failures.levels and failures.here("other", OPEN_A) == 1
