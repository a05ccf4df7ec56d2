"""``procmem bench --json -``: the results go to standard output as JSON (for a pipe such as ``| jq``) and the table
to stderr, as ``train --json -`` does; no file named "-" is written in the working folder."""

from __future__ import annotations

import json

from procmem_tui.cli import main


def test_json_dash_is_standard_output(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["bench", "--agents", "planner", "--sizes", "6", "--train", "1", "--eval", "1",
                 "--workers", "1", "--json", "-"]) == 0
    out, err = capsys.readouterr()
    (row,) = json.loads(out)["results"]
    assert row["agent"] == "planner"
    assert "planner" in err and "runs on 1 worker" in err
    assert not (tmp_path / "-").exists()
