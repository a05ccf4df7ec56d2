"""Every agent on levels of every rule variant: nothing raises, every episode ends within the level's step limit,
the Why line renders every decision, ``procmem knowledge`` (text and JSON) reads what was learned, and a recorded
episode round-trips through its JSON export into the same replay.

Levels: the generators' families and sizes under matching doors, any door, a random ``opens:`` pairing (some keys
opening several doors), keys kept or consumed, the whole level in sight or a sight radius of 1 to 5 (a
hypothesis sweep) and hand-written odd ones: the goal next to the start, no keys, a key for no
door, a door no key opens, a one-cell-wide corridor under fog, sight 0, every key spent. Both are benchmark-sized
(every agent, two episodes a level, the library on disk), so they run with ``pytest -m slow``; a goal no key can
reach is refused in every run."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_run import procmem
from procmem_tui.agents import AGENT_NAMES, make_agent
from procmem_tui.level_source import LevelSource
from procmem_tui.memory.store import SkillStore
from procmem_tui.recording import episode_from_json, episode_to_cast, episode_to_json, replay
from procmem_tui.session import Session
from procmem_tui.tui.widgets.why import WhyLine
from procmem_tui.world import parse_level
from procmem_tui.world.generate import generate
from procmem_tui.world.level import format_level

ODD_LEVELS = {
    "goal-beside-start": "@G\n",
    "no-keys": "@...\n.##.\n...G\n",
    "key-for-no-door": "@.a.\n.##.\n...G\n",
    "door-no-key-opens": "; opens: aA\n@a.B.G\n.####.\n......\n",
    "corridor-under-fog": "; view: 1\n@.a.A...G\n",
    "vertical-corridor": "; view: 2\n@\n.\na\n.\nA\n.\nG\n",
    "sight-0": "; view: 0\n@..a\n###A\nG...\n",
    "every-key-spent": "; doors: any\n; keys: consumed\nabcdef@\n#####A#\nG.....B\n",
    "two-keys-one-door-consumed": "; opens: aA bA\n; keys: consumed\n; view: 2\n@ab.B.\n.####A\n.....G\n",
}


def why_text(decision) -> str:
    """The Why line's text for ``decision``, as the app builds it (the widget, not drawn)."""
    line = WhyLine()
    line.update = lambda *args, **kwargs: None
    line.show_decision(decision)
    return line.text


def play_every_agent(level, folder: Path, episodes: int) -> None:
    """Each agent plays ``episodes`` episodes of ``level`` into a library of its own; the checks of the module's
    docstring on every step and episode."""
    level_file = folder / "level.txt"
    level_file.write_text(format_level(level))
    for name in AGENT_NAMES:
        library = folder / f"{name}.sqlite3"
        with SkillStore.open(library) as store:
            agent = make_agent(name, seed=0, library=store.load_library(seed=0) if name == "procmem" else None)
            session = Session(LevelSource.fixed(level), agent, store)
            for _ in range(episodes):
                while not session.done:
                    assert session.state.steps < level.max_steps, (name, level.name)
                    report = session.agent_step()
                    assert report is not None
                    assert why_text(session.last_decision).strip(), (name, level.name)
                summary = session.finished
                assert summary is not None and summary.steps <= level.max_steps, (name, level.name)
                session.next_episode()
            row = store.get_episode(store.list_episodes(limit=1)[0].id)
        again = episode_from_json(episode_to_json(row))
        first, second = replay(row), replay(again)
        assert first.states == second.states and first.steps == second.steps, (name, level.name)
        assert len(first) == row.steps and first.ok, (name, level.name)
        assert episode_to_cast(second)
        if name == "procmem":
            for args in (["knowledge"], ["knowledge", "--json"], ["knowledge", "--level", str(level_file)]):
                result = procmem(*args, "--library", str(library))
                assert result.returncode == 0 and result.stderr == "", (level.name, args, result.stderr)
            assert json.loads(procmem("knowledge", "--json", "--library", str(library)).stdout)["lines"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ODD_LEVELS))
def test_every_agent_plays_odd_levels(name, tmp_path):
    """The hand-written odd levels: two episodes of every agent each, with the module's checks."""
    play_every_agent(parse_level(f"; name: odd-{name}\n" + ODD_LEVELS[name], source=name), tmp_path, episodes=2)


def test_an_odd_level_that_cannot_be_won_is_refused_in_one_line(tmp_path):
    """A goal no key can reach (its only door opened by no key) is refused by ``check`` and ``play`` alike, at the
    start's line and column, without a traceback."""
    level = tmp_path / "walled.txt"
    level.write_text("; opens: bA\n@a#A.G\n...#..\n.b.#..\n...#..\n")
    for args in (["check", str(level)], ["train", "--level", str(level), "--episodes", "1", "--fresh"]):
        result = procmem(*args)
        assert result.returncode == 1 and "Traceback" not in result.stderr, args
        assert "walled.txt:2:1: no goal can be reached" in result.stderr, result.stderr


@st.composite
def variant_levels(draw):
    """A generated level: either family at a size it allows, under a random rule variant and sight."""
    family = draw(st.sampled_from(["doorkey", "rooms"]))
    options: dict = {}
    if family == "rooms":
        rooms = draw(st.integers(2, 6))
        options["rooms"] = rooms
        options["distractors"] = draw(st.integers(0, 6 - (rooms - 1)))
        size = draw(st.integers(3 * rooms - 1, 3 * rooms + 5))
    else:
        options["boxes"] = draw(st.integers(0, 6))
        size = draw(st.integers(5, 12))
    doors = draw(st.sampled_from(["matching", "any", "opens"]))
    if doors == "opens":
        order = draw(st.permutations("ABCDEF"))
        pairs = {k + d for k, d in zip("abcdef", order)}
        pairs |= set(draw(st.lists(st.sampled_from([k + d for k in "abcdef" for d in "ABCDEF"]), max_size=2)))
        options["opens"] = " ".join(sorted(pairs))
    elif doors == "any":
        options["doors"] = "any"
    if draw(st.booleans()):
        options["keys"] = "consumed"
    options["view"] = draw(st.sampled_from([None, 1, 2, 3, 4, 5]))
    return generate(family, size, draw(st.integers(0, 10_000)), **options)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(level=variant_levels())
def test_every_agent_plays_every_rule_variant(level):
    """Generated levels over every rule variant and sight radius: two episodes of every agent each, with the
    module's checks."""
    with tempfile.TemporaryDirectory() as folder:
        play_every_agent(level, Path(folder), episodes=2)
