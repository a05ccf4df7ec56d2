"""The skills export file (``procmem skills export`` / ``import``): its JSON form, written reproducibly and read
strictly.

Reading refuses the whole file at the first problem (one ``SkillFileError`` line naming the skill and what is
wrong): wrong format, a skill that fails ``skill_check``, an id that does not match the skill's content, the
same id twice, a composite step naming a skill that is neither in the file nor in the library, more than
``MAX_SKILLS`` skills. Merging the accepted skills into a library is the store's job (``SkillStore.import_skills``).
"""

from __future__ import annotations

import numpy as np

from procmem_tui.memory import strict_json
from procmem_tui.memory.skill import COMPOSITE, KINDS, Skill
from procmem_tui.memory.skill_check import SkillFileError, build_skill

EXPORT_FORMAT = "procmem-skills/1"
MAX_SKILLS = 100_000
MAX_FILE_BYTES = 64 * 1024 * 1024
_FIELDS = frozenset({
    "id", "name", "kind", "source", "program", "effect", "preconditions", "context", "length", "uses", "attempts",
    "successes", "success_rate", "origin_episode", "created_episode", "last_used_episode", "versions", "embedding",
})


def skill_to_dict(skill: Skill, embedding: bool = False) -> dict:
    """A skill as plain JSON-ready data (no wall time)."""
    data = {
        "id": skill.id, "name": skill.name, "kind": skill.kind, "source": skill.source,
        "program": list(skill.program), "effect": list(skill.effect), "preconditions": sorted(skill.preconditions),
        "context": skill.context, "length": skill.length, "uses": skill.uses, "attempts": skill.attempts,
        "successes": skill.successes, "success_rate": round(skill.success_rate, 6),
        "origin_episode": skill.origin_episode, "created_episode": skill.created_episode,
        "last_used_episode": skill.last_used_episode,
        "versions": [{"program": list(v.program), "episode": v.episode} for v in skill.versions],
    }
    if embedding:
        data["embedding"] = [float(x) for x in np.asarray(skill.embedding, dtype=np.float32)]
    return data


def export_order(skill: Skill) -> tuple:
    return (KINDS.index(skill.kind), skill.name, skill.id)


def skill_from_dict(data: object, where: str = "a skill") -> Skill:
    """One skill entry of an export, checked field by field. Raises ``SkillFileError``."""
    if not isinstance(data, dict):
        raise SkillFileError(f"{where}: must be an object, not {type(data).__name__}")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise SkillFileError(f"{where}: unknown field {unknown[0]!r}")
    for field in ("name", "kind", "source", "program", "effect", "preconditions", "attempts", "successes", "uses",
                  "origin_episode", "created_episode", "last_used_episode"):
        if field not in data:
            raise SkillFileError(f"{where}: the field {field!r} is missing")
    versions = data.get("versions", [])
    if not isinstance(versions, list):
        raise SkillFileError(f"{where}: versions must be a list")
    pairs = []
    for i, v in enumerate(versions, start=1):
        if not isinstance(v, dict) or set(v) != {"program", "episode"}:
            raise SkillFileError(f"{where}: version {i} must be an object with a program and an episode")
        pairs.append((v["program"], v["episode"]))
    fields = {k: data[k] for k in data if k not in ("id", "length", "success_rate", "versions")}
    fields["versions"] = pairs
    skill = build_skill(fields, where)
    if "id" in data and data["id"] != skill.id:
        raise SkillFileError(f"{where}: its id {str(data['id'])[:40]!r} does not match its content ({skill.id})")
    return skill


def parse_export(text: str, source: str, known_ids: frozenset[str] = frozenset()) -> list[Skill]:
    """The skills of an export file's text, all checked, or a ``SkillFileError`` (``known_ids``: skills already in
    the library, which composite steps may name)."""
    return parse_skills(load_payload(text, source), source, known_ids)


def load_payload(text: str, source: str) -> dict:
    """The top-level object of an export file (JSON as the standard allows it, nothing else)."""
    payload = strict_json.document(text, SkillFileError, source, "skills export")
    if not isinstance(payload, dict) or payload.get("format") != EXPORT_FORMAT:
        raise SkillFileError(f"{source}: not a procmem skills export (format {EXPORT_FORMAT})")
    unknown = sorted(set(payload) - {"format", "skills", "knowledge"})
    if unknown:
        raise SkillFileError(f"{source}: unknown top-level field {str(unknown[0])[:40]!r}")
    return payload


def parse_skills(payload: dict, source: str, known_ids: frozenset[str] = frozenset()) -> list[Skill]:
    """The checked skills of an export's top-level object (see ``parse_export``)."""
    items = payload.get("skills")
    if not isinstance(items, list):
        raise SkillFileError(f"{source}: 'skills' must be a list")
    if len(items) > MAX_SKILLS:
        raise SkillFileError(f"{source}: {len(items):,} skills is more than one import takes ({MAX_SKILLS:,})")
    skills, seen = [], set()
    for i, item in enumerate(items, start=1):
        name = item.get("name") if isinstance(item, dict) else None
        where = f"{source}: skill {i}" + (f" ({name[:60]!r})" if isinstance(name, str) else "")
        skill = skill_from_dict(item, where)
        if skill.id in seen:
            raise SkillFileError(f"{where}: the same skill (id {skill.id}) appears twice")
        seen.add(skill.id)
        skills.append(skill)
    available = seen | set(known_ids)
    for i, skill in enumerate(skills, start=1):
        if skill.kind == COMPOSITE:
            missing = [step for step in skill.program if step not in available]
            if missing:
                raise SkillFileError(f"{source}: skill {i} ({skill.name[:60]!r}) runs skill {missing[0]}, "
                                     "which is neither in the file nor in the library")
    return skills

