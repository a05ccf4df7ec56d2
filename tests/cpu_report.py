"""``pytest --cpu-report``: where the suite's CPU goes, summed over every worker, after the run's summary.

On a shared machine the wall time of a run follows the others' load (the same suite took 2 to 10 min this way),
while CPU seconds hardly move: they are what a change to the suite can be measured by side by side. For each
test: the CPU of its process (every thread) and of the processes it started and waited for (``procmem`` in a
process, Chromium); for each worker: what it spent before its first test (imports, collection) and in all.
The report is off unless asked for, and costs two ``os.times()`` a test when on."""

from __future__ import annotations

import os
from collections import defaultdict

import pytest

OPTION = "--cpu-report"
SHOWN = 15  # costliest tests listed


def add_option(parser: pytest.Parser) -> None:
    parser.addoption(OPTION, action="store_true",
                     help="after the summary, print the CPU seconds spent per folder and by the costliest tests, "
                          "summed over every worker (a load-independent measure of the suite's cost)")


def _cpu() -> tuple[float, float]:
    """This process's CPU and that of the processes it has waited for, in seconds."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


class CpuReport:
    """Registered in every process of a run with ``--cpu-report``: a worker measures its tests and hands the
    numbers to the controller (xdist's ``workeroutput``); the controller (or a run without workers) prints them."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.tests: dict[str, tuple[float, float]] = {}
        self.start: tuple[float, float] | None = None
        self.workers: list[dict] = []

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item):
        if self.start is None:
            self.start = _cpu()
        before = _cpu()
        yield
        after = _cpu()
        self.tests[item.nodeid] = (after[0] - before[0], after[1] - before[1])

    def _own(self) -> dict:
        own, children = _cpu()
        return {"tests": self.tests, "start": (self.start or (own, children))[0], "total": own, "children": children}

    def pytest_sessionfinish(self, session) -> None:
        if hasattr(self.config, "workerinput"):
            self.config.workeroutput["cpu_report"] = self._own()

    def pytest_testnodedown(self, node, error) -> None:
        found = getattr(node, "workeroutput", {}).get("cpu_report")
        if found:
            self.workers.append(found)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        workers = self.workers or [self._own()]
        tests = {nodeid: cost for worker in workers for nodeid, cost in worker["tests"].items()}
        own = sum(c[0] for c in tests.values())
        children = sum(c[1] for c in tests.values())
        start = sum(w["start"] for w in workers)
        whole = sum(w["total"] + w["children"] for w in workers)
        write = terminalreporter.write_line
        terminalreporter.section("CPU seconds (--cpu-report)")
        write(f"{whole:.1f} s in {len(workers)} process(es): {start:.1f} before their first test, {own:.1f} in "
              f"the {len(tests)} tests, {children:.1f} in processes the tests started")
        folders: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
        for nodeid, (mine, theirs) in tests.items():
            parts = nodeid.split("::")[0].split("/")
            folder = "/".join(parts[:3] if len(parts) > 3 and parts[1] == "unit" else parts[:2])
            folders[folder][0] += mine
            folders[folder][1] += theirs
            folders[folder][2] += 1
        for folder, (mine, theirs, count) in sorted(folders.items(), key=lambda kv: -sum(kv[1][:2])):
            write(f"{mine + theirs:7.1f} {folder} ({count} tests; {theirs:.1f} in started processes)")
        write(f"the {SHOWN} costliest tests:")
        for nodeid, (mine, theirs) in sorted(tests.items(), key=lambda kv: -sum(kv[1]))[:SHOWN]:
            write(f"{mine + theirs:7.2f} {nodeid}")


def register(config: pytest.Config) -> None:
    """Start measuring in this process if the run asked for the report."""
    if config.getoption(OPTION, default=False):
        config.pluginmanager.register(CpuReport(config), "cpu_report")
