"""The Why line: what the agent is doing now and why (its decision's reason and the skills it weighed).

Two lines that never wrap (a long reason ends in "…" instead of pushing the rest out of sight):

    move_up · skill fetch a key 2/5 · run 'fetch a key' on key b (sim 0.40, post 0.80)
    plan: fetch key b → open door B → reach goal = 61 steps · weighed: fetch a key 0.81; open a door 0.42

The reason's first clause goes on the first line, the rest of it and the skills weighed on the second.
"""

from __future__ import annotations

from textual.content import Content

from procmem_tui.safe_text import printable
from procmem_tui.tui.widgets.panel import TextPanel


MOUSE_HINT = "click a cell to walk there, a skill for its details"


class WhyLine(TextPanel):
    DEFAULT_CSS = "WhyLine { height: 2; text-wrap: nowrap; text-overflow: ellipsis; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self._shown: object = None

    def show_decision(self, decision) -> None:
        """``decision`` is an agents.base.Decision, or None when the player chose the last action."""
        if decision is self._shown:
            return
        self._shown = decision
        if decision is None:
            self.text = f"you have control: arrows/WASD/hjkl move, p picks up, o opens; space hands over\n{MOUSE_HINT}"
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
        content = Content.assemble(*parts)
        self.text = content.plain
        self.update(content)

    def show_text(self, text: str) -> None:
        self._shown = text
        self.text = text
        self.update(Content.styled(text, "$text-muted"))
