"""What a ``Session`` needs of the library it records into, as a ``typing.Protocol``: the session is typed against
this, not against SQLite. ``SkillStore`` is the implementation; anything with these methods (a test double, a
store of another kind) can stand in for it.

An episode's end is one ``transaction()``: ``allocate_episode`` (the number it is recorded under),
``record_episode``, ``save_library`` (the skills' changes) and ``save_knowledge`` commit together or not at all.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Store(Protocol):
    path: str  # where the library lives (named in errors)

    def transaction(self) -> AbstractContextManager[Any]:
        """Group the writes inside into one transaction; nested uses join the outermost. (The app's recording
        thread also passes ``wait=False``: ``SkillStore`` then fails at once when another process holds the
        library, instead of waiting for it.)"""

    def last_episode(self) -> int:
        """The number of the last recorded episode (0: none yet)."""

    def allocate_episode(self) -> int:
        """The next episode number, taken (no two processes get the same)."""

    def record_episode(self, trajectory, library_size: int | None = None, started_at: datetime | None = None,
                       optimal_steps: int | None = None, learned=()) -> int:
        """Store a finished episode; returns its id."""

    def save_library(self, library) -> None:
        """Write the skills added, changed or removed since the last save."""

    def load_knowledge(self, agent: str) -> dict | None:
        """What ``agent`` knew when last saved (None: nothing saved)."""

    def save_knowledge(self, agent: str, knowledge: dict, episode: int) -> None:
        """Keep what ``agent`` knows now, as of ``episode``."""
