"""One merge rule for two copies of a skill (``memory.skill_merge``), used alike by ``SkillLibrary.add`` and by the
store when processes save into one file or a file is imported: a strictly shorter program wins, a tie keeps the
old one (the library and the store used to disagree on ties: the store took the newcomer's)."""

from __future__ import annotations

from procmem_tui.memory import SkillLibrary, SkillStore
from procmem_tui.memory.skill import MOTOR, ABSTRACT, Skill, SkillVersion
from procmem_tui.memory.skill_merge import IMPROVED, KEPT, MERGED, merge

START = frozenset({"at:0,0", "holds:nothing"})


def _motor(*program: str, episode: int = 1, **stats) -> Skill:
    return Skill("reach the goal", MOTOR, tuple(program), ("goal_reached",), START, created_episode=episode,
                 last_used_episode=episode, versions=(SkillVersion(tuple(program), episode),), **stats)


def test_a_tie_keeps_the_old_program_and_a_shorter_one_wins():
    """Equal length, another program: kept, and the loser does not join the versions; strictly shorter: improved,
    the old program stays in the history before the new one."""
    old = _motor("move_up", "move_right", episode=1)
    tie = merge(old, _motor("move_right", "move_up", episode=2))
    assert tie.kind == KEPT and tie.skill.program == old.program
    assert [v.program for v in tie.skill.versions] == [old.program]
    better = merge(old, _motor("move_up", episode=3))
    assert better.kind == IMPROVED and better.skill.program == ("move_up",)
    assert [v.program for v in better.skill.versions] == [old.program, ("move_up",)]
    assert merge(old, old).kind == MERGED


def test_statistics_sum_unless_given_and_learned_preconditions_shrink():
    """By default attempts, successes and uses add up; given ones are taken; abstract preconditions intersect;
    the earliest creation and latest use are kept."""
    a = Skill("open", ABSTRACT, ("goto:door", "open_door"), ("door_opened",), frozenset({"x", "y"}),
              attempts=2, successes=1, uses=2, created_episode=3, last_used_episode=4)
    b = Skill("open", ABSTRACT, ("goto:door", "open_door"), ("door_opened",), frozenset({"y", "z"}),
              attempts=1, successes=1, uses=1, created_episode=1, last_used_episode=9)
    got = merge(a, b).skill
    assert (got.attempts, got.successes, got.uses) == (3, 2, 3)
    assert got.preconditions == {"y"} and (got.created_episode, got.last_used_episode) == (1, 9)
    assert (merge(a, b, (5, 4, 6)).skill.attempts, merge(a, b, (5, 4, 6)).skill.uses) == (5, 6)


def test_the_library_and_the_store_break_a_tie_the_same_way(tmp_path):
    """A tie in a library keeps the old program; so does a second process saving a tied program into the file."""
    library = SkillLibrary()
    first = _motor("move_up", "move_right")
    library.add(first, 1)
    assert library.add(_motor("move_right", "move_up", episode=2), 2).kind == KEPT
    assert library.get(first.id).program == first.program

    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as one, SkillStore.open(path) as two:
        mine, theirs = one.load_library(), two.load_library()
        mine.add(first, 1)
        one.save_library(mine)
        theirs.add(_motor("move_right", "move_up", episode=2), 2)
        two.save_library(theirs)
    with SkillStore.open(path) as store:
        (stored,) = store.load_library()
    assert stored.program == first.program and stored.attempts == 0
    assert [v.program for v in stored.versions] == [first.program]
