"""Finding words a person sees cut on the screen: by a widget's edge, by an ellipsis, or below a one-line box.

The check reads the screen's text as a screenshot shows it (``textual_private.screen_text``), keeps only what
the current screen's own widgets cover (a dialog is not blamed for the screen it dims) and reports:

- an **ellipsis inside a word** (``fro…``, ``tryin…``): a letter right before ``…``, unless the code writes that
  word with its ellipsis on purpose (``solving…``, ``new level…``: collected from the package's source);
- a **word cut by an edge**: letters that run into a frame (a border, a separator, the screen's last column), or
  stop one space before a frame while the widget under them holds those letters only as the start of a longer
  word (``pat │`` where the label says ``path``). A word that ends there whole (the widget's text has it as a
  word) is fine, and so is a word folded onto the next line (a long path: its rest starts that line);
- a **text hidden below**: a non-scrolling text widget whose content needs more lines than it is tall;
- a **text cut at the side**: a text widget wider than the part of it its container shows (a one-line label in a
  row: the empty skills screen's sentence ran past the dialog's edge at 80x24, ending on a whole word).

Boards (``GridView``, ``EditGrid``) draw glyphs, not words, and text inputs scroll their value by design: their
regions are left out.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from textual.geometry import Size

import procmem_tui
from procmem_tui.tui.textual_private import screen_text

LETTERS = re.compile(r"[^\W\d_]+")
CUT_BY_ELLIPSIS = re.compile(r"([^\W\d_]+)…")
FRAME = re.compile(r"[\u2500-\u259f]")  # box drawing and block elements: borders, separators, scrollbars


@cache
def intended_ellipses() -> frozenset[str]:
    """Words the package writes with an ellipsis on purpose (``solving…``): these are not cuts."""
    found = set()
    for path in Path(procmem_tui.__file__).parent.rglob("*.py"):
        found.update(match.group(0) for match in CUT_BY_ELLIPSIS.finditer(path.read_text(encoding="utf-8")))
    return frozenset(found)


def _glyph_widgets(screen):
    from textual.widgets import Input

    from procmem_tui.tui.widgets.edit_grid import EditGrid
    from procmem_tui.tui.widgets.grid import GridView

    return [w for w in screen.query("*") if isinstance(w, (GridView, EditGrid, Input)) and w.display]


def widget_text(widget) -> str | None:
    """The whole text a widget shows (its content, border title and subtitle), or None when it cannot be read."""
    from textual.widgets import DataTable, OptionList

    from procmem_tui.tui.widgets.event_log import EventLog

    if widget is None:
        return None
    parts = [str(widget.border_title or ""), str(widget.border_subtitle or "")]
    if isinstance(widget, EventLog):
        parts += widget.history
    elif isinstance(widget, DataTable):
        parts += [str(c.label) for c in widget.columns.values()]
        parts += [str(cell) for row in range(widget.row_count) for cell in widget.get_row_at(row)]
    elif isinstance(widget, OptionList):
        parts += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    else:
        try:
            rendered = widget.render()
        except Exception:  # a widget that renders only inside a frame (Line API widgets)
            rendered = None
        text = getattr(rendered, "plain", rendered if isinstance(rendered, str) else None)
        if text is None and not any(parts):
            return None
        parts.append(text or "")
    return "\n".join(parts)


def _whole_word(word: str, text: str | None) -> bool | None:
    """True if ``text`` has ``word`` as a whole word, False if only inside longer words, None if unknown."""
    if text is None:
        return None
    if re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text):
        return True
    return False if word in text else None


def _folded(word: str, next_line: str, text: str | None) -> bool:
    """Whether ``word`` goes on at the start of the next line (a word longer than its line, folded)."""
    rest = LETTERS.search(FRAME.sub(" ", next_line))
    return text is not None and rest is not None and f"{word}{rest.group(0)}" in text


def _widget_at(screen, x: int, y: int):
    try:
        return screen.get_widget_at(x, y)[0]
    except Exception:  # no widget there
        return None


def hidden_text(screen) -> list[str]:
    """Text widgets (not scrolling) whose wrapped content needs more lines than they have, or that are wider than
    the part of them their container shows."""
    from textual.widgets import Static

    problems = []
    for widget in screen.query(Static):
        region = widget.content_region
        if not widget.display or not region.width or not region.height or widget.allow_vertical_scroll:
            continue
        if not widget.screen.find_widget(widget).region.height:
            continue
        need = widget.get_content_height(Size(region.width, region.height), screen.size, region.width)
        if need > region.height:
            text = (widget_text(widget) or "").strip().splitlines()
            problems.append(f"#{widget.id or type(widget).__name__}: {need} lines in {region.height}: "
                            f"{text[-1] if text else ''!r}")
        placed = widget.screen.find_widget(widget)
        seen = placed.region.intersection(placed.clip)
        if seen.width < placed.region.width and seen.height and (widget_text(widget) or "").strip():
            problems.append(f"#{widget.id or type(widget).__name__}: {placed.region.width} columns wide, "
                            f"{seen.width} shown: the rest of {(widget_text(widget) or '').strip()[:60]!r} is cut off")
    return problems


def _copy(source: list[str] | None, target: list[str], region) -> None:
    """``region`` of ``source`` into ``target`` (blank it when ``source`` is None)."""
    if region is None:
        return
    for y in range(region.y, region.bottom):
        part = source[y][region.x:region.right] if source is not None else " " * region.width
        target[y] = target[y][:region.x] + part + target[y][region.right:]


def cut_words(app) -> list[str]:
    """Every cut word on the current screen, each as ``row:column: word in its line``."""
    screen = app.screen
    width = app.size.width
    shown = [line.ljust(width) for line in screen_text(app)]
    lines = [" " * width for _ in shown]
    for child in screen.children:  # what the screen itself draws; around a dialog, the screen below shows
        _copy(shown, lines, child.region.intersection(screen.region) if child.display else None)
    for widget in _glyph_widgets(screen):
        _copy(None, lines, widget.content_region.intersection(screen.region))
    intended = intended_ellipses()
    problems = []
    for y, line in enumerate(lines):
        for match in CUT_BY_ELLIPSIS.finditer(line):
            if match.group(0) not in intended:
                problems.append(f"{y}:{match.start()}: ellipsis in {match.group(0)!r}: {line.strip()!r}")
        for match in LETTERS.finditer(line):
            end, word = match.end(), match.group(0)
            touching = end >= width or bool(FRAME.match(line[end]))
            padded = line[end:end + 1] == " " and end + 1 < width and bool(FRAME.match(line[end + 1]))
            if not (touching or padded):
                continue
            text = widget_text(_widget_at(screen, end - 1, y))
            whole = _whole_word(word, text)
            if whole is False and _folded(word, lines[y + 1] if y + 1 < len(lines) else "", text):
                continue
            if whole is False or (touching and whole is None):
                problems.append(f"{y}:{match.start()}: {word!r} cut by an edge: {line.strip()!r}")
    return problems + hidden_text(screen)
