"""How often each level was played, the number of its last episode and its name: how long a route found there may
serve, and what to call a level whose evidence a view shows (levels are known by fingerprint; names only label).

Kept per level fingerprint (least recently played beyond ``limit`` forgotten), persisted with the agent's knowledge.
"""

from __future__ import annotations


class Plays:
    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self.plays: dict[str, int] = {}  # least recently played first
        self.last_episode: dict[str, int] = {}
        self.names: dict[str, str] = {}

    def note_play(self, level: str, episode: int | None = None, name: str = "") -> tuple[int, int | None]:
        """An episode begins on ``level``: how many began there before it, and the number of the last one."""
        before, last = self.plays.pop(level, 0), self.last_episode.get(level)
        self.plays[level] = before + 1
        if name:
            self.names[level] = name
        if episode is not None:
            self.last_episode[level] = episode
        while len(self.plays) > self.limit:
            gone = next(iter(self.plays))
            del self.plays[gone]
            self.last_episode.pop(gone, None)
            self.names.pop(gone, None)
        return before, last

    def dump(self) -> list:
        return [[level, n, self.last_episode.get(level), self.names.get(level, "")] for level, n in self.plays.items()]

    @classmethod
    def load(cls, data) -> "Plays":
        if not isinstance(data, list):
            raise ValueError("plays must be a list of [level, count, last episode]")
        found = cls()
        for row in data:
            if not isinstance(row, list) or len(row) not in (3, 4):
                raise ValueError(f"not a play count: {row!r}")
            level, n, last, name = (*row, "")[:4]
            if not isinstance(n, int) or n < 0 or not (last is None or isinstance(last, int)):
                raise ValueError(f"not a play count: {row!r}")
            found.plays[str(level)] = n
            if last is not None:
                found.last_episode[str(level)] = last
            if name:
                found.names[str(level)] = str(name)
        return found

    @classmethod
    def from_rules(cls, data) -> "Plays":
        """The play counts an older library kept inside its counted rules (``rules.contexts``)."""
        found = cls()
        for entry in (data or {}).get("contexts", []) if isinstance(data, dict) else []:
            if isinstance(entry, dict) and isinstance(entry.get("plays"), int):
                found.plays[str(entry.get("context"))] = entry["plays"]
                if isinstance(entry.get("last_episode"), int):
                    found.last_episode[str(entry.get("context"))] = entry["last_episode"]
                if entry.get("name"):
                    found.names[str(entry.get("context"))] = str(entry["name"])
        return found
