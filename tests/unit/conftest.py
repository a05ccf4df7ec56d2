"""Fixtures shared by the unit tests of several modules: made once per run of the suite, then only copied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shared_build import shared_folder

ROOT = Path(__file__).resolve().parents[2]


def _procmem(*args: str, home: Path) -> None:
    env = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(home),
           "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data")}
    done = subprocess.run([sys.executable, "-m", "procmem_tui", *args], capture_output=True, text=True, env=env,
                          cwd=home, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def classic_trained(tmp_path_factory) -> Path:
    """A folder with ``lib.sqlite3`` after two episodes of classic (``procmem train`` in its own process, as a user
    makes one), ``skills.json`` (its skills export) and ``episode.json`` (its last episode). Made once per run and
    shared by every worker: tests copy the files before they change anything."""

    def build(home: Path) -> None:
        library = str(home / "lib.sqlite3")
        _procmem("train", "--level", "classic", "--episodes", "2", "--library", library, "--quiet", home=home)
        _procmem("skills", "export", str(home / "skills.json"), "--library", library, home=home)
        _procmem("export", "last", "--json", str(home / "episode.json"), "--library", library, home=home)

    return shared_folder(tmp_path_factory, "classic_trained", build)
