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


def procmem_in_a_process(calls: list[tuple[list[str], dict[str, str], str | Path]], timeout: float,
                         ) -> list[subprocess.CompletedProcess]:
    """Each call ``(ARGS, env, cwd)`` as ``procmem`` above, one after another in one new interpreter, whose
    result is each call's: for commands that must not run in the test's process (a reader that could hang or
    fill memory ends with the process, at ``timeout``), at one interpreter start for all of them instead of one
    each (about half a second of CPU a start)."""
    import json
    import sys
    import tempfile

    tests = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as folder:
        asked, answered = Path(folder) / "calls.json", Path(folder) / "results.json"
        asked.write_text(json.dumps([[list(a), dict(e), str(c)] for a, e, c in calls]))
        script = ("import json, sys\nimport cli_run\n"
                  "calls = json.loads(open(sys.argv[1]).read())\n"
                  "done = [cli_run.procmem(*a, env=e, cwd=c) for a, e, c in calls]\n"
                  "open(sys.argv[2], 'w').write(json.dumps([[d.returncode, d.stdout, d.stderr] for d in done]))\n")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests.parent), str(tests)])}
        child = subprocess.run([sys.executable, "-c", script, str(asked), str(answered)], env=env, timeout=timeout,
                               capture_output=True, text=True)
        assert child.returncode == 0, child.stderr
        results = json.loads(answered.read_text())
    return [subprocess.CompletedProcess(["procmem", *a], code, out, err)
            for (a, _, _), (code, out, err) in zip(calls, results)]
