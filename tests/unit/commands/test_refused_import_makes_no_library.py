"""``procmem skills import`` where no library is there yet would make one. A file it refuses (not JSON, not an
export, a bad skill, a composite running a skill that is nowhere, a malformed knowledge section) is refused in one
line before anything is made: no library file, and no default library folder. Before, the library was made first
and the file checked after, so a refused import left an empty library behind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_run import procmem


def _env(home: Path) -> dict[str, str]:
    return {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state")}


def _export(classic_trained: Path) -> dict:
    return json.loads((classic_trained / "skills.json").read_text())


def _dangling(payload: dict) -> None:
    composite = next(s for s in payload["skills"] if s["kind"] == "composite")
    payload["skills"] = [{**{k: v for k, v in composite.items() if k != "id"}, "program": ["0123456789ab"]}]


BAD = {
    "not JSON": (lambda p: None, "{", "not valid JSON"),
    "not an export": (lambda p: p.update(format="something-else"), None, "not a procmem skills export"),
    "a bad skill": (lambda p: p["skills"][0].update(kind="spell"), None, "kind 'spell'"),
    "a composite running a skill that is nowhere": (_dangling, None, "neither in the file nor in the library"),
    "a malformed knowledge section": (lambda p: p.update(knowledge=[]), None, "must be an object"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("where", ["--library", "the default library"])
def test_a_refused_import_leaves_no_new_library(case, where, tmp_path, classic_trained):
    change, text, words = BAD[case]
    payload = _export(classic_trained)
    change(payload)
    bad = tmp_path / "bad.json"
    bad.write_text(text if text is not None else json.dumps(payload))
    library = ["--library", str(tmp_path / "lib.sqlite3")] if where == "--library" else []
    done = procmem("skills", "import", str(bad), *library, env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == "", done.stdout
    assert done.stderr.count("\n") == 1 and words in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_a_good_import_still_makes_the_library(tmp_path, classic_trained):
    """The same command with the export as written makes the library and imports every skill."""
    shutil.copy(classic_trained / "skills.json", tmp_path / "skills.json")
    done = procmem("skills", "import", str(tmp_path / "skills.json"), env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "procmem_tui" / "library.sqlite3").is_file()
    assert f"imported {len(_export(classic_trained)['skills'])} skills" in done.stdout
