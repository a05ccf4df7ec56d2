"""``procmem replay [N|last] [--json FILE]``: step back and forth through a recorded episode in the app."""

from __future__ import annotations

from procmem_tui.cli import UserError
from procmem_tui.commands.common import add_library_args, open_store_or_fail, run_app


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "replay", help="step through a recorded episode (→/← step, space plays, t takes over)",
        description="Open a recorded episode in the app: → / ← one step, home / end, space play/pause, + / - speed, "
        "t take over from the step shown (as a new episode, played by you or the agent), Esc back to the game.",
    )
    p.add_argument("episode", nargs="?", default="last", metavar="N|last",
                   help="an episode number (see 'procmem episodes list'), or 'last' (default)")
    p.add_argument("--json", metavar="FILE", help="replay an episode file written by 'procmem export --json'")
    p.add_argument("--agent", default="procmem", help="the agent for taking over (default procmem)")
    add_library_args(p)


def load(args):
    """The episode to replay (from the store or a JSON file) and the open store, checked before the app starts."""
    from procmem_tui.memory.store import StoreError
    from procmem_tui.recording import RecordingError, load_episode_json, replay

    row = None
    if args.json:  # a bad file is refused before any library is opened (or made)
        try:
            row = load_episode_json(args.json)
        except RecordingError as exc:
            raise UserError(str(exc)) from None
    else:  # an episode from the library: a mistyped --library is refused, not created
        open_store_or_fail(args, read_only=True).close()
    store = open_store_or_fail(args, or_read_only=True)  # a read-only library replays; a take-over is not recorded
    try:
        row = row if row is not None else store.get_episode_by_number(args.episode)
        return replay(row), store
    except (StoreError, RecordingError) as exc:
        store.close()
        raise UserError(str(exc)) from None


def run(args) -> int:
    from procmem_tui.agents import make_agent
    from procmem_tui.memory.store import StoreError
    from procmem_tui.session import LevelSource, Session

    rec, store = load(args)
    try:
        library = store.load_library()
        agent = make_agent(args.agent, library=library)
    except (StoreError, ValueError) as exc:
        store.close()
        raise UserError(str(exc)) from None
    from procmem_tui.commands.terminal import choose_glyphs
    from procmem_tui.tui.app import ProcmemApp

    choose_glyphs()  # before the app is built: it reads the glyph set then
    session = Session(LevelSource.fixed(rec.level), agent, store)
    app = ProcmemApp(session, store, agent_name=args.agent, agent_factory=make_agent, replay=rec,
                     replay_in_library=not args.json)
    return run_app(app)
