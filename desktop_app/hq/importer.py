"""Importing one bundle at headquarters: accepted whole, or rejected whole with one reason.

``import_bundle(hq, path)`` is the one entry point — for ``hq import`` and for the upload
receiver, which calls it once per completed upload from a worker thread. It is
idempotent (the same bundle again is "already imported" and changes nothing), holds the
import lock for its whole run (so imports and registry changes never interleave, across
threads and processes), and returns an ``ImportOutcome``; it raises only ``Cancelled``
(nothing written) and ``ImportFailed`` (headquarters' own trouble — disk full, database
locked — not the bundle's fault: try again later).

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
9. photos copied into the content-addressed store, each re-hashed while copying;
10. one transaction: the office's state for the campaign replaced, the bundle, the photo
    index and the log row recorded.

A rejected, cancelled or failed bundle leaves everything as it was (the import log row
of a rejection aside); Ctrl+C included: the transaction rolls back and the photos this
import copied are removed. Every attempt that reaches a verdict (accepted, already
imported, rejected) is logged in ``import_log``; a cancelled one is not (the database
stays exactly as it was), and a failed one is written to ``logs/import-failures.log``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.bundle import sheets as sh
from desktop_app.bundle.archive import (
    CHUNK_BYTES,
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
from desktop_app.hq import campaigns as hq_campaigns
from desktop_app.hq import registry
from desktop_app.hq.database import HQ, utcnow
from desktop_app.hq.photo_store import PhotoIntake, PhotoStore
from desktop_app.hq.validate import implausible_date, validate
from desktop_app.hq.workbook import about_indicators, read_sheets
from desktop_app.hq.workbook_package import check_package, check_report_size

ACCEPTED, ALREADY_IMPORTED, REJECTED = "accepted", "already_imported", "rejected"
_LOG_RESULT = {ACCEPTED: "accepted", ALREADY_IMPORTED: "unchanged", REJECTED: "rejected"}

Progress = Callable[[int, int, str], None]  # (done, total, what is happening)

# Any file larger than the biggest bundle the format allows (members plus ZIP headers) is
# refused before it is even hashed.
_MAX_FILE_BYTES = DEFAULT_LIMITS.max_total_bytes + DEFAULT_LIMITS.max_members * 2048 + (1 << 20)
_BUNDLE_NAME = re.compile(r"(?P<stem>.+)-(?P<seq>\d+)-(?P<day>\d{8})\.zip", re.IGNORECASE)


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


@dataclass
class _Attempt:
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
    flags: list[str] = field(default_factory=list)
    made_at: str | None = None  # headquarters' time when the bundle's own cannot be true

    def outcome(self, status: str, reason: str, **extra: Any) -> ImportOutcome:
        return ImportOutcome(status=status, reason=reason, file_name=self.file_name,
                             bundle_sha256=self.bundle_sha256, bytes=self.bytes,
                             office_code=self.office_code, campaign_id=self.campaign_id,
                             seq=self.seq, manifest_sha256=self.manifest_sha256,
                             flags=tuple(self.flags), at=self.at, **extra)

    def log_row(self, result: str, reason: str) -> list[Any]:
        return [self.at, self.file_name, self.bundle_sha256, self.bytes, self.office_code,
                self.campaign_id, self.seq, self.manifest_sha256, result, reason,
                "; ".join(self.flags), self.source]


_LOG_SQL = ("INSERT INTO import_log (at, file_name, bundle_sha256, bytes, office_code, "
            "campaign_id, seq, manifest_sha256, result, reason, flags, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def import_bundle(hq: HQ, path: Path | str, *, file_name: str | None = None, source: str = "",
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                  limits: ArchiveLimits = DEFAULT_LIMITS, lock_timeout: float | None = None,
                  now: str | None = None) -> ImportOutcome:
    """Check and import the bundle at *path* into *hq*; see the module docstring.

    *file_name* is the name to log and check (default: the file's own name; the upload
    receiver passes the name the office sent). *source* is a free note for the log
    (``"cli"``, ``"upload"``). *progress(done, total, text)* is called as bytes are
    hashed and copied; *cancelled()* returning true stops the import with ``Cancelled``
    and nothing written. Safe to call from any thread.
    """
    path = Path(path)
    attempt = _Attempt(file_name or path.name, now or utcnow(), source)
    tracker = _Tracker(progress, cancelled)
    lock = hq.import_lock() if lock_timeout is None else hq.import_lock(lock_timeout)
    with lock:
        try:
            return _Import(hq, path, attempt, tracker, limits).run()
        except Cancelled:
            raise
        except BundleError as exc:
            reason = _one_line(exc)
            log_id = _log(hq, attempt, REJECTED, reason)
            return attempt.outcome(REJECTED, reason, log_id=log_id)
        except (OSError, sqlite3.Error, FieldDeskError) as exc:
            reason = f"headquarters could not import it: {_one_line(exc)}"
            _note_failure(hq, attempt, reason)
            raise ImportFailed(f"{attempt.file_name}: {reason}; nothing was changed, "
                               "try again") from exc


class _Import:
    """One import, step by step (under the import lock)."""

    def __init__(self, hq: HQ, path: Path, attempt: _Attempt, tracker: _Tracker,
                 limits: ArchiveLimits):
        self.hq, self.conn, self.path = hq, hq.conn, path
        self.attempt, self.tracker, self.limits = attempt, tracker, limits

    def run(self) -> ImportOutcome:
        attempt, conn = self.attempt, self.conn
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
        row = conn.execute("SELECT office_code, campaign_id, seq, manifest_sha256 FROM bundle "
                           "WHERE bundle_sha256 = ? LIMIT 1", [attempt.bundle_sha256]).fetchone()
        if row is not None:
            (attempt.office_code, attempt.campaign_id, attempt.seq,
             attempt.manifest_sha256) = row
            return self._already(f"already imported (seq {row[2]} of office {row[0]}); "
                                 "nothing changed")

        # 2-4. Archive checks, signature with the registered key, every file.
        verified = self._verify()
        m = verified.manifest
        attempt.office_code, attempt.campaign_id = m.office_code, m.campaign_id
        attempt.seq, attempt.manifest_sha256 = m.seq, verified.manifest_sha256

        # 5. A file named like another office's bundle.
        self._check_name(m)

        # 6-7. Seq and chain.
        if conn.execute("SELECT 1 FROM bundle WHERE manifest_sha256 = ?",
                        [verified.manifest_sha256]).fetchone():
            return self._already(f"already imported (seq {m.seq}); nothing changed")
        self._check_chain(m)

        # 8. Content: the workbook, the campaign, the rows.
        with open_checked(self.path, self.limits) as archive:
            report = self._read_report(archive, m)
            check_package(report, m.counts)
            campaign = hq_campaigns.known_campaign(conn, m.campaign_id, m.template_sha256)
            sheets, about = read_sheets(report, with_about=campaign is None)
            del report
            if campaign is None:
                fields, indicators = about_indicators(about)
                campaign = hq_campaigns.campaign_from_about(m.campaign_id, m.template_sha256,
                                                           fields, indicators)
            rows = validate(sheets, campaign, m)
            del sheets
            self._check_date(m)

            # 9. Photos, then 10. the transaction.
            photos = [(sha, m.file(photo_member_name(sha)).bytes) for sha in m.included_photos]
            self.tracker.plan(self.tracker.done + sum(size for _sha, size in photos) + 1)
            intake = PhotoIntake(PhotoStore(self.hq.folder.photos),
                                 on_bytes=self.tracker.advance)
            try:
                self.tracker.say("Copying photos")
                stored = sum(intake.copy(archive, sha, size) for sha, size in photos)
                intake.commit()
                self.tracker.say("Saving")
                self.tracker.check()  # the last moment a Cancel still leaves nothing
                log_id = self._save(verified, campaign, rows, photos)
            except BaseException:
                intake.rollback()
                raise
        self.tracker.finish()
        return attempt.outcome(ACCEPTED, "accepted", photos_stored=stored,
                               rows={name: len(r) for name, r in rows.items()}, log_id=log_id)

    # -- steps ------------------------------------------------------------------------------

    def _hash_file(self) -> str:
        self.tracker.say("Reading the bundle")
        digest = hashlib.sha256()
        buffer = bytearray(CHUNK_BYTES)
        view = memoryview(buffer)
        try:
            with open(self.path, "rb") as fh:
                while n := fh.readinto(buffer):
                    digest.update(view[:n])
                    self.tracker.advance(n)
        except OSError as exc:
            raise BundleError(f"cannot read the file ({exc.strerror})") from None
        return digest.hexdigest()

    def _verify(self) -> VerifiedBundle:
        """Archive checks, then the signature against the registered key, then every file."""
        claimed = _claimed_manifest(self.path, self.limits)  # unverified: only picks the key
        office = claimed.office_code
        key = registry.active_key(self.conn, office)
        if key is None:
            history = registry.keys_of(self.conn, office)
            if not history:
                raise BundleError(f"office {office} is not registered at headquarters "
                                  "(register its public key with `fielddesk hq register`)")
            last = history[-1]
            raise BundleError(f"office {office}'s key was revoked on {_day(last.revoked_at)} "
                              f"({last.retired_reason}): its bundles are refused until a new "
                              "key is registered")
        self.tracker.say("Checking the signature and every file")
        start = self.tracker.done
        try:
            return verify_bundle(self.path, key.public_key, expected_office=office,
                                 limits=self.limits,
                                 progress=lambda done, _total: self.tracker.settle(start + done),
                                 cancelled=self.tracker.cancel_requested)
        except Cancelled:
            raise
        except BundleError as exc:
            if "signature does not match" not in str(exc):
                raise
            named = claimed.key_fingerprint  # unverified: used for the message only
            retired = registry.key_by_fingerprint(self.conn, named)
            if retired is not None and retired.office_code == office \
                    and retired.status != registry.ACTIVE:
                raise BundleError(
                    f"signed with office {office}'s {retired.status} key "
                    f"({retired.fingerprint[:19]}…, {retired.status} on "
                    f"{_day(retired.retired_at)}): bundles signed by it are refused") from None
            if retired is None and named != key.fingerprint:
                raise BundleError(
                    f"{exc} (the bundle names key {named[:19]}…, which headquarters does not "
                    "know; if the office replaced its key, register the new one with "
                    "`fielddesk hq register --replace --reason`)") from None
            raise

    def _check_name(self, m: Manifest) -> None:
        match = _BUNDLE_NAME.fullmatch(self.attempt.file_name)
        if match is None:
            return  # not named like a bundle (an upload, a renamed copy): nothing to compare
        expected = f"{m.office_code}-{m.campaign_id}".casefold()
        if match["stem"].casefold() != expected or int(match["seq"]) != m.seq:
            raise BundleError(f"the file is named like a bundle of {match['stem']} seq "
                              f"{match['seq']}, but it is office {m.office_code}'s bundle "
                              f"{m.campaign_id} seq {m.seq}: a renamed file is refused")

    def _check_chain(self, m: Manifest) -> None:
        conn, attempt = self.conn, self.attempt
        last = conn.execute("SELECT seq, manifest_sha256 FROM office_campaign "
                            "WHERE office_code = ? AND campaign_id = ?",
                            [m.office_code, m.campaign_id]).fetchone()
        previous = m.previous_manifest_sha256
        if last is None:
            if m.seq > 1 or previous is not None:
                attempt.flags.append(f"gap: the first bundle received is seq {m.seq}"
                                     + (f" ({_seqs(1, m.seq - 1)} never arrived)" if m.seq > 1
                                        else ""))
            return
        last_seq, last_hash = last
        if m.seq == last_seq:
            raise BundleError(f"fork: seq {m.seq} was already accepted with different contents "
                              f"(manifest {last_hash[:12]}…); was the office's data restored "
                              "from a backup?")
        if m.seq < last_seq:
            raise BundleError(f"older than the last accepted bundle (seq {last_seq}); "
                              "nothing changed")
        if previous == last_hash:
            if m.seq != last_seq + 1:
                attempt.flags.append(f"gap: seq jumps from {last_seq} to {m.seq}")
            return
        if previous is not None:
            branch = conn.execute("SELECT seq FROM bundle WHERE manifest_sha256 = ? AND "
                                  "office_code = ? AND campaign_id = ?",
                                  [previous, m.office_code, m.campaign_id]).fetchone()
            if branch is not None:
                raise BundleError(f"fork: it follows seq {branch[0]}, but seq {last_seq} was "
                                  f"accepted after that; was the office's data restored from "
                                  "a backup?")
        if m.seq > last_seq + 1:
            attempt.flags.append(f"gap: {_seqs(last_seq + 1, m.seq - 1)} never arrived")
        else:
            attempt.flags.append(f"gap: the chain is broken (seq {m.seq} does not follow the "
                                 f"accepted seq {last_seq})")

    def _check_date(self, m: Manifest) -> None:
        """A bundle dated ahead of headquarters' clock or before its campaign: flagged, and
        counted as made now (``validate.implausible_date`` says why not refused)."""
        now = datetime.strptime(self.attempt.at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        flag = implausible_date(m.created_at, now,
                                hq_campaigns.campaign_start(m.campaign_id, m.template_sha256))
        if flag is not None:
            self.attempt.flags.append(flag)
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

    def _save(self, verified: VerifiedBundle, campaign: hq_campaigns.CampaignInfo,
              rows: dict[str, list[tuple[Any, ...]]], photos: list[tuple[str, int]]) -> int:
        m, attempt, conn, now = verified.manifest, self.attempt, self.conn, utcnow()
        office, cid = m.office_code, m.campaign_id
        flags = "; ".join(attempt.flags)
        with self.hq.db.atomic():
            conn.execute("INSERT OR IGNORE INTO campaign (campaign_id, template_sha256, title_en, "
                         "title_hi, indicators_json, source, first_seen_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [cid, m.template_sha256, campaign.title.en, campaign.title.hi,
                          campaign.indicators_json(), campaign.source, now])
            conn.execute("UPDATE office SET name = ?, updated_at = ? WHERE code = ?",
                         [m.office_name, now, office])
            conn.execute(
                "INSERT INTO bundle (manifest_sha256, bundle_sha256, bundle_id, office_code, "
                "campaign_id, template_sha256, seq, part, parts, created_at, "
                "previous_manifest_sha256, key_fingerprint, file_name, bytes, imported_at, "
                "counts_json, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [verified.manifest_sha256, attempt.bundle_sha256, m.bundle_id, office, cid,
                 m.template_sha256, m.seq, m.part, m.parts, m.created_at,
                 m.previous_manifest_sha256, m.key_fingerprint, attempt.file_name,
                 attempt.bytes, now, json.dumps(dict(m.counts), sort_keys=True), flags])
            for spec in sh.SHEETS:
                table = f"st_{spec.name}"
                conn.execute(f"DELETE FROM {table} WHERE office_code = ? AND campaign_id = ?",
                             [office, cid])
                if rows[spec.name]:
                    marks = ", ".join("?" * (len(spec.codes) + 2))
                    conn.executemany(
                        f"INSERT INTO {table} (office_code, campaign_id, {', '.join(spec.codes)}) "
                        f"VALUES ({marks})", [(office, cid, *r) for r in rows[spec.name]])
            conn.execute("DELETE FROM referenced_photo WHERE office_code = ? AND campaign_id = ?",
                         [office, cid])
            conn.executemany("INSERT INTO referenced_photo (office_code, campaign_id, sha256) "
                             "VALUES (?, ?, ?)",
                             [(office, cid, sha) for sha in m.referenced_photos])
            conn.executemany("INSERT OR IGNORE INTO photo (sha256, bytes, received_at, "
                             "office_code, manifest_sha256) VALUES (?, ?, ?, ?, ?)",
                             [(sha, size, now, office, verified.manifest_sha256)
                              for sha, size in photos])
            conn.execute(
                "INSERT INTO office_campaign (office_code, campaign_id, template_sha256, "
                "office_name, seq, part, parts, manifest_sha256, bundle_created_at, imported_at, "
                "flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (office_code, campaign_id) DO UPDATE SET "
                "template_sha256 = excluded.template_sha256, office_name = excluded.office_name, "
                "seq = excluded.seq, part = excluded.part, parts = excluded.parts, "
                "manifest_sha256 = excluded.manifest_sha256, "
                "bundle_created_at = excluded.bundle_created_at, "
                "imported_at = excluded.imported_at, flags = excluded.flags",
                [office, cid, m.template_sha256, m.office_name, m.seq, m.part, m.parts,
                 verified.manifest_sha256, attempt.made_at or m.created_at, now, flags])
            cursor = conn.execute(_LOG_SQL, attempt.log_row("accepted", ""))
        return int(cursor.lastrowid)

    def _already(self, reason: str) -> ImportOutcome:
        log_id = _log(self.hq, self.attempt, ALREADY_IMPORTED, reason)
        self.tracker.finish()
        return self.attempt.outcome(ALREADY_IMPORTED, reason, log_id=log_id)


def _claimed_manifest(path: Path, limits: ArchiveLimits) -> Manifest:
    """The manifest an UNVERIFIED bundle claims, after the archive checks and strict parse.

    Like ``bundle.verify.claimed_office_code``; the key fingerprint it claims is used only
    to say "signed with a replaced key" when the registered key's signature check fails.
    """
    with open_checked(path, limits) as archive:
        if MANIFEST_NAME not in archive:
            raise BundleError(f"{MANIFEST_NAME}: missing from the bundle")
        # No CRC check yet: a damaged manifest must fail on its signature, as verify reports.
        return loads_strict(read_member(archive, MANIFEST_NAME, limits.max_manifest_bytes,
                                        check_crc=False))


def _log(hq: HQ, attempt: _Attempt, status: str, reason: str) -> int | None:
    """The log row of an attempt that changed nothing else (rejected or already imported)."""
    try:
        with hq.db.atomic():
            cursor = hq.conn.execute(_LOG_SQL, attempt.log_row(_LOG_RESULT[status], reason))
        return int(cursor.lastrowid)
    except sqlite3.Error as exc:
        raise ImportFailed(f"{attempt.file_name}: {status.replace('_', ' ')} ({reason}), but "
                           f"the import log could not be written: {_one_line(exc)}") from exc


def _note_failure(hq: HQ, attempt: _Attempt, reason: str) -> None:
    """Headquarters' own failures go to logs/import-failures.log (the database may be the
    trouble); best effort."""
    try:
        with open(hq.folder.logs / "import-failures.log", "a", encoding="utf-8") as fh:
            fh.write(f"{attempt.at}\t{attempt.file_name}\t{attempt.bundle_sha256 or '-'}\t"
                     f"{reason}\n")
    except OSError:
        pass


def _seqs(first: int, last: int) -> str:
    return f"seq {first}" if first == last else f"seq {first} to {last}"


def _day(timestamp: str | None) -> str:
    return timestamp[:10] if timestamp else "an unknown date"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class _Tracker:
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


def bundle_files(paths: list[Path]) -> list[Path]:
    """The bundles named on the command line: files as given, folders' ``*.zip`` sorted."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file()
                              and p.suffix.lower() == ".zip" and not p.name.startswith(".")))
        else:
            out.append(path)
    return out


__all__ = ["ACCEPTED", "ALREADY_IMPORTED", "REJECTED", "ImportFailed", "ImportOutcome",
           "bundle_files", "import_bundle"]

