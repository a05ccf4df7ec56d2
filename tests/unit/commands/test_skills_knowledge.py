"""`procmem skills export`/`import` carry the agent's knowledge: an empty library that imports an export plays the
exporter's next episode action for action; a malformed knowledge section is refused and changes nothing."""

from __future__ import annotations

import json

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.cli import main
from procmem_tui.memory import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level


def _first_episode(library, level) -> list[str]:
    """A new agent on the library file plays one episode (recorded there, like any run)."""
    with SkillStore.open(library) as store:
        session = Session(LevelSource.fixed(level), make_agent("procmem", library=store.load_library()), store)
        return [t.action.value for t in session.run_episode().trajectory.transitions]


@pytest.mark.parametrize("train, level", [
    (["--level", "two_doors", "--episodes", "3"], load_level("two_doors")),
    (["--family", "doorkey", "--size", "8", "--episodes", "6"], generate("doorkey", 8, 77)),
], ids=["learned level", "unseen layout"])
def test_an_imported_export_plays_the_exporters_first_episode(tmp_path, train, level):
    """An empty library that imports an export plays the exporter's next episode action for action, on the learned
    level and on an unseen layout; the skills alone do not."""
    a, b, c = (str(tmp_path / f"{name}.sqlite3") for name in "abc")
    out = tmp_path / "skills.json"
    assert main(["train", *train, "--library", a, "--quiet"]) == 0
    assert main(["skills", "export", str(out), "--library", a]) == 0
    assert main(["skills", "import", str(out), "--library", b]) == 0
    skills_only = tmp_path / "skills_only.json"
    payload = json.loads(out.read_text())
    skills_only.write_text(json.dumps({k: v for k, v in payload.items() if k != "knowledge"}))
    assert main(["skills", "import", str(skills_only), "--library", c]) == 0

    expected = _first_episode(a, level)
    assert _first_episode(b, level) == expected
    assert _first_episode(c, level) != expected  # the skills alone are not the whole memory
    with SkillStore.open(a) as sa, SkillStore.open(b) as sb:
        assert sb.last_episode() >= payload["knowledge"]["last_episode"] > 0
        assert [s.id for s in sb.load_library()] == [s.id for s in sa.load_library()]


def test_importing_the_same_knowledge_twice_changes_nothing_the_second_time(tmp_path):
    """Merging keeps what the library knows and adds what it does not: a second import of one file is a no-op."""
    a, b = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    out = tmp_path / "skills.json"
    assert main(["train", "--level", "classic", "--episodes", "2", "--library", a, "--quiet"]) == 0
    assert main(["train", "--level", "two_doors", "--episodes", "2", "--library", b, "--quiet"]) == 0
    assert main(["skills", "export", str(out), "--library", a]) == 0
    assert main(["skills", "import", str(out), "--library", b]) == 0
    with SkillStore.open(b) as store:
        once = store.load_knowledge("procmem")
    assert len(once["maps"]) == 2  # both levels' maps: b's own and a's
    assert main(["skills", "import", str(out), "--library", b]) == 0
    with SkillStore.open(b) as store:
        assert store.load_knowledge("procmem") == once


@pytest.mark.parametrize("section, message", [
    ([], "knowledge section must be an object"),
    ({"agents": {"qlearning": {"version": 1}}}, "unknown agent 'qlearning'"),
    ({"agents": {"procmem": {"version": 1, "maps": [["f", [["x", 1]]]]}}}, "procmem agent's knowledge is malformed"),
    ({"agents": {"procmem": {"version": 99}}}, "newer than this procmem_tui reads"),
    ({"last_episode": -1}, "'last_episode' must be a whole number"),
    ({"skill_order": [1]}, "'skill_order' must be a list of skill ids"),
], ids=["not an object", "unknown agent", "bad maps", "newer", "negative episode", "bad order"])
def test_a_malformed_knowledge_section_is_refused_in_one_line_and_nothing_changes(tmp_path, capsys, section, message,
                                                                                classic_trained):
    """A malformed knowledge section in an import is refused in one line saying what is wrong, and the library gets
    no skill, no knowledge, no episode number."""
    b = str(tmp_path / "b.sqlite3")
    out = tmp_path / "skills.json"
    payload = json.loads((classic_trained / "skills.json").read_text())  # two episodes of classic, exported
    payload["knowledge"] = section
    out.write_text(json.dumps(payload))
    SkillStore.open(b).close()
    capsys.readouterr()
    assert main(["skills", "import", str(out), "--library", b]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    with SkillStore.open(b) as store:
        assert store.skill_count() == 0 and store.load_knowledge("procmem") is None and store.last_episode() == 0
