"""The export's progress: ``ProgressTracker`` plus the photo pass running beside the
calling thread.

While the photo pass runs (``with tracker.beside(photo_pass)``), its bytes count towards
the progress and its failure stops the calling thread's work at its next progress report;
progress is always reported from the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from desktop_app.progress_tracker import Progress, ProgressTracker

__all__ = ["Beside", "Progress", "Tracker"]


class Beside(Protocol):
    """Work running beside the calling thread (``bundle.photo_pass.PhotoPass``)."""

    def bytes_done(self) -> int: ...

    def raise_if_failed(self) -> None: ...


class Tracker(ProgressTracker):
    """The export's steps (workbook rows, photo bytes, the bundle) as one progress."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None):
        super().__init__(progress, cancelled, cancelled_message="cancelled: no bundle was written")
        self.side = 0  # bytes of photos zipped by the photo passes that have ended
        self._beside: Beside | None = None  # the photo pass running now

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

    def check(self) -> None:
        if self._beside is not None:
            self._beside.raise_if_failed()
        super().check()

    def finish(self) -> None:
        super().finish()
        self.side = 0

    def done_elsewhere(self) -> int:
        return self.side + (self._beside.bytes_done() if self._beside is not None else 0)
