"""The app's symbols outside the board, each in Unicode and in ASCII, chosen by the board's switch
(``world.glyphs.use_ascii``: ASCII where the terminal's locale is not UTF-8, where tmux draws every character beyond
ASCII as "_"). One table, so a piece of text has one home; read a symbol when drawing (``sym``), not at import.

The ASCII forms keep the Unicode form's width (a text fitted to a column stays fitted): the ellipsis is ``~`` (the
short-name mark of old file systems), a bar chart's eight heights are ``.:-=+*%#``. The light and heavy lines
(``─ ━ │``) and the middle dot ``·`` are not here: tmux draws those for such a terminal with its line-drawing set.
"""

from __future__ import annotations

from procmem_tui.world import glyphs

# name -> (Unicode, ASCII)
SYMBOLS: dict[str, tuple[str, str]] = {
    "ellipsis": ("…", "~"),
    "dash": ("—", "-"),  # nothing to show (no seed, no rate yet), and a pause in prose
    "range": ("–", "-"),  # a-f, key-door (the level checks' messages)
    "up": ("↑", "^"), "down": ("↓", "v"), "left": ("←", "<"), "right": ("→", ">"),  # the arrow keys
    "then": ("→", ">"),  # "this, then that"
    "times": ("×", "x"),
    "epsilon": ("ε", "e"),  # the Q-learning agent's reasons
    "per": ("÷", "/"),
    "won": ("✓", "+"), "lost": ("✗", "x"), "warning": ("⚠", "!"),
    "running": ("▶", ">"), "new": ("✦", "*"),  # the skills table's status: the skill running, one just learned
    "bar-done": ("━", "="), "bar-left": ("─", "-"),  # a progress bar's two parts
    "bars": (" ▁▂▃▄▅▆▇█", " .:-=+*%#"),  # a bar chart's heights, empty to full
    "key": ("⌐", "-"), "door": ("□", "/"), "goal": ("★", "G"),  # the board's own marks, as the timeline names them
    "here": ("▲", "^"),  # the timeline's cursor, under the step shown
    "scrolls-across": ("↔", "-"), "scrolls-down": ("↕", "|"),  # the board is wider / taller than its window
    "edit": ("✎", "+"),
    "app": ("◆", "*"), "textual": ("⭘", "o"),  # the headers' icons (each opens the command palette; the replay's is Textual's own)
    "search": ("🔎", "> "),  # the command palette's search icon (two columns)
    "plot-marker": ("braille", "*"),  # the learning curves' marker, as plotext names it (braille dots, or "*")
}
# Textual's names of keys -> how the footer and the help show them (Textual's own display is the Unicode arrow)
ASCII_KEYS = {"up": "^", "down": "v", "left": "<", "right": ">", "enter": "enter", "backspace": "bksp"}


def ascii_only() -> bool:
    """Whether the app draws in ASCII (``world.glyphs.use_ascii``)."""
    return glyphs.ASCII_ONLY


def sym(name: str) -> str:
    """The symbol ``name`` in the set in use."""
    unicode, ascii = SYMBOLS[name]
    return ascii if glyphs.ASCII_ONLY else unicode


def ascii_text(text: str) -> str:
    """``text`` with every symbol of the table that has one character in ASCII (for text made elsewhere, such as a
    skill's name ``fetch key → open door``); unchanged where the app draws in Unicode."""
    if not glyphs.ASCII_ONLY:
        return text
    return text.translate(_ONE_CHARACTER)


_ONE_CHARACTER = {ord(u): a for u, a in SYMBOLS.values() if len(u) == 1 and len(a) == 1}
