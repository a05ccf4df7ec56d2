"""Episode 1 under fog on layouts no other benchmark holds: how well procmem explores a level it has never seen.

    PYTHONPATH=. python benchmarks/fog_layouts.py [--view 3] [--seeds 2 3 4] [--workers 1] [--only TEXT]
                                                  [--json OUT]

For every layout a new procmem agent with an empty library plays one episode under sight ``--view`` (default 3);
the ratio is its steps ÷ the solver's full-information optimum, as in ``first_episodes.py``. Only episode 1 is
played (recall is ``first_episodes.py``'s business), so a run over three seeds takes about a minute on 2 workers.

The layouts, per seed (layout seeds from 1000 up, apart from the other benchmarks' seeds), sizes 20-32:

* ``open``: open fields with a few short walls, the goal near the far corner, in the open or in a vault behind
  one door with two distractor keys (``holdout_levels``' builder);
* ``fourrooms``: four rooms joined by one-cell gaps, open or the goal's room behind doors (``holdout_levels``);
* ``maze``: a maze of one-cell corridors with a few loops, the goal among the fifth of cells farthest from the start;
* ``strips``: long narrow rooms, one to four cells high, stacked, each joined to the next by one gap;
* ``rooms``: the generator's chains, six rooms at 32 and four rooms with distractor keys at 24; ``doorkey`` at 28.

Per family: mean and worst ratio. Summary: the mean over all layouts, the worst, failures. One episode's ratio
swings with any change to the explorer (a step one way or the other decides which side of a level is seen first),
so compare means over several seeds, never one level.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import deque
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from procmem_tui.bench import map_in_order  # noqa: E402

MOVES = ((1, 0), (-1, 0), (0, 1), (0, -1))


def _maze(size: int, rng: np.random.Generator) -> tuple[list, str]:
    """A recursive-backtracker maze of one-cell corridors, up to ``size // 3`` walls between two corridors knocked
    through for loops; the agent in one corner, the goal on one of the fifth of cells farthest from it."""
    n = size | 1
    grid = [["#"] * n for _ in range(n)]
    grid[1][1] = "."
    stack = [(1, 1)]
    while stack:
        x, y = stack[-1]
        ahead = [(dx, dy) for dx, dy in ((2, 0), (-2, 0), (0, 2), (0, -2))
                 if 0 < x + dx < n - 1 and 0 < y + dy < n - 1 and grid[y + dy][x + dx] == "#"]
        if not ahead:
            stack.pop()
            continue
        dx, dy = ahead[int(rng.integers(len(ahead)))]
        grid[y + dy // 2][x + dx // 2] = grid[y + dy][x + dx] = "."
        stack.append((x + dx, y + dy))
    for _ in range(n // 3):
        x, y = int(rng.integers(1, n - 1)), int(rng.integers(1, n - 1))
        if (x + y) % 2 and grid[y][x] == "#" and (grid[y][x - 1] == grid[y][x + 1] == "." or
                                                 grid[y - 1][x] == grid[y + 1][x] == "."):
            grid[y][x] = "."
    dist = {(1, 1): 0}
    queue = deque([(1, 1)])
    while queue:
        x, y = queue.popleft()
        for dx, dy in MOVES:
            if grid[y + dy][x + dx] != "#" and (x + dx, y + dy) not in dist:
                dist[(x + dx, y + dy)] = dist[(x, y)] + 1
                queue.append((x + dx, y + dy))
    far = sorted(dist, key=lambda p: (-dist[p], p))
    gx, gy = far[int(rng.integers(0, max(1, len(far) // 5)))]
    grid[1][1], grid[gy][gx] = "@", "G"
    return grid, "a maze of one-cell corridors with a few loops"


def _strips(size: int, rng: np.random.Generator) -> tuple[list, str]:
    """Long narrow rooms ``size`` wide, 1-4 cells high, stacked about ``size // 2`` high, each joined to the next by
    one gap; the agent in the lowest, the goal in the highest."""
    grid: list = []
    while len(grid) < size // 2:
        grid.extend(["."] * size for _ in range(int(rng.integers(1, 5))))
        wall = ["#"] * size
        wall[int(rng.integers(0, size))] = "."
        grid.append(wall)
    grid.pop()
    grid[0][int(rng.integers(0, size))] = "@"
    top = [x for x in range(size) if grid[-1][x] == "."]
    grid[-1][top[int(rng.integers(len(top)))]] = "G"
    return grid, "long narrow rooms stacked, one gap between each"


def _drawn(builder: str, size: int, seed: int, **options):
    from holdout_levels import BUILDERS
    from procmem_tui.world.level import level_from_rows
    from procmem_tui.world.solve import solve

    build = {**BUILDERS, "maze": _maze, "strips": _strips}[builder]
    rng = np.random.default_rng(seed)
    while True:
        grid, what = build(size, rng, **options)
        name = f"{builder}-{size}-s{seed}" + ("-vault" if options.get("vault") else "") + \
            ("-locked" if options.get("locked") else "")
        level = level_from_rows(["".join(row) for row in reversed(grid)], name=name,
                                description=f"{builder} {size}x{size}, seed {seed}: {what}")
        if solve(level) is not None:
            return level


def layouts(seed: int) -> list:
    """(family, level) for one seed."""
    from procmem_tui.world import generate

    base = 1000 + 40 * seed
    out = []
    for i, size in enumerate((20, 26, 32)):
        out.append(("open", _drawn("open", size, base + i)))
        out.append(("open", _drawn("open", size, base + 3 + i, vault=True, distractors=2)))
    for i, size in enumerate((21, 27)):
        out.append(("fourrooms", _drawn("fourrooms", size, base + 6 + i)))
        out.append(("fourrooms", _drawn("fourrooms", size, base + 8 + i, locked=True)))
    for i, size in enumerate((21, 31)):
        out.append(("maze", _drawn("maze", size, base + 10 + i)))
    for i, size in enumerate((24, 32)):
        out.append(("strips", _drawn("strips", size, base + 12 + i)))
    out.append(("rooms", generate("rooms", 32, base + 14, rooms=6)))
    out.append(("rooms", generate("rooms", 24, base + 15, rooms=4, distractors=2)))
    out.append(("doorkey", generate("doorkey", 28, base + 16)))
    return out


def play(job: tuple) -> dict:
    """Episode 1 of one layout by a new procmem agent with an empty library."""
    family, text, seed = job
    from procmem_tui.agents import make_agent
    from procmem_tui.memory import SkillLibrary
    from procmem_tui.session import LevelSource, Session
    from procmem_tui.world import parse_level

    level = parse_level(text, "<fog_layouts>")
    agent = make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed))
    s = Session(LevelSource.fixed(level), agent).run_episode()
    return {"family": family, "level": level.name, "optimal": s.optimal_steps, "steps": s.steps,
            "success": s.success, "ratio": round(s.steps / s.optimal_steps, 4)}


def main(argv: list[str] | None = None) -> int:
    from procmem_tui.world import format_level
    from procmem_tui.world.level import view_overridden

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--view", default="3", help="sight radius, or 'all' (default 3)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[2, 3, 4], help="layout seeds (default 2 3 4)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", default="", help="only layouts whose name contains this")
    parser.add_argument("--json", metavar="OUT", help="also write every layout's result as JSON")
    args = parser.parse_args(argv)
    view = args.view if args.view == "all" else int(args.view)
    jobs = [(family, format_level(view_overridden(level, view)), seed)
            for seed in args.seeds for family, level in layouts(seed) if args.only in level.name]
    rows = map_in_order(play, jobs, args.workers)
    print(f"episode 1 from an empty library, sight: {view}; ratios are steps ÷ the full-information optimum")
    for r in rows:
        print(f"{r['family']:9} {r['level']:28} {r['optimal']:4} {r['steps']:5} {r['ratio']:6.2f}"
              f"{'' if r['success'] else ' FAILED'}")
    families: dict = {}
    for r in rows:
        families.setdefault(r["family"], []).append(r["ratio"])
    ratios = [r["ratio"] for r in rows]
    print("  ".join(f"{f} {np.mean(v):.2f} (worst {max(v):.2f})" for f, v in families.items()))
    print(f"procmem: ep1 mean {np.mean(ratios):.3f}, worst {max(ratios):.3f} over {len(rows)} layouts; "
          f"failures {sum(not r['success'] for r in rows)}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
