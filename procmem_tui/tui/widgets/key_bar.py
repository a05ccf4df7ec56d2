"""The main screen's footer: the screen's key bindings on one line that fits the terminal's width.

Textual's ``Footer`` is one widget per key, built again whenever the bindings change, and at 80 columns its
line is cut off after ``m``. This bar draws one line from ``screen.active_bindings``: every binding shown in
the footer (``show=True``), a group as one entry (``↑↓←→ move``), in the bindings' order. When the line is too
long for the width, the least important entries (``IMPORTANCE``, last first) are left out, so the keys that
matter most stay legible at 80 columns; help and quit always show, at the end. A key left out is still bound,
and listed in the help screen (``?``). Remapped keys (``App.set_keymap``) show as remapped; a binding switched
off (``check_action`` False, e.g. the game's keys while the terminal is too small) is not shown. A click on an
entry presses its key, as Textual's footer does.

Every dialog has a bar of its own (``dialog_keys``): it covers the game's bar under it, so what the footer lists is
what works on the screen in front (its close key, a list's ``j k``/``g G``, its own actions), and the game's keys
come back with the game's screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.widget import Widget

# actions, most important first: what a new player needs to play, then to hand over, then the rest
IMPORTANCE = (
    "help", "quit", "move('move_up')", "act('pickup_key')", "act('open_door')", "play_pause", "watch",
    "command_palette", "agent_step", "speed(1)", "why", "skills", "knowledge", "episodes", "curves", "map", "restart", "new_layout",
)
LAST = ("help", "quit")  # drawn at the end of the line
CLOSING = ("dismiss", "close", "cancel")  # a dialog's way back, drawn at the end of its bar
DIALOG_IMPORTANCE = (*CLOSING, "confirm", "select", "select_cursor", "cursor_down", "first")
GAP = 2  # spaces between entries


@dataclass(frozen=True)
class Entry:
    action: str
    keys: str  # as displayed: "↑↓←→", "p", "+-"
    key: str  # the key a click presses
    description: str
    enabled: bool = True

    @property
    def width(self) -> int:
        return len(self.keys) + 1 + len(self.description)


def entries_of(screen) -> list[Entry]:
    """The shown bindings of ``screen`` as footer entries, in the bindings' order (one per action or group)."""
    app = screen.app
    entries: list[Entry] = []
    grouped: dict[str, int] = {}  # group description -> index in entries
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        display = app.get_key_display(binding)
        group = binding.group
        if group is not None and group.description in grouped:
            index = grouped[group.description]
            entry = entries[index]
            keys = entry.keys + ("" if group.compact else " ") + display
            entries[index] = Entry(entry.action, keys, entry.key, entry.description, entry.enabled)
            continue
        if group is not None:
            grouped[group.description] = len(entries)
        description = group.description if group is not None else binding.description
        entries.append(Entry(binding.action, display, binding.key, description, active.enabled))
    return entries


def _name(action: str) -> str:
    return action.removeprefix("app.")


def fit_entries(entries: list[Entry], width: int, importance: tuple[str, ...] = IMPORTANCE,
                last: tuple[str, ...] = LAST) -> list[Entry]:
    """The entries that fit on a line of ``width``, leaving out the least important first (actions not in
    ``importance`` before those in it, later ones first); the actions in ``last`` at the end."""

    def rank(entry: Entry) -> int:
        name = _name(entry.action)
        return importance.index(name) if name in importance else len(importance)

    kept = sorted(entries, key=rank)
    while kept and sum(e.width for e in kept) + GAP * len(kept) > width and len(kept) > 1:
        kept.pop()
    order = [e for e in entries if e in kept and _name(e.action) not in last]
    return order + [e for e in entries if e in kept and _name(e.action) in last]


class KeyBar(Widget):
    """One line of ``key description`` entries; ``shown`` is what the last frame drew. ``importance`` and
    ``last`` name a screen's own actions (the main screen's by default)."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 1fr; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self, importance: tuple[str, ...] = IMPORTANCE, last: tuple[str, ...] = LAST, **kwargs) -> None:
        super().__init__(**kwargs)
        self.importance, self.last = importance, last
        self.shown: list[Entry] = []
        self._spans: list[tuple[int, int, Entry]] = []  # x from, x to, entry
        self._drawn: tuple | None = None
        self._content = Content("")

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen) -> None:
        if self._drawn is None or entries_of(self.screen) != self._drawn[1]:
            self.refresh()

    def render(self) -> Content:
        entries = entries_of(self.screen)
        width = self.size.width
        if (width, entries) == self._drawn:
            return self._content
        self._drawn = (width, entries)
        self.shown = fit_entries(entries, max(0, width - 1), self.importance, self.last)
        parts: list = [" "]
        x = 1
        self._spans = []
        for entry in self.shown:
            key_style = "bold $footer-key-foreground" if entry.enabled else "$text-disabled"
            parts += [(entry.keys, key_style), " ", (entry.description, "" if entry.enabled else "$text-disabled"),
                      " " * GAP]
            self._spans.append((x, x + entry.width, entry))
            x += entry.width + GAP
        self._content = Content.assemble(*parts)
        return self._content

    @property
    def text(self) -> str:
        """The line as drawn (for tests)."""
        return self._content.plain.rstrip()

    def on_click(self, event: events.Click) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()
                return


def dialog_keys() -> KeyBar:
    """The footer of a dialog: its own keys, its way back last."""
    return KeyBar(DIALOG_IMPORTANCE, CLOSING, classes="dialog-keys")
