"""Soak the library: record many episodes through the real ``procmem train`` and watch memory and file size.

    python benchmarks/soak_library.py [--episodes 20000] [--chunk 2000] [--agent explorer] [--json OUT]

``procmem train`` runs in chunks of ``--chunk`` episodes on one library (generated ``rooms`` 10x10 levels, about
100 steps an episode with the explorer), keeping every episode (``--keep-episodes``). After each chunk it reports
the episodes stored, the file's size (library + WAL), bytes per episode and the peak resident memory (RSS) of the
train processes so far; at the end ``procmem prune --keep`` half, and the size after its VACUUM. Not run by CI.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def procmem(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "procmem_tui", *args], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          check=True, capture_output=True, text=True)
    return done.stdout


def file_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=20_000)
    parser.add_argument("--chunk", type=int, default=2_000)
    parser.add_argument("--agent", default="explorer")
    parser.add_argument("--json", metavar="OUT")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "soak.sqlite3"
        done, started = 0, time.perf_counter()
        print(f"{'episodes':>9} {'file MB':>8} {'bytes/episode':>14} {'mean steps':>11} {'peak RSS MB':>12} {'wall s':>7}")
        while done < args.episodes:
            n = min(args.chunk, args.episodes - done)
            procmem("train", "--agent", args.agent, "--family", "rooms", "--size", "10", "--seed", str(done),
                    "--episodes", str(n), "--library", str(library), "--keep-episodes", str(args.episodes), "--quiet")
            done += n
            db = sqlite3.connect(library)
            count, steps = db.execute("SELECT COUNT(*), AVG(steps) FROM episodes").fetchone()
            db.close()
            size = file_size(library)
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
            row = {"episodes": count, "file_bytes": size, "bytes_per_episode": round(size / count),
                   "mean_steps": round(steps, 1), "peak_rss_mb": round(rss, 1),
                   "wall_seconds": round(time.perf_counter() - started, 1)}
            rows.append(row)
            print(f"{count:>9,} {size / 2**20:>8.1f} {row['bytes_per_episode']:>14,} {row['mean_steps']:>11} "
                  f"{row['peak_rss_mb']:>12} {row['wall_seconds']:>7}", flush=True)
        keep = args.episodes // 2
        print(procmem("prune", "--keep", str(keep), "--library", str(library)).strip())
        pruned = {"kept": keep, "file_bytes_after_prune": file_size(library)}
    if args.json:
        Path(args.json).write_text(json.dumps({"chunks": rows, "prune": pruned}, indent=1) + "\n")


if __name__ == "__main__":
    main()
