"""What the agent knows (``f``): its procedural memory (skills) and its declarative memory (the learned world model)
side by side — what this simulator is for.

Left, every skill with its kind, who it was learned from and how it has fared; right, the world model as
``procmem knowledge`` prints it (``memory.model_text``), as on the level being played: every effect with its
evidence, guesses and untried relations marked, under a heading per kind, then the tries it remembers as dead
ends (``memory.failures``), as ``procmem knowledge`` lists them, where there are any. Long lines wrap at words; both lists
scroll with j/k/g/G, tab moves between them. While the screen is open it follows the game: after every finished
episode both lists are read again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets.option_list import Option

from procmem_tui.memory.model_text import GUESS, KNOWN, UNSETTLED, UNTRIED, ModelLine, kind_heading, model_lines
from procmem_tui.safe_text import printable
from procmem_tui.tui.ascii_look import ascii_content
from procmem_tui.tui.widgets.lists import ViOptionList
from procmem_tui.tui.widgets.key_bar import dialog_keys
from procmem_tui.tui.widgets.skills import source_label

POLL_SECONDS = 0.5
MARK_STYLE = {GUESS: "italic $warning", UNSETTLED: "italic $warning"}


def skill_options(library) -> list[Option]:
    """One option per skill (insertion order): its name, then kind, source, uses and success."""
    if library is None:
        return [Option(Content.styled("this agent keeps no skills", "$text-muted"), disabled=True)]
    skills = list(library)
    if not skills:
        return [Option(Content.styled("no skills yet: they form when an episode is won", "$text-muted"),
                       disabled=True)]
    options = []
    for skill in skills:
        rate = f"{skill.successes}/{skill.attempts} worked" if skill.attempts else "not run yet"
        options.append(Option(Content.assemble(
            (printable(skill.name), "bold"), "\n",
            (f"{skill.kind}, from {source_label(skill)}, {skill.length} step{'s' if skill.length != 1 else ''}, {rate}",
             "$text-muted"),
        ), id=f"skill-{skill.id}"))
    return options


def model_options(lines: list[ModelLine] | None) -> list[Option]:
    """A heading per kind, then its lines: the situation, what happens in bold, the evidence dimmed."""
    if lines is None:
        return [Option(Content.styled("this agent keeps no world model", "$text-muted"), disabled=True)]
    options, kind = [], None
    if all(line.status == UNTRIED for line in lines):
        options.append(Option(Content.styled("nothing learned yet: not even that walls block, until it bumps into "
                                             "one", "$text-muted"), disabled=True))
    for i, line in enumerate(lines):
        if line.kind != kind:
            kind = line.kind
            options.append(Option(Content.styled(kind_heading(kind), "bold $accent"), disabled=True))
        mark = [] if line.status == KNOWN else [(f"{line.status} ", MARK_STYLE.get(line.status, "italic $text-muted"))]
        evidence = [(f" ({line.evidence})", "$text-muted")] if line.evidence else []
        options.append(Option(Content.assemble(*mark, f"{line.subject}: ", (line.claim, "bold"), *evidence),
                              id=f"line-{i}"))
    return options


DEAD_ENDS = "dead ends: a step it could not undo, then the episode lost"


def dead_end_options(ends: list[str]) -> list[Option]:
    """The remembered dead ends under their heading (nothing when none are remembered)."""
    if not ends:
        return []
    return [Option(Content.styled(DEAD_ENDS, "bold $accent"), disabled=True)] + [
        Option(printable(text), id=f"dead-end-{i}") for i, text in enumerate(ends)]


class KnowledgeScreen(ModalScreen):
    """``session``: the app's session; its agent's ``library`` and ``model`` (if it keeps them) are shown."""

    DEFAULT_CSS = """
    KnowledgeScreen { align: center middle; }
    #knowledge-dialog { width: 100%; height: 100%; max-width: 160; background: $surface; }
    #knowledge-title { height: 1; padding: 0 1; color: $text-muted; }
    #knowledge-columns { height: 1fr; }
    #knowledge-columns > ViOptionList { width: 1fr; height: 1fr; border: $panel-edge $primary; }
    #knowledge-columns > ViOptionList:focus { border: $panel-edge $accent; }
    """
    BINDINGS = [
        Binding("escape", "dismiss", "close", id="knowledge-close"),
        Binding("f", "dismiss", "close", show=False, id="knowledge-close-2"),
        Binding("tab", "app.focus_next", "other list", id="knowledge-switch"),
    ]

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self._seen_episodes = -1
        self._agent = None

    def compose(self) -> ComposeResult:
        with Vertical(id="knowledge-dialog"):
            yield Static(id="knowledge-title")
            with Horizontal(id="knowledge-columns"):
                yield ViOptionList(id="knowledge-skills")
                yield ViOptionList(id="knowledge-model")
        yield dialog_keys()

    def on_mount(self) -> None:
        self.query_one("#knowledge-skills").border_title = "skills: how to do things"
        self.query_one("#knowledge-model").border_title = "world model: what things do"
        self.refresh_lists()
        self.query_one("#knowledge-model").focus()
        self.set_interval(POLL_SECONDS, self._follow_the_game, name="knowledge-follow")

    def _follow_the_game(self) -> None:
        if len(self.session.history) != self._seen_episodes or self.session.agent is not self._agent:
            self.refresh_lists()

    def refresh_lists(self) -> None:
        """Read the skills and the model again (keeping each list's place)."""
        agent = self._agent = self.session.agent
        self._seen_episodes = len(self.session.history)
        model = getattr(agent, "model", None)
        names = getattr(getattr(agent, "plays", None), "names", None)  # level names by fingerprint, where kept
        seen = getattr(agent, "map", None)  # the agent's map of this level: kinds seen but never acted on
        kinds = {cell.kind for cell in seen.cells.values()} if seen is not None else ()
        level = getattr(agent, "level_id", "")
        lines = model_lines(model, level, names, kinds) if model is not None else None
        failures = getattr(agent, "failures", None)
        ends = failures.lines(names, level) if failures is not None and lines is not None else []
        for list_id, options in (("#knowledge-skills", skill_options(agent.library)),
                                 ("#knowledge-model", model_options(lines) + dead_end_options(ends))):
            widget = self.query_one(list_id, ViOptionList)
            highlighted = widget.highlighted
            widget.clear_options()
            widget.add_options([Option(ascii_content(o.prompt), id=o.id, disabled=o.disabled) for o in options])
            if highlighted is not None and highlighted < widget.option_count:
                widget.highlighted = highlighted
        skills = len(agent.library) if agent.library is not None else 0
        known = sum(1 for line in lines or () if line.status == KNOWN)
        title = f"What {printable(agent.name)} knows: {skills} skill{'s' if skills != 1 else ''}, {known} known effects"
        self.query_one("#knowledge-title", Static).update(
            Content.assemble((title, "bold"), ("  ·  tab switches, esc closes", "$text-muted")))
