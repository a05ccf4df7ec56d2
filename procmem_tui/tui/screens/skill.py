"""A skill's details: preconditions, effect, program, versions, statistics, its embedding neighbours, and what
the agent's world model learned about the action the skill ends with (seen here and on other levels).

A list of every skill on the left (arrows move through it), the highlighted skill's details on the right.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from procmem_tui.safe_text import printable
from procmem_tui.tui.ascii_look import ascii_content
from procmem_tui.tui.widgets.skills import source_label
from procmem_tui.tui.widgets.lists import ViOptionList
from procmem_tui.tui.widgets.key_bar import dialog_keys


def _last_action(skill) -> str | None:
    """The action a skill ends with, as the world model files it (``move`` for a step into the object)."""
    if skill.kind == "composite" or not skill.program:
        return None
    last = skill.program[-1]
    return "move" if last.startswith("goto:") or last.startswith("move_") else last


def precondition_words(skill, context: str | None = None) -> str:
    """The preconditions as a person reads them: ``level:57e442c5c80c`` (a level's fingerprint) becomes the
    level's name, taken from the skill's name ("… (two_doors)"), else "this level" or "one level"."""
    named = skill.name.rsplit("(", 1)[1].rstrip(")") if skill.name.endswith(")") and "(" in skill.name else None
    words = []
    for fact in sorted(skill.preconditions):
        if fact.startswith("level:"):
            fingerprint = fact.removeprefix("level:")
            fact = f"level {named}" if named else ("this level" if fingerprint == context else "one level")
        words.append(fact)
    return ", ".join(words)


def describe(skill, neighbours, model=None, context: str | None = None) -> Content:
    """The details of one skill as styled text; ``neighbours`` is [(Skill, cosine)]; ``model`` the agent's
    ``memory.world_model.WorldModel`` (None: nothing shown), ``context`` the level being played ("this level")."""
    head = "$text-muted"
    rate = f"{round(100 * skill.success_rate)}% ({skill.successes}/{skill.attempts})" if skill.attempts else "not tried yet"
    parts: list = [
        (printable(skill.name), "bold $accent"), "\n",
        (f"{skill.kind} skill · learned from {source_label(skill)} in episode {skill.created_episode or skill.origin_episode}"
         f" · id {skill.id}", head), "\n\n",
        ("preconditions  ", head), (printable(precondition_words(skill, context)) or "none", ""), "\n",
        ("effect         ", head), (", ".join(skill.effect) or "none", "bold"), "\n",
        ("uses           ", head), (str(skill.uses), ""), ("   success ", head), (rate, ""),
        ("   last used ", head), (f"episode {skill.last_used_episode}" if skill.last_used_episode else "never", ""),
        "\n\n", (f"program ({skill.length} steps)", "bold"), "\n",
    ]
    for i, step in enumerate(skill.program, 1):
        parts += [(f"{i:>3}. ", head), (step, ""), "\n"]
    parts += ["\n", (f"versions ({len(skill.versions)})", "bold"), "\n"]
    if not skill.versions:
        parts += [("  only the program above", head), "\n"]
    for version in skill.versions:
        parts += [(f"  episode {version.episode}: ", head), (f"{len(version.program)} steps  ", "bold"),
                  (" ".join(version.program), ""), "\n"]
    parts += ["\n", ("nearest skills (cosine of embeddings)", "bold"), "\n"]
    if not neighbours:
        parts += [("  none", head), "\n"]
    for other, cosine in neighbours:
        parts += [(f"  {cosine:+.2f}  ", "bold"), (printable(other.name), ""), (f"  ({other.kind}, {source_label(other)})", head), "\n"]
    action = _last_action(skill)
    if model is not None and action is not None:
        parts += ["\n", (f"learned about {action}", "bold"), "\n"]
        lines = model.lines(action, context)
        for line in lines or ["  not tried yet"]:
            situation, _, counts = line.partition(": ")
            parts += [("  " + printable(situation) + ": ", head), (printable(counts), ""), "\n"] if counts else [(printable(line), head), "\n"]
    return ascii_content(Content.assemble(*parts))


class SkillScreen(ModalScreen):
    BINDINGS = [Binding("escape", "dismiss", "close", id="skill-close"),
                Binding("i", "dismiss", "close", show=False, id="skill-close-2")]

    def __init__(self, library, skill_id: str | None = None, model=None, context: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.skill_id = skill_id
        self.model = model
        self.context = context

    def compose(self) -> ComposeResult:
        yield dialog_keys()
        skills = list(self.library) if self.library is not None else []
        with Horizontal(id="skill-dialog"):
            if not skills:
                self.add_class("-empty")
                yield Label("No skills yet: win an episode (or let the agent win one) and its skills appear here.",
                            id="no-skills")
                return
            yield ViOptionList(*[Option(ascii_content(Content.assemble(printable(s.name), (f"  {source_label(s)}", "$text-muted"))), id=s.id)
                               for s in skills], id="skill-list")
            with VerticalScroll(id="skill-detail-box"):
                yield Static(id="skill-detail")

    def on_mount(self) -> None:
        if not self.query("#skill-list"):
            return
        options = self.query_one("#skill-list", OptionList)
        options.border_title = "skills"
        self.query_one("#skill-detail-box").border_title = "details"
        index = 0
        if self.skill_id is not None:
            try:
                index = options.get_option_index(self.skill_id)
            except Exception:  # a skill merged away since
                index = 0
        options.highlighted = index
        options.focus()
        self._show(options.get_option_at_index(index).id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option.id)

    def _show(self, skill_id: str | None) -> None:
        skill = self.library.get(skill_id) if skill_id else None
        if skill is None:
            return
        self.skill_id = skill_id
        try:
            neighbours = list(self.library.neighbours(skill_id, 5))
        except Exception:  # a library without embeddings yet
            neighbours = []
        self.query_one("#skill-detail", Static).update(describe(skill, neighbours, self.model, self.context))
