"""The editor's saving policy: where a draft goes, what happens to an old draft file, what the person is told.

- A level with no file yet asks where to save, offering a file name made from its name (``suggested_name``);
  a bare name goes to the user levels folder (``user_levels.path_for``), a file that exists is replaced only
  after a yes (``needs_confirmation``).
- A built-in level's file, or a built-in's name in the user levels folder, is refused (``LevelError``).
- A valid level is written to its file and an old ``.draft`` beside it is removed; a level not valid yet is
  written only as ``<file>.draft``, so the file keeps the last valid version.
- Every write goes through a temporary file (``write_atomically``): a crash leaves the old file.

No Textual: the editor screen asks, shows the message, and marks its history saved when ``save`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from procmem_tui.editing.user_levels import draft_path, path_for, refuse_builtin, write_atomically


@dataclass(frozen=True)
class Saved:
    """What a save did: ``written`` is the file (the level's, or its draft), ``valid`` whether the level was."""

    level: Path
    written: Path
    valid: bool

    @property
    def message(self) -> str:
        if self.valid:
            return f"saved {self.level}"
        return f"not valid yet, so saved as a draft: {self.written}"


def suggested_name(name: str) -> str:
    """A file name for a level called ``name``: letters, digits, - and _ (others become _), else my_level."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "_" for c in name.strip()).strip("_")
    return cleaned or "my_level"


def target_of(answer: str) -> Path:
    """The file a person's answer names (a bare name: in the user levels folder)."""
    return path_for(answer)


def needs_confirmation(path: Path) -> bool:
    """True when saving to ``path`` would replace a file (ask first)."""
    return path.exists()


def check_target(path: Path) -> None:
    """Raise ``LevelError`` when ``path`` may not be saved to (a built-in level's file or name)."""
    refuse_builtin(path)


def written_for(path: Path, valid: bool) -> Path:
    """The file a save for ``path`` writes: the level's own when it is valid, else its draft beside it."""
    return path if valid else draft_path(path)


def save(text: str, path: Path, valid: bool) -> Saved:
    """Write a level's ``text`` for ``path`` as the policy says. Raises ``LevelError`` for a built-in's file
    or name, ``OSError`` when the file cannot be written (nothing is changed then)."""
    check_target(path)
    written = written_for(path, valid)
    write_atomically(written, text)
    if valid:
        draft_path(path).unlink(missing_ok=True)
    return Saved(path, written, valid)
