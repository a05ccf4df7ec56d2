"""``procmem train --json``: per episode, procmem's decisions by mode, its search expansions and what its world model
learned (``model_changes``: lines new or different after the episode); an episode that only repeats a known route
teaches nothing; an agent without a model has no such field."""

from __future__ import annotations

import json

from procmem_tui.cli import main


def _episodes(tmp_path, *argv) -> list[dict]:
    out = tmp_path / "train.json"
    assert main(["train", "--level", "classic", "--fresh", "--quiet", "--json", str(out), *argv]) == 0
    return json.loads(out.read_text())["episodes"]


def test_each_episode_says_how_it_decided_and_what_the_model_learned(tmp_path):
    """Episode 1 explores and learns what keys, doors and the goal do; episode 2 replays the route it found
    (planned) and learns nothing new."""
    first, second = _episodes(tmp_path, "--episodes", "2")
    assert first["decisions"]["explored"] > 0 and isinstance(first["search_expansions"], int)
    assert sum(second["decisions"].values()) > 0 and second["search_expansions"] >= 0
    learned = first["model_changes"]
    assert "pickup_key standing on a key: gone, key of its own letter gained, reward +1 (seen 1×, this level only)" in learned
    assert any(line.startswith("moving into a goal: moved in, episode ended, reward +10") for line in learned)
    assert second["steps"] == second["optimal_steps"] and second["model_changes"] == []


def test_an_agent_without_a_world_model_reports_no_model_changes(tmp_path):
    """qlearning keeps no model: its episodes have no model_changes (nor procmem's decision counts)."""
    (episode,) = _episodes(tmp_path, "--episodes", "1", "--agent", "qlearning")
    assert "model_changes" not in episode and "decisions" not in episode


def test_an_output_that_cannot_be_written_is_refused_before_any_episode(tmp_path, capsys):
    """``--json`` or ``--plot`` in a folder that does not exist (or naming a folder) ends in one line before training:
    nothing is played or recorded, so a long run never ends in "cannot write"."""
    library = tmp_path / "lib.sqlite3"
    for argv in (["--json", str(tmp_path / "missing" / "out.json")], ["--json", str(tmp_path)],
                 ["--plot", str(tmp_path / "missing" / "out.png")]):
        assert main(["train", "--level", "classic", "--library", str(library), "--quiet", *argv]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and err.startswith(f"procmem train: {argv[0]} ")
        assert not library.exists()
    assert main(["bench", "--agents", "explorer", "--train", "1", "--eval", "1", "--json",
                 str(tmp_path / "missing" / "bench.json")]) == 1
    assert "the folder" in capsys.readouterr().err


def test_json_dash_prints_the_json_on_stdout_and_the_lines_on_stderr(tmp_path):
    """``--json -`` is for a pipe (``| jq``): stdout is the JSON alone, with each episode's decisions, search
    expansions and model changes; the per-episode lines and the report go to stderr; no file named ``-`` is made
    (one was)."""
    import cli_run

    done = cli_run.procmem("train", "--level", "classic", "--episodes", "2", "--fresh", "--json", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    episodes = json.loads(done.stdout)["episodes"]
    assert [e["episode"] for e in episodes] == [1, 2]
    assert all({"decisions", "search_expansions", "model_changes"} <= set(e) for e in episodes)
    assert "Episode 1: Reward=" in done.stderr and "=== Library Statistics ===" in done.stderr
    assert not (tmp_path / "-").exists()
