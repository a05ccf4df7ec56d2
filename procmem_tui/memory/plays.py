"""How often each level was played and the number of its last episode: how long a route found there may serve.

Kept per level fingerprint (least recently played beyond ``limit`` forgotten), persisted with the agent's knowledge.
"""

from __future__ import annotations


class Plays:
    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self.plays: dict[str, int] = {}  # least recently played first
        self.last_episode: dict[str, int] = {}

    def note_play(self, level: str, episode: int | None = None) -> tuple[int, int | None]:
        """An episode begins on ``level``: how many began there before it, and the number of the last one."""
        before, last = self.plays.pop(level, 0), self.last_episode.get(level)
        self.plays[level] = before + 1
        if episode is not None:
            self.last_episode[level] = episode
        while len(self.plays) > self.limit:
            gone = next(iter(self.plays))
            del self.plays[gone]
            self.last_episode.pop(gone, None)
        return before, last

    def dump(self) -> list:
        return [[level, n, self.last_episode.get(level)] for level, n in self.plays.items()]

    @classmethod
    def load(cls, data) -> "Plays":
        if not isinstance(data, list):
            raise ValueError("plays must be a list of [level, count, last episode]")
        found = cls()
        for level, n, last in data:
            if not isinstance(n, int) or n < 0 or not (last is None or isinstance(last, int)):
                raise ValueError(f"not a play count: {[level, n, last]!r}")
            found.plays[str(level)] = n
            if last is not None:
                found.last_episode[str(level)] = last
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
        return found
