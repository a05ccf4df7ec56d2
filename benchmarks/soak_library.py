"""Soak the library: 20,000 recorded episodes in one file, and what the verbs cost on it (memory, size, time).

    python benchmarks/soak_library.py [--episodes 20000] [--pool 100] [--json OUT]

1. ``procmem train`` records ``--pool`` real episodes (the explorer on generated ``rooms`` 10x10 levels, about 100
   steps each) into a library, through the normal recording path (compact rows).
2. Those rows are copied, renumbered, until the library holds ``--episodes`` (training 20,000 episodes live would
   take most of an hour; the rows are the same bytes ``train`` writes).
3. Real processes then run on it — ``stats``, ``episodes list`` of all of them, ``doctor`` (every row checked),
   ``train`` of 20 more episodes (with the default cap, which prunes to 10,000 as it records) and ``prune --keep``
   half (VACUUM) — and each one's peak resident memory (RSS, from ``wait4``), wall time, and the file size after it
   are reported. Not run by CI.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("episode, level_name, level_text, family, seed, agent, source, steps, optimal_steps, reward, success, "
           "terminated, truncated, started_at, start_json, actions, steps_json, skill_steps, library_size, learned")


def run_measured(*args: str) -> tuple[float, float, str]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "procmem_tui", *args], env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read()
    process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"procmem {' '.join(args)} failed")
    return usage.ru_maxrss / 1024, time.perf_counter() - started, out.decode("utf-8", "replace")


def file_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def fill(library: Path, pool: Path, target: int) -> int:
    db = sqlite3.connect(library)
    db.execute("ATTACH DATABASE ? AS pool", (str(pool),))
    size = db.execute("SELECT COUNT(*) FROM pool.episodes").fetchone()[0]
    db.execute("BEGIN")
    copied = 0
    while copied < target:
        n = min(size, target - copied)
        source = COLUMNS.replace("episode,", f"episode + {copied},", 1)
        db.execute(f"INSERT INTO episodes ({COLUMNS}) SELECT {source} FROM pool.episodes ORDER BY id LIMIT {n}")
        copied += n
    db.execute("UPDATE meta SET value = ? WHERE key = 'last_episode'", (str(copied),))
    db.execute("COMMIT")
    db.execute("DETACH DATABASE pool")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return copied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=20_000)
    parser.add_argument("--pool", type=int, default=100)
    parser.add_argument("--json", metavar="OUT")
    args = parser.parse_args()
    report = {}
    with tempfile.TemporaryDirectory() as folder:
        pool, library = Path(folder) / "pool.sqlite3", Path(folder) / "soak.sqlite3"
        rss, wall, _ = run_measured("train", "--agent", "explorer", "--family", "rooms", "--size", "10",
                                    "--episodes", str(args.pool), "--library", str(pool), "--quiet")
        db = sqlite3.connect(pool)
        mean_steps = db.execute("SELECT AVG(steps) FROM episodes").fetchone()[0]
        db.close()
        print(f"pool: {args.pool} episodes trained, mean {mean_steps:.1f} steps, train peak RSS {rss:.0f} MB, {wall:.0f} s")
        run_measured("train", "--level", "classic", "--episodes", "5", "--library", str(library), "--quiet")
        copied = fill(library, pool, args.episodes)
        size = file_size(library)
        report["filled"] = {"episodes": copied + 5, "file_bytes": size, "bytes_per_episode": round(size / (copied + 5)),
                            "mean_steps": round(mean_steps, 1)}
        print(f"filled: {copied + 5:,} episodes, {size / 2**20:.1f} MB, {size / (copied + 5):,.0f} bytes per episode")
        print(f"{'verb':<34} {'peak RSS MB':>11} {'wall s':>7} {'file MB after':>13}")
        for verb in (["stats"], ["episodes", "list", "--limit", str(args.episodes + 100)], ["doctor"],
                     ["train", "--agent", "explorer", "--family", "rooms", "--size", "10", "--seed", "7",
                      "--episodes", "20", "--quiet"],
                     ["prune", "--keep", str(args.episodes // 4)]):
            rss, wall, out = run_measured(*verb, "--library", str(library))
            after = file_size(library)
            name = " ".join(verb[:3])
            report[name] = {"peak_rss_mb": round(rss, 1), "wall_seconds": round(wall, 1), "file_bytes_after": after}
            print(f"{name:<34} {rss:>11.0f} {wall:>7.1f} {after / 2**20:>13.1f}", flush=True)
        db = sqlite3.connect(library)
        report["after"] = {"episodes": db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0],
                           "skills": db.execute("SELECT COUNT(*) FROM skills").fetchone()[0]}
        db.close()
        print(f"after: {report['after']['episodes']:,} episodes, {report['after']['skills']} skills kept")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
