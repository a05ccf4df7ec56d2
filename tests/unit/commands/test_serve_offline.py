"""``procmem serve`` needs no network: the page it serves asks no other site for anything. textual-serve's page
linked Google Fonts for its Roboto Mono; the same font now comes from textual-serve's own static files, and the
page still names it (the terminal draws in it)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("textual_serve")
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from procmem_tui.commands.serve_guard import GuardedServer  # noqa: E402


async def test_the_page_and_its_font_are_served_here_and_nothing_comes_from_elsewhere():
    """Every URL the page loads (href, src, CSS url()) is this server's; the font files it names are served (200,
    a TrueType file); the Roboto Mono font family is still declared."""
    server = GuardedServer("true", host="127.0.0.1", port=8000, title="procmem")
    app = await server._make_app()
    app.on_startup.clear()  # no start-up hooks for a test client
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/")
        assert response.status == 200
        page = await response.text()
        loaded = [a or b for a, b in re.findall(r"""(?:href|src)=["']([^"']+)|url\(["']?([^"')]+)""", page)]
        elsewhere = [url for url in loaded if re.match(r"(https?:)?//", url)
                     and not url.startswith(server.public_url + "/")]
        assert elsewhere == [] and "googleapis" not in page and "gstatic" not in page
        fonts = [url for url in loaded if url.endswith(".ttf")]
        assert len(fonts) == 2 and 'font-family: "Roboto Mono"' in page
        for url in fonts:
            font = await client.get(url.removeprefix(server.public_url))
            assert font.status == 200 and (await font.read())[:4] == b"\x00\x01\x00\x00", url


async def test_the_page_names_its_tab_and_brings_its_own_icon():
    """The browser's tab reads the server's title, "procmem" (textual-serve's page had no <title>: the tab read
    the address), and the page's icon is in the page (the browser asked for /favicon.ico and got a 404)."""
    server = GuardedServer("true", host="127.0.0.1", port=8000, title="procmem")
    app = await server._make_app()
    app.on_startup.clear()
    async with TestClient(TestServer(app)) as client:
        page = await (await client.get("/")).text()
        assert re.search(r"<head>\s*<title>procmem</title>", page)
        icon = re.search(r"""<link rel="icon" href="([^"]+)""", page)
        assert icon and icon.group(1).startswith("data:image/svg+xml,") and "%3Csvg" in icon.group(1)
