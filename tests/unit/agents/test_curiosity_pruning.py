"""The curiosity search (agents/curiosity/search.py) spends its bounded number of situations on changes that could
lead somewhere: not on a change every simple rule fitting what was seen here says does not happen, and not on an
opening that brings nothing worth trying into reach."""

from __future__ import annotations

import numpy as np

from procmem_tui.agents.curiosity import _Search
from procmem_tui.memory.world_model import Outcome, features
from test_curiosity import BUMPED, LEVEL, WALKED, _model, _seen, _try

OPENED = Outcome(object="opened", reward=1.9)
TAKEN = Outcome(object="gone", gained=("own",), reward=1.0)
HALL = "##############\n#G#.#.#.#.#.##\n#F#A#B#C#D#E##\n#@..........f#\n##############\n"


def _door(model, letter: str, held: str, outcome: Outcome, is_open: bool = False) -> None:
    model.learn(("open_door", "beside", "door"), features(letter, is_open, frozenset(held)), outcome, LEVEL)


def test_a_door_no_fitting_rule_opens_is_not_counted_on():
    """Door A opened holding its own key, door B stayed shut holding another, door B opened holding its own: of the
    one-fact rules over what is held only "holds its own letter" fits, so door F holding keys a to e is not
    counted on to open (the old search hoped it would, as door A did, and went to try it holding them)."""
    m, now = _seen(HALL)
    now = now._replace(held=frozenset("abcde"))
    model = _model(("floor", WALKED), ("wall", BUMPED))
    _door(model, "A", "a", OPENED)
    _door(model, "B", "a", BUMPED)
    _door(model, "B", "ab", OPENED)
    search = _Search(model, m, LEVEL, np.random.default_rng(0))
    dist, _ = search.walk(now)
    assert all((1, 2) not in nxt.opened for _, _, _, nxt, *_ in search.changes(now, dist, search._active(now, dist)))


def _hall_model():
    """Everything on the hall known but the goal: keys are taken, a door opens holding its own key (F stayed shut
    holding keys a to e), nothing else changes anything."""
    model = _model(("floor", WALKED), ("wall", BUMPED), ("edge", BUMPED))
    for held in ("", "a", "ab", "abcde", "abcdef"):
        keys = frozenset(held)
        model.learn(("move", "ahead", "key"), features("f", False, keys), WALKED, LEVEL)
        model.learn(("pickup_key", "here", "key"), features("f", False, keys), TAKEN, LEVEL)
        model.learn(("open_door", "beside", "key"), features("f", False, keys), BUMPED, LEVEL)
        for kind in ("floor", "wall"):
            model.learn(("pickup_key", "here", kind), features("", False, keys), BUMPED, LEVEL)
            model.learn(("open_door", "beside", kind), features("", False, keys), BUMPED, LEVEL)
        for letter in "ABCDEF":
            model.learn(("move", "ahead", "door"), features(letter, False, keys), BUMPED, LEVEL)
            model.learn(("move", "ahead", "door"), features(letter, True, keys), WALKED, LEVEL)
            model.learn(("pickup_key", "here", "door"), features(letter, True, keys), BUMPED, LEVEL)
            _door(model, letter, held, BUMPED, is_open=True)
    _door(model, "A", "abcde", OPENED)
    _door(model, "F", "abcde", BUMPED)
    _door(model, "F", "abcdef", OPENED)
    return model


def test_openings_into_dead_ends_do_not_fill_the_search_before_the_way_on():
    """Holding keys a to e beside five doors they open, each into a dead end with nothing to try, and key f at the
    end of the hall for door F before the untried goal: the search finds the goal beyond key f and door F. The old
    search expanded every order of opening the dead ends, used up its situations and found nothing to do."""
    m, now = _seen(HALL)
    now = now._replace(held=frozenset("abcde"))
    model = _hall_model()
    for seed in range(3):
        found = _try(model, m, now, seed)
        assert found is not None and found.reason.startswith("moving into goal"), found
        assert found.cost == 11 + 1 + 11 + 1 + 2, found.cost
