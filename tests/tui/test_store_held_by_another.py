"""Another process holding the library past SQLite's wait (``database is locked``: a ``prune`` compacting a large
library) costs the app this episode's record, not the rest of the session's: it says so, keeps the library,
autoplay goes on, and the next episode is recorded. It once switched saving off for good ("playing on without
saving") and stopped autoplay after one such wait."""

from __future__ import annotations

import sqlite3

from tui_helpers import SIZE, build_app


async def test_a_library_locked_for_one_episode_records_the_next(monkeypatch):
    app = build_app("--autoplay", "--speed", "60", episode_pause=0.01)
    store = app.store
    real = type(store).record_episode
    calls = []

    def locked_once(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(store), "record_episode", locked_once)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if store.episode_count():
                break
        assert store.episode_count() == 1 and len(calls) == 2
        assert app.store is store and app.session.store is store
        assert any("another process held the library" in line for line in app.main.query_one("#log").history)
