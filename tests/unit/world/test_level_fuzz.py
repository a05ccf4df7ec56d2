"""Fuzzing the level reader: any bytes or text give a Level or a LevelError with a position, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from procmem_tui.world import Level, LevelError, format_level, parse_level
from procmem_tui.world.parse import decode_level_bytes

LINES = st.one_of(
    st.sampled_from([
        "; name: x", "; description: d", "; max_steps: 30", "; Max_Steps: 0", "; doors: any", "; DOORS: some",
        "; keys: consumed", "; keys: kept", "; keys:", "; note: hi", ";", "", "   ", "@G", "@aAG", "G@", "\r",
    ]),
    st.text(alphabet="#.@GXabfABF;:\t é\r", max_size=12),
)


def outcome(text: str) -> Level | LevelError:
    try:
        return parse_level(text, "fuzz.txt")
    except LevelError as err:
        return err


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=8).map("\n".join))
def test_any_level_like_text_gives_a_level_or_a_positioned_error(text):
    """Level-like text parses to a Level whose text round-trips, or to a LevelError inside the text's lines."""
    result = outcome(text)
    if isinstance(result, LevelError):
        assert result.source == "fuzz.txt" and result.column >= 1
        lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1  # CR alone ends a line too
        assert 1 <= result.line <= lines
    else:
        again = parse_level(format_level(result), "fuzz.txt")
        assert (again.rows, again.preamble, again.rules, again.max_steps) == (
            result.rows, result.preamble, result.rules, result.max_steps)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_level_or_a_level_error(data):
    """Arbitrary bytes (binary, bad UTF-8, anything) end in a Level or a LevelError, never another exception."""
    try:
        outcome(decode_level_bytes(data, "fuzz.bin"))
    except LevelError:
        pass
