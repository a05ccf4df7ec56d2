"""Every use of Textual's private API in procmem, in one module, pinned to the Textual versions it was read from.

Textual's underscored names change between releases without notice. Whatever procmem needs of them lives here,
so a Textual upgrade means reading this one file against the new source, and ``tests/tui/test_textual_private.py``
fails loudly when the installed Textual is outside ``TESTED`` (widen the range only after that reading):

- ``QuietExceptions._handle_exception``: an error that escapes a handler ends the app as Textual does (exit code
  1, Pilot re-raises it), but without Textual's traceback; the app's ``on_failure(error)`` keeps it for the CLI's
  error boundary. Writes ``_return_code``, ``_exception``, ``_exception_event`` and calls
  ``_close_messages_no_wait``, as ``App._handle_exception`` does.
- ``SafeCommandPalette._action_command_list`` and ``CommandList._lines``: the palette's PageUp/PageDown crash.
- ``screen_text``: the current screen as plain text lines, from ``Screen._compositor`` (as
  ``App.export_screenshot`` renders it), for the tests that read what a person sees.
- ``forget_retired_styles_caches``: empties the ``lru_cache`` on ``StylesCache.get_inner_outer`` (a method, so
  its key holds the widget's ``StylesCache`` and with it every ``Strip`` that cache drew, Textual issue #6665).
"""

from __future__ import annotations

import io

from textual.command import CommandList, CommandPalette, SearchIcon

from procmem_tui.tui.symbols import sym

TESTED = ((8, 2, 0), (8, 3, 0))  # [from, to): the Textual versions whose private names this module was checked on


def textual_version() -> tuple[int, ...]:
    from importlib.metadata import version  # 25 ms of imports: only the version test asks

    return tuple(int(part) for part in version("textual").split(".")[:3] if part.isdigit())


def is_tested_textual() -> bool:
    low, high = TESTED
    return low <= textual_version() < high


class QuietExceptions:
    """A mixin for an ``App``: ends the app on an unhandled error without printing Textual's traceback."""

    def _handle_exception(self, error: Exception) -> None:
        self.on_failure(error)
        self._return_code = 1
        if self._exception is None:  # Pilot tests re-raise it, as Textual does
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def on_failure(self, error: Exception) -> None:
        """Called first with the error that ends the app (the app keeps it and stops its timers)."""


class SafeCommandPalette(CommandPalette):
    """Textual 8.2's command palette, without its PageUp/PageDown crash.

    Pressed right after ctrl+p, PageDown reaches the command list when it has become visible (and highlighted its
    first command) but has not been laid out yet: ``OptionList._update_lines`` returns early while the list has no
    content region, so ``OptionList._move_page`` looks up ``_index_to_line[0]`` in an empty cache and raises
    ``KeyError: 0``, which ends the app. Here a page move on a list not laid out yet waits for a later refresh
    (up to 20), and is dropped if the list still has no room then.
    """

    def on_mount(self) -> None:
        """Its search icon in the symbols in use (``tui.symbols``: an emoji, or ASCII)."""
        self.query_one(SearchIcon).icon = sym("search")

    def _action_command_list(self, action: str, tries: int = 20) -> None:
        if action in ("page_down", "page_up") and not self._list_laid_out():
            if tries > 0 and self.is_attached:
                self.call_after_refresh(self._action_command_list, action, tries - 1)
            return
        super()._action_command_list(action)

    def _list_laid_out(self) -> bool:
        commands = self.query_one(CommandList)
        return bool(commands.scrollable_content_region) and (commands.highlighted is None or bool(commands._lines))


def screen_text(app) -> list[str]:
    """The current screen (with the screens under a modal one) as lines of plain text, as a screenshot shows it."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
                      legacy_windows=False, safe_box=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text(styles=False).splitlines()


def forget_retired_styles_caches() -> None:
    """Lets the ``StylesCache`` of widgets that are gone be freed: up to 1,024 of them (each with its drawn lines,
    a tree of ``Strip``/``FIFOCache``/``Segment``) otherwise stay reachable from that method's ``lru_cache``. The
    test suite calls it after every test: apps of earlier tests kept a million objects per worker alive, and each
    full garbage collection walked them all. Only a cache of two background styles is lost."""
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()
