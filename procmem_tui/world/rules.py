"""The rules a level may change: which key opens which door, and what becomes of the key.

Two level headers set them (DESIGN.md, "The world's rules"); leaving them out gives the tutorial's game:

- ``; doors: matching`` (default): a door opens with the key of its own letter. ``; doors: any``: any held key
  opens any door; the key used is the door's own letter if held, else the alphabetically first key held.
- ``; keys: kept`` (default): a key stays held after it opens a door. ``; keys: consumed``: the key used leaves
  the inventory.

``GridWorld.step`` and the solver both ask :meth:`Rules.key_for` which key a door would use, so the two can
never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

DOOR_RULES = ("matching", "any")
KEY_RULES = ("kept", "consumed")
RULE_CHOICES: dict[str, tuple[str, ...]] = {"doors": DOOR_RULES, "keys": KEY_RULES}


@dataclass(frozen=True)
class Rules:
    """One level's rule variant: ``doors`` is ``matching`` or ``any``; ``keys`` is ``kept`` or ``consumed``."""

    doors: str = "matching"
    keys: str = "kept"

    def __post_init__(self) -> None:
        for name, choices in RULE_CHOICES.items():
            value = getattr(self, name)
            if value not in choices:
                raise ValueError(f"{name} must be {' or '.join(choices)}, not {value!r}")

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_RULES

    @property
    def any_door(self) -> bool:
        return self.doors == "any"

    @property
    def consumes(self) -> bool:
        return self.keys == "consumed"

    def key_for(self, door_letter: str, held) -> str | None:
        """The held key letter that opens a door of ``door_letter`` (either case), or None if none does."""
        own = door_letter.lower()
        if own in held:
            return own
        if self.doors == "any" and held:
            return min(held)
        return None

    def headers(self) -> tuple[str, ...]:
        """The header lines that state this variant (none for a default rule)."""
        lines = []
        if self.doors != "matching":
            lines.append(f"; doors: {self.doors}")
        if self.keys != "kept":
            lines.append(f"; keys: {self.keys}")
        return tuple(lines)

    def describe(self) -> str:
        """A short phrase for views: ``matching doors, keys kept`` or ``any key opens any door, keys consumed``."""
        doors = "any key opens any door" if self.any_door else "matching doors"
        keys = "keys consumed" if self.consumes else "keys kept"
        return f"{doors}, {keys}"

    def label(self) -> str:
        """The non-default parts for a title: ``any key opens any door · keys consumed``; empty for the defaults."""
        parts = [p for p, on in (("any key opens any door", self.any_door), ("keys consumed", self.consumes)) if on]
        return " · ".join(parts)

    def as_headers_text(self) -> str:
        """The non-default rules as their header text, ``doors: any, keys: consumed``; empty for the defaults."""
        return ", ".join(line[2:] for line in self.headers())

    def short(self) -> str:
        """A compact tag for tables and titles: ``default``, ``any``, ``consumed`` or ``any+consumed``."""
        parts = [p for p, on in (("any", self.any_door), ("consumed", self.consumes)) if on]
        return "+".join(parts) or "default"


DEFAULT_RULES = Rules()


def rules_from_options(doors: str | None = None, keys: str | None = None, base: Rules = DEFAULT_RULES) -> Rules:
    """Rules from optional ``doors=``/``keys=`` options (generators, Gymnasium kwargs); None keeps ``base``'s."""
    return Rules(doors=base.doors if doors is None else doors, keys=base.keys if keys is None else keys)
