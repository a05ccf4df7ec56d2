"""The editor's live check: every edit is parsed and solved in a worker thread, one draft at a time.

After each edit the draft is parsed (the parser's own ``LevelError``, with its cell or header field); a valid
structure then goes to the solver. Both run in a thread worker, so a key only places a cell and redraws: one
check runs at a time, edits made meanwhile wait, only the newest is checked next, and an answer for an older
draft is dropped, so a burst of typing on a 64x64 level costs one solve, not one per key.

``LiveCheck`` is mixed into the editor screen, which provides ``draft``, ``source`` and ``_show()``.
"""

from __future__ import annotations

from textual import work

from procmem_tui.editing import Draft, Verdict, check_draft


class LiveCheck:
    """The verdict on screen (``verdict``) and the worker that keeps it up to date (``request_check``)."""

    def init_check(self, draft: Draft) -> None:
        self.verdict = Verdict(draft)  # the last answer of the worker (or of finish_check)
        self._generation = 0  # the edit count: a solver answer for an older draft is dropped
        self._solving = False
        self._wanted: tuple[Draft, str, int] | None = None  # the draft to solve once the solver is free

    def request_check(self) -> None:
        """The draft changed: check it when the worker is free (at once if it is)."""
        self._generation += 1
        self._wanted = (self.draft, self.source, self._generation)
        if not self._solving:
            self._start_check()

    def drop_pending(self) -> None:
        """Answers still on their way are for an older draft (a save or a final check decided)."""
        self._generation += 1
        self._wanted = None

    @property
    def checked(self) -> bool:
        """True once the verdict on screen is the final one for the current draft."""
        return self.verdict.solved and self.verdict.draft == self.draft

    def _start_check(self) -> None:
        """One worker at a time; edits made meanwhile wait, and only the newest is checked next."""
        wanted, self._wanted = self._wanted, None
        self._solving = True
        self._check(*wanted)

    @work(thread=True, exclusive=True, group="check")
    def _check(self, draft: Draft, source: str, generation: int) -> None:
        """Parse (an error is shown at once), then solve; each answer goes back to the UI thread."""
        verdict = None
        try:
            verdict = check_draft(draft, source, solve_it=False)
            if verdict.ok:
                self.app.call_from_thread(self._answer, verdict, generation, False)
                if self._wanted is None:  # else a newer draft is waiting: do not solve this one
                    verdict = check_draft(draft, source, solve_it=True)
        finally:
            self.app.call_from_thread(self._answer, verdict, generation, True)

    def _answer(self, verdict: Verdict | None, generation: int, last: bool) -> None:
        """A worker's answer: final ones replace the verdict; a parse that is fine only clears an old error
        (the last plan stays drawn until the new one arrives, so it does not blink at every key)."""
        if last:
            self._solving = False
        if not self.is_attached:
            return
        if verdict is not None and generation == self._generation and (verdict.solved or self.verdict.error is not None):
            self.verdict = verdict
            self._show()
        if last and self._wanted is not None:
            self._start_check()

    def finish_check(self) -> Verdict:
        """The final verdict now (parsing and solving on this thread if the worker has not answered yet)."""
        if not self.checked:
            self.drop_pending()
            self.verdict = check_draft(self.draft, self.source, solve_it=True)
            self._show()
        return self.verdict

