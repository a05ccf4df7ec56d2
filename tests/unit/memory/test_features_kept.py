"""``world_model.features`` is kept per question (a replan asks it hundreds of times, mostly again): the same
frozenset each time, equal to the one worked out afresh, and a holding that is not a frozenset is still answered."""

from __future__ import annotations

from procmem_tui.memory import world_model
from procmem_tui.memory.world_model import features


def test_features_are_kept_and_equal_to_the_worked_out_ones():
    for letter, is_open, held in (("A", False, frozenset()), ("B", True, frozenset({"b"})),
                                  ("C", False, frozenset({"a", "c"})), ("", False, frozenset({"d"}))):
        first = features(letter, is_open, held)
        assert features(letter, is_open, held) is first  # kept: the old code built it again
        assert first == world_model._features(letter, is_open, held)
    assert features("C", False, {"a", "c"}) == features("C", False, frozenset({"a", "c"}))  # a set: not kept


def test_features_say_what_the_vocabulary_says():
    assert features("B", False, frozenset({"b", "a"})) == {"letter:B", "closed", "holds:a", "holds:b", "holds:own",
                                                          "holds:other"}
    assert features("", True, frozenset()) == {"open", "holds:nothing"}


def test_features_kept_stay_bounded():
    """The memo reads only its question (immutable values), so it never goes stale; it is shared by every model of a
    process (training over many levels, a batched env), so it is emptied once it holds ``FEATURES_KEPT`` answers."""
    letters = "ABCDEFGH"
    keys = "abcdefghi"
    for n in range(1, 1 << len(keys)):
        held = frozenset(k for i, k in enumerate(keys) if n >> i & 1)
        for letter in letters:
            for is_open in (False, True):
                features(letter, is_open, held)
                assert len(world_model._FEATURES) <= world_model.FEATURES_KEPT
    assert features("A", False, frozenset("ab")) == world_model._features("A", False, frozenset("ab"))
