"""Every LevelError a draft can produce is shown live in the editor, word for word what `procmem check` says
about the same file, with its cell (or header field) highlighted.

The table holds every error the parser raises about a level's content, the solver's budget included. A draft
cannot produce the file-level errors (binary or non-UTF-8 bytes, blank lines, a header after the grid
or given twice, no rows): it writes its own text.
"""

from __future__ import annotations

import pytest
from editor_helpers import editor_app, settle

from procmem_tui.cli import main
from procmem_tui.editing import Draft
from procmem_tui.world import LevelError, parse_level

# a field of doors around one key: more key/door combinations than the (lowered) solver budget
CROWDED = "\n".join(["@a" + "." * 18]
                    + ["".join("A" if (r * 7 + c * 3) % 11 == 0 else "." for c in range(20)) for r in range(1, 19)]
                    + ["." * 17 + "#BG"]) + "\n"

# (case, file text, highlighted cell (col, row) or header field)
CASES = [
    ("unknown character", "; name: t\n@.?G\n", (2, 0)),
    ("ragged row", "; name: t\n@..G\n..\n", (2, 1)),
    ("row too wide", "; name: t\n@G" + "." * 63 + "\n", (64, 0)),
    ("too many rows", "; name: t\n@G\n" + "..\n" * 64, (0, 64)),
    ("max_steps not a number", "; name: t\n; max_steps: soon\n@.G\n", "max_steps"),
    ("max_steps zero", "; name: t\n; max_steps: 0\n@.G\n", "max_steps"),
    ("no start", "; name: t\n...\n..G\n", (0, 0)),
    ("second start", "; name: t\n@.G\n.@.\n", (1, 1)),
    ("no goal", "; name: t\n@..\n...\n", (0, 0)),
    ("unreachable goal", "; name: t\n@#G\n##.\n", (0, 0)),
    ("max_steps below the optimum", "; name: t\n; max_steps: 2\n@...G\n", (0, 0)),
    ("unknown door rule", "; name: t\n; doors: sometimes\n@.G\n", "doors"),
    ("unknown key rule", "; name: t\n; keys: lost\n@.G\n", "keys"),
    ("view not a radius", "; name: t\n; view: far\n@.G\n", "view"),
    ("bad key-door pair", "; name: t\n; opens: aZ\n@.G\n", "opens"),
    ("opens beside doors: any", "; name: t\n; doors: any\n; opens: aB\n@.G\n", "opens"),
    ("too many keys", "; name: t\n@" + "abcdef" * 3 + "G\n", (17, 0)),
    ("solver budget", "; name: t\n" + CROWDED, (0, 0)),
]


def _problems(editor, check_line: str, spot) -> list[str]:
    """What differs from the expected display of one error: the message, the status, the spot, the look."""
    found = []
    if f"procmem check: {editor.verdict.message}" != check_line:
        found.append(f"message {editor.verdict.message!r}, procmem check says {check_line!r}")
    status = str(editor.query_one("#editor-status").render()).replace("\n", " ")
    if editor.verdict.error is None or editor.verdict.error.message[:30] not in status:
        found.append(f"status {status!r}")
    if isinstance(spot, tuple):
        if (editor.verdict.cell, editor.query_one("#editor-grid").error) != (spot, spot):
            found.append(f"cell {editor.verdict.cell}, grid marks {editor.query_one('#editor-grid').error}, not {spot}")
    elif editor.verdict.field != spot or not editor.query_one(f"#field-{spot}").has_class("-error"):
        found.append(f"field {editor.verdict.field!r} (marked: {editor.query_one(f'#field-{spot}').has_class('-error')})")
    if not editor.query_one("#editor-status").has_class("-invalid"):
        found.append("the editor's status is not marked invalid")
    return found


async def test_each_parser_error_shows_live_with_its_spot(tmp_path, capsys, monkeypatch):
    """One editor for every case (an app each took 0.7 s of CPU): it opens a file holding the first defect, and
    each next defect arrives as an edit of the draft, which the editor checks live as it checks a keystroke. Each
    shows `procmem check`'s line for the same file, word for word, the start of its message in the status, its
    cell or header field marked, and the status marked invalid; every case's findings are listed together."""
    from procmem_tui.world import solve

    monkeypatch.setattr(solve, "__kwdefaults__", {"budget": 20_000})  # the real budget takes seconds to reach
    path, check = tmp_path / "bad.txt", tmp_path / "check.txt"
    lines = {}
    for case, text, _ in CASES:
        saved = Draft.from_text(text).text()
        with pytest.raises(LevelError):
            parse_level(saved, str(path))
        check.write_text(saved, encoding="utf-8")
        assert main(["check", str(check)]) == 1
        lines[case] = capsys.readouterr().err.strip().replace(str(check), str(path))
    path.write_text(CASES[0][1], encoding="utf-8")
    found = {}
    app = editor_app(str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        for number, (case, text, spot) in enumerate(CASES):
            if number:
                app.editor.edit(Draft.from_text(text))
            await settle(pilot, app)
            if problems := _problems(app.editor, lines[case], spot):
                found[case] = problems
    assert not found, "\n".join(f"{case}: {'; '.join(problems)}" for case, problems in found.items())


async def test_fixing_the_error_clears_it_live(tmp_path):
    """Placing the missing goal clears the error at once: the level checks out with its plan and no cell is
    highlighted."""
    path = tmp_path / "fix.txt"
    path.write_text("; name: t\n@..\n...\n", encoding="utf-8")
    app = editor_app(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert "no goal" in app.editor.verdict.message
        await pilot.press("down", "right", "right", "G")
        await settle(pilot, app)
        assert app.editor.verdict.ok and len(app.editor.verdict.plan) == 3
        assert app.editor.query_one("#editor-grid").error is None


async def test_the_error_names_its_cell_as_the_cursor_does_and_the_file_keeps_line_and_column(tmp_path):
    """The status names the cell in the world's coordinates, (x, y) from 0 with y up, as the cursor and skill names
    do (it said 'cell 3,2', counted from 1 at the top left); the parser's message about the file keeps its line
    and column."""
    path = tmp_path / "ragged.txt"
    path.write_text("; name: t\n@..G\n..\n", encoding="utf-8")
    app = editor_app(str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        editor = app.editor
        status = str(editor.query_one("#editor-status").render())
        assert "(cell x 2, y 0)" in status
        assert f"{path}:3:3:" in status.replace("\n", "")
        editor.cursor = editor.verdict.cell
        await pilot.press("left", "right")
        await pilot.pause()
        assert "cursor x 2, y 0" in str(editor.query_one("#editor-grid-box").border_subtitle)
