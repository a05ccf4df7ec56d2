"""The ``knowledge`` section of a skills export: what the agents know beyond their skills travels with them.

``procmem skills export`` adds one optional top-level key to the ``procmem-skills/1`` file::

    "knowledge": {
      "agents": {"procmem": {"version": 1, "effects": …, "maps": …, …}},   # agents/knowledge.py, per agent
      "last_episode": 42,                      # the exporting library's episode counter
      "skill_order": ["3f…", "a1…", …]        # skill ids in the library's insertion order
    }

A file without it (written before it existed) imports as before: skills only. Importing checks the whole section
before anything is written (one line naming the file and the problem), then, in the same transaction as the
skills: each agent's knowledge is merged into the library's (``agents.knowledge.merge``: what the library already
knows wins, the rest is added), the episode counter moves above the exporter's (so imported skills' episode numbers
are on this library's clock), and skills are added in the exporter's order, so an empty library that imports a
file holds the same skills in the same order and the same knowledge, and its agent's first episode is the
exporter's, action for action.
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.cli import UserError
from procmem_tui.commands import stored_knowledge

SECTION = "knowledge"
_MAX_EPISODE = 2**62
_KEYS = frozenset({"agents", "last_episode", "skill_order"})


@dataclass(frozen=True)
class KnowledgeSection:
    agents: dict
    last_episode: int
    skill_order: tuple[str, ...]


def export_section(store, library) -> dict:
    """The section for an export of ``store`` whose skills are ``library``."""
    return {
        "agents": {name: stored_knowledge.load(store, name) for name in store.knowledge_agents()},
        "last_episode": store.last_episode(),
        "skill_order": [skill.id for skill in library],
    }


def read_section(payload: dict, source: str) -> KnowledgeSection | None:
    """The checked section of an export, or None when the file has none. Raises ``UserError``."""
    from procmem_tui.agents import knowledge

    if SECTION not in payload:
        return None
    data = payload[SECTION]
    where = f"{source}: the knowledge section"
    if not isinstance(data, dict):
        raise UserError(f"{where} must be an object")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise UserError(f"{where} has an unknown field {str(unknown[0])[:40]!r}")
    agents = data.get("agents", {})
    if not isinstance(agents, dict):
        raise UserError(f"{where}: 'agents' must be an object")
    for name, document in agents.items():
        if name != "procmem":
            raise UserError(f"{where}: knowledge of an unknown agent {str(name)[:40]!r} (only procmem keeps any)")
        try:
            knowledge.check(document)
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            raise UserError(f"{where}: the {name} agent's knowledge is malformed: {str(exc)[:200]}") from None
    last = data.get("last_episode", 0)
    if not isinstance(last, int) or isinstance(last, bool) or not 0 <= last <= _MAX_EPISODE:
        raise UserError(f"{where}: 'last_episode' must be a whole number from 0 to {_MAX_EPISODE}")
    order = data.get("skill_order", [])
    if not isinstance(order, list) or not all(isinstance(i, str) for i in order):
        raise UserError(f"{where}: 'skill_order' must be a list of skill ids")
    return KnowledgeSection(agents, last, tuple(order))


def in_export_order(skills: list, section: KnowledgeSection | None) -> list:
    """The skills in the exporter's library order (ids it does not list keep their file order, after the rest)."""
    if section is None:
        return skills
    rank = {sid: i for i, sid in enumerate(section.skill_order)}
    return sorted(skills, key=lambda s: rank.get(s.id, len(rank)))


def apply_section(store, section: KnowledgeSection | None) -> None:
    """Merge the section into the store; call inside the import's transaction."""
    from procmem_tui.agents import knowledge

    if section is None:
        return
    store.advance_episode_counter(section.last_episode)
    for name, document in sorted(section.agents.items()):
        merged = knowledge.merge(stored_knowledge.load(store, name), document)
        store.save_knowledge(name, merged, store.last_episode())
