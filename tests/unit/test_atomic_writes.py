"""Atomic writes (issue 19): every file procmem writes (skill exports, episode JSON and casts, train's JSON and
PNG, stats' PNG, saved levels, crash reports, the app's export) goes through ``userfiles.write_atomic`` /
``atomic_file``: a temporary file beside the target, fsync, rename. A failure mid-write — a full disk, a file-size
limit — leaves the previous file byte-identical and no partial or temporary file behind."""

from __future__ import annotations

import ast
import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import cli_run
from shared_build import shared_folder

from procmem_tui import userfiles
from procmem_tui.userfiles import atomic_file, write_atomic

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "procmem_tui"


def test_a_failed_fsync_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    """A full disk at fsync leaves the old file as it was and no temporary file beside it."""
    target = tmp_path / "out.json"
    target.write_text("old\n")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(userfiles.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new and longer\n" * 1000)
    assert target.read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_failure_mid_write_leaves_the_old_file(tmp_path):
    """An error in the middle of writing leaves the old file and no temporary file."""
    target = tmp_path / "out.cast"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_file(target) as handle:
            handle.write(b"half of it")
            raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.cast"]


def test_a_new_file_that_fails_is_not_created(tmp_path):
    """A new file whose writing fails is never created."""
    with pytest.raises(RuntimeError):
        with atomic_file(tmp_path / "new.json") as handle:
            handle.write(b"{")
            raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_a_replaced_file_keeps_its_permissions_and_a_device_is_written_directly(tmp_path):
    """A replaced file keeps its permission bits, and a device such as /dev/null is written in place."""
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640
    write_atomic(os.devnull, "into the void")  # /dev/null, /dev/stdout: nothing to replace
    assert Path(os.devnull).exists()


def test_no_writer_bypasses_the_helper():
    """A static check that can fail: no module outside ``userfiles`` opens a file for writing, calls
    ``write_text``/``write_bytes``, or saves a figure to a path."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "userfiles.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("write_text", "write_bytes", "mkstemp"):
                offenders.append(f"{path.name}:{node.lineno} {name}")
            if name == "savefig" and node.args and not (isinstance(node.args[0], ast.Name) and node.args[0].id == "handle"):
                offenders.append(f"{path.name}:{node.lineno} savefig to a path")
            if name == "open" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                    and any(c in str(node.args[1].value) for c in "wax"):
                offenders.append(f"{path.name}:{node.lineno} open for writing")
    assert offenders == []


# -- through real processes, with the disk "full": a file-size limit makes every write past 4 KB fail ---------


def _limited():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def _env(home: Path) -> dict[str, str]:
    """The environment of ``procmem`` run as from a shell, with its home (and its state and data) in ``home``."""
    return {"COLUMNS": "120", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(home),
            "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data")}


def _procmem(*args: str, home: Path, limit: bool = False) -> subprocess.CompletedProcess:
    """``procmem ARGS`` in a process of its own: the file-size limit (``limit``) must not bind the test's."""
    env = _env(home)
    if limit:  # Python's own .pyc writes ignore a short write: under the limit it would leave a truncated one
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-m", "procmem_tui", *args], capture_output=True, text=True, env=env,
                          cwd=home, timeout=120, preexec_fn=_limited if limit else None)


@pytest.fixture(scope="session")
def library(tmp_path_factory) -> Path:
    """A library after three episodes of classic, made once per run (``shared_build``); tests copy it."""

    def build(home: Path) -> None:  # made as from a shell, in this process (``cli_run``): no limit to apply here
        done = cli_run.procmem("train", "--episodes", "3", "--library", str(home / "lib.sqlite3"), "--quiet",
                               env=_env(home), cwd=home)
        assert done.returncode == 0, done.stderr

    return shared_folder(tmp_path_factory, "atomic_library", build) / "lib.sqlite3"


@pytest.mark.parametrize("verb", [
    ["skills", "export", "OUT"], ["export", "last", "--cast", "OUT", "--force"],  # export overwrites only with --force
])
def test_a_write_to_a_full_disk_keeps_the_previous_file(tmp_path, library, verb):
    """exit 1, one line, the previous file byte-identical, no partial file, the library untouched; the same verb
    without the limit writes the whole file (so the limit is what failed it)."""
    copy = tmp_path / "lib.sqlite3"
    copy.write_bytes(library.read_bytes())
    target = tmp_path / "out.file"
    target.write_text("the previous, good file\n")
    args = [str(target) if a == "OUT" else a for a in verb]
    listing = lambda: sorted(p.name for p in tmp_path.iterdir() if p.name != "state" and not p.name.endswith(("-shm", "-wal")))  # noqa: E731
    before = listing()
    done = _procmem(*args, "--library", str(copy), home=tmp_path, limit=True)
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "too large" in done.stderr.lower()
    assert target.read_text() == "the previous, good file\n"
    assert listing() == before
    assert copy.read_bytes() == library.read_bytes()
    unlimited = cli_run.procmem(*args, "--library", str(copy), env=_env(tmp_path), cwd=tmp_path)  # this process
    assert unlimited.returncode == 0, unlimited.stderr
    assert target.stat().st_size > 4096
