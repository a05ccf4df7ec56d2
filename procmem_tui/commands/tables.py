"""Where the verbs print their tables (bench, stats, episodes, skills, levels).

On a terminal a table fits the terminal's width. Piped or redirected (a file, ``tee``, a CI log) there is no width
to fit, and Rich would assume 80 columns and cut every cell to a few characters (``11.…`` for 11.43, ``exp…`` for
explorer); there the table keeps its natural width instead. ``COLUMNS`` still wins when it is set.
"""

from __future__ import annotations

import os

UNBOUNDED = 100_000  # columns: more than any table needs, so none is cut; tables do not stretch to fill it


def table_console():
    """A Rich console for printing tables: the terminal's width, or (output not a terminal) no width limit."""
    from rich.console import Console

    console = Console()
    if console.is_terminal or os.environ.get("COLUMNS"):
        return console
    return Console(width=UNBOUNDED)
