"""The Why line: what the agent is doing now and why (its decision's reason and the skills it weighed)."""

from __future__ import annotations

from textual.content import Content
from procmem_tui.tui.widgets.panel import TextPanel


class WhyLine(TextPanel):
    DEFAULT_CSS = "WhyLine { height: auto; }"

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
            self.text = "you have control: arrows/WASD/hjkl move, p picks up, o opens; space hands over"
            self.update(Content.assemble(("you ", "bold $primary"), (self.text[4:], "$text-muted")))
            return
        parts: list = [(f"{decision.action.value} ", "bold $accent")]
        if decision.skill_name:
            done, total = decision.progress or (0, 0)
            parts += [("skill ", "$text-muted"), (decision.skill_name, "bold $success"), (f" {done}/{total}  ", "bold")]
        parts.append((decision.reason or "", ""))
        if decision.candidates:
            ranked = sorted(decision.candidates, key=lambda c: -c.score)[:3]
            parts.append(("\nweighed: ", "$text-muted"))
            for i, c in enumerate(ranked):
                if i:
                    parts.append(("; ", "$text-muted"))
                parts += [(c.name, "bold"), (f" sim {c.similarity:.2f} p {c.posterior:.2f} → {c.score:.2f}", "$text-muted")]
        content = Content.assemble(*parts)
        self.text = content.plain
        self.update(content)

    def show_text(self, text: str) -> None:
        self._shown = text
        self.text = text
        self.update(Content.styled(text, "$text-muted"))
