"""Procedural memory: skills, the skill library, extraction, and the SQLite store. Imports only ``world``."""

from procmem_tui.memory.library import AddResult, SkillLibrary
from procmem_tui.memory.ranking import Retrieved, explain
from procmem_tui.memory.skill import Skill, SkillVersion
from procmem_tui.memory.store import EpisodeRow, SkillStore, StepRecord, StoreError, default_library_path
from procmem_tui.memory.trajectory import Trajectory, Transition

__all__ = [
    "AddResult", "EpisodeRow", "Retrieved", "Skill", "SkillLibrary", "SkillStore", "SkillVersion", "StepRecord",
    "StoreError", "Trajectory", "Transition", "default_library_path", "explain",
]
