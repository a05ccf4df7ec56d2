"""The Why line: what the agent is doing now and why (its decision's reason and the skills it weighed).

Two lines, wrapped at words (never cut inside one):

    move_up · skill fetch a key 2/5 · planned: on key b (40% alike, expected to work 80%)
    plan: fetch key b → open door B → reach goal = 61 steps · weighed: fetch a key 0.81; open a door 0.42

The reason's first clause starts the first line, the rest of it and the skills weighed the second. What does
not fit ends in " … y" after a whole word: ``y`` shows the whole text (``text``) in a notice.
"""

from __future__ import annotations

from textual.content import Content

from procmem_tui.safe_text import printable
from procmem_tui.tui.ascii_look import ascii_content
from procmem_tui.tui.symbols import ascii_text, sym
from procmem_tui.tui.widgets.panel import TextPanel


MOUSE_HINT = "click a cell to walk there, a skill for its details"
MORE = " … y"  # the end of a Why text that goes on: y shows all of it


def word_lines(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) offsets of ``text``'s lines wrapped at spaces to ``width`` columns (its newlines kept); a
    word longer than the width is the only thing cut."""
    lines, start = [], 0
    for paragraph in text.split("\n"):
        begin, end = start, start + len(paragraph)
        while end - begin > width:
            cut = text.rfind(" ", begin, begin + width + 1)
            if cut <= begin:
                cut = begin + width
                lines.append((begin, cut))
                begin = cut
            else:
                lines.append((begin, cut))
                begin = cut + 1
        lines.append((begin, end))
        start = end + 1
    return lines


def fit_lines(content: Content, width: int, rows: int) -> tuple[Content, bool]:
    """``content`` wrapped at words into at most ``rows`` lines of ``width``; True if some was left out (then
    the last line ends in ``MORE`` after a whole word)."""
    plain = content.plain
    lines = word_lines(plain, max(1, width))
    cut = len(lines) > rows
    lines = lines[:rows]
    if cut:
        begin, end = lines[-1]
        room = max(0, width - len(MORE))  # the same width in ASCII
        if end - begin > room:
            space = plain.rfind(" ", begin, begin + room + 1)
            end = space if space > begin else begin + room
        lines[-1] = (begin, end)
    parts = [content[b:e] for b, e in lines]
    fitted = Content("\n").join(parts)
    return (fitted + Content.styled(MORE.replace("…", sym("ellipsis")), "bold $accent") if cut else fitted), cut


class WhyLine(TextPanel):
    DEFAULT_CSS = "WhyLine { height: 2; text-wrap: nowrap; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self._shown: object = None
        self._fitted: tuple[int, Content, Content, bool] | None = None  # (width, content, fitted, cut)

    def render(self) -> Content:
        width = self.content_region.width or self.size.width
        cached = self._fitted
        if cached is None or cached[0] != width or cached[1] is not self._content:
            fitted, cut = fit_lines(self._content, width, 2)
            cached = self._fitted = (width, self._content, fitted, cut)
        return cached[2]

    @property
    def cut(self) -> bool:
        """True when the text on screen leaves some out (``y`` shows all of it)."""
        if self._fitted is None or self._fitted[1] is not self._content:
            self.render()
        return self._fitted[3]

    def show_decision(self, decision) -> None:
        """``decision`` is an agents.base.Decision, or None when the player chose the last action."""
        if decision is self._shown:
            return
        self._shown = decision
        if decision is None:
            self.text = f"you play: arrows/WASD/hjkl move, p picks up, o opens · space: the agent plays\n{MOUSE_HINT}"
            self.update(Content.assemble(("you ", "bold $primary"), (self.text[4:], "$text-muted")))
            return
        muted = "$text-muted"
        parts: list = [(decision.action.value, "bold $accent")]
        if decision.skill_name:
            done, total = decision.progress or (0, 0)
            parts += [(" · skill ", muted), (printable(decision.skill_name), "bold $success"), (f" {done}/{total}", "bold")]
        first, _, rest = (decision.reason or "").partition("; ")
        mode, colon, tail = first.partition(": ")
        if not colon or mode not in ("memory", "planned", "explored"):
            mode, tail = "", first
        said = f"run '{decision.skill_name}'"
        if decision.skill_name and tail.startswith(said):  # the name is already there: keep the why
            first = f"{mode}: {tail[len(said):].strip()}" if mode else tail[len(said):].strip()
        if first:
            parts += [(" · ", muted), (printable(first), "")]
        parts.append("\n")
        if rest:
            parts.append((printable(rest.replace("; ", " · ")), ""))
        if decision.candidates:
            ranked = sorted(decision.candidates, key=lambda c: -c.score)[:3]
            parts.append((" · weighed: " if rest else "weighed: ", muted))
            for i, c in enumerate(ranked):
                if i:
                    parts.append(("; ", muted))
                parts += [(printable(c.name), "bold"), (f" {c.score:.2f}", muted)]
        content = ascii_content(Content.assemble(*parts))  # an agent's reasons: "plan: fetch key b → open door B"
        self.text = content.plain
        self.update(content)

    def show_text(self, text: str) -> None:
        text = ascii_text(text)
        self._shown = text
        self.text = text
        self.update(Content.styled(text, "$text-muted"))
