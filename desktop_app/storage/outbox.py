"""The outbox: every exported bundle with its upload state, oldest first.

A bundle enters the outbox by being exported (a row in ``export``, with the folder it was
written to when that is not ``exports/``: the outbox sends it from there); it has no
``upload_state`` row until the first attempt, and counts as *queued*. The state row keeps
what a restart needs to resume — the bundle's SHA-256, the tus upload URL and the last
offset headquarters confirmed — and what the clerk is shown: attempts, the next attempt,
the last error, and headquarters' signed receipt once it verified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.storage.database import utcnow, write_transaction
from desktop_app.storage.repository import Repository

QUEUED, UPLOADING, SENT, ACCEPTED, REJECTED = "queued", "uploading", "sent", "accepted", "rejected"
DECIDED = (ACCEPTED, REJECTED)

_STATE_COLUMNS = ("status", "bundle_sha256", "remote_url", "tus_url", "offset", "attempts",
                  "next_attempt_at", "last_attempt_at", "last_error", "receipt_json",
                  "receipt_problem", "decided_at", "reason")


@dataclass(frozen=True)
class OutboxEntry:
    campaign_id: str
    seq: int
    part: int
    parts: int
    file_name: str
    bytes: int
    exported_at: str
    manifest_sha256: str
    folder: str = ""  # where it was exported, when not in exports/ (a pen drive…)
    status: str = QUEUED
    bundle_sha256: str = ""
    remote_url: str = ""
    tus_url: str = ""
    offset: int = 0
    attempts: int = 0
    next_attempt_at: str | None = None
    last_attempt_at: str | None = None
    last_error: str = ""
    receipt_json: str | None = None
    receipt_problem: str = ""
    decided_at: str | None = None
    reason: str = ""

    @property
    def decided(self) -> bool:
        return self.status in DECIDED

    @property
    def percent(self) -> int:
        return min(100, 100 * self.offset // self.bytes) if self.bytes else 0



class OutboxRepository(Repository):

    def entries(self, campaign_id: str | None = None) -> list[OutboxEntry]:
        """Every exported bundle with its upload state, oldest first (the sending order)."""
        sql = ("SELECT e.campaign_id, e.seq, e.part, e.parts, e.file_name, e.bytes, "
               "e.created_at AS exported_at, e.manifest_sha256, e.folder, "
               + ", ".join(f"u.{c} AS u_{c}" for c in _STATE_COLUMNS)
               + " FROM export e LEFT JOIN upload_state u "
               "ON u.campaign_id = e.campaign_id AND u.seq = e.seq")
        params: list[Any] = []
        if campaign_id:
            sql += " WHERE e.campaign_id = ?"
            params.append(campaign_id)
        out = []
        for row in self.rows(sql + " ORDER BY e.created_at, e.campaign_id, e.seq", params):
            values = {k: v for k, v in row.items() if not k.startswith("u_")}
            if row["u_status"] is not None:
                values.update({c: row[f"u_{c}"] for c in _STATE_COLUMNS})
            out.append(OutboxEntry(**values))
        return out

    def pending(self) -> list[OutboxEntry]:
        """What ``upload`` still has to send or hear back about, in sending order."""
        return [e for e in self.entries() if not e.decided]

    def get(self, campaign_id: str, seq: int) -> OutboxEntry | None:
        return next((e for e in self.entries(campaign_id) if e.seq == seq), None)

    def update(self, campaign_id: str, seq: int, **changes: Any) -> None:
        """Set some state columns of one bundle (the row is created on first use)."""
        unknown = set(changes) - set(_STATE_COLUMNS)
        if unknown:
            raise ValueError(f"not upload-state columns: {sorted(unknown)}")
        changes["updated_at"] = utcnow()
        names = list(changes)
        with write_transaction(self.db):
            self.db.execute(
                f"INSERT INTO upload_state (campaign_id, seq, {', '.join(names)}) "
                f"VALUES (?, ?, {', '.join('?' * len(names))}) "
                f"ON CONFLICT (campaign_id, seq) DO UPDATE SET "
                + ", ".join(f"{n} = excluded.{n}" for n in names),
                [campaign_id, seq, *changes.values()])

    def record_decision(self, campaign_id: str, seq: int, *, accepted: bool, reason: str,
                        decided_at: str, receipt_json: str, bundle_sha256: str) -> None:
        """Headquarters' signed receipt, verified: the bundle is accepted or rejected. One
        path for a receipt fetched after an upload and one brought on a pen drive."""
        self.update(campaign_id, seq, status=ACCEPTED if accepted else REJECTED,
                    receipt_json=receipt_json, receipt_problem="", decided_at=decided_at,
                    reason=reason, last_error="", next_attempt_at=None, bundle_sha256=bundle_sha256)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for entry in self.entries():
            out[entry.status] = out.get(entry.status, 0) + 1
        return out


__all__ = ["ACCEPTED", "DECIDED", "QUEUED", "REJECTED", "SENT", "UPLOADING", "OutboxEntry",
           "OutboxRepository"]
