"""Memory of failure: a try that led to a dead end, remembered with the situation it was tried in.

A *try* is a step that changed something the agent cannot change back: what it holds (a key spent or gained) or
an object (opened, gone). When the episode is then lost (cut off at its step limit without a win), every such try
of the episode is remembered as a dead end, in the model's own terms: the action, the kind and letter of the object
it acted on, the keys held, and on its level which object it was (its cell: two doors of one letter are two
situations there). A try made again in a won episode on that level led somewhere after all: it is forgotten there
(``forgive``). Per level (its fingerprint) and pooled: ``here`` says how often that very try led nowhere on this
level, ``elsewhere`` on how many other levels a try of that action, kind, letter and keys did (cells differ between
levels). Pure data; ``dump``/``load`` round-trip it as JSON (persisted with the agent's knowledge); ``lines`` reads
it to a person.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LEVELS = 256


@dataclass(frozen=True)
class Try:
    """One step that changed what cannot be changed back, as the agent saw it: ``action`` on an object of ``kind``
    and ``letter`` holding ``held``, at ``cell`` on its level."""

    action: str
    kind: str
    letter: str
    held: tuple[str, ...]
    cell: tuple[int, int] | None = None

    @property
    def anywhere(self) -> "Try":
        """The try without its cell: what other levels can say about it."""
        return Try(self.action, self.kind, self.letter, self.held)

    def as_list(self) -> list:
        return [self.action, self.kind, self.letter, list(self.held), list(self.cell) if self.cell else None]

    @classmethod
    def from_list(cls, data) -> "Try":
        action, kind, letter, held, cell = data
        if not all(isinstance(v, str) for v in (action, kind, letter)) or not isinstance(held, list):
            raise ValueError(f"not a try: {data!r}")
        if cell is not None and not (isinstance(cell, list) and len(cell) == 2 and all(isinstance(v, int) for v in cell)):
            raise ValueError(f"not a cell: {cell!r}")
        return cls(action, kind, letter, tuple(sorted(str(k) for k in held)), tuple(cell) if cell else None)

    def text(self) -> str:
        what = f"{self.kind} {self.letter}".strip()
        holding = "holding " + ", ".join(self.held) if self.held else "holding nothing"
        return f"{self.action} on {what} {holding}"


class Failures:
    """Dead-end tries per level (least recently touched level forgotten first beyond ``MAX_LEVELS``)."""

    def __init__(self) -> None:
        self.levels: dict[str, dict[Try, int]] = {}

    def note(self, level: str, tries) -> None:
        tries = list(tries)
        if not tries:
            return
        found = self.levels.pop(level, {})
        for t in tries:
            found[t] = found.get(t, 0) + 1
        self.levels[level] = found
        while len(self.levels) > MAX_LEVELS:
            del self.levels[next(iter(self.levels))]

    def forgive(self, level: str, tries) -> None:
        """The tries of a won episode on ``level`` are no dead ends there."""
        found = self.levels.get(level)
        if found:
            for t in tries:
                found.pop(t, None)
            if not found:
                del self.levels[level]

    def lines(self, names: dict | None = None, level: str = "") -> list[str]:
        """Every remembered dead end as a line a person reads (``level``: that level's only), most frequent first:
        ``open_door on door A holding a, at 2,2: led to a dead end 2× (trap9)``."""
        names = names or {}
        rows = []
        for where, tries in self.levels.items():
            if level and where != level:
                continue
            for t, n in tries.items():
                at = f", at {t.cell[0]},{t.cell[1]}" if t.cell else ""
                rows.append((-n, f"{t.text()}{at}: led to a dead end {n}× ({names.get(where, where[:8])})"))
        return [text for _, text in sorted(rows)]

    def here(self, level: str, t: Try) -> int:
        """How often ``t`` led to a dead end on ``level``."""
        return self.levels.get(level, {}).get(t, 0)

    def elsewhere(self, level: str, t: Try) -> int:
        """On how many other levels a try like ``t`` (any cell) led to a dead end."""
        like = t.anywhere
        return sum(1 for other, tries in self.levels.items() if other != level and any(x.anywhere == like for x in tries))

    def dump(self) -> list:
        return [[level, [[*t.as_list(), n] for t, n in tries.items()]] for level, tries in self.levels.items()]

    @classmethod
    def load(cls, data) -> "Failures":
        if not isinstance(data, list):
            raise ValueError("failures must be a list of [level, tries]")
        found = cls()
        for level, tries in data:
            rows = {}
            for row in tries:
                if not isinstance(row, list) or len(row) != 6 or not isinstance(row[5], int) or row[5] < 1:
                    raise ValueError(f"not a remembered try: {row!r}")
                rows[Try.from_list(row[:5])] = row[5]
            found.levels[str(level)] = rows
        return found


def merge_dumps(ours: list, theirs: list) -> list:
    """Levels only ``theirs`` remembers are added; a level both remember keeps ours."""
    known = {level for level, _ in ours}
    return ours + [entry for entry in theirs if entry[0] not in known]
