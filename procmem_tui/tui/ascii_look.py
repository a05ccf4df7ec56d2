"""The app's look where it draws in ASCII (``tui.symbols``; a terminal whose locale is not UTF-8, where tmux draws
every character beyond ASCII as "_"), for the parts Textual draws, each the way Textual documents: the panels'
border (the ``$panel-edge`` variable: square corners, which tmux draws with its line-drawing set, for round ones),
Textual's own widgets' edges (``ascii.tcss``, after the app's stylesheet), the scroll bars (``ScrollBar.renderer``),
the keys as the footer and the help show them (``get_key_display``), the header's title (``format_title``) and
the command palette's icon and placeholder (``action_command_palette``).

The set is read when the app is built: the app's verbs choose it before (``commands.terminal``)."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.content import Content
from textual.scrollbar import ScrollBar, ScrollBarRender

from procmem_tui.tui import symbols


class AsciiScrollBarRender(ScrollBarRender):
    """A scroll bar whose thumb ends on whole cells: its partial cells (eighth blocks) are blank."""

    VERTICAL_BARS = HORIZONTAL_BARS = [" "] * 8


class AsciiLook:
    """Mixed into an App class before ``App`` (whose ``CSS_PATH`` is one file)."""

    def __init__(self, *args, **kwargs) -> None:
        ascii_only = symbols.ascii_only()
        ScrollBar.renderer = AsciiScrollBarRender if ascii_only else ScrollBarRender
        if ascii_only:
            kwargs.setdefault("css_path", [self.CSS_PATH, Path(__file__).with_name("ascii.tcss")])
        super().__init__(*args, **kwargs)

    def action_command_palette(self) -> None:
        """Textual's palette with its PageDown crash worked around (``textual_private.SafeCommandPalette``), its
        search icon and placeholder in the symbols in use."""
        from procmem_tui.tui.textual_private import SafeCommandPalette

        if self.use_command_palette and not SafeCommandPalette.is_open(self):
            placeholder = f"Search for commands{symbols.sym('ellipsis')}"  # Textual's own, in Unicode
            self.push_screen(SafeCommandPalette(id="--command-palette", placeholder=placeholder))

    def get_key_display(self, binding: Binding) -> str:
        """Textual's display of a key (the arrow keys as arrows), or in ASCII ``^ v < >``."""
        if symbols.ascii_only() and binding.key in symbols.ASCII_KEYS:
            return symbols.ASCII_KEYS[binding.key]
        return super().get_key_display(binding)

    def format_title(self, title: str, sub_title: str) -> Content:
        """Textual's "title — sub title", the dash in the symbols in use."""
        if not (sub_title and symbols.ascii_only()):
            return super().format_title(title, sub_title)
        return Content.assemble(Content(title), (f" {symbols.sym('dash')} ", "dim"), Content(sub_title).stylize("dim"))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """``$panel-edge``, the panels' border: round, or square in ASCII."""
        return {**super().get_theme_variable_defaults(), "panel-edge": "solid" if symbols.ascii_only() else "round"}


def ascii_content(content: Content | str) -> Content | str:
    """``content`` with ``symbols.ascii_text`` applied: a text made elsewhere (a skill's name, the world model's
    lines) in the symbols in use. One character for one, so the spans of its styles still fit."""
    if not symbols.ascii_only():
        return content
    if isinstance(content, str):
        return symbols.ascii_text(content)
    return Content(symbols.ascii_text(content.plain), content.spans)
