"""``procmem serve`` accepts websockets only from its own page (issue 19): a real server process and a real
websocket client (aiohttp). Another origin, or none, gets 403; the served origin connects and the app answers; a
plain ``GET /ws`` is a short 400 with one log line and no traceback; served beyond 127.0.0.1 every page needs the
token printed at start."""

from __future__ import annotations

import asyncio
import re
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
            stdout=self.log.open("w"), stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
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
