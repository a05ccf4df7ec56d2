"""A replay says which visit to its level the episode was, as the game's episode panel said it while it was played
("episode 6 · 2nd here"), and the number alone where the panel did (one level so far, a family's new layouts, an
episode file from another library); it says when it was recorded as a person reads a time. It once said the
library-wide number alone, so a level's first episode after eight elsewhere read as the ninth there."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.cli import main as cli_main
from procmem_tui.memory.store import SkillStore
from procmem_tui.recording import load_episode_json, replay
from procmem_tui.session import LevelSource, Session
from procmem_tui.tui.app import ProcmemApp
from procmem_tui.tui.screens.replay import ReplayScreen, when
from procmem_tui.world import load_level


def _train(library, *args: str) -> None:
    assert cli_main(["train", *args, "--library", str(library), "--seed", "0", "--quiet"]) == 0


async def _replay_info(library, number: int | None = None, json_file=None) -> tuple[str, str]:
    """The replay's info panel for episode ``number`` of the library (or an episode file), opened as the app and
    ``procmem replay`` open it, and the game's episode panel under it."""
    store = SkillStore.open(library)
    session = Session(LevelSource.fixed(load_level("two_doors")), make_agent("procmem", library=store.load_library()),
                      store)
    app = ProcmemApp(session, store, agent_factory=make_agent)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            panel = app.main.query_one("#episode").render_line(1).text
            if json_file is not None:
                app.open_replay(replay(load_episode_json(json_file)), in_library=False)
            else:
                app.open_replay(replay(store.get_episode_by_number(number)))
            await pilot.pause()
            assert isinstance(app.screen, ReplayScreen)
            return str(app.screen.query_one("#replay-info").render()), panel
    finally:
        store.close()


async def test_a_replay_says_which_visit_to_its_level_the_episode_was(tmp_path):
    library = tmp_path / "lib.sqlite3"
    _train(library, "--level", "classic", "--episodes", "3")
    _train(library, "--level", "two_doors", "--episodes", "2")  # episodes 4 and 5: the 1st and 2nd there
    info, panel = await _replay_info(library, 5)
    assert "episode 6 · 3rd here" in panel  # the game, on two_doors, says the visit...
    assert info.startswith("episode 5 · 2nd here · two_doors")  # ...and so does its replay
    assert (await _replay_info(library, 4))[0].startswith("episode 4 · 1st here · two_doors")
    info, _ = await _replay_info(library, 2)  # classic's 2nd episode is the library's 2nd: the number says it all
    assert info.startswith("episode 2 · classic") and "here" not in info


async def test_a_family_episode_and_an_episode_file_say_the_number_alone(tmp_path):
    library = tmp_path / "lib.sqlite3"
    _train(library, "--level", "classic", "--episodes", "2")
    _train(library, "--family", "doorkey", "--size", "6", "--episodes", "1")  # a new layout every episode
    info, _ = await _replay_info(library, 3)
    assert info.startswith("episode 3 · ") and "here" not in info
    _train(library, "--level", "two_doors", "--episodes", "1")
    exported = tmp_path / "four.json"
    assert cli_main(["export", "4", "--json", str(exported), "--library", str(library)]) == 0
    other = tmp_path / "other.sqlite3"  # another library, where two_doors was played twice before
    _train(other, "--level", "two_doors", "--episodes", "2")
    info, _ = await _replay_info(other, json_file=exported)
    assert info.startswith("episode 4 · two_doors") and "here" not in info


def test_the_recorded_time_reads_as_a_time():
    assert when("2026-12-07T04:11:33+00:00") == "2026-12-07 04:11 UTC"
    assert when("2026-12-07T05:11:33+01:00") == "2026-12-07 04:11 UTC"
    assert when("2026-12-07T04:11:33") == "2026-12-07 04:11"
    assert when("yesterday") == "yesterday"
