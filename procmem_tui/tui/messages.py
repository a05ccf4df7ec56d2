"""Messages widgets and screens post to the app; the app is the only one that calls the Session."""

from __future__ import annotations

from textual.message import Message


class SkillChosen(Message):
    """The person picked a skill to look at."""

    def __init__(self, skill_id: str) -> None:
        super().__init__()
        self.skill_id = skill_id


class LevelChosen(Message):
    """The map picker chose a level: ``level`` (name or path) or ``family`` with ``size``; or ``edit``:
    "new" (a new level in the editor) or "shown" (the level on screen in the editor). ``view``: the fog switched
    in the picker, as ``--view`` says it (a sight radius, or "all": no fog) for this level and the next ones;
    None when it was left as it was."""

    def __init__(self, level: str | None = None, family: str | None = None, size: int = 8,
                 edit: str | None = None, view: int | str | None = None) -> None:
        super().__init__()
        self.level = level
        self.family = family
        self.size = size
        self.edit = edit
        self.view = view


class CellClicked(Message):
    """The person clicked the level's cell (x, y) (level coordinates, y up)."""

    def __init__(self, x: int, y: int) -> None:
        super().__init__()
        self.x = x
        self.y = y


class BoardResized(Message):
    """The main screen laid the board out anew for a new terminal size: its titles are fitted again."""


class Saved(Message):
    """The library writer's thread (``tui.saving``) reports on a write: ``kind`` is ``waiting``, ``saved`` or
    ``failed``; ``detail`` as ``Saver`` says."""

    def __init__(self, kind: str, record, detail) -> None:
        super().__init__()
        self.kind = kind
        self.record = record
        self.detail = detail
