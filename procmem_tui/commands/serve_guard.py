"""Who may drive ``procmem serve``: textual-serve's ``Server`` with an origin check, a token, and quiet errors.

- **Origin.** A websocket upgrade (``/ws``, which plays the app and writes the library) is accepted only from the
  served page: its ``Origin`` must be the server's own (``http://127.0.0.1:PORT``, ``http://localhost:PORT``) or
  ``--public-url``'s. Any other origin — a page of another site open in the same browser, a DNS-rebinding name —
  and a request without one get 403. Listening on every address (``0.0.0.0``) without ``--public-url``, the
  origin must also match the ``Host`` the request was sent to.
- **Token.** Served beyond the loopback address, every request but the static files needs a secret token, printed
  once at start inside the URL to open (as Jupyter does): ``/?token=…`` sets a cookie (HttpOnly, SameSite=Strict)
  that the page's websocket then carries. Without it: 403.
- **Offline page.** textual-serve's page links Google Fonts for its Roboto Mono, a request to another site each time
  the page loads (and a wait where there is no network). The page is served with that link replaced by
  ``@font-face`` rules naming the same font in textual-serve's own static files (``offline_page``). It also gets a
  title and an icon for the browser's tab (``named_tab``), and hands the keyboard to the game as it opens
  (``focused_terminal``: textual-serve's page waited for a click before any key reached the game).
- **Stopping.** The server quits its tabs' apps and waits for them (``on_shutdown``), and quits a tab still
  starting then as it joins (``_process_messages``); the tabs ignore the terminal's Ctrl+C, which is the
  server's (``serve.tab_command``).
- **Malformed requests** (``GET /ws`` without an upgrade, a message that is not JSON) get a short 400 or are
  dropped, with one log line each and never a traceback (textual-serve logged two, with the request headers).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
import secrets
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.server import Server

log = logging.getLogger("procmem.serve")
COOKIE = "procmem_token"
TAB_QUIT_SECONDS = 10  # how long a stopping server waits for its tabs' apps to quit


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-case (what a browser sends as ``Origin``)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class GuardedServer(Server):
    """textual-serve's server with the rules of this module's docstring."""

    def __init__(self, *args, token: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        public = kwargs.get("public_url")
        self.explicit_public_url = public is not None
        self.tabs: set = set()  # the app services of the tabs open now (``on_shutdown`` quits them)
        self.stopping = False  # set when the server begins to stop: a tab that finishes starting then is quit at once
        self.token = token if token is not None else (None if is_loopback(self.host) else secrets.token_urlsafe(24))
        self.allowed_origins = {origin_of(self.public_url)}
        if is_loopback(self.host):
            self.allowed_origins |= {f"http://{name}:{self.port}" for name in ("127.0.0.1", "localhost", "[::1]")}
        elif self.host not in ("0.0.0.0", "::", ""):
            self.allowed_origins.add(f"http://{self.host}:{self.port}")

    @property
    def open_url(self) -> str:
        """The URL to open in a browser (with the token when one is needed)."""
        return self.public_url + ("/" if self.token is None else f"/?token={self.token}")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: ``procmem serve`` has said in one line where to browse and what each tab runs (textual-serve
        printed its logo and the command again, by then with the shell's Ctrl+C guard, ``serve.tab_command``)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Quit every tab's app (as its page's own quit would: each saves its library) and wait for them, up to
        ``TAB_QUIT_SECONDS``, before the server's loop closes. The tabs ignore the terminal's Ctrl+C
        (``serve.tab_command``); textual-serve waited for none of them, and its loop closed under them with an
        "Exception ignored ... Event loop is closed" traceback."""
        import asyncio

        self.stopping = True
        stops = [asyncio.ensure_future(service.stop()) for service in list(self.tabs)]
        if stops:
            await asyncio.wait(stops, timeout=TAB_QUIT_SECONDS)

    def initialize_logging(self) -> None:
        """One plain line per log record: no rich tracebacks (they printed locals, request headers included)."""
        handler = logging.StreamHandler()
        handler.setFormatter(_OneLine())
        logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # refusals are logged once, by the guard

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        aiohttp_jinja2.get_env(app).loader = OfflineTemplates(self.templates_path)
        return app

    # -- the checks -------------------------------------------------------------------------------

    def _origin_ok(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin", "").lower()
        if not origin:
            return False
        if origin in self.allowed_origins:
            return True
        if not self.explicit_public_url and not is_loopback(self.host):  # 0.0.0.0: the address it was reached at
            return origin == f"{request.scheme}://{request.host}".lower()
        return False

    def _token_ok(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        path = request.path
        if path.startswith("/static/"):
            return await handler(request)
        if not self._token_ok(request):
            log.warning("refused %s %s from %s: no valid token", request.method, path[:80], request.remote)
            return web.Response(status=403, text="403: this server needs the token it printed when it started "
                                "(open the URL with ?token=...)\n")
        if path == "/ws":
            if not self._origin_ok(request):
                log.warning("refused a websocket from origin %r (%s): not this server's page",
                            request.headers.get("Origin", "")[:100], request.remote)
                return web.Response(status=403, text="403: websockets are accepted only from this server's page\n")
            if not web.WebSocketResponse().can_prepare(request).ok:
                log.warning("bad request to /ws from %s: not a websocket upgrade", request.remote)
                return web.Response(status=400, text="400: /ws takes a websocket upgrade only\n")
        try:
            response = await handler(request)
        except web.HTTPException:
            raise
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback with the request in it
            log.warning("bad request %s %s from %s: %s", request.method, path[:80], request.remote, _short(exc))
            return web.Response(status=400, text="400: bad request\n")
        if self.token is not None and request.query.get("token") and isinstance(response, web.Response):
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        return response

    async def _process_messages(self, websocket, app_service) -> None:
        """textual-serve's message loop (``_read_messages``), with the tab counted among ``tabs`` while it runs. A
        tab whose app was still starting when the server began to stop is not among the tabs ``on_shutdown`` quit:
        it is quit here (``_quit_late``), and its page is read meanwhile. Left to read alone, it kept the stop
        waiting until the page closed its websocket (about 24 s); quit without reading, the app's exit closed a
        websocket nobody read, and aiohttp waited for the page's answer to the close, which it reads only through
        a reader: 2 s from Chromium, 10 s (its timeout) from a page that does not answer."""
        import asyncio

        self.tabs.add(app_service)
        late = asyncio.ensure_future(self._quit_late(websocket, app_service)) if self.stopping else None
        try:
            await self._read_messages(websocket, app_service)
        finally:
            self.tabs.discard(app_service)
            if late is not None:
                await late

    @staticmethod
    async def _quit_late(websocket, app_service) -> None:
        """Quit a tab's app as ``on_shutdown`` quits the others, then close its page's websocket (the app's exit
        has closed it already unless the app ended without a word): the read loop then ends at once."""
        await app_service.stop()
        await websocket.close()

    async def _read_messages(self, websocket, app_service) -> None:
        """A message that is not a JSON list of a known shape is dropped with one log line instead of ending the
        connection with a traceback."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = (envelope[0], envelope[1] if len(envelope) > 1 else None) if isinstance(envelope, list) else (None, None)
                if kind == "stdin" and isinstance(data, str):
                    await app_service.send_bytes(data.encode("utf-8", "replace"))
                elif kind == "resize" and isinstance(data, dict):
                    width, height = int(data["width"]), int(data["height"])
                    if not (1 <= width <= 1000 and 1 <= height <= 1000):
                        raise ValueError(f"size {width}x{height}")
                    await app_service.set_terminal_size(width, height)
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await app_service.blur()
                elif kind == "focus":
                    await app_service.focus()
                else:
                    raise ValueError(f"unknown message {str(kind)[:40]!r}")
            except (ValueError, TypeError, KeyError, IndexError) as exc:
                log.warning("dropped a malformed websocket message: %s", _short(exc))


# textual-serve's page: ``<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto%20Mono" />``
_WEB_FONT_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://fonts\.googleapis\.com/[^>]*>", re.IGNORECASE)
# The same font from textual-serve's static files (``static/fonts``), which the page's other links already use.
_LOCAL_FONT = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""


def offline_page(source: str) -> str:
    """textual-serve's page template with its Google Fonts link replaced by the same font served here."""
    return _WEB_FONT_LINK.sub(lambda _: _LOCAL_FONT, source)


# The browser tab's name and icon: textual-serve's page has neither, so a tab read "127.0.0.1:8000/" beside the
# browser's blank icon, and every load asked for /favicon.ico and got a 404. The icon is the player, @@.
_ICON = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='2' "
         "fill='#f5f5f5'/><text x='8' y='12' font-size='9' font-family='monospace' font-weight='bold' "
         "text-anchor='middle' fill='#111'>@@</text></svg>")
_TAB = ("<title>{{ application.name }}</title>\n    <link rel=\"icon\" href=\"data:image/svg+xml,"
        + _ICON.replace("#", "%23").replace("<", "%3C").replace(">", "%3E") + '" />')


def named_tab(source: str) -> str:
    """textual-serve's page template with a title (the server's ``title``, "procmem") and an icon of its own."""
    return re.sub(r"<head>", lambda m: m.group(0) + "\n    " + _TAB, source, count=1, flags=re.IGNORECASE)


# Keys reach the game as soon as the page is open: textual-serve's page leaves the keyboard on the page's body until
# the terminal is clicked, so a new player's first keys did nothing (and the app, told the terminal had no focus,
# looked dimmed). The terminal's input takes the focus once it exists, and again when the page gets it back with
# nothing else focused (a click on the margin, back from another tab or window).
_FOCUS = """<script>
      (function () {
        function input() { return document.querySelector("#terminal .xterm-helper-textarea"); }
        function focusGame() {
          var box = input();
          if (box && (document.activeElement === document.body || document.activeElement === null)) box.focus();
          return box !== null;
        }
        var tries = setInterval(function () { if (focusGame()) clearInterval(tries); }, 100);
        window.addEventListener("focus", focusGame);
        document.addEventListener("mouseup", function () { setTimeout(focusGame, 0); });
      })();
    </script>"""


def focused_terminal(source: str) -> str:
    """textual-serve's page template with the script that hands the keyboard to the game (``_FOCUS``)."""
    return re.sub(r"</body>", lambda m: _FOCUS + "\n  " + m.group(0), source, count=1, flags=re.IGNORECASE)


class OfflineTemplates(jinja2.FileSystemLoader):
    """textual-serve's templates, each read through ``offline_page`` (the page asks no other site for anything),
    ``named_tab`` and ``focused_terminal``."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return focused_terminal(named_tab(offline_page(source))), filename, uptodate


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f" ({_short(record.exc_info[1])})"
        return " ".join(text.split())


def _short(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= 200 else text[:197] + "..."
