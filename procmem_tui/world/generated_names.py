"""A generated level's name read back as the level: ``rooms3-12-s7-consumed`` is ``generate("rooms", 12, 7, rooms=3,
keys="consumed")``.

The names the app, the library, ``procmem episodes`` and the benchmarks print (``generate.py`` makes them:
family, rooms, size, seed, and the rule variant at the end: ``any``, ``consumed``, pairs ``aB.bC.cA``, joined by
``+``) can be given wherever a level name is taken. Boxes and distractor keys are not in the name, so a name gives
the layout without them. Only a name the generator gives back exactly is read (``s07``, ``-default`` are not).
"""

from __future__ import annotations

import re

from procmem_tui.world.level import Level, LevelError

_NAME = re.compile(r"(doorkey|rooms([0-9]+))-([0-9]+)-s([0-9]+)(?:-([A-Za-z.+]+))?")


def level_from_generated_name(name: str) -> Level | None:
    """The level ``name`` names, or None when it is not a generated level's name. A name of that shape whose
    numbers the generator refuses (a size of 99) is a ``LevelError`` saying why."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    family_part, rooms, size, seed, rules = match.groups()
    options: dict = {} if rooms is None else {"rooms": int(rooms)}
    for part in (rules or "").split("+") if rules else ():
        if part == "any":
            options["doors"] = "any"
        elif part == "consumed":
            options["keys"] = "consumed"
        elif re.fullmatch(r"[a-f][A-F](\.[a-f][A-F])*", part):
            options["opens"] = part.replace(".", " ")
        else:
            return None
    from procmem_tui.world.generate import generate

    family = "rooms" if rooms is not None else family_part
    try:
        level = generate(family, int(size), int(seed), **options)
    except ValueError as exc:
        raise LevelError(name, 0, 0, f"read as a generated level's name, but {exc}") from None
    return level if level.name == name else None
