"""Unbounded undo/redo over immutable values (the editor's drafts).

A push after undos drops the redo branch, as every editor does. ``join=True`` folds a value into the last
entry instead of adding one, so a mouse stroke that paints twenty cells is one undo.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class EditHistory(Generic[T]):
    def __init__(self, start: T) -> None:
        self._entries: list[T] = [start]
        self._index = 0
        self._saved: int | None = 0
        self._joinable = False

    @property
    def current(self) -> T:
        return self._entries[self._index]

    def push(self, value: T, *, join: bool = False) -> bool:
        """Make ``value`` current; False (nothing recorded) when it equals the current value."""
        if value == self.current:
            return False
        del self._entries[self._index + 1:]
        if self._saved is not None and self._saved > self._index:
            self._saved = None
        if join and self._joinable and self._index > 0:
            if self._saved == self._index:
                self._saved = None
            self._entries[self._index] = value
        else:
            self._entries.append(value)
            self._index += 1
        self._joinable = join
        return True

    def end_stroke(self) -> None:
        """The next joined push starts a new entry."""
        self._joinable = False

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._entries) - 1

    def undo(self) -> T | None:
        """Step back; None when there is nothing to undo."""
        self._joinable = False
        if not self.can_undo:
            return None
        self._index -= 1
        return self.current

    def redo(self) -> T | None:
        self._joinable = False
        if not self.can_redo:
            return None
        self._index += 1
        return self.current

    def mark_saved(self) -> None:
        self._saved = self._index
        self._joinable = False

    @property
    def dirty(self) -> bool:
        """True when the current value is not the one last saved (or opened)."""
        return self._saved != self._index

    def __len__(self) -> int:
        return len(self._entries)
