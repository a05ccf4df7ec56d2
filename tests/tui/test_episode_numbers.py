"""One episode number everywhere: ``procmem train``'s output, ``procmem episodes list``, the replay's title, the
episode browser and the app's episode panel agree for every stored episode; the app starts at the number after
the last recorded one; opening a replay and closing it starts no episode and moves no counter."""

from __future__ import annotations

import re

from procmem_tui.cli import main as cli_main
from procmem_tui.cli import build_parser
from procmem_tui.commands import replay as replay_command
from procmem_tui.memory.store import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.agents import make_agent
from procmem_tui.tui.app import ProcmemApp
from procmem_tui.tui.screens.episodes import EpisodeBrowser
from procmem_tui.tui.screens.replay import ReplayScreen
from procmem_tui.world import load_level

SIZE = (120, 40)


def _train(library, capsys, episodes=4) -> list[int]:
    assert cli_main(["train", "--episodes", str(episodes), "--library", str(library), "--seed", "0"]) == 0
    return [int(n) for n in re.findall(r"^Episode (\d+):", capsys.readouterr().out, re.M)]


def _listed(library, capsys) -> list[int]:
    assert cli_main(["episodes", "list", "--library", str(library)]) == 0
    out = capsys.readouterr().out
    return sorted(int(m) for m in re.findall(r"^│\s+(\d+) │", out, re.M))


def test_train_then_list_then_train_again_counts_without_gaps(tmp_path, capsys):
    """Train prints 1..4, the list shows 1..4 (no row id beside it), a second train continues at 5."""
    library = tmp_path / "lib.sqlite"
    assert _train(library, capsys) == [1, 2, 3, 4]
    assert _listed(library, capsys) == [1, 2, 3, 4]
    assert _train(library, capsys, 2) == [5, 6]
    with SkillStore.open(library) as store:
        assert store.last_episode() == 6
        assert [store.get_episode_by_number(n).episode for n in range(1, 7)] == list(range(1, 7))


async def test_app_replay_and_browser_say_the_numbers_train_printed(tmp_path, capsys):
    """After train --episodes 4 the app's panel says episode 5; the browser lists 4..1; replaying 2 is titled
    episode 2 and names it in its panel; Esc comes back to episode 5 with the counter still at 4."""
    library = tmp_path / "lib.sqlite"
    _train(library, capsys)
    store = SkillStore.open(library)
    session = Session(LevelSource.fixed(load_level("classic")), make_agent("procmem", library=store.load_library()), store)
    app = ProcmemApp(session, store, agent_factory=make_agent)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.episode == 5
        assert "episode 5" in app.main.query_one("#episode").render_line(1).text
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EpisodeBrowser)
        table = app.screen.query_one("#episodes-table")
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == ["4", "3", "2", "1"]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.title == "replay: episode 2"
        assert "episode 2 ·" in str(app.screen.query_one("#replay-info").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.episode == 5 and store.last_episode() == 4


async def test_procmem_replay_opens_and_closes_without_moving_the_counter(tmp_path, capsys):
    """``procmem replay 3`` (as the command builds it): titled episode 3; Esc; the store's counter is unchanged
    and the game under it shows the next number, 5."""
    library = tmp_path / "lib.sqlite"
    _train(library, capsys)
    parser, _ = build_parser()
    args = parser.parse_args(["replay", "3", "--library", str(library)])
    rec, store = replay_command.load(args)
    session = Session(LevelSource.fixed(rec.level), make_agent("procmem", library=store.load_library()), store)
    app = ProcmemApp(session, store, agent_factory=make_agent, replay=rec)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.screen.title == "replay: episode 3"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.episode == 5
    with SkillStore.open(library) as again:
        assert again.last_episode() == 4


async def test_a_level_first_played_after_another_says_which_visit_it_is(tmp_path, capsys):
    """Numbers count on across a library's levels (they name episodes for replay and export), so after four
    episodes of classic and one of two_doors the panel says 'episode 6 · 2nd here' on two_doors, '1st here' on
    maze, '5th here' on classic, and `episodes list` says visit 1 for two_doors' episode 5; while a library
    has played one level, and on a family (a new layout every episode), the panel says the number alone. It once
    said 'episode 6' alone on a level never played, as if the agent had been there five times."""

    async def panel(library, name, size=(80, 24)) -> str:
        store = SkillStore.open(library)
        source = LevelSource.generated("rooms", 12) if name == "family" else LevelSource.fixed(load_level(name))
        session = Session(source, make_agent("procmem", library=store.load_library()), store)
        app = ProcmemApp(session, store, agent_factory=make_agent)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            text = app.main.query_one("#episode").render_line(1).text
        store.close()
        return text

    library = tmp_path / "lib.sqlite"
    _train(library, capsys)
    text = await panel(library, "classic", SIZE)
    assert "episode 5" in text and "here" not in text
    assert cli_main(["train", "--level", "two_doors", "--episodes", "1", "--library", str(library)]) == 0
    capsys.readouterr()
    assert cli_main(["episodes", "list", "--library", str(library)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"│\s+5 │ two_doors\s+│\s+1 │", out) and re.search(r"│\s+4 │ classic\s+│\s+4 │", out)
    for name, line in (("two_doors", "episode 6 · 2nd here"), ("maze", "episode 6 · 1st here"),
                       ("classic", "episode 6 · 5th here")):
        assert line in await panel(library, name)
    text = await panel(library, "family")  # a new layout every episode: '1st' each time, said by nothing
    assert "episode 6" in text and "here" not in text
