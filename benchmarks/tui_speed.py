"""How fast the Textual app is: start-up, autoplay throughput with every panel live, one step's handling.

    python benchmarks/tui_speed.py [--json] [--steps N] [--sizes 80x24,240x70]
    python benchmarks/tui_speed.py --ab OTHER_CHECKOUT [--sizes ...] [--runs N]   # start-up only, A/B
    python benchmarks/tui_speed.py --startup-only --startup-runs 9 [--json]       # start-up only, median of 9
    python benchmarks/tui_speed.py --vs-bare --startup-runs 9                     # against a one-Static Textual app
    python benchmarks/tui_speed.py --frames [--sizes ...]                         # CPU per key press and per step

Every measure is taken at each terminal size (default: the classic 80x24 and a big 240x70), since the layout
(cell size, which panels show) depends on it.

- ``startup_s``: from process start to the first frame showing the player and the goal, on a terminal: ``procmem
  --fresh`` (classic) is started on a pseudo-terminal of that size (what tmux gives it, without tmux's polling)
  and the time is taken when the bytes the app wrote hold the board's player (``@@``) and goal (``★``); median of
  3 runs. A first untimed run of each program writes Python's bytecode caches (``PYTHONDONTWRITEBYTECODE`` is
  lifted for the children), so every timed run starts warm, as an installed package does. ``--startup-runs``
  takes the median of more runs on a noisy machine.
- ``autoplay_steps_per_s``: the app's own autoplay (``space``) on a 16x16 ``doorkey`` family with the procmem
  agent, every panel live, the speed cap lifted (``max_speed``) and the pause between episodes off, for
  ``--seconds`` of wall time: steps done / seconds.
- ``autoplay_at_speed_60``: the same at the app's top speed setting (60 steps/s): does it keep up?
- ``step_ms_p50``: the median time of ``app.step_agent()`` (the agent's decision + all widget updates; the
  frame itself is painted later by Textual's refresh), over ``--steps`` steps.

``--frames`` measures only what a key press and an agent step cost, each with the frame Textual paints after it,
in CPU time (less noisy than wall time on a shared machine): 40 move keys on ``classic`` through ``Pilot.press``
(its waits for idle included), then 40 ``app.step_agent()`` on a 16x16 ``doorkey``, each followed by a pause in
which the frame is painted; and how many widgets each frame repaints (a frame's update covers the box around
every widget that changed, and every widget in that box is drawn again).

The last line of output is a JSON list: one object with those numbers per size.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

BARE = """
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("@@ . . ★")


Bare().run()
"""
PROCMEM = ["-m", "procmem_tui", "--fresh"]
MARKERS = ("@@".encode(), "★".encode())  # the board's player and goal (the bare app shows both too)


def first_frame_seconds(argv: list[str], size: tuple[int, int], cwd: str | None = None, timeout: float = 60.0) -> float:
    """Seconds from starting ``python argv`` on a pseudo-terminal of ``size`` to the first output holding the
    player and the goal; the process is then killed."""
    import fcntl
    import os
    import pty
    import select
    import signal
    import struct
    import termios

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")}
    env["TERM"] = "xterm-256color"
    if cwd is not None:
        env["PYTHONPATH"] = cwd
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, *argv], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                             start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - t0 < timeout:
            if not select.select([master], [], [], 0.5)[0]:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if all(marker in seen for marker in MARKERS):
                return time.perf_counter() - t0
        raise RuntimeError(f"no frame with the player and the goal from {argv} (output: {seen[-300:]!r})")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        os.close(master)


def versus_bare(sizes, runs: int) -> dict:
    """Start-up of procmem and of the smallest Textual app (one Static), run by run interleaved so both see
    the same load: the medians and their ratio at each size."""
    result = {}
    for size in sizes:
        first_frame_seconds(PROCMEM, size), first_frame_seconds(["-c", BARE], size)  # warm the bytecode caches
        ours, bare = [], []
        for _ in range(runs):
            ours.append(first_frame_seconds(PROCMEM, size))
            bare.append(first_frame_seconds(["-c", BARE], size))
        label = f"{size[0]}x{size[1]}"
        o, b = statistics.median(ours), statistics.median(bare)
        result[label] = {"procmem_s": round(o, 3), "bare_textual_s": round(b, 3), "ratio": round(o / b, 2)}
        print(f"[{label}] start-up: procmem {o:.3f} s, bare Textual app {b:.3f} s, ratio {o / b:.2f} "
              f"(medians of {runs}, interleaved)")
    return result


def startup_seconds(size: tuple[int, int], runs: int = 3, pythonpath: str | None = None) -> float:
    """Median start-up; ``pythonpath`` runs another checkout's code (an A/B on a busy machine), in that
    checkout's directory."""
    first_frame_seconds(PROCMEM, size, pythonpath)  # warm the bytecode caches
    return statistics.median(first_frame_seconds(PROCMEM, size, pythonpath) for _ in range(runs))


def build(*argv, **options):
    from procmem_tui.cli import build_parser
    from procmem_tui.commands import play
    from procmem_tui.tui.app import ProcmemApp

    parser, _ = build_parser()
    args = parser.parse_args(["play", "--fresh", *argv])
    session, store, factory = play.build(args)
    return ProcmemApp(session, store, agent_factory=factory, agent_name=args.agent, **options)


async def autoplay_rate(size: tuple[int, int], seconds: float, speed: int = 100_000) -> float:
    app = build("--family", "doorkey", "--size", "16", max_speed=speed, speed=60, episode_pause=0.0)
    async with app.run_test(size=size) as pilot:
        app.speed = speed  # 100,000: as fast as the UI thread can go
        steps_before = 0
        t0 = time.perf_counter()
        await pilot.press("space")
        await asyncio.sleep(seconds)
        elapsed = time.perf_counter() - t0
        steps = sum(s.steps for s in app.session.history) + app.session.state.steps - steps_before
        await pilot.press("space")
    return steps / elapsed


async def step_times(size: tuple[int, int], count: int) -> list[float]:
    app = build("--family", "doorkey", "--size", "16")
    times = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for i in range(count):
            if app.session.done:
                app.next_episode()
            t = time.perf_counter()
            app.step_agent()
            times.append(time.perf_counter() - t)
            if i % 10 == 0:
                await pilot.pause()  # let frames be painted now and then, as in real use
    return times


async def frame_costs(size: tuple[int, int], count: int = 40) -> dict:
    from textual.widget import Widget

    drawn = [0]
    render_lines = Widget.render_lines

    def counting(self, crop):
        drawn[0] += 1
        return render_lines(self, crop)

    Widget.render_lines = counting
    try:
        result = {"size": f"{size[0]}x{size[1]}"}
        app = build()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            drawn[0], cpu = 0, time.process_time()
            for i in range(count):
                await pilot.press("right" if i % 2 == 0 else "left")
            result["key_cpu_ms"] = round((time.process_time() - cpu) * 1000 / count, 2)
            result["key_widgets_drawn"] = round(drawn[0] / count, 1)
        app = build("--family", "doorkey", "--size", "16")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            drawn[0], cpu = 0, time.process_time()
            for _ in range(count):
                if app.session.done:
                    app.next_episode()
                app.step_agent()
                await pilot.pause()
            result["step_cpu_ms"] = round((time.process_time() - cpu) * 1000 / count, 2)
            result["step_widgets_drawn"] = round(drawn[0] / count, 1)
        return result
    finally:
        Widget.render_lines = render_lines


def measure(size: tuple[int, int], steps: int, seconds: float, startup_runs: int = 3,
            startup_only: bool = False) -> dict:
    label = f"{size[0]}x{size[1]}"
    startup = startup_seconds(size, startup_runs)
    print(f"[{label}] startup to first full frame: {startup:.3f} s (median of {startup_runs})")
    if startup_only:
        return {"size": label, "startup_s": round(startup, 3), "startup_runs": startup_runs}
    rate = asyncio.run(autoplay_rate(size, seconds))
    print(f"[{label}] autoplay, 16x16 doorkey, every panel shown at this size, speed cap lifted: {rate:.0f} steps/s")
    at_60 = asyncio.run(autoplay_rate(size, seconds, 60))
    print(f"[{label}] autoplay at the app's top speed (60 steps/s): {at_60:.1f} steps/s")
    times = asyncio.run(step_times(size, steps))
    p50 = statistics.median(times) * 1000
    p95 = sorted(times)[int(0.95 * len(times))] * 1000
    print(f"[{label}] one step's handling (decision + widget updates): p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    return {"size": label, "startup_s": round(startup, 3), "autoplay_steps_per_s": round(rate, 1),
            "autoplay_at_speed_60": round(at_60, 1), "step_ms_p50": round(p50, 3), "step_ms_p95": round(p95, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line (always printed last)")
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--sizes", default="80x24,240x70", help="terminal sizes, comma-separated WxH")
    parser.add_argument("--ab", metavar="DIR", help="only start-up, alternating this code with the checkout in "
                        "DIR (the same sizes, --runs rounds): on a busy machine, the difference is what counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--startup-runs", type=int, default=3, help="runs whose median is startup_s (default 3)")
    parser.add_argument("--startup-only", action="store_true", help="measure only the start-up")
    parser.add_argument("--vs-bare", action="store_true", help="only start-up, interleaved with the smallest "
                        "Textual app (one Static): medians and the ratio, --startup-runs rounds")
    parser.add_argument("--frames", action="store_true", help="only the CPU of a key press and of an agent step, "
                        "their frames painted included, and the widgets each frame repaints")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in item.split("x")) for item in args.sizes.split(",")]
    if args.frames:
        results = [asyncio.run(frame_costs(size)) for size in sizes]
        for row in results:
            print(f"[{row['size']}] a key press: {row['key_cpu_ms']} ms of CPU, {row['key_widgets_drawn']} widgets "
                  f"drawn; an agent step: {row['step_cpu_ms']} ms, {row['step_widgets_drawn']} widgets")
        print(json.dumps(results))
        return 0
    if args.vs_bare:
        print(json.dumps(versus_bare(sizes, args.startup_runs)))
        return 0
    if args.ab:
        here = str(Path(__file__).resolve().parents[1])
        times: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for size in sizes:
                for name, path in (("this", here), ("other", args.ab)):
                    times.setdefault(f"{name} {size[0]}x{size[1]}", []).append(startup_seconds(size, 1, path))
        result = {k: round(statistics.median(v), 3) for k, v in times.items()}
        for key, value in result.items():
            print(f"start-up, {key}: {value:.3f} s (median of {args.runs}, interleaved)")
        print(json.dumps(result))
        return 0
    results = [measure(size, args.steps, args.seconds, args.startup_runs, args.startup_only) for size in sizes]
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
