"""``procmem bench --first``: procmem, qlearning and explorer side by side on levels they have never seen, each
layout played by a new agent with an empty library — episode 1's ratio (finding out) and the episodes to optimal
(remembering); with ``--view N`` under fog. And ``--levels`` shows episode 1's ratio per level and per agent."""

from __future__ import annotations

import json

import pytest

from procmem_tui.cli import main


@pytest.fixture(scope="module")
def first(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("bench") / "first.json"
    assert main(["bench", "--first", "--sizes", "6", "--eval", "3", "--train", "3", "--workers", "1",
                 "--json", str(out)]) == 0
    return json.loads(out.read_text())["results"]


def test_first_mode_compares_the_three_learners_by_default(first):
    """bench --first runs procmem, qlearning and explorer by default, each with episode 1's ratio per layout, worst
    at least the mean, at least 1."""
    assert [r["agent"] for r in first] == ["procmem", "qlearning", "explorer"]
    for r in first:
        assert r["mode"] == "first" and len(r["ep1_ratios"]) == 3 and r["ep1_worst"] >= r["ep1_mean"] >= 1.0


def test_memory_is_what_makes_episode_2_better_than_episode_1(first):
    """procmem and the explorer play episode 1 alike (nothing learned yet); procmem's episode 2 is optimal, the
    explorer (memory off) is no better in episode 2 than in episode 1 on average, and never reaches optimal."""
    procmem, _, explorer = first
    assert procmem["ep1_mean"] == explorer["ep1_mean"]
    assert procmem["ep2_mean"] == 1.0 and procmem["to_optimal_mean"] <= 2.0
    assert explorer["never_optimal"] >= 1


def test_first_mode_under_fog_and_its_usage_errors(tmp_path, capsys):
    """bench --first --view 2 records and prints the radius; --first with --demo is one usage error."""
    out = tmp_path / "fog.json"
    assert main(["bench", "--first", "--view", "2", "--agents", "procmem", "--sizes", "6", "--eval", "2",
                 "--train", "2", "--workers", "1", "--json", str(out)]) == 0
    (r,) = json.loads(out.read_text())["results"]
    assert r["view"] == 2 and r["ep1_mean"] >= 1.0
    assert "radius 2" in capsys.readouterr().out
    assert main(["bench", "--first", "--demo"]) == 1
    assert "choose one" in capsys.readouterr().err


def test_levels_mode_reports_episode_1_per_level_and_per_agent(tmp_path, capsys):
    """bench --levels gives each level's episode-1 ratio (steps ÷ optimal) and prints each agent's mean."""
    out = tmp_path / "levels.json"
    assert main(["bench", "--levels", "classic", "--agents", "procmem", "explorer", "--train", "2", "--workers", "1",
                 "--json", str(out)]) == 0
    results = json.loads(out.read_text())["results"]
    assert all(r["ep1_ratio"] == r["steps"][0] / r["optimal"] for r in results)
    printed = capsys.readouterr().out
    assert "procmem: episode 1 mean ratio" in printed and "explorer: episode 1 mean ratio" in printed
