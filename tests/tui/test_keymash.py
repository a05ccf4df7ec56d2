"""2,000 seeded random keys and resizes; the world's invariants hold after every key and every step.

Keys go through Textual's binding resolution (the active screen's binding chain, keymap, modal screens) by
``App._check_bindings``, the same call a key event ends in; every 50th key goes the whole way through
``Pilot.press``. (``Pilot.press`` waits for the app to be idle after each key, ~60 ms, and autoplay keeps
it busy: 2,000 of them would take minutes.) Autoplay steps between keys are checked too (``_after_step``).
"""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from procmem_tui.tui.screens.main import MainScreen
from procmem_tui.tui.widgets.episode import EpisodePanel
from procmem_tui.tui.widgets.grid import GridView
from tui_helpers import SIZE, build_app, resize

GAME_KEYS = ["up", "down", "left", "right", "w", "a", "s", "d", "h", "j", "k", "l", "p", "o", "space", "n", "n",
             "plus", "minus", "r", "g", "escape"]
SCREEN_KEYS = ["m", "question_mark", "i"]  # open a screen (escape closes it): about one key in 30
KEYS = GAME_KEYS * 4 + SCREEN_KEYS + ["escape"] * 3
SIZES = [SIZE, (100, 30), (60, 15), (140, 45)]


def check_invariants(app) -> None:
    session = app.session
    level, state = session.level, session.state
    x, y = state.pos
    assert 0 <= x < level.width and 0 <= y < level.height
    assert state.pos not in level.walls and state.pos not in level.boxes
    assert state.pos not in level.doors or state.pos in state.opened, "the agent stands in a closed door"
    assert state.steps == len(session.transitions) <= level.max_steps
    assert session.total_reward == sum(t.reward for t in session.transitions) or abs(
        session.total_reward - sum(t.reward for t in session.transitions)) < 1e-9
    rows = app.main.query_one(GridView).rows
    assert rows[level.height - 1 - y][x] == "@", "the grid does not show the agent where it is"
    assert app.main.query_one(EpisodePanel).info.steps == state.steps




async def press(app, pilot, key: str, full: bool) -> None:
    if full:
        await pilot.press(key)
        return
    if not await app._check_bindings(key, priority=True):
        await app._check_bindings(key)
    # let the autoplay timer and queued messages (screens mounting) run between keys
    await asyncio.sleep(0.004 if key in SCREEN_KEYS or key == "escape" else 0)


@pytest.mark.slow  # ~15 s of CPU: benchmark-sized; `pytest -m slow` and .ci/run run it
async def test_two_thousand_random_keys_and_resizes_keep_the_world_consistent():
    """2,000 seeded random keys and resizes: after every key and every step the world's invariants hold, over more
    than 500 steps."""
    rng = np.random.default_rng(2024)
    app = build_app("--speed", "15", episode_pause=0.01)
    steps_checked = 0
    after_step = app._after_step

    def checked_after_step(report):
        nonlocal steps_checked
        after_step(report)
        check_invariants(app)
        steps_checked += 1

    app._after_step = checked_after_step
    async with app.run_test(size=SIZE) as pilot:
        for i in range(2000):
            if i % 250 == 125:
                await asyncio.wait_for(pilot.resize_terminal(*SIZES[int(rng.integers(len(SIZES)))]), 5)
            key = KEYS[int(rng.integers(len(KEYS)))]
            try:
                await asyncio.wait_for(press(app, pilot, key, full=i % 50 == 0), 5)
            except asyncio.TimeoutError:
                raise AssertionError(f"hang at {i} {key} {app.screen_stack} {app.focused}")
            check_invariants(app)
        await resize(pilot, *SIZE)
        while not isinstance(app.screen, MainScreen):
            await pilot.press("escape")
        await pilot.pause()
        assert not app.main.has_class("-too-small")
        check_invariants(app)
    assert steps_checked > 500
