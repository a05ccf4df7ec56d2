"""The learned world model: an empty model knows nothing (not even that walls block); one observed step teaches
the effect for its kind, letters generalise, and a relation never tried (a key of the door's own letter) is not
guessed."""

from __future__ import annotations

from procmem_tui.memory.imagine import Imagination
from procmem_tui.memory.world_model import WorldModel
from procmem_tui.world import Action


def test_an_empty_model_knows_nothing_not_even_that_walls_block(play):
    """Before any step, moving into a wall, a box, the edge or the goal is unknown."""
    model, m, b = play([])
    imag = Imagination(model, m, "classic")
    for action in Action:
        if action.value.startswith("move"):
            assert not imag.move(action, b)[2].known
    assert list(model.facts()) == []


def test_one_bump_teaches_that_the_edge_blocks_and_one_pickup_that_keys_are_taken(play):
    """Left from the start is the edge: after one bump it is known to block; picking up key a teaches 'gone, key
    (its own letter) gained', which the model then expects of any key."""
    model, m, b = play(["move_left", "move_up", "move_up", "move_right", "move_right", "pickup_key"])
    imag = Imagination(model, m, "classic")
    edge = imag.move(Action.MOVE_LEFT, b._replace(pos=(0, 0)))[2]
    assert edge.known and not edge.outcome.moved
    here = imag.acts(Action.PICKUP_KEY, b._replace(held=frozenset(), gone=frozenset()))[0][2]
    assert here.known and here.outcome.object == "gone" and here.outcome.gained == ("own",)


def test_a_relation_never_tried_is_not_guessed(play):
    """open_door next to door A was only tried holding nothing: holding key a (the door's own letter) is unknown."""
    model, m, b = play(["move_up", "move_up", "move_right", "move_right", "move_up", "open_door"])
    imag = Imagination(model, m, "classic")
    at_door = b._replace(pos=(2, 3))
    holding = at_door._replace(held=frozenset("a"))
    door = [p for c, lk, p in imag.acts(Action.OPEN_DOOR, holding) if lk is not None and lk.kind == "door"]
    assert door and not door[0].known


def test_the_model_round_trips_through_json(play):
    """dump/load keep every fact; a document of another version loads as an empty model."""
    model, _, _ = play(["move_left", "move_up"])
    again = WorldModel.load(model.dump())
    assert again.dump()["units"] == model.dump()["units"]
    assert list(WorldModel.load({"version": 99}).facts()) == []


def test_an_answer_kept_across_versions_is_what_asking_again_gives():
    """``predict`` keeps an answer past a new version only while nothing was filed under its unit: the kept answer
    equals a fresh model's; a count grown within a version is read at once, also from an answer a caller kept
    (``Prediction.seen`` counts its facts live; it used to give the count as the answer was first made)."""
    from procmem_tui.memory.world_model import Outcome, features

    wall, floor = ("move", "ahead", "wall"), ("move", "ahead", "floor")
    feats = features("", False, frozenset())
    model = WorldModel()
    model.learn(wall, feats, Outcome(), "L")
    first = model.predict(wall, feats, "L")
    model.learn(floor, feats, Outcome(moved=True), "L")  # a new version, another unit
    assert model.predict(wall, feats, "L") is first
    model.learn(wall, feats, Outcome(), "L")  # the same fact again: its count grows, the version stays
    assert model.predict(wall, feats, "L").seen == 2 and first.seen == 2
    model.learn(floor, feats, Outcome(moved=True), "M")  # a new version
    assert model.predict(wall, feats, "L") == WorldModel.load(model.dump()).predict(wall, feats, "L")
    assert model.predict(wall, feats, "L").seen == 2


def test_other_levels_count_a_fact_seen_on_several_of_them_once():
    """The pooled answer's count is the observations behind it: a fact seen on two other levels is counted once, not
    once per level that votes with it, and a count that grows later is read live."""
    from procmem_tui.memory.world_model import Outcome, features

    wall, feats = ("move", "ahead", "wall"), features("", False, frozenset())
    model = WorldModel()
    model.learn(wall, feats, Outcome(), "L")
    model.learn(wall, feats, Outcome(), "M")
    pooled = model.predict(wall, feats, "N")
    assert (pooled.basis, pooled.levels, pooled.seen) == ("other levels", 2, 2)
    model.learn(wall, feats, Outcome(), "M")
    assert pooled.seen == 3 and model.predict(wall, feats, "N").seen == 3
