"""``--view N|all`` on play, train, bench, edit and serve: it overrides the levels' ``; view:`` header (or lifts
it), reaches the session's observations, passes through ``serve`` to each tab, and a bad value is one line."""

from __future__ import annotations

import pytest

from procmem_tui.cli import build_parser, main
from procmem_tui.commands.common import level_source_from_args
from procmem_tui.commands.serve import play_argv


def parse(*argv):
    parser, _ = build_parser()
    return parser.parse_args(list(argv))


@pytest.mark.parametrize("verb", ["play", "train", "bench", "edit", "serve"])
def test_every_verb_takes_view(verb):
    """play, train, bench, edit and serve take --view N and --view all; without it the level's header decides."""
    extra = ["x.txt"] if verb == "edit" else []
    assert parse(verb, *extra, "--view", "3").view == 3
    assert parse(verb, *extra, "--view", "all").view == "all"
    assert parse(verb, *extra).view is None


def test_view_overrides_a_fixed_level_and_all_lifts_it(tmp_path):
    """A level file's ``; view: 2`` is replaced by ``--view 5``, lifted by ``--view all``, kept without the flag."""
    path = tmp_path / "foggy.txt"
    path.write_text("; name: foggy\n; view: 2\n@..\n..G\n", encoding="utf-8")
    views = {}
    for flag in ([], ["--view", "5"], ["--view", "all"]):
        source = level_source_from_args(parse("play", "--level", str(path), *flag))
        views[tuple(flag)] = source.level.view
    assert views == {(): 2, ("--view", "5"): 5, ("--view", "all"): None}


def test_view_reaches_generated_levels_and_several_levels():
    """--view reaches every generated layout and every one of several --level levels."""
    source = level_source_from_args(parse("train", "--family", "rooms", "--size", "10", "--view", "3"))
    assert source.level_for(0)[0].view == 3 and source.level_for(1)[0].view == 3
    several = level_source_from_args(parse("train", "--level", "classic", "--level", "maze", "--view", "4"))
    assert [level.view for level in several.levels] == [4, 4]


def test_the_session_observes_within_the_effective_view():
    """The session's observation holds only the cells in sight of the level's (overridden) radius."""
    from procmem_tui.agents import make_agent
    from procmem_tui.session import Session

    source = level_source_from_args(parse("play", "--level", "open_field", "--view", "2"))
    session = Session(source, make_agent("explorer", seed=0))
    assert session.view == 2
    seen = session.observation()
    assert not seen.full_view and session.state.pos in seen.cells
    assert all((x - seen.pos[0]) ** 2 + (y - seen.pos[1]) ** 2 <= 4 for x, y in seen.cells)
    lifted = Session(level_source_from_args(parse("play", "--level", "open_field", "--view", "all")),
                     make_agent("explorer", seed=0))
    assert lifted.view is None and lifted.observation().full_view


def test_serve_passes_view_to_each_tab():
    """serve passes --view on to the app it starts for each tab."""
    assert play_argv(parse("serve", "--view", "3")) == ["--view", "3"]
    assert play_argv(parse("serve", "--view", "all")) == ["--view", "all"]


@pytest.mark.parametrize("value", ["-1", "100", "near", ""])
def test_a_bad_view_is_one_line(value, capsys):
    """A negative, too large, non-numeric or empty --view is a usage error in one line that names the sight radius
    and --help."""
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--view", value])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "sight radius" in err and "--help" in err


def test_bench_tasks_carry_the_view():
    """bench's tasks carry the --view they were asked with."""
    from procmem_tui.commands.bench import _tasks

    tasks = _tasks(parse("bench", "--agents", "explorer", "--view", "3", "--train", "1", "--eval", "1"))
    assert [t.view for t in tasks] == [3]


def test_bench_under_fog_compares_procmem_qlearning_and_explorer_by_default():
    """``bench --view 3`` without --agents runs the three agents that act on what they see; --view all or no
    flag keeps every agent; the tasks' levels carry the radius."""
    from procmem_tui.bench import run_task
    from procmem_tui.commands.bench import DEFAULT_AGENTS, FOG_AGENTS, _tasks

    fog = _tasks(parse("bench", "--view", "3", "--train", "1", "--eval", "1"))
    assert [t.agent for t in fog] == list(FOG_AGENTS) == ["procmem", "qlearning", "explorer"]
    assert [t.agent for t in _tasks(parse("bench", "--view", "all"))] == list(DEFAULT_AGENTS)
    result = run_task(fog[2])
    assert result["view"] == 3 and result["mean_ratio"] >= 1.0
