"""Unusual levels, as an outside reviewer would try them: does procmem break where nobody tuned it?

    PYTHONPATH=. python benchmarks/unusual_levels.py [--view N] [--seed 0] [--episodes 8] [--library FILE]
                                                     [--only TEXT] [--workers 1] [--json OUT]

For every level a new procmem agent (an empty library, or a copy of ``--library``: a trained one) plays
``--episodes`` episodes through ``Session`` and a library file, as ``procmem train`` does. Per level: the optimum,
the steps of each episode (``F``: lost or cut off), the slowest decision (ms of CPU time of its process, as
``procmem bench`` times it: wall time counted the moments a loaded machine gave the process none) and the wall
time. Flags: ``LOST1`` (episode 1 not won), ``NOT-LAST3`` (the last 3 not all optimal), ``NEVER`` (no episode
optimal), ``EP2>EP1``, ``SLOW`` (a decision over 50 ms). Summary: ep1 mean and worst ratio (a lost episode counts
its steps), and how many levels carry each flag.

The levels (``unusual_levels(seed)``):

* **drawn**: open fields 24-32 wide with no inner walls (the goal in the far corner, in the open or in a walled
  vault behind one door, with or without six strewn keys, with a pairing, with consumed keys and four keys of
  one letter), a cycle of five pairings (``opens: aB bC cD dE eF``), swapped pairs, a door no key opens beside a
  way round, keys-consumed levels whose nearest door is a dead end, 1-wide corridors, a 1-row and a 1-column
  level, the goal next to the start, two goals, a box maze;
* **generated** at sizes 20-32: six rooms, pairings over five letters, ``any`` + ``consumed`` with distractors,
  doorkey with 40 boxes (seeds from ``seed`` + 500 up, apart from the other benchmarks' seeds).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from procmem_tui.bench import map_in_order  # noqa: E402

SLOW_MS = 50.0
# (family, size, offset, options)
GENERATED = [
    ("rooms", 32, 500, {"rooms": 6}), ("rooms", 32, 501, {"rooms": 6, "keys": "consumed"}),
    ("rooms", 30, 502, {"rooms": 5, "opens": "aB bC cD dE eA"}),
    ("rooms", 24, 503, {"rooms": 4, "opens": "aD bA cB dC"}),
    ("rooms", 26, 504, {"rooms": 3, "distractors": 3, "keys": "consumed"}),
    ("rooms", 28, 505, {"rooms": 4, "distractors": 2, "doors": "any", "keys": "consumed"}),
    ("rooms", 20, 506, {"rooms": 3, "opens": "aB bA cC", "keys": "consumed"}),
    ("doorkey", 32, 507, {"boxes": 40}), ("doorkey", 28, 508, {"doors": "any"}), ("doorkey", 30, 509, {"opens": "fA"}),
]
FIXED = {
    "cycle5": (["#############", "#@.a#b#c#d#e#", "#...B.C.D.E.F", "#f..#.#.#.#.G", "#############"],
               {"opens": "aB bC cD dE eF"}),
    "swapped-pairs": (["#########", "#@.b.a..#", "#######A#", "#G..B...#", "#########"], {"opens": "bA aB"}),
    "door-no-key-opens": (["##########", "#@.b.C..G#", "#.######.#", "#a..A....#", "##########"], {"opens": "aA bB"}),
    "dead-end-consumed": (["..........#.....", "######A####.....", "@..a............", "############A###",
                           "G..............."], {"keys": "consumed"}),
    "dead-end-pairs": (["...#.......", "...B.......", "####.......", "@.a......b.", "########C##", "G.........."],
                       {"keys": "consumed", "opens": "aB bC"}),
    "dead-end-any": (["..........#...", "######B####...", "@.a.....b.....", "###########A##", "G............."],
                     {"keys": "consumed", "doors": "any"}),
    "snake-door": (["@...a.....#", "#########.#", "#....A....#", "#.#########", "#.........#", "#########.#",
                    "G.........#"], {}),
    "corridor-key-at-end": (["@" + "." * 28 + "a", "#" * 29 + "A", "G" + "." * 29], {}),
    "one-row": (["@aAG"], {}), "one-column": (["G", "A", "a", "@"], {}),
    "goal-next-to-start": (["#####", "#@G.#", "#.a.#", "#A###", "#...#"], {}),
    "two-goals": (["G.....@.......A.G", "a................"], {}),
    "box-maze": (["@.X......", ".XX.XXXX.", "....X..X.", "XXX.X.GX.", "..X.XX.X.", "a.X....X.", "..XXXXAX.",
                  "........."], {}),
}
# (name, size, strewn keys, vault door letter or "", headers)
FIELDS = [
    ("open-24", 24, "", "", {}), ("open-32", 32, "", "", {}), ("open-28-vault", 28, "a", "A", {}),
    ("open-32-vault-6-keys", 32, "abcdef", "A", {}), ("open-24-vault-6-keys", 24, "abcdef", "A", {}),
    ("open-32-vault-pairs", 32, "abc", "B", {"opens": "aB bC"}),
    ("open-30-vault-4-a-consumed", 30, "aaaa", "A", {"keys": "consumed"}),
]


def _field(size: int, rng: np.random.Generator, keys: str, vault: str) -> list[str]:
    """An open field: the agent near one corner, the goal near the opposite one (in a 5x5 walled vault whose one
    door is ``vault``, if given), ``keys`` strewn at random away from the goal."""
    grid = [["."] * size for _ in range(size)]
    gx, gy = size - 3 - int(rng.integers(0, 2)), size - 3 - int(rng.integers(0, 2))
    if vault:
        for y in range(gy - 2, gy + 3):
            for x in range(gx - 2, gx + 3):
                grid[y][x] = "#" if max(abs(x - gx), abs(y - gy)) == 2 else "."
        grid[gy][gx - 2] = vault
    grid[gy][gx] = "G"
    grid[int(rng.integers(0, 3))][int(rng.integers(0, 3))] = "@"
    free = [(x, y) for y in range(size) for x in range(size) if grid[y][x] == "." and max(abs(x - gx), abs(y - gy)) > 2]
    for letter, i in zip(keys, rng.choice(len(free), size=len(keys), replace=False)):
        x, y = free[int(i)]
        grid[y][x] = letter
    return ["".join(row) for row in grid]


def unusual_levels(seed: int) -> list:
    """The levels for ``seed`` as ``Level`` values (drawn first, then generated); every one is winnable."""
    from procmem_tui.world import generate, parse_level

    def level(name: str, rows: list[str], headers: dict):
        lines = [f"; name: {name}"] + [f"; {k}: {v}" for k, v in headers.items()] + rows
        return parse_level("\n".join(lines) + "\n", name)

    rng = np.random.default_rng(seed + 1000)
    levels = [level(f"{name}-s{seed}", _field(size, rng, keys, vault), headers)
              for name, size, keys, vault, headers in FIELDS]
    levels += [level(name, rows, headers) for name, (rows, headers) in FIXED.items()]
    levels += [generate(family, size, seed + offset, **options) for family, size, offset, options in GENERATED]
    return levels


def play_level(level_text: str, episodes: int, seed: int, library: str | None) -> dict:
    """``episodes`` episodes of one level by a new procmem agent on its own library file (a copy of ``library``)."""
    from procmem_tui.agents import make_agent
    from procmem_tui.memory import SkillStore
    from procmem_tui.session import LevelSource, Session
    from procmem_tui.world import parse_level

    level = parse_level(level_text, "<level>")
    folder = tempfile.mkdtemp(prefix="unusual")
    path = os.path.join(folder, "library.sqlite3")
    if library:
        shutil.copyfile(library, path)
    store = SkillStore.open(path)
    try:
        agent = make_agent("procmem", seed=seed, library=store.load_library(seed=seed))
        slowest = [0.0]
        act = agent.act

        def timed(observation):
            t = time.process_time()
            decision = act(observation)
            slowest[-1] = max(slowest[-1], (time.process_time() - t) * 1000)
            return decision

        agent.act = timed
        session = Session(LevelSource.fixed(level), agent, store)
        played = []
        for i in range(episodes):
            if i:
                session.next_episode()
                slowest.append(0.0)
            t0 = time.perf_counter()
            while not session.done:
                session.agent_step()
            s = session.finished
            played.append({"steps": s.steps, "success": s.success, "ms": round(slowest[-1], 1),
                           "wall": round(time.perf_counter() - t0, 2)})
        return {"level": level.name, "size": f"{level.width}x{level.height}", "optimal": session.optimal_steps,
                "episodes": played}
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


def flags(row: dict) -> list[str]:
    opt, eps = row["optimal"], row["episodes"]
    best = [e["success"] and e["steps"] == opt for e in eps]
    out = [] if eps[0]["success"] else ["LOST1"]
    out += [] if all(best[-3:]) else ["NOT-LAST3"]
    out += [] if any(best) else ["NEVER"]
    out += ["EP2>EP1"] if len(eps) > 1 and eps[1]["steps"] > eps[0]["steps"] else []
    out += ["SLOW"] if max(e["ms"] for e in eps) > SLOW_MS else []
    return out


def _run(job):
    return play_level(*job)


def run(view, seed: int, episodes: int, library: str | None, only: str | None, workers: int) -> dict:
    from procmem_tui.world import format_level
    from procmem_tui.world.level import view_overridden

    levels = [view_overridden(lv, view) for lv in unusual_levels(seed) if not only or only in lv.name]
    jobs = [(format_level(lv), episodes, seed, library) for lv in levels]
    rows = map_in_order(_run, jobs, workers)
    for row in rows:
        row["flags"] = flags(row)
    ep1 = [r["episodes"][0]["steps"] / r["optimal"] for r in rows]
    counted = {f: sum(f in r["flags"] for r in rows) for f in ("LOST1", "NOT-LAST3", "NEVER", "EP2>EP1", "SLOW")}
    summary = {"levels": len(rows), "ep1_mean": round(sum(ep1) / len(ep1), 3), "ep1_worst": round(max(ep1), 3),
               "slowest_ms": max(e["ms"] for r in rows for e in r["episodes"]), **counted}
    return {"view": view, "seed": seed, "episodes": episodes, "library": bool(library), "levels": rows,
            "summary": summary}


def steps_line(episodes: list[dict]) -> str:
    """Each episode's steps, an F after a lost one: the column every later-episodes benchmark prints."""
    return " ".join(f"{e['steps']}{'' if e['success'] else 'F'}" for e in episodes)


def report(result: dict) -> None:
    sight = "whole level" if result["view"] in (None, "all") else f"radius {result['view']}"
    start = "a copy of the given library" if result["library"] else "an empty library"
    print(f"unusual levels, {result['episodes']} episodes each from {start}, sight: {sight}")
    print(f"{'level':30} {'size':>6} {'opt':>4} {'ep1':>6} {'max ms':>7} {'wall s':>6}  steps per episode  flags")
    for r in result["levels"]:
        eps = r["episodes"]
        steps = steps_line(eps)
        print(f"{r['level'][:30]:30} {r['size']:>6} {r['optimal']:4} {eps[0]['steps'] / r['optimal']:6.2f} "
              f"{max(e['ms'] for e in eps):7.1f} {sum(e['wall'] for e in eps):6.1f}  {steps}  {' '.join(r['flags'])}")
    s = result["summary"]
    print(f"procmem: ep1 mean {s['ep1_mean']:.3f}, worst {s['ep1_worst']:.3f}; episode 1 lost on {s['LOST1']}, "
          f"last 3 not optimal on {s['NOT-LAST3']}, never optimal on {s['NEVER']}, episode 2 worse than 1 on "
          f"{s['EP2>EP1']}, a decision over {SLOW_MS:.0f} ms on {s['SLOW']} (slowest {s['slowest_ms']:.0f} ms) "
          f"of {s['levels']} levels")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--view", default=None, help="a sight radius for every level, or 'all'")
    parser.add_argument("--seed", type=int, default=0, help="agent seed and layouts' seed (default 0)")
    parser.add_argument("--episodes", type=int, default=8, help="episodes per level (default 8)")
    parser.add_argument("--library", help="start every level from a copy of this library (e.g. a trained one)")
    parser.add_argument("--only", metavar="TEXT", help="only the levels whose name contains TEXT")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--json", metavar="OUT", help="also write every level's result and the summary as JSON")
    args = parser.parse_args(argv)
    view = args.view if args.view in (None, "all") else int(args.view)
    result = run(view, args.seed, max(1, args.episodes), args.library, args.only, args.workers)
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
