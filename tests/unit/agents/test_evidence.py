"""What a door's own keys say beside what its kind's relations say (``agents/evidence.py`` ``held_credit``): which
key a door pairs with is an identity of the level, which "holds another letter" cannot name."""

from __future__ import annotations

from procmem_tui.agents.evidence import held_credit, implied, pairing_fits, readings_chance
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features

from door_records import UNIT, door_model

OPENED, SHUT = Outcome(object="opened", reward=2.0), Outcome()


def test_a_door_opened_only_holding_other_letters_is_not_counted_on_for_one_of_them_where_keys_are_not_alike():
    """Door A stayed shut holding key a and opened holding a, b and d; door C opened holding a and b. "Holds another
    letter" is the one relation over what is held that fits, and it counted on door C opening holding b alone (1.0):
    on rooms3-26-s111-aC.bA.cB (the pairing is aC) episode 2 under fog walked to C with b, found it shut and walked
    back for a (121 steps for 59). Which of a and b opens C, its own record cannot tell: an even chance (A's record
    leaves b and d open, so A claims neither)."""
    model = door_model(("A", "a", SHUT), ("A", "abd", OPENED), ("C", "ab", OPENED))
    assert held_credit(model, "here", UNIT, Look("door", "C", False), frozenset("b")) == 0.5


def test_a_door_s_own_key_named_caps_the_relation_where_keys_are_not_alike():
    """Door C stayed shut holding key c and opened holding b and c; door A opened holding c alone. "Holds another
    letter" is the one relation that fits, and it counted on A holding b alone as certain: rooms3-12-s10-aB.bC.cA
    (pairs cA) walked to A holding b in episode 2 and back for c (35 steps for 30). A's own record names c, and a door
    stayed shut holding a key, so keys are not alike here: the relation is no surer than A's own keys."""
    model = door_model(("C", "c", SHUT), ("C", "bc", OPENED), ("A", "c", OPENED))
    assert held_credit(model, "here", UNIT, Look("door", "A", False), frozenset("b")) == 0.0


def test_the_relation_stands_where_the_door_took_its_own_letter():
    """A door that opened holding its own letter pairs by the relation "its own letter", which names one key."""
    matching = door_model(("A", "b", SHUT), ("A", "ab", OPENED), ("C", "bc", OPENED))
    assert held_credit(matching, "here", UNIT, Look("door", "C", False), frozenset("c")) == 1.0


def test_a_door_opened_only_holding_other_letters_where_no_key_left_a_door_shut_is_one_vote_each():
    """Doors A and C opened holding keys a and b, and no door stayed shut holding a key: "holds another letter" (any
    key opens it: C holding b alone opens) and "one of them is C's own key" (an even chance) fit alike, and nothing
    here tells a level that pairs keys with doors from one where any key opens any door. C holding b alone was
    counted on as certain: rooms3-26-s111-aC.bA.cB (pairs aC) walked to C holding b in episode 2, 120 steps for 59.
    Each hypothesis has one vote: 75 %, a doubt the plan prices. Where a key held once left a door shut the door's
    own record caps it (the test above); where the door opened holding its own letter the relation stands."""
    anything = door_model(("A", "ab", OPENED), ("C", "ab", OPENED))
    assert held_credit(anything, "here", UNIT, Look("door", "C", False), frozenset("b")) == 0.75
    assert held_credit(anything, "here", UNIT, Look("door", "C", False), frozenset("ab")) is None


def test_another_door_opened_holding_a_key_does_not_settle_this_door_holding_it():
    """Door B opened holding key c; door C stayed shut holding keys b and c; door D opened holding b and c. D holding
    c alone was counted on as certain because some door of the kind had opened holding c or less (what a change
    needed, read over every door). Which key opens a door is that door's own where keys are not alike (a door stayed
    shut holding keys): on rooms4-16-s15-aC.bD.cB (pairs bD) episode 2 walked to D holding c, 113 steps for 74. Another
    object's change counts for this one only where nothing was held; D's own record leaves b and c an even chance."""
    model = door_model(("B", "c", OPENED), ("C", "bc", SHUT), ("D", "bc", OPENED))
    assert held_credit(model, "here", UNIT, Look("door", "D", False), frozenset("c")) == 0.5
    assert held_credit(model, "here", UNIT, Look("door", "B", False), frozenset("c")) is None


def test_a_key_another_door_claims_is_not_this_door_s_key_where_keys_are_not_alike():
    """Door B stayed shut holding key a and opened holding c (it pairs with c), door C stayed shut holding b and c and
    opened holding a, b and c (it pairs with a), door D opened only holding a, b and c. Of D's keys only b is claimed
    by no other door, so D holding a and c is not counted on (it was 2 in 3), and D holding b is: on
    rooms4-16-s17-aC.bD.cB (seed 6) the settled level tested D holding a and c in episode 6, 97 steps for 56."""
    model = door_model(("B", "a", SHUT), ("B", "c", OPENED), ("C", "bc", SHUT), ("C", "abc", OPENED),
                   ("D", "abc", OPENED))
    door_d = Look("door", "D", False)
    assert held_credit(model, "here", UNIT, door_d, frozenset("ac")) == 0.0
    assert held_credit(model, "here", UNIT, door_d, frozenset("b")) == 1.0


def test_other_levels_word_on_a_door_is_no_surer_than_this_level_where_the_door_did_otherwise_here():
    """Default levels (8 of them) opened door B holding key b and kept it. On this level (keys spent, a pairing)
    door B opened holding keys a and b and spent a, and door A opened holding b and spent it. B's own change was not
    what other levels predict, so their word (a 90 % belief, counted on as known) is no surer than what this level
    says, and holding b alone the change B showed (key a spent) cannot happen: a hope at most, an even chance.
    rooms3-20-s509-aB.bA.cC+consumed after default training walked to B holding b alone in episode 2 (83 steps for
    60), and rooms3-20-s506 (the same pairing) in episode 3 when this level's one-fact vote (67 %) was taken."""
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.memory.level_map import LevelMap

    model = WorldModel()
    for i in range(8):
        model.learn(UNIT, features("B", False, frozenset("b")), OPENED, f"default{i}")
    model.learn(UNIT, features("B", False, frozenset("ab")), Outcome(object="opened", lost=("a",), reward=2.0), "here")
    model.learn(UNIT, features("A", False, frozenset("b")), Outcome(object="opened", lost=("b",), reward=2.0), "here")
    beliefs = Beliefs(model, LevelMap(8, 8), "here")
    door_b = Look("door", "B", False)
    assert not beliefs.expect("open_door", BESIDE, door_b, frozenset("b"), hoping=False).works
    hope = beliefs.expect("open_door", BESIDE, door_b, frozenset("b"), hoping=True)
    assert hope.source == "guess" and hope.p == 0.5, hope
    elsewhere = Beliefs(model, LevelMap(8, 8), "other")
    assert elsewhere.expect("open_door", BESIDE, door_b, frozenset("b"), hoping=False).p >= 0.9


def test_a_try_is_given_no_surer_a_chance_than_what_a_plan_counts_on_where_the_door_did_otherwise_here():
    """The same evidence as above: where a plan counts on door B holding key b alone only as an even hope, a try of it
    (``probes.chance``, the chance a shortcut weighs) is not given other levels' 90 % either.
    rooms3-20-s506-aB.bA.cC+consumed after default training fetched key b in episode 3 to try door B holding it
    alone, "90 % chance", and walked back for key a (54 steps for 45)."""
    from procmem_tui.agents import probes
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.memory.level_map import LevelMap

    model = WorldModel()
    for i in range(8):
        model.learn(UNIT, features("B", False, frozenset("b")), OPENED, f"default{i}")
    model.learn(UNIT, features("B", False, frozenset("ab")), Outcome(object="opened", lost=("a",), reward=2.0), "here")
    door_b = Look("door", "B", False)
    chances = {}
    for level in ("here", "other"):
        beliefs = Beliefs(model, LevelMap(8, 8), level)
        beliefs.look = lambda pos, state: door_b
        chances[level] = probes.chance(beliefs, "open_door", (3, 3), frozenset("b"))
    assert chances["here"] == 0.5 and chances["other"] >= 0.9, chances


def test_other_levels_word_on_a_holding_signature_does_not_carry_to_a_level_where_no_such_rule_fits():
    """Default levels (8 of them) opened door D holding key d. On this level door D opened holding key a alone and
    holding a and d, door C stayed shut holding a: neither "its own letter" nor "another letter" (nor any rule over
    the holding signature) fits what doors did here, so other levels' rule (a door opens holding its own letter)
    does not carry over, and door D holding d alone is what D's own record says: it opened each time holding a, not
    without. rooms4-24-s510-aD.bA.cB.dC after default training counted on D holding d alone at 90 % in episode 3
    and walked back for key a (pairing_transfer.py --seed 7: 119 82 86 for 67, third episode not optimal)."""
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.memory.level_map import LevelMap

    model = WorldModel()
    for i in range(8):
        model.learn(UNIT, features("D", False, frozenset("d")), OPENED, f"default{i}")
    for letter, held, outcome in (("D", "a", OPENED), ("C", "a", SHUT), ("D", "ad", OPENED), ("C", "abd", OPENED)):
        model.learn(UNIT, features(letter, False, frozenset(held)), outcome, "here")
    beliefs = Beliefs(model, LevelMap(8, 8), "here")
    door_d = Look("door", "D", False)
    assert not beliefs.expect("open_door", BESIDE, door_d, frozenset("d"), hoping=False).works
    assert beliefs.expect("open_door", BESIDE, door_d, frozenset("a"), hoping=False).works
    elsewhere = Beliefs(model, LevelMap(8, 8), "other")
    assert elsewhere.expect("open_door", BESIDE, door_d, frozenset("d"), hoping=False).p >= 0.9


def test_where_no_pairing_of_one_key_to_each_door_fits_any_key_opens_a_door():
    """Door E opened holding key f alone; doors C and F each opened holding keys c and f. If each door took a key of
    its own, E takes f, so C and F would both take c: no such pairing fits, so keys are alike here and F opens holding
    f alone. Its kind's relations left that at 67 % ("holds another letter" fits too), and episode 2 under fog fetched
    key c for F (rooms4-28-s114-any, which opens any door with any key: 54 steps for 39)."""
    model = door_model(("E", "f", OPENED), ("C", "cf", OPENED), ("F", "cf", OPENED))
    assert implied(model, "here", UNIT, Look("door", "F", False), frozenset("f")) == 1.0
    assert readings_chance(model, "here", UNIT, Look("door", "F", False), frozenset()) is None


def test_a_door_whose_keys_other_doors_each_took_alone_opens_holding_either():
    """Door D opened holding key d alone, door F holding d and f, door B holding d and f: D takes d, F then f, and
    nothing is left for B, so no pairing fits and B opens holding d alone. Counted at 75 % (one vote for "one of them
    is B's own key"), episode 2 under fog fetched both keys (rooms4-28-s120-any: 74 steps for 63)."""
    model = door_model(("D", "d", OPENED), ("F", "df", OPENED), ("B", "df", OPENED))
    assert held_credit(model, "here", UNIT, Look("door", "B", False), frozenset("d")) == 1.0


def test_a_pairing_that_fits_or_a_key_that_left_a_door_shut_leaves_the_old_answer():
    """Doors A and C opened holding keys a and b: A takes a and C b, or the other way round, so the readings do not
    settle it (None: the relations' vote stands). A door shut holding a key is no level where any key opens any door."""
    both = door_model(("A", "ab", OPENED), ("C", "ab", OPENED))
    assert readings_chance(both, "here", UNIT, Look("door", "C", False), frozenset("b")) is None
    shut = door_model(("E", "c", SHUT), ("E", "f", OPENED), ("C", "cf", OPENED), ("F", "cf", OPENED))
    assert readings_chance(shut, "here", UNIT, Look("door", "F", False), frozenset("f")) is None
    assert not pairing_fits(list(shut.units[UNIT].values()))
    assert pairing_fits(list(both.units[UNIT].values()))
