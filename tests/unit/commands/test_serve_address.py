"""``procmem serve`` on an address it cannot listen on (a host name that resolves to nothing, a port another
server holds) ends in one line before anything is made: no library file, no default library folder. Before, the
library was made first and the address found bad only when serving."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from cli_run import procmem


def _env(home: Path) -> dict[str, str]:
    return {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state")}


@pytest.fixture
def busy_port():
    """A port on 127.0.0.1 that a listening socket holds for the test."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.mark.parametrize("where", ["--library", "the default library"])
@pytest.mark.parametrize("case", ["a host that resolves to nothing", "a port in use"])
def test_an_address_it_cannot_listen_on_is_one_line_and_makes_no_library(case, where, tmp_path, busy_port):
    address = ["--host", "999.1.1.1", "--port", "8123"] if case.startswith("a host") else ["--port", str(busy_port)]
    library = ["--library", str(tmp_path / "lib.sqlite3")] if where == "--library" else []
    done = procmem("serve", *address, *library, env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("procmem serve: cannot serve on")
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "something was made"
