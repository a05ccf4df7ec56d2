"""The sight header ``; view: N`` as a user meets it: parsed into ``Level.view``, written back exactly, refused with
its line and column when wrong, overridden by ``with_view`` and given to generators as ``view=``."""

from __future__ import annotations

import pytest

from procmem_tui.world import GridWorld, LevelError, format_level, generate, load_level, parse_level, with_view
from procmem_tui.world.level import MAX_VIEW


def test_no_view_header_means_the_whole_level_is_in_sight():
    """Absent header: ``view`` is None and an observation holds every cell (today's behaviour)."""
    level = load_level("classic")
    assert level.view is None
    assert GridWorld(level).observe(view=level.view).full_view


@pytest.mark.parametrize(("header", "view"), [("; view: 3", 3), ("; View: 12", 12), ("; view:0", 0), ("; view: all", None)])
def test_view_header_is_parsed(header, view):
    """A whole number is the radius (any header case); ``all`` says explicitly that everything is in sight."""
    assert parse_level(f"{header}\n@.G\n").view == view


def test_view_header_round_trips():
    """Formatting a parsed level with a view header gives back the same text."""
    text = "; name: foggy\n; view: 4\n; a comment\n@..\n.#G\n"
    level = parse_level(text, "foggy.txt")
    assert level.view == 4
    assert format_level(level) == text


@pytest.mark.parametrize("value", ["-1", "three", "3.5", str(MAX_VIEW + 1), "1000", ""])
def test_bad_view_is_an_error_at_its_value(value):
    """A value that is not a radius from 0 to MAX_VIEW (or all) names the header's line and the value's column."""
    with pytest.raises(LevelError) as info:
        parse_level(f"; name: x\n; view: {value}\n@.G\n", "bad.txt")
    error = info.value
    assert (error.source, error.line) == ("bad.txt", 2)
    assert error.column == len("; view: ") + 1
    assert "view must be a sight radius" in error.message


def test_view_header_given_twice_is_an_error():
    """A view header given twice is a LevelError."""
    with pytest.raises(LevelError, match="given twice"):
        parse_level("; view: 3\n; view: 4\n@.G\n")


def test_with_view_overrides_and_lifts_the_header():
    """``with_view`` rewrites only the view header: N sets it, None drops it; the text still parses the same."""
    level = parse_level("; name: x\n; view: 2\n; kept comment\n@..\n..G\n", "x.txt")
    wider = with_view(level, 5)
    assert wider.view == 5 and wider.rows == level.rows and "; kept comment" in wider.preamble
    assert parse_level(format_level(wider)).view == 5
    lifted = with_view(level, None)
    assert lifted.view is None and not any("view" in line for line in lifted.preamble)
    assert parse_level(format_level(lifted)).view is None
    assert with_view(level, 2) is level
    assert hash(wider) != hash(level)
    with pytest.raises(ValueError):
        with_view(level, -1)


def test_generators_take_view_without_changing_the_layout():
    """``view=`` is written as the header; the grid and name are the seed's, whatever the view."""
    plain = generate("rooms", 10, 7)
    foggy = generate("rooms", 10, 7, view=3)
    assert foggy.view == 3 and plain.view is None
    assert foggy.rows == plain.rows and foggy.name == plain.name
    assert parse_level(format_level(foggy)).view == 3
    assert generate("doorkey", 8, 1, view=2).view == 2
    for bad in (-1, MAX_VIEW + 1, 2.5, True, "3"):
        with pytest.raises(ValueError, match="view"):
            generate("doorkey", 8, 1, view=bad)
