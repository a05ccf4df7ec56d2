"""What a valid skill is, checked strictly wherever skills come in from outside: an import file and a stored row.

One definition for both edges, so a skill that passes here can be ranked, run, stored and exported again: known
kind and source, a non-empty program of steps the agent can run (action names for ``motor``, action names and
``goto:<role>`` for ``abstract``, skill ids for ``composite``), integer counts (never bools or floats) within
``0..MAX_COUNT`` with ``successes <= attempts``, bounded lengths, and an embedding of ``EMBED_DIM`` finite numbers
(or none). A failure is a ``SkillFileError`` whose message says which skill and what is wrong.
"""

from __future__ import annotations

import math
import re

import numpy as np

from procmem_tui.memory.features import EMBED_DIM, LEGACY_DIM
from procmem_tui.memory.skill import ABSTRACT, COMPOSITE, KINDS, MOTOR, SOURCES, Skill, SkillVersion
from procmem_tui.world import ACTIONS

MAX_COUNT = 10**12  # attempts, successes, uses and episode numbers (SQLite and float64 hold them exactly)
MAX_TEXT = 300  # characters in a name, context, effect or precondition
MAX_PROGRAM = 2_000  # steps in one program
MAX_ITEMS = 512  # effects, preconditions or versions of one skill
ACTION_NAMES = frozenset(a.value for a in ACTIONS)
SKILL_ID = re.compile(r"[0-9a-f]{12}")


class SkillFileError(ValueError):
    """A skill (in an import file or a library row) that is not valid; ``str()`` is one line."""


ABSTRACT_STEP = re.compile(r"goto:[a-z][a-z_]{0,39}")


def is_abstract_step(step: str) -> bool:
    """An abstract program's step: an action, or ``goto:<role>`` (the agent binds the role to a cell)."""
    return step in ACTION_NAMES or ABSTRACT_STEP.fullmatch(step) is not None


def fit_text(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` shortened to ``limit`` characters, ending in "…" when cut: for names made here (a composite's
    chain of steps), so what the store writes is always what it reads back."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fit_versions(versions: tuple) -> tuple:
    """At most ``MAX_ITEMS`` versions: the first and the newest are kept (a skill improved more often than that
    would otherwise become a row the library refuses to read)."""
    return versions if len(versions) <= MAX_ITEMS else (versions[0], *versions[-(MAX_ITEMS - 1):])


def _fail(where: str, message: str) -> SkillFileError:
    return SkillFileError(f"{where}: {message}")


def check_count(value: object, field: str, where: str) -> int:
    if type(value) is not int:
        raise _fail(where, f"{field} must be a whole number, not {_kind(value)}")
    if not 0 <= value <= MAX_COUNT:
        raise _fail(where, f"{field} must be from 0 to {MAX_COUNT:,}, not {_short(value)}")
    return value


def check_text(value: object, field: str, where: str, *, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise _fail(where, f"{field} must be text, not {_kind(value)}")
    if len(value) > MAX_TEXT:
        raise _fail(where, f"{field} is {len(value):,} characters long (at most {MAX_TEXT})")
    if not empty and not value:
        raise _fail(where, f"{field} is empty")
    return value


def check_texts(value: object, field: str, where: str, *, limit: int = MAX_ITEMS) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        raise _fail(where, f"{field} must be a list of text, not {_kind(value)}")
    if len(value) > limit:
        raise _fail(where, f"{field} holds {len(value):,} items (at most {limit:,})")
    return tuple(check_text(item, f"an item of {field}", where) for item in value)


def check_program(value: object, kind: str, field: str, where: str) -> tuple[str, ...]:
    """A non-empty program whose every step the agent can run for a skill of ``kind``."""
    if not isinstance(value, (list, tuple)):
        raise _fail(where, f"{field} must be a list of steps, not {_kind(value)}")
    if not value:
        raise _fail(where, f"{field} is empty (a skill needs at least one step)")
    if len(value) > MAX_PROGRAM:
        raise _fail(where, f"{field} has {len(value):,} steps (at most {MAX_PROGRAM:,})")
    for i, step in enumerate(value, start=1):
        if not isinstance(step, str):
            raise _fail(where, f"step {i} of {field} must be text, not {_kind(step)}")
        if kind == MOTOR and step not in ACTION_NAMES:
            raise _fail(where, f"step {i} of {field} is {_short(step)}, not an action ({', '.join(sorted(ACTION_NAMES))})")
        if kind == ABSTRACT and not is_abstract_step(step):
            raise _fail(where, f"step {i} of {field} is {_short(step)}, not an action or goto:<role>")
        if kind == COMPOSITE and not SKILL_ID.fullmatch(step):
            raise _fail(where, f"step {i} of {field} is {_short(step)}, not a skill id (12 hex digits)")
    return tuple(value)


def check_embedding(value: object, where: str) -> np.ndarray:
    """``EMBED_DIM`` finite numbers (or none at all) as float32. One of ``LEGACY_DIM`` numbers (the layout before
    features were the same for every kind, ``memory/features.py``) reads as none: it measures other things."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        if len(raw) % 4:
            raise _fail(where, f"its embedding is {len(raw)} bytes, not whole float32 numbers")
        array = np.frombuffer(raw, dtype=np.float32).copy()
    elif isinstance(value, (list, tuple)):
        if not all(type(x) in (int, float) for x in value):
            raise _fail(where, "its embedding must hold numbers only")
        if len(value) not in (0, EMBED_DIM, LEGACY_DIM):
            raise _fail(where, f"its embedding has {len(value)} numbers, not {EMBED_DIM}")
        if not all(math.isfinite(x) and abs(x) <= 3.0e38 for x in value):
            raise _fail(where, "its embedding holds a number that is not finite (NaN, Infinity) or too big")
        array = np.asarray(value, dtype=np.float32)
    else:
        raise _fail(where, f"its embedding must be a list of numbers, not {_kind(value)}")
    if array.size not in (0, EMBED_DIM, LEGACY_DIM):
        raise _fail(where, f"its embedding has {array.size} numbers, not {EMBED_DIM}")
    if not np.isfinite(array).all():
        raise _fail(where, "its embedding holds a number that is not finite (NaN, Infinity)")
    return array if array.size != LEGACY_DIM else np.zeros(0, dtype=np.float32)


def check_skill(skill: Skill, where: str) -> Skill:
    """Every field of a built ``Skill`` (the checks the constructor leaves out); returns it."""
    check_text(skill.name, "name", where, empty=False)
    check_text(skill.context, "context", where)
    if skill.kind not in KINDS:
        raise _fail(where, f"kind {_short(skill.kind)} is not one of {', '.join(KINDS)}")
    if skill.source not in SOURCES:
        raise _fail(where, f"source {_short(skill.source)} is not one of {', '.join(SOURCES)}")
    check_program(skill.program, skill.kind, "its program", where)
    check_texts(skill.effect, "effect", where)
    check_texts(tuple(skill.preconditions), "preconditions", where)
    for field in ("origin_episode", "attempts", "successes", "uses", "created_episode", "last_used_episode"):
        check_count(getattr(skill, field), field, where)
    if skill.successes > skill.attempts:
        raise _fail(where, f"successes ({skill.successes}) exceed attempts ({skill.attempts})")
    if len(skill.versions) > MAX_ITEMS:
        raise _fail(where, f"it has {len(skill.versions):,} versions (at most {MAX_ITEMS})")
    for i, version in enumerate(skill.versions, start=1):
        check_program(version.program, skill.kind, f"the program of version {i}", where)
        check_count(version.episode, f"the episode of version {i}", where)
    check_embedding(np.asarray(skill.embedding, dtype=np.float32).tobytes(), where)
    return skill


def build_skill(fields: dict, where: str) -> Skill:
    """A ``Skill`` from already-decoded fields, every one checked (``fields`` holds the ``Skill`` arguments,
    ``versions`` as (program, episode) pairs and ``embedding`` as numbers or float32 bytes)."""
    kind = fields.get("kind")
    if kind not in KINDS:
        raise _fail(where, f"kind {_short(kind)} is not one of {', '.join(KINDS)}")
    versions = fields.get("versions", ())
    if not isinstance(versions, (list, tuple)) or len(versions) > MAX_ITEMS:
        raise _fail(where, f"versions must be a list of at most {MAX_ITEMS} entries")
    built_versions = []
    for i, pair in enumerate(versions, start=1):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise _fail(where, f"version {i} must be a program and an episode")
        program, episode = pair
        built_versions.append(SkillVersion(check_program(program, kind, f"the program of version {i}", where),
                                           check_count(episode, f"the episode of version {i}", where)))
    counts = {f: check_count(fields.get(f), f, where) for f in (
        "origin_episode", "attempts", "successes", "uses", "created_episode", "last_used_episode")}
    if counts["successes"] > counts["attempts"]:
        raise _fail(where, f"successes ({counts['successes']}) exceed attempts ({counts['attempts']})")
    try:
        skill = Skill(
            name=check_text(fields.get("name"), "name", where, empty=False), kind=kind,
            program=check_program(fields.get("program"), kind, "its program", where),
            effect=check_texts(fields.get("effect"), "effect", where),
            preconditions=frozenset(check_texts(fields.get("preconditions"), "preconditions", where)),
            embedding=check_embedding(fields.get("embedding", []), where),
            source=check_text(fields.get("source"), "source", where), context=check_text(fields.get("context", ""), "context", where),
            versions=tuple(built_versions), **counts,
        )
    except SkillFileError:
        raise  # already names the skill: wrapping it again doubled the prefix
    except ValueError as exc:
        raise _fail(where, str(exc)) from None
    return skill


def _kind(value: object) -> str:
    names = {bool: "true/false", float: "a fraction", int: "a number", str: "text", list: "a list", dict: "an object",
             type(None): "null", bytes: "bytes"}
    return names.get(type(value), type(value).__name__)


def _short(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return f"a {value.bit_length()}-bit number"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
