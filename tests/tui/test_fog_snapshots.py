"""Snapshots of fog (pytest-textual-snapshot): the three looks (in sight, remembered, never seen) at 80x24 with
two-character cells and at 120x40 with 4x2 cells, in the high-contrast theme, the watcher's whole-level view and a
replay under fog (one-character cells: ``test_fog_looks_plain.py`` and the docs' picture, ``tests/docs``). Fixed
seed, a fresh library; update with ``--snapshot-update`` after looking at them."""

from __future__ import annotations

import pytest

from tui_helpers import SIZE, build_app, clear_toasts, type_keys, win_by_keys

WALK = ["right"] * 5 + ["up", "right", "right", "right"]


@pytest.mark.parametrize("size", [(80, 24), SIZE], ids=lambda s: f"{s[0]}x{s[1]}")
def test_fog_three_looks(snap_compare, size):
    """warehouse under fog after a walk, at 80x24 and 120x40, looks as recorded (in sight, remembered, never seen).
    warehouse under fog after a walk, at 80x24 and 120x40, looks as recorded (in sight, remembered, never seen)."""
    assert snap_compare(build_app("--level", "warehouse", "--view", "3"), terminal_size=size, press=WALK)


def test_fog_high_contrast(snap_compare):
    """The same walk in the high-contrast theme at 80x24 looks as recorded."""
    app = build_app("--level", "warehouse", "--view", "3")

    async def high_contrast(pilot):
        app.theme = "procmem-high-contrast"
        await type_keys(pilot, *WALK)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=high_contrast)


def test_fog_watcher_sees_the_whole_level(snap_compare):
    """v while the agent plays shows the whole level with its sight drawn over it, as recorded."""
    app = build_app("--level", "warehouse", "--view", "3", "--agent", "explorer")
    assert snap_compare(app, terminal_size=(80, 24), press=["n", "n", "n", "v"])


def test_fog_replay(snap_compare):
    """A replay under fog at step 12 shows that step's sight and memory, as recorded."""
    app = build_app("--level", "warehouse", "--view", "3")

    async def replay_at_step_12(pilot):
        from dataclasses import replace

        from procmem_tui.recording import replay

        await win_by_keys(app, pilot)
        row = replace(app.store.get_episode("last"), started_at="2026-01-01T00:00:00+00:00")
        clear_toasts(app)
        app.open_replay(replay(row))
        await pilot.pause()
        app.screen.go(12)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=replay_at_step_12)
