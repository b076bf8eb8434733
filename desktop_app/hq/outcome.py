"""What an import says about a bundle: ``ImportOutcome`` (for receipts, ``hq import``'s line
and the import queue), ``ImportFailed``, and the ``Attempt`` an import fills in as it goes
(the import log's row is made from it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.errors import FieldDeskError

ACCEPTED, ALREADY_IMPORTED, REJECTED = "accepted", "already_imported", "rejected"
LOG_RESULT = {ACCEPTED: "accepted", ALREADY_IMPORTED: "unchanged", REJECTED: "rejected"}


class ImportFailed(FieldDeskError):
    """Headquarters could not finish an import for a reason of its own (disk, database).

    The bundle was neither accepted nor rejected: nothing was written; try again later.
    """


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one bundle: what a receipt reports and ``hq import`` prints.

    ``status`` is ``accepted``, ``already_imported`` (the same bundle was accepted before:
    nothing changed) or ``rejected`` (``reason`` says why, in one line). Identity fields are
    None when the bundle was refused before its manifest could be read.
    """

    status: str
    reason: str
    file_name: str
    bundle_sha256: str | None
    bytes: int | None
    office_code: str | None = None
    campaign_id: str | None = None
    seq: int | None = None
    manifest_sha256: str | None = None
    flags: tuple[str, ...] = ()
    photos_stored: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    at: str = ""
    log_id: int | None = None

    @property
    def accepted(self) -> bool:
        """True when headquarters holds this bundle (now, or from an earlier import)."""
        return self.status != REJECTED

    @property
    def changed(self) -> bool:
        return self.status == ACCEPTED

    def line(self) -> str:
        """One line for people: ``accepted  FILE  office DL-001, campaign …, seq 3 (flags)``."""
        who = []
        if self.office_code:
            who.append(f"office {self.office_code}")
        if self.campaign_id:
            who.append(f"campaign {self.campaign_id}")
        if self.seq is not None:
            who.append(f"seq {self.seq}")
        text = f"{self.status.replace('_', ' ')}: {self.file_name}"
        if who:
            text += f" ({', '.join(who)})"
        if self.status == ACCEPTED:
            text += f": {sum(self.rows.values()):,} rows, {self.photos_stored} new photos"
        elif self.status == ALREADY_IMPORTED:
            text += ": nothing changed"
        elif self.reason:
            text += f": {self.reason}"
        if self.flags:
            text += f" [flagged: {'; '.join(self.flags)}]"
        return text

    def to_json(self) -> dict[str, Any]:
        """The fields a receipt carries."""
        return {"status": self.status, "accepted": self.accepted, "reason": self.reason,
                "file_name": self.file_name, "bundle_sha256": self.bundle_sha256,
                "bytes": self.bytes, "office_code": self.office_code,
                "campaign_id": self.campaign_id, "seq": self.seq,
                "manifest_sha256": self.manifest_sha256, "flags": list(self.flags),
                "at": self.at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportOutcome:
        return cls(status=data["status"], reason=data["reason"], file_name=data["file_name"],
                   bundle_sha256=data["bundle_sha256"], bytes=data["bytes"],
                   office_code=data["office_code"], campaign_id=data["campaign_id"],
                   seq=data["seq"], manifest_sha256=data["manifest_sha256"],
                   flags=tuple(data["flags"]), at=data["at"])


@dataclass
class Attempt:
    """What is known about the bundle so far (for the log and the outcome)."""

    file_name: str
    at: str
    source: str
    bundle_sha256: str | None = None
    bytes: int | None = None
    office_code: str | None = None
    campaign_id: str | None = None
    seq: int | None = None
    manifest_sha256: str | None = None
    chain_flags: list[str] = field(default_factory=list)  # seq and chain (step 6-7, again in 10)
    other_flags: list[str] = field(default_factory=list)  # the bundle's own date (step 8)
    made_at: str | None = None  # headquarters' time when the bundle's own cannot be true

    @property
    def flags(self) -> list[str]:
        return self.chain_flags + self.other_flags

    def outcome(self, status: str, reason: str, **extra: Any) -> ImportOutcome:
        return ImportOutcome(status=status, reason=reason, file_name=self.file_name,
                             bundle_sha256=self.bundle_sha256, bytes=self.bytes,
                             office_code=self.office_code, campaign_id=self.campaign_id,
                             seq=self.seq, manifest_sha256=self.manifest_sha256,
                             flags=tuple(self.flags), at=self.at, **extra)

    def log_row(self, result: str, reason: str) -> dict[str, Any]:
        return {"at": self.at, "file_name": self.file_name, "bundle_sha256": self.bundle_sha256,
                "bytes": self.bytes, "office_code": self.office_code,
                "campaign_id": self.campaign_id, "seq": self.seq,
                "manifest_sha256": self.manifest_sha256, "result": result, "reason": reason,
                "flags": "; ".join(self.flags), "source": self.source}
