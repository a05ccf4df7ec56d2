"""How fast the level editor answers an edit: the parse, the solver's plan drawn on the grid, a keystroke.

    python benchmarks/editor_speed.py [--json] [--edits N]

Headless (``App.run_test``, 160x50), ``procmem edit`` on a copy of a generated level:

- ``overlay_ms``: on a 32x32 ``rooms`` level (2 keys, 2 doors), the time from a key's handling (a wall typed
  on the optimal path, then floor typed back) to the moment the new verdict is shown: the solver has answered
  in its worker and the grid and the check panel hold the new plan and length (Textual paints them on its
  next frame). Median and p95 over ``--edits`` edits
  (target: within 100 ms).
- ``solve_ms``: the solver alone on that level (parse + BFS), median, for comparison.
- ``key_ms_64``: on a 64x64 level, the UI thread's handling of one typed key (place a cell, redraw), median
  and p95, while checks run in the worker: what decides whether typing stutters.

The last line of output is one JSON object with those numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time


def level_text(size: int) -> str:
    from procmem_tui.world import format_level, generate

    if size <= 32:
        return format_level(generate("rooms", size, 3))
    small = generate("rooms", 32, 3)
    rows = [row + "." * (size - 32) for row in small.rows] + ["." * size] * (size - 32)
    preamble = [line for line in small.preamble if not line.startswith("; max_steps")]
    return "\n".join([*preamble, *rows]) + "\n"


def app_for(text: str, tmp):
    from procmem_tui.agents import make_agent
    from procmem_tui.commands.edit import open_draft
    from procmem_tui.tui.editing import EditorApp
    from procmem_tui.tui.screens.trial import Trials

    path = tmp / "bench.txt"
    path.write_text(text, encoding="utf-8")
    draft, target, note = open_draft(str(path), (9, 7))
    return EditorApp(draft, target, Trials(make_agent), note)


async def wait_solved(app, pilot, limit: float = 10.0) -> None:
    editor = app.editor
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        if editor.checked:
            return
        await asyncio.sleep(0.001)
    raise RuntimeError("the solver did not answer")


def p95(values):
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


async def overlay_times(edits: int, tmp) -> tuple[list[float], list[float]]:
    from procmem_tui.editing.check import plan_cells
    from procmem_tui.world import parse_level, solve

    app = app_for(level_text(32), tmp)
    times = []
    async with app.run_test(size=(160, 50)) as pilot:
        editor = app.editor
        await wait_solved(app, pilot)
        level = editor.verdict.level
        path = [cell for cell, _ in plan_cells(level, editor.verdict.plan).items()
                if level.rows[cell[1]][cell[0]] == "."][3:]
        for i in range(edits):
            col, row = path[i % len(path)]
            editor.cursor = (col, row)
            for char in ("#", "."):
                t0 = time.perf_counter()
                editor.type_char(char)  # what the key handler runs (Pilot's own press adds its idle waits)
                await wait_solved(app, pilot)
                times.append((time.perf_counter() - t0) * 1000)
                editor.cursor = (col, row)
        assert editor.query_one("#editor-grid")._marks  # the plan is drawn
    text = level_text(32)
    solves = []
    for _ in range(20):
        t0 = time.perf_counter()
        solve(parse_level(text, f"<{len(solves)}>", check_solvable=False))  # a new source: no cache hit
        solves.append((time.perf_counter() - t0) * 1000)
    return times, solves


async def key_times_64(keys: int, tmp) -> list[float]:
    app = app_for(level_text(64), tmp)
    times = []
    async with app.run_test(size=(160, 50)) as pilot:
        editor = app.editor
        await wait_solved(app, pilot, limit=60)
        editor.cursor = (40, 40)
        for i in range(keys):
            event_char = "#" if i % 2 == 0 else "."
            t0 = time.perf_counter()
            editor.type_char(event_char)  # what the key handler runs on the UI thread
            times.append((time.perf_counter() - t0) * 1000)
            if i % 2:
                editor.cursor = (40 + (i // 2) % 20, 40)
            await pilot.pause()
    return times


def main() -> None:
    import tempfile
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=25)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        overlay, solves = asyncio.run(overlay_times(args.edits, Path(tmp)))
        keys = asyncio.run(key_times_64(2 * args.edits, Path(tmp)))
    import os

    result = {
        "overlay_ms_p50": round(statistics.median(overlay), 1), "overlay_ms_p95": round(p95(overlay), 1),
        "overlay_ms_max": round(max(overlay), 1), "solve_ms_p50": round(statistics.median(solves), 1),
        "key_ms_64_p50": round(statistics.median(keys), 2), "key_ms_64_p95": round(p95(keys), 2),
        "edits": len(overlay), "load_average_1m": round(os.getloadavg()[0], 2),
    }
    if not args.json:
        print(f"32x32: edit -> plan on screen {result['overlay_ms_p50']} ms median, {result['overlay_ms_p95']} ms p95 "
              f"(solver alone {result['solve_ms_p50']} ms); 64x64: a key's handling {result['key_ms_64_p50']} ms median")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
