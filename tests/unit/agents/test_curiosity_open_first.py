"""A move into what stopped every move into it waits while an action other than a move is still worth trying beside
it (``curiosity.search._Search._opened_first``): a door bumped shut holding nothing is next tried with its key by
the action that could open it, not by another bump, which the opening would have made no question at all."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import parse_level


def _play(rows: str) -> list:
    level = parse_level(rows, "<open first>")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    steps = []
    while not session.done and len(steps) < 100:
        before = session.seen
        report = session.agent_step()
        steps.append((report.decision.action.value, sorted(before.held), report.step.events))
    return steps


@pytest.mark.parametrize(("header", "length"), [("", 18), ("; view: 1\n", 25)], ids=["full view", "sight 1"])
def test_a_door_bumped_shut_is_next_tried_with_open_door_not_with_another_bump(header, length):
    """Door A is bumped holding nothing first (moves into doors were never tried); back beside it holding key a,
    the agent opens it without bumping it again. The old order bumped it once more: 19 steps, now 18; under sight 1
    (where the order was once read in full view only) 26, now 25; a step on every level whose first door is bumped
    before its key is found."""
    steps = _play(header + ".#..\n@A.G\n.###\n..a.\n")
    opened = next(i for i, (action, _, events) in enumerate(steps) if "door_opened" in events)
    assert steps[opened][1] == ["a"]
    assert steps[opened - 1][:2] != ("move_right", ["a"]), "the door was bumped again holding its key"
    assert "goal_reached" in steps[-1][2] and len(steps) == length


def test_the_order_changes_no_worth_a_door_worth_more_to_enter_is_sought_at_that_worth_with_the_action_first():
    """A shut door was bumped (holding nothing) and open_door did nothing at an open one: holding key a, a move
    into shut door A is unknown for what is held (``UNKNOWN_HERE``), open_door there a guess (``GUESS``, half
    that). The door is sought at the move's worth, open_door done first (``_Search._entering_look``), in full
    view and under fog alike. Before, the move counted for nothing where the order applied (full view), so the door
    waited at the guess's worth: under ``--view 3`` a door left for later sent the agent to look elsewhere and walk
    back (``unusual_levels.py`` seed 0 ``rooms5-30-s502``, 215 -> 345 steps when the order was read under fog);
    where both are worth as much, the action alone is offered."""
    import numpy as np

    from procmem_tui.agents.curiosity import _Search
    from procmem_tui.memory.imagine import Look
    from procmem_tui.memory.level_map import LevelMap
    from procmem_tui.memory.world_model import Outcome, WorldModel, features
    from procmem_tui.world import Action
    from procmem_tui.world.gridworld import GridWorld

    model = WorldModel()
    model.learn(("move", "ahead", "door"), features("B", False, frozenset()), Outcome(reward=-0.1), "here")
    model.learn(("open_door", "beside", "door"), features("B", True, frozenset()), Outcome(reward=-0.1), "here")
    model.learn(("pickup_key", "here", "key"), features("b", False, frozenset()),
                Outcome(object="gone", gained=("own",), reward=1.0), "here")
    for header in ("", "; view: 1\n"):
        level = parse_level(header + "##########\n#@A......#\n#........#\n#.......G#\n##########\n", "t.txt")
        seen = GridWorld(level).observe(None, view=level.view)
        m = LevelMap(seen.width, seen.height)
        m.see(seen)
        search = _Search(model, m, "here", np.random.default_rng(0))
        door = Look("door", "A", False)
        _, _, worth, first = search._entering_look(door, frozenset("a"))
        assert worth == 0.5 and first == (Action.OPEN_DOOR, 0.25), header
        assert search._verdict(door, frozenset("a"))[1], header
