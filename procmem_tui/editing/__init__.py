"""The level editor's pure half: a draft level, its edit history, live checking and user levels on disk.

Nothing here imports Textual; the editor screen (``tui/screens/editor.py``) drives these values, and tests
drive them directly.
"""

from procmem_tui.editing.check import Verdict, check_draft
from procmem_tui.editing.draft import LEVEL_CHARS, Draft
from procmem_tui.editing.history import EditHistory

__all__ = ["Draft", "EditHistory", "LEVEL_CHARS", "Verdict", "check_draft"]
