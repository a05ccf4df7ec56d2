"""A tab whose app finishes starting after the server began to stop (Ctrl+C while the tab starts) is not among
the tabs ``on_shutdown`` told to quit: it is quit as it joins, and its page is read while it quits. Left to read
alone, it kept the server's stop waiting until the page closed its websocket (about 24 s in test_serve_guard's
Ctrl+C test); quit without reading, the app's exit closed a websocket nobody read, and aiohttp waited for the
page's answer to the close (its 10 s timeout from a page that does not answer, as test_serve_guard's client; 2 s
from Chromium). Here a real aiohttp websocket, in this process, and a page that never answers."""

from __future__ import annotations

import asyncio
import time

import pytest

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

from aiohttp import web  # noqa: E402

from procmem_tui.commands.serve_guard import GuardedServer  # noqa: E402


class QuittingApp:
    """A tab's app service: asked to stop, its app exits and closes the page's websocket (textual-serve's
    ``on_meta`` of the app's "exit")."""

    def __init__(self, websocket) -> None:
        self.websocket = websocket
        self.stops = 0

    async def stop(self) -> None:
        self.stops += 1
        await self.websocket.close()


def test_a_tab_started_after_the_stop_began_is_quit_and_its_page_closes_at_once():
    server = GuardedServer("true", host="127.0.0.1", port=8000, title="procmem")
    asyncio.run(server.on_shutdown(None))  # the stop began, with no tab yet
    seen = {}

    async def handle(request):
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        tab = seen["tab"] = QuittingApp(websocket)
        started = time.monotonic()
        await server._process_messages(websocket, tab)
        seen["seconds"] = time.monotonic() - started
        return websocket

    async def visit():
        app = web.Application()
        app.router.add_get("/ws", handle)
        runner = web.AppRunner(app)  # as web.run_app serves (aiohttp's test server cancels handlers; this does not)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        try:
            async with aiohttp.ClientSession() as client, client.ws_connect(f"http://127.0.0.1:{port}/ws"):
                for _ in range(300):  # the page never reads, so never answers the close
                    if "seconds" in seen:
                        break
                    await asyncio.sleep(0.01)
        finally:
            await runner.cleanup()

    asyncio.run(visit())
    assert seen["tab"].stops == 1, "the late tab's app was never asked to quit"
    assert seen.get("seconds", 99) < 2, seen  # aiohttp's close waited 10 s for an answer when nothing read
    assert seen["tab"] not in server.tabs


class Page:
    """A websocket that has one message to give, and says whether it was read."""

    def __init__(self) -> None:
        self.read = False

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.read:
            raise StopAsyncIteration
        self.read = True
        return None


def test_before_the_stop_a_tab_reads_its_messages_and_is_not_quit_here():
    server = GuardedServer("true", host="127.0.0.1", port=8000, title="procmem")
    seen = []

    async def read(websocket, app_service):
        seen.append(app_service in server.tabs)

    server._read_messages = read
    tab = QuittingApp(Page())
    asyncio.run(server._process_messages(Page(), tab))
    assert seen == [True] and tab not in server.tabs and tab.stops == 0
