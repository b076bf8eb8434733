"""The export's progress: its steps (workbook rows, photo bytes, the bundle) turned into one
monotonic ``progress(done, total, text)``, and its Cancel.

While the photo pass runs beside the calling thread (``with tracker.beside(photo_pass)``),
its bytes count towards the progress and its failure stops the calling thread's work at
its next progress report; progress is always reported from the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from desktop_app.errors import Cancelled

Progress = Callable[[int, int, str], None]  # (done, total, what is happening)


class Beside(Protocol):
    """Work running beside the calling thread (``bundle.photo_pass.PhotoPass``)."""

    def bytes_done(self) -> int: ...

    def raise_if_failed(self) -> None: ...


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
        self._beside: Beside | None = None  # the photo pass running now

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
        """Report what the work beside did since (from the calling thread)."""
        self._report()

    @contextmanager
    def beside(self, work: Beside) -> Iterator[None]:
        """Count *work*'s bytes, and let its failure stop the calling thread, meanwhile."""
        self._beside = work
        try:
            yield
        finally:
            self._beside = None
            self.side += work.bytes_done()

    def cancel_check(self) -> bool:
        return self._cancelled is not None and bool(self._cancelled())

    def cancel_check_or_raise(self) -> None:
        if self._beside is not None:
            self._beside.raise_if_failed()
        if self.cancel_check():
            raise Cancelled("cancelled: no bundle was written")

    def finish(self) -> None:
        self.done = self.total = max(self.done + self.side, self.total)
        self.side = 0
        self.text = "Done"
        self._report()

    def _report(self) -> None:
        if self._progress is not None:
            side = self.side + (self._beside.bytes_done() if self._beside is not None else 0)
            self._shown = max(self._shown, min(self.done + side, self.total))
            self._progress(self._shown, self.total, self.text)
