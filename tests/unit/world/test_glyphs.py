"""The three looks of a cell under fog are told apart by characters alone (a plain-text capture, NO_COLOR, a
monochrome terminal): in the glyph table every view draws from, at both cell widths, in its ASCII form (for a
terminal whose locale is not UTF-8), and in the text pictures of an exported cast."""

from __future__ import annotations

import pytest

from procmem_tui.world import GridWorld, parse_level
from procmem_tui.world import glyphs
from procmem_tui.world.glyphs import GLYPHS, IN_SIGHT, KINDS, REMEMBERED, UNKNOWN, cell_text, kind_of
from procmem_tui.world.text import FogMemory

# one code of every kind: floor, wall, box, goal, player, key a, locked door A, open door A
CODES = ".#XG@aA1"


def texts(look: str, wide: bool) -> dict[str, str]:
    return {code: cell_text(code, look, wide) for code in CODES if not (code == "@" and look == REMEMBERED)}


@pytest.fixture(params=["unicode", "ascii"])
def glyph_set(request):
    glyphs.use_ascii(request.param == "ascii")
    yield request.param
    glyphs.use_ascii(False)


@pytest.mark.parametrize("wide", [True, False], ids=["two columns", "one column"])
def test_no_cell_in_sight_looks_like_one_remembered_or_never_seen(wide, glyph_set):
    """Every kind has a different text in sight, remembered and never seen; more: no in-sight text of any kind
    is the remembered text of any kind, and no kind shares a text with another within a look, so one glance at
    a cell's characters says both its look and its kind. The player is always in sight (its own cell). The
    same holds in ASCII, where every glyph and every mark of a skill's next moves is ASCII."""
    in_sight, remembered = texts(IN_SIGHT, wide), texts(REMEMBERED, wide)
    never = cell_text(".", UNKNOWN, wide)
    assert not set(in_sight.values()) & set(remembered.values()), (in_sight, remembered)
    assert never not in set(in_sight.values()) | set(remembered.values())
    assert len(set(in_sight.values())) == len(in_sight) and len(set(remembered.values())) == len(remembered)
    assert all(len(text) == (2 if wide else 1) for text in [*in_sight.values(), *remembered.values(), never])
    assert {kind_of(code)[0] for code in CODES} == set(KINDS) == set(GLYPHS)
    if glyph_set == "ascii":
        marks = [glyphs.path_mark(m) for m in ("move_up", "move_down", "move_left", "move_right", "pickup_key")]
        assert all(t.isascii() for t in [*in_sight.values(), *remembered.values(), never, *marks])
        assert len(set(marks)) == 5 and not set(marks) & set("abcdef")  # a mark beside @ is never a key's letter


def test_two_column_cells_keep_the_letter_of_a_remembered_key_or_door():
    """Two columns hold the letter in every look but never seen (a remembered key a is not key b)."""
    for code in "aA1":
        assert cell_text(code, REMEMBERED)[1] == kind_of(code)[1]


def test_a_cast_draws_every_kind_in_three_looks_by_characters():
    """The text picture of an exported episode under fog: the cells seen before and now out of sight are drawn
    in characters no cell in sight uses (so a remembered box, goal, key or door is not taken for one in sight),
    and cells never seen are ``░``."""
    level = parse_level("; view: 1\n"
                        ".......\n"
                        ".......\n"
                        "XGaA#..\n"
                        "@......\n", "looks.txt", check_solvable=False)
    world = GridWorld(level)
    memory = FogMemory(level)
    everything = frozenset((x, y) for x in range(level.width) for y in range(level.height))
    in_sight_rows, _ = memory.look(world.state, everything)
    far = world.state._replace(pos=(6, 3))
    rows, looks = memory.look(far, frozenset({(6, 3)}))
    in_sight_chars = set("".join(in_sight_rows))
    remembered = [rows[2][x] for x in range(5)]
    assert looks[2][:5] == REMEMBERED * 5
    assert not set(remembered) & in_sight_chars, (remembered, in_sight_chars)
    assert remembered == [cell_text(code, REMEMBERED, wide=False) for code in "XGaA#"]
    fresh_rows, fresh_looks = FogMemory(level).look(far, frozenset({(6, 3)}))
    assert fresh_rows[2][:5] == "░" * 5 and fresh_looks[2][:5] == UNKNOWN * 5
