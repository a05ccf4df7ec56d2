"""The app's start in two steps: the board first, then everything the board did not need.

The first frame needs only the first level: its board, titles, keys and doors. The session behind it needs
numpy, SQLite, the library's skills and the agent, which together take longer than Textual itself takes to start.
``procmem play`` therefore hands the app a ``Deferred`` start (the level and a function that builds the session):
the app paints the level, and once that frame is on the terminal (Textual's ``Ready``) it calls ``load`` and fills
the panels. Keys pressed in between wait and act in order once the game is there.

Every mistake a user can make (level, flags, agent name, a library file that is not ours) is checked before the
app starts (``commands.play``); what ``build`` can still report (damaged skill rows, skipped with a warning) is
shown in the event log and printed again when the app ends, as the other verbs print it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from procmem_tui.safe_text import printable
from procmem_tui.tui.view import title_board
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.world.gridworld import GridWorld


@dataclass(frozen=True)
class Deferred:
    """A start whose session is built after the first frame: ``level`` is drawn first (under ``label``, the
    level source's name); ``build()`` returns ``(session, store, agent_factory)`` as ``commands.play.build``."""

    level: object
    label: str
    build: Callable[[], tuple]


def preview(app, deferred: Deferred) -> None:
    """The first frame from the level alone: the board at its start, its titles, the keys lying and the locked
    doors, exactly as the game draws them once loaded (the other panels fill in then, nothing is redrawn)."""
    level, main = deferred.level, app.main
    app.sub_title = printable(f"{deferred.label} · agent {app.agent_name}")
    title_board(main, level)
    state = GridWorld(level).state
    main.query_one(GridView).show(level, state)
    main.query_one(Inventory).show(tuple(k for p, k in level.keys.items() if p not in state.taken), state.keys)
    main.query_one(Doors).show(dict(level.doors), state.opened, False)


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def collected_warnings():
    """The library's warnings, kept instead of printed (inside the app the terminal is Textual's): yields the list
    they are added to."""
    logger = logging.getLogger("procmem_tui")
    handler = _Collected()
    saved, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [handler], False
    try:
        yield handler.lines
    finally:
        logger.handlers, logger.propagate = saved, propagate


def print_warnings(lines: list[str]) -> None:
    """Warnings kept during the app's start, said again once the terminal is the shell's (one line each)."""
    logger = logging.getLogger("procmem_tui")
    for line in lines:
        logger.warning("%s", line)
