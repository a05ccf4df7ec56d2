"""The learning curves' y axes (``tui.ticks``): each label names the row it sits on, at round values, and a
constant series sits on a row labelled with its value; on screen at 80x24, 7 skills read "7" and optimal play
"1" (plotext labelled them "8.8" and "1.27")."""

from __future__ import annotations

import pytest
from tui_helpers import build_app, win_by_keys

from procmem_tui.tui.textual_private import screen_text
from procmem_tui.tui.ticks import label, round_step, row_axis


def _row_of(axis, value: float, rows: int) -> int:
    """The row (0 at the bottom) a value is drawn in, as a plot maps its y range onto its rows."""
    share = (value - axis.low) / (axis.high - axis.low)
    return min(rows - 1, int(share * rows))


@pytest.mark.parametrize("low, high, rows, integer", [
    (7, 7, 3, True), (7, 7, 12, True), (1, 7, 3, True), (0, 250, 30, True), (1, 2, 2, False), (1, 2.37, 3, False),
    (0, 1, 2, False), (0, 1, 10, False), (1, 3.4, 12, False), (0.0, 0.0, 3, False),
])
def test_every_label_names_the_middle_of_its_own_row_and_the_data_fits(low, high, rows, integer):
    """Every tick sits in the middle of its own row, the axis holds the data, the ticks cover it, and counts get
    whole-number ticks."""
    axis = row_axis(low, high, rows, integer=integer)
    height = (axis.high - axis.low) / rows
    for tick in axis.ticks:
        middle = axis.low + (_row_of(axis, tick, rows) + 0.5) * height
        assert tick == pytest.approx(middle)
    assert axis.low <= low and high <= axis.high
    assert axis.ticks[0] <= low + height / 2 and axis.ticks[-1] >= high - height / 2
    assert len({_row_of(axis, t, rows) for t in axis.ticks}) == len(axis.ticks)
    if integer:
        assert all(t == int(t) for t in axis.ticks)


def test_a_constant_series_sits_on_its_own_label():
    """A constant series has its value as a tick, on the row it is drawn on."""
    for rows in (2, 3, 10):
        axis = row_axis(7, 7, rows, integer=True)
        assert 7 in axis.ticks
        assert _row_of(axis, 7, rows) == _row_of(axis, 7.0, rows)


def test_labels_are_round():
    """Tick steps are round (1, 2, 2.5, 5 times a power of ten; whole for counts) and labels drop a needless .0 and
    show percents."""
    assert round_step(0.137) == 0.2 and round_step(2.3) == 2.5 and round_step(2.3, integer=True) == 5
    assert round_step(0.0) > 0
    assert row_axis(1, 2, 3).ticks == (1.0, 1.5, 2.0)
    assert label(0.5, percent=True) == "50%" and label(7.0) == "7" and label(2.4) == "2.4"


def _label_on_the_data_row(lines: list[str], title: str, left: bool) -> str:
    """The y label on the row where the plot under ``title`` draws its line (left or right panel)."""
    start = next(i for i, line in enumerate(lines) if title in line)
    for line in lines[start + 2:]:
        middle = len(line) // 2
        half = line[:middle] if left else line[middle - 3:]
        if any("\u2800" < ch <= "\u28ff" for ch in half):
            axis = next(i for i, ch in enumerate(half) if ch in "┤├")
            return half[:axis].split("│")[-1].strip()
    raise AssertionError(f"no data row under {title!r}")


async def test_at_80x24_the_curves_label_the_rows_their_lines_are_on(tmp_path, monkeypatch):
    """After two wins, the curves screen at 80x24 labels the data rows 1 (steps ÷ optimal), the number of skills,
    and 100% (success)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):
            await win_by_keys(app, pilot)
            await pilot.press("up")
        skills = len(app.session.agent.library)
        await pilot.press("c")
        await pilot.pause(0.1)
        lines = screen_text(app)
        assert _label_on_the_data_row(lines, "steps ÷ optimal", left=True) == "1"
        assert _label_on_the_data_row(lines, "skills in the library", left=True) == str(skills)
        assert _label_on_the_data_row(lines, "success rate", left=False) == "100%"
