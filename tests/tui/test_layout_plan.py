"""``plan_layout``, the one rule behind the main screen: the classic terminal plays every built-in level and
every generated layout up to 16x16 without scrolling; bigger windows never give smaller cells; nothing is ever
refused at 80x24 or more."""

from __future__ import annotations

import pytest

from procmem_tui.tui.layout import CELLS, MIN_SIZE, plan_layout, viewport_origin
from procmem_tui.world import builtin_level_names, load_level


@pytest.mark.parametrize("name", builtin_level_names())
def test_every_builtin_level_fits_80x24_whole(name):
    """Every built-in level fits whole at 80x24: not too small, no scrolling, the board beside the 46-column panels.
    Every built-in level fits whole at 80x24: not too small, no scrolling, the board beside the 46-column panels."""
    level = load_level(name)
    plan = plan_layout(MIN_SIZE, (level.width, level.height))
    assert not plan.too_small and not plan.scrolls
    assert plan.board[0] <= MIN_SIZE[0] - 46 and plan.board[1] <= MIN_SIZE[1] - 3


@pytest.mark.parametrize("level_size", [(5, 5), (19, 19), (21, 15), (24, 24), (64, 64)], ids=str)
@pytest.mark.parametrize("size", [(80, 24), (80, 30), (100, 24), (120, 40)], ids=str)
def test_the_event_log_never_folds_at_80x24_or_more(size, level_size):
    """The log is where the game talks (what a step did, what was learned): a maze-sized board as tall as the
    screen used to fold it at 80x24; now the skills table gives up a row for it. It keeps 3 lines at least."""
    plan = plan_layout(size, level_size)
    assert plan.log in ("left", "right")
    if plan.log == "right":
        assert plan.log_rows >= 5
    else:
        assert size[1] - 3 - plan.board[1] >= 5


def test_generated_layouts_up_to_16x16_fit_80x24_whole():
    """Generated layouts from 5x5 to 16x16 fit whole at 80x24."""
    for size in range(5, 17):
        plan = plan_layout(MIN_SIZE, (size, size))
        assert not plan.scrolls and plan.cell[0] >= 1


def test_bigger_windows_never_shrink_the_cells():
    """For every level size, a bigger window never gives smaller cells."""
    sizes = [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60), (240, 70)]
    for level in [(5, 5), (12, 7), (16, 16), (24, 16), (32, 32)]:
        order = [CELLS.index(plan_layout(s, level).cell) for s in sizes]
        assert order == sorted(order, reverse=True), (level, order)


def test_too_small_only_below_80x24_and_big_levels_scroll():
    """Only a window below 80x24 is too small; a 64x64 level at 80x24 scrolls in one-character cells beside the
    panels."""
    assert plan_layout((79, 40), (5, 5)).too_small and plan_layout((200, 23), (5, 5)).too_small
    plan = plan_layout((80, 24), (64, 64))
    assert not plan.too_small and plan.scrolls and plan.cell == (1, 1)
    assert plan.board[0] <= 80 - 46


def test_the_window_follows_the_player_inside_the_level():
    """The scrolling window keeps the player inside it, stays inside the level, and does not move while the player
    is inside its margin."""
    origin = (0, 0)
    for x in range(64):
        origin = viewport_origin((x, 10), (64, 64), (20, 10), origin)
        assert origin[0] <= x < origin[0] + 20 and 0 <= origin[0] <= 44
    assert origin[0] == 44
    assert viewport_origin((5, 5), (64, 64), (20, 10), (0, 0)) == (0, 0)  # no jump while inside the margin
