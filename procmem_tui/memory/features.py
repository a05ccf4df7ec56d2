"""Deterministic features: state, program and skill embeddings, level fingerprints, fact bit masks.

Everything here is a pure function of its inputs. Categorical values are hashed with ``hashlib`` (BLAKE2b / SHA-1),
never with Python's ``hash()``, which is salted per process: the same level and state give the same bytes on every
machine, in every process, under any ``PYTHONHASHSEED``.

State embedding layout (``EMBED_DIM`` = 52, float32, L2-normalised; positions and offsets scaled to [-1, 1]).
Every kind of the observation's vocabulary (``world.observation.KINDS``: floor, wall, box, goal, key, door) gets
the same features, in that order; no kind is picked out:

====== ==================================================================
dims   meaning
====== ==================================================================
0–1    agent x, y
2–7    each letter a–f held (0/1)
8–9    fraction of the lettered cells standing open / gone (a key taken)
10–39  per kind, 5 numbers: the nearest cell that looks like it now (not
       open, not gone) — present, dx, dy, distance, and whether its
       letter is held (``holds:own`` of the model's vocabulary; 0 for a
       cell without a letter)
40–43  the look up / right / down / left, as an identity (a stable
       hashed value per look: a kind, "<kind> open", or the edge)
44–51  signed feature hashing of categorical tokens: the letter of the
       nearest cell of each kind that has one, the look under the agent
====== ==================================================================

Distances are Manhattan distances on the grid (walls ignored), divided by ``width + height``. Neighbours are
told apart by how they look, not by whether they block: what blocks is the world model's to learn. The embedding
is a similarity for retrieval, not a decision.

Before these features were the same for every kind (``LEGACY_DIM`` = 32 numbers, hand-picked nearest key, door and
goal), so an embedding of 32 numbers is of the old layout: ``memory/skill_check.py`` drops it when a stored skill
or an imported file is read (the skill's similarity counts as 0 until it is learned again, which gives it a new
embedding: ``memory/skill_merge.py`` keeps the embedding that exists).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Iterable

import numpy as np

from procmem_tui.world import Level, State, format_level
from procmem_tui.world.observation import FLOOR, KINDS, level_cells

EMBED_DIM = 52
LEGACY_DIM = 32  # the layout before kind-generic features; such embeddings are dropped when read
PER_KIND = 5
KINDS_START = 10
LOOKS_START = KINDS_START + PER_KIND * len(KINDS)
HASHED_START = LOOKS_START + 4
FACT_BITS = 256
FACT_WORDS = FACT_BITS // 64
NGRAMS = (1, 2, 3)
# skill embedding = normalise(START_WEIGHT * start + PROGRAM_WEIGHT * program): the start state dominates, so a
# state query finds skills recorded from similar states; the program part tells apart skills from the same start.
START_WEIGHT = 0.8
PROGRAM_WEIGHT = 0.2

_KEY_LETTERS = "abcdef"
_DIRECTIONS = ((0, 1), (1, 0), (0, -1), (-1, 0))


def _digest(text: str, size: int = 8) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=size).digest(), "little")


@lru_cache(maxsize=65536)
def token_slot(token: str, dim: int = EMBED_DIM) -> tuple[int, float]:
    """Stable (index, sign) of a categorical token for signed feature hashing into ``dim`` slots."""
    h = _digest(token)
    return h % dim, 1.0 if (h >> 32) & 1 else -1.0


@lru_cache(maxsize=65536)
def fact_bit(fact: str) -> int:
    """Stable bit index (0–255) of a fact string, for the library's 256-bit applicability masks."""
    return _digest("fact\x1f" + fact, 4) % FACT_BITS


def fact_mask(facts: Iterable[str]) -> np.ndarray:
    """The 256-bit mask of a set of facts as four uint64 words (a Bloom filter with one hash)."""
    words = [0, 0, 0, 0]
    for fact in facts:
        bit = fact_bit(fact)
        words[bit >> 6] |= 1 << (bit & 63)
    return np.array(words, dtype=np.uint64)


def level_fingerprint(level: Level) -> str:
    """12 hex digits of the SHA-1 of the level's file text: the context of its motor skills."""
    return hashlib.sha1(format_level(level).encode("utf-8")).hexdigest()[:12]


def _normalise(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float64)
    norm = float(np.sqrt(np.dot(vector, vector)))
    if norm == 0.0 or not np.isfinite(norm):
        return np.zeros(vector.shape, dtype=np.float32)
    return (vector / norm).astype(np.float32)


def state_embedding(level: Level, state: State) -> np.ndarray:
    """The state's feature vector (``EMBED_DIM`` float32, L2-normalised). Pure: same inputs, same bytes."""
    v = np.zeros(EMBED_DIM, dtype=np.float64)
    w, h = level.width, level.height
    x, y = state.pos
    span = float(w + h)
    v[0] = 2.0 * x / max(w - 1, 1) - 1.0
    v[1] = 2.0 * y / max(h - 1, 1) - 1.0
    for letter in state.keys:
        index = _KEY_LETTERS.find(letter)
        if index >= 0:
            v[2 + index] = 1.0
    cells = level_cells(level)
    table = _kind_table(level, cells)
    lettered = table.lettered
    if lettered:
        v[8] = sum(pos in state.opened for pos in lettered) / len(lettered)
        v[9] = sum(pos in state.taken for pos in lettered) / len(lettered)
    tokens = []
    for i, (kind, (cell, letter)) in enumerate(zip(KINDS, _nearest_of_each_kind(table, cells, state))):
        if cell is None:
            continue
        held = 1.0 if letter and letter.lower() in state.keys else 0.0
        start = KINDS_START + PER_KIND * i
        v[start:start + PER_KIND] = (1.0, (cell[0] - x) / w, (cell[1] - y) / h,
                                     (abs(cell[0] - x) + abs(cell[1] - y)) / span, held)
        if letter:
            tokens.append(f"nearest:{kind}:{letter}")
    for i, (dx, dy) in enumerate(_DIRECTIONS):
        v[LOOKS_START + i] = kind_value(_looks(cells, state, (x + dx, y + dy)))
    tokens.append("under:" + _looks(cells, state, state.pos))
    slots = EMBED_DIM - HASHED_START
    for token in tokens:
        index, sign = token_slot(token, slots)
        v[HASHED_START + index] += sign
    return _normalise(v)


class _KindTable:
    """Per kind of ``KINDS``: its cells' x and y, and each cell's place in reading order (y, then x: how distance
    ties break); and the cells with a letter."""

    def __init__(self, cells: dict) -> None:
        by_kind: dict[str, list] = {kind: [] for kind in KINDS}
        self.lettered = []
        for pos, cell in cells.items():
            if cell.kind in by_kind:
                by_kind[cell.kind].append(pos)
            if cell.letter:
                self.lettered.append(pos)
        self.width = 1 + max((x for x, _ in cells), default=0)
        self.span = self.width * (1 + max((y for _, y in cells), default=0))  # more than any place
        self.xy = {kind: np.array(found, dtype=np.int64).reshape(-1, 2) for kind, found in by_kind.items()}
        self.place = {kind: xy[:, 1] * self.width + xy[:, 0] for kind, xy in self.xy.items()}


_TABLES: dict[tuple[str, ...], _KindTable] = {}


def _kind_table(level: Level, cells: dict) -> _KindTable:
    """The table of ``level``'s cells, cached by its rows (the agent's picture of a level is redrawn as it sees
    more, often with the same rows)."""
    table = _TABLES.get(level.rows)
    if table is None:
        if len(_TABLES) > 256:
            _TABLES.clear()
        table = _TABLES[level.rows] = _KindTable(cells)
    return table


_FAR = np.iinfo(np.int64).max


def _nearest_of_each_kind(table: _KindTable, cells: dict, state: State) -> list[tuple[tuple[int, int] | None, str]]:
    """Per kind of ``KINDS``: the nearest cell that looks like it now (not open, not gone; ties by y, then x) and its
    letter."""
    px, py = state.pos
    hidden: dict[str, list[int]] = {}
    for x, y in state.opened | state.taken:
        cell = cells.get((x, y))
        if cell is not None:
            hidden.setdefault(cell.kind, []).append(y * table.width + x)
    found = []
    for kind in KINDS:
        xy = table.xy[kind]
        if not len(xy):
            found.append((None, ""))
            continue
        order = (np.abs(xy[:, 0] - px) + np.abs(xy[:, 1] - py)) * table.span + table.place[kind]
        for place in hidden.get(kind, ()):
            order[table.place[kind] == place] = _FAR
        best = int(np.argmin(order))
        if order[best] == _FAR:
            found.append((None, ""))
            continue
        pos = (int(xy[best, 0]), int(xy[best, 1]))
        found.append((pos, cells[pos].letter))
    return found


def _looks(cells: dict, state: State, pos: tuple[int, int]) -> str:
    """How ``pos`` looks now: its kind, "<kind> open" when it stands open, floor when its object is gone (a taken
    key); off the grid: the edge."""
    cell = cells.get(pos)
    if cell is None:
        return "edge"
    if pos in state.taken:
        return FLOOR
    return f"{cell.kind} open" if pos in state.opened else cell.kind


@lru_cache(maxsize=64)
def kind_value(kind: str) -> float:
    """A stable value in [-1, 1] per kind: equal kinds give equal features, no kind is ranked as solid."""
    return _digest("kind\x1f" + kind, 4) % 2001 / 1000.0 - 1.0


def sequence_embedding(tokens: Iterable[str], dim: int = EMBED_DIM) -> np.ndarray:
    """Signed hashed 1-, 2- and 3-grams of a program's tokens (action names or abstract steps), L2-normalised."""
    seq = [str(getattr(t, "value", t)) for t in tokens]
    v = np.zeros(dim, dtype=np.float64)
    for n in NGRAMS:
        for i in range(len(seq) - n + 1):
            index, sign = token_slot(f"{n}\x1f" + "\x1f".join(seq[i:i + n]), dim)
            v[index] += sign
    return _normalise(v)


def skill_embedding(start_embedding: np.ndarray, program: Iterable[str]) -> np.ndarray:
    """A skill's embedding: its start state's embedding plus (weighted less) its program's, L2-normalised."""
    start = _normalise(np.asarray(start_embedding, dtype=np.float32))
    seq = sequence_embedding(program, dim=start.shape[0])
    return _normalise(START_WEIGHT * start.astype(np.float64) + PROGRAM_WEIGHT * seq.astype(np.float64))
