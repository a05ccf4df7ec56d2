"""Pairings learned after default training (issue 16: "a library trained on default layouts plays an unseen pairing
level optimally by its third episode"):

    PYTHONPATH=. python benchmarks/pairing_transfer.py [--train 8] [--episodes 3] [--seed 0] [--view N]
                                                       [--workers 1] [--json OUT]

1. **Training, one process**: ``procmem train --family doorkey --size 8 --episodes N`` (the default rules: a door
   opens with the key of its own letter, keys kept), as ``rules_transfer.py`` trains.
2. **Every pairing level** (an ``; opens:`` header) of the built-in levels, of ``first_episodes.py``'s default and
   held-out sets and of ``unusual_levels.py``, for ``--seed``: a new procmem agent on a copy of the trained library
   plays ``--episodes`` episodes of it (``unusual_levels.play_level``); no level teaches another.

Per level: the optimum, the steps of each episode (``F``: lost or cut off) and whether the third episode is
optimal (``by 3``). Summary: on how many levels the third episode is optimal, and the first episode's mean ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from procmem_tui.bench import map_in_order  # noqa: E402


def pairing_levels(seed: int) -> list:
    """Every level with an ``opens:`` header among the built-in levels and the benchmark sets for ``seed``, each
    name once, as ``Level`` values."""
    from first_episodes import level_set
    from unusual_levels import unusual_levels

    out, names = [], set()
    for level in level_set(False, seed) + level_set(False, seed, "holdout") + unusual_levels(seed):
        if level.rules.paired and level.name not in names:
            names.add(level.name)
            out.append(level)
    return out


def train(library: Path, episodes: int, seed: int) -> None:
    from rules_transfer import procmem

    procmem("train", "--family", "doorkey", "--size", "8", "--episodes", str(episodes), "--library", str(library),
            "--quiet", "--seed", str(seed))


def _play(job):
    from unusual_levels import play_level

    return play_level(*job)


def run(train_episodes: int, episodes: int, seed: int, view, workers: int) -> dict:
    from procmem_tui.world import format_level
    from procmem_tui.world.level import view_overridden

    levels = [view_overridden(lv, view) for lv in pairing_levels(seed)]
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "trained.sqlite3"
        train(library, train_episodes, seed)
        jobs = [(format_level(lv), episodes, seed, str(library)) for lv in levels]
        rows = map_in_order(_play, jobs, workers)
    for row in rows:
        third = row["episodes"][min(2, len(row["episodes"]) - 1)]
        row["by3"] = third["success"] and third["steps"] == row["optimal"]
    ep1 = [r["episodes"][0]["steps"] / r["optimal"] for r in rows]
    summary = {"levels": len(rows), "optimal_by_3": sum(r["by3"] for r in rows),
               "ep1_mean": round(sum(ep1) / len(ep1), 3), "lost": sum(not e["success"] for r in rows
                                                                     for e in r["episodes"])}
    return {"train": train_episodes, "episodes": episodes, "seed": seed, "view": view, "levels": rows,
            "summary": summary}


def report(result: dict) -> None:
    from unusual_levels import steps_line

    sight = "whole level" if result["view"] in (None, "all") else f"radius {result['view']}"
    print(f"pairing levels, {result['episodes']} episodes each from a library trained on {result['train']} doorkey "
          f"8x8 episodes (seed {result['seed']}), sight: {sight}")
    print(f"{'level':34} {'opt':>4}  {'by 3':4}  steps per episode")
    for r in result["levels"]:
        steps = steps_line(r["episodes"])
        print(f"{r['level'][:34]:34} {r['optimal']:4}  {'yes' if r['by3'] else 'NO':4}  {steps}")
    s = result["summary"]
    print(f"procmem: third episode optimal on {s['optimal_by_3']} of {s['levels']} pairing levels; ep1 mean "
          f"{s['ep1_mean']:.3f}; episodes lost {s['lost']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=int, default=8, help="doorkey 8x8 training episodes (default 8)")
    parser.add_argument("--episodes", type=int, default=3, help="episodes per pairing level (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="agent seed and layouts' seed (default 0)")
    parser.add_argument("--view", default=None, help="a sight radius for every level, or 'all'")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--json", metavar="OUT", help="also write every level's result and the summary as JSON")
    args = parser.parse_args(argv)
    view = args.view if args.view in (None, "all") else int(args.view)
    result = run(args.train, max(1, args.episodes), args.seed, view, args.workers)
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
