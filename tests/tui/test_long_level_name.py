"""A level with a long name at 80x24 under fog (``rooms4-28-s507-any+consumed``): the episode panel still says the
episode number (it leaves out a seed there is none of, and if need be shortens the name in the middle), and the board's title,
with no room for the name, says 'sight 3' rather than ' · sight 3'. Both once lost: the panel cut the line at
'seed —  ep…' and the title began with an orphaned ' · ', or, from the second frame on, read 'sight 3 · sight 3'."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.session import LevelSource, Session
from procmem_tui.tui.app import ProcmemApp
from procmem_tui.world import load_level
from procmem_tui.world.level import with_view
from tui_helpers import resize

NAME = "rooms4-28-s507-any+consumed"


async def test_a_long_name_keeps_the_episode_number_and_a_clean_title():
    level = with_view(load_level(NAME), 3)
    session = Session(LevelSource.fixed(level), make_agent("procmem"), None)
    app = ProcmemApp(session, None, agent_factory=make_agent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.main.query_one("#episode")
        line = panel.render_line(1).text.rstrip()
        assert line.endswith("episode 1") and "seed" not in line
        assert len(line) <= panel.content_region.width
        title = str(app.main.query_one("#grid-box").border_title)
        assert title == "sight 3"
        await pilot.press("right")  # the next frame's title is the same (it grew to "sight 3 · sight 3")
        assert str(app.main.query_one("#grid-box").border_title) == "sight 3"
        await resize(pilot, 160, 50)
        await pilot.pause()
        line = panel.render_line(1).text
        assert f"level {NAME}  seed —  episode 1" in line
