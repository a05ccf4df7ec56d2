"""Names shortened to a column's width at whole words, so that different names stay different.

Cutting every name at the column's last character gives ``fetch key a fro…`` for two different skills (they
differ only in where they start). Here a name that does not fit loses whole words, replaced by one ``…``
(``fetch key a …``), or by two when that is what keeps it apart from the others (``fetch … 0,0 …``). The first
form that fits and that no other name shown could also be read as wins, tried in this order: one gap at the end
(the name's start read whole), one gap inside, two gaps; each longest first. When none is distinct, the longest
with a gap at the end. Only a name whose first word alone does not fit is cut inside it.

``fitting`` does the same for a title that has a few forms, widest first (a border title, a subtitle).

Pure Python (no Textual): the skills table and the titles use it, the tests check it.
"""

from __future__ import annotations

from collections.abc import Iterable

from procmem_tui.tui.symbols import ascii_text

GAP = "…"  # drawn "~" where the app draws in ASCII: every name this module gives goes through ``ascii_text``


def cut(text: str, width: int) -> str:
    """The last resort: the first ``width - 1`` characters and "…"."""
    return ascii_text(text if len(text) <= width else text[: max(0, width - 1)] + GAP)


def _forms(words: list[str], width: int, runs: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """The forms of ``words`` that fit ``width`` with ``runs`` runs of words (never the first word) replaced by
    "…": with one run, those that keep the name's start whole (the gap at the end) first; each kind longest
    first."""
    n = len(words)
    spans = [(i, j) for i in range(1, n) for j in range(i + 1, n + 1)]
    if runs == 1:
        gap_sets = [[span] for span in spans]
    else:
        gap_sets = [[a, b] for a in spans for b in spans if b[0] > a[1] and b[0] < n]
    forms = [(_join(words, gaps), gaps) for gaps in gap_sets]
    forms = [(form, gaps) for form, gaps in forms if len(form) <= width]
    return sorted(forms, key=lambda fg: (fg[1][-1][1] != n, -len(fg[0]), -fg[1][0][0]))


def _join(words: list[str], gaps: list[tuple[int, int]]) -> str:
    parts, at = [], 0
    for start, end in gaps:
        parts += words[at:start] + [GAP]
        at = end
    return " ".join(parts + words[at:])


def _could_be(words: list[str], gaps: list[tuple[int, int]], other: list[str]) -> bool:
    """Whether ``other`` (a name's words) reads as this form too: the kept words appear in it in order, at
    its start, with each gap standing for at least one word, and the last kept words at its end."""
    pieces, at = [], 0
    for start, end in gaps:
        pieces.append(words[at:start])
        at = end
    tail = words[at:]
    head, middle = pieces[0], pieces[1:]
    if other[:len(head)] != head:
        return False
    position = len(head) + 1
    for piece in middle:
        found = next((p for p in range(position, len(other) - len(piece) + 1) if other[p:p + len(piece)] == piece),
                     None)
        if found is None:
            return False
        position = found + len(piece) + 1
    if not tail:
        return len(other) >= position
    return len(other) - len(tail) >= position and other[len(other) - len(tail):] == tail


def shorten(name: str, width: int, others: Iterable[str] = ()) -> str:
    """``name`` in at most ``width`` characters, as told in the module's docstring; ``others`` are the other
    names shown beside it."""
    return ascii_text(_shorten(name, width, others))


def _shorten(name: str, width: int, others: Iterable[str]) -> str:
    if len(name) <= width:
        return name
    words = name.split(" ")
    rivals = [o.split(" ") for o in others if o != name and o.split(" ", 1)[0] == words[0]]
    first = None
    for runs in (1, 2):
        for form, gaps in _forms(words, width, runs):
            if not any(_could_be(words, gaps, rival) for rival in rivals):
                return form
            first = first or form
    return first if first is not None else cut(name, width)


def fitting(room: int, *forms: str) -> str:
    """The first (widest) of ``forms`` that fits ``room`` columns whole, else the last one's words that fit:
    a border title is never cut inside a word (the episode panel and the log say the rest)."""
    return ascii_text(_fitting(room, *forms))


def _fitting(room: int, *forms: str) -> str:
    for form in forms:
        if len(form) <= room:
            return form
    words, kept = forms[-1].split(), ""
    for word in words:
        if len(kept) + len(word) + (1 if kept else 0) + 2 > room:
            return kept + " …" if kept else ""
        kept = f"{kept} {word}" if kept else word
    return kept


def shorten_all(names: dict[str, str], width: int) -> dict[str, str]:
    """Every name of ``names`` (id -> name) shortened to ``width`` against all the others."""
    texts = list(names.values())
    return {key: shorten(name, width, texts) for key, name in names.items()}
