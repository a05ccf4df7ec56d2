"""Which visit to its level an episode is ("episode 9 · 1st here"), said the same way by the episode panel and the
replay: episode numbers count on across a library's levels, so the number alone would make a level first played
after eight others read as if the agent had been there eight times."""

from __future__ import annotations


def visit(store, level_name: str, episode: int, family: str | None) -> int | None:
    """Recorded episodes of ``level_name`` numbered below ``episode``, plus one; None when that is the episode's
    number anyway (one level so far), when every episode plays a new layout (a family: it would say '1st' each
    time, and its long names leave no room at 80 columns), or when there is no store or it cannot answer."""
    if family is not None or store is None:
        return None
    import sqlite3  # here: the first frame is painted before sqlite3 loads (tests/tui/test_start.py)

    from procmem_tui.memory.store_file import StoreError

    try:
        count = store.episodes_on_level(level_name, episode) + 1
    except (sqlite3.Error, StoreError):  # a store that cannot answer: the episode's number alone
        return None
    return None if count == episode else count
