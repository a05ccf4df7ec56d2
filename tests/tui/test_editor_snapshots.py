"""Snapshots of the level editor: a copy of classic with its plan drawn at 80x24 (the smallest terminal), and
an invalid level with its error highlighted at 160x50. Update with ``--snapshot-update`` after looking."""

from __future__ import annotations

from editor_helpers import editor_app, settle


def test_editor_on_a_copy_of_classic_at_80x24(snap_compare):
    """The editor on a copy of classic, its plan drawn, at 80x24 looks as recorded."""
    app = editor_app("classic")

    async def ready(pilot):
        await settle(pilot, app)
        await pilot.press("right", "down")

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_editor_showing_an_error_at_160x50(snap_compare, tmp_path, monkeypatch):
    """The editor on a level whose start is walled in, the error highlighted, at 160x50 looks as recorded."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "boxed.txt").write_text("; name: boxed\n; description: the start is walled in\n"
                                        "@#......\n##..X...\n....a.AG\n........\n", encoding="utf-8")
    app = editor_app("boxed.txt")

    async def ready(pilot):
        await settle(pilot, app)

    assert snap_compare(app, terminal_size=(160, 50), run_before=ready)
