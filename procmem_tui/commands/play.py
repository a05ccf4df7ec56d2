"""``procmem [play]``: the Textual app.

Everything a user can get wrong (level, flags, library file, agent name) is checked here, before the app
starts, and ends in one line and exit 1. The app then paints the first level before the library, the agent and
the session are built (``tui.start``: they need numpy and SQLite, which take longer to load than Textual takes to
start); a level under fog is built first, since its first frame needs the agent's sight. The store saves at every
episode's end; quitting closes it.
"""

from __future__ import annotations

from procmem_tui.cli import UserError, no_collection
from procmem_tui.commands.common import (
    add_level_args, add_library_args, check_agent, level_source_from_args, open_store_or_fail, run_app, whole,
)


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "play", help="play in the terminal app (the default)",
        description="Open the app: play a level by keyboard, or press space to let the agent play and watch it "
        "learn skills (from its wins and yours). Press ? in the app for the keys.",
    )
    add_play_args(p)


def add_play_args(p) -> None:
    """The flags that say what to play and with what (``procmem serve`` takes them too)."""
    add_level_args(p)
    add_library_args(p)
    p.add_argument("--agent", default="procmem", help="the agent that takes over on space (default procmem)")
    p.add_argument("--speed", type=whole(1, 60), default=8, help="autoplay speed, steps per second (1-60, default 8)")
    p.add_argument("--autoplay", action="store_true", help="hand control to the agent at start")


def check(args):
    """Everything a user can get wrong, without loading the library: the level source it names."""
    source = level_source_from_args(args)
    check_agent(args.agent)
    if not args.fresh:
        from pathlib import Path

        from procmem_tui.memory.store_file import StoreError, check_file, default_library_path

        try:
            check_file(Path(args.library) if args.library else default_library_path())
        except StoreError as exc:
            raise UserError(str(exc)) from None
    return source


def build(args, source=None):
    """Check the arguments and build (session, store, agent factory) without starting anything."""
    from procmem_tui.agents import make_agent
    from procmem_tui.memory.store import StoreError
    from procmem_tui.session import Session

    if source is None:
        source = check(args)
    store = open_store_or_fail(args)
    try:
        library = store.load_library(seed=args.seed)
    except StoreError as exc:
        store.close()
        raise UserError(str(exc)) from None
    try:
        agent = make_agent(args.agent, seed=args.seed, library=library)
    except (ValueError, KeyError) as exc:
        store.close()
        raise UserError(str(exc).strip("'\"")) from None
    return Session(source, agent, store), store, make_agent


def run(args) -> int:
    from procmem_tui.commands.terminal import choose_glyphs

    choose_glyphs()  # before the app is built: it reads the glyph set then
    with no_collection():  # the app's modules load (the app freezes what they made, ``ProcmemApp.on_load``)
        app = make_app(args)
    code = run_app(app)
    if code == 0 and on_a_terminal():
        said = kept_line(args)
        if said:
            print(said)
    return code


def on_a_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


def kept_line(args) -> str | None:
    """What a person reads after quitting: where their library is and what it holds, so the next ``procmem``
    is known to go on from it (the app ended without a word, and a first session left no clue that anything was
    kept, or where). None with ``--fresh`` (nothing is kept, as asked) or a library that cannot be read. Only on
    a terminal: ``procmem serve``'s tabs run this verb with their output piped to the page."""
    from procmem_tui.memory.store import SkillStore, StoreError, default_library_location
    from procmem_tui.safe_text import printable

    if getattr(args, "fresh", False):
        return None
    path = args.library or default_library_location()
    try:
        with SkillStore.open(path, read_only=True) as store:
            skills, episodes = store.skill_count(), store.episode_count()
    except (StoreError, OSError):
        return None
    counts = f"{skills} skill{'' if skills == 1 else 's'} and {episodes} episode{'' if episodes == 1 else 's'}"
    more = "" if args.library else "; the next 'procmem' goes on from them"
    return f"procmem: {counts} kept in {printable(str(path))}{more}"


def make_app(args):
    """The app ``procmem play`` runs: checked, the session deferred past the first frame unless under fog."""
    from procmem_tui.tui.app import ProcmemApp
    from procmem_tui.tui.start import Deferred

    source = check(args)
    level, _ = source.level_for(0)
    options = dict(agent_name=args.agent, speed=args.speed, autoplay=args.autoplay, seed=args.seed, view=args.view)
    if level.view is not None:
        session, store, factory = build(args, source)
        return ProcmemApp(session, store, agent_factory=factory, **options)
    return ProcmemApp(None, deferred=Deferred(level, source.label, lambda: build(args, source)), **options)
