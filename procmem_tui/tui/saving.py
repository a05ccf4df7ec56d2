"""The app's library writes, in a thread of their own, so the game never waits for the library.

Another process may hold the library's write lock for seconds (``procmem prune`` compacting a large library, a
second ``procmem`` recording). The session wrote each episode at its end on the event loop, and SQLite waited up
to 30 s there for the lock: the game froze, and the episode was lost when the wait ran out. Now the session hands
each write (``episode_record``: a finished episode's record, an unfinished one's knowledge) to ``Saver``, which
writes them one after another, in the order given, in its thread. Each try fails at once while another process
holds the lock (``SkillStore.transaction(wait=False)``) and is tried again a moment later, holding nothing in
between, so the app's own reads and writes go on. Nothing is dropped while the app runs: a write waits as long as
the library is held, and the app says so (``Saved`` messages: ``waiting``, ``saved``, ``failed``). At exit the
writes still waiting get ``patience`` seconds more (``finish``); those still not written then are reported lost,
one line each, never silently.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from typing import Callable

TRY_AGAIN = 0.2  # seconds between tries while another process holds the library
TELL_AFTER = 1.0  # a write held up this long is worth a word to the person playing


def held_by_another(exc: BaseException) -> bool:
    """SQLite's "database is locked": another process holds the library's write lock."""
    name = getattr(exc, "sqlite_errorname", "")
    return isinstance(exc, sqlite3.OperationalError) and (
        name in ("SQLITE_BUSY", "SQLITE_LOCKED") or (not name and "database is locked" in str(exc)))


class Saver:
    """One thread writing ``(store, record)`` pairs in order. ``tell(kind, record, detail)`` is called from that
    thread (the app posts a message: Textual's ``post_message`` is safe from any thread): ``waiting`` (detail: the
    error), ``saved`` (detail: (number, episode id, seconds waited)), ``failed`` (detail: the error)."""

    def __init__(self, tell: Callable[[str, object, object], None], try_again: float = TRY_AGAIN,
                 tell_after: float = TELL_AFTER) -> None:
        self.tell = tell
        self.try_again = try_again
        self.tell_after = tell_after
        self._queue: deque[tuple[object, object]] = deque()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False

    def submit(self, store, record) -> None:
        with self._changed:
            self._queue.append((store, record))
            self._changed.notify_all()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="procmem-saver", daemon=True)
                self._thread.start()

    def waiting(self) -> int:
        """Writes given and not done yet (the one being written included)."""
        with self._changed:
            return len(self._queue)

    def pending(self) -> list:
        """The records given and not written yet, oldest first."""
        with self._changed:
            return [record for _, record in self._queue]

    def knowledge(self, agent: str) -> dict | None:
        """The newest knowledge document for ``agent`` not written yet (None: all written): what the library
        will hold once they are, for a write that updates it (``Session.keep_unfinished``)."""
        with self._changed:
            for _, record in reversed(self._queue):
                if getattr(record, "agent", None) == agent and getattr(record, "knowledge", None):
                    return record.knowledge
        return None

    def wait(self, patience: float) -> bool:
        """Wait up to ``patience`` seconds for the writes given so far; True if all are done."""
        deadline = time.monotonic() + patience
        with self._changed:
            while self._queue and time.monotonic() < deadline:
                self._changed.wait(min(0.05, max(0.0, deadline - time.monotonic())))
            return not self._queue

    def finish(self, patience: float) -> list:
        """Wait up to ``patience`` seconds for the writes given so far, then stop the thread; returns the records
        not written (the one a try was under way on included)."""
        self.wait(patience)
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()
        with self._changed:
            left = [record for _, record in self._queue]
            self._queue.clear()
        return left

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._queue and not self._stopping:
                    self._changed.wait()
                if self._stopping:
                    return
                store, record = self._queue[0]
            detail = self._write(store, record)
            with self._changed:
                if detail is None:  # stopped while the library was held: ``finish`` reports it
                    return
                self._queue.popleft()
                self._changed.notify_all()
            self.tell(*detail)

    def _write(self, store, record) -> tuple | None:
        began = time.monotonic()
        told = False
        while True:
            try:
                number, episode_id = record.write(store, wait=False)
                return "saved", record, (number, episode_id, time.monotonic() - began)
            except Exception as exc:  # noqa: BLE001 - any error is reported ("failed"), never the thread's end
                if not held_by_another(exc):
                    return "failed", record, exc
                if not told and time.monotonic() - began >= self.tell_after:
                    told = True
                    self.tell("waiting", record, exc)
            with self._changed:
                if self._stopping:
                    return None
                self._changed.wait(self.try_again)
                if self._stopping:
                    return None
