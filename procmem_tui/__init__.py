"""procmem_tui: a terminal game and simulator of procedural memory."""

__version__ = "0.1.0"
