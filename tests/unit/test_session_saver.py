"""Records written later, in the saver's thread (``tui.saving``, as the app writes them), leave the library exactly as
records written at each episode's end do: the same episodes with the same numbers, the same skills with the same
statistics, the same knowledge, also when they waited for another process's lock and when an unfinished episode's
knowledge was queued behind them (it must not be overwritten by the older document of a record written after it)."""

from __future__ import annotations

import sqlite3

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.tui.saving import Saver
from procmem_tui.tui.screens.trial import Trials
from procmem_tui.world import load_level

SOURCE = LevelSource.fixed(load_level("two_doors"))


def play(store, recorder=None) -> None:
    session = Session(SOURCE, make_agent("procmem", library=store.load_library()), store)
    session.recorder = recorder
    for _ in range(3):
        session.run_episode()
    for action in ("move_left", "move_up", "move_right"):
        session.player_step(action)
    session.keep_unfinished()


def contents(store) -> tuple:
    episodes = [(row.episode, row.steps, row.success) for row in store.list_episodes()]
    skills = sorted((s.id, s.attempts, s.successes) for s in store.load_library())
    knowledge = store.load_knowledge("procmem")
    knowledge.pop("updated_at", None)
    return episodes, skills, knowledge


def test_records_written_later_after_a_wait_leave_the_library_as_records_written_at_once(tmp_path):
    at_once = SkillStore.open(tmp_path / "at_once.sqlite3")
    play(at_once)
    path = tmp_path / "later.sqlite3"
    later = SkillStore.open(path)
    told = []
    saver = Saver(lambda kind, record, detail: told.append((kind, record.number)), try_again=0.01, tell_after=0.0)
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the library while all four are played
    play(later, saver)
    assert saver.waiting() == 4 and later.episode_count() == 0
    other.rollback()
    assert saver.finish(10) == []
    assert contents(later) == contents(at_once)
    assert ("waiting", 1) in told and [n for kind, n in told if kind == "saved"] == [1, 2, 3, None]


class Refused:
    """A record whose write raises what no store should: reported, and the records after it are still written."""

    number = 7

    def write(self, store, wait=True):
        raise ValueError("not a store error")


class Counted:
    number = 8

    def __init__(self) -> None:
        self.written = 0

    def write(self, store, wait=True):
        self.written += 1
        return 8, 1


def test_an_unexpected_error_is_reported_and_the_writes_after_it_go_on():
    told = []
    saver = Saver(lambda kind, record, detail: told.append((kind, record.number, str(detail))))
    after = Counted()
    saver.submit(None, Refused())
    saver.submit(None, after)
    assert saver.finish(10) == []
    assert told[0] == ("failed", 7, "not a store error") and told[1][:2] == ("saved", 8) and after.written == 1


def test_an_editor_try_started_while_records_wait_starts_from_their_knowledge_not_the_library_s(tmp_path):
    """An editor try (or another agent chosen) while another process holds the library: its agent starts from the
    knowledge the waiting records carry, as the game's agent knows it, not from the library's older document (the
    try's record would then have written that older knowledge back over theirs)."""
    path = tmp_path / "lib.sqlite3"
    store = SkillStore.open(path)
    saver = Saver(lambda kind, record, detail: None, try_again=0.01)
    game = Session(SOURCE, make_agent("procmem", library=store.load_library()), store)
    game.recorder = saver  # as the app attaches its saver
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    for _ in range(2):
        game.run_episode()
    assert saver.waiting() == 2 and store.load_knowledge("procmem") is None
    tried = Trials(make_agent, library=game.agent.library, store=store, recorder=saver).session(SOURCE.level, fresh=False)
    other.rollback()
    assert saver.finish(10) == []
    assert learned(tried) == learned(game)


def learned(session) -> dict:
    """The agent's knowledge without what beginning an episode changes (the game's agent has begun its third)."""
    return {key: value for key, value in session.agent.knowledge().items() if key not in ("episode", "plays")}
