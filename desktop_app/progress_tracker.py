"""A long job's progress and Cancel: its steps, counted in their own units (bytes, rows),
turned into one monotonic ``progress(done, total, text)``.

The export (``bundle.export_progress``) and headquarters' import use it; the worker that
runs a job (the GUI's ``ui.workers``, the CLI's progress bar) sees only ``progress`` and
``cancelled``.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.errors import Cancelled

Progress = Callable[[int, int, str], None]  # (done, total, what is happening)


class ProgressTracker:
    """``plan`` (and ``grow``) the total, ``advance``/``settle`` towards it, ``say`` what is
    happening; ``check`` raises ``Cancelled(cancelled_message)`` once Cancel is asked for.

    What is shown never goes backwards, and never past the total.
    """

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None, *,
                 cancelled_message: str = "cancelled"):
        self._progress = progress
        self._cancelled = cancelled
        self.cancelled_message = cancelled_message
        self.done = 0
        self.total = 1
        self.text = ""
        self._shown = 0

    def plan(self, total: int) -> None:
        """Count towards *total* (never below what is done already)."""
        self.total = max(1, total, self.done)
        self._report()

    def grow(self, extra: int) -> None:
        self.total += max(0, extra)

    def say(self, text: str) -> None:
        self.text = text
        self._report()

    def advance(self, units: int) -> None:
        self.done += units
        self._report()
        self.check()

    def settle(self, done: int) -> None:
        """Move to *done* (an estimate met or overshot): never backwards."""
        self.done = max(self.done, done)
        self._report()

    def cancel_requested(self) -> bool:
        return self._cancelled is not None and bool(self._cancelled())

    def check(self) -> None:
        if self.cancel_requested():
            raise Cancelled(self.cancelled_message)

    def finish(self) -> None:
        self.done = self.total = max(self.done + self.done_elsewhere(), self.total)
        self.text = "Done"
        self._report()

    def done_elsewhere(self) -> int:
        """Units done by work beside the calling thread (none here; see the export's)."""
        return 0

    def _report(self) -> None:
        if self._progress is not None:
            self._shown = max(self._shown, min(self.done + self.done_elsewhere(), self.total))
            self._progress(self._shown, self.total, self.text)
