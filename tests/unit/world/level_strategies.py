"""Hypothesis strategies for the world tests: small random levels and random action sequences."""

from __future__ import annotations

from hypothesis import strategies as st

from procmem_tui.world import ACTIONS, Level, parse_level

# Repeats weight the draw: mostly floor, some walls, a few of everything else.
CELL_CHARS = ".....###XGaabbAABB"
# Door-heavy cells for solver checks: many doors, keys for them (some of a letter twice), few walls.
DOOR_CELLS = "....#XaabcABBC"


@st.composite
def level_texts(
    draw, max_width: int = 6, max_height: int = 5, with_limit: bool = True, cells: str = CELL_CHARS,
    with_rules: bool = True,
) -> str:
    """Level text with exactly one '@', at least one 'G', walls, boxes, keys a/b and doors A/B, under any rule
    variant (its headers in any order, or left out); maybe unsolvable."""
    width = draw(st.integers(1, max_width))
    height = draw(st.integers(1 if width > 1 else 2, max_height))
    n = width * height
    grid = draw(choices(cells, n, n))
    start = draw(st.integers(0, n - 1))
    goal = draw(st.integers(0, n - 2))
    goal += goal >= start
    grid[start], grid[goal] = "@", "G"
    rows = ["".join(grid[r * width:(r + 1) * width]) for r in range(height)]
    header = []
    if with_limit and draw(st.booleans()):
        header.append(f"; max_steps: {draw(st.integers(1, 40))}")
    if with_rules:
        header.extend(draw(rule_headers()))
    return "\n".join(header + rows) + "\n"


@st.composite
def pairings(draw, letters: str = "abc") -> list[str]:
    """A random key–door pairing over ``letters`` (``["aB", "cA"]``), as an ``opens:`` header lists it, in any
    order: any key may open several doors, any door several keys, and some doors none."""
    every = [k + d.upper() for k in letters for d in letters]
    return draw(st.lists(st.sampled_from(every), min_size=1, max_size=len(every), unique=True))


@st.composite
def rule_headers(draw) -> list[str]:
    """The ``doors``/``opens``/``keys`` header lines of a random variant: each left out or given, in any order
    (``doors:`` and ``opens:`` never both)."""
    lines = []
    doors = draw(st.sampled_from([None, "matching", "any", "opens"]))
    keys = draw(st.sampled_from([None, "kept", "consumed"]))
    if doors == "opens":
        lines.append("; opens: " + " ".join(draw(pairings())))
    elif doors:
        lines.append(f"; doors: {doors}")
    if keys:
        lines.append(f"; keys: {keys}")
    return draw(st.permutations(lines))


def random_levels(**kwargs) -> st.SearchStrategy[Level]:
    """Parsed random levels, solvable or not (``check_solvable=False``)."""
    return level_texts(**kwargs).map(lambda text: parse_level(text, "<random>", check_solvable=False))


def action_lists(max_size: int = 60) -> st.SearchStrategy[list]:
    return choices(ACTIONS, min(10, max_size), max_size)


def choices(options, min_size: int, max_size: int) -> st.SearchStrategy[list]:
    """A list of ``min_size`` to ``max_size`` items of ``options``, each about equally likely, drawn as one byte
    string: the same lists as ``st.lists(st.sampled_from(options), ...)``, shrinking the same way (shorter, then
    towards ``options[0]``), for a tenth of Hypothesis's work (one draw, not one per item: the world's property
    tests spent most of their time drawing 30 cells and 60 actions an example)."""
    return st.binary(min_size=min_size, max_size=max_size).map(
        lambda raw: [options[byte * len(options) >> 8] for byte in raw])


def held_keys() -> st.SearchStrategy[frozenset[str]]:
    """Keys to start an episode with (``GridWorld.reset(State(start, keys))``), so doors get opened often."""
    return st.frozensets(st.sampled_from("abc"))
