"""The agent's decisions during autoplay, made in a thread (a Textual thread worker), so that keys and redraws go on
while it thinks: a plan on a large level takes tens of milliseconds, and on the event loop it held up every key and
frame meanwhile.

The main app's autoplay and the editor's trial screen both use it: the worker belongs to the node that owns the
``Thinking`` (the app, or the screen, whose workers end with it), and that node hears when it is done.

One decision at a time. ``start`` runs ``Session.decide`` in the worker; the owner takes the decision on the event
loop when the worker is done (``Session.take``), so autoplay plays exactly the steps ``Session.agent_step`` would,
in the same order. Every other call that touches the agent (a key, a restart, another level or agent, quitting)
waits on the session's lock for a decision under way, and a decision made on an observation the session has moved
on from is dropped by ``take``. A decision that is done after autoplay was paused is kept and is the agent's next
step (``take_now``: the step key, or autoplay resumed), so pausing never changes what the agent plays: its ``act``
is never asked twice for one observation.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.worker import Worker

    from procmem_tui.session import Session


class Ticket:
    """One decision under way: ``ready`` once the agent has answered (``result``: (observation, decision)) or
    failed (``error``)."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.result: tuple | None = None
        self.error: BaseException | None = None

    def outcome(self) -> tuple:
        """The decision made, waited for; the agent's error raised here, on the event loop."""
        self.ready.wait()
        if self.error is not None:
            raise self.error
        return self.result


class Thinking:
    """The decision under way or done and not taken yet (``ticket``), and the worker that makes it."""

    GROUP = "agent-decision"

    def __init__(self, owner: DOMNode) -> None:
        self.owner = owner
        self.ticket: Ticket | None = None

    @property
    def busy(self) -> bool:
        """A decision is under way (not done yet)."""
        return self.ticket is not None and not self.ticket.ready.is_set()

    def start(self, session: Session) -> Ticket:
        """Ask the agent for its next decision in a thread worker."""
        ticket = self.ticket = Ticket()

        def decide() -> Ticket:
            try:
                ticket.result = session.decide()
            except BaseException as error:  # noqa: BLE001 - raised again on the event loop (``Ticket.outcome``)
                ticket.error = error
            finally:
                ticket.ready.set()
            return ticket

        self.owner.run_worker(decide, thread=True, group=self.GROUP, name="the agent deciding", exit_on_error=False)
        return ticket

    def done(self, worker: Worker) -> Ticket | None:
        """The current ticket, if ``worker`` has just finished making it (else None: another worker, or a decision
        already taken or dropped)."""
        ticket = self.ticket
        if worker.group != self.GROUP or not worker.is_finished or worker.result is not ticket or ticket is None:
            return None
        return ticket

    def take_now(self) -> tuple | None:
        """The decision under way (waited for) or done and not taken, for a step that must happen now; None when
        there is none. It is handed out once."""
        ticket, self.ticket = self.ticket, None
        return None if ticket is None else ticket.outcome()

    def drop(self, ticket: Ticket) -> None:
        """``ticket`` is taken (or stale): forget it."""
        if self.ticket is ticket:
            self.ticket = None
