"""Rules learned, not given (issue 9): one library trained on default-rule layouts, then on the rule-variant
levels; in a new process, the first episode on each variant level already played and on unseen default-rule
levels. Prints one line per level: steps, optimal, ratio and the decisions. Run from a checkout:

    PYTHONPATH=. python benchmarks/rules_transfer.py [--train 20] [--variant-episodes 8] [--seed 0] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

VARIANTS = ["any_key", "spend_wisely", "second_key"]
UNSEEN_DEFAULT = ["classic", "two_doors", "three_doors", "distractor_keys", "warehouse", "maze", "long_haul"]


def procmem(*argv: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run([sys.executable, "-m", "procmem_tui", *argv], check=True, env=env, stdout=subprocess.DEVNULL)


def first_episode(library: Path, level: str, out: Path, seed: int) -> dict:
    procmem("train", "--level", level, "--episodes", "1", "--library", str(library), "--quiet", "--json", str(out),
            "--seed", str(seed))
    return json.loads(out.read_text())["episodes"][0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=20, help="doorkey 8x8 training layouts (default 20)")
    parser.add_argument("--variant-episodes", type=int, default=8, help="episodes per variant level (default 8)")
    parser.add_argument("--seed", type=int, default=0, help="the agent's and the layouts' seed (default 0)")
    parser.add_argument("--json", metavar="OUT", help="also write every level's result and the summaries as JSON")
    args = parser.parse_args()
    seed = ["--seed", str(args.seed)]
    with tempfile.TemporaryDirectory() as tmp:
        library, out = Path(tmp) / "lib.sqlite3", Path(tmp) / "out.json"
        procmem("train", "--family", "doorkey", "--size", "8", "--episodes", str(args.train), "--library", str(library),
                "--quiet", *seed)
        levels = [a for name in VARIANTS for a in ("--level", name)]
        procmem("train", *levels, "--episodes", str(args.variant_episodes), "--library", str(library), "--quiet",
                *seed)
        ratios, rows = [], []
        for group, names in (("variant, played", VARIANTS), ("default, unseen", UNSEEN_DEFAULT)):
            for name in names:
                before = library.read_bytes()
                e = first_episode(library, name, out, args.seed)
                library.write_bytes(before)  # every level is measured on the same trained library
                ratio = e["steps"] / e["optimal_steps"]
                ratios.append((group, ratio))
                rows.append({"group": group, "level": name, "steps": e["steps"], "optimal": e["optimal_steps"],
                             "ratio": round(ratio, 4), "success": e["success"], "decisions": e["decisions"]})
                print(f"{group:16} {name:16} {e['steps']:4} / {e['optimal_steps']:<4} {ratio:5.2f}  "
                      f"{'won' if e['success'] else 'FAILED'}  {e['decisions']}")
        summary = {}
        for group in ("variant, played", "default, unseen"):
            mine = [r for g, r in ratios if g == group]
            summary[group] = {"mean": round(sum(mine) / len(mine), 4), "worst": round(max(mine), 4)}
            print(f"{group}: mean {sum(mine) / len(mine):.3f}, worst {max(mine):.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"levels": rows, "summary": summary}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
