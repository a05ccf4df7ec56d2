"""Who has control, shown in the episode panel; its own module so the app and its helpers share it.

- MANUAL: the person plays; any move key (even mid-skill, even in autoplay) switches here at once.
- AUTO: the agent plays at ``speed`` steps/s; space pauses.
- PAUSED: the agent keeps control but waits; space resumes.
- STEP: the agent keeps control and takes exactly one action per ``n``.
"""

MANUAL, AUTO, STEP, PAUSED = "MANUAL", "AUTO", "STEP", "PAUSED"
