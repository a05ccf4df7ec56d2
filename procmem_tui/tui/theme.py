"""A high-contrast theme, registered beside Textual's own (pick it in the command palette: "Change theme")."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="procmem-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff66ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#202020",
    success="#00ff00",
    warning="#ffb000",
    error="#ff5050",
    boost="#303030",
    dark=True,
    variables={
        "text-muted": "#d0d0d0",
        "border": "#ffffff",
        "border-blurred": "#c0c0c0",
        "footer-key-foreground": "#ffff00",
    },
)
