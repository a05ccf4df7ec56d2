"""Recorded episodes as the store keeps them and hands them back: ``EpisodeRow``, ``StepRecord``, and their
conversion to and from table rows.

Apart from the store because replays and exports (``recording``) read the same records and state encoding
without needing a database.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone

from procmem_tui.memory import strict_json
from procmem_tui.memory.trajectory import Trajectory
from procmem_tui.world import State, format_level


SUMMARY_COLUMNS = (
    "id, episode, level_name, family, seed, agent, source, steps, optimal_steps, reward, success, terminated,"
    " truncated, started_at, skill_steps, library_size"
)
DETAIL_COLUMNS = f"{SUMMARY_COLUMNS}, level_text, start_json, actions, steps_json, learned"
INSERT_COLUMNS = (
    "episode, level_name, level_text, family, seed, agent, source, steps, optimal_steps, reward, success, terminated,"
    " truncated, started_at, start_json, actions, steps_json, skill_steps, library_size, learned"
)


@dataclass(frozen=True)
class StepRecord:
    """One recorded step: who chose it, the skill it belonged to, why, its reward and events."""

    actor: str
    skill_id: str | None
    reason: str
    reward: float
    events: tuple[str, ...]


@dataclass(frozen=True)
class EpisodeRow:
    """A recorded episode. ``list_episodes`` leaves ``level_text``, ``actions`` and ``step_records`` empty;
    ``get_episode`` fills them. ``started_at`` is the wall time the episode began (as the session reports it), ISO 8601 UTC."""

    id: int
    episode: int
    level_name: str
    family: str | None
    seed: int | None
    agent: str
    source: str
    steps: int
    optimal_steps: int | None
    reward: float
    success: bool
    terminated: bool
    truncated: bool
    started_at: str
    level_text: str = ""
    start: State | None = None
    actions: tuple[str, ...] = ()
    step_records: tuple[StepRecord, ...] = ()
    skill_steps: int = 0
    library_size: int | None = None
    learned: tuple[tuple[str, str, str], ...] = ()


def state_to_dict(state: State) -> dict:
    """A state as JSON-ready data, sets sorted (the same state gives the same bytes)."""
    return {
        "pos": list(state.pos), "keys": sorted(state.keys), "opened": sorted(map(list, state.opened)),
        "taken": sorted(map(list, state.taken)), "steps": state.steps,
    }


def state_from_dict(d: dict, level=None, where: str = "a state") -> State:
    """The state ``state_to_dict`` wrote; with ``level``, checked strictly against it (``episode_check.state``)."""
    if level is not None:
        from procmem_tui.memory import episode_check

        return episode_check.state(d, level, where)
    return State(
        tuple(d["pos"]), frozenset(d["keys"]), frozenset(tuple(p) for p in d["opened"]),
        frozenset(tuple(p) for p in d["taken"]), int(d["steps"]),
    )


def episode_to_row(
    t: Trajectory, library_size: int | None, started_at: datetime | None, optimal_steps: int | None,
    learned=(),
) -> tuple:
    """The values for ``INSERT_COLUMNS``; ``started_at`` defaults to now, ``optimal_steps`` is the caller's yardstick
    (None: unknown; the memory never runs the solver); ``learned`` are what the memory learned from it (objects with ``kind``, ``skill_id``, ``name``)."""
    from procmem_tui.memory.episode_check import MAX_REASON

    steps = [[s.actor, s.skill_id, _fit(s.reason, MAX_REASON), s.reward, list(s.events)] for s in t.transitions]
    return (
        t.episode, t.level.name, pack_text(format_level(t.level)), t.family, t.seed, t.agent, t.source, t.steps,
        optimal_steps, t.total_reward, int(t.success), int(t.terminated), int(t.truncated),
        (started_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"), json.dumps(state_to_dict(t.start)),
        pack_actions(t.actions), pack_text(json.dumps(steps, separators=(",", ":"))), t.skill_steps, library_size,
        json.dumps([[e.kind, e.skill_id, e.name] for e in learned]),
    )


# -- compact columns ------------------------------------------------------------------------------------------
# Since issue 19 the three large columns of a new episode row are BLOBs (SQLite stores a BLOB as given in a TEXT
# column): ``level_text`` and ``steps_json`` as b"z" + zlib-compressed UTF-8, ``actions`` as b"a" + zlib-compressed
# action codes (one byte each, ``world.ACTIONS`` order). Rows written before hold plain JSON text and read as before.
# States are never stored beyond the start: replay derives them. About 1 KB per 100-step episode instead of ~17 KB.

PACKED_TEXT, PACKED_ACTIONS = b"z", b"a"


def pack_text(text: str) -> bytes:
    return PACKED_TEXT + zlib.compress(text.encode("utf-8"), 6)


def pack_actions(actions) -> bytes:
    from procmem_tui.world import ACTIONS

    index = {action: i for i, action in enumerate(ACTIONS)}
    return PACKED_ACTIONS + zlib.compress(bytes(index[a] for a in actions), 9)


def unpack(value: object, field: str, where: str, limit: int):
    """A column as written: text as it is, a packed BLOB decompressed (at most ``limit`` bytes, so a damaged or
    hostile row cannot fill memory) — text for ``z``, the list of action names for ``a``. Raises ``EpisodeError``."""
    from procmem_tui.memory.episode_check import EpisodeError

    if not isinstance(value, bytes):
        return value
    kind, body = value[:1], value[1:]
    if kind not in (PACKED_TEXT, PACKED_ACTIONS):
        raise EpisodeError(f"{where}: its {field} is stored as bytes of an unknown kind")
    try:
        inflater = zlib.decompressobj()
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise EpisodeError(f"{where}: its {field} does not decompress ({exc})") from None
    if len(data) > limit or inflater.unconsumed_tail or not inflater.eof:
        raise EpisodeError(f"{where}: its {field} is damaged or longer than {limit:,} bytes")
    if kind == PACKED_ACTIONS:
        from procmem_tui.world import ACTIONS

        if any(code >= len(ACTIONS) for code in data):
            raise EpisodeError(f"{where}: its {field} holds an unknown action code")
        return [ACTIONS[code].value for code in data]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise EpisodeError(f"{where}: its {field} is not UTF-8 text") from None


def check_episode_row(values: tuple) -> EpisodeRow:
    """Read ``episode_to_row``'s values back as the store will (``episode_from_detail_row``): the store never
    writes an episode it would refuse to read. Raises ``EpisodeError``."""
    by_name = dict(zip((c.strip() for c in INSERT_COLUMNS.split(",")), values), id=1)
    return episode_from_detail_row(tuple(by_name[c.strip()] for c in DETAIL_COLUMNS.split(",")))


def episode_from_row(row) -> EpisodeRow:
    """An episode without its level text, actions and steps, from ``SUMMARY_COLUMNS``; every value checked
    (``episode_check``), a bad one is an ``EpisodeError``."""
    from procmem_tui.memory import episode_check as c

    (eid, episode, name, family, seed, agent, source, steps, optimal, reward, success, terminated, truncated,
     started, skill_steps, library_size) = row
    where = f"episode {eid if type(eid) is int else '?'}"
    return EpisodeRow(
        c.whole(eid, "its id", where), c.whole(episode, "its number", where), c.text(name, "its level name", where),
        c.text(family, "its family", where, optional=True), c.whole(seed, "its seed", where, optional=True),
        c.text(agent, "its agent", where), c.text(source, "its source", where), c.whole(steps, "its steps", where),
        c.whole(optimal, "its optimal steps", where, optional=True), c.number(reward, "its reward", where),
        c.flag(success, "success", where), c.flag(terminated, "terminated", where), c.flag(truncated, "truncated", where),
        c.text(started, "its start time", where), skill_steps=c.whole(skill_steps, "its skill steps", where),
        library_size=c.whole(library_size, "its library size", where, optional=True),
    )


def episode_from_detail_row(row) -> EpisodeRow:
    """A whole episode, from ``DETAIL_COLUMNS``; its start state is checked against its own level."""
    from procmem_tui.memory import episode_check as c

    summary = episode_from_row(row[:16])
    where = f"episode {summary.id}"
    level_text, start_json, actions, steps_json, learned = row[16:]
    level_text = unpack(level_text, "level", where, 4 * c.MAX_LEVEL_TEXT)
    level = c.level_of(level_text, where)
    records = c.items(_json(unpack(steps_json, "steps", where, 64 * 1024 * 1024), "steps", where), "the step records", where)
    actions = unpack(actions, "actions", where, c.MAX_STEPS)
    return EpisodeRow(
        **{**summary.__dict__, "level_text": level_text,
           "start": c.state(_json(start_json, "start", where), level, where),
           "actions": c.actions(actions if isinstance(actions, list) else _json(actions, "actions", where), where),
           "step_records": tuple(c.record(r, i, where) for i, r in enumerate(records, start=1)),
           "learned": c.learned(_json(learned, "learned", where), where)}
    )


def _fit(text: str, limit: int) -> str:
    """A reason longer than the library keeps is shortened, ending in "…" (it is an explanation, not data)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json(value: object, field: str, where: str):
    from procmem_tui.memory.episode_check import EpisodeError

    return strict_json.column(value, EpisodeError, where, f"{field} column", limit=64 * 1024 * 1024)

