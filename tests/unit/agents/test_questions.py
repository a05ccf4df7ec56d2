"""Value of information (``agents/questions.py``): a cheaper try that asks the model's rules the same question as a
dearer one is made first, so a hedge the rules' split vote forced is not kept for good."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.agents.questions import kind_vote
from procmem_tui.agents.skill_plan import question
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.world_model import BESIDE
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, generate
from stand_ins import OPENED, SHUT, VoteBeliefs


def test_one_question_for_every_door_held_with_only_its_own_key():
    """Door F holding key f alone and door E holding key e alone ask the same question of the rules (they read the
    holding signature only); door E holding key f asks another."""
    f_alone = question(Action.OPEN_DOOR, "beside", Look("door", "F", False), frozenset("f"))
    e_alone = question(Action.OPEN_DOOR, "beside", Look("door", "E", False), frozenset("e"))
    e_with_f = question(Action.OPEN_DOOR, "beside", Look("door", "E", False), frozenset("f"))
    assert f_alone == e_alone
    assert e_with_f != e_alone


def _own_alone(beliefs) -> float:
    return kind_vote(beliefs, question(Action.OPEN_DOOR, BESIDE, Look("door", "E", False), frozenset("e")))


def test_a_question_is_open_where_the_rules_split_after_a_door_stayed_shut():
    """Door F stayed shut holding nothing; doors F, C and E opened holding keys e and f: "any key" and "a key of
    another letter" fit, and split on a door held with its own key alone (an even chance). Before any door was seen
    shut, "it always opens" fits as well: the kind's rules are not split by a failure, and the question is not asked
    (a locked level would otherwise test each door holding nothing)."""
    split = VoteBeliefs(("F", "", SHUT), ("F", "ef", OPENED), ("C", "ef", OPENED), ("E", "ef", OPENED))
    assert _own_alone(split) == 0.5
    never_shut = VoteBeliefs(("F", "ef", OPENED), ("C", "ef", OPENED), ("E", "ef", OPENED))
    assert _own_alone(never_shut) == 1.0


def test_a_cheap_question_settles_a_dear_one():
    """Four rooms, any key opens any door (rooms4-28-s113-any, held-out seed 2): episode 1 opens every door holding
    keys e and f, so door E holding e alone is an even split of the rules, and asking it there costs the walk back
    through two doors. The plan fetched key f as a hedge in every episode (81 steps for 58, for good). Door F asks
    the same question holding key f alone, next to key e (a failure costs the few steps to e and back): it is asked
    once its answer is worth more than it is expected to cost, and the level is optimal from then on."""
    level = generate("rooms", 28, 113, rooms=4, doors="any")
    agent = make_agent("procmem", seed=2, library=SkillLibrary(seed=2))
    session = Session(LevelSource.fixed(level), agent)
    episodes = [session.run_episode() for _ in range(5)]
    assert all(e.success for e in episodes)
    assert [e.steps for e in episodes[-2:]] == [e.optimal_steps for e in episodes[-2:]]


def test_a_door_held_with_nothing_is_asked_where_failing_fits_the_hunch_share():
    """Three rooms, keys consumed (rooms3-12-s9-consumed, default seed 2): episode 1 opened door E holding key e and
    door C holding key c and never tried a door holding nothing, so "a door opens holding nothing" is an even split
    of the rules, and it would save 21 steps at door C, where a failure costs 5 (more than an episode's hunch
    share): episode 3 tried it there (43 40 45 40). Door E asks the same question three steps from the start, where
    a failure costs 3 (within the share): episode 2 asks it there, and the level is optimal from episode 3."""
    level = generate("rooms", 12, 9, rooms=3, keys="consumed")
    agent = make_agent("procmem", seed=2, library=SkillLibrary(seed=2))
    session = Session(LevelSource.fixed(level), agent)
    episodes = [session.run_episode() for _ in range(4)]
    assert all(e.success for e in episodes)
    assert episodes[1].steps <= 1.1 * episodes[1].optimal_steps
    assert [e.steps for e in episodes[2:]] == [e.optimal_steps for e in episodes[2:]]


def test_no_cheaper_question_where_no_hunch_would_come():
    """Three rooms, keys consumed (rooms3-12-s10-consumed, default seed 3): "a door opens holding nothing" is an even
    split there too, but the dear try at door C would save 7 and its failure would cost more than the exploration
    horizon's hunch shares, so the budget never makes it: a cheaper test at door B would be a cost added, not a hunch
    moved earlier, and is not made (episode 2 stays optimal: 37 30, not 37 33)."""
    level = generate("rooms", 12, 10, rooms=3, keys="consumed")
    agent = make_agent("procmem", seed=3, library=SkillLibrary(seed=3))
    session = Session(LevelSource.fixed(level), agent)
    episodes = [session.run_episode() for _ in range(2)]
    assert episodes[1].steps == episodes[1].optimal_steps


def test_the_question_of_a_hunch_to_come_is_asked_for_no_more_than_it_would_cost():
    """Three rooms, keys consumed (rooms3-12-s18-consumed, default seed 11): episode 1 opened door C holding key c and
    door D holding key d, so "a door opens holding nothing" is an even split of the rules. The hunch budget tried door
    D holding nothing in episode 3, where a failure costs 3 steps (33 29 32 29). Door C asks the same question at the
    start of episode 2 for the same 3 steps if it fails (a little over that episode's own share, within the
    exploration horizon's): the hunch is moved earlier, not added, and the level is optimal from episode 3."""
    level = generate("rooms", 12, 18, rooms=3, keys="consumed")
    agent = make_agent("procmem", seed=11, library=SkillLibrary(seed=11))
    session = Session(LevelSource.fixed(level), agent)
    episodes = [session.run_episode() for _ in range(4)]
    assert all(e.success for e in episodes)
    assert [e.steps for e in episodes[2:]] == [e.optimal_steps for e in episodes[2:]]
