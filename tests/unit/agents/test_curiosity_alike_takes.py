"""A recheck is worth ``RECHECK`` once, however many keys never tried there are held (one try tests them together),
and the curiosity search takes no key that changes none of its answers (``_Search._alike_holdings``): on
``distractor_keys``, where five keys lie on the way to five doors, a search no longer meets every set of keys the
level's keys can form (the search after key d is taken met 31 sets of keys in 48 situations)."""

from __future__ import annotations

from pathlib import Path

from procmem_tui.agents import make_agent
from procmem_tui.agents.curiosity.search import _Search
from procmem_tui.agents.curiosity.values import RECHECK, Values
from procmem_tui.memory.imagine import BESIDE, Imagination, Look
from procmem_tui.memory.world_model import Outcome, WorldModel, features
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, load_level

from test_curiosity import BUMPED, LEVEL, _seen


def test_a_recheck_is_worth_the_same_holding_one_or_several_keys_never_tried_there():
    """open_door stayed shut at door A holding key b and opened door B holding key b: at door A, holding keys c
    and d (neither ever held there), a try is a recheck worth ``RECHECK``, as it is holding c alone (the old code
    counted ``RECHECK`` per such key: 0.2)."""
    m, _ = _seen("#########\n#abc@A.G#\n#########\n")
    model = WorldModel()
    model.learn(("open_door", "beside", "door"), features("A", False, frozenset({"b"})), BUMPED, LEVEL)
    model.learn(("open_door", "beside", "door"), features("B", False, frozenset({"b"})), Outcome(object="opened"),
                LEVEL)
    im, values = Imagination(model, m, LEVEL), Values(model, m, LEVEL)
    door = Look("door", "A", False)
    for held in (frozenset({"c"}), frozenset({"c", "d"})):
        pred = im.predict(Action.OPEN_DOOR, BESIDE, door, held)
        assert pred.known and not pred.outcome.changes
        assert values.novelty(Action.OPEN_DOOR, BESIDE, door, held, pred) == RECHECK


def test_a_search_meets_few_sets_of_keys_on_distractor_keys(monkeypatch):
    """Episode 1 of ``distractor_keys`` from an empty library still ends at the goal; each search meets at most 11
    sets of keys held, and the first one holding key d expands a few situations, not 48."""
    met: list = []
    run = _Search.run

    def noted(self, start):
        run(self, start)
        met.append((start.held, self.expanded, len({held for held, _, _ in self._aimed})))

    monkeypatch.setattr(_Search, "run", noted)
    result = Session(LevelSource.fixed(load_level("distractor_keys")), make_agent("procmem", seed=0)).run_episode()
    assert result.success
    first_with_d = next((expanded, sets) for held, expanded, sets in met if held == {"d"})
    assert first_with_d[0] <= 6 and first_with_d[1] <= 6
    assert max(sets for _, _, sets in met) <= 11


def test_two_keys_for_doors_one_behind_the_other_are_held_together():
    """Keys e and f each matter only at their own door, and door E lies behind door F: holding both before F is a
    situation neither holding alone stands for. Each take was dropped as alike to the other, in both orders, and the
    plan opened F, then walked back through two rooms for e (125 steps). Episode 1 from an empty library now wins
    in 103 (the optimum is 70)."""
    level = load_level(Path(__file__).parent / "levels" / "keys_for_doors_in_a_row.txt")
    result = Session(LevelSource.fixed(level), make_agent("procmem", seed=0)).run_episode()
    assert result.success
    assert result.steps <= 110
