"""Fog on the board: each cell is in sight, remembered as last seen, or never seen (a level's ``; view: N``).

The world says what is in sight now (``world/sight.py``); remembering is the looker's business. ``Sightings``
is the screen's memory of one episode: the code (``world.glyphs.board_codes``) each cell had when it was last in
sight, so a door seen closed stays drawn closed until it is seen again. ``FogLayer`` is what the board draws over the level:
the code of every cell and its look (``IN_SIGHT``, ``REMEMBERED``, ``UNKNOWN``). ``FogHistory`` gives the layer
at any step of a recorded episode (replays), recomputed from the recorded states.

Pure Python (no Textual): the widgets draw the layer, the tests check it.
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.world.glyphs import IN_SIGHT, REMEMBERED, UNKNOWN, board_codes  # noqa: F401 (the looks, re-exported)


UNKNOWN_CODE = "?"
CHECKPOINT_EVERY = 32  # FogHistory keeps the memory every this many steps, so a replay's jump folds few steps


def ground_codes(level, state) -> list[list[str]]:
    """The board's cell codes of ``state`` without the agent (what its cell looks like under it), top row first."""
    return [list(row) for row in board_codes(level, state, agent=False)]


@dataclass(frozen=True)
class FogLayer:
    """What the board draws: ``codes`` (``board_codes`` form, remembered cells as last seen, never-seen cells
    ``UNKNOWN_CODE``) and one look per cell in ``looks``, both top row first. ``in_sight`` counts the cells in
    sight, ``seen`` the cells in sight now or remembered."""

    codes: tuple[str, ...]
    looks: tuple[str, ...]
    in_sight: int = 0
    seen: int = 0


class Sightings:
    """The memory of one looker for one episode: every cell's code when it was last in sight."""

    def __init__(self, level, view: int) -> None:
        self.level = level
        self.view = view
        self.memory: list[list[str]] = [[""] * level.width for _ in range(level.height)]
        self.in_sight: frozenset = frozenset()

    def copy(self) -> "Sightings":
        twin = Sightings.__new__(Sightings)
        twin.level, twin.view, twin.in_sight = self.level, self.view, self.in_sight
        twin.memory = [row[:] for row in self.memory]
        return twin

    def has_seen(self, pos) -> bool:
        """True once ``pos`` has been in sight this episode."""
        x, y = pos
        return self.memory[self.level.height - 1 - y][x] != ""

    def see(self, state, in_sight: frozenset | None = None) -> frozenset:
        """Look from ``state``: the cells in sight now are remembered as they look now. Returns them.
        ``in_sight`` is the world's answer for ``state`` when the caller already has it (the session's
        observation), so sight is not computed twice a step."""
        level = self.level
        if in_sight is None:
            from procmem_tui.world.sight import visible_cells  # numpy: only levels under fog need it

            in_sight = visible_cells(level, state, self.view)
        self.in_sight = in_sight
        ground = ground_codes(level, state)
        top = level.height - 1
        for x, y in self.in_sight:
            self.memory[top - y][x] = ground[top - y][x]
        return self.in_sight

    def layer(self, state, *, reveal: bool = False) -> FogLayer:
        """The board for ``state`` after ``see(state)``. ``reveal`` (the watcher's whole-level view) draws every
        cell as it really is, the ones out of sight dimmed as remembered ones are."""
        live = board_codes(self.level, state)
        top = self.level.height - 1
        codes, looks = [], []
        in_sight, seen = len(self.in_sight), 0
        for row_index, (live_row, memory_row) in enumerate(zip(live, self.memory)):
            y = top - row_index
            code_row, look_row = [], []
            for x, (now, remembered) in enumerate(zip(live_row, memory_row)):
                if (x, y) in self.in_sight:
                    code_row.append(now)
                    look_row.append(IN_SIGHT)
                    seen += 1
                elif reveal:
                    code_row.append(now)
                    look_row.append(REMEMBERED)
                elif remembered:
                    code_row.append(remembered)
                    look_row.append(REMEMBERED)
                    seen += 1
                else:
                    code_row.append(UNKNOWN_CODE)
                    look_row.append(UNKNOWN)
            codes.append("".join(code_row))
            looks.append("".join(look_row))
        return FogLayer(tuple(codes), tuple(looks), in_sight, seen)


class FogHistory:
    """The fog of a recorded episode at any step: the memory after seeing ``states[0..i]``, folded from the
    nearest checkpoint (every ``CHECKPOINT_EVERY`` steps), so moving a replay's cursor costs a few steps' sight."""

    def __init__(self, level, view: int, states) -> None:
        self.level = level
        self.view = view
        self.states = list(states)
        self._checkpoints: dict[int, Sightings] = {}

    def sightings_at(self, index: int) -> Sightings:
        index = max(0, min(index, len(self.states) - 1))
        base = index - index % CHECKPOINT_EVERY
        while base > 0 and base not in self._checkpoints:
            base -= CHECKPOINT_EVERY
        sightings = self._checkpoints[base].copy() if base in self._checkpoints else Sightings(self.level, self.view)
        start = base if base in self._checkpoints else 0
        if base not in self._checkpoints:
            sightings.see(self.states[0])
            self._checkpoints[0] = sightings.copy()
        for i in range(start + 1, index + 1):
            sightings.see(self.states[i])
            if i % CHECKPOINT_EVERY == 0 and i not in self._checkpoints:
                self._checkpoints[i] = sightings.copy()
        return sightings

    def layer_at(self, index: int, *, reveal: bool = False) -> FogLayer:
        index = max(0, min(index, len(self.states) - 1))
        return self.sightings_at(index).layer(self.states[index], reveal=reveal)
