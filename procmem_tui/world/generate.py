"""Seeded level generators. Same (family, size, seed, options) → the same level on every machine.

All randomness comes from ``numpy.random.default_rng(seed)``; layouts are solvable by construction
(and the tests solve 500 seeds of each family and size to prove it).

Every family takes the rule variants as options, ``doors="matching"|"any"`` and ``keys="kept"|"consumed"``: they
change the level's rules, never its layout (the same seed gives the same grid under every rule), and a
non-default variant is written in the level's headers and at the end of its name (``rooms3-10-s4-consumed``).
``opens="aB bC cA"`` (key–door pairs, instead of ``doors=``) keeps the geometry too but re-letters the keys and
doors so each door's key opens it under the pairing (``relabel.py``): ``rooms3-10-s4-aB.bC.cA``.

Every family also takes ``view=N`` (a sight radius; None, the default, keeps the whole level in sight). Like the
rules it never changes the layout; it is written as the ``; view: N`` header (the name stays the same: sight
changes what is observed, not the level).
"""

from __future__ import annotations

from numbers import Integral
from typing import TYPE_CHECKING

from procmem_tui.world.level import MAX_VIEW, Level, level_from_rows, with_view
from procmem_tui.world.relabel import relabel_for_pairs
from procmem_tui.world.rules import DEFAULT_RULES, Rules, rules_from_options

if TYPE_CHECKING:  # numpy loads with the first generated level, not with the package (the app's first frame)
    import numpy as np

FAMILIES = ("doorkey", "rooms")
SIZE_RANGE = (5, 32)


def generate(family: str, size: int, seed: int, **options) -> Level:
    """A new level of a family. ``doorkey``: ``boxes=0``. ``rooms``: ``rooms=3`` (2–6), ``distractors=0``.

    Every family also takes ``doors=`` (``matching``/``any``) or ``opens=`` (key–door pairs, ``"aB bC cA"``),
    ``keys=`` (``kept``/``consumed``) and ``view=`` (a sight radius, or None for all in sight).
    """
    if family not in _FAMILIES:
        raise ValueError(f"unknown level family {family!r}; families are: {', '.join(FAMILIES)}")
    lo, hi = SIZE_RANGE
    if not isinstance(size, Integral) or not lo <= size <= hi:
        raise ValueError(f"size must be a whole number from {lo} to {hi}, not {size!r}")
    if int(seed) < 0:
        raise ValueError(f"seed must be 0 or more, not {seed}")
    allowed = _OPTIONS[family]
    for name, value in options.items():
        if name not in allowed and name not in _COMMON_OPTIONS:
            known = ", ".join((*allowed, *_COMMON_OPTIONS))
            raise ValueError(f"unknown option {name!r} for the {family} family; its options are: {known}")
        if name in allowed and (not isinstance(value, Integral) or isinstance(value, bool)):
            raise ValueError(f"{name} must be a whole number, not {value!r}")
    rules = rules_from_options(options.pop("doors", None), options.pop("keys", None), opens=options.pop("opens", None))
    view = options.pop("view", None)
    import numpy as np

    rng = np.random.default_rng(int(seed))
    level = _FAMILIES[family](int(size), rng, int(seed), rules, **options)
    return level if view is None else with_view(level, _checked_view(view))


def _checked_view(view) -> int:
    if isinstance(view, bool) or not isinstance(view, Integral) or not 0 <= view <= MAX_VIEW:
        raise ValueError(f"view must be a sight radius from 0 to {MAX_VIEW}, or None for the whole level, not {view!r}")
    return int(view)


def _blank(size: int) -> list[list[str]]:
    return [["."] * size for _ in range(size)]


def _to_level(
    grid: list[list[str]], name: str, description: str, transpose: bool, rules: Rules, rng: np.random.Generator
) -> Level:
    """Grid indexed [x][y]; written top row (highest y) first. ``transpose`` swaps the axes for variety."""
    size = len(grid)
    if rules.paired:  # a child generator: the layout's own stream (and so any retry's layout) is untouched
        grid = relabel_for_pairs(grid, rules, rng.spawn(1)[0])
    cell = (lambda x, y: grid[y][x]) if transpose else (lambda x, y: grid[x][y])
    rows = ["".join(cell(x, y) for x in range(size)) for y in reversed(range(size))]
    if not rules.is_default:
        name = f"{name}-{rules.short()}"
        description = f"{description}; {rules.describe()}"
    return level_from_rows(rows, name=name, description=description, rules=rules)


def _pick(rng: np.random.Generator, cells: list[tuple[int, int]], count: int) -> list[tuple[int, int]]:
    chosen = rng.choice(len(cells), size=count, replace=False)
    return [cells[int(i)] for i in chosen]


def _doorkey(size: int, rng: np.random.Generator, seed: int, rules: Rules = DEFAULT_RULES, boxes: int = 0) -> Level:
    """A wall splits the grid; its one door (A) is locked; key a lies on the agent's side, the goal beyond."""
    grid = _blank(size)
    wall_x = int(rng.integers(1, size - 1))
    door_y = int(rng.integers(0, size))
    for y in range(size):
        grid[wall_x][y] = "#"
    grid[wall_x][door_y] = "A"
    left = [(x, y) for x in range(wall_x) for y in range(size)]
    right = [(x, y) for x in range(wall_x + 1, size) for y in range(size)]
    (ax, ay), (kx, ky) = _pick(rng, left, 2)
    gx, gy = _pick(rng, right, 1)[0]
    grid[ax][ay], grid[kx][ky], grid[gx][gy] = "@", "a", "G"
    _place_boxes(grid, rng, boxes, keep=[(ax, ay), (kx, ky), (gx, gy), (wall_x - 1, door_y), (wall_x + 1, door_y)])
    transpose = bool(rng.integers(0, 2))
    level = _to_level(grid, f"doorkey-{size}-s{seed}", f"doorkey {size}x{size}, seed {seed}", transpose, rules,
                      rng)
    return level if boxes == 0 else _ensure_solvable(level, lambda: _doorkey(size, rng, seed, rules, boxes - 1))


def _place_boxes(grid, rng, count: int, keep: list[tuple[int, int]]) -> None:
    if count <= 0:
        return
    size = len(grid)
    free = [(x, y) for x in range(size) for y in range(size) if grid[x][y] == "." and (x, y) not in keep]
    for x, y in _pick(rng, free, min(count, len(free))):
        grid[x][y] = "X"


def _ensure_solvable(level: Level, fallback) -> Level:
    from procmem_tui.world.solve import solve

    return level if solve(level) is not None else fallback()


def _rooms(
    size: int, rng: np.random.Generator, seed: int, rules: Rules = DEFAULT_RULES, rooms: int = 3, distractors: int = 0
) -> Level:
    """A chain of rooms side by side; room i+1 lies behind a door of its own letter; each key in an earlier room."""
    if not 2 <= rooms <= 6:
        raise ValueError(f"rooms must be from 2 to 6, not {rooms}")
    if size < 3 * rooms - 1:
        raise ValueError(f"{rooms} rooms need a size of at least {3 * rooms - 1}, not {size}")
    if not 0 <= distractors <= 6 - (rooms - 1):
        raise ValueError(f"distractors must be from 0 to {6 - (rooms - 1)} with {rooms} rooms")
    grid = _blank(size)
    spare = size - (rooms - 1) - 2 * rooms
    extra = rng.multinomial(spare, [1 / rooms] * rooms) if spare > 0 else [0] * rooms
    widths = [2 + int(e) for e in extra]
    letters = [str(c) for c in rng.permutation(list("abcdef"))]
    door_letters, spare_letters = letters[: rooms - 1], letters[rooms - 1 :]
    spans, x = [], 0
    for i, width in enumerate(widths):
        spans.append((x, x + width))
        x += width
        if i < rooms - 1:
            door_y = int(rng.integers(0, size))
            for y in range(size):
                grid[x][y] = "#"
            grid[x][door_y] = door_letters[i].upper()
            x += 1

    def cells_of(room: int) -> list[tuple[int, int]]:
        lo, hi = spans[room]
        return [(cx, cy) for cx in range(lo, hi) for cy in range(size) if grid[cx][cy] == "."]

    ax, ay = _pick(rng, cells_of(0), 1)[0]
    grid[ax][ay] = "@"
    gx, gy = _pick(rng, cells_of(rooms - 1), 1)[0]
    grid[gx][gy] = "G"
    for i, letter in enumerate(door_letters):
        room = int(rng.integers(0, i + 1))
        kx, ky = _pick(rng, cells_of(room), 1)[0]
        grid[kx][ky] = letter
    for letter in spare_letters[:distractors]:
        room = int(rng.integers(0, rooms))
        kx, ky = _pick(rng, cells_of(room), 1)[0]
        grid[kx][ky] = letter
    transpose = bool(rng.integers(0, 2))
    name, description = f"rooms{rooms}-{size}-s{seed}", f"{rooms} rooms in a chain, {size}x{size}, seed {seed}"
    return _to_level(grid, name, description, transpose, rules, rng)


_FAMILIES = {"doorkey": _doorkey, "rooms": _rooms}
_COMMON_OPTIONS = ("doors", "keys", "opens", "view")
_OPTIONS = {"doorkey": ("boxes",), "rooms": ("rooms", "distractors")}
