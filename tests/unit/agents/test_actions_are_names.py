"""An action's name is a label: which action opens, and which kind of object opens, is the world model's to say.
The old code asked only ``open_door`` whether a level spends a key of another letter (``provision``), and with no
sight beyond its own cell believed only a *door* opened out of sight (``procedural``, ``LevelMap``)."""

from __future__ import annotations

from procmem_tui.agents.curiosity.provision import spends_other_keys
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import Outcome, WorldModel, features
from procmem_tui.world.observation import Cell

LEVEL = "here"


def test_a_key_of_another_letter_spent_by_any_action_but_a_move_is_seen_as_spent():
    """A world where ``pickup_key`` is what opens (and spends key a at door D) spends a key of another letter as
    surely as one where ``open_door`` does; a move that spends nothing says nothing."""
    model = WorldModel()
    model.learn(("move", "ahead", "door"), features("D", False, frozenset({"a"})), Outcome(reward=-0.1), LEVEL)
    assert not spends_other_keys(model, LEVEL)
    model.learn(("pickup_key", "beside", "door"), features("D", False, frozenset({"a"})),
                Outcome(object="opened", lost=("a",), reward=1.0), LEVEL)
    assert spends_other_keys(model, LEVEL)


def test_any_lettered_object_can_be_believed_opened_out_of_sight():
    """``LevelMap.opened_unseen`` believes open the object its caller names (the caller asks the model which is
    shut), whatever its kind: the old map took only doors."""
    m = LevelMap(3, 1)
    m.objects[(0, 0)] = Cell("key", "a")
    assert m.opened_unseen((0, 0)) and (0, 0) in m.opened
    assert not m.opened_unseen((0, 0))  # already believed open: nothing changed
    assert not m.opened_unseen((2, 0))  # no object there
