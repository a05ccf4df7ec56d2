"""Textual's private API is used in one module only (``tui/textual_private.py``), which names the Textual
versions it was checked against: this fails loudly when the installed Textual leaves that range (read the module
against the new Textual, then widen ``TESTED``), and when private names of Textual objects appear elsewhere."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import procmem_tui
from procmem_tui.tui import textual_private

PACKAGE = Path(procmem_tui.__file__).parent
# names of Textual's own private members that procmem touches; anywhere but textual_private.py they are a leak
TEXTUAL_PRIVATE = re.compile(r"\b(_handle_exception|_return_code|_exception_event|_close_messages_no_wait|"
                             r"_action_command_list|_compositor|_background_screens|_index_to_line|_driver|"
                             r"_notifications|_update_lines|_move_page)\b|\bcommands\._lines\b|\bself\._exception\b")


def test_the_installed_textual_is_the_range_the_private_module_was_checked_on():
    """The installed Textual is within the versions textual_private was checked against."""
    assert textual_private.is_tested_textual(), (
        f"Textual {version('textual')} is outside {textual_private.TESTED}: read procmem_tui/tui/textual_private.py "
        "against this Textual's source, fix what changed, then widen TESTED")


def test_no_module_but_textual_private_touches_textual_private_names():
    """No module of the package but textual_private uses a private name of a Textual object."""
    leaks = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "textual_private.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if TEXTUAL_PRIVATE.search(line.split("#")[0]) and "``" not in line:
                leaks.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not leaks, "\n".join(leaks)


def test_the_private_names_still_exist_in_this_textual():
    """What the module relies on is there (a rename fails here, not in a user's crash)."""
    from textual.app import App
    from textual.command import CommandList, CommandPalette
    from textual.screen import Screen
    from textual.widgets import OptionList

    assert hasattr(App, "_handle_exception") and hasattr(App, "_close_messages_no_wait")
    assert hasattr(CommandPalette, "_action_command_list")
    assert hasattr(OptionList, "_lines") and issubclass(CommandList, OptionList)
    assert hasattr(App, "_background_screens")
    assert "_compositor" in Screen.__init__.__code__.co_names
    from textual._styles_cache import StylesCache

    assert hasattr(StylesCache.get_inner_outer, "cache_clear")


def test_a_styles_cache_of_a_widget_gone_is_freed_once_forgotten():
    """``forget_retired_styles_caches`` lets a ``StylesCache`` that drew a background go: Textual's ``lru_cache`` on
    its ``get_inner_outer`` method keeps it (and every line it drew) alive otherwise, which held a million objects
    of finished apps in each test worker."""
    import gc
    import weakref

    from textual._styles_cache import StylesCache
    from textual.color import Color

    gc.freeze()  # the collection below then walks only this test's objects, not the worker's whole heap (6 s CPU)
    try:
        cache = StylesCache()
        cache.get_inner_outer(Color(1, 2, 3), Color(4, 5, 6))
        gone = weakref.ref(cache)
        del cache
        textual_private.forget_retired_styles_caches()
        gc.collect()
    finally:
        gc.unfreeze()
    assert gone() is None
