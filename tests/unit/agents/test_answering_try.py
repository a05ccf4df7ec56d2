"""Of two tries at one door, the one whose failure answers the other's question is made first
(``optimism.best_shortcut``'s ``answered``, ``probes.answered_by_failure``): the hunch budget then pays one failure,
not two, and a level does not spend two later episodes on the same door."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent, probes
from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.optimism import best_shortcut
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.world_model import HERE, Outcome, features
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate

from door_records import UNIT, door_model
from test_optimism import shortcut_u_start

OPENED = Outcome(object="opened", lost=("own",), reward=2.0)
NOTHING = Outcome(reward=-0.1)


@pytest.fixture
def door_e(monkeypatch):
    """Every cell looks like door E, shut (to the model and to the what-if copy of it)."""
    monkeypatch.setattr(Beliefs, "look", lambda self, pos, state: Look("door", "E", False))


def _beliefs(model) -> Beliefs:
    return Beliefs(model, LevelMap(8, 8), "here")


def test_a_door_shut_holding_one_key_it_opened_with_answers_holding_nothing_not_the_other_way_round(door_e):
    """Door E opened holding keys d and e, door D holding d; open_door was seen to do nothing standing on key e.
    Had E stayed shut holding d, "holds e" would separate its outcomes and holding nothing it is expected
    to stay shut: that try answers the try holding nothing. Shut holding nothing, it would leave holding d open."""
    model = door_model(("E", "de", OPENED), ("D", "d", OPENED))
    model.learn(("open_door", HERE, "key"), features("e", False, frozenset("d")), NOTHING, "here")
    beliefs = _beliefs(model)
    assert probes.chance(beliefs, "open_door", (3, 3), frozenset()) is not None, "holding nothing is a question"
    assert probes.answered_by_failure(beliefs, "open_door", (3, 3), frozenset("d"), frozenset())
    assert not probes.answered_by_failure(beliefs, "open_door", (3, 3), frozenset(), frozenset("d"))
    assert len(model.units[UNIT]) == 2 and model.version == 3, "the model itself learned nothing from the what-if"


def test_without_a_failure_ever_seen_there_is_nothing_to_suppose(door_e):
    model = door_model(("E", "de", OPENED), ("D", "d", OPENED))
    assert not probes.answered_by_failure(_beliefs(model), "open_door", (3, 3), frozenset("d"), frozenset())


def test_the_try_holding_more_is_made_first_where_its_failure_answers_the_other():
    """On shortcut_u, door A tried holding nothing saves 7 steps, with key a fetched first 6: the try holding
    nothing is the best. Where a failure holding key a would answer what holding nothing does, the try holding a
    is made instead; where it would not, the order is as before."""
    _level, state, ground, dist, found = shortcut_u_start()
    asked = []

    def answered(yes):
        def ask(door, action, more, fewer):
            asked.append((door, action, more, fewer))
            return yes
        return ask

    def shortcut(**kw):
        return best_shortcut(found, state, 17, dist, lambda door, action, keys: 1.0, lambda key: True, ground=ground,
                             **kw)

    assert shortcut().key is None
    assert shortcut(answered=answered(False)).key is None
    first = shortcut(answered=answered(True))
    assert first.key == (8, 4) and (first.route, first.saving) == (11, 6) and first.answers == frozenset()
    assert asked[-1][2:] == (frozenset("a"), frozenset())


@pytest.mark.slow
def test_a_consumed_key_level_asks_its_door_once_and_ends_optimal():
    """Held-out rooms3-22-s118-consumed under fog (held-out seed 9): door E opened in episode 1 holding keys d and
    e, so holding nothing and holding d alone were never tried there. It once tried holding nothing in episode 4 and
    holding d in episode 6, each failing for 13 steps (107 61 61 74 61 74 61 61); then the try holding d came first,
    answering both (107 61 61 74 61 61 61 61). Since episode 1 stopped re-asking a door it had opened (105, and no
    question left worth a try: 105 61 61 61 61 61 61 61). Pinned: at most one failing try after episode 1, optimal
    in the last 4, and a try holding d alone, if made, is the one that answers holding nothing too (the choice
    itself: test_the_try_holding_more_is_made_first_where_its_failure_answers_the_other)."""
    level = generate("rooms", 22, 118, rooms=3, keys="consumed", view=3)
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=9, library=SkillLibrary(seed=9)))
    played = [session.run_episode() for _ in range(8)]
    steps = [p.steps for p in played]
    assert steps[0] > steps[1] == 61 and steps[4:] == [61] * 4, steps
    assert sum(s > 61 for s in steps[1:]) <= 1, steps
    reasons = {t.reason for p in played for t in p.trajectory.transitions}
    tries_holding_d = [r for r in reasons if r.startswith("explored: fetching key d to try door E")]
    assert all(r.endswith("failing, it answers holding nothing too)") for r in tries_holding_d), tries_holding_d
