"""Snapshots (pytest-textual-snapshot): the main screen on classic, help, the too-small message, a skill's details
(the adaptive layout's snapshots, every layout level at every size, are taken in ``test_adaptive_layout``, by the
app that checks that layout).

Fixed seed, a fresh in-memory library, a fixed terminal size; toasts (Textual's and the game's own, which hides
itself on a timer) are cleared before the picture.
Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after checking the change by eye.
"""

from __future__ import annotations

from tui_helpers import SIZE, build_app, clear_toasts, plan_keys, type_keys


def test_main_screen_on_classic(snap_compare):
    """The main screen on classic after three moves looks as recorded."""
    assert snap_compare(build_app(), terminal_size=SIZE, press=["up", "up", "right"])


def test_help_screen(snap_compare):
    """The help screen looks as recorded."""
    assert snap_compare(build_app(), terminal_size=SIZE, press=["question_mark"])


def test_too_small_message(snap_compare):
    """maze at 80x20 shows the too-small message as recorded."""
    assert snap_compare(build_app("--level", "maze"), terminal_size=(80, 20))


def test_skill_details(snap_compare):
    """A skill's details after a win by keys look as recorded."""
    app = build_app()

    async def win_then_open_details(pilot):
        await type_keys(pilot, *plan_keys(app))
        await pilot.pause()
        clear_toasts(app)
        app.action_skills(app.main.query_one("#skills").order[-1])
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=win_then_open_details)
