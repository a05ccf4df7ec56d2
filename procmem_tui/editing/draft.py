"""A level being edited: its grid rows as typed and its header fields, an immutable value.

Unlike ``Level``, a draft may break the rules (no start, a ragged row, an unknown character read from a
draft file): the editor shows what is wrong instead of refusing to open it. Cells are addressed as
(col, row) on screen, row 0 at the top, like the file; ``text()`` is exactly the file the editor saves.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from procmem_tui.world.level import FLOOR, MAX_SIDE, START
from procmem_tui.world.parse import header_name
from procmem_tui.world.rules import DOOR_RULES, KEY_RULES

LEVEL_CHARS = "#.@GXabcdefABCDEF"
MIN_SIDE = 1
FIELDS = ("name", "description", "max_steps", "doors", "keys", "opens", "view")

Cell = tuple[int, int]


@dataclass(frozen=True)
class Draft:
    rows: tuple[str, ...]
    name: str = "untitled"
    description: str = ""
    max_steps: str = ""  # as typed; empty means the default 4·W·H
    doors: str = DOOR_RULES[0]
    keys: str = KEY_RULES[0]
    comments: tuple[str, ...] = ()  # the file's other ';' lines, kept after the headers
    opens: str = ""  # key–door pairs as typed ("aB bC cA"); empty: no opens: header
    view: str = ""  # the sight radius as typed; empty means the whole level is in sight (no header)

    @classmethod
    def empty(cls, width: int, height: int, name: str = "untitled") -> "Draft":
        """All floor: typing or painting the walls is the first thing one does anyway."""
        return cls(rows=tuple(FLOOR * width for _ in range(height)), name=name)

    @classmethod
    def from_text(cls, text: str, name: str = "untitled") -> "Draft":
        """Read level text leniently: what the parser would refuse stays in the draft, to be shown and fixed."""
        fields: dict[str, str] = {}
        comments: list[str] = []
        rows: list[str] = []
        for raw in text.split("\n"):
            line = raw.rstrip("\r")
            if line.startswith(";"):
                key = header_name(line)  # the parser's own reading: any case, "max steps" or "max-steps"
                if key is not None and key not in fields:
                    fields[key] = line.split(":", 1)[1].strip()
                else:
                    comments.append(line)
            elif line.strip():
                rows.append(line)
        return cls(
            rows=tuple(rows) or (FLOOR,),
            name=fields.get("name") or name,
            description=fields.get("description", ""),
            max_steps=fields.get("max_steps", ""),
            doors=fields.get("doors", DOOR_RULES[0]).lower(),
            keys=fields.get("keys", KEY_RULES[0]).lower(),
            comments=tuple(comments),
            opens=fields.get("opens", ""),
            view=fields.get("view", ""),
        )

    # -- the file ---------------------------------------------------------------------------------

    def header_lines(self) -> list[tuple[str, str]]:
        """(field, line) for every header written, in file order; comments have field ''."""
        lines = [("name", f"; name: {self.name}")]
        if self.description:
            lines.append(("description", f"; description: {self.description}"))
        if self.max_steps:
            lines.append(("max_steps", f"; max_steps: {self.max_steps}"))
        if self.doors != DOOR_RULES[0]:
            lines.append(("doors", f"; doors: {self.doors}"))
        if self.opens:
            lines.append(("opens", f"; opens: {self.opens}"))
        if self.keys != KEY_RULES[0]:
            lines.append(("keys", f"; keys: {self.keys}"))
        if self.view:
            lines.append(("view", f"; view: {self.view}"))
        lines.extend(("", c) for c in self.comments)
        return lines

    def text(self) -> str:
        return "\n".join([line for _, line in self.header_lines()] + list(self.rows)) + "\n"

    def grid_text(self) -> str:
        return "\n".join(self.rows) + "\n"

    # -- shape ------------------------------------------------------------------------------------

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows)

    @property
    def height(self) -> int:
        return len(self.rows)

    def char_at(self, cell: Cell) -> str | None:
        """The character at (col, row); None past the end of a short row or outside the grid."""
        col, row = cell
        if 0 <= row < self.height and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def world_xy(self, cell: Cell) -> tuple[int, int]:
        """The world's (x, y) of the screen cell (col, row): from 0, y up (the bottom row is y 0), as skill names
        and the game say a cell."""
        col, row = cell
        return col, self.height - 1 - row

    def cell_words(self, cell: Cell) -> str:
        """``x 2, y 0``: how the editor names a cell."""
        x, y = self.world_xy(cell)
        return f"x {x}, y {y}"

    def start_cells(self) -> list[Cell]:
        return [(c, r) for r, row in enumerate(self.rows) for c, ch in enumerate(row) if ch == START]

    # -- edits (each returns a new draft) ------------------------------------------------------------

    def place(self, cell: Cell, char: str) -> "Draft":
        """``char`` at (col, row); a new start ``@`` moves the start (the old one becomes floor)."""
        if char not in LEVEL_CHARS or len(char) != 1:
            raise ValueError(f"{char!r} is not a level character ({' '.join(LEVEL_CHARS)})")
        col, row = cell
        if not (0 <= row < self.height and 0 <= col < self.width):
            return self
        rows = list(self.rows)
        if char == START:
            rows = [r.replace(START, FLOOR) for r in rows]
        line = rows[row].ljust(col + 1, FLOOR)
        rows[row] = line[:col] + char + line[col + 1:]
        return replace(self, rows=tuple(rows))

    def add_row(self, edge: str) -> "Draft":
        """A floor row at the ``top`` or ``bottom``; at most 64 rows."""
        if self.height >= MAX_SIDE:
            return self
        new = FLOOR * self.width
        rows = (new, *self.rows) if edge == "top" else (*self.rows, new)
        return replace(self, rows=rows)

    def remove_row(self, edge: str) -> "Draft":
        if self.height <= MIN_SIDE:
            return self
        return replace(self, rows=self.rows[1:] if edge == "top" else self.rows[:-1])

    def add_column(self, edge: str) -> "Draft":
        """A floor column at the ``left`` or ``right``; at most 64 columns."""
        if self.width >= MAX_SIDE:
            return self
        if edge == "left":
            rows = tuple(FLOOR + r for r in self.rows)
        else:
            rows = tuple(r.ljust(self.width, FLOOR) + FLOOR for r in self.rows)
        return replace(self, rows=rows)

    def remove_column(self, edge: str) -> "Draft":
        if self.width <= MIN_SIDE:
            return self
        if edge == "left":
            rows = tuple(r[1:] for r in self.rows)
        else:
            rows = tuple(r[: self.width - 1] for r in self.rows)
        return replace(self, rows=rows)

    def resize_edge(self, edge: str, grow: bool) -> "Draft":
        """Add (``grow``) or remove a row or column at ``top``/``bottom``/``left``/``right``."""
        if edge in ("top", "bottom"):
            return self.add_row(edge) if grow else self.remove_row(edge)
        return self.add_column(edge) if grow else self.remove_column(edge)

    def with_field(self, field: str, value: str) -> "Draft":
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r}")
        return replace(self, **{field: value.strip()})
