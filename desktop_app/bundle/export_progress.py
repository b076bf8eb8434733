"""The export's progress: its steps (workbook rows, photo bytes, the bundle) turned into one
monotonic ``progress(done, total, text)``, and its Cancel.

The photo pass runs beside the calling thread; its bytes are read from it (``attach``)
when progress is reported, always from the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.errors import Cancelled

Progress = Callable[[int, int, str], None]  # (done, total, what is happening)


class Tracker:
    """Turns the steps' progress into one monotonic ``progress(done, total, text)``."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None):
        self._progress = progress
        self._cancelled = cancelled
        self.done = 0
        self.side = 0  # bytes of photos zipped by the photo passes that have ended
        self.total = 1
        self.text = ""
        self._shown = 0
        self.worker: Any = None  # the running photo pass (bundle.photo_pass.ThreadPass)

    def plan(self, total: int) -> None:
        """Start counting towards *total* (again from 0 if the export starts over)."""
        self.done = self.side = self._shown = 0
        self.total = max(1, total)
        self._report()

    def grow(self, extra: int) -> None:
        self.total += max(0, extra)

    def say(self, text: str) -> None:
        self.text = text
        self._report()

    def advance(self, units: int) -> None:
        self.done += units
        self._report()
        self.cancel_check_or_raise()

    def settle(self, done: int) -> None:
        """Move to *done* (an estimate met or overshot): never backwards."""
        self.done = max(self.done, done)
        self._report()

    def tick(self) -> None:
        """Report what the worker did since (from the calling thread)."""
        self._report()

    def attach(self, worker: Any) -> None:
        self.worker = worker

    def detach(self) -> None:
        if self.worker is not None:
            self.side += self.worker.bytes_done()
            self.worker = None

    def cancel_check(self) -> bool:
        return self._cancelled is not None and bool(self._cancelled())

    def cancel_check_or_raise(self) -> None:
        if self.worker is not None and self.worker.failed():
            self.worker.result()  # raises its error (a damaged photo lets the workbook finish)
        if self.cancel_check():
            raise Cancelled("cancelled: no bundle was written")

    def finish(self) -> None:
        self.detach()
        self.done = self.total = max(self.done + self.side, self.total)
        self.side = 0
        self.text = "Done"
        self._report()

    def _report(self) -> None:
        if self._progress is not None:
            side = self.side + (self.worker.bytes_done() if self.worker is not None else 0)
            self._shown = max(self._shown, min(self.done + side, self.total))
            self._progress(self._shown, self.total, self.text)
