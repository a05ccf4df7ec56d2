"""What the session writes to the library at an episode's end, as one value that can be written later.

The app records an episode in a thread of its own (``tui.saving``): another process may hold the library's write
lock for seconds (a ``prune`` compacting it), and on the app's event loop that wait froze the game. So the record
is taken whole when the episode ends (the trajectory, the agent's knowledge document, and the skills changed,
``LibraryChanges``) and nothing in it changes while the next episode is played. ``write`` is the one transaction
the session always wrote: the episode's number, the episode, the skills and the knowledge commit together.

``Knowledge`` is the write of an episode left unfinished (``Session.keep_unfinished``), queued behind the records
before it, so a document never overwrites a newer one; ``ClearSkills`` the app's clearing of the library, queued the
same way. Each says what it is (``what``) for the messages about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from procmem_tui.memory.trajectory import Trajectory


def _transaction(store, wait: bool):
    """``wait=False`` only for the recorder's thread (``SkillStore`` fails at once while another process holds
    the library); a ``Store`` without that option is called plainly, and waits as it does."""
    if not wait:
        try:
            return store.transaction(wait=False)
        except TypeError:
            pass
    return store.transaction()


class LibraryChanges:
    """The skills changed and removed since the last save, as they are now (skills are values: a later change
    makes a new one, so holding them is a copy). Reads as ``SkillStore.save_library`` reads a library."""

    def __init__(self, library) -> None:
        self.dirty = {sid: library.get(sid) for sid in library.dirty_ids()}
        self.positions = {sid: library.position(sid) for sid in self.dirty}
        self.removed = library.removed_ids()
        self.library = library

    @classmethod
    def take(cls, library) -> "LibraryChanges":
        """The changes, and the library's marks cleared: the next episode's changes are the next record's."""
        changes = cls(library)
        library.clear_dirty()
        return changes

    def give_back(self) -> None:
        """The record was lost: the changes are marked again in the library, so the next record carries them."""
        self.library.mark_unsaved(self.dirty, self.removed)

    def dirty_ids(self) -> set[str]:
        return set(self.dirty)

    def removed_ids(self) -> set[str]:
        return set(self.removed)

    def get(self, skill_id: str):
        return self.dirty.get(skill_id)

    def position(self, skill_id: str) -> int:
        return self.positions[skill_id]

    def clear_dirty(self) -> None:
        """Called once the save commits; the library's own marks were cleared when the changes were taken."""


@dataclass
class EpisodeRecord:
    """A finished episode's write. ``number``: the number shown while it was played; ``write`` returns the one it
    was recorded with (another process may have taken that one meanwhile) and the episode's id."""

    trajectory: Trajectory
    agent: str
    skills: int
    started_at: datetime
    optimal_steps: int | None
    learned: tuple = ()
    library: object = None  # a SkillLibrary (written in the caller's thread) or LibraryChanges
    knowledge: dict = field(default_factory=dict)
    # the session that played it: the app's saver also writes the editor's tries, whose numbers are not the game's
    origin: object = field(default=None, repr=False, compare=False)

    @property
    def number(self) -> int:
        return self.trajectory.episode

    @property
    def what(self) -> str:
        return f"episode {self.number}"

    def write(self, store, wait: bool = True) -> tuple[int, int]:
        with _transaction(store, wait):
            number = store.allocate_episode()
            trajectory = self.trajectory if number == self.number else replace(self.trajectory, episode=number)
            episode_id = store.record_episode(trajectory, library_size=self.skills, started_at=self.started_at,
                                              optimal_steps=self.optimal_steps, learned=self.learned)
            if self.library is not None:
                store.save_library(self.library)
            if self.knowledge:
                store.save_knowledge(self.agent, self.knowledge, number)
        return number, episode_id

    def row(self, row_id: int):
        """The episode as the library will read it back once written (``EpisodeRow``, with ``row_id``): the app
        shows a record still waiting for the library in its episode browser, replays and curves meanwhile."""
        from procmem_tui.memory.episodes import check_episode_row, episode_to_row

        values = episode_to_row(self.trajectory, self.skills, self.started_at, self.optimal_steps, self.learned)
        return replace(check_episode_row(values), id=row_id)

    def lost(self) -> None:
        """Not written: the skills it carried are saved with the next record instead."""
        if isinstance(self.library, LibraryChanges):
            self.library.give_back()


@dataclass
class Knowledge:
    """What the agent learned in an episode left unfinished: its knowledge document, replacing the stored one."""

    agent: str
    knowledge: dict
    episode: int
    number: int | None = None  # not an episode's record
    what: str = "what the agent learned in the unfinished episode"

    def write(self, store, wait: bool = True) -> tuple[None, None]:
        with _transaction(store, wait):
            store.save_knowledge(self.agent, self.knowledge, self.episode)
        return None, None

    def lost(self) -> None:
        """Nothing to give back: the next episode's record saves the whole document again."""


@dataclass
class ClearSkills:
    """Forget every stored skill (the app's "Clear the skill library"), queued behind the records before it: a
    record still waiting would otherwise write its skills back after the clear."""

    number: int | None = None
    what: str = "clearing the library's skills"

    def write(self, store, wait: bool = True) -> tuple[None, None]:
        with _transaction(store, wait):
            store.clear_skills()
        return None, None

    def lost(self) -> None:
        """The library's skills stay in the file; the app's library is empty already."""
