"""Later episodes after training (issue 16: "no level stays above optimal for good"): a library trained as
``rules_transfer.py`` trains, then 8 episodes of each of a few generated levels of every rule, each level from its
own copy of the trained library:

    PYTHONPATH=. python benchmarks/trained_rules.py [--train 8] [--levels 5] [--episodes 8] [--seed 0]
                                                    [--view N] [--workers 1] [--json OUT]

1. **Training, one process**: ``procmem train --family doorkey --size 8 --episodes N``, then the rule-variant
   levels (``any_key``, ``spend_wisely``, ``second_key``) 8 episodes each, round-robin (``rules_transfer.py``).
2. **Every level** (``rooms`` of 3 rooms: ``doors: any`` 10×10, and 12×12 matching, ``keys: consumed`` and
   ``opens: aB bC cA``; ``--levels`` layouts of each, seeds ``3020 + seed`` on): a new procmem agent on a copy of the
   trained library plays ``--episodes`` episodes (``unusual_levels.play_level``), under ``--view`` if given (a sight
   radius, or ``all``); no level teaches another.

Per level: the optimum and the steps of each episode, flagged ``NOT-LAST3`` where the last 3 are not all optimal.
Summary: levels optimal in their last 3, and the steps of episodes 2 on, in total.
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

RULES = [(10, {"doors": "any"}), (12, {}), (12, {"keys": "consumed"}), (12, {"opens": "aB bC cA"})]


def levels(count: int, seed: int) -> list:
    from procmem_tui.world import generate

    return [generate("rooms", size, 3020 + seed + i, rooms=3, **options)
            for size, options in RULES for i in range(count)]


def _play(job):
    from unusual_levels import play_level

    return play_level(*job)


def run(train: int, count: int, episodes: int, seed: int, workers: int, view=None) -> dict:
    from rules_transfer import VARIANTS, procmem

    from procmem_tui.world import format_level
    from procmem_tui.world.level import view_overridden

    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "trained.sqlite3"
        procmem("train", "--family", "doorkey", "--size", "8", "--episodes", str(train), "--library", str(library),
                "--quiet", "--seed", str(seed))
        procmem("train", *[a for name in VARIANTS for a in ("--level", name)], "--episodes", "8", "--library",
                str(library), "--quiet", "--seed", str(seed))
        jobs = [(format_level(view_overridden(lv, view)), episodes, seed, str(library)) for lv in levels(count, seed)]
        rows = map_in_order(_play, jobs, workers)
    for row in rows:
        row["last3"] = all(e["success"] and e["steps"] == row["optimal"] for e in row["episodes"][-3:])
    summary = {"levels": len(rows), "last3_optimal": sum(r["last3"] for r in rows),
               "steps_after_first": sum(e["steps"] for r in rows for e in r["episodes"][1:])}
    return {"levels": rows, "summary": summary}


def report(result: dict) -> None:
    from unusual_levels import steps_line

    print("a library trained as rules_transfer.py trains, then 8 episodes per level, each from a copy of it")
    print(f"{'level':28} {'opt':>4}  steps per episode")
    for row in result["levels"]:
        steps = steps_line(row["episodes"])
        print(f"{row['level']:28} {row['optimal']:4}  {steps}{'' if row['last3'] else '  NOT-LAST3'}")
    s = result["summary"]
    print(f"procmem: last 3 optimal on {s['last3_optimal']} of {s['levels']}; steps of episodes 2 on "
          f"{s['steps_after_first']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=8, help="doorkey 8x8 training layouts (default 8)")
    parser.add_argument("--levels", type=int, default=5, help="layouts of each rule (default 5)")
    parser.add_argument("--episodes", type=int, default=8, help="episodes per level (default 8)")
    parser.add_argument("--seed", type=int, default=0, help="the agent's and the layouts' seed (default 0)")
    parser.add_argument("--view", help="a sight radius for every level, or 'all' (default: each level's own header)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--json", metavar="OUT", help="also write every level's result and the summary as JSON")
    args = parser.parse_args(argv)
    result = run(args.train, max(1, args.levels), max(3, args.episodes), args.seed, args.workers, args.view)
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
