"""A new process continues where the last one stopped: per level, train in one process, then one episode in another.

    python benchmarks/restart.py [--episodes 6] [--levels NAME|FILE ...] [--json OUT]

For each level (default: every built-in level), ``procmem train --level L --episodes N --library F`` runs in one
process, then ``procmem train --level L --episodes 1 --library F`` in a new one. Reported: the first process's
first and last episode and the new process's first episode, in steps against the optimum, and whether that episode
ran entirely inside skills. Before schema 4 the new process's first episode explored from scratch.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _train(library: Path, level: str, episodes: int, out: Path) -> list[dict]:
    command = [sys.executable, "-m", "procmem_tui", "train", "--level", level, "--episodes", str(episodes),
               "--library", str(library), "--json", str(out), "--quiet"]
    subprocess.run(command, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())["episodes"]


def measure(level: str, episodes: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library.sqlite3"
        first = _train(library, level, episodes, Path(tmp) / "a.json")
        (again,) = _train(library, level, 1, Path(tmp) / "b.json")
    return {"level": first[0]["level"], "optimal": again["optimal_steps"], "first": first[0]["steps"],
            "last": first[-1]["steps"], "new_process_first": again["steps"], "success": again["success"],
            "inside_skills": again["skill_steps"] == again["steps"], "episode_numbers": [first[-1]["episode"],
                                                                                          again["episode"]]}


def main(argv: list[str] | None = None) -> int:
    from procmem_tui.world import builtin_level_names

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--episodes", type=int, default=6, help="episodes in the first process (default 6)")
    parser.add_argument("--levels", nargs="+", default=None, help="levels (default: every built-in level)")
    parser.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    args = parser.parse_args(argv)
    rows = [measure(level, args.episodes) for level in args.levels or builtin_level_names()]
    print(f"{'level':18} {'optimal':>7} {'process 1: first':>16} {'last':>5} {'process 2: first':>16}  inside skills")
    for r in rows:
        print(f"{r['level'][:18]:18} {r['optimal']:7} {r['first']:16} {r['last']:5} {r['new_process_first']:16}  "
              f"{'yes' if r['inside_skills'] else 'no'}")
    optimal = sum(r["success"] and r["new_process_first"] == r["optimal"] for r in rows)
    print(f"new process optimal from its first episode on {optimal} of {len(rows)} levels")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
