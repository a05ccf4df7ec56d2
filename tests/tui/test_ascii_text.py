"""The whole app in ASCII where the terminal's locale is not UTF-8 (``tui/symbols.py``, ``tui/ascii_look.py``): tmux
draws every character beyond ASCII as "_" for such a terminal, except the light and heavy lines and the middle dot
(which it draws with its line-drawing set). Pure functions and an app object never started: no app start here."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.css.stylesheet import Stylesheet
from textual.scrollbar import ScrollBar, ScrollBarRender

import procmem_tui.tui as tui
from procmem_tui.tui import symbols
from procmem_tui.tui.ascii_look import AsciiLook, AsciiScrollBarRender, ascii_content
from procmem_tui.world import glyphs

TMUX_DRAWS = set("·─━│┌┐└┘├┤┃")  # drawn for such a terminal with tmux's line-drawing set (not ┬, not round corners)
NEVER_IN_ASCII = {"⌘": "the too-small text of a browser (which draws Unicode)",
                  "▒": "the editor's cursor on the Unicode wall ██ (its ASCII wall ## shows the highlight)",
                  "≥": "an assertion's message"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.fixture
def ascii_app():
    glyphs.use_ascii(True)
    try:
        yield
    finally:
        glyphs.use_ascii(False)


class _App(AsciiLook, App):
    CSS_PATH = str(Path(tui.__file__).with_name("app.tcss"))


def test_every_symbol_has_an_ascii_form_as_wide():
    """Text fitted to a column in Unicode stays fitted in ASCII (the ellipsis "~", not "...")."""
    for name, (unicode, ascii) in symbols.SYMBOLS.items():
        if name == "plot-marker":  # plotext's names of markers, not glyphs
            continue
        assert ascii.isascii() and _width(ascii) == _width(unicode), name


def test_ascii_text_translates_only_where_the_app_draws_in_ascii(ascii_app):
    name = "fetch key → open door → …"
    assert symbols.ascii_text(name) == "fetch key > open door > ~"
    glyphs.use_ascii(False)
    assert symbols.ascii_text(name) == name


def _drawn_strings(path: Path):
    """The string constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_every_glyph_the_app_draws_has_a_home_with_an_ascii_form():
    """A character beyond ASCII in the app's drawing code (tui/) is one tmux draws, or one of ``symbols``' table
    (which ``sym`` or ``ascii_text`` turns into ASCII); the board's own glyphs live in ``world/glyphs``. Fails on
    the code before the table: the skills table's ▶ ✦, the timeline's ⌐ □ ★ ▲, the ellipsis, the charts' blocks."""
    known = TMUX_DRAWS | set(NEVER_IN_ASCII) | {c for unicode, _ in symbols.SYMBOLS.values() for c in unicode}
    stray = []
    for path in sorted(Path(tui.__file__).parent.rglob("*.py")):
        if path.name == "symbols.py":
            continue
        for line, text in _drawn_strings(path):
            stray += [f"{path.name}:{line} {c!r}" for c in text if not c.isascii() and c not in known]
    assert not stray, stray


def test_the_pieces_of_text_are_ascii(ascii_app):
    """The footer's keys, the header's title, the skills table's marks, the charts, short names, the Why line's
    end, the help, the too-small message: ASCII (the old code drew ↑↓←→, —, ▶, ✦, ▁, …)."""
    from procmem_tui.tui.screens.help import REPLAY_KEYS, intro
    from procmem_tui.tui.screens.main import too_small_text
    from procmem_tui.tui.short_names import fitting, shorten
    from procmem_tui.tui.widgets.charts import bars
    from procmem_tui.tui.widgets.skills import SkillsTable
    from procmem_tui.tui.widgets.why import fit_lines

    app = _App()
    keys = "".join(app.get_key_display(Binding(key, "x")) for key in ("up", "down", "left", "right", "enter"))
    assert keys == "^v<>enter"
    assert app.format_title("procmem", "classic · agent procmem").plain == "procmem - classic · agent procmem"
    marks = [SkillsTable._mark("s", "s", (3, 7), set())[0], SkillsTable._mark("s", None, None, {"s"})[0]]
    assert marks == [">3/7", "* new"]
    texts = [bars([1, 8, 16], ["", "", ""]).plain, shorten("fetch key → open door → reach goal", 20),
             fitting(12, "two locked rooms in a row"), fit_lines(Content("word " * 40), 20, 2)[0].plain,
             intro(), symbols.ascii_text(REPLAY_KEYS), too_small_text((70, 20))]
    for text in texts:
        assert all(c.isascii() or c in TMUX_DRAWS for c in text), text


def test_ascii_content_keeps_the_styles_in_place(ascii_app):
    content = Content.assemble(("fetch key → open", "bold"), " door …")
    shown = ascii_content(content)
    assert shown.plain == "fetch key > open door ~" and shown.spans == content.spans


def test_textuals_own_parts_follow_the_switch():
    """In ASCII: the panels' edge is square (tmux draws round corners as "_"), Textual's widgets get
    ``ascii.tcss`` (their half-block edges as lines), and the scroll bars no eighth blocks; in Unicode, as before.
    Both stylesheets parse with the app's variables (no app start)."""
    for ascii_only in (True, False):
        glyphs.use_ascii(ascii_only)
        try:
            app = _App()
            assert app.get_theme_variable_defaults()["panel-edge"] == ("solid" if ascii_only else "round")
            assert [Path(p).name for p in app.css_path] == (["app.tcss", "ascii.tcss"] if ascii_only else ["app.tcss"])
            assert ScrollBar.renderer is (AsciiScrollBarRender if ascii_only else ScrollBarRender)
            sheet = Stylesheet(variables=app.get_css_variables())
            sheet.read_all(app.css_path)
            sheet.parse()
        finally:
            glyphs.use_ascii(False)
    ScrollBar.renderer = ScrollBarRender
