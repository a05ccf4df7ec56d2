"""Draft: the editor's level value — typed edits, a second start moving the first, resizing at every edge,
and text that round-trips every built-in level exactly."""

from __future__ import annotations

import pytest

from procmem_tui.editing import Draft
from procmem_tui.world import builtin_level_names, format_level, load_level, parse_level


@pytest.mark.parametrize("name", builtin_level_names())
def test_every_built_in_level_round_trips_through_a_draft(name):
    """Every built-in level's text comes back unchanged through a draft."""
    text = format_level(load_level(name))
    assert Draft.from_text(text).text() == text


def test_a_new_draft_is_all_floor_of_the_size_asked():
    """A new draft is all floor, of the width and height asked."""
    draft = Draft.empty(9, 7)
    assert draft.rows == ("." * 9,) * 7 and (draft.width, draft.height) == (9, 7)


def test_a_second_start_moves_the_start():
    """Placing a second @ moves the start: the old cell becomes floor."""
    draft = Draft.empty(5, 5).place((0, 4), "@").place((3, 1), "@")
    assert draft.start_cells() == [(3, 1)]
    assert draft.rows[4] == "....."


def test_placing_outside_the_grid_changes_nothing_and_a_bad_character_is_refused():
    """A cell outside the grid leaves the draft as it is; a character that is no cell is refused."""
    draft = Draft.empty(5, 5)
    assert draft.place((5, 0), "#") is draft
    with pytest.raises(ValueError):
        draft.place((0, 0), "?")


@pytest.mark.parametrize("edge, rows", [
    ("top", ("...", "@.G", "...")), ("bottom", ("@.G", "...", "...")),
    ("left", (".@.G", "....")), ("right", ("@.G.", "....")),
])
def test_rows_and_columns_are_added_at_each_edge(edge, rows):
    """A row or column is added at the edge asked (top, bottom, left, right) and removing it gives the draft back.
    A row or column is added at the edge asked (top, bottom, left, right) and removing it gives the draft back."""
    draft = Draft(rows=("@.G", "..."))
    assert draft.resize_edge(edge, True).rows == rows
    assert draft.resize_edge(edge, True).resize_edge(edge, False).rows == draft.rows


def test_sides_stay_between_1_and_64():
    """Resizing never takes a side below 1 or above 64."""
    assert Draft(rows=("@",)).resize_edge("top", False).rows == ("@",)
    wide = Draft.empty(64, 64)
    assert wide.resize_edge("right", True) is wide and wide.resize_edge("bottom", True) is wide


def test_headers_are_written_canonically_and_parse_back():
    """Name, description and max_steps are written as canonical headers (trimmed, in order) and parse back to the
    same values."""
    draft = Draft.from_text("@.G\n").with_field("name", " mine ").with_field("description", "a test")
    draft = draft.with_field("max_steps", "7")
    assert draft.text() == "; name: mine\n; description: a test\n; max_steps: 7\n@.G\n"
    level = parse_level(draft.text())
    assert (level.name, level.description, level.max_steps) == ("mine", "a test", 7)


def test_the_view_header_is_a_field():
    """The editor's view field writes ``; view: N`` (empty: no header, the whole level in sight) and reads it."""
    draft = Draft.from_text("; name: mine\n@.G\n").with_field("view", " 3 ")
    assert draft.text() == "; name: mine\n; view: 3\n@.G\n"
    assert parse_level(draft.text()).view == 3
    assert Draft.from_text(draft.text()).view == "3"
    assert draft.with_field("view", "").text() == "; name: mine\n@.G\n"


def test_non_default_rules_are_written_as_headers():
    """Rules other than the defaults are written as headers; the default rules write none."""
    draft = Draft.from_text("@.G\n").with_field("doors", "any").with_field("keys", "consumed")
    assert "; doors: any\n; keys: consumed\n" in draft.text()
    assert "doors" not in Draft.from_text("@.G\n").text()


def test_a_broken_file_opens_as_it_is():
    """Ragged rows, unknown characters and comments stay, so the editor can show and fix them."""
    draft = Draft.from_text("; a comment\n@.?G\n..\n")
    assert draft.rows == ("@.?G", "..") and draft.comments == ("; a comment",)
    assert draft.char_at((3, 1)) is None and draft.width == 4
    assert draft.place((3, 1), "#").rows[1] == "...#"
