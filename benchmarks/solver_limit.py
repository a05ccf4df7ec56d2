"""How long and how much memory the solver takes to refuse a level it cannot solve within its budget.

    python benchmarks/solver_limit.py            # the crowded field from tests/unit/world/test_solver.py
    python benchmarks/solver_limit.py --json

The level is a 20x20 open field strewn with 32 doors A, one key a, and a goal behind door B (whose key does not
exist): every subset of opened doors is a new search state, so the breadth-first search can never finish. It
reports the states explored when the solver gave up (``MAX_SOLVER_STATES`` + a few), the seconds that took, and
the process's peak resident memory (``ru_maxrss``, which includes the interpreter, about 30 MB). Also the time
the largest shipped and generated levels take to solve, for scale.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time


def crowded_field() -> str:
    rows = ["@a" + "." * 18]
    for r in range(1, 19):
        rows.append("".join("A" if (r * 7 + c * 3) % 11 == 0 else "." for c in range(20)))
    rows.append("." * 17 + "#BG")
    return "\n".join(rows) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    from procmem_tui.world import MAX_SOLVER_STATES, SolverLimitError, generate, load_level, parse_level, solve

    level = parse_level(crowded_field(), "crowded_field", check_solvable=False)
    start = time.perf_counter()
    try:
        solve(level)
        explored = None
    except SolverLimitError as exc:
        explored = exc.explored
    refused_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    scale = {}
    for name, make in (
        ("distractor_keys", lambda: load_level("distractor_keys")),
        ("rooms6-32 any+consumed", lambda: generate("rooms", 32, 1, rooms=6, distractors=1, doors="any", keys="consumed")),
    ):
        lvl = make()
        t = time.perf_counter()
        solve(lvl, budget=MAX_SOLVER_STATES - 1)  # a different budget skips the cache
        scale[name] = round(time.perf_counter() - t, 3)
    result = {
        "budget": MAX_SOLVER_STATES, "explored": explored, "refused_seconds": round(refused_s, 2),
        "peak_rss_mb": round(peak_mb), "solve_seconds": scale, "python": sys.version.split()[0],
        "machine": platform.machine(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"budget {MAX_SOLVER_STATES:,} states: refused after {explored:,} states in {refused_s:.2f} s, "
              f"peak memory {peak_mb:.0f} MB")
        for name, seconds in scale.items():
            print(f"  solving {name}: {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
