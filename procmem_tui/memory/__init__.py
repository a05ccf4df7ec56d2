"""Procedural memory: skills, the skill library, extraction, and the SQLite store. Imports only ``world``.

The names below load with the module that defines them, on first use: importing one light module of the package
(``memory.trajectory``, ``memory.store_file``) does not load numpy or SQLite (the app paints its first frame
before it needs them)."""

from __future__ import annotations

import importlib

_HOMES = {
    "AddResult": "library", "SkillLibrary": "library", "Retrieved": "ranking", "explain": "ranking",
    "Skill": "skill", "SkillVersion": "skill", "EpisodeRow": "store", "SkillStore": "store", "StepRecord": "store",
    "StoreError": "store", "default_library_path": "store", "Trajectory": "trajectory", "Transition": "trajectory",
}

__all__ = [
    "AddResult", "EpisodeRow", "Retrieved", "Skill", "SkillLibrary", "SkillStore", "SkillVersion", "StepRecord",
    "StoreError", "Trajectory", "Transition", "default_library_path", "explain",
]


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
