"""``procmem serve``: the same app in a web browser, through Textualize's ``textual-serve``.

Each browser tab starts its own ``procmem play`` process with the play flags given here (so each tab opens the
library those flags name, and can write it). Only the served page may open a tab (an origin check), and beyond
127.0.0.1 only with the token printed at start (``serve_guard``). The flags are checked once before serving, so a bad level or
library ends in one line instead of a broken page. ``textual-serve`` is the optional extra ``web``.
"""

from __future__ import annotations

import shlex
import sys
from urllib.parse import urlsplit

from procmem_tui.cli import UserError
from procmem_tui.commands.common import whole

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
SERVE_ONLY = {"host", "port", "public_url", "verb", "default_level"}


def add_parser(subparsers) -> None:
    from procmem_tui.commands.play import add_play_args

    p = subparsers.add_parser(
        "serve", help="serve the app to web browsers (needs the 'web' extra)",
        description="Serve the app over HTTP: every browser tab that opens the page runs its own app, on the "
        "library the play flags name (each tab can write it). Listens on 127.0.0.1 (this machine only) unless "
        "--host says otherwise.",
    )
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}; "
                   "0.0.0.0 serves every network this machine is on)")
    p.add_argument("--port", type=whole(1, 65535), default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    p.add_argument("--public-url", metavar="URL", help="the address browsers use to reach this server, when it is "
                   "not http://HOST:PORT (behind a proxy, or with --host 0.0.0.0)")
    add_play_args(p)


def play_argv(args) -> list[str]:
    """The ``procmem play`` flags equal to ``args`` (those that differ from play's defaults)."""
    from procmem_tui.cli import build_parser

    parser, _ = build_parser()
    defaults = vars(parser.parse_args(["play"]))
    argv: list[str] = []
    for dest, value in sorted(vars(args).items()):
        if dest in SERVE_ONLY or dest not in defaults or value == defaults[dest]:
            continue
        flag = "--" + dest.replace("_", "-")
        if value is True:
            argv.append(flag)
        elif isinstance(value, list):
            for item in value:
                argv += [flag, str(item)]
        elif value is not None and value is not False:
            argv += [flag, str(value)]
    return argv


def command(args) -> str:
    """The shell command each tab runs: this Python, ``-m procmem_tui play`` and the flags."""
    from pathlib import Path

    if getattr(args, "library", None):
        args.library = str(Path(args.library).resolve())
    return shlex.join([sys.executable, "-m", "procmem_tui", "play", *play_argv(args)])


def tab_command(cmd: str) -> str:
    """``cmd`` as textual-serve runs it for each tab (through ``/bin/sh -c`` on POSIX), with Ctrl+C ignored: a tab
    runs in the terminal's process group, so the Ctrl+C that stops the server reached every tab too, and a tab
    still starting printed two tracebacks ("Fatal Python error: init_import_site ... KeyboardInterrupt") on the
    server's terminal. The app in a tab gets its keys, Ctrl+C too, from the page, never as a signal; the server
    ends each tab itself when it stops."""
    import os

    return f"trap '' INT; exec {cmd}" if os.name == "posix" else cmd


def can_listen(host: str, port: int) -> None:
    """Raise ``UserError`` in one line when nothing can listen on ``host``:``port`` (a name that resolves to no
    address, a port in use, an address not this machine's), by binding it once as the server will. A bad address
    used to be found only when serving, after the library had been made."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: TIME_WAIT is free
            probe.bind(address)
    except OSError as exc:
        raise UserError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def run(args) -> int:
    from procmem_tui.commands import play

    try:
        from procmem_tui.commands.serve_guard import GuardedServer
    except ImportError:
        raise UserError("serving needs textual-serve: pip install 'procmem-tui[web]'") from None
    if args.public_url is not None and urlsplit(args.public_url).scheme not in ("http", "https"):
        raise UserError(f"--public-url must start with http:// or https://, not {args.public_url[:60]!r}")
    can_listen(args.host, args.port)  # before play.build, which would make a library nobody can be served
    session, store, _ = play.build(args)  # the flags are good before any tab opens
    store.close()
    cmd = command(args)
    server = GuardedServer(tab_command(cmd), host=args.host, port=args.port, title="procmem", public_url=args.public_url)
    if server.token is not None:
        print("procmem serve: listening beyond this machine; the page needs this token (keep it secret):", flush=True)
    print(f"procmem serve: {server.open_url} (Ctrl+C stops); each tab runs: {cmd}", flush=True)
    try:
        server.serve()
    except OSError as exc:
        raise UserError(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0
