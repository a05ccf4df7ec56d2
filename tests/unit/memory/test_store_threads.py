"""One library connection shared by two threads (the app reads on its event loop while its saver thread writes
the episodes): a read never sees another thread's transaction before it commits, and reads hammered while
episodes are written never fail and always see whole records."""

from __future__ import annotations

import threading

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.tui.saving import Saver
from procmem_tui.world import load_level

SOURCE = LevelSource.fixed(load_level("two_doors"))
HOLD = 0.3  # seconds the writer keeps its transaction open unless the reader's read came back first


class RolledBack(Exception):
    pass


def test_a_read_waits_for_another_threads_transaction_and_never_sees_what_it_rolls_back(tmp_path):
    store = SkillStore.open(tmp_path / "lib.sqlite3")
    Session(SOURCE, make_agent("procmem", library=store.load_library()), store).run_episode()
    assert store.episode_count() == 1
    begun, read = threading.Event(), threading.Event()

    def write_then_roll_back() -> None:
        try:
            with store.transaction() as db:
                db.execute("DELETE FROM episodes")
                begun.set()
                read.wait(HOLD)  # a read that came back before the rollback ends the wait at once
                raise RolledBack
        except RolledBack:
            pass

    writer = threading.Thread(target=write_then_roll_back)
    writer.start()
    begun.wait()
    counted = store.episode_count(), len(store.list_episodes()), store.get_episode("last").episode
    read.set()
    writer.join()
    assert counted == (1, 1, 1), "a read saw the other thread's uncommitted delete"


def test_reads_hammered_while_the_saver_writes_never_fail_and_see_whole_records(tmp_path):
    store = SkillStore.open(tmp_path / "lib.sqlite3")
    saver = Saver(lambda kind, record, detail: None)
    session = Session(SOURCE, make_agent("procmem", library=store.load_library()), store)
    session.recorder = saver
    problems, reads, done = [], [0], threading.Event()

    def play() -> None:
        for _ in range(12):
            session.run_episode()
        saver.wait(60)
        done.set()

    player = threading.Thread(target=play)
    player.start()
    while not done.is_set() or reads[0] == 0:
        try:
            rows = store.list_episodes(limit=100)
            numbers = sorted(row.episode for row in rows)
            if numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"episodes {numbers}")
            if rows:
                last = store.get_episode("last")
                if len(last.actions) != last.steps:
                    problems.append(f"episode {last.episode}: {len(last.actions)} actions for {last.steps} steps")
                knowledge = store.load_knowledge("procmem")
                if knowledge is None:
                    problems.append(f"episode {last.episode} recorded without its knowledge")
            reads[0] += 1
        except Exception as exc:  # noqa: BLE001 - the test lists any failure
            problems.append(f"{type(exc).__name__}: {exc}")
    player.join()
    assert saver.finish(10) == []
    assert problems == [] and store.episode_count() == 12
