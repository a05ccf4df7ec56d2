"""A tab whose app finishes starting after the server began to stop (Ctrl+C while the tab starts) is not among
the tabs ``on_shutdown`` told to quit: it must read no message, so that textual-serve quits its app at once. Left
to read, it kept the server's stop waiting until the page closed its websocket (about 24 s in
test_serve_guard's Ctrl+C test, when the signal came while the tab started; a browser keeps it open longer)."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

from procmem_tui.commands.serve_guard import GuardedServer  # noqa: E402


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


def test_a_tab_started_after_the_stop_began_reads_nothing_and_is_not_kept():
    server = GuardedServer("true", host="127.0.0.1", port=8000, title="procmem")
    asyncio.run(server.on_shutdown(None))
    page, tab = Page(), object()
    asyncio.run(server._process_messages(page, tab))
    assert not page.read and tab not in server.tabs


def test_before_the_stop_a_tab_reads_its_messages():
    server = GuardedServer("true", host="127.0.0.1", port=8000, title="procmem")
    seen = []

    async def read(websocket, app_service):
        seen.append(app_service in server.tabs)

    server._read_messages = read
    tab = object()
    asyncio.run(server._process_messages(Page(), tab))
    assert seen == [True] and tab not in server.tabs
