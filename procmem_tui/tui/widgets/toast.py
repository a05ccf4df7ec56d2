"""The game's one toast: episode outcomes and skills learned, over the bottom right of the main screen.

Textual's notifications pile up, and removing one of them needs the App's private API; the game wants one
message at a time (a new one replaces the last), so it owns this small widget. Errors and warnings still go
through ``App.notify``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Container
from textual.content import Content
from textual.timer import Timer

from procmem_tui.tui.widgets.panel import TextPanel

SEVERITY_STYLES = {"information": "$success", "warning": "$warning", "error": "$error"}


class GameToast(TextPanel):
    DEFAULT_CSS = """
    GameToast {
        width: 60; max-width: 50%; height: auto; padding: 1 1; margin-right: 1;
        background: $panel-lighten-1; visibility: visible; display: none;
        border-left: outer $success;
    }
    GameToast.-warning { border-left: outer $warning; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.message = ""
        self.title = ""
        self._timer: Timer | None = None

    def show(self, message: str, *, title: str = "", severity: str = "information", timeout: float = 4) -> None:
        """Show ``message`` for ``timeout`` seconds, replacing whatever was shown."""
        self.message, self.title = message, title
        parts: list = [(title, "bold"), "\n"] if title else []
        parts.append(message)
        self.update(Content.assemble(*parts))
        self.set_class(severity != "information", "-warning")
        self.display = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(timeout, self.hide)

    def hide(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.message = self.title = ""
        self.display = False

    def on_click(self) -> None:
        self.hide()


class ToastCorner(Container):
    """Holds the toast at the bottom right, on its own layer, letting clicks elsewhere through."""

    DEFAULT_CSS = """
    ToastCorner {
        layer: toast; dock: bottom; width: 1fr; height: auto; align: right bottom;
        margin-bottom: 4; visibility: hidden;
    }
    """

    def compose(self) -> ComposeResult:
        yield GameToast(id="game-toast")
