"""One import's progress and Cancel: ``progress(done, total, text)`` over hashing, verifying
and copying, and the ``cancelled()`` question asked between chunks."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.errors import Cancelled

Progress = Callable[[int, int, str], None]  # (done, total, what is happening)


class Tracker:
    """One monotonic ``progress(done, total, text)`` over hashing, verifying and copying."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None):
        self._progress = progress
        self._cancelled = cancelled
        self.done, self.total, self.text = 0, 1, ""

    def plan(self, total: int) -> None:
        self.total = max(1, total, self.done)
        self._report()

    def say(self, text: str) -> None:
        self.text = text
        self._report()

    def advance(self, n: int) -> None:
        self.done += n
        self._report()
        self.check()

    def settle(self, done: int) -> None:
        self.done = max(self.done, done)
        self._report()

    def cancel_requested(self) -> bool:
        return self._cancelled is not None and bool(self._cancelled())

    def check(self) -> None:
        if self.cancel_requested():
            raise Cancelled("cancelled: the bundle was not imported; nothing was changed")

    def finish(self) -> None:
        self.done = self.total = max(self.done, self.total)
        self.text = "Done"
        self._report()

    def _report(self) -> None:
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total, self.text)
