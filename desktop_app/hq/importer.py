"""Importing one bundle at headquarters: accepted whole, or rejected whole with one reason.

``import_bundle(hq, path)`` is the one entry point — for ``hq import``, for the upload
receiver (SQLite) and for the import workers (``hq.worker``, PostgreSQL). It is idempotent
(the same bundle again is "already imported" and changes nothing) and returns an
``ImportOutcome``; it raises only ``Cancelled`` (nothing written) and ``ImportFailed``
(headquarters' own trouble — disk full, database gone — not the bundle's fault: try
again later).

The checks, in this order, the first failure being the reason:

1. the file's SHA-256 (the idempotency key: the exact file accepted before → "already
   imported");
2. archive limits (``bundle.archive.open_checked``, via ``bundle.verify``: no copy here);
3. the signature against the key **registered** for the office the manifest names — never
   the key inside the bundle; an unregistered office, a revoked key, or a key replaced
   since are named as such;
4. every file's size and SHA-256, no missing and no unlisted file (``verify_bundle``);
5. a file name that looks like another office's bundle name is refused;
6. seq: greater than the last accepted for that office and campaign (equal, with the same
   manifest: already imported; equal and different: a fork; lower: older);
7. the hash chain: the previous-manifest hash is the last accepted one (else a *gap*:
   accepted, flagged; or a *fork*: it points to an accepted bundle that is not the latest);
8. only now the content: the workbook package (``hq.workbook_package``: limits from the
   signed row counts, no formula), the typed sheets (``hq.workbook``), the campaign's
   indicators (``hq.campaigns``) and the row rules (``hq.validate``); then the bundle's
   own date: more than a day ahead of headquarters' clock or before its campaign began
   is accepted, flagged, and counted as made when received (``validate.implausible_date``);
9. photos copied into private temporary files, each re-hashed while copying;
10. one write transaction: the office's row locked (``store.keys.lock_office``: the point
    where two bundles of one office, or a bundle and a key change, queue up), the key,
    "already imported" and the seq and chain **checked again** (another import or a
    revocation may have committed since steps 1-7), then the office's state for the
    campaign replaced, the bundle, the photo index and the log row written, the photos
    moved into the store, commit.

Steps 1-9 hold no lock: bundles of different offices are checked in parallel (workers,
threads), and only step 10 waits. A rejected, cancelled or failed bundle leaves the
database and the photo store as they were (the import log row of a rejection aside),
Ctrl+C included; photos are moved into the store only inside the transaction, and a
photo file once in the store is never removed by an import (another import may have
committed it meanwhile). Every attempt that reaches a verdict is logged in
``import_log``; a failed one goes to ``logs/import-failures.log``.

*within*: a worker's transaction (``hq.worker``) — every read and write of the import
runs in it, the verdict's writes in a savepoint, and *on_verdict(conn, outcome)* writes
what goes with the verdict (the job done, a receipt) before the worker's one commit.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from desktop_app.bundle import sheets as sh
from desktop_app.bundle.archive import (
    DEFAULT_LIMITS,
    MANIFEST_NAME,
    REPORT_NAME,
    ArchiveLimits,
    iter_member_chunks,
    open_checked,
    photo_member_name,
    read_member,
)
from desktop_app.bundle.manifest import Manifest, loads_strict
from desktop_app.bundle.verify import VerifiedBundle, verify_bundle
from desktop_app.errors import BundleError, Cancelled, FieldDeskError
from desktop_app.fileio import sha256_file
from desktop_app.hq import campaigns as hq_campaigns
from desktop_app.hq import chain, office_figures, registry
from desktop_app.hq.database import HQ, utcnow
from desktop_app.hq.outcome import (
    ACCEPTED,
    ALREADY_IMPORTED,
    LOG_RESULT,
    REJECTED,
    Attempt,
    ImportFailed,
    ImportOutcome,
)
from desktop_app.hq.photo_store import PhotoIntake, PhotoStore
from desktop_app.hq.reuse_check import hash_pending_safely
from desktop_app.hq.store import imports, keys
from desktop_app.hq.store.database import DEFAULT_LOCK_TIMEOUT, Work
from desktop_app.hq.validate import implausible_date, validate
from desktop_app.hq.workbook import about_indicators, read_sheets
from desktop_app.hq.workbook_package import check_package, check_report_size
from desktop_app.progress_tracker import Progress, ProgressTracker

Verdict = Callable[[Connection, "ImportOutcome"], None]

# Any file larger than the biggest bundle the format allows (members plus ZIP headers) is
# refused before it is even hashed.
_MAX_FILE_BYTES = DEFAULT_LIMITS.max_total_bytes + DEFAULT_LIMITS.max_members * 2048 + (1 << 20)
CANCELLED = "cancelled: the bundle was not imported; nothing was changed"
_BUNDLE_NAME = re.compile(r"(?P<stem>.+)-(?P<seq>\d+)-(?P<day>\d{8})\.zip", re.IGNORECASE)


class _Already(Exception):
    """The bundle was accepted before (the reason says which): nothing changes."""


def import_bundle(hq: HQ, path: Path | str, *, file_name: str | None = None, source: str = "",
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                  limits: ArchiveLimits = DEFAULT_LIMITS, lock_timeout: float | None = None,
                  now: str | None = None, within: Connection | None = None,
                  on_verdict: Verdict | None = None) -> ImportOutcome:
    """Check and import the bundle at *path* into *hq*; see the module docstring.

    *file_name* is the name to log and check (default: the file's own name; the upload
    receiver passes the name the office sent). *source* is a free note for the log
    (``"cli"``, ``"upload"``). *progress(done, total, text)* is called as bytes are
    hashed and copied; *cancelled()* returning true stops the import with ``Cancelled``
    and nothing written. *lock_timeout*: seconds to wait for the office's row (another
    import or key change of the same office). Safe to call from any thread.
    """
    path = Path(path)
    attempt = Attempt(file_name or path.name, now or utcnow(), source)
    tracker = ProgressTracker(progress, cancelled, cancelled_message=CANCELLED)
    db = Work(hq.store, within, DEFAULT_LOCK_TIMEOUT if lock_timeout is None else lock_timeout)
    try:
        try:
            return _Import(hq, db, path, attempt, tracker, limits, on_verdict).run()
        except _Already as already:
            tracker.finish()
            return _verdict(db, attempt, ALREADY_IMPORTED, str(already), on_verdict)
        except BundleError as exc:
            return _verdict(db, attempt, REJECTED, chain.one_line(exc), on_verdict)
    except (Cancelled, ImportFailed):
        raise
    except (OSError, SQLAlchemyError, FieldDeskError) as exc:
        reason = f"headquarters could not import it: {chain.one_line(exc)}"
        _note_failure(hq, attempt, reason)
        raise ImportFailed(f"{attempt.file_name}: {reason}; nothing was changed, "
                           "try again") from exc


class _Import:
    """One import, step by step."""

    def __init__(self, hq: HQ, db: Work, path: Path, attempt: Attempt, tracker: ProgressTracker,
                 limits: ArchiveLimits, on_verdict: Verdict | None):
        self.hq, self.db, self.path = hq, db, path
        self.attempt, self.tracker, self.limits = attempt, tracker, limits
        self.on_verdict = on_verdict

    def run(self) -> ImportOutcome:
        attempt = self.attempt
        # 1. The file itself: size, then its SHA-256 (the idempotency key).
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise BundleError(f"cannot read the file ({exc.strerror})") from None
        attempt.bytes = size
        if size > _MAX_FILE_BYTES:
            raise BundleError(f"archive: {size:,} bytes, larger than any bundle may be")
        self.tracker.plan(3 * size)
        attempt.bundle_sha256 = self._hash_file()
        with self.db.reading() as conn:
            self._check_not_accepted(conn)

        # 2-4. Archive checks, signature with the registered key, every file.
        verified, key_fingerprint = self._verify()
        m = verified.manifest
        attempt.office_code, attempt.campaign_id = m.office_code, m.campaign_id
        attempt.seq, attempt.manifest_sha256 = m.seq, verified.manifest_sha256

        # 5. A file named like another office's bundle.
        self._check_name(m)

        # 6-7. Seq and chain (checked again in step 10).
        with self.db.reading() as conn:
            self._check_not_accepted(conn)
            attempt.chain_flags = chain.chain_flags(conn, m)
            campaign = hq_campaigns.known_campaign(conn, m.campaign_id, m.template_sha256)

        # 8. Content: the workbook, the campaign, the rows.
        with open_checked(self.path, self.limits) as archive:
            report = self._read_report(archive, m)
            check_package(report, m.counts)
            sheets, about = read_sheets(report, with_about=campaign is None)
            del report
            if campaign is None:
                fields, indicators = about_indicators(about)
                campaign = hq_campaigns.campaign_from_about(m.campaign_id, m.template_sha256,
                                                           fields, indicators)
            rows = validate(sheets, campaign, m)
            del sheets
            self._check_date(m)

            # 9. Photos into temporary files, then 10. the transaction.
            photos = [(sha, m.file(photo_member_name(sha)).bytes) for sha in m.included_photos]
            self.tracker.plan(self.tracker.done + sum(size for _sha, size in photos) + 1)
            intake = PhotoIntake(PhotoStore(self.hq.folder.photos),
                                 on_bytes=self.tracker.advance)
            try:
                self.tracker.say("Copying photos")
                for sha, size in photos:
                    intake.stage(archive, sha, size)
                self.tracker.say("Saving")
                self.tracker.check()  # the last moment a Cancel still leaves nothing
                outcome = self._save(verified, key_fingerprint, campaign, rows, photos, intake)
            finally:
                intake.discard()  # whatever was not moved into the store
        self.tracker.finish()
        if self.db.within is None:  # committed: hash its photos (a worker's, after its commit)
            hash_pending_safely(self.hq, manifest_sha256=outcome.manifest_sha256)
        return outcome

    # -- steps ------------------------------------------------------------------------------

    def _hash_file(self) -> str:
        self.tracker.say("Reading the bundle")
        try:
            return sha256_file(self.path, on_bytes=self.tracker.advance)
        except OSError as exc:
            raise BundleError(f"cannot read the file ({exc.strerror})") from None

    def _check_not_accepted(self, conn: Connection) -> None:
        """_Already when this file, or this manifest in another file, was accepted."""
        attempt = self.attempt
        found = imports.accepted_file(conn, attempt.bundle_sha256)
        if found is not None:
            attempt.office_code, attempt.campaign_id, attempt.seq, attempt.manifest_sha256 = found
            raise _Already(f"already imported (seq {found[2]} of office {found[0]}); "
                           "nothing changed")
        if attempt.manifest_sha256 and imports.accepted_manifest(conn, attempt.manifest_sha256):
            raise _Already(f"already imported (seq {attempt.seq}); nothing changed")

    def _verify(self) -> tuple[VerifiedBundle, str]:
        """Archive checks, then the signature against the registered key, then every file;
        returns the verified bundle and the fingerprint of the key that verified it."""
        claimed = claimed_manifest(self.path, self.limits)  # unverified: only picks the key
        office = claimed.office_code
        with self.db.reading() as conn:
            key = registry.active_key(conn, office)
            if key is None:
                raise BundleError(chain.no_key(conn, office))
        self.tracker.say("Checking the signature and every file")
        start = self.tracker.done
        try:
            verified = verify_bundle(
                self.path, key.public_key, expected_office=office, limits=self.limits,
                progress=lambda done, _total: self.tracker.settle(start + done),
                cancelled=self.tracker.cancel_requested)
        except Cancelled:
            raise
        except BundleError as exc:
            if "signature does not match" not in str(exc):
                raise
            with self.db.reading() as conn:
                raise BundleError(chain.wrong_key(conn, office, claimed.key_fingerprint,
                                             key.fingerprint, exc)) from None
        return verified, key.fingerprint

    def _check_name(self, m: Manifest) -> None:
        match = _BUNDLE_NAME.fullmatch(self.attempt.file_name)
        if match is None:
            return  # not named like a bundle (an upload, a renamed copy): nothing to compare
        expected = f"{m.office_code}-{m.campaign_id}".casefold()
        if match["stem"].casefold() != expected or int(match["seq"]) != m.seq:
            raise BundleError(f"the file is named like a bundle of {match['stem']} seq "
                              f"{match['seq']}, but it is office {m.office_code}'s bundle "
                              f"{m.campaign_id} seq {m.seq}: a renamed file is refused")

    def _check_date(self, m: Manifest) -> None:
        """A bundle dated ahead of headquarters' clock or before its campaign: flagged, and
        counted as made now (``validate.implausible_date`` says why not refused)."""
        now = datetime.strptime(self.attempt.at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        flag = implausible_date(m.created_at, now,
                                hq_campaigns.campaign_start(m.campaign_id, m.template_sha256))
        if flag is not None:
            self.attempt.other_flags.append(flag)
            self.attempt.made_at = self.attempt.at

    def _read_report(self, archive: Any, m: Manifest) -> bytes:
        """report.xlsx into memory, re-hashed (the file could have changed since verifying)."""
        self.tracker.say("Reading the workbook")
        entry = m.file(REPORT_NAME)
        if entry is not None:
            check_report_size(entry.bytes)  # before a byte of it is held in memory
        digest, parts = hashlib.sha256(), []
        for chunk in iter_member_chunks(archive, REPORT_NAME):
            digest.update(chunk)
            parts.append(chunk)
        data = b"".join(parts)
        if entry is None or digest.hexdigest() != entry.sha256 or len(data) != entry.bytes:
            raise BundleError(f"{REPORT_NAME}: changed while it was being imported (its SHA-256 "
                              "no longer matches the manifest)")
        return data

    def _save(self, verified: VerifiedBundle, key_fingerprint: str,
              campaign: hq_campaigns.CampaignInfo, rows: dict[str, list[tuple[Any, ...]]],
              photos: list[tuple[str, int]], intake: PhotoIntake) -> ImportOutcome:
        """Step 10: lock the office, check again what may have changed, write, commit."""
        m, attempt = verified.manifest, self.attempt
        try:
            with self.db.writing() as conn:
                if not keys.lock_office(conn, m.office_code):
                    raise BundleError(chain.no_key(conn, m.office_code))
                key = registry.active_key(conn, m.office_code)
                if key is None or key.fingerprint != key_fingerprint:
                    raise BundleError(chain.key_changed(conn, m.office_code, key_fingerprint))
                self._check_not_accepted(conn)
                attempt.chain_flags = chain.chain_flags(conn, m)
                now = utcnow()
                imports.save_accepted(conn, self._accepted(verified, campaign, rows, photos, now), now)
                office_figures.remember(conn, campaign, m.office_code, verified.manifest_sha256)
                log_id = imports.log_attempt(conn, attempt.log_row("accepted", ""))
                outcome = attempt.outcome(ACCEPTED, "accepted", photos_stored=len(intake.staged),
                                          rows={n: len(r) for n, r in rows.items()}, log_id=log_id)
                if self.on_verdict is not None:
                    self.on_verdict(conn, outcome)
                intake.publish()  # the last step before the commit
        except IntegrityError:
            # Another import of the same bundle won the race between our checks and our
            # writes: the unique constraints refused ours; it is "already imported".
            with self.db.reading() as conn:
                self._check_not_accepted(conn)
            raise
        return outcome

    def _accepted(self, verified: VerifiedBundle, campaign: hq_campaigns.CampaignInfo,
                  rows: dict[str, list[tuple[Any, ...]]], photos: list[tuple[str, int]],
                  now: str) -> imports.Accepted:
        m, attempt = verified.manifest, self.attempt
        flags = "; ".join(attempt.flags)
        base = {"office_code": m.office_code, "campaign_id": m.campaign_id,
                "template_sha256": m.template_sha256, "seq": m.seq, "part": m.part,
                "parts": m.parts, "manifest_sha256": verified.manifest_sha256, "flags": flags}
        return imports.Accepted(
            bundle=base | {"bundle_sha256": attempt.bundle_sha256, "bundle_id": m.bundle_id,
                           "created_at": m.created_at,
                           "previous_manifest_sha256": m.previous_manifest_sha256,
                           "key_fingerprint": m.key_fingerprint, "file_name": attempt.file_name,
                           "bytes": attempt.bytes, "imported_at": now,
                           "counts_json": json.dumps(dict(m.counts), sort_keys=True)},
            latest=base | {"office_name": m.office_name,
                           "bundle_created_at": attempt.made_at or m.created_at,
                           "imported_at": now},
            campaign={"campaign_id": m.campaign_id, "template_sha256": m.template_sha256,
                      "title_en": campaign.title.en, "title_hi": campaign.title.hi,
                      "indicators_json": campaign.indicators_json(), "source": campaign.source,
                      "first_seen_at": now},
            office_name=m.office_name,
            state={spec.name: (spec.codes, rows[spec.name]) for spec in sh.SHEETS},
            referenced=m.referenced_photos, photos=photos)


def claimed_manifest(path: Path, limits: ArchiveLimits) -> Manifest:
    """The manifest an UNVERIFIED bundle claims, after the archive checks and strict parse.

    Like ``bundle.verify.claimed_office_code``; it picks the registered key to check with
    (and, in a queue, the office's turn); the key fingerprint it claims is used only to
    say "signed with a replaced key" when the registered key's signature check fails.
    """
    with open_checked(path, limits) as archive:
        if MANIFEST_NAME not in archive:
            raise BundleError(f"{MANIFEST_NAME}: missing from the bundle")
        return loads_strict(read_member(archive, MANIFEST_NAME, limits.max_manifest_bytes))


def _verdict(db: Work, attempt: Attempt, status: str, reason: str,
             on_verdict: Verdict | None) -> ImportOutcome:
    """The log row of an attempt that changed nothing else (rejected or already imported),
    with what goes with its verdict."""
    try:
        with db.writing() as conn:
            log_id = imports.log_attempt(conn, attempt.log_row(LOG_RESULT[status], reason))
            outcome = attempt.outcome(status, reason, log_id=log_id)
            if on_verdict is not None:
                on_verdict(conn, outcome)
        return outcome
    except (SQLAlchemyError, FieldDeskError) as exc:
        raise ImportFailed(f"{attempt.file_name}: {status.replace('_', ' ')} ({reason}), but "
                           f"the import log could not be written: {chain.one_line(exc)}") from exc


def _note_failure(hq: HQ, attempt: Attempt, reason: str) -> None:
    """Headquarters' own failures go to logs/import-failures.log (the database may be the
    trouble); best effort."""
    try:
        with open(hq.folder.logs / "import-failures.log", "a", encoding="utf-8") as fh:
            fh.write(f"{attempt.at}\t{attempt.file_name}\t{attempt.bundle_sha256 or '-'}\t"
                     f"{reason}\n")
    except OSError:
        pass


__all__ = ["ACCEPTED", "ALREADY_IMPORTED", "REJECTED", "ImportFailed", "ImportOutcome",
           "claimed_manifest", "import_bundle"]
