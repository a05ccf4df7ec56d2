"""The world model as readable lines: an empty model says nothing (not even that walls block), one bump into a wall
gives exactly the line for walls, beliefs that depend on the keys held name them, guesses and untried relations are
marked, and ``changes`` reports only what is new or different."""

from __future__ import annotations

import json

from procmem_tui.memory.model_text import GUESS, KNOWN, UNTRIED, changes, model_json, model_lines, model_text
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features

CORRIDOR = "; name: corridor\n#@.G\n"


def test_an_empty_model_says_nothing_not_even_that_walls_block():
    """No step seen: no line at all, and the text says that nothing is known."""
    lines = model_lines(WorldModel())
    assert lines == []
    assert "nothing learned yet" in model_text(lines)[0]
    assert model_json(lines)["lines"] == []


def test_one_bump_into_a_wall_gives_exactly_the_line_for_walls(play):
    """One move into the wall: the one known line is that walls block; everything else said is about walls (a guess
    for holding a key, the other actions untried), nothing about floor, the goal or the edge."""
    lines = model_lines(play(["move_left"], CORRIDOR).model)
    assert [ln.text for ln in lines if ln.status == KNOWN] == ["moving into a wall: blocked (seen 1×, 1 level)"]
    assert {ln.kind for ln in lines} == {"wall"}
    assert any(ln.status == GUESS and "holding a key" in ln.subject for ln in lines)
    assert {ln.subject for ln in lines if ln.status == UNTRIED} == {"pickup_key at a wall", "open_door at a wall"}
    assert model_text(lines)[:2] == ["walls", "  moving into a wall: blocked (seen 1×, 1 level)"]


def test_a_level_name_and_this_level_say_where_the_evidence_comes_from(play):
    """Evidence from one level names it when its name is known, and says 'this level only' in that level's view."""
    model = play(["move_left", "move_left"], CORRIDOR).model
    assert model_lines(model, names={"corridor": "corridor"})[0].text.endswith("(seen 2×, corridor only)")
    assert model_lines(model, level="corridor")[0].text.endswith("(seen 2×, this level only)")


def _door_model() -> WorldModel:
    """A pairing level: door B opens with key a (which is spent); door A does not open with key a."""
    model = WorldModel()
    unit = ("open_door", BESIDE, "door")
    opened = Outcome(object="opened", lost=("a",), reward=2.0)
    for _ in range(2):
        model.learn(unit, features("B", False, frozenset("a")), opened, "pairs")
    model.learn(unit, features("A", False, frozenset("a")), Outcome(reward=-0.1), "pairs")
    return model


def test_a_belief_that_depends_on_the_keys_held_names_them_and_what_was_spent():
    """Outcomes that differ with the holding are told apart; a relation never tried is listed as untried."""
    texts = [ln.text for ln in model_lines(_door_model(), level="pairs")]
    assert "open_door at a door holding another key: opened, key a spent, reward +2 (seen 2×, this level only)" in texts
    assert "open_door at a door holding its own key: no effect (seen 1×, this level only)" in texts
    assert any(t.startswith("open_door at a door holding nothing") for t in texts)


def test_changes_report_new_claims_not_grown_counts(play):
    """A second bump only grows a count: no change. A first pickup that works adds its line."""
    one = model_lines(play(["move_left"], CORRIDOR).model)
    two = model_lines(play(["move_left", "move_left"], CORRIDOR).model)
    assert changes(one, two) == []
    more = model_lines(play(["move_left", "move_right"], CORRIDOR).model)
    assert changes(one, more) == [ln.marked for ln in more if ln.key not in {o.key for o in one}]
    assert "moving onto floor: moved in (seen 1×, 1 level)" in changes(one, more)
    assert changes([], one)[0] == "moving into a wall: blocked (seen 1×, 1 level)"
    assert changes([], one)[1].startswith("guess: moving into a wall holding a key: blocked")


def test_the_json_form_carries_every_line_and_the_counts():
    """JSON-safe, one entry per line with its status, and counts per status."""
    lines = model_lines(_door_model())
    data = json.loads(json.dumps(model_json(lines, steps_seen=3)))
    assert [entry["text"] for entry in data["lines"]] == [ln.text for ln in lines]
    assert data["counts"]["known"] == sum(ln.status == KNOWN for ln in lines)
    assert data["steps_seen"] == 3


def test_a_kind_seen_but_never_acted_on_is_listed_as_untried(play):
    """A box on the map that the agent never went near: every action on it is untried, nothing about it known."""
    lines = model_lines(play(["move_left"], CORRIDOR).model, kinds_seen={"box"})
    boxes = [ln for ln in lines if ln.kind == "box"]
    assert {ln.status for ln in boxes} == {UNTRIED}
    assert "moving into a box" in {ln.subject for ln in boxes}
