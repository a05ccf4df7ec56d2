"""Walking to a clicked cell: the shortest path the player can see, and the walk that takes it step by step.

The path is found on the board as shown (``GridView.rows`` codes), not with the world's rules: walls, boxes and
locked doors block; floor, keys, open doors and the player's own cell do not; the goal only as the last cell
(stepping on it ends the episode). A door or a box clicked walks to the nearest cell beside it; a wall is no
target.
Each step of the walk is one of the person's own moves through the app (``ProcmemApp.player_move``), so it
costs a step and is recorded like a key press; the walk stops when it arrives, when a step does not move the
player, when the episode ends, when another screen opens, or at any key.
"""

from __future__ import annotations

from collections import deque

from textual.timer import Timer

WALK_INTERVAL = 0.08  # seconds between the walk's steps: each one is seen
PASSABLE = set(".@abcdef123456")
MOVES = (("move_up", 0, 1), ("move_down", 0, -1), ("move_left", -1, 0), ("move_right", 1, 0))


def known_path(codes: list[str], start: tuple[int, int], target: tuple[int, int]) -> list[str] | None:
    """The moves of a shortest path from ``start`` to ``target`` (or, if ``target`` blocks, to a cell beside
    it) over the cells as seen; None if there is none. ``codes`` are rows, top row (highest y) first."""
    height = len(codes)
    width = len(codes[0]) if codes else 0

    def code(x: int, y: int) -> str:
        return codes[height - 1 - y][x]

    def inside(x: int, y: int) -> bool:
        return 0 <= x < width and 0 <= y < height

    if not inside(*target) or code(*target) == "#":
        return None
    goals = {target}
    if code(*target) not in PASSABLE and code(*target) != "G":
        goals = {(target[0] + dx, target[1] + dy) for _, dx, dy in MOVES}
        goals = {g for g in goals if inside(*g) and code(*g) in PASSABLE}
    came: dict[tuple[int, int], tuple[tuple[int, int], str] | None] = {start: None}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if cell in goals:
            moves = []
            while came[cell] is not None:
                cell, move = came[cell][0], came[cell][1]
                moves.append(move)
            return moves[::-1]
        if code(*cell) == "G" and cell != start:
            continue  # the episode would end here
        for move, dx, dy in MOVES:
            nxt = (cell[0] + dx, cell[1] + dy)
            if nxt in came or not inside(*nxt):
                continue
            if code(*nxt) in PASSABLE or (code(*nxt) == "G" and nxt in goals):
                came[nxt] = (cell, move)
                queue.append(nxt)
    return None


class Walk:
    """The walk in progress, if any: ``start(target)``, ``stop()``; ``target`` is None while not walking."""

    def __init__(self, app) -> None:
        self.app = app
        self.target: tuple[int, int] | None = None
        self._timer: Timer | None = None

    @property
    def walking(self) -> bool:
        return self.target is not None

    def start(self, target: tuple[int, int]) -> bool:
        """Walk to ``target``; False (and nothing happens) if no known path leads there."""
        self.stop()
        if not self._path(target):
            return False
        self.target = target
        self._timer = self.app.set_interval(WALK_INTERVAL, self._step, name="walk")
        self._step()
        return True

    def _path(self, target: tuple[int, int]) -> list[str] | None:
        app = self.app
        return known_path(app.view.grid.rows, app.session.state.pos, target)

    def _step(self) -> None:
        app = self.app
        if self.target is None or not app.is_live() or app.session.done or app.screen is not app.main:
            self.stop()
            return
        path = self._path(self.target)
        if not path:
            self.stop()
            return
        before = app.session.state.pos
        app.player_move(path[0])
        if app.session.state.pos == before or app.session.done or len(path) == 1:
            self.stop()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.target = None
