"""Deterministic features: state, program and skill embeddings, level fingerprints, fact bit masks.

Everything here is a pure function of its inputs. Categorical values are hashed with ``hashlib`` (BLAKE2b / SHA-1),
never with Python's ``hash()``, which is salted per process: the same level and state give the same bytes on every
machine, in every process, under any ``PYTHONHASHSEED``.

State embedding layout (``EMBED_DIM`` = 32, float32, L2-normalised; positions and offsets scaled to [-1, 1]):

====== ==================================================================
dims   meaning
====== ==================================================================
0–1    agent x, y
2–7    key held, one-hot per letter a–f (0/1)
8      fraction of the level's doors that are open
9      fraction of the level's keys already taken
10–13  nearest key still lying on the floor: present, dx, dy, distance
14–18  nearest closed door: present, dx, dy, distance, its key is held
19–22  nearest goal: present, dx, dy, distance
23–26  the kind seen up / right / down / left, as an identity (a stable
       hashed value per kind, open doors and the edge told apart)
27–31  signed feature hashing of categorical tokens (nearest key's letter,
       nearest door's letter, the cell under the agent)
====== ==================================================================

Distances are Manhattan distances on the grid (walls ignored), divided by ``width + height``. Neighbours are
told apart by how they look, not by whether they block: what blocks is the world model's to learn.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Iterable

import numpy as np

from procmem_tui.world import Level, State, format_level
from procmem_tui.world.observation import DOOR, FLOOR, KEY, level_cells

EMBED_DIM = 32
HASHED_START = 27
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


def _nearest(pos: tuple[int, int], cells: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    best = None
    best_key = None
    for cell in cells:
        key = (abs(cell[0] - pos[0]) + abs(cell[1] - pos[1]), cell[1], cell[0])  # stable tie-break
        if best_key is None or key < best_key:
            best, best_key = cell, key
    return best


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
    if level.doors:
        v[8] = len(state.opened) / len(level.doors)
    if level.keys:
        v[9] = len(state.taken) / len(level.keys)

    tokens = []
    key_cells = [p for p in level.keys if p not in state.taken]
    key = _nearest(state.pos, key_cells)
    if key is not None:
        v[10:14] = (1.0, (key[0] - x) / w, (key[1] - y) / h, (abs(key[0] - x) + abs(key[1] - y)) / span)
        tokens.append("nearest_key:" + level.keys[key])
    door_cells = [p for p in level.doors if p not in state.opened]
    door = _nearest(state.pos, door_cells)
    if door is not None:
        letter = level.doors[door]
        v[14:19] = (
            1.0, (door[0] - x) / w, (door[1] - y) / h, (abs(door[0] - x) + abs(door[1] - y)) / span,
            1.0 if letter.lower() in state.keys else 0.0,
        )
        tokens.append("nearest_door:" + letter)
    goal = _nearest(state.pos, level.goals)
    if goal is not None:
        v[19:23] = (1.0, (goal[0] - x) / w, (goal[1] - y) / h, (abs(goal[0] - x) + abs(goal[1] - y)) / span)
    for i, (dx, dy) in enumerate(_DIRECTIONS):
        v[23 + i] = kind_value(_looks(level, state, (x + dx, y + dy)))
    under = level.char_at(state.pos)
    if under in _KEY_LETTERS and state.pos in state.taken:
        under = "."
    tokens.append("under:" + ("." if under == "@" else under))
    slots = EMBED_DIM - HASHED_START
    for token in tokens:
        index, sign = token_slot(token, slots)
        v[HASHED_START + index] += sign
    return _normalise(v)


def _looks(level: Level, state: State, pos: tuple[int, int]) -> str:
    """The kind ``pos`` looks like now (a taken key is floor, an open door says so; off the grid: the edge)."""
    if not level.in_bounds(pos):
        return "edge"
    kind = level_cells(level)[pos].kind
    if kind == KEY and pos in state.taken:
        return FLOOR
    return f"{DOOR} open" if kind == DOOR and pos in state.opened else kind


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
