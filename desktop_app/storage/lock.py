"""One FieldDesk per data folder, enforced by an OS-level lock that dies with its process.

``filelock`` takes ``flock``/``LockFileEx`` on a file in the folder: a second process
is refused at once with one readable line, and a crash or ``kill -9`` releases the lock
with the process, so a stale lock never blocks the next start (unlike a PID file).
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from desktop_app.errors import DataFolderLockedError


class FolderLock:
    def __init__(self, path: Path):
        self._lock = FileLock(str(path), timeout=0, thread_local=False, fallback_to_soft=False)
        self.path = path

    def acquire(self) -> FolderLock:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise DataFolderLockedError(
                f"FieldDesk is already open on {self.path.parent} (close the other window first)"
            ) from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
