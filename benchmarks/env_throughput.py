"""Environment throughput: random-policy steps per second, procmem vs MiniGrid, on DoorKey 5x5 and 8x8.

    python benchmarks/env_throughput.py                 # 3 s per measurement, median of 5 repeats
    python benchmarks/env_throughput.py --seconds 1 --repeats 3 --json

What is measured, for each size:

- ``procmem core``: ``GridWorld.step`` with actions pre-drawn from ``numpy.random.default_rng(seed)``; when an
  episode ends (goal or the level's ``max_steps`` = 4·W·H) the next layout is ``generate("doorkey", size,
  seed + i)`` in a new ``GridWorld``. Generation is inside the timed loop.
- ``procmem gym``: the same through ``ProcmemEnv`` (observation dict built every step, ``reset`` with
  ``options={"layout_seed": seed + i}``, which also runs the solver for ``info["optimal_steps"]``).
- ``MiniGrid``: ``gym.make("MiniGrid-DoorKey-{n}x{n}-v0").unwrapped`` (no wrappers, the kindest case for it),
  random actions pre-drawn the same way over its 7 actions, ``reset()`` at each episode end (its step limit is
  10·W·H). Only when ``minigrid`` is importable.

Each measurement steps for ``--seconds``; it is repeated ``--repeats`` times and the median is reported, with
the ratio procmem / MiniGrid. Note that MiniGrid's 5x5 and 8x8 include the outer wall, so their inner rooms are
3x3 and 6x6; procmem's generated sizes are the full grid.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time

import numpy as np

from procmem_tui.world import GridWorld, generate

ACTION_BUFFER = 1 << 16  # pre-drawn actions, reused cyclically
CHECK_EVERY = 1000  # steps between clock reads


def procmem_core(size: int, seconds: float, seed: int) -> tuple[float, int]:
    actions = np.random.default_rng(seed).integers(0, 6, size=ACTION_BUFFER).tolist()
    mask = ACTION_BUFFER - 1
    episode = 0
    env = GridWorld(generate("doorkey", size, seed))
    steps = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(CHECK_EVERY):
            result = env.step(actions[steps & mask])
            steps += 1
            if result.terminated or result.truncated:
                episode += 1
                env = GridWorld(generate("doorkey", size, seed + episode))
        if time.perf_counter() >= deadline:
            break
    return steps / (time.perf_counter() - start), episode


def procmem_gym(size: int, seconds: float, seed: int) -> tuple[float, int]:
    from procmem_tui.gym_env import ProcmemEnv

    actions = np.random.default_rng(seed).integers(0, 6, size=ACTION_BUFFER).tolist()
    mask = ACTION_BUFFER - 1
    env = ProcmemEnv(family="doorkey", size=size)
    episode = 0
    env.reset(seed=seed, options={"layout_seed": seed})
    steps = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(CHECK_EVERY):
            _, _, terminated, truncated, _ = env.step(actions[steps & mask])
            steps += 1
            if terminated or truncated:
                episode += 1
                env.reset(options={"layout_seed": seed + episode})
        if time.perf_counter() >= deadline:
            break
    return steps / (time.perf_counter() - start), episode


def minigrid_available() -> bool:
    try:
        import minigrid  # noqa: F401
    except ImportError:
        return False
    return True


def minigrid(size: int, seconds: float, seed: int) -> tuple[float, int]:
    import gymnasium as gym
    import minigrid  # noqa: F401  (registers the MiniGrid ids)

    env = gym.make(f"MiniGrid-DoorKey-{size}x{size}-v0").unwrapped
    actions = np.random.default_rng(seed).integers(0, env.action_space.n, size=ACTION_BUFFER).tolist()
    mask = ACTION_BUFFER - 1
    env.reset(seed=seed)
    episode = 0
    steps = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(CHECK_EVERY):
            _, _, terminated, truncated, _ = env.step(actions[steps & mask])
            steps += 1
            if terminated or truncated:
                episode += 1
                env.reset()
        if time.perf_counter() >= deadline:
            break
    return steps / (time.perf_counter() - start), episode


def measure(fn, size: int, seconds: float, repeats: int, seed: int) -> dict:
    rates, episodes = [], []
    for r in range(repeats):
        rate, eps = fn(size, seconds, seed + 1_000_000 * r)
        rates.append(rate)
        episodes.append(eps)
    return {
        "median": statistics.median(rates),
        "min": min(rates),
        "max": max(rates),
        "repeats": rates,
        "episodes": episodes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per measurement (default 3)")
    parser.add_argument("--repeats", type=int, default=5, help="measurements per row; the median is reported (default 5)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 8], help="DoorKey sizes (default 5 8)")
    parser.add_argument("--seed", type=int, default=0, help="seed for actions and layouts (default 0)")
    parser.add_argument("--no-gym", action="store_true", help="skip the procmem gym row")
    parser.add_argument("--json", action="store_true", help="also print one JSON line with every number at the end")
    args = parser.parse_args(argv)

    runners = [("procmem core", procmem_core)]
    if not args.no_gym:
        try:
            import gymnasium  # noqa: F401

            runners.append(("procmem gym", procmem_gym))
        except ImportError:
            pass
    has_minigrid = minigrid_available()
    if has_minigrid:
        runners.append(("MiniGrid", minigrid))
    else:
        print("minigrid is not installed: measuring procmem only", file=sys.stderr)

    rows = []
    for size in args.sizes:
        results = {}
        for name, fn in runners:
            print(f"measuring {name} {size}x{size} ...", file=sys.stderr, flush=True)
            results[name] = measure(fn, size, args.seconds, args.repeats, args.seed)
        base = results.get("MiniGrid", {}).get("median")
        for name, res in results.items():
            res["ratio_vs_minigrid"] = (res["median"] / base) if base else None
            rows.append({"env": name, "size": size, **res})

    print(f"\nDoorKey random policy, {args.seconds:g} s x {args.repeats} repeats, median steps/s")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()} {platform.system()}\n")
    print("| env | size | steps/s (median) | min | max | × MiniGrid |")
    print("|---|---|---:|---:|---:|---:|")
    for row in rows:
        ratio = "—" if row["ratio_vs_minigrid"] is None else f"{row['ratio_vs_minigrid']:.1f}×"
        print(
            f"| {row['env']} | {row['size']}x{row['size']} | {row['median']:,.0f} | {row['min']:,.0f} "
            f"| {row['max']:,.0f} | {ratio} |"
        )
    if args.json:
        print(json.dumps({"seconds": args.seconds, "repeats": args.repeats, "seed": args.seed, "rows": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
