"""The main view is fed one immutable ``Frame`` a step (``tui.frame``): the app builds it from the session, the
view draws it and reads nothing else (it used to read the session back out of the app, and the app wrote into
the view's Why line)."""

from __future__ import annotations

import dataclasses

import pytest
from tui_helpers import build_app

from procmem_tui.tui.fog import UNKNOWN
from procmem_tui.tui.frame import Frame, Frames


class NoSession:
    """Stands in for the app's session: any read fails the test."""

    def __getattr__(self, name):
        raise AssertionError(f"the view read session.{name}")


async def test_the_view_draws_a_frame_without_reading_the_session():
    """The view draws a frame with no session behind the app: the grid shows the frame's fog codes."""
    app = build_app("--level", "two_doors", "--view", "2")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "right")
        frame = app.frame(None)
        session, app.session = app.session, NoSession()
        try:
            app.view.show(frame)
            app.view.new_layout(frame)
        finally:
            app.session = session
        await pilot.pause()
        assert app.main.query_one("#grid").rows == list(frame.fog.codes)
        assert app.view.frame is frame


async def test_a_frame_is_a_value_built_once_a_step():
    """One key builds exactly one frame, which the view shows; it is frozen and holds the step's state and fog."""
    app = build_app("--level", "two_doors", "--view", "2")
    async with app.run_test(size=(120, 40)) as pilot:
        made = []
        original = app.frames.make
        app.frames.make = lambda *a, **k: made.append(original(*a, **k)) or made[-1]
        await pilot.press("right")
        assert len(made) == 1 and app.view.frame is made[0]
        frame = made[0]
        with pytest.raises(dataclasses.FrozenInstanceError):
            frame.state = None
        assert frame.state is app.session.state and frame.episode.steps == 1
        assert UNKNOWN in "".join(frame.fog.looks)


def test_frames_name_only_seen_keys_and_doors_under_fog_and_everything_when_revealed():
    """Under fog a frame names no key or door not yet seen; revealed (the watcher's v) it names them all, but never
    while a person plays."""
    from procmem_tui.agents import make_agent
    from procmem_tui.session import LevelSource, Session
    from procmem_tui.world import load_level
    from procmem_tui.world.level import view_overridden

    level = view_overridden(load_level("two_doors"), 1)
    session = Session(LevelSource.fixed(level), make_agent("explorer"), None)
    frames = Frames()
    frame = frames.make(session, mode="MANUAL", speed=8, agent_name="explorer")
    assert isinstance(frame, Frame) and frame.fogged and frame.doors == () and frame.keys_lying == ()
    frames.reveal = True
    watched = frames.make(session, mode="AUTO", speed=8, agent_name="explorer")
    assert watched.reveal and not watched.fogged and len(watched.doors) == len(level.doors)
    assert frames.make(session, mode="MANUAL", speed=8, agent_name="explorer").fogged  # a person plays under fog
