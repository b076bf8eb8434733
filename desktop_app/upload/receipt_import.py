"""Receipts by pen drive: headquarters' signed answer for a bundle handed over on a pen drive.

``fielddesk hq import --receipts DIR`` writes, for every bundle headquarters decides, the
same signed receipt the upload path returns, as ``<bundle name>.fdreceipt`` (the receipt
document, JSON). ``import_receipt`` checks one at the office exactly as an upload checks the
receipt it fetches — headquarters' key this office trusts, this office's code — then finds
the bundle it answers in the export history (by file name and size, and by the bundle's
SHA-256 whenever this office knows it or still has the file) and marks it accepted or
rejected through the one path the upload uses (``OutboxRepository.record_decision``).
A receipt for another office, for a bundle this office did not export, or signed by
another key is refused with one line and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.campaigns.hq_key import trusted_hq_key
from desktop_app.domain.i18n import N_, Message
from desktop_app.errors import FieldDeskError
from desktop_app.fileio import hash_file
from desktop_app.keys import signing
from desktop_app.storage.outbox import OutboxEntry, OutboxRepository
from desktop_app.upload_protocol import (
    RECEIPT_SUFFIX,
    Receipt,
    ReceiptError,
    receipt_file_name,
    verify_receipt,
)

SUFFIX = RECEIPT_SUFFIX
__all__ = ["SUFFIX", "ReceiptImported", "ReceiptRefused", "import_receipt", "receipt_file_name"]
MAX_RECEIPT_BYTES = 64 * 1024

NOT_A_RECEIPT = N_("{file} is not a receipt from headquarters ({problem}). Nothing was changed.")
NO_KEY = N_("{file}: no headquarters key is set yet, so its receipts cannot be checked: set "
            "headquarters' key file in Settings first. Nothing was changed.")
OTHER_KEY = N_("{file} is not signed by the headquarters key this office trusts ({trusted}…). "
               "Nothing was changed.")
OTHER_OFFICE = N_("{file} is a receipt for office {other}, not for this office ({office}). "
                  "Nothing was changed.")
UNKNOWN_BUNDLE = N_("{file} answers bundle {bundle}, which this office did not export (or not "
                    "with these contents). Nothing was changed.")


class ReceiptRefused(FieldDeskError):
    """A receipt file the office does not take; ``message`` is translatable, one line."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


@dataclass(frozen=True)
class ReceiptImported:
    """What one receipt file did: which bundle it decided, how, and whether that was news."""

    bundle_file: str
    campaign_id: str
    seq: int
    accepted: bool
    reason: str
    already: bool  # the export history said so already: nothing changed

    def line(self) -> str:
        how = "accepted" if self.accepted else f"rejected: {self.reason}"
        return f"{self.bundle_file} (seq {self.seq}): {how}" + (" (already recorded)" if self.already else "")


def import_receipt(opened, path: Path) -> ReceiptImported:
    """Check the receipt file *path* and mark its bundle in the export history."""
    path = Path(path)
    document = _read(path)
    key = trusted_hq_key(opened)
    if key is None:
        raise ReceiptRefused(Message(NO_KEY, file=path.name))
    office = opened.store.office.get().code
    try:
        receipt = verify_receipt(document, key)
    except ReceiptError as exc:
        if "signature" in str(exc) or "another headquarters key" in str(exc):
            raise ReceiptRefused(Message(OTHER_KEY, file=path.name,
                                         trusted=signing.fingerprint_short(key))) from None
        raise ReceiptRefused(Message(NOT_A_RECEIPT, file=path.name, problem=str(exc))) from None
    if receipt.office_code != office:
        raise ReceiptRefused(Message(OTHER_OFFICE, file=path.name, other=receipt.office_code,
                                     office=office))
    repo = OutboxRepository(opened.store)
    entry = _bundle_of(opened, repo, receipt)
    if entry is None:
        raise ReceiptRefused(Message(UNKNOWN_BUNDLE, file=path.name, bundle=receipt.file_name))
    already = (entry.status == ("accepted" if receipt.accepted else "rejected")
               and entry.decided_at == receipt.issued_at)
    if not already:
        repo.record_decision(entry.campaign_id, entry.seq, accepted=receipt.accepted,
                             reason=receipt.reason, decided_at=receipt.issued_at,
                             receipt_json=document, bundle_sha256=receipt.bundle_sha256)
    return ReceiptImported(entry.file_name, entry.campaign_id, entry.seq, receipt.accepted,
                           receipt.reason, already)


def _read(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_RECEIPT_BYTES + 1)
    except OSError as exc:
        raise ReceiptRefused(Message(NOT_A_RECEIPT, file=path.name,
                                     problem=exc.strerror or str(exc))) from None
    if len(data) > MAX_RECEIPT_BYTES:
        raise ReceiptRefused(Message(NOT_A_RECEIPT, file=path.name, problem="too large"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ReceiptRefused(Message(NOT_A_RECEIPT, file=path.name, problem="not text")) from None


def _bundle_of(opened, repo: OutboxRepository, receipt: Receipt) -> OutboxEntry | None:
    """The exported bundle *receipt* answers: same file name and size (and campaign and seq
    when headquarters read them), and the same SHA-256 wherever this office can tell."""
    for entry in repo.entries(receipt.campaign_id or None):
        if entry.file_name != receipt.file_name or entry.bytes != receipt.bytes:
            continue
        if receipt.seq and entry.seq != receipt.seq:
            continue
        sha = entry.bundle_sha256 or _local_sha(opened, entry)
        if sha and sha != receipt.bundle_sha256:
            continue
        return entry
    return None


def _local_sha(opened, entry: OutboxEntry) -> str:
    """The bundle file's SHA-256 if it is still where it was exported (or in exports/)."""
    places = [Path(entry.folder)] if entry.folder else []
    for place in [*places, opened.folder.exports]:
        path = place / entry.file_name
        if path.is_file() and path.stat().st_size == entry.bytes:
            return hash_file(path)[0]
    return ""
