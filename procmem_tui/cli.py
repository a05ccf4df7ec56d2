"""The ``procmem`` command: parses the verb and hands off to ``procmem_tui.commands.<verb>``.

Each command module exposes ``add_parser(subparsers)`` and ``run(args) -> int``. ``main`` is the error
boundary (``procmem_tui.errors``): errors a user can cause end in one line on stderr and a non-zero exit, anything
unexpected in one line naming a crash report, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
from contextlib import contextmanager

from procmem_tui import __version__
from procmem_tui.errors import UserError, describe
from procmem_tui.safe_text import printable

# verb -> module under procmem_tui.commands; the order is the order of --help.
COMMANDS: dict[str, str] = {
    "play": "play",
    "train": "train",
    "bench": "bench",
    "check": "check",
    "levels": "levels",
    "skills": "skills",
    "knowledge": "knowledge",
    "episodes": "episodes",
    "replay": "replay",
    "export": "export",
    "stats": "stats",
    "serve": "serve",
    "edit": "edit",
    "doctor": "doctor",
    "prune": "prune",
}


class OneLineErrorParser(argparse.ArgumentParser):
    """Usage mistakes end in one line naming the verb's --help, not argparse's usage block."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _available_modules(verbs=None):
    for verb, module_name in COMMANDS.items():
        if verbs is not None and verb not in verbs:
            continue
        try:
            yield verb, importlib.import_module(f"procmem_tui.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"procmem_tui.commands.{module_name}":
                raise


def build_parser(verbs=None) -> tuple[argparse.ArgumentParser, dict]:
    """The whole command line, or only ``verbs``' subcommands (``main`` imports just the verb it runs: the app
    starts without loading every other verb's modules)."""
    parser = OneLineErrorParser(
        prog="procmem",
        description="A key-door-goal grid world where an agent turns trajectories (its own and yours) into skills.",
        epilog="Run 'procmem' alone to play. 'procmem VERB --help' describes each verb.",
    )
    parser.add_argument("--version", action="version", version=f"procmem {__version__}")
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB")
    modules = {}
    for verb, module in _available_modules(verbs):
        module.add_parser(subparsers)
        modules[verb] = module
    return parser, modules


def _tolerant_output() -> None:
    """Any stdout encoding works (``PYTHONIOENCODING=ascii``, ``LC_ALL=C``): a character it cannot encode (``…``,
    ``→``, a name's letters) is written as ``?`` instead of ending the command in an encoding error."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        try:
            stream.reconfigure(errors=errors)
        except (AttributeError, ValueError, OSError):  # not a text stream we may reconfigure: leave it
            pass


DEFAULT_ACTIONS = {"skills": "list", "episodes": "list"}


def with_default_action(argv: list[str]) -> list[str]:
    """``procmem skills`` and ``procmem episodes`` alone (or with only flags: ``--library P``) list, as the
    README's ``procmem skills …`` invites a first try to type; they ended in "the following arguments are
    required: ACTION". Help (``-h``) stays the verb's own."""
    action = DEFAULT_ACTIONS.get(argv[0]) if argv else None
    if action and (len(argv) == 1 or (argv[1].startswith("-") and argv[1] not in ("-h", "--help"))):
        return [argv[0], action, *argv[1:]]
    return argv


def main(argv: list[str] | None = None) -> int:
    _tolerant_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["play", *argv]
    argv = with_default_action(argv)
    with no_collection():
        parser, modules = build_parser([argv[0]] if argv[0] in COMMANDS else None)
        args, extra = parser.parse_known_args(argv)
    if extra and args.verb:  # named by the verb, as its own flags' mistakes are (argparse names the top command)
        print(f"procmem {args.verb}: unrecognized arguments: {' '.join(extra)} (see 'procmem {args.verb} --help')",
              file=sys.stderr)
        return 2
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    module = modules.get(args.verb)
    if module is None:
        parser.print_help()
        return 2
    try:
        with collecting_less_often(), _warnings_as_lines(f"procmem {args.verb}"):
            return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the boundary: every error ends here as one line
        message, code = describe(exc, argv)
    print(f"procmem {args.verb}: {message}", file=sys.stderr)
    return code


YOUNG_THRESHOLD = 10_000  # allocations between young collections (Python's default: 700)


@contextmanager
def collecting_less_often():
    """Young cyclic collections after every ``YOUNG_THRESHOLD`` allocations, not Python's 700: a decision builds
    caches of tens of thousands of small containers that outlive it, and each young collection walked the
    survivors again (on 32x32 six-room levels collections took about a tenth of the agent's CPU time, and a full one,
    triggered by that growth, 30-50 ms inside a single plan; with 10,000 a quarter of that time, and none full). What
    is collected is the same; memory holds at most that many more objects before a pass. Worker processes of
    ``procmem bench`` inherit it. The caller's thresholds come back after the verb (``main`` called in-process)."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def no_collection():
    """No cyclic garbage collection while the verb's modules load: importing creates objects by the thousand and
    frees almost none, so the collector's passes (tens of ms at start-up) find nothing; it runs again after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _WarningLine(logging.Handler):
    """The library's warnings (damaged rows skipped, knowledge kept) as one line each on stderr, prefixed like
    errors. ``sys.stderr`` is looked up per line: inside the app, Textual's redirection takes them."""

    def __init__(self, prefix: str) -> None:
        super().__init__(logging.WARNING)
        self.prefix = prefix

    def emit(self, record: logging.LogRecord) -> None:
        try:
            print(f"{self.prefix}: warning: {printable(record.getMessage())}", file=sys.stderr)
        except Exception:  # noqa: BLE001 - a warning must never end the program
            pass


@contextmanager
def _warnings_as_lines(prefix: str):
    """While a verb runs, the library's warnings go to stderr as ``_WarningLine``s (and nowhere else)."""
    logger = logging.getLogger("procmem_tui")
    handler, propagate = _WarningLine(prefix), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _silence_stdout() -> None:
    """After a closed pipe (``procmem episodes list | head``), Python's final flush must not print a traceback."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
