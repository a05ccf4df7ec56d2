"""Whether a level has answered its one pairing question, "are keys alike here?", with no.

A door seen to open only while two keys were held leaves open which of them it needed. Before any object of its kind
stayed shut here while a key was held, every such doubt on a level is one question (does any key do, as on a level
where any key opens any door?), and one test answers it for every door: a settled level's first episode tests it at
face value (``ProceduralAgent._better_than_habit``). Once an object of the kind stayed shut here holding a key, the
answer is no, and a door's doubt is which key that door needs: its own question, which the level's earlier episodes
already priced (``skill_plan.risk``) against the route they settled on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from procmem_tui.agents.evidence import keys_differ
from procmem_tui.memory.world_model import BESIDE, HERE
from procmem_tui.world import State

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.agents.skill_plan import PlanStep


def answered_no(beliefs: "Beliefs", step: "PlanStep", state: State) -> bool:
    """Whether on this level an object of the kind ``step`` acts on, in the state it is in at ``state``, stayed
    unchanged by the step's action (in the step's role) while a key was held: keys are not alike here."""
    cell = step.target[1]
    lk = beliefs.look(cell, state)
    if lk is None:
        return False
    role = HERE if step.end == cell else BESIDE
    facts = beliefs.model.units.get((step.action.value, role, lk.kind), {})
    shape = "open" if lk.open or cell in state.opened else "closed"
    return keys_differ([f for f in facts.values() if shape in f.feats and beliefs.level in f.levels])
