"""The rules a level may change: which key opens which door, and what becomes of the key.

Three level headers set them (DESIGN.md, "The world's rules"); leaving them out gives the tutorial's game:

- ``; doors: matching`` (default): a door opens with the key of its own letter. ``; doors: any``: any held key
  opens any door; the key used is the door's own letter if held, else the alphabetically first key held.
- ``; opens: aB bC cA``: exactly these key–door pairs open (key a opens door B, …); a door no pair names stays
  locked for good; when several held keys could open a door, the alphabetically first is used. ``doors: matching``
  is the same as ``opens: aA bB cC dD eE fF``. ``opens:`` and ``doors:`` are exclusive.
- ``; keys: kept`` (default): a key stays held after it opens a door. ``; keys: consumed``: the key used leaves
  the inventory.

This module is the one home of the door rule: :meth:`Rules.key_order` says which keys open a door and in which
order of preference; :meth:`Rules.key_for`, :meth:`Rules.opens` and :attr:`Rules.opens_table` all read it, and
``GridWorld.step`` and the solver (through a table it builds from ``key_for``) ask nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEYS = "abcdef"
DOOR_RULES = ("matching", "any")  # the values of the ``doors:`` header
KEY_RULES = ("kept", "consumed")
RULE_CHOICES: dict[str, tuple[str, ...]] = {"doors": DOOR_RULES, "keys": KEY_RULES}
PAIRS = "pairs"  # ``Rules.doors`` when an ``opens:`` pairing decides

_TOKEN = re.compile(r"[^\s,]+")


class PairingError(ValueError):
    """A bad ``opens:`` value; ``offset`` is where in the value text the fault is (for the parser's column)."""

    def __init__(self, offset: int, message: str) -> None:
        self.offset = offset
        super().__init__(message)


def parse_pairs(text: str) -> tuple[str, ...]:
    """``"aB bC, cA"`` → ``("aB", "bC", "cA")`` (sorted). Pairs are separated by spaces or commas.

    Raises :class:`PairingError` at the first malformed pair, unknown letter or repeated pair, or for no pair.
    """
    seen: dict[str, int] = {}
    for match in _TOKEN.finditer(text):
        token, at = match.group(), match.start()
        if len(token) != 2:
            raise PairingError(at, f"{_quoted(token)} is not a key–door pair: write a key letter a–f then a door "
                                   "letter A–F, like aB")
        key, door = token
        if key not in KEYS:
            raise PairingError(at, f"{key!r} is not a key letter (a–f) in the pair {token!r}")
        if door.lower() not in KEYS or not door.isupper():
            raise PairingError(at + 1, f"{door!r} is not a door letter (A–F) in the pair {token!r}")
        if token in seen:
            raise PairingError(at, f"the pair {token} is given twice")
        seen[token] = at
    if not seen:
        raise PairingError(0, "opens needs at least one key–door pair, like 'opens: aB bC cA'")
    return tuple(sorted(seen))


def _quoted(token: str, limit: int = 20) -> str:
    return repr(token if len(token) <= limit else token[:limit] + "…")


@dataclass(frozen=True)
class Rules:
    """One level's rule variant.

    ``doors`` is ``matching``, ``any`` or ``pairs`` (set by giving ``pairs``); ``keys`` is ``kept`` or
    ``consumed``; ``pairs`` are the ``opens:`` pairs as ``"aB"`` strings (a string ``"aB bC"`` is accepted too).
    """

    doors: str = "matching"
    keys: str = "kept"
    pairs: tuple[str, ...] = ()
    _order: dict[str, tuple[str, ...]] = field(init=False, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        pairs = self.pairs
        if isinstance(pairs, str) or pairs:
            set_(self, "pairs", parse_pairs(pairs if isinstance(pairs, str) else " ".join(pairs)))
        else:
            set_(self, "pairs", ())
        if self.pairs:
            if self.doors == "any":
                raise ValueError("opens (key–door pairs) and doors: any are exclusive: give one of them")
            set_(self, "doors", PAIRS)
        elif self.doors == PAIRS:
            raise ValueError("doors: pairs needs the pairs, e.g. Rules(pairs='aB bC cA')")
        for name, choices in RULE_CHOICES.items():
            value = getattr(self, name)
            if value not in choices and not (name == "doors" and value == PAIRS):
                raise ValueError(f"{name} must be {' or '.join(choices)}, not {value!r}")
        set_(self, "_order", {door: self._preference(door) for door in KEYS})

    def _preference(self, door: str) -> tuple[str, ...]:
        if self.doors == "matching":
            return (door,)
        if self.doors == "any":
            return (door, *(k for k in KEYS if k != door))
        return tuple(k for k in KEYS if f"{k}{door.upper()}" in self.pairs)

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_RULES

    @property
    def any_door(self) -> bool:
        return self.doors == "any"

    @property
    def paired(self) -> bool:
        """Whether an ``opens:`` pairing decides which key opens which door."""
        return self.doors == PAIRS

    @property
    def consumes(self) -> bool:
        return self.keys == "consumed"

    # -- the door rule: one definition, read three ways ----------------------------------------------------

    def key_order(self, door_letter: str) -> tuple[str, ...]:
        """The key letters that open a door of ``door_letter`` (either case), the preferred one first."""
        return self._order[door_letter.lower()]

    def key_for(self, door_letter: str, held) -> str | None:
        """The held key letter that opens a door of ``door_letter`` (either case), or None if none does."""
        for key in self._order[door_letter.lower()]:
            if key in held:
                return key
        return None

    def opens(self, key_letter: str, door_letter: str) -> bool:
        """Whether key ``key_letter`` can open a door of ``door_letter`` (held alone)."""
        return key_letter.lower() in self._order[door_letter.lower()]

    @property
    def opens_table(self) -> tuple[tuple[bool, ...], ...]:
        """6×6 booleans, ``[key][door]`` in ``abcdef`` order: which key opens which door (for array code).
        Which key is used when several held ones could: the first of :meth:`key_order`."""
        return tuple(tuple(self.opens(k, d) for d in KEYS) for k in KEYS)

    # -- how views say it ---------------------------------------------------------------------------------

    def pairs_text(self) -> str:
        """The pairing as written in the header, ``aB bC cA``; empty when no pairing is set."""
        return " ".join(self.pairs)

    def headers(self) -> tuple[str, ...]:
        """The header lines that state this variant (none for a default rule)."""
        lines = []
        if self.paired:
            lines.append(f"; opens: {self.pairs_text()}")
        elif self.doors != "matching":
            lines.append(f"; doors: {self.doors}")
        if self.keys != "kept":
            lines.append(f"; keys: {self.keys}")
        return tuple(lines)

    def _doors_phrase(self) -> str:
        if self.paired:
            return f"keys open doors {self.pairs_text()} only"
        return "any key opens any door" if self.any_door else "matching doors"

    def describe(self) -> str:
        """A short phrase for views: ``matching doors, keys kept``, ``any key opens any door, keys consumed`` or
        ``keys open doors aB bC cA only, keys kept``."""
        keys = "keys consumed" if self.consumes else "keys kept"
        return f"{self._doors_phrase()}, {keys}"

    def label(self) -> str:
        """The non-default parts for a title: ``any key opens any door · keys consumed``; empty for the defaults."""
        parts = [p for p, on in ((self._doors_phrase(), self.doors != "matching"), ("keys consumed", self.consumes))
                 if on]
        return " · ".join(parts)

    def as_headers_text(self) -> str:
        """The non-default rules as their header text, ``doors: any, keys: consumed`` or ``opens: aB bC cA``;
        empty for the defaults."""
        return ", ".join(line[2:] for line in self.headers())

    def short(self) -> str:
        """A compact tag for tables, titles and generated names: ``default``, ``any``, ``consumed``,
        ``any+consumed``, or the pairs joined by dots (``aB.bC.cA``, ``aB.bC.cA+consumed``)."""
        doors = ".".join(self.pairs) if self.paired else "any" if self.any_door else ""
        parts = [p for p in (doors, "consumed" if self.consumes else "") if p]
        return "+".join(parts) or "default"


DEFAULT_RULES = Rules()


def rules_from_options(
    doors: str | None = None, keys: str | None = None, base: Rules = DEFAULT_RULES, opens=None,
) -> Rules:
    """Rules from optional ``doors=``/``keys=``/``opens=`` options (generators, Gymnasium kwargs); None keeps
    ``base``'s. ``opens`` (pairs, ``"aB bC"``) replaces ``base``'s door rule, and so does ``doors``; giving both
    is a ValueError."""
    if opens is not None and doors is not None:
        raise ValueError("give opens= (key–door pairs) or doors=, not both")
    keys = base.keys if keys is None else keys
    if opens is not None:
        return Rules(keys=keys, pairs=opens)
    if doors is not None:
        return Rules(doors=doors, keys=keys)
    return Rules(doors=base.doors, keys=keys, pairs=base.pairs)
