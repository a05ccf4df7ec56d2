"""Settings for the whole suite."""

from __future__ import annotations

import os
import sys

import pytest

from cpu_report import add_option, register
from hash_seeds import hash_seed_runs  # noqa: F401  (a fixture: each hash seed's interpreter, once a run)
from shared_css import share_parsed_css
from shared_rewrite import keep_bytecode_out_of_the_sources, rewrite_a_share
from shared_waits import fewer_screen_waits, shorter_idle_waits

SLOW_TIMEOUT = 600  # seconds: a benchmark-sized test on a loaded 2-core machine takes minutes, not hours


def pytest_xdist_auto_num_workers(config) -> int:
    """``-n auto`` (the suite's default, ``pyproject.toml``) starts two workers a core: most of a Pilot test's time
    is spent waiting (``Pilot.press`` waits for idle after every key, ``pause`` at least 20 ms), not computing,
    and a second worker on each core computes meanwhile (docs/development.md has the times)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 2 * cores


def pytest_addoption(parser) -> None:
    add_option(parser)  # --cpu-report (cpu_report)


@pytest.hookimpl(trylast=True)  # after pytest's own, which makes the run's temporary folder
def pytest_configure(config) -> None:
    """Every test process collects garbage as a ``procmem`` command does (``cli.collecting_less_often``), whichever
    test runs first: the code under test meets the collector it meets in use, and the suite's time does not
    depend on whether a test that runs ``main`` in-process came early in a worker. Where bytecode is not to be
    written next to the sources, xdist workers share the rewritten test modules in the run's temporary folder
    (``shared_rewrite``). Apps started in one process share Textual's parsed CSS (``shared_css``), Pilot's
    waits for idle look every 10 ms and its waits for the screen wait on the widgets that are busy
    (``shared_waits``)."""
    import gc

    if hasattr(config, "workerinput"):  # an xdist worker
        keep_bytecode_out_of_the_sources(config.rootpath, _run_folder(config))

    from procmem_tui.cli import YOUNG_THRESHOLD

    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    register(config)
    share_parsed_css()
    shorter_idle_waits()
    fewer_screen_waits()


def pytest_unconfigure(config) -> None:
    """An xdist worker's last act is pytest's search for exceptions raised in finalizers (``unraisableexception``):
    five full garbage collections of a heap of one to four million objects, 1.2-4.8 s of CPU each, after the
    worker has sent its last report (what they find is printed on the worker's stderr, never counted in the run's
    summary, and xdist may stop a worker still at it). In a worker the heap is frozen first, so they walk nothing;
    a finalizer's error inside a test is still reported with that test, and ``-n 0`` still searches at the end."""
    if hasattr(config, "workerinput"):
        import gc

        gc.freeze()


def _run_folder(config):
    """The temporary folder of the whole run, shared by an xdist worker with the others (each has its own in it)."""
    return config._tmp_path_factory.getbasetemp().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session) -> None:
    """Before collecting, a worker rewrites the asserts of its share of the test modules (``shared_rewrite``)."""
    if hasattr(session.config, "workerinput"):
        rewrite_a_share(session.config, _run_folder(session.config))


# Folders whose tests each take seconds (a browser, an app started per test), queued before the unit tests.
LONG_FIRST = ("web", "tui", "docs")


def pytest_collection_modifyitems(items) -> None:
    """The tests that take seconds each run first and the unit tests (mostly a fraction of a second) last: with
    ``--dist worksteal`` the workers then end on short tests and finish together, instead of one worker still
    running a browser test (7-9 s, collected last as ``tests/web``) while the others wait. The order within each
    folder is kept. A test marked slow gets a longer timeout than the suite's 180 s, unless it sets its own: under
    load a benchmark-sized test (2,000 keys in the app, 10,000 rollouts) needs minutes and must not fail for it."""
    items.sort(key=_queue_rank)
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))


def _queue_rank(item) -> int:
    parts = item.nodeid.split("::")[0].split("/")
    folder = parts[1] if len(parts) > 2 and parts[0] == "tests" else ""
    return LONG_FIRST.index(folder) if folder in LONG_FIRST else len(LONG_FIRST)


def pytest_runtest_teardown(item) -> None:
    """After a test that drew with Textual, the ``StylesCache`` of its widgets is let go (what held it:
    ``forget_retired_styles_caches``): otherwise each worker keeps about a million objects of finished apps, every
    full garbage collection late in the run takes 1-2 s, and at exit the worker is still collecting when xdist
    interrupts it."""
    if "textual._styles_cache" in sys.modules:
        from procmem_tui.tui.textual_private import forget_retired_styles_caches

        forget_retired_styles_caches()
