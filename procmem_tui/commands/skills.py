"""``procmem skills list|show ID|export OUT.json|import IN.json``: the skill library on disk.

Export is reproducible: keys sorted, no wall time, skills in a stable order (kind, then name, then id), floats
as written by ``json`` from float32 values — the same training run gives the same bytes. The export also carries
the agents' knowledge, the episode counter and the library's skill order (``knowledge_io``), so an empty library
that imports it continues exactly where the exporter stopped.
"""

from __future__ import annotations

import json

import numpy as np

from procmem_tui.cli import UserError
from procmem_tui.commands import knowledge_io
from procmem_tui.commands.common import add_library_args, open_store_or_fail

EXPORT_FORMAT = "procmem-skills/1"


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("skills", help="list, show, export or import learned skills",
                              description="Inspect the skill library: list, show ID, export OUT.json, import IN.json.")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, helptext in (("list", "list the skills"), ("show", "one skill in detail"),
                           ("export", "write every skill to a JSON file"), ("import", "add skills from a JSON file")):
        q = sub.add_parser(name, help=helptext, description=helptext)
        if name == "show":
            q.add_argument("id", metavar="ID", help="a skill id (or a unique prefix)")
        elif name in ("export", "import"):
            q.add_argument("path", metavar="OUT.json" if name == "export" else "IN.json")
        add_library_args(q)


def _order(skill) -> tuple:
    from procmem_tui.memory.skill import KINDS

    return (KINDS.index(skill.kind), skill.name, skill.id)


def skill_to_dict(skill, embedding: bool = False) -> dict:
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


def skill_from_dict(data: dict):
    from procmem_tui.memory.skill import Skill, SkillVersion

    skill = Skill(
        name=str(data["name"]), kind=str(data["kind"]), program=tuple(data["program"]), effect=tuple(data["effect"]),
        preconditions=frozenset(data["preconditions"]),
        embedding=np.asarray(data.get("embedding", []), dtype=np.float32), source=str(data["source"]),
        origin_episode=int(data["origin_episode"]), attempts=int(data["attempts"]), successes=int(data["successes"]),
        uses=int(data["uses"]), created_episode=int(data["created_episode"]),
        last_used_episode=int(data["last_used_episode"]),
        versions=tuple(SkillVersion(tuple(v["program"]), int(v["episode"])) for v in data.get("versions", [])),
        context=str(data.get("context", "")),
    )
    if "id" in data and data["id"] != skill.id:
        raise ValueError(f"skill {data['name']!r}: its id {data['id']!r} does not match its content ({skill.id})")
    return skill


def sorted_skills(library) -> list:
    return sorted(library, key=_order)


def run(args) -> int:
    store = open_store_or_fail(args)
    try:
        library = store.load_library()
        if args.action == "list":
            return _list(library)
        if args.action == "show":
            return _show(library, args.id)
        if args.action == "export":
            payload = {"format": EXPORT_FORMAT, "skills": [skill_to_dict(s, embedding=True) for s in sorted_skills(library)],
                       knowledge_io.SECTION: knowledge_io.export_section(store, library)}
            try:
                with open(args.path, "w", encoding="utf-8") as fh:
                    json.dump(payload, fh, indent=1, sort_keys=True, ensure_ascii=False)
                    fh.write("\n")
            except OSError as exc:
                raise UserError(f"cannot write {args.path}: {exc.strerror or exc}") from None
            print(f"exported {len(library)} skills to {args.path}")
            return 0
        return _import(store, library, args.path)
    finally:
        store.close()


def _list(library) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(library)} skills")
    for col in ("id", "name", "kind", "source", "length", "uses", "success"):
        table.add_column(col, justify="right" if col in ("length", "uses", "success") else "left")
    for s in sorted_skills(library):
        table.add_row(s.id, s.name, s.kind, s.source, str(s.length), str(s.uses),
                      f"{s.success_rate:.0%} ({s.successes}/{s.attempts})")
    Console().print(table)
    return 0


def _find(library, ident: str):
    matches = [s for s in library if s.id.startswith(ident)]
    if len(matches) != 1:
        raise UserError(f"no skill with id {ident!r}" if not matches else f"{ident!r} matches {len(matches)} skills")
    return matches[0]


def _show(library, ident: str) -> int:
    s = _find(library, ident)
    data = skill_to_dict(s)
    print(f"{s.name}  [{s.id}]")
    for key in ("kind", "source", "context", "effect", "program", "preconditions", "length", "uses"):
        value = data[key]
        print(f"  {key:14} {', '.join(map(str, value)) if isinstance(value, list) else value}")
    print(f"  {'success':14} {s.success_rate:.0%} ({s.successes}/{s.attempts}), posterior mean {s.posterior_mean:.2f}")
    print(f"  {'episodes':14} created {s.created_episode}, origin {s.origin_episode}, last used {s.last_used_episode}")
    for v in s.versions:
        print(f"  version (episode {v.episode}): {len(v.program)} steps")
    for other, sim in library.neighbours(s.id, 3):
        print(f"  neighbour {other.name} [{other.id}] cosine {sim:.2f}")
    return 0


def _import(store, library, path: str) -> int:
    try:
        with open(path, encoding="utf-8") as fh:
            payload = json.load(fh)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path} is not a JSON file: {exc}") from None
    if not isinstance(payload, dict) or payload.get("format") != EXPORT_FORMAT:
        raise UserError(f"{path} is not a procmem skills export (format {EXPORT_FORMAT})")
    try:
        skills = [skill_from_dict(item) for item in payload["skills"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"{path}: a skill entry is malformed: {exc}") from None
    section = knowledge_io.read_section(payload, path)
    kinds: dict[str, int] = {}
    for skill in knowledge_io.in_export_order(skills, section):
        try:
            result = library.add(skill, skill.last_used_episode)
        except ValueError as exc:
            raise UserError(f"{path}: {exc}") from None
        kinds[result.kind] = kinds.get(result.kind, 0) + 1
    with store.transaction():
        store.save_library(library)
        knowledge_io.apply_section(store, section)
    print(f"imported {len(skills)} skills from {path}: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    return 0
