"""Episodes whose record still waits for the library, shown with the recorded ones.

While another process holds the library, a finished episode's record waits in the saver's thread
(``tui.saving``). The episode browser, its replay and the learning curves read the library, so the episode just
played was missing from all three until the library was free again: a player who opened the replay of the win
they had just watched found the one before it. They now list the waiting records too (``rows``), marked as not
saved yet, with row ids above any the library hands out (``UNSAVED_IDS``), so curves, which order episodes by
id, draw them last, and the browser's choice says which kind it was.
"""

from __future__ import annotations

UNSAVED_IDS = 2**62  # the first waiting record's row id; SQLite's own ids stay far below it


def rows(app) -> list:
    """The app's records not written yet, as ``EpisodeRow``s, newest first (as ``list_episodes`` lists them). Read
    these before the library: a record is dropped from the saver's list only after it is written, so one written
    in between is in both (``merged`` keeps one), never in neither."""
    saver = getattr(app, "saver", None)
    if saver is None:
        return []
    waiting = [record.row(UNSAVED_IDS + index) for index, record in enumerate(saver.pending())
               if getattr(record, "trajectory", None) is not None]  # knowledge or a clear: no episode to show
    return waiting[::-1]


def merged(waiting: list, recorded: list) -> list:
    """``waiting`` (``rows``) then ``recorded`` (the library's, newest first), without a record in both."""
    written = {(row.episode, row.started_at, row.level_name) for row in recorded}
    return [row for row in waiting if (row.episode, row.started_at, row.level_name) not in written] + list(recorded)


def unsaved(row) -> bool:
    return row.id >= UNSAVED_IDS
