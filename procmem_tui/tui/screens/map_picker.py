"""The map picker: a built-in level, one of your saved levels, a level file, or a generated family with a size;
and the level editor's two doors: a new level, or the level shown. Its fog switch (``f``, or a click) plays the
level chosen and the next ones in fog, or out of it, as ``--view`` does at start: a new player choosing a level
had no way to say "in fog" there, only the command palette's words."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from procmem_tui.safe_text import printable
from procmem_tui.tui.messages import LevelChosen
from procmem_tui.tui.widgets.lists import ViOptionList
from procmem_tui.tui.widgets.key_bar import dialog_keys
from procmem_tui.tui.symbols import ascii_text

OPTION_WIDTH = 92  # the dialog's 100 columns less its border, padding and the list's own; at most this
NO_FOG = "all"  # ``--view all``: the whole level in sight


def fog_radius() -> int:
    """The sight the switch turns on when the app has none of its own: the palette's (``--view 3``)."""
    from procmem_tui.tui.palette import FOG_RADIUS

    return FOG_RADIUS


class FogSwitch(Checkbox):
    """A one-line checkbox in ASCII, ``[X]`` on and ``[ ]`` off: Textual draws its half blocks (``_`` in a terminal
    without UTF-8) around an X that only its colour says is off, and without colour an X reads as on."""

    BUTTON_LEFT, BUTTON_RIGHT = "[", "]"

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual's name, read on every render
        return "X" if self.value else " "


class LevelList(ViOptionList):
    """The picker's list, one line an entry: each entry's whole line is kept (``lines``, in the options' order) and cut to the
    list's width as laid out, again on every resize. A fixed width of 92 left out the scrollbar and the
    dialog's narrowing in a smaller terminal: at 120x40 a line of 91-92 wrapped its last word or its "…" onto a
    second line, and at 80x24 every level took two lines."""

    BINDINGS = [Binding("enter", "select", "choose")]

    def __init__(self, *options, **kwargs) -> None:
        super().__init__(*options, **kwargs)
        self.lines = [str(option.prompt) for option in self.options]
        self._cut_to: int | None = None

    def on_resize(self) -> None:
        width = min(OPTION_WIDTH, self.scrollable_content_region.width)
        if width <= 0 or width == self._cut_to:
            return
        self._cut_to = width
        for index, line in enumerate(self.lines):
            self.replace_option_prompt_at_index(index, Content(fit_line(line, width)))


def fit_line(line: str, width: int) -> str:
    """``line`` in ``width`` columns: whole, or losing whole words of its description to " …" (never cut
    mid-word; the name and size, its first 17 columns, are kept)."""
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[17:] else cut[:-1]).rstrip(" ;,") + ascii_text(" …")


class MapPicker(ModalScreen[LevelChosen | None]):
    """Dismisses with a ``LevelChosen`` (not yet validated: the app loads it and reports errors) or None."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="map-cancel"),
                Binding("tab", "app.focus_next", "next field", id="map-next"),
                Binding("f", "fog", "fog", id="map-fog-key")]

    def __init__(self, levels: list[tuple[str, str]], families: tuple[str, ...], size: int = 8,
                 current: str | None = None, user_levels: list[tuple[str, str, str]] | None = None,
                 fog: int | None = None) -> None:
        """``fog``: the sight radius every level chosen in the app is played with now (None: none set, or
        ``--view all``); the switch starts on when there is one."""
        super().__init__()
        self.fog = fog
        self.user_levels = user_levels if user_levels is not None else saved_levels()  # (name, path, text)
        self.current = current  # the level on screen: highlighted when the picker opens
        self.levels = levels  # (name, one-line description)
        self.families = families
        self.default_size = size

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="map-dialog"):  # scrolls: at 80x24 the family row was below the screen's edge
            sight = self.fog if self.fog is not None else fog_radius()
            yield FogSwitch(f"fog: sight {sight} cells on the level you choose and after it (f)",
                            value=self.fog is not None, compact=True, id="map-fog")
            yield Label("Levels: built-in, then yours", classes="map-heading")
            yield LevelList(*self._options(), id="map-levels")
            yield Label("A level file", classes="map-heading")
            yield Input(placeholder="path/to/level.txt, then enter", id="map-path")
            yield Label("A generated family", classes="map-heading")
            with Horizontal(id="map-family-row"):
                yield Select([(f, f) for f in self.families], value=self.families[0], allow_blank=False, id="map-family")
                yield Input(str(self.default_size), placeholder="size 5-32", type="integer", id="map-size")
                yield Button("Generate", variant="primary", id="map-generate")
        yield dialog_keys()

    def _options(self) -> list:
        """The editor's two entries, the built-in levels, then yours."""
        options = [Option(ascii_text("✎ new level…      an empty grid of the size you choose, in the editor"), id="edit:new"),
                   Option(ascii_text("✎ edit this level… the level shown, in the editor (a built-in one as a copy)"),
                          id="edit:shown"), None]
        options += [Option(Content(self.option_text(name, text)), id=name) for name, text in self.levels]
        if self.user_levels:
            options.append(None)
            options += [Option(Content(self.option_text(name, text)), id=f"file:{path}")
                        for name, path, text in self.user_levels]
        return options

    @staticmethod
    def option_text(name: str, text: str) -> str:
        """One line per level: name, size, description (``LevelList`` cuts it to the list's width)."""
        return f"{name:<16} {text}"

    def on_mount(self) -> None:
        self.query_one("#map-dialog").border_title = "choose a map (escape to cancel)"
        options = self.query_one("#map-levels", OptionList)
        for index, option in enumerate(options.options):
            if option.id == self.current or ((option.id or "").startswith("file:") and Path(option.id[5:]).stem == self.current):
                options.highlighted = index
                break
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, rest = (event.option.id or "").partition(":")
        if kind == "edit":
            self.dismiss(LevelChosen(edit=rest))
        elif kind == "file":
            self.dismiss(LevelChosen(level=rest, view=self.view()))
        else:
            self.dismiss(LevelChosen(level=event.option.id, view=self.view()))

    def view(self) -> int | str | None:
        """The fog the switch says, as ``--view`` says it, or None when it was left as the picker opened."""
        on = self.query_one("#map-fog", Checkbox).value
        if on == (self.fog is not None):
            return None
        return (self.fog if self.fog is not None else fog_radius()) if on else NO_FOG

    def action_fog(self) -> None:
        self.query_one("#map-fog", Checkbox).toggle()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "map-path" and event.value.strip():
            from procmem_tui.editing.user_levels import load_any_level
            from procmem_tui.safe_text import markup_safe
            from procmem_tui.world import LevelError

            try:  # a path mistyped or a level with an error: said here, the picker stays open to mend the path
                load_any_level(event.value.strip())
            except LevelError as exc:
                self.notify(markup_safe(exc), severity="error", timeout=8)
                return
            self.dismiss(LevelChosen(level=event.value.strip(), view=self.view()))
        elif event.input.id == "map-size":
            self._generate()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "map-generate":
            self._generate()

    def _generate(self) -> None:
        family = str(self.query_one("#map-family", Select).value)
        text = self.query_one("#map-size", Input).value.strip()
        try:
            size = int(text)
        except ValueError:
            self.notify(f"size must be a whole number, not {text!r}", severity="error")
            return
        self.dismiss(LevelChosen(family=family, size=size, view=self.view()))

    def action_cancel(self) -> None:
        self.dismiss(None)


def level_line(level, tag: str = "") -> str:
    """The picker's text for one level: size, a tag such as "(yours)", rule headers when not the default, and the
    description, stripped of control characters (a level file can come from anywhere)."""
    rules = "" if level.rules.is_default else f"{level.rules.as_headers_text()} · "
    return printable(f"{f'{level.width}x{level.height}':<6} {tag}{rules}{level.description}")


def saved_levels() -> list[tuple[str, str, str]]:
    """(name, path, "WxH (yours) description") of every level saved in the user levels folder."""
    from procmem_tui.editing.user_levels import user_level_files
    from procmem_tui.world import LevelError, load_level

    found = []
    for path in user_level_files():
        try:
            level = load_level(path)
        except LevelError:
            continue
        found.append((path.stem, str(path), level_line(level, "(yours) ")))
    return found
