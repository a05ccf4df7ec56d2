"""Each xdist worker rewrites the asserts of its own share of the test modules, not of all of them.

pytest rewrites a test module's asserts (about 5 s of CPU for the whole suite) when it imports it, and keeps the
result as a pyc. On a fresh checkout all workers start at once, find no pyc and each rewrite every module: four
workers paid four times over. Here, before collecting, each worker goes through the modules, claims each one no
other worker has claimed (a file made with O_EXCL in the run's temporary folder), rewrites it and writes its pyc
(pytest's own functions, its atomic write), then waits for the pycs the others claimed; collection then finds
every pyc made. Whatever is missing (a worker stopped, 30 s gone) pytest rewrites as before: nothing here changes
what a module runs, only who rewrites it.

Where ``PYTHONDONTWRITEBYTECODE`` is set, the test modules' pycs go to the run's temporary folder, never next to
the sources, and live as long as pytest keeps that folder."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest


def keep_bytecode_out_of_the_sources(rootpath: Path, run_folder: Path) -> None:
    """Where writing bytecode is turned off, the rewritten test modules under ``rootpath`` are kept under
    ``run_folder`` instead (pytest's ``get_cache_dir`` says where, for its reads as for ours): the checkout stays
    as the setting asks, and the run's workers share what each rewrote. Other modules are left as they were."""
    if not sys.dont_write_bytecode:
        return
    try:
        from _pytest.assertion import rewrite
    except ImportError:
        return
    beside_the_source = rewrite.get_cache_dir

    def cache_dir(file_path: Path) -> Path:
        if file_path.is_relative_to(rootpath):
            return run_folder / "pycache" / file_path.parent.relative_to(rootpath)
        return beside_the_source(file_path)

    rewrite.get_cache_dir = cache_dir


def rewrite_a_share(config: pytest.Config, run_folder: Path) -> None:
    """Rewrite and store the asserts of the test modules the run collects (its paths, or ``testpaths``) that no
    other worker of the run has claimed, then wait (30 s at most) for the pycs the others claimed."""
    if config.getoption("assertmode") != "rewrite":
        return
    try:  # pytest's private helpers: if they move, every worker rewrites everything, as pytest does alone
        from _pytest.assertion import rewrite
        from _pytest.assertion.rewrite import PYC_TAIL, _read_pyc, _rewrite_test, _write_pyc, assertstate_key
        from _pytest.pathlib import fnmatch_ex
    except ImportError:
        return
    patterns = config.getini("python_files")
    asked = {(config.invocation_params.dir / arg.split("::")[0]).resolve() for arg in config.args}
    modules = sorted({path for root in asked if root.exists()
                      for path in ([root] if root.is_file() else root.rglob("*.py"))
                      if path.suffix == ".py" and any(fnmatch_ex(pattern, path) for pattern in patterns)})
    state = config.stash[assertstate_key]
    claims = run_folder / "rewrite-claims"
    claims.mkdir(exist_ok=True)
    theirs = []
    for path in modules:
        pyc = rewrite.get_cache_dir(path) / (path.name[:-3] + PYC_TAIL)
        if _read_pyc(path, pyc) is not None:
            continue
        claim = claims / str(path).replace(os.sep, "%")
        try:
            os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            theirs.append((path, pyc, claim.with_name(claim.name + ".given-up")))
            continue
        try:
            pyc.parent.mkdir(parents=True, exist_ok=True)
            stat, code = _rewrite_test(path, config)
            _write_pyc(state, code, stat, pyc)
        except Exception:  # a syntax error, or pytest's helpers changed: collection rewrites it and reports as usual
            claim.with_name(claim.name + ".given-up").touch()  # so the others do not wait for it
    end = time.monotonic() + 30
    while theirs and time.monotonic() < end:
        theirs = [(path, pyc, gave_up) for path, pyc, gave_up in theirs
                  if not gave_up.exists() and _read_pyc(path, pyc) is None]
        if theirs:
            time.sleep(0.05)
