"""Where no relation over what is held fits what doors did, a door not yet seen to decide its key pairs with one of
the letters the map shows, less those another door was left to pair with alone (``curiosity.letters``): so holding
every letter is surest, and a key near is fetched before a far door that may need it is tried."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.agents.curiosity.letters import letter_share
from procmem_tui.memory import SkillLibrary
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.world_model import Outcome
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate

from door_records import UNIT, door_model

OPENED, SHUT = Outcome(object="opened", reward=2.0), Outcome()
D = Look("door", "D", False)


def test_a_door_never_tried_pairs_with_a_letter_no_other_door_was_left_to_pair_with():
    """Door C opened holding key a alone, door B stayed shut holding a and opened holding a and c: no relation over
    what is held fits ("another letter" opened C and left B shut), C pairs with a and B with c, so door D, never
    tried, takes b. Before, D holding a and c was counted on as B had opened so (and at an even split when hoped),
    holding b too no surer: rooms4-16-s20-aC.bD.cB walked past key b to D and 26 steps back for it."""
    model = door_model(("C", "a", OPENED), ("B", "a", SHUT), ("B", "ac", OPENED))
    letters = frozenset("abc")
    assert letter_share(model, "here", UNIT, D, frozenset("ac"), letters) == 0.0
    assert letter_share(model, "here", UNIT, D, frozenset("abc"), letters) == 1.0


def test_where_nothing_is_claimed_each_letter_left_is_as_likely():
    """Door C opened holding a and b, door B stayed shut holding a: no one-fact relation fits, nothing names C's key
    alone, so D holding a is one of three letters."""
    model = door_model(("C", "ab", OPENED), ("B", "a", SHUT))
    assert letter_share(model, "here", UNIT, D, frozenset("a"), frozenset("abc")) == 1 / 3


def test_where_a_relation_fits_the_letters_say_nothing():
    """Doors that open holding their own letter: "its own letter" fits, and its vote stands."""
    model = door_model(("C", "a", SHUT), ("C", "c", OPENED), ("B", "b", OPENED))
    assert letter_share(model, "here", UNIT, D, frozenset("d"), frozenset("abcd")) is None


def test_episode_1_fetches_the_key_near_before_the_far_door_that_needs_it():
    """rooms4-16-s20-aC.bD.cB (default seed 9): 77 steps for 41 in episode 1 while door D, never tried, was counted
    on holding a and c; now key b, passed near key c, is fetched before D is tried."""
    level = generate("rooms", 16, 20, rooms=4, opens="aC bD cB")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=9, library=SkillLibrary(seed=9)))
    summary = session.run_episode()
    assert summary.success and summary.steps <= 68
