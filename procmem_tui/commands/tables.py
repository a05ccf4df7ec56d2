"""Where the verbs print their tables (bench, stats, episodes, skills, levels).

On a terminal a table fits the terminal's width. Piped or redirected (a file, ``tee``, a CI log) there is no width
to fit, and Rich would assume 80 columns and cut every cell to a few characters (``11.…`` for 11.43, ``exp…`` for
explorer); there the table keeps its natural width instead. ``COLUMNS`` still wins when it is set.

A table wider than the terminal is never cut either (Rich shrinks every column alike until numbers lose digits:
``1.4…``, ``pro…``): ``print_table`` wraps headers (and long text) between words, keeps short cells whole and,
where even that is too wide, prints the columns in parts, each part repeating the columns that name the row (agent,
family).
"""

from __future__ import annotations

import os

UNBOUNDED = 100_000  # columns: more than any table needs, so none is cut; tables do not stretch to fill it
WHOLE = 16  # a cell this short (a number, "1.85 / 4.9", "0 of 20") is kept on one line; longer text may wrap


def table_console(stderr: bool = False):
    """A Rich console for printing tables: the terminal's width, or (output not a terminal) no width limit;
    ``stderr`` when standard output carries data (``--json -``)."""
    from rich.console import Console

    console = Console(stderr=stderr)
    if console.is_terminal or os.environ.get("COLUMNS"):
        return console
    return Console(width=UNBOUNDED, stderr=stderr)


def print_table(console, table, keep: int = 1) -> None:
    """Print ``table`` within the console's width without cutting a word of any cell: as it is where it fits,
    else in parts of whole columns, each part led by the first ``keep`` columns."""
    from rich.measure import Measurement

    columns = table.columns
    options = console.options
    least, most = [], []
    for column in columns:
        header = Measurement.get(console, options, column.header)
        cells = [Measurement.get(console, options, cell) for cell in column.cells]
        least.append(max([header.minimum] + [c.maximum if c.maximum <= WHOLE else c.minimum for c in cells]))
        most.append(max([header.maximum] + [c.maximum for c in cells]))
    if _width(most) <= console.width:
        console.print(table)
        return
    parts, part = [], list(range(keep))
    for index in range(keep, len(columns)):
        if len(part) > keep and _width([least[i] for i in (*part, index)]) > console.width:
            parts.append(part)
            part = list(range(keep))
        part.append(index)
    parts.append(part)
    for number, part in enumerate(parts):
        title = table.title if number == 0 else None
        console.print(_part(table, part, _widths(part, least, most, console.width), title))


def _width(widths: list[int]) -> int:
    """A boxed table's width for these column widths: one space either side of each, a rule between and around."""
    return sum(widths) + 3 * len(widths) + 1


def _widths(part: list[int], least: list[int], most: list[int], width: int) -> list[int]:
    """Each column its least width, then the room left to the columns nearest their natural width first (so as many
    headers as can stay on one line do)."""
    chosen = {i: least[i] for i in part}
    room = width - _width(list(chosen.values()))
    for i in sorted(part, key=lambda i: most[i] - least[i]):
        grow = min(room, most[i] - least[i])
        chosen[i] += grow
        room -= grow
    return [chosen[i] for i in part]


def _part(table, part: list[int], widths: list[int], title):
    """A table of ``table``'s columns ``part``, at ``widths``, with the same rows."""
    from rich.table import Table

    columns = table.columns
    piece = Table(title=title)
    for i, width in zip(part, widths):
        piece.add_column(columns[i].header, justify=columns[i].justify, style=columns[i].style, width=width)
    for row in zip(*(list(columns[i].cells) for i in part)):
        piece.add_row(*row)
    return piece
