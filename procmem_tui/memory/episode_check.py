"""What a valid recorded episode is, checked strictly where episodes come in: a library row and an episode file.

The store and ``procmem replay --json`` decode through these functions, so both refuse the same things with a
one-line ``EpisodeError``: whole numbers that are floats, bools or out of range, non-finite rewards, a start state
whose position is off the grid or not a 2-tuple of integers, key letters other than a–f, "opened" cells that are
not doors and "taken" cells that are not keys of the episode's own level, malformed step records, oversized text.
"""

from __future__ import annotations

import math

from procmem_tui.memory.episodes import StepRecord
from procmem_tui.world import Level, LevelError, State, parse_level

MAX_WHOLE = 2**63 - 1
MAX_TEXT = 300
MAX_LEVEL_TEXT = 1_000_000
MAX_STEPS = 1_000_000
MAX_REASON = 2_000  # characters of a step's reason
KEY_LETTERS = frozenset("abcdef")
STATE_FIELDS = frozenset({"pos", "keys", "opened", "taken", "steps"})


class EpisodeError(ValueError):
    """An episode record that is not valid; ``str()`` is one line."""


def whole(value: object, field: str, where: str, *, optional: bool = False, low: int = 0, high: int = MAX_WHOLE) -> int | None:
    if value is None and optional:
        return None
    if type(value) is not int:
        raise EpisodeError(f"{where}: {field} must be a whole number, not {_kind(value)}")
    if not low <= value <= high:
        raise EpisodeError(f"{where}: {field} is out of range ({low} to {high})")
    return value


def number(value: object, field: str, where: str) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or abs(value) > 1e15:
        raise EpisodeError(f"{where}: {field} must be a finite number, not {_kind(value)}")
    return float(value)


def flag(value: object, field: str, where: str) -> bool:
    """true/false (an episode file) or 0/1 (a library row)."""
    if type(value) is bool or (type(value) is int and value in (0, 1)):
        return bool(value)
    raise EpisodeError(f"{where}: {field} must be true or false, not {_kind(value)}")


def text(value: object, field: str, where: str, *, optional: bool = False, limit: int = MAX_TEXT) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise EpisodeError(f"{where}: {field} must be text, not {_kind(value)}")
    if len(value) > limit:
        raise EpisodeError(f"{where}: {field} is {len(value):,} characters long (at most {limit:,})")
    return value


def items(value: object, field: str, where: str, limit: int = MAX_STEPS) -> list:
    if not isinstance(value, list):
        raise EpisodeError(f"{where}: {field} must be a list, not {_kind(value)}")
    if len(value) > limit:
        raise EpisodeError(f"{where}: {field} holds {len(value):,} items (at most {limit:,})")
    return value


def level_of(level_text: object, where: str) -> Level:
    level_text = text(level_text, "the level", where, limit=MAX_LEVEL_TEXT)
    try:
        return parse_level(level_text, source=where, check_solvable=False)
    except LevelError as exc:
        raise EpisodeError(f"{where}: its level does not parse ({exc.message})") from None


def position(value: object, field: str, level: Level, where: str) -> tuple[int, int]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise EpisodeError(f"{where}: {field} must be a pair [x, y], not {_kind(value)}")
    x = whole(value[0], f"{field}'s x", where, high=level.width - 1)
    y = whole(value[1], f"{field}'s y", where, high=level.height - 1)
    return (x, y)


def state(data: object, level: Level, where: str) -> State:
    """A start state that fits ``level``: on the grid, off walls and boxes, with known keys and real doors."""
    if not isinstance(data, dict) or set(data) != STATE_FIELDS:
        raise EpisodeError(f"{where}: the start state must have exactly {', '.join(sorted(STATE_FIELDS))}")
    pos = position(data["pos"], "the start position", level, where)
    if pos in level.walls or pos in level.boxes:
        raise EpisodeError(f"{where}: the start position {pos} is inside a wall or box")
    keys = items(data["keys"], "the keys held", where, limit=len(KEY_LETTERS))
    for letter in keys:
        if not isinstance(letter, str) or letter not in KEY_LETTERS:
            raise EpisodeError(f"{where}: a key held is {_kind(letter)}, not a letter a-f")
    opened = frozenset(position(p, "an opened door", level, where) for p in items(data["opened"], "the opened doors", where))
    not_doors = sorted(opened - set(level.doors))
    if not_doors:
        raise EpisodeError(f"{where}: the cell {not_doors[0]} is recorded as an opened door but is not a door")
    taken = frozenset(position(p, "a taken key", level, where) for p in items(data["taken"], "the taken keys", where))
    not_keys = sorted(taken - set(level.keys))
    if not_keys:
        raise EpisodeError(f"{where}: the cell {not_keys[0]} is recorded as a taken key but holds no key")
    if pos in level.doors and pos not in opened:
        raise EpisodeError(f"{where}: the start position {pos} is a closed door")
    return State(pos, frozenset(keys), opened, taken, whole(data["steps"], "the start's step count", where, high=MAX_STEPS))


def actions(data: object, where: str) -> tuple[str, ...]:
    names = items(data, "the actions", where)
    return tuple(text(name, f"action {i + 1}", where, limit=40) for i, name in enumerate(names))


def record(data: object, index: int, where: str) -> StepRecord:
    """One step record: [actor, skill id or null, reason, reward, events]."""
    if not isinstance(data, (list, tuple)) or len(data) != 5:
        raise EpisodeError(f"{where}: step {index} must be [actor, skill, reason, reward, events]")
    actor, skill_id, reason, reward, events = data
    return StepRecord(
        text(actor, f"step {index}'s actor", where), text(skill_id, f"step {index}'s skill", where, optional=True),
        text(reason, f"step {index}'s reason", where, limit=MAX_REASON), number(reward, f"step {index}'s reward", where),
        tuple(text(e, f"step {index}'s event", where, limit=40) for e in items(events, f"step {index}'s events", where, 16)),
    )


def learned(data: object, where: str) -> tuple[tuple[str, str, str], ...]:
    entries = []
    for i, entry in enumerate(items(data, "the skills learned", where, limit=10_000), start=1):
        if not isinstance(entry, (list, tuple)) or len(entry) != 3:
            raise EpisodeError(f"{where}: learned entry {i} must be [kind, skill id, name]")
        entries.append(tuple(text(v, f"learned entry {i}", where) for v in entry))
    return tuple(entries)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number out of range" if abs(value) > 10**40 else repr(value)
    if isinstance(value, float):
        return "a fraction" if math.isfinite(value) else repr(value)
    names = {str: "text", list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)
