"""``procmem knowledge [--json] [--level NAME]``: what the procmem agent has learned about the world.

Its declarative memory, beside the skills ``procmem skills`` lists: every effect the learned world model holds, as a
line with its evidence, what it still guesses and what it never tried, grouped by kind (``memory.model_text``), and
the tries it remembers as dead ends (``memory.failures``: a step it could not undo, then the episode lost).
Read from the library in a new process, as it was saved after the last episode (or after one left unfinished:
``Session.keep_unfinished``). ``--level`` asks as the agent
playing that level would (that level's evidence first, the other levels' only where it has none).
"""

from __future__ import annotations

import json

from procmem_tui.cli import UserError
from procmem_tui.commands import stored_knowledge
from procmem_tui.commands.common import add_library_args, load_level_or_fail, nonempty, open_store_or_fail
from procmem_tui.memory.model_text import GUESS, KNOWN, UNSETTLED, UNTRIED, model_json, model_lines, model_text
from procmem_tui.memory.world_model import WorldModel
from procmem_tui.safe_text import printable

AGENT = "procmem"
MODEL_KEY = "world_model"  # the knowledge document's part that holds the model (agents/knowledge.py)
FAILURES_KEY = "failures"  # ... and the one that holds the dead ends


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "knowledge", help="what the agent has learned about the world (its model), with evidence",
        description="Every effect procmem's learned world model holds, as a line with its evidence (how often seen, "
        "on how many levels), what it only guesses and what it never tried, grouped by kind of object. Read from "
        "the library as saved after the last episode, or after one left unfinished (quit, interrupted).",
    )
    p.add_argument("--json", action="store_true", help="print the lines as JSON instead of text")
    p.add_argument("--level", metavar="NAME|FILE", type=nonempty,
                   help="as on this level (a built-in level, a file or a level you saved): its evidence first")
    add_library_args(p)


def stored_model(document: dict | None, source: str) -> tuple[WorldModel, dict[str, str]]:
    """The model in a knowledge document (empty when there is none) and the level names it knows, by fingerprint.
    Raises ``UserError`` naming ``source`` when the model part is damaged."""
    document = document or {}
    try:
        model = WorldModel.load(document.get(MODEL_KEY, {}))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise UserError(f"{source}: the stored world model is unreadable ({str(exc)[:200]})") from None
    return model, level_names(document)


def dead_ends(document: dict | None, names: dict[str, str], fingerprint: str = "") -> list[str]:
    """The remembered dead ends as lines (of one level, or of all); a damaged part reads as a line saying so."""
    from procmem_tui.memory.failures import Failures

    try:
        failures = Failures.load((document or {}).get(FAILURES_KEY, []))
    except (ValueError, TypeError) as exc:
        return [f"the stored dead ends are unreadable ({str(exc)[:200]})"]
    return failures.lines(names, fingerprint)


def kinds_seen(document: dict | None, fingerprint: str = "") -> set[str]:
    """The kinds of object on the agent's stored maps (of one level, or of all): a kind seen but never acted on
    is listed as untried. A map that does not read is passed over (the model is what is shown)."""
    from procmem_tui.memory.level_map import LevelMap

    kinds: set[str] = set()
    maps = (document or {}).get("level_maps")
    for entry in maps if isinstance(maps, list) else ():
        try:
            level, data = entry
            if not fingerprint or level == fingerprint:
                kinds |= {cell.kind for cell in LevelMap.load(data).cells.values()}
        except (ValueError, TypeError, KeyError):
            continue
    return kinds


def level_names(document: dict) -> dict[str, str]:
    """Fingerprint -> level name, from the parts of the knowledge that keep names (levels are stored by
    fingerprint; names only label them)."""
    rules = document.get("rules")  # an older document's counted rules kept names too
    contexts = rules.get("contexts", []) if isinstance(rules, dict) else []
    names = {str(c["context"]): str(c["name"]) for c in contexts
             if isinstance(c, dict) and c.get("context") and c.get("name")}
    plays = document.get("plays")
    for row in plays if isinstance(plays, list) else []:
        if isinstance(row, list) and len(row) == 4 and row[3]:
            names[str(row[0])] = str(row[3])
    return names


def run(args) -> int:
    from procmem_tui.memory.features import level_fingerprint

    level = load_level_or_fail(args.level) if args.level else None
    fingerprint = level_fingerprint(level) if level is not None else ""
    with open_store_or_fail(args, read_only=True) as store:
        document = stored_knowledge.load(store, AGENT)
        model, names = stored_model(document, store.path)
    lines = model_lines(model, fingerprint, names, kinds_seen(document, fingerprint))
    ends = dead_ends(document, names, fingerprint)
    if args.json:
        payload = {"agent": AGENT, "level": level.name if level is not None else None,
                   **model_json(lines, model.steps_seen), "dead_ends": ends}
        print(json.dumps(payload, indent=1, ensure_ascii=False))
        return 0
    print(printable(_heading(lines, model, level, fingerprint)))
    print()
    for text in model_text(lines):
        print(printable(text))
    print()
    print("dead ends (a step it could not undo, then the episode lost):" if ends else
          "dead ends: none remembered (no episode was lost after a step it could not undo)")
    for text in ends:
        print(printable(f"  {text}"))
    return 0


def _heading(lines, model: WorldModel, level, fingerprint: str) -> str:
    counts = {status: sum(1 for ln in lines if ln.status == status) for status in (KNOWN, GUESS, UNSETTLED, UNTRIED)}
    parts = [f"{counts[KNOWN]} known", f"{counts[GUESS]} guessed"]
    parts += [f"{counts[UNSETTLED]} unsettled"] if counts[UNSETTLED] else []
    parts += [f"{counts[UNTRIED]} untried"]
    where = ""
    if level is not None:
        played = any(fingerprint in fact.levels for _, fact in model.facts())
        where = f" as on {level.name}" + ("" if played else " (never played there: other levels' evidence)")
    return f"What {AGENT} knows about the world{where}: {', '.join(parts)}; {model.steps_seen:,} steps seen"
