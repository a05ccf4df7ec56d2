"""ctrl+c or SIGTERM during ``procmem bench`` stops it and its workers at once, in one line: a terminal sends SIGINT
to the command and its worker processes alike; the workers leave it to the command, which stops them and says
"interrupted" (exit 130). Each worker used to print a ``KeyboardInterrupt`` traceback and the command waited for
the tasks under way; SIGTERM ended the command alone and left its workers playing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


# As a shell starts a foreground command: ctrl+c's default disposition (a pytest-xdist worker ignores SIGINT, and
# a process started from it would inherit that and never see the signal), then ``procmem bench ARGS``.
AS_FROM_A_SHELL = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                   "os.execv(sys.executable, [sys.executable, '-m', 'procmem_tui', 'bench', *sys.argv[1:]])")


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", AS_FROM_A_SHELL, *args], env={**os.environ, "PYTHONPATH": str(ROOT)},
                            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _end_group(bench: subprocess.Popen) -> None:
    """Whatever happened, nothing of the run outlives the test (its session's processes, orphaned workers too)."""
    try:
        os.killpg(bench.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    bench.wait()


def _bench_with_three_workers() -> tuple[subprocess.Popen, list[int]]:
    """Bench started with two workers playing minute-long tasks and a third waiting for work (as one does once its
    task is done), and the workers' process ids."""
    bench = _start("--first", "--agents", "planner", "explorer", "--sizes", "16", "--eval", "500", "--workers", "3")
    deadline = time.monotonic() + 60
    while len(_children(bench.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _children(bench.pid)
    if len(workers) < 3:
        _end_group(bench)
        raise AssertionError("the workers did not start")
    time.sleep(0.5)
    return bench, workers


def _any_running(pids: list[int]) -> bool:
    """A process that ended but was not yet reaped (a zombie) counts as stopped."""
    return any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
               for pid in pids)


def test_ctrl_c_twice_stops_bench_and_its_workers_in_one_line():
    """Two ctrl+c 0.3 s apart while two workers play (tasks of a minute each) and a third waits for work (as one
    does once its task is done): exit 130 within 20 s, stderr is "interrupted" alone, and no worker is left
    running."""
    bench, workers = _bench_with_three_workers()
    try:
        for _ in range(2):
            os.killpg(bench.pid, signal.SIGINT)  # as a terminal's ctrl+c: the whole foreground group
            time.sleep(0.3)
        _, err = bench.communicate(timeout=20)
    finally:
        _end_group(bench)
    assert bench.returncode == 130 and err == "interrupted\n", err[-3000:]
    assert not _any_running(workers)


def test_sigterm_stops_bench_and_its_workers():
    """``kill PID`` (SIGTERM to the command alone) while two workers play: exit 143 with one line, and the workers
    stop too (they used to play their tasks to the end, orphaned, holding the command's output open)."""
    bench, workers = _bench_with_three_workers()
    try:
        bench.send_signal(signal.SIGTERM)
        _, err = bench.communicate(timeout=20)
    finally:
        _end_group(bench)
    assert bench.returncode == 143 and err == "procmem bench: stopped by SIGTERM\n", err[-3000:]
    time.sleep(0.5)
    assert not _any_running(workers)
