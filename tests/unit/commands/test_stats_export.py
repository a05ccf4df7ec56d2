"""`procmem stats` and `procmem export` from the shell: output, files written, one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import cli_run


def procmem(*args, cwd=None):
    """The command through ``cli.main`` in this process (``cli_run``), as the shell runs it."""
    return cli_run.procmem(*args, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"}, cwd=cwd)


def test_stats_and_export_after_training(tmp_path, classic_trained):
    """After training (two episodes of classic, tests/unit/conftest.py), stats lists the level; export writes a
    cast and a JSON that replays."""
    library = str(tmp_path / "lib.sqlite3")
    shutil.copy(classic_trained / "lib.sqlite3", library)
    stats = procmem("stats", "--library", library)
    assert stats.returncode == 0 and "classic" in stats.stdout
    cast = tmp_path / "x.cast"
    done = procmem("export", "last", "--cast", str(cast), "--library", library)
    assert done.returncode == 0, done.stderr
    assert json.loads(cast.read_text().splitlines()[0])["version"] == 2
    out = tmp_path / "x.json"
    assert procmem("export", "1", "--json", str(out), "--library", library).returncode == 0
    assert json.loads(out.read_text())["format"] == "procmem-episode"


def test_missing_episode_and_unwritable_path_are_one_line_errors(tmp_path, classic_trained):
    """export with no episode recorded, export into a missing folder, stats of a level never played and stats
    --plot into a missing folder (or without matplotlib) are each one line, exit 1."""
    library = str(tmp_path / "lib.sqlite3")
    Path(library).touch()  # an empty library
    missing = procmem("export", "last", "--json", str(tmp_path / "a.json"), "--library", library)
    assert missing.returncode == 1 and "no episodes recorded yet" in missing.stderr
    assert "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    shutil.copy(classic_trained / "lib.sqlite3", library)  # trained on classic
    unwritable = procmem("export", "last", "--json", str(tmp_path / "nodir" / "a.json"), "--library", library)
    assert unwritable.returncode == 1 and "cannot write" in unwritable.stderr
    unknown = procmem("stats", "--level", "nowhere", "--library", library)
    assert unknown.returncode == 1 and "no recorded episodes" in unknown.stderr
    assert unknown.stdout == "", unknown.stdout  # refused before the library's line, not after it
    plot = procmem("stats", "--plot", str(tmp_path / "nodir" / "a.png"), "--library", library)
    assert plot.returncode == 1 and plot.stdout == "", plot.stdout  # refused before the table, not after it
    assert len(plot.stderr.strip().splitlines()) == 1 and plot.stderr.startswith("procmem stats: --plot ")


def test_export_refuses_to_overwrite_a_file_without_force(tmp_path, classic_trained):
    """export into a file that exists, as a cast or as JSON, is one line naming the file and --force, exit 1, the
    file untouched; with --force it is overwritten; a new name needs no --force."""
    library = str(tmp_path / "lib.sqlite3")
    shutil.copy(classic_trained / "lib.sqlite3", library)
    for flag in ("--cast", "--json"):
        out = tmp_path / f"mine{flag[2:]}.txt"
        out.write_text("precious\n")
        refused = procmem("export", "last", flag, str(out), "--library", library)
        assert refused.returncode == 1, refused.stderr
        assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
        assert str(out) in refused.stderr and "already exists" in refused.stderr and "--force" in refused.stderr
        assert out.read_text() == "precious\n" and refused.stdout == ""
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
        forced = procmem("export", "last", flag, str(out), "--force", "--library", library)
        assert forced.returncode == 0, forced.stderr
        assert out.read_text() != "precious\n" and out.read_text().startswith("{")


def test_keep_episodes_bounds_the_recorded_episodes_but_not_the_skills(tmp_path):
    """--keep-episodes 2 after 4 training episodes: the 2 newest episodes remain, every skill remains."""
    from procmem_tui.memory.store import SkillStore

    library = str(tmp_path / "lib.sqlite3")
    done = procmem("train", "--level", "classic", "--episodes", "4", "--library", library, "--keep-episodes", "2",
                   "--quiet")
    assert done.returncode == 0, done.stderr
    with SkillStore.open(library) as store:
        assert [row.episode for row in store.list_episodes()] == [4, 3]
        assert store.skill_count() > 0
    bad = procmem("train", "--level", "classic", "--library", library, "--keep-episodes", "0")
    assert bad.returncode == 2 and "--keep-episodes" in bad.stderr


def test_an_output_named_dash_is_stdout_for_export_and_skills_export(tmp_path, classic_trained):
    """``export --json -``, ``export --cast -`` and ``skills export -`` write to stdout, as ``train --json -``
    does, with their one-line note on stderr; they made a file named "-" in the working folder."""
    library = str(tmp_path / "lib.sqlite3")
    shutil.copy(classic_trained / "lib.sqlite3", library)
    work = tmp_path / "work"
    work.mkdir()
    episode = procmem("export", "last", "--json", "-", "--library", library, cwd=work)
    assert episode.returncode == 0, episode.stderr
    assert json.loads(episode.stdout)["format"] == "procmem-episode"
    assert episode.stderr.startswith("wrote episode ") and episode.stderr.rstrip().endswith("to stdout")
    cast = procmem("export", "last", "--cast", "-", "--library", library, cwd=work)
    assert cast.returncode == 0 and json.loads(cast.stdout.splitlines()[0])["version"] == 2
    skills = procmem("skills", "export", "-", "--library", library, cwd=work)
    assert skills.returncode == 0, skills.stderr
    assert json.loads(skills.stdout)["skills"] and "to stdout" in skills.stderr
    assert list(work.iterdir()) == []


def test_a_skill_never_run_is_not_tried_yet_not_zero_percent(tmp_path, classic_trained):
    """``skills list`` shows "—" in the success column of a skill never run, and ``skills show`` says "not tried
    yet" and "last used never", as the app does; they said "0% (0/0)" (read as every try failed) and "last used
    0"."""
    from procmem_tui.memory.store import SkillStore

    library = str(tmp_path / "lib.sqlite3")
    shutil.copy(classic_trained / "lib.sqlite3", library)
    with SkillStore.open(library, read_only=True) as store:
        skills = list(store.load_library())
    untried = [s for s in skills if not s.attempts and not s.last_used_episode]
    tried = [s for s in skills if s.attempts]
    assert untried and tried
    listed = procmem("skills", "list", "--library", library)
    assert listed.returncode == 0 and "(0/0)" not in listed.stdout
    row = next(line for line in listed.stdout.splitlines() if untried[0].id in line)
    assert row.rstrip(" │").endswith("—")
    shown = procmem("skills", "show", untried[0].id, "--library", library).stdout
    assert "success        not tried yet," in shown and "last used never" in shown
    shown = procmem("skills", "show", tried[0].id, "--library", library).stdout
    assert f"({tried[0].successes}/{tried[0].attempts})" in shown
