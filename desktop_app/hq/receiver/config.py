"""The receiver's limits and timeouts, in one dataclass (tests shrink them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.upload_protocol import MAX_CLOCK_SKEW_SECONDS

GIB = 1 << 30
MIB = 1 << 20


@dataclass(frozen=True)
class ReceiverConfig:
    """``root`` is the headquarters folder: the receiver keeps the bytes of uploads in
    ``root/uploads`` (partial, then received), the rest in headquarters' database."""

    root: Path
    max_upload_bytes: int = 2 * GIB  # one bundle (the format's own limit)
    office_quota_bytes: int = 4 * GIB  # all unfinished uploads of one office together
    office_max_open_uploads: int = 8
    expire_seconds: int = 7 * 24 * 3600  # an unfinished upload is deleted after this
    cleanup_interval_seconds: float = 3600.0
    clock_skew_seconds: int = MAX_CLOCK_SKEW_SECONDS
    body_idle_timeout_seconds: float = 60.0  # a PATCH that sends nothing for this long is cut
    lock_timeout_seconds: float = 15.0  # waiting for another request on the same upload
    write_buffer_bytes: int = 256 * 1024  # body bytes gathered before one write()
    commit_every_bytes: int = 1 * MIB  # fsync + offset committed at least this often
    finalize_wait_seconds: float = 20.0  # the last PATCH waits this long for its receipt
    stale_days: int = 7  # an office with no accepted bundle for this long is flagged
    log_rows: int = 200  # rows of the upload log on the status page
    import_workers: int = 1  # PostgreSQL: import workers in this process (0: hq worker only)

    @property
    def uploads_dir(self) -> Path:
        return Path(self.root) / "uploads"

    @property
    def partial_dir(self) -> Path:
        return self.uploads_dir / "partial"

    @property
    def received_dir(self) -> Path:
        return self.uploads_dir / "received"
