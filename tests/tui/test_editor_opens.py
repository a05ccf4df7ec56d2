"""The editor's opens field: typing key-door pairs writes the `; opens:` header and the live check plays under
them; a level read with a pairing shows it in the field."""

from __future__ import annotations

from editor_helpers import editor_app, settle


async def test_typing_a_pairing_makes_a_locked_level_solvable_and_writes_the_header(tmp_path):
    """`@aB.G` is unsolvable with matching doors; typing `aB` in the opens field solves it in 6 actions."""
    path = tmp_path / "paired.txt"
    path.write_text("; name: paired\n@aB.G\n", encoding="utf-8")
    app = editor_app(str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert "no goal can be reached" in app.editor.verdict.message
        app.editor.query_one("#field-opens").focus()
        await pilot.press("a", "B")
        await settle(pilot, app)
        assert app.editor.draft.opens == "aB" and "; opens: aB\n" in app.editor.draft.text()
        assert app.editor.verdict.ok and len(app.editor.verdict.plan) == 6


async def test_a_pairing_level_shows_its_pairs_in_the_field(tmp_path):
    """A copy of key_cycle opens with `aB bC cA` in the opens field and its 32-action plan."""
    app = editor_app("key_cycle")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert app.editor.query_one("#field-opens").value == "aB bC cA"
        assert app.editor.verdict.ok and len(app.editor.verdict.plan) == 32


def test_a_generated_level_name_opens_a_copy_of_that_layout(tmp_path, monkeypatch):
    """`procmem edit rooms4-16-s11-aC.bD.cB` opens the generated layout with its pairing (a copy, saved elsewhere),
    not a new empty level of that name."""
    from procmem_tui.commands.edit import open_draft
    from procmem_tui.world import format_level, load_level

    monkeypatch.chdir(tmp_path)
    draft, target, note = open_draft("rooms4-16-s11-aC.bD.cB", (9, 7))
    assert target is None and note.startswith("a copy of the generated") and draft.opens == "aC bD cB"
    assert draft.name == "rooms4-16-s11-aC.bD.cB_copy"
    grid = format_level(load_level("rooms4-16-s11-aC.bD.cB")).split("\n")[-17:]
    assert draft.text().split("\n")[-17:] == grid
