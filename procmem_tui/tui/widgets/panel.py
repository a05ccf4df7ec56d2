"""A text panel that repaints without a layout pass (``Static.update`` asks for one every time).

The panels that change every step (episode, Why line, keys, doors) have fixed heights in the stylesheet, so a
repaint is all they need; at 60 steps/s that keeps the compositor from re-laying out the screen each step.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class TextPanel(Widget):
    DEFAULT_CSS = "TextPanel { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._content: Content = Content("")

    def render(self) -> Content:
        return self._content

    def update(self, content: Content | str) -> None:
        self._content = Content(content) if isinstance(content, str) else content
        self.refresh()
