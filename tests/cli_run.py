"""The ``procmem`` command run in the test's own process, as a shell would run it: ``cli.main`` (the same parser
and error boundary as ``python -m procmem_tui``) with the child's environment, working folder, stdout and stderr,
and its result as a ``subprocess.CompletedProcess``. A test that pins what the command says and does (its lines,
its exit code, the files it leaves) runs this way: an interpreter start per call costs about half a second of
CPU. Tests of the process itself (signals, encodings, two processes on one library) still start one."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from pathlib import Path
from unittest import mock

from procmem_tui.cli import main


def procmem(*args: str, env: dict[str, str] | None = None, cwd: str | Path | None = None) -> subprocess.CompletedProcess:
    """``procmem ARGS`` with exactly ``env`` as its environment (default: this one) in ``cwd``."""
    out, err = io.StringIO(), io.StringIO()
    environment = mock.patch.dict(os.environ, env, clear=True) if env is not None else contextlib.nullcontext()
    folder = contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext()
    with environment, folder, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return subprocess.CompletedProcess(["procmem", *args], code, out.getvalue(), err.getvalue())
