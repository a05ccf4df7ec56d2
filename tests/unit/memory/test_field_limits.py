"""One limit per field, enforced where data enters (issue 19): every limit the store checks when it reads a row
back (``skill_check``, ``episode_check``) is at least what the entry points let in — level parsing, the editor,
the generators, skill imports, extraction and recording — and each entry point refuses (or shortens, saying so)
what would go past it. A library can therefore never hold a row it will refuse to read."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import numpy as np
import pytest

import cli_run
from procmem_tui.editing.check import check_draft
from procmem_tui.editing.draft import Draft
from procmem_tui.memory import episode_check, skill_check
from procmem_tui.memory.episodes import check_episode_row, episode_to_row
from procmem_tui.memory.extract import SHORT_NAMES
from procmem_tui.memory.skill import MOTOR, Skill, SkillVersion
from procmem_tui.memory.store import SkillStore, StoreError
from procmem_tui.memory.trajectory import Trajectory, Transition
from procmem_tui.world import FAMILIES, Action, GridWorld, LevelError, generate, parse_level
from procmem_tui.world import parse as level_parse
from procmem_tui.world.level import MAX_NAME, MAX_SIDE, MAX_STEP_LIMIT

ROOT = Path(__file__).resolve().parents[3]
GRID = "@.G\n"


def _level_text(name: str = "limits", extra: str = "") -> str:
    return f"; name: {name}\n{extra}{GRID}"


# -- the limits, derived from the read side ------------------------------------------------------------------


def test_a_level_name_at_its_limit_fits_every_stored_field_that_carries_it():
    """The longest motor skill name (a MAX_NAME level name, the longest prefix, the largest coordinates) and an
    episode's level name stay within the store's read limits."""
    level = parse_level(_level_text("n" * MAX_NAME) + "", check_solvable=False)
    longest = max(
        len(f"{what} from {MAX_SIDE - 1},{MAX_SIDE - 1} ({level.name})")
        for what in ("fetch key a", "open door A", "reach goal"))
    assert longest <= skill_check.MAX_TEXT
    assert MAX_NAME <= episode_check.MAX_TEXT


def test_level_text_and_step_limits_fit_the_episode_checks():
    """The longest level text the parser accepts, and the most actions an episode can take (its max_steps), are
    within what an episode row may hold."""
    assert level_parse.MAX_TEXT <= episode_check.MAX_LEVEL_TEXT
    assert MAX_STEP_LIMIT <= episode_check.MAX_STEPS


# -- each entry point, driven past each limit -------------------------------------------------------------


@pytest.mark.parametrize("text, words", [
    (_level_text("n" * (MAX_NAME + 1)), f"at most {MAX_NAME}"),
    (_level_text(extra=f"; max_steps: {MAX_STEP_LIMIT + 1}\n"), f"up to {MAX_STEP_LIMIT}"),
    (_level_text(extra=";" * (level_parse.MAX_TEXT + 1) + "\n"), "characters long"),
])
def test_level_parsing_refuses_past_each_limit(text, words):
    """A level whose name, max_steps or text is one past its limit is refused, the message naming the limit."""
    with pytest.raises(LevelError, match=words):
        parse_level(text)


def test_level_parsing_accepts_each_limit_exactly():
    """A name of exactly the longest length and max_steps of exactly the largest value parse."""
    level = parse_level(_level_text("n" * MAX_NAME, f"; max_steps: {MAX_STEP_LIMIT}\n"))
    assert len(level.name) == MAX_NAME and level.max_steps == MAX_STEP_LIMIT


def test_a_file_stem_name_is_shortened_to_the_limit():
    """A level named after a too-long file name is shortened to the longest name allowed."""
    level = parse_level(GRID, source=f"/levels/{'s' * (MAX_NAME + 50)}.txt")
    assert len(level.name) == MAX_NAME


def test_the_editor_refuses_a_name_past_the_limit_on_its_field():
    """The editor's check refuses a name one past the limit and points at the name field."""
    draft = Draft.from_text(_level_text()).with_field("name", "n" * (MAX_NAME + 1))
    verdict = check_draft(draft, "<editor>")
    assert not verdict.ok and verdict.field == "name" and f"at most {MAX_NAME}" in verdict.error.message


@pytest.mark.parametrize("family", FAMILIES)
def test_generated_names_fit(family):
    """A generated level's name fits the limit even at the largest size and seed."""
    level = generate(family, 32, 2**32 - 1)
    assert len(level.name) <= MAX_NAME


def _skill(name: str) -> Skill:
    program = ("move_right",)
    return Skill(name=name, kind=MOTOR, program=program, effect=("goal_reached",), preconditions=frozenset(),
                 embedding=np.zeros(0, dtype=np.float32), source="agent", versions=(SkillVersion(program, 0),))


def test_skill_names_made_here_are_shortened_to_fit():
    """A composite's chain of step names is cut to the limit with "…"; versions beyond the limit keep the first
    and the newest."""
    chain = " → ".join([SHORT_NAMES["key_picked"]] * 100)
    fitted = skill_check.fit_text(chain)
    assert len(fitted) == skill_check.MAX_TEXT and fitted.endswith("…")
    versions = tuple(SkillVersion(("move_up",) * (i + 1), i) for i in range(skill_check.MAX_ITEMS + 10))
    kept = skill_check.fit_versions(versions)
    assert len(kept) == skill_check.MAX_ITEMS and kept[0] == versions[0] and kept[-1] == versions[-1]


def test_the_store_never_writes_a_skill_it_would_refuse_to_read(tmp_path):
    """The last line of defence: a skill past a limit that reached ``save_library`` is refused before writing;
    the file still opens and holds what it held."""
    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as store:
        library = store.load_library()
        library.add(_skill("n" * (skill_check.MAX_TEXT + 1)), 0)
        with pytest.raises(StoreError, match="could not read back"):
            store.save_library(library)
    with SkillStore.open(path) as store:
        assert len(store.load_library()) == 0


def test_a_reason_past_its_limit_is_shortened_when_recorded():
    """A step's reason is an explanation, not data: one longer than the store reads is cut with "…"."""
    level = parse_level(_level_text())
    world = GridWorld(level)
    start = world.state
    step = world.step(Action.MOVE_RIGHT)
    long_reason = "r" * (episode_check.MAX_REASON + 5)
    t = Trajectory(level, start, (Transition(start, Action.MOVE_RIGHT, step.reward, step.state, step.events,
                                             reason=long_reason),), episode=1, agent="procmem")
    row = check_episode_row(episode_to_row(t, None, None, None))
    assert len(row.step_records[0].reason) == episode_check.MAX_REASON and row.step_records[0].reason.endswith("…")


# -- through the command (``cli.main``, as the shell runs it): the name at its limit trains and every verb still
# opens the library


def _procmem(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(home),
           "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data")}
    return cli_run.procmem(*args, env=env, cwd=home)


def test_a_level_name_at_the_limit_trains_and_the_library_stays_readable(tmp_path):
    """The issue's lock-out: a 278-character name trained, then every verb refused the library. Now a name at the
    limit trains and every reading verb works; one past it is refused at the level, in one line, before any
    write."""
    library = tmp_path / "lib.sqlite3"
    at_limit = tmp_path / "long.txt"
    at_limit.write_text(_level_text("n" * MAX_NAME), encoding="utf-8")
    done = _procmem("train", "--level", str(at_limit), "--episodes", "2", "--library", str(library), "--quiet",
                    home=tmp_path)
    assert done.returncode == 0, done.stderr
    for verb in (["skills", "list"], ["episodes", "list"], ["stats"], ["export", "last", "--json", "e.json"],
                 ["doctor"]):
        result = _procmem(*verb, "--library", str(library), home=tmp_path)
        assert result.returncode == 0 and result.stderr == "", (verb, result.stderr)
    past = tmp_path / "longer.txt"
    past.write_text(_level_text("n" * (MAX_NAME + 1)), encoding="utf-8")
    before = library.read_bytes()
    refused = _procmem("train", "--level", str(past), "--episodes", "1", "--library", str(library), home=tmp_path)
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1 and f"at most {MAX_NAME}" in refused.stderr
    assert library.read_bytes() == before


def test_an_import_past_a_limit_is_refused_in_one_line_and_the_library_is_intact(tmp_path, classic_trained):
    """A skills import with a name one past the limit is refused by a real process in one line naming the limit; the
    library's skills are unchanged."""
    library = tmp_path / "lib.sqlite3"
    library.write_bytes((classic_trained / "lib.sqlite3").read_bytes())
    exported = tmp_path / "skills.json"
    exported.write_bytes((classic_trained / "skills.json").read_bytes())  # the library's own export
    payload = json.loads(exported.read_text(encoding="utf-8"))
    payload["skills"][0]["name"] = "n" * (skill_check.MAX_TEXT + 1)
    exported.write_text(json.dumps(payload), encoding="utf-8")
    before = sqlite3.connect(library).execute("SELECT COUNT(*), SUM(attempts) FROM skills").fetchone()
    done = _procmem("skills", "import", str(exported), "--library", str(library), home=tmp_path)
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1, done.stderr
    assert f"at most {skill_check.MAX_TEXT}" in done.stderr and "Traceback" not in done.stderr
    assert sqlite3.connect(library).execute("SELECT COUNT(*), SUM(attempts) FROM skills").fetchone() == before
