"""Getting to an experiment within one believed situation: walking where the model expects a move to succeed.

A cell whose move the model does not know is an experiment, never a way through; a move the model expects to end
the episode is not walked through either.
"""

from __future__ import annotations

from collections import deque

from procmem_tui.memory.imagine import AHEAD, MOVES, Belief, Imagination, Look
from procmem_tui.world import Action
from procmem_tui.world.actions import MOVE_DELTAS
from procmem_tui.world.observation import FLOOR

Pos = tuple[int, int]
PROBE = Action.MOVE_UP  # any move: the model files the four moves as one action
FLOOR_LOOK = Look(FLOOR, "", False)


def walk(im: Imagination, looks: dict, b: Belief) -> tuple[dict, dict]:
    """Distances and parents of the cells the agent believes it can walk to from ``b`` (``looks``: the seen
    cells' looks with nothing opened or gone)."""
    dist, parent = {b.pos: 0}, {b.pos: None}
    gone, opened = b.gone, b.opened
    walkable: dict = {}
    queue = deque([b.pos])
    while queue:
        cell = queue.popleft()
        for action in MOVES:
            d = MOVE_DELTAS[action]
            nxt = (cell[0] + d[0], cell[1] + d[1])
            if nxt in dist:
                continue
            lk = looks.get(nxt)
            if lk is None:
                continue
            if nxt in gone:
                lk = FLOOR_LOOK
            elif nxt in opened:
                lk = lk._replace(open=True)
            ok = walkable.get(lk)
            if ok is None:
                pred = im.predict(PROBE, AHEAD, lk, b.held)
                ok = walkable[lk] = pred.known and pred.outcome.moved and not pred.outcome.ended
            if not ok:
                continue
            dist[nxt] = dist[cell] + 1
            parent[nxt] = (cell, action)
            queue.append(nxt)
    return dist, parent


def path(parent: dict, cell: Pos) -> list:
    """The moves from the walk's start to ``cell``."""
    moves = []
    while parent[cell] is not None:
        cell, action = parent[cell]
        moves.append(action)
    return moves[::-1]
