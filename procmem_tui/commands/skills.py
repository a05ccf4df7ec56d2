"""``procmem skills list|show ID|export OUT.json|import IN.json``: the skill library on disk.

Export is reproducible: keys sorted, no wall time, skills in a stable order (kind, then name, then id), floats
as written by ``json`` from float32 values — the same training run gives the same bytes. The export also carries
the agents' knowledge, the episode counter and the library's skill order (``knowledge_io``), so an empty library
that imports it continues exactly where the exporter stopped. An import is checked whole before anything is
written (``memory.skill_file``, ``knowledge_io``) and merged in one transaction (``SkillStore.import_skills``).
"""

from __future__ import annotations

import json
import sys

from procmem_tui.cli import UserError
from procmem_tui.commands import knowledge_io
from procmem_tui.commands.common import STDOUT, add_library_args, nonempty, open_store_or_fail, write_output
from procmem_tui.commands.tables import table_console
from procmem_tui.memory.skill_file import (  # noqa: F401 - skill_to_dict, skill_from_dict: this module's public names
    EXPORT_FORMAT, MAX_FILE_BYTES, export_order, load_payload, parse_skills, skill_from_dict, skill_to_dict,
)
from procmem_tui.safe_text import literal, printable


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("skills", help="list, show, export or import learned skills",
                              description="Inspect the skill library: list, show ID, export OUT.json, import IN.json.")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, helptext in (("list", "list the skills"), ("show", "one skill in detail"),
                           ("export", "write every skill to a JSON file ('-': to stdout)"),
                           ("import", "add skills from a JSON file (all or nothing; never evicts learned skills)")):
        q = sub.add_parser(name, help=helptext, description=helptext)
        if name == "show":
            q.add_argument("id", metavar="ID", type=nonempty, help="a skill id (or a unique prefix)")
        elif name in ("export", "import"):
            q.add_argument("path", metavar="OUT.json" if name == "export" else "IN.json", type=nonempty)
        add_library_args(q)


def sorted_skills(library) -> list:
    return sorted(library, key=export_order)


def run(args) -> int:
    if args.action == "import":  # an unreadable file is refused before any library is opened (or made)
        from procmem_tui.userfiles import read_text

        text = read_text(args.path, MAX_FILE_BYTES, "skills export")
        _check_before_a_library_is_made(args, text)
    store = open_store_or_fail(args, read_only=args.action != "import")
    try:
        if args.action == "import":
            return _import(store, args.path, text)
        library = store.load_library()
        if args.action == "list":
            return _list(library)
        if args.action == "show":
            return _show(library, args.id)
        if args.action == "export":
            payload = {"format": EXPORT_FORMAT, "skills": [skill_to_dict(s, embedding=True) for s in sorted_skills(library)],
                       knowledge_io.SECTION: knowledge_io.export_section(store, library)}
            write_output(args.path, json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
            if args.path == STDOUT:  # the export is on stdout: the note goes beside it, not into it
                print(f"exported {len(library)} skills to stdout", file=sys.stderr)
            else:
                print(f"exported {len(library)} skills to {printable(args.path)}")
            return 0
    finally:
        store.close()


def _list(library) -> int:
    from rich.table import Table

    table = Table(title=f"{len(library)} skills")
    for col in ("id", "name", "kind", "source", "length", "uses", "success"):
        table.add_column(col, justify="right" if col in ("length", "uses", "success") else "left")
    for s in sorted_skills(library):
        table.add_row(s.id, literal(s.name), s.kind, s.source, str(s.length), str(s.uses),
                      f"{s.success_rate:.0%} ({s.successes}/{s.attempts})" if s.attempts else "—")
    table_console().print(table)
    return 0


def _find(library, ident: str):
    matches = [s for s in library if s.id.startswith(ident)]
    if len(matches) != 1:
        shown = repr(printable(ident)[:40])
        raise UserError(f"no skill with id {shown}" if not matches else f"{shown} matches {len(matches)} skills")
    return matches[0]


def _show(library, ident: str) -> int:
    s = _find(library, ident)
    data = skill_to_dict(s)
    print(f"{printable(s.name)}  [{s.id}]")
    for key in ("kind", "source", "context", "effect", "program", "preconditions", "length", "uses"):
        value = data[key]
        print(f"  {key:14} {printable(', '.join(map(str, value)) if isinstance(value, list) else value)}")
    # a skill never run is "not tried yet" and "never" used, as the app says (it read "0% (0/0)" and "last used 0")
    rate = f"{s.success_rate:.0%} ({s.successes}/{s.attempts})" if s.attempts else "not tried yet"
    print(f"  {'success':14} {rate}, posterior mean {s.posterior_mean:.2f}")
    print(f"  {'episodes':14} created {s.created_episode}, origin {s.origin_episode}, "
          f"last used {s.last_used_episode or 'never'}")
    for v in s.versions:
        print(f"  version (episode {v.episode}): {len(v.program)} steps")
    for other, sim in library.neighbours(s.id, 3):
        print(f"  neighbour {printable(other.name)} [{other.id}] cosine {sim:.2f}")
    return 0


def _check_before_a_library_is_made(args, text: str) -> None:
    """Where no library is there yet, the import would make one: the whole file is checked first, against the empty
    library it would make, so that a refused file leaves no new empty library behind (an existing library is
    checked against in ``_import``, and left byte for byte as it was)."""
    from pathlib import Path

    from procmem_tui.memory.store_file import default_library_location

    if getattr(args, "fresh", False) or Path(args.library or default_library_location()).exists():
        return
    payload = load_payload(text, printable(args.path))
    parse_skills(payload, printable(args.path))
    knowledge_io.read_section(payload, printable(args.path))


def _import(store, path: str, text: str) -> int:
    """Check the whole file (``text``, read from ``path``) first (``skill_file``), then merge it in one transaction
    (``SkillStore.import_skills``): all of it or none of it."""
    store.load_library()  # a damaged library is refused before anything is written to it
    payload = load_payload(text, printable(path))
    skills = parse_skills(payload, printable(path), known_ids=store.skill_ids())
    section = knowledge_io.read_section(payload, printable(path))
    with store.transaction():
        result = store.import_skills(knowledge_io.in_export_order(skills, section))
        knowledge_io.apply_section(store, section)
    print(f"imported {len(skills)} skills from {printable(path)}: {result.new} new, {result.updated} updated, "
          f"{result.unchanged} unchanged")
    return 0
