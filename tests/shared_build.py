"""A folder made once per run of the suite and read by every worker: the first worker to ask builds it (the
others wait on a lock), the rest find it built. For fixtures that cost processes or seconds (a trained library):
built once per worker they cost as many times the workers as once."""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from pathlib import Path

import pytest


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``build(folder)`` once for the whole run (all xdist workers share the parent
    of their base temp folder; without xdist it is this process's). Tests must copy a file before changing it."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if base.name.startswith("popen-gw") else base
    folder = root / f"shared-{name}"
    done = folder / ".built"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            folder.mkdir(exist_ok=True)
            build(folder)
            done.touch()
    return folder
