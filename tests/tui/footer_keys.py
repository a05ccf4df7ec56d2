"""Reading a screen's footer (its key bar) from the screen's text, for tests that a dialog shows its own keys: its
way back, a list's ``j k``/``g G``, its actions, and none of the game's (the game's bar under a dialog used to show
``move``, ``pickup`` and ``play`` there, keys that do nothing in it)."""

from __future__ import annotations

from procmem_tui.tui.textual_private import screen_text

GAME_KEYS = ("↑↓←→ move", "p pickup", "o open", "space play", "n step")
LIST_KEYS = ("j k down/up", "g G first/last")


def footer(app) -> str:
    return screen_text(app)[-1]


def entries(line: str) -> list[str]:
    """The footer's entries (``key description``, two spaces apart)."""
    return [entry.strip() for entry in line.split("  ") if entry.strip()]


def own_keys_problems(app, *wanted: str) -> list[str]:
    """What is wrong with the footer of a dialog that should list ``wanted`` and none of the game's keys."""
    line = footer(app)
    missing = [entry for entry in wanted if entry not in entries(line)]
    game = [entry for entry in GAME_KEYS if entry in entries(line)]
    return [f"footer {line!r} lacks {missing}, shows the game's {game}"] if missing or game else []
