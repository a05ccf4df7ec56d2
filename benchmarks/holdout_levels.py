"""A held-out set for ``first_episodes.py --set holdout``: layouts the default set does not hold, so that a change
tuned on the default 38 levels can be checked on levels nobody tuned on.

Sizes 20–32 throughout, every level from ``seed`` (the benchmark's ``--seed``) plus its listed offset (offsets from
100 up, so the default set's generated seeds are never reused):

* the generator families at sizes 20–32: ``doorkey`` (with boxes, consumed keys, a pairing) and ``rooms`` (up to 6
  rooms, many distractor keys, consumed keys, pairings);
* **open** levels: few short inner walls and long distances, the goal in the far corner, either in the open or in
  a walled vault behind one locked door, with keys (the one that opens it and distractors) strewn about;
* **four rooms** in the style of MiniGrid's FourRooms: four rooms joined by one-cell gaps, either all open or the
  goal's room behind two doors of one letter, its key in another room.
"""

from __future__ import annotations

import numpy as np

# (family, size, offset, options)
GENERATED = [
    ("doorkey", 20, 101, {}), ("doorkey", 24, 102, {"boxes": 12}), ("doorkey", 28, 103, {}),
    ("doorkey", 22, 104, {"keys": "consumed", "boxes": 6}), ("doorkey", 26, 105, {"opens": "dA"}),
    ("rooms", 24, 106, {"rooms": 4, "distractors": 2}), ("rooms", 30, 107, {"rooms": 6}),
    ("rooms", 20, 108, {"rooms": 2, "distractors": 5}), ("rooms", 22, 109, {"rooms": 3, "keys": "consumed"}),
    ("rooms", 26, 110, {"rooms": 3, "opens": "aC bA cB"}), ("rooms", 28, 111, {"rooms": 4, "doors": "any"}),
]
# (builder name, size, offset, options)
DRAWN = [
    ("open", 24, 120, {}), ("open", 32, 121, {}), ("open", 28, 122, {"vault": True}),
    ("open", 30, 123, {"vault": True, "distractors": 4}), ("open", 20, 124, {"vault": True, "distractors": 2}),
    ("fourrooms", 19, 130, {}), ("fourrooms", 25, 131, {"locked": True}), ("fourrooms", 29, 132, {"locked": True}),
]
LETTERS = "abcdef"


def _open(size: int, rng: np.random.Generator, vault: bool = False, distractors: int = 0) -> tuple[list, str]:
    """A field with a few short wall segments; the agent near one corner, the goal near the opposite one."""
    grid = [["."] * size for _ in range(size)]
    for _ in range(size // 5):
        length = int(rng.integers(3, 7))
        x, y = int(rng.integers(0, size)), int(rng.integers(0, size))
        dx, dy = ((1, 0), (0, 1))[int(rng.integers(0, 2))]
        for i in range(length):
            if 0 <= x + i * dx < size and 0 <= y + i * dy < size:
                grid[y + i * dy][x + i * dx] = "#"
    corner = size - 1 - int(rng.integers(1, 4))
    gx, gy = corner, corner
    if vault:  # a 3x3 room around the goal, one locked door on its side facing the field
        for y in range(gy - 2, gy + 3):
            for x in range(gx - 2, gx + 3):
                if 0 <= x < size and 0 <= y < size:
                    grid[y][x] = "#" if max(abs(x - gx), abs(y - gy)) == 2 else "."
        grid[gy][gx - 2] = "A"
    grid[gy][gx] = "G"
    ax, ay = int(rng.integers(0, 3)), int(rng.integers(0, 3))
    grid[ay][ax] = "@"
    free = [(x, y) for y in range(size) for x in range(size) if grid[y][x] == "."
            and max(abs(x - gx), abs(y - gy)) > 2]
    keys = ["a"] * vault + list(LETTERS[1:1 + distractors])
    for letter, i in zip(keys, rng.choice(len(free), size=len(keys), replace=False)):
        x, y = free[int(i)]
        grid[y][x] = letter
    what = ("a vault behind door A" if vault else "the goal in the open") + \
        (f", {distractors} distractor keys" if distractors else "")
    return grid, what


def _fourrooms(size: int, rng: np.random.Generator, locked: bool = False) -> tuple[list, str]:
    """Walls round the edge and a cross in the middle, one gap in each arm of the cross; ``locked``: the two gaps
    into the goal's room are doors A, key a in another room."""
    grid = [["#" if x in (0, size - 1) or y in (0, size - 1) else "." for x in range(size)] for y in range(size)]
    mid = size // 2
    for i in range(size):
        grid[mid][i] = grid[i][mid] = "#"
    lo, hi = (1, mid - 1), (mid + 1, size - 2)
    gaps = {"top": (mid, int(rng.integers(*lo))), "bottom": (mid, int(rng.integers(hi[0], hi[1] + 1))),
            "left": (int(rng.integers(*lo)), mid), "right": (int(rng.integers(hi[0], hi[1] + 1)), mid)}
    for x, y in gaps.values():
        grid[y][x] = "."

    def cells(room_x, room_y):
        xs = range(1, mid) if room_x == 0 else range(mid + 1, size - 1)
        ys = range(1, mid) if room_y == 0 else range(mid + 1, size - 1)
        return [(x, y) for y in ys for x in xs if grid[y][x] == "."]

    start, goal = (0, 0), (1, 1)
    ax, ay = cells(*start)[int(rng.integers(len(cells(*start))))]
    gx, gy = cells(*goal)[int(rng.integers(len(cells(*goal))))]
    grid[ay][ax], grid[gy][gx] = "@", "G"
    if locked:  # the goal's room (right, bottom) is entered by the 'bottom' and 'right' gaps
        for name in ("bottom", "right"):
            x, y = gaps[name]
            grid[y][x] = "A"
        room = [(1, 0), (0, 1)][int(rng.integers(0, 2))]
        kx, ky = cells(*room)[int(rng.integers(len(cells(*room))))]
        grid[ky][kx] = "a"
    return grid, "four rooms joined by gaps" + (", the goal's room behind doors A" if locked else "")


BUILDERS = {"open": _open, "fourrooms": _fourrooms}


def holdout_levels(seed: int) -> list:
    """The held-out levels for ``seed``, as ``Level`` values; a drawn layout that cannot be won is drawn again."""
    from procmem_tui.world import generate
    from procmem_tui.world.level import level_from_rows
    from procmem_tui.world.solve import solve

    levels = [generate(family, size, seed + offset, **options) for family, size, offset, options in GENERATED]
    for builder, size, offset, options in DRAWN:
        rng = np.random.default_rng(seed + offset)
        while True:
            grid, what = BUILDERS[builder](size, rng, **options)
            name = f"{builder}-{size}-s{seed + offset}"
            level = level_from_rows(["".join(row) for row in reversed(grid)], name=name,
                                    description=f"{builder} {size}x{size}, seed {seed + offset}: {what}")
            if solve(level) is not None:
                break
        levels.append(level)
    return levels
