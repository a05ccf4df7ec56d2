"""The work a walk on the learned ground costs does not grow with the grid: what a move into a cell does is asked of
the model once per distinct look of cell (a few dozen on a 32x32 level of six rooms), not once per cell, and each
further set of keys held costs as many questions again, not a scan of the grid."""

from __future__ import annotations

from procmem_tui.agents.effects import Beliefs
from procmem_tui.memory.imagine import base_looks
from procmem_tui.memory.paths import walk_tree
from procmem_tui.world import Action, generate

from model_play import play_steps as _play

ROOMS = generate("rooms", 32, 507, rooms=6)


def _counted(beliefs: Beliefs) -> list:
    """The questions put to ``beliefs`` from now on: a prediction for a look, or a move into one cell."""
    calls = []
    for name in ("predict", "move_outcome"):
        ask = getattr(beliefs, name)

        def counted(*args, ask=ask, name=name):
            calls.append(name)
            return ask(*args)

        setattr(beliefs, name, counted)
    return calls


def test_a_walk_on_32x32_asks_the_model_once_per_look_not_per_cell():
    """On a 32x32 level of six rooms (about 1,150 cells with the ring around it), the ground of each keys held is
    built from at most one move prediction per distinct look, and walks reuse it: the same walk, no new question."""
    model, m, state = _play(Action.MOVE_UP, Action.MOVE_RIGHT, Action.MOVE_DOWN, layout=ROOMS)
    beliefs = Beliefs(model, m, "here")
    calls = _counted(beliefs)
    looks = len(set(base_looks(m).values())) + 2  # and: never seen, off the grid
    for keys in (frozenset(), frozenset("a"), frozenset("ab")):
        for ground in (beliefs.firm, beliefs.hopeful):
            walk_tree(ground, state._replace(keys=keys))
    assert 0 < len(calls) <= 6 * looks < 200  # 3 sets of keys x 2 grounds, not x 1,156 cells
    asked = len(calls)
    first = walk_tree(beliefs.hopeful, state)
    assert walk_tree(beliefs.hopeful, state) == first and len(calls) == asked
    door = next(pos for pos, lk in base_looks(m).items() if lk.kind == "door")
    walk_tree(beliefs.hopeful, state._replace(opened=frozenset({door})))
    assert len(calls) - asked <= 4, "a door opened: that cell is asked again, not the grid"
