"""Every way a level file can be malformed gives a LevelError naming the source, line and column."""

from __future__ import annotations

import os

import pytest

from procmem_tui.world import MAX_LEVEL_BYTES, LevelError, load_level, parse_level

HEAD = "; name: bad\n; max_steps: 40\n"  # two header lines: the grid starts on line 3


def error_of(text: str, source: str = "bad.txt", **kwargs) -> LevelError:
    with pytest.raises(LevelError) as info:
        parse_level(text, source, **kwargs)
    return info.value


def where(err: LevelError) -> tuple[int, int]:
    return err.line, err.column


def test_error_text_reads_source_line_column_message():
    """str(LevelError) is 'source:line:column: message', the one line the CLI prints."""
    err = error_of(HEAD + "@.G\n.Z.\n")
    assert str(err) == f"bad.txt:4:2: {err.message}"
    assert err.source == "bad.txt"


def test_unknown_character_points_at_the_character():
    """An unknown character is reported at its own line and column, and named."""
    err = error_of(HEAD + "..#.G\n.X.A#\n..a.Z\n@....\n")
    assert where(err) == (5, 5)
    assert "'Z'" in err.message


def test_space_or_tab_in_the_grid_is_an_unknown_character():
    """A tab inside a row is an unknown character, shown with its code point."""
    err = error_of("@.\tG\n")
    assert where(err) == (1, 3)
    assert "U+0009" in err.message


def test_a_character_beyond_ascii_is_shown_with_its_code_point():
    """A full-width dot looks like '.', and a combining accent alone shows as nothing: beyond ASCII, the code
    point names the character too (they once read "unknown character '．'" and "unknown character '́'")."""
    assert "'．' (U+FF0E)" in error_of("@\uff0eG\n").message
    err = error_of("@a\u0301G\n")
    assert where(err) == (1, 3) and "(U+0301)" in err.message
    assert "unknown character 'Z';" in error_of("@ZG\n").message


def test_a_shorter_row_points_just_past_its_end():
    """A row narrower than the first is reported at the column where it ends too early."""
    err = error_of(HEAD + "@..G\n...\n....\n")
    assert where(err) == (4, 4)
    assert "3 cells wide" in err.message and "first row is 4" in err.message


def test_a_longer_row_points_at_its_first_extra_cell():
    """A row wider than the first is reported at its first cell beyond the first row's width."""
    err = error_of("@..G\n.....\n")
    assert where(err) == (2, 5)


def test_no_agent_start():
    """A grid without '@' is reported at the first grid line, column 1."""
    err = error_of(HEAD + "..G\n...\n")
    assert where(err) == (3, 1)
    assert "'@'" in err.message


def test_two_agent_starts_point_at_the_second():
    """A second '@' is reported at its own position, and the message names where the first one is."""
    err = error_of(HEAD + "@..\n..@\n..G\n")
    assert where(err) == (4, 3)
    assert "line 3, column 1" in err.message


def test_no_goal():
    """A grid without 'G' is reported at the first grid line, column 1."""
    err = error_of("; a comment\n@..\n...\n")
    assert where(err) == (2, 1)
    assert "'G'" in err.message


def test_unreachable_goal_points_at_the_start():
    """A goal the solver cannot reach is reported at the agent's start cell."""
    err = error_of(HEAD + "..#G\n.@#.\n..#.\n")
    assert where(err) == (4, 2)
    assert "no goal can be reached" in err.message


def test_goal_behind_a_door_without_its_key_is_unreachable():
    """A locked door whose key is absent makes the goal unreachable."""
    assert where(error_of("@.AG\n")) == (1, 1)


def test_unsolvable_levels_parse_when_solvability_is_not_checked():
    """check_solvable=False accepts an unreachable goal (generators and tests rely on it)."""
    level = parse_level("@#G\n", check_solvable=False)
    assert level.goals == {(2, 0)}


def test_max_steps_smaller_than_the_solution():
    """An explicit max_steps below the optimal length is reported at the start, naming both numbers."""
    err = error_of("; max_steps: 3\n..G\n...\n@..\n")
    assert where(err) == (4, 1)
    assert "max_steps is 3" in err.message and "needs 4 actions" in err.message


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("; max_steps: ten", 14),
        ("; max_steps: 0", 14),
        ("; max_steps: -5", 14),
        ("; max_steps: 2.5", 14),
        ("; max_steps:    7x", 17),
        (";max_steps:x", 12),
        ("; max_steps: \u00b2", 14),
        ("; max_steps:", 13),
    ],
)
def test_bad_max_steps_value_points_at_the_value(header, column):
    """A max_steps that is not a positive whole number (ASCII digits) is reported at the value's first column."""
    err = error_of(f"; name: x\n{header}\n@G\n")
    assert where(err) == (2, column)
    assert "max_steps must be a positive whole number" in err.message


def test_duplicate_header_points_at_the_second():
    """A header given twice is reported at its second line, naming the first."""
    err = error_of("; name: one\n; description: d\n; name: two\n@G\n")
    assert where(err) == (3, 1)
    assert "given twice" in err.message and "line 1" in err.message


def test_header_after_the_grid():
    """A ';' line after grid rows is reported at that line."""
    err = error_of("@.\n.G\n; max_steps: 9\n")
    assert where(err) == (3, 1)


def test_blank_line_inside_the_grid():
    """A blank (or whitespace-only) line between grid rows is reported at that line."""
    assert where(error_of(HEAD + "@.\n\n.G\n")) == (4, 1)
    assert where(error_of("@.\n   \n.G\n")) == (2, 1)


def test_trailing_blank_lines_after_the_grid_are_allowed():
    """Blank lines after the last row are not an error."""
    assert parse_level("@G\n\n\n").rows == ("@G",)


def test_blank_line_before_the_grid():
    """A blank line between the headers and the grid is reported (headers and comments start with ';')."""
    assert where(error_of("; name: x\n\n@G\n")) == (2, 1)


def test_empty_file():
    """An empty text, or one with only headers, has no grid: reported on its last line."""
    assert where(error_of("")) == (1, 1)
    err = error_of("; name: x\n; max_steps: 5\n")
    assert where(err) == (2, 1)
    assert "empty" in err.message


def test_too_wide_grid_points_at_the_first_cell_past_the_limit():
    """A row wider than 64 cells is reported at column 65."""
    err = error_of("@G" + "." * 63 + "\n")
    assert where(err) == (1, 65)
    assert "at most 64" in err.message


def test_too_tall_grid_points_at_the_first_row_past_the_limit():
    """A grid taller than 64 rows is reported at its 65th row."""
    err = error_of(HEAD + "@G\n" + "..\n" * 64)
    assert where(err) == (2 + 65, 1)
    assert "65 rows" in err.message


def test_largest_allowed_grid_parses():
    """A 64x64 grid is within the limits."""
    rows = ["@" + "." * 63] + ["." * 64] * 62 + ["." * 63 + "G"]
    level = parse_level("\n".join(rows) + "\n", check_solvable=False)
    assert (level.width, level.height) == (64, 64)


# --- files ----------------------------------------------------------------------------------------------


def load_error(path) -> LevelError:
    with pytest.raises(LevelError) as info:
        load_level(path)
    return info.value


def test_binary_file_points_at_the_nul_byte(tmp_path):
    """A file holding a NUL byte is refused as binary, at the NUL's line and (character) column."""
    path = tmp_path / "bin.txt"
    path.write_bytes("@.G\n\u00e9\u00e9\x00.\n".encode())
    err = load_error(path)
    assert where(err) == (2, 3)
    assert err.source == str(path) and "binary" in err.message


def test_non_utf8_file_points_at_the_bad_byte(tmp_path):
    """A file that is not UTF-8 is refused at the first undecodable byte, naming it."""
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"; name: x\n@.\n.\xff\n")
    err = load_error(path)
    assert where(err) == (3, 2)
    assert "0xff" in err.message


def test_missing_file_is_named(tmp_path):
    """A path that does not exist is refused with the path as source and no line (line 0: no place in a file),
    listing the built-in levels."""
    path = tmp_path / "nope.txt"
    err = load_error(path)
    assert (err.source, where(err)) == (str(path), (0, 0))
    assert "classic" in err.message


def test_unknown_builtin_name_is_refused():
    """A bare name that is neither a file nor a built-in level is a LevelError, not a crash."""
    assert "no such level" in load_error("no_such_level_name").message


def test_directory_is_refused(tmp_path):
    """A directory given as a level is refused at 1:1."""
    err = load_error(tmp_path)
    assert where(err) == (1, 1)
    assert "directory" in err.message


def test_file_errors_carry_the_path_as_source(tmp_path):
    """Errors inside a file name the file path as the source."""
    path = tmp_path / "lvl.txt"
    path.write_text("@.\n.Q\n")
    err = load_error(path)
    assert str(err).startswith(f"{path}:2:2: ")


# --- only regular files, never an unbounded read -----------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path):
    """A named pipe given as a level is refused at once (no writer is needed, nothing blocks)."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    err = load_error(fifo)
    assert where(err) == (1, 1) and "FIFO" in err.message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_and_symlinks_to_them_are_refused_before_reading(tmp_path, device):
    """/dev/zero, /dev/urandom and a symlink to either are refused as devices, without reading them."""
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing here")
    link = tmp_path / "level.txt"
    link.symlink_to(device)
    for path in (device, link):
        err = load_error(path)
        assert where(err) == (1, 1) and "a device, not a level file" in err.message


def test_a_symlink_to_a_directory_is_refused(tmp_path):
    """A symlink to a directory is refused like the directory itself."""
    link = tmp_path / "dir.txt"
    link.symlink_to(tmp_path)
    assert "directory" in load_error(link).message


def test_a_symlink_to_a_level_file_is_read(tmp_path):
    """A symlink to a regular level file loads that file."""
    target = tmp_path / "real.txt"
    target.write_text("@aAG\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert load_level(link).rows == ("@aAG",)


def test_a_broken_symlink_is_named_as_such(tmp_path):
    """A symlink whose target is gone is reported as a broken link."""
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    assert "broken symbolic link" in load_error(link).message


def test_a_file_over_the_size_cap_is_refused_by_its_size(tmp_path):
    """A file larger than MAX_LEVEL_BYTES is refused from its size, before parsing, naming the cap."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_LEVEL_BYTES + 1)  # sparse: all NUL bytes, which the parser would report otherwise
    err = load_error(path)
    assert where(err) == (1, 1) and f"at most {MAX_LEVEL_BYTES} bytes" in err.message


def test_a_file_at_the_size_cap_is_read(tmp_path):
    """A level padded with comments up to exactly MAX_LEVEL_BYTES is accepted."""
    grid = "@aAG\n"
    comment = "; " + "x" * (MAX_LEVEL_BYTES - len(grid) - 3) + "\n"
    path = tmp_path / "big.txt"
    path.write_text(comment + grid)
    assert path.stat().st_size == MAX_LEVEL_BYTES
    assert load_level(path).rows == ("@aAG",)


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_level_name_is_refused(name):
    """load_level('') is a clear LevelError, not a fallback to some default level."""
    err = load_error(name)
    assert "the level name is empty" in err.message


def test_long_comment_lines_are_read_in_linear_time(tmp_path):
    """A file near the size cap made of one comment line full of spaces loads (the header matcher does no
    backtracking over a whole line: such a line once took minutes)."""
    path = tmp_path / "spaces.txt"
    path.write_text("; a" + " " * (MAX_LEVEL_BYTES - 20) + "x\n@aAG\n")
    level = load_level(path)
    assert level.rows == ("@aAG",) and len(level.preamble) == 1


def test_a_missing_level_names_no_line_and_column():
    """``--level nosuch`` is not a place in a file: the message is "nosuch: no such level: …", not "nosuch:1:1:"."""
    error = load_error("nosuch")
    assert str(error).startswith("nosuch: no such level") and ":1:1" not in str(error)
