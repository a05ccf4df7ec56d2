"""What the agent expects of its actions comes from its learned world model only (agents/effects.py): nothing is
known before it is seen, which neighbour an action acts on is learned, and beliefs are per level, then pooled."""

from __future__ import annotations

from procmem_tui.agents.effects import MOVE, Beliefs, Option
from procmem_tui.memory.paths import walk_tree
from procmem_tui.memory.world_model import AHEAD, features
from procmem_tui.world import Action, State, parse_level

from model_play import BETWEEN, play_steps as _play

OPEN = Action.OPEN_DOOR.value


def test_an_empty_model_knows_nothing_not_even_that_walls_block():
    """Before any step the firm ground walks nowhere (no move is known to go anywhere) and the hopeful ground
    walks through the walls; one bump into a wall teaches that every wall blocks."""
    model, m, state = _play()
    beliefs = Beliefs(model, m, "here")
    assert walk_tree(beliefs.firm, state)[0] == {state.pos: 0}
    assert (3, 0) in walk_tree(beliefs.hopeful, state)[0] and (0, 0) in walk_tree(beliefs.hopeful, state)[0]
    model, m, state = _play(Action.MOVE_DOWN, Action.MOVE_LEFT)  # onto key a, then into the wall left of it
    beliefs = Beliefs(model, m, "here")
    assert not beliefs.hopeful.passable((2, 0), state) and not beliefs.hopeful.passable((0, 0), state)
    assert beliefs.firm.passable((3, 0), state._replace(pos=(3, 1))), "a move onto a key was seen"
    assert not beliefs.firm.passable((3, 1), state), "never a move onto floor: not known to go"


def test_which_neighbour_open_door_acts_on_is_learned_from_what_changed():
    """Holding key a, open_door opens A and not B: the fact is filed under door A only (B was not acted on), and
    only A is believed to open with key a; a failed try with nothing held is filed under both doors."""
    model, m, state = _play(Action.MOVE_DOWN, Action.PICKUP_KEY, Action.MOVE_UP, Action.OPEN_DOOR)
    assert state.opened == {(2, 1)}
    opened = [(unit, fact.feats) for unit, fact in model.facts() if unit[0] == OPEN and fact.outcome.object]
    assert opened and all("letter:A" in feats for _, feats in opened)
    assert not any("letter:B" in f.feats for u, f in model.facts() if u[0] == OPEN)
    failed, _, _ = _play(Action.OPEN_DOOR)
    letters = {f for u, fact in failed.facts() if u[0] == OPEN for f in fact.feats if f.startswith("letter:")}
    assert {"letter:A", "letter:B"} <= letters


def test_what_is_learned_is_known_on_that_level_and_pooled_elsewhere():
    """A failed open_door is known on its level ("here": no chance left to try); on another level the same
    situation is only pooled evidence (a chance, not a certainty)."""
    model, m, state = _play(Action.OPEN_DOOR)
    here, elsewhere = Beliefs(model, m, "here"), Beliefs(model, m, "elsewhere")
    assert here.doubt(OPEN, frozenset(), (2, 1)) == "here"
    assert here.chance(OPEN, (2, 1), frozenset()) is None
    assert elsewhere.doubt(OPEN, frozenset(), (2, 1)) == "pooled"
    assert elsewhere.chance(OPEN, (2, 1), frozenset()) is not None


def test_an_action_never_tried_so_is_hoped_for_and_the_why_says_so():
    """Door A opened with key a; door B holding key a was never tried: the planner may hope it opens (what
    open_door did holding otherwise), counted as a try, and the expectation's words say 'never tried'."""
    model, m, state = _play(Action.MOVE_DOWN, Action.PICKUP_KEY, Action.MOVE_UP, Action.OPEN_DOOR)
    beliefs = Beliefs(model, m, "here")
    at = State((3, 1), frozenset("a"), frozenset(), frozenset({(3, 0)}))
    dist = walk_tree(beliefs.firm, at)[0]
    hoped = [o for o in beliefs.options(at, dist, hoping=True) if o.cell == (4, 1)]
    assert hoped and hoped[0].expectation.hoped
    assert "trying open_door on door B holding key a: never tried" in hoped[0].expectation.evidence


def test_the_agent_learns_a_pairing_it_has_never_seen_from_what_happens():
    """On a level where key a opens door B (opens: aB), nothing tells the agent so: after playing it, its model
    expects open_door on door B holding key a to open it (seen on this level), and it plays the level optimally."""
    from procmem_tui.agents import make_agent
    from procmem_tui.memory import SkillLibrary
    from procmem_tui.memory.world_model import features
    from procmem_tui.session import LevelSource, Session

    level = parse_level("; name: pairing\n; opens: aB\n; max_steps: 60\n#######\nG.B.@.a\n#######\n")
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(level), agent)
    summaries = [session.run_episode() for _ in range(4)]
    seen = agent.model.predict(("open_door", "beside", "door"), features("B", False, frozenset("a")), agent.fingerprint)
    assert seen.known and seen.outcome.object == "opened" and seen.basis == "this level"
    assert summaries[-1].steps == summaries[-1].optimal_steps == 10


def _goal_hope(beliefs: Beliefs, cell, held: frozenset):
    """What entering the goal at ``cell`` holding ``held`` is counted on, and the same reached through cells no
    move was tried into."""
    at = State((cell[0] - 1, cell[1]), held)
    lk = beliefs.look(cell, at)
    known = beliefs.expect(MOVE, AHEAD, lk, held, hoping=False)
    walked = Option(cell, lk, Action.MOVE_RIGHT, AHEAD, at.pos, 1, known, at)._replace_hope().expectation
    return known, walked


def test_a_goal_reached_holding_nothing_is_known_to_win_holding_a_key():
    """The goal won holding nothing needs nothing held: holding a key (which cannot pair with an object without
    a letter) it is counted on, not a coin, and walking to it through untried cells is an even chance."""
    model, m, _ = _play(Action.MOVE_LEFT, Action.MOVE_LEFT, layout=parse_level("; max_steps: 9\nG.@.G\n"))
    known, walked = _goal_hope(Beliefs(model, m, "here"), (4, 0), frozenset("a"))
    assert known.works and known.p == 1.0 and "implied" in known.evidence
    assert walked.hoped and walked.p == 0.5


def test_a_goal_reached_only_holding_a_key_is_a_coin_holding_nothing():
    """The goal won only holding key a may need a key: holding nothing it is a 50/50 tie, and reaching it through
    untried cells halves that again (two doubts stack), so such a route is a long shot."""
    model, m, _ = _play(Action.MOVE_DOWN, Action.PICKUP_KEY, Action.MOVE_UP, Action.OPEN_DOOR, Action.MOVE_LEFT,
                        Action.MOVE_LEFT, Action.MOVE_LEFT)
    known, walked = _goal_hope(Beliefs(model, m, "here"), (6, 1), frozenset())
    assert not known.works and known.p == 0.5
    assert walked.hoped and walked.p == 0.25


def test_a_door_opened_holding_two_keys_leaves_either_key_alone_doubted():
    """Door A failed holding nothing and opened holding keys a and b: the one-fact rules "holds its own letter"
    and "holds another key" both fit, so either key alone is counted on only as their split vote (``voted``,
    which the planner charges a try's risk for); both keys together are known to open it."""
    layout = parse_level("; name: twokeys\n; max_steps: 30\nG.A@...\n###ba##\n")
    moves = (Action.OPEN_DOOR, Action.MOVE_DOWN, Action.PICKUP_KEY, Action.MOVE_RIGHT, Action.PICKUP_KEY,
             Action.MOVE_UP, Action.MOVE_LEFT, Action.OPEN_DOOR)
    model, m, state = _play(*moves, layout=layout)
    assert state.opened == {(2, 1)}
    beliefs = Beliefs(model, m, "here")
    door = beliefs.look((2, 1), State((3, 1), frozenset()))
    alone = [beliefs.expect(OPEN, "beside", door, frozenset(k), hoping=False) for k in "ab"]
    assert all(e.works and e.voted and 0.5 < e.p < 1 for e in alone)
    both = beliefs.expect(OPEN, "beside", door, frozenset("ab"), hoping=False)
    assert both.works and not both.voted and both.p == 1.0


def test_a_door_shut_holding_b_and_c_and_opened_holding_a_b_and_c_is_opened_by_key_a():
    """A pairing (``opens: aB``): door B stayed shut holding key b, then keys b and c, and opened holding keys a, b
    and c. Among the rules over what is held with keys named ("holds key a"), only "holds key a" fits what this
    door did ("holds another letter" does not: b and c stayed shut), so key a alone is counted on (the route that
    skips keys b and c is planned, not feared). Once B has also opened holding a alone, key c is not counted on
    because "holding another letter" opened it there: this door's own keys say only a does (a guess at most)."""
    layout = parse_level("; name: pairs\n; opens: aB\n; max_steps: 40\nG.B@....\n###abc##\n")
    R, L, U, D, TAKE, OPEN_ = (Action.MOVE_RIGHT, Action.MOVE_LEFT, Action.MOVE_UP, Action.MOVE_DOWN,
                               Action.PICKUP_KEY, Action.OPEN_DOOR)
    moves = (R, D, TAKE, U, L, OPEN_, R, R, D, TAKE, U, L, L, OPEN_, D, TAKE, U, OPEN_)
    model, m, state = _play(*moves, layout=layout)
    assert state.opened == {(2, 1)} and state.keys == frozenset("abc")
    beliefs = Beliefs(model, m, "here")
    door = beliefs.look((2, 1), State((3, 1), frozenset()))
    a_alone = beliefs.expect(OPEN, "beside", door, frozenset("a"), hoping=False)
    assert a_alone.works and a_alone.p == 1.0 and not a_alone.voted
    opened = next(f.outcome for f in model.units[(OPEN, "beside", "door")].values() if f.outcome.changes)
    model.learn((OPEN, "beside", "door"), features("B", False, frozenset("a")), opened, "here")
    beliefs = Beliefs(model, m, "here")
    assert not beliefs.expect(OPEN, "beside", door, frozenset("c"), hoping=False).works
    guess = beliefs.expect(OPEN, "beside", door, frozenset("c"), hoping=True)
    assert guess.source == "guess" and guess.p == 0.5 and guess.outcome.changes


def test_a_door_opened_once_holding_two_keys_is_not_sure_to_open_holding_one_of_them():
    """A pairing (``opens: bC``): door B stayed shut holding key a (so no rule over the holding signature fits every
    door here: not "always", not "any key", not "its own letter"), then door C opened once holding keys a and b.
    "Holds key a" and "holds key b" both fit that one opening, so holding key a alone or key b alone (the same
    holding signature as a and b: another letter) door C is an even chance, hoped for at most, not "seen 1×" at
    chance 1; holding both keys it is known."""
    layout = parse_level("; name: credit\n; opens: bC\n; max_steps: 40\nG.C@.B.\n###ab##\n")
    R, L, U, D, TAKE, OPEN_ = (Action.MOVE_RIGHT, Action.MOVE_LEFT, Action.MOVE_UP, Action.MOVE_DOWN,
                               Action.PICKUP_KEY, Action.OPEN_DOOR)
    model, m, state = _play(D, TAKE, U, R, OPEN_, D, TAKE, U, L, OPEN_, layout=layout)
    assert state.opened == {(2, 1)} and state.keys == frozenset("ab")
    beliefs = Beliefs(model, m, "here")
    door = beliefs.look((2, 1), State((3, 1), frozenset()))
    for key in "ab":
        assert not beliefs.expect(OPEN, "beside", door, frozenset(key), hoping=False).works
        guess = beliefs.expect(OPEN, "beside", door, frozenset(key), hoping=True)
        assert guess.source == "guess" and guess.p == 0.5 and guess.outcome.changes
    both = beliefs.expect(OPEN, "beside", door, frozenset("ab"), hoping=False)
    assert both.works and not both.voted and both.p == 1.0


def test_a_walk_on_a_hope_does_not_pass_a_closed_door_every_move_into_it_stopped():
    """Keys spent: a move into door A holding key a stopped, and once A was opened (key a spent) a move into it
    holding nothing went in, so what a move into a door does depends on more than its kind, and a closed door holding
    nothing is untried. The walks of hoped plans and shortcuts (``Beliefs.likely``) do not count on closed door B
    letting a move through (every move into a closed door stopped: one outcome serves a kind's state until two
    differ, and the way through is the action that opened its kind); exploring (the hopeful ground) still may try
    it. A walk through door B hoped so made a shortcut to door F look 9 steps shorter than it was on
    rooms3-12-s11-consumed (45 35 42 35), and was itself tried in episode 3 of rooms3-12-s7-consumed (49 44 53 44)."""
    spent = parse_level("; name: between\n; max_steps: 30\n; keys: consumed\nG.A@B.G\n###a###\n")
    model, m, state = _play(Action.MOVE_DOWN, Action.PICKUP_KEY, Action.MOVE_UP, Action.MOVE_LEFT, Action.OPEN_DOOR,
                            Action.MOVE_LEFT, layout=spent)
    assert state.pos == (2, 1) and not state.keys, "moved into the open door, key a spent"
    beliefs = Beliefs(model, m, "here")
    assert beliefs.move_outcome((4, 1), state) is None, "holding nothing, a move into a closed door is untried"
    assert not beliefs.likely.passable((4, 1), state)
    assert beliefs.hopeful.passable((4, 1), state)
    assert beliefs.likely.passable((4, 1), state._replace(opened=state.opened | {(4, 1)}))


def test_a_key_taken_holding_nothing_is_counted_on_taken_holding_another_key():
    """pickup_key took key a holding nothing and never failed on a key: holding key a at key b the one-fact rules
    tie ("always" and "holds nothing" both fit), and the simplest, "always", decides, as for an object without a
    letter: nothing suggests that a key held stops a key being taken (rooms3-12-s10-consumed: key c was never
    fetched before door B while key b was held, 32 steps for 30 for good)."""
    layout = parse_level("; name: twokeys\n; max_steps: 30\nG.A@...\n##ba###\n")
    model, m, state = _play(Action.MOVE_DOWN, Action.PICKUP_KEY, layout=layout)
    assert state.keys == {"a"}
    beliefs = Beliefs(model, m, "here")
    key = beliefs.look((2, 0), state)
    taken = beliefs.expect(Action.PICKUP_KEY.value, "here", key, frozenset("a"), hoping=False)
    assert taken.works and taken.p == 1.0 and not taken.voted


def _steps(size: int, level_seed: int, agent_seed: int, episodes: int) -> list[int]:
    from procmem_tui.agents import make_agent
    from procmem_tui.memory.library import SkillLibrary
    from procmem_tui.session import LevelSource, Session
    from procmem_tui.world import generate

    level = generate("rooms", size, level_seed, rooms=3, keys="consumed")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=agent_seed, library=SkillLibrary(seed=0)))
    return [session.run_episode().steps for _ in range(episodes)]


def test_a_consumed_key_level_does_not_walk_through_its_first_door_on_a_hope():
    """Three rooms, keys spent (rooms3-12-s7-consumed, agent seed 0): episode 2 is optimal (44), and episode 3
    walked to door A hoping to pass it holding nothing (never tried so), bumped and walked back for key a (53). A
    closed door every move into stopped is not walked through on a hope: optimal from episode 2 (issue 16:
    consumed-key levels optimal by the third episode)."""
    assert _steps(12, 7, 0, 3) == [47, 44, 44]


def test_a_key_taken_before_the_door_its_key_opens_is_found():
    """rooms3-12-s10-consumed (agent seed 3): the 30-step order takes key c while key b is held, before door B.
    Key c was counted on only at a coin (taken only holding nothing so far), and the level stayed at 32 for good;
    taken as "always" (pickup_key never failed), the order is planned. Door B holding keys b and c is a split vote
    (75 %) on a holding that keeps what B had when it opened, priced over the plays a level won is assumed to be
    played again (``optimism.AHEAD``): tested in episode 2, optimal from there (the settled level's first episode
    tested it in episode 4 before: 37 32 32 30)."""
    assert _steps(12, 10, 3, 4) == [37, 30, 30, 30]


def test_a_door_holding_its_own_key_and_another_spends_what_it_spent_before():
    """Keys spent, ``opens: bA cC``: door C stayed shut holding nothing and opened holding key c (spent), door A
    opened holding key b (spent). Holding keys b and c, door C is implied to open; what it spends is what this door
    spent when it opened (its own letter), not key b, which the kind's extrapolation read from door A ("holds key
    b": key b spent). Counted on to spend b, the order that takes both keys before door C looked as if it left no
    key for door A:
    rooms3-20-s508-aB.bA.cC+consumed stayed at 48 steps for 32 after default training and under fog."""
    layout = parse_level("; name: spend\n; opens: bA cC\n; keys: consumed\n; max_steps: 40\nG.A.C@\n####bc\n")
    R, L, U, D, TAKE, OPEN_ = (Action.MOVE_RIGHT, Action.MOVE_LEFT, Action.MOVE_UP, Action.MOVE_DOWN,
                               Action.PICKUP_KEY, Action.OPEN_DOOR)
    model, m, state = _play(OPEN_, D, TAKE, U, OPEN_, L, D, TAKE, U, L, OPEN_, layout=layout)
    assert state.opened == {(2, 1), (4, 1)} and not state.keys
    beliefs = Beliefs(model, m, "here")
    door_c = beliefs.look((4, 1), State((5, 1), frozenset()))
    both = beliefs.expect(OPEN, "beside", door_c, frozenset("bc"), hoping=False)
    assert both.works and both.outcome.object == "opened"
    assert both.outcome.lost in (("own",), ("c",)), both.outcome


def test_a_hoped_spend_of_a_key_not_held_falls_on_a_key_held():
    """Any key opens any door, keys spent: door C opened holding key b alone and spent it. Holding key c alone, the
    model's word is "key b spent", a key not held: a plan that dropped the option fetched key b for door C for good
    (unusual --view 3 rooms4-28-s508-any+consumed 113 steps for 91 from episode 2). Hoping, it is a try that spends
    the key held (which key a door takes is learned from the outcome, never named beforehand); counted on, it is
    still no option."""
    layout = parse_level("; name: anyspend\n; doors: any\n; keys: consumed\n; max_steps: 60\nG.A.C@\n##acb.\n")
    R, L, U, D, TAKE, OPEN_ = (Action.MOVE_RIGHT, Action.MOVE_LEFT, Action.MOVE_UP, Action.MOVE_DOWN,
                               Action.PICKUP_KEY, Action.OPEN_DOOR)
    model, m, state = _play(D, L, TAKE, R, U, OPEN_, D, L, L, TAKE, L, TAKE, R, U, L, OPEN_, layout=layout)
    door_c = (4, 1)
    assert len(state.opened) == 2 and state.keys == frozenset("c"), "C opened holding b, A holding a and c"
    beliefs = Beliefs(model, m, "here")
    at = state._replace(opened=state.opened - {door_c})
    dist = walk_tree(beliefs.firm, at)[0]
    hoped = [o for o in beliefs.options(at, dist, hoping=True) if o.cell == door_c]
    assert hoped and hoped[0].after.keys == frozenset() and door_c in hoped[0].after.opened
    assert hoped[0].expectation.p <= 0.5 and hoped[0].expectation.outcome.lost in (("c",), ("own",))
    assert not [o for o in beliefs.options(at, dist) if o.cell == door_c]
