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


def procmem(*args: str, env: dict[str, str] | None = None, cwd: str | Path | None = None,
            encoding: str | None = None) -> subprocess.CompletedProcess:
    """``procmem ARGS`` with exactly ``env`` as its environment (default: this one) in ``cwd``. With ``encoding``,
    stdout and stderr are streams of bytes in that encoding, as ``PYTHONIOENCODING=encoding`` makes a process's
    (stdout strict, stderr ``backslashreplace``), and the result holds their bytes, as ``subprocess.run`` without
    ``text`` does."""
    if encoding is None:
        out, err = io.StringIO(), io.StringIO()
    else:
        out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", write_through=True)
        err = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="backslashreplace", write_through=True)
    environment = mock.patch.dict(os.environ, env, clear=True) if env is not None else contextlib.nullcontext()
    folder = contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext()
    with environment, folder, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    if encoding is None:
        return subprocess.CompletedProcess(["procmem", *args], code, out.getvalue(), err.getvalue())
    out.flush(), err.flush()
    return subprocess.CompletedProcess(["procmem", *args], code, out.buffer.getvalue(), err.buffer.getvalue())
