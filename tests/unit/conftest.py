"""Fixtures shared by the unit tests of several modules: made once per run of the suite, then only copied."""

from __future__ import annotations

from pathlib import Path

import pytest

import cli_run
from shared_build import shared_folder

ROOT = Path(__file__).resolve().parents[2]


def _procmem(*args: str, home: Path) -> None:
    """``procmem ARGS`` as from a shell in ``home`` (``cli_run``: the same parser and error boundary, in this
    process, without an interpreter's start: the fixture's three commands cost about 1.5 s of CPU in processes)."""
    env = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(home),
           "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data")}
    done = cli_run.procmem(*args, env=env, cwd=home)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def classic_trained(tmp_path_factory) -> Path:
    """A folder with ``lib.sqlite3`` after two episodes of classic (``procmem train`` as a user runs it),
    ``skills.json`` (its skills export) and ``episode.json`` (its last episode). Made once per run and shared by
    every worker: tests copy the files before they change anything."""

    def build(home: Path) -> None:
        library = str(home / "lib.sqlite3")
        _procmem("train", "--level", "classic", "--episodes", "2", "--library", library, "--quiet", home=home)
        _procmem("skills", "export", str(home / "skills.json"), "--library", library, home=home)
        _procmem("export", "last", "--json", str(home / "episode.json"), "--library", library, home=home)

    return shared_folder(tmp_path_factory, "classic_trained", build)
