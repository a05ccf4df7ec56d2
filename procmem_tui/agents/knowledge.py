"""What the procmem agent knows beyond its skills, as JSON: so a new process continues where the last one stopped.

``dump(agent)`` and ``restore(agent, data)`` back ``ProceduralAgent.knowledge()`` / ``restore_knowledge()``. The
document is ``{"version": VERSION, <part>: …}``, one entry per part of ``PARTS``:

* ``plays``: per level (its fingerprint), the episodes begun there and the number of the last one
  (``memory.plays``). An older document's ``rules`` part (counted interactions, now replaced by the world model)
  gives only these counts; ``model``, ``effects`` and ``tries`` of version 1 are ignored when read.
* ``world_model``: the learned world model (``memory.world_model.WorldModel.dump``): every effect seen, per unit
  (action, role, kind), with the situation's features, counts and the levels it was seen on. A document without
  it loads as an empty model; importing adds the facts only the import holds.
* ``failures``: per level, the tries (a step it could not undo: action, object kind and letter, keys held, cell) that led to a lost
  episode (``memory.failures``); a document without it remembers none.
* ``maps``: per level (keyed by ``level_fingerprint``, the SHA-1 of its text), the cells stood on, least recently
  played level first.
* ``level_maps``: per level (its fingerprint), what the agent has seen of it, each cell as last seen
  (``memory.level_map.LevelMap.dump``), least recently played level first: under fog a new process remembers
  the map it explored.
* ``rng``: the agent's ``numpy.random.Generator`` state; ``library``: the skill library's generator state and its
  retrieval count (its skills and their statistics are rows of the store, saved in the same transaction).
* ``episode``: the last episode the agent played (its number on the store's global counter).
* ``tried_last``: the levels (fingerprints; those ``plays`` still counts) whose last finished episode made a try
  (explored) or had one that pays wait for budget: such a level is not settled for habits (``agents/habit.py``), so a route that went where a hope led
  is replanned, also after a restart, not replayed as a habit.
* ``saved``: per level, the try budget its earlier episodes left unspent (a hunch that costs more than one
  episode's share waits until enough is saved, also across a restart); ``begun``: per level, the (door, key)
  fetch-first tries begun there (not begun again); ``routes``: per level, the steps of the last episode won there
  (the habit's route, weighed against the model's known plan). Levels ``plays`` no longer counts are dropped.

Parts marked ``anytime`` (the world model, failures, the visited cells and the level maps) are declarative: learned
from every step, not from an episode's end. ``with_learned(agent, stored)`` is the document to keep when an episode
is left unfinished (the app quit, a signal, ``train`` interrupted, another level chosen): the stored document with
those parts replaced by the agent's, everything an episode's end decides (plays, generators, the episode number,
``tried_last``) as stored (a level first played in it gets a row counting no play, for its name); the session writes it in a transaction of its own, and skills are untouched.

A part missing from a document leaves the agent's default (so a document written before a part existed still
loads); a part this version does not know is ignored. A document of a newer ``VERSION`` is ignored as a whole
(the agent starts without it, as before persistence existed); malformed data raises ``ValueError``.
To persist something new, add a ``Part`` here — the agent's decision code stays unaware of JSON.

``merge(existing, imported)`` is what ``procmem skills import`` does with a document from another library: what
the importing agent already knows wins, what it does not know is added (visited cells are united, levels whose
rules only the import counted are added), so
importing into an empty library gives exactly the exported knowledge and importing the same file twice changes
nothing the second time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from procmem_tui.memory import failures as failure_memory
from procmem_tui.memory.plays import Plays
from procmem_tui.memory.world_model import WorldModel, merge_dumps

log = logging.getLogger(__name__)

VERSION = 1


@dataclass(frozen=True)
class Part:
    """One piece of knowledge: how to read it off the agent as JSON data and how to put it back."""

    dump: Callable[[Any], Any]
    load: Callable[[Any, Any], None]
    merge: Callable[[Any, Any], Any] | None = None  # (existing, imported) -> merged; None: the existing one wins
    anytime: bool = False  # learned from every step (kept when an episode is left unfinished), not at an episode's end


def _cell(value) -> tuple[int, int]:
    x, y = value
    if not (isinstance(x, int) and isinstance(y, int)):
        raise ValueError(f"a cell must be two integers, not {value!r}")
    return (x, y)


def _letters(value) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise ValueError(f"keys held must be a list of letters, not {value!r}")
    return frozenset(value)


def _strings(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
        raise ValueError(f"events must be a list of names, not {value!r}")
    return tuple(value)


def _load_rules(agent, data) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("contexts", []), list):
        raise ValueError("rules must be an object with a list of contexts")
    agent.plays = Plays.from_rules(data)


def _load_plays(agent, data) -> None:
    agent.plays = Plays.load(data)


def _merge_plays(ours: list, theirs: list) -> list:
    known = {entry[0] for entry in ours}
    return ours + [entry for entry in theirs if entry[0] not in known]


def _load_model(agent, data) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("units", []), list):
        raise ValueError("the world model must be an object with a list of units")
    agent.model = WorldModel.load(data)


def _dump_maps(agent) -> list:
    return [[fingerprint, sorted(map(list, cells))] for fingerprint, cells in agent.maps.cells.items()]


def _load_maps(agent, data) -> None:
    agent.maps.cells = {str(fingerprint): {_cell(c) for c in cells} for fingerprint, cells in data}


def _dump_level_maps(agent) -> list:
    return [[fingerprint, m.dump()] for fingerprint, m in agent.level_maps.items()]


def _load_level_maps(agent, data) -> None:
    from procmem_tui.memory.level_map import LevelMap

    agent.level_maps = {str(fingerprint): LevelMap.load(m) for fingerprint, m in data}


def _add_new_levels(existing: list, imported: list) -> list:
    """Per level: a level both know keeps ours; levels only imported come first (least recently played)."""
    ours = {fingerprint for fingerprint, _ in existing}
    return [entry for entry in imported if entry[0] not in ours] + list(existing)


def _rng_state(generator: np.random.Generator) -> dict:
    return generator.bit_generator.state


def _set_rng(generator: np.random.Generator, state) -> None:
    if not isinstance(state, dict) or state.get("bit_generator") != type(generator.bit_generator).__name__:
        raise ValueError(f"a generator state of another kind: {str(state)[:60]}")
    generator.bit_generator.state = state


def _dump_library(agent) -> dict | None:
    library = agent.library
    return None if library is None else {"rng": _rng_state(library.rng), "retrievals": library.retrievals}


def _load_library(agent, data) -> None:
    if data is None or agent.library is None:
        return
    _set_rng(agent.library.rng, data["rng"])
    retrievals = data.get("retrievals", 0)
    if not isinstance(retrievals, int) or retrievals < 0:
        raise ValueError(f"retrievals must be a count, not {retrievals!r}")
    agent.library.retrievals = retrievals


def _load_episode(agent, data) -> None:
    if not isinstance(data, int):
        raise ValueError(f"episode must be a number, not {data!r}")
    agent.episode = data


def _load_tried_last(agent, data) -> None:
    if not isinstance(data, list) or not all(isinstance(f, str) for f in data):
        raise ValueError(f"tried_last must be a list of level fingerprints, not {str(data)[:60]}")
    agent.tried_last = set(data)


def _known_levels(agent, per_level: dict) -> list:
    return [[f, value] for f, value in sorted(per_level.items()) if f in agent.plays.plays]


def _per_level_values(check: Callable[[Any], Any]) -> Callable[[Any], dict]:
    """Read ``[[level fingerprint, value], …]`` into a dict, each value through ``check`` (raises ValueError)."""

    def read(data) -> dict:
        if not isinstance(data, list) or not all(isinstance(e, list) and len(e) == 2 and isinstance(e[0], str)
                                                 for e in data):
            raise ValueError(f"expected [[level, value], …], not {str(data)[:60]}")
        return {f: check(value) for f, value in data}

    return read


def _amount(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise ValueError(f"a saved budget must be a number of steps at least 0, not {value!r}")
    return float(value)


def _steps(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"a route must be a count of steps, not {value!r}")
    return value


def _pairs(value) -> set:
    if not isinstance(value, list):
        raise ValueError(f"tries begun must be a list of [door, key] cells, not {str(value)[:60]}")
    return {(_cell(door), _cell(key)) for door, key in value}


_read_saved, _read_routes, _read_begun = (_per_level_values(_amount), _per_level_values(_steps),
                                          _per_level_values(_pairs))


def _dump_begun(agent) -> list:
    return [[f, sorted([list(door), list(key)] for door, key in pairs)]
            for f, pairs in _known_levels(agent, agent.begun) if pairs]


def _per_level(unite: Callable[[list, list], list]) -> Callable[[list, list], list]:
    """Merge ``[[level fingerprint, items], …]``: items united per level; levels only imported come last."""

    def merge(existing: list, imported: list) -> list:
        theirs = {fingerprint: items for fingerprint, items in imported}
        ours = {fingerprint for fingerprint, _ in existing}
        merged = [[f, unite(items, theirs.get(f, []))] for f, items in existing]
        return merged + [[f, items] for f, items in imported if f not in ours]

    return merge


def _unite_cells(ours: list, theirs: list) -> list:
    return sorted(map(list, {tuple(c) for c in ours} | {tuple(c) for c in theirs}))


PARTS: dict[str, Part] = {
    "rules": Part(lambda agent: None, _load_rules),  # read only (older documents); "plays" replaces it
    "plays": Part(lambda agent: agent.plays.dump(), _load_plays, _merge_plays),
    "failures": Part(lambda agent: agent.failures.dump(),
                     lambda agent, data: setattr(agent, "failures", failure_memory.Failures.load(data)),
                     failure_memory.merge_dumps, anytime=True),
    "world_model": Part(lambda agent: agent.model.dump(), _load_model, merge_dumps, anytime=True),
    "maps": Part(_dump_maps, _load_maps, _per_level(_unite_cells), anytime=True),
    "level_maps": Part(_dump_level_maps, _load_level_maps, _add_new_levels, anytime=True),
    "rng": Part(lambda agent: _rng_state(agent.rng), lambda agent, data: _set_rng(agent.rng, data)),
    "library": Part(_dump_library, _load_library),
    "episode": Part(lambda agent: getattr(agent, "episode", 0), _load_episode),
    "tried_last": Part(lambda agent: sorted(f for f in agent.tried_last if f in agent.plays.plays), _load_tried_last,
                       lambda ours, theirs: sorted(set(ours) | set(theirs))),
    "saved": Part(lambda agent: _known_levels(agent, agent.saved),
                  lambda agent, data: setattr(agent, "saved", _read_saved(data)), _merge_plays),
    "begun": Part(_dump_begun, lambda agent, data: setattr(agent, "begun", _read_begun(data)), _merge_plays),
    "routes": Part(lambda agent: _known_levels(agent, agent.routes),
                   lambda agent, data: setattr(agent, "routes", _read_routes(data)), _merge_plays),
}


def dump(agent) -> dict:
    """The agent's knowledge as JSON-safe data (``json.dumps`` gives the same text for the same knowledge)."""
    parts = ((name, part.dump(agent)) for name, part in PARTS.items())
    return {"version": VERSION, **{name: data for name, data in parts if data is not None or name != "rules"}}


def with_learned(agent, stored: dict | None) -> dict:
    """The document to keep when an episode is left unfinished: ``stored`` (what the store holds, as of the last
    finished episode; None: nothing) with the ``anytime`` parts replaced by what the agent knows now."""
    version = stored.get("version") if isinstance(stored, dict) else None
    base = stored if isinstance(version, int) and not isinstance(version, bool) and version <= VERSION else {}
    learned = {name: part.dump(agent) for name, part in PARTS.items() if part.anytime}
    named = {} if "rules" in base and "plays" not in base else {"plays": _named(base.get("plays"), agent)}
    return {**base, "version": VERSION, **learned, **named}


def _named(plays, agent) -> list:
    """The stored play counts, and a row counting no play for the level under way if it has none: its name labels
    the evidence (``procmem knowledge``: "classic only"), while its count and last episode stay as stored."""
    plays = plays if isinstance(plays, list) else []
    level = getattr(agent, "fingerprint", "")
    if not level or any(isinstance(row, list) and row and row[0] == level for row in plays):
        return plays
    return plays + [[level, 0, None, getattr(agent, "level_name", "")]]


def restore(agent, data: dict) -> None:
    """Put knowledge from ``dump`` back into ``agent`` (see the module docstring for versions and missing parts)."""
    if not isinstance(data, dict):
        raise ValueError("knowledge must be a JSON object")
    version = data.get("version")
    if not isinstance(version, int):
        raise ValueError(f"knowledge has no version number ({version!r})")
    if version > VERSION:
        log.warning("knowledge of version %s is newer than this code's (%s); starting without it", version, VERSION)
        return
    for name, part in PARTS.items():
        if name in data:
            try:
                part.load(agent, data[name])
            except (AttributeError, ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"its {name!r} part is malformed ({exc})") from None


def merge(existing: dict | None, imported: dict) -> dict:
    """Knowledge from another library folded into ``existing`` (see the module docstring); both already checked."""
    if not existing:
        return imported
    merged = dict(existing)
    for name, part in PARTS.items():
        if name in imported:
            if name not in existing:
                merged[name] = imported[name]
            elif part.merge is not None:
                merged[name] = part.merge(existing[name], imported[name])
    return merged


def check(data: dict) -> None:
    """Raise ValueError unless ``data`` is knowledge a procmem agent can take (restored into a scratch agent)."""
    from procmem_tui.agents.procedural import ProceduralAgent
    from procmem_tui.memory.library import SkillLibrary

    if isinstance(data, dict) and isinstance(data.get("version"), int) and data["version"] > VERSION:
        raise ValueError(f"knowledge of version {data['version']} is newer than this procmem_tui reads ({VERSION})")
    restore(ProceduralAgent(library=SkillLibrary()), data)


MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError, RecursionError)
"""What restoring a malformed document can raise (a part of the wrong shape fails wherever it is first used)."""


def damage(data) -> str | None:
    """Why a stored document cannot be restored, in one phrase; None when it can. A newer ``VERSION``'s document
    is not damage: it is kept unread (``restore`` starts without it, the store does not overwrite it)."""
    if isinstance(data, dict) and isinstance(data.get("version"), int) and data["version"] > VERSION:
        return None
    try:
        check(data)
    except MALFORMED as exc:
        return str(exc)
    return None
