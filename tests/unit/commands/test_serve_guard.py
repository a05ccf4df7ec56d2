"""``procmem serve`` accepts websockets only from its own page (issue 19): a real server process and a real
websocket client (aiohttp). Another origin, or none, gets 403; the served origin connects and the app answers; a
plain ``GET /ws`` is a short 400 with one log line and no traceback; served beyond 127.0.0.1 every page needs the
token printed at start; Ctrl+C at the terminal stops the server and its tabs without a traceback."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, tmp_path: Path, *flags: str) -> None:
        self.port = free_port()
        self.log = tmp_path / "serve.log"
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "COLUMNS": "200",
               "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "procmem_tui", "serve", "--fresh", "--port", str(self.port), *flags],
            stdout=self.log.open("w"), stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
            start_new_session=True)  # a process group of its own, as a shell's job is: Ctrl+C reaches all of it
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, self.log.read_text()
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, self.log.read_text()
                time.sleep(0.2)

    @property
    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def wait_until(condition, timeout: float = 30.0) -> None:
    """Poll ``condition`` (a line in the server's log) every 20 ms until it holds; the test's asserts say what
    was missing if it never does."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.fixture
def served(tmp_path):
    server = Served(tmp_path)
    yield server
    server.stop()


async def _ws(port: int, origin: str | None, cookies=None, query: str = ""):
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession(cookies=cookies) as http:
        try:
            async with http.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24{query}", headers=headers) as ws:
                await ws.send_json(["resize", {"width": 80, "height": 24}])
                message = await ws.receive(timeout=60)  # the app's first output
                return ("open", message.type)
        except aiohttp.WSServerHandshakeError as exc:
            return ("refused", exc.status)


def test_another_origin_is_refused_and_the_served_one_is_not(served):
    """The websocket refuses (403) another origin, a rebinding origin on our port and no origin at all, and
    opens for the page's own origin, with no traceback in the log."""
    assert asyncio.run(_ws(served.port, "http://evil.example")) == ("refused", 403)
    assert asyncio.run(_ws(served.port, f"http://evil.example:{served.port}")) == ("refused", 403)  # rebinding
    assert asyncio.run(_ws(served.port, None)) == ("refused", 403)
    state, kind = asyncio.run(_ws(served.port, f"http://127.0.0.1:{served.port}"))
    assert state == "open" and kind in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
    assert "Traceback" not in served.output


def test_a_plain_get_of_the_websocket_is_a_short_400_and_one_log_line(served):
    """A GET of /ws without the upgrade is a short 400 and one log line that says why, no traceback or header
    dump."""
    async def get():
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{served.port}/ws",
                                headers={"Origin": f"http://127.0.0.1:{served.port}"}) as response:
                return response.status, await response.text()

    status, body = asyncio.run(get())
    assert status == 400 and len(body) < 100 and "\n" == body[-1]
    wait_until(lambda: "/ws" in served.output)
    lines = [line for line in served.output.splitlines() if "/ws" in line]
    assert len(lines) == 1 and "not a websocket upgrade" in lines[0], served.output
    assert "Traceback" not in served.output and "Sec-WebSocket" not in served.output


def test_beyond_loopback_the_page_needs_the_printed_token(tmp_path):
    """Served beyond loopback, the page needs the token printed at start (403 without it or with a wrong one; the
    right one sets an http-only cookie), and the websocket needs the cookie and our origin."""
    server = Served(tmp_path, "--host", "0.0.0.0")
    try:
        wait_until(lambda: "?token=" in server.output)
        found = re.search(r"\?token=([\w-]+)", server.output)
        assert found, server.output
        token = found.group(1)

        async def visit():
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{server.port}/") as response:
                    without = response.status
                async with http.get(f"http://127.0.0.1:{server.port}/?token=wrong") as response:
                    wrong = response.status
                async with http.get(f"http://127.0.0.1:{server.port}/?token={token}") as response:
                    right = response.status
                    cookie = response.cookies.get("procmem_token")
                return without, wrong, right, cookie

        without, wrong, right, cookie = asyncio.run(visit())
        assert (without, wrong, right) == (403, 403, 200) and cookie is not None and cookie["httponly"]
        origin = f"http://127.0.0.1:{server.port}"
        assert asyncio.run(_ws(server.port, origin)) == ("refused", 403)  # no token
        assert asyncio.run(_ws(server.port, origin, cookies={"procmem_token": token}))[0] == "open"
        assert asyncio.run(_ws(server.port, "http://evil.example", cookies={"procmem_token": token})) == ("refused", 403)
    finally:
        server.stop()


def test_a_tab_starts_with_ctrl_c_ignored():
    """Each tab's command, run by ``/bin/sh -c`` as textual-serve runs it, starts Python with SIGINT ignored: the
    terminal's Ctrl+C, sent to the whole process group, is for the server alone."""
    from procmem_tui.commands.serve import tab_command

    probe = tab_command(f"{sys.executable} -c 'import signal; print(signal.getsignal(signal.SIGINT) == signal.SIG_IGN)'")
    done = subprocess.run(["/bin/sh", "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done


def _others_in_group(leader: int, running: str = "") -> list[int]:
    """The processes of ``leader``'s process group but the leader (the tabs' shells and apps), those whose
    command line holds ``running`` (Linux's /proc)."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != leader:
            try:
                if os.getpgid(int(name)) == leader and running.encode() in Path(f"/proc/{name}/cmdline").read_bytes():
                    found.append(int(name))
            except (ProcessLookupError, FileNotFoundError):
                pass
    return found


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="lists processes through /proc")
def test_ctrl_c_while_a_tab_starts_stops_the_server_and_the_tab_without_a_traceback(tmp_path):
    """Ctrl+C at the server's terminal (SIGINT to its process group) while a tab's app is starting: the server
    exits 0, the tab's app quits with it, and the log has no traceback and no failure. The tab got the SIGINT too:
    killed while starting, the log said "Application failed to start", and, interrupted in Python's own start,
    "Fatal Python error ... KeyboardInterrupt" with a traceback, twice (textual-serve prints a tab's stderr when
    it fails to start, and again when it ends)."""
    server = Served(tmp_path)
    origin = f"http://127.0.0.1:{server.port}"

    async def open_tab_then_ctrl_c():
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(f"{origin}/ws?width=80&height=24", headers={"Origin": origin}):
                deadline = time.monotonic() + 30
                starting = ("-m\0procmem_tui\0play")  # the tab's Python itself, not the shell before it
                while not _others_in_group(server.process.pid, starting) and time.monotonic() < deadline:
                    await asyncio.sleep(0.005)
                assert _others_in_group(server.process.pid, starting), "the tab's app never started"
                os.killpg(server.process.pid, signal.SIGINT)
                return await asyncio.get_running_loop().run_in_executor(None, server.process.wait, 60)

    try:
        assert asyncio.run(open_tab_then_ctrl_c()) == 0, server.output
        for words in ("Traceback", "Exception ignored", "KeyboardInterrupt", "Fatal Python error", "failed to start"):
            assert words not in server.output, server.output
        deadline = time.monotonic() + 30
        while _others_in_group(server.process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _others_in_group(server.process.pid), "the tab's app outlived the server"
    finally:
        if server.process.poll() is None:
            server.stop()
