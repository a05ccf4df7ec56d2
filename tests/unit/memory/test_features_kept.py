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
