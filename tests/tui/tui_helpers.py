"""Building the app exactly as ``procmem play`` does (fixed seed, ``--fresh`` library) and driving it by keys."""

from __future__ import annotations

import functools
import threading

from procmem_tui.cli import build_parser
from procmem_tui.commands import play
from procmem_tui.tui.app import ProcmemApp
from procmem_tui.world import solve

SIZE = (120, 40)
KEY_OF = {"move_up": "up", "move_down": "down", "move_left": "left", "move_right": "right",
          "pickup_key": "p", "open_door": "o"}


@functools.cache
def _parser():
    """The command's parser, built once per test process (20 verbs: a few ms each time, for every app)."""
    return build_parser()[0]


@functools.cache
def largest_builtin() -> str:
    """The built-in level of the most cells. Loading a level checks that it can be won (the solver): the thirteen
    cost a worker about a quarter of a second, so this is worked out when a test first asks, once a process,
    not when every worker imports the test modules to collect them."""
    from procmem_tui.world import builtin_level_names, load_level

    return max(builtin_level_names(), key=lambda n: (lambda lv: lv.width * lv.height)(load_level(n)))


# The three levels the layout tests play at every size: their flags for ``build_app`` (``layout_level_args``).
LAYOUT_LEVELS = {"classic": ("--level", "classic"), "doorkey16": ("--family", "doorkey", "--size", "16"),
                 "largest": ("--level", None)}


def layout_level_args(name: str) -> tuple[str, ...]:
    """``build_app``'s flags for the layout level ``name`` (the largest built-in is looked up now, not at import)."""
    return tuple(largest_builtin() if a is None else a for a in LAYOUT_LEVELS[name])


def build_app(*argv: str, **options) -> ProcmemApp:
    args = _parser().parse_args(["play", "--fresh", "--seed", "0", *argv])
    session, store, factory = play.build(args)
    return ProcmemApp(session, store, agent_name=args.agent, speed=args.speed, autoplay=args.autoplay,
                      agent_factory=factory, seed=args.seed, view=args.view, **options)


def plan_keys(app: ProcmemApp) -> list[str]:
    """The optimal plan from the current state, as the keys that play it."""
    return [KEY_OF[a.value] for a in solve(app.session.level, app.session.state)]


def clear_toasts(app: ProcmemApp) -> None:
    """Clear every toast before a picture: Textual's notifications and the game's own toast (``GameToast``, which
    ``App.clear_notifications`` does not touch). The game's toast hides itself on a timer, 4-5 s after an
    episode's end (``view.episode_over``): a picture taken after a win shows it or not depending on how long the
    machine took to get there (the skill details' snapshot, at a load of 17, showed the panel border it covers)."""
    from procmem_tui.tui.widgets.toast import GameToast

    app.clear_notifications()
    for toast in app.main.query(GameToast):
        toast.hide()


async def win_by_keys(app: ProcmemApp, pilot, saved: bool = True) -> None:
    """Win by the optimal plan's keys; with ``saved``, the episode's record is written (in the saver's thread)
    before it returns (False: the test holds the library, and the record waits)."""
    await type_keys(pilot, *plan_keys(app))
    assert app.session.done and app.session.finished.success
    if saved and app.saver is not None:
        assert app.saver.wait(5)


def key_event(key: str):
    """The ``events.Key`` a press of ``key`` sends (a key name, or one character), as ``Pilot.press`` makes it."""
    import unicodedata

    from textual import events
    from textual.keys import KEY_NAME_REPLACEMENTS

    if len(key) != 1:
        return events.Key(key, None)
    name = key if key.isalnum() else unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    return events.Key(KEY_NAME_REPLACEMENTS.get(name, name), key)


async def type_keys(pilot, *keys: str) -> None:
    """Press ``keys`` one after another without ``Pilot.press``'s waits for idle after each (two 20 ms sleeps or
    more a key), then wait once: they arrive in order, as fast typing does. Only for keys that all go to one
    place (a grid, one input): a key that moves the focus acts only when the keys before it have bubbled up,
    after the later keys have been handed to the old focus."""
    for key in keys:
        pilot.app.post_message(key_event(key))
    await pilot.pause()


async def palette_command(pilot, words: str) -> None:
    """Open the command palette, type ``words`` and run the command they find first, as a user does: the
    palette's search runs after the typing, so the keys wait for it before ``enter``."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.2)


async def press_until(pilot, key: str, condition) -> None:
    """Press ``key`` and let the app run until ``condition()`` holds (``until``): for a key pressed while the app
    is busy (autoplay, a decision in its thread). ``Pilot.press`` then waits for the process to go idle, which it
    does not while the agent plays: 1 s twice a key, the limit of Textual's wait."""
    pilot.app.post_message(key_event(key))
    await until(pilot, condition)


async def until(pilot, condition, tries: int = 400) -> None:
    """Let the app run (10 ms at a time, 4 s at most) until ``condition()`` holds: for work done in a thread."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)



def think_until(release: threading.Event, limit: float = 20.0) -> None:
    """Hold an agent's decision until ``release`` is set (``limit`` seconds at most), waiting rather than computing:
    Pilot's wait for idle after a key reads the process's CPU time, so a thread busy computing made every key wait
    its 1 s maximum twice (about 2 s a key, 20 s of CPU for the thinking tests). What the tests pin, where the
    decision runs and what becomes of it, does not depend on how the thread passes its time: a decision made on
    the event loop would hold the keys as long either way."""
    release.wait(limit)


async def resize(pilot, width: int, height: int) -> None:
    """``Pilot.resize_terminal``, then let the app run until the screen has taken the new size: Textual hands a
    resize to the screen from a timer 1/120 s later, which a loaded machine can run after the test's next pause
    (a check right after it then read the old layout)."""
    from textual.geometry import Size

    await pilot.resize_terminal(width, height)
    await until(pilot, lambda: pilot.app.screen.outer_size == Size(width, height))
