"""Export: write the office's signed bundle (or a numbered series of them) and record it.

``export_bundle`` does, in this order:

1. reads the office, the campaign and its signing key (no key: a clear error naming
   ``fielddesk key init``);
2. picks the photos to carry — every photo the data references that no earlier bundle
   carried (``exports.sent_photos``), or all of them with ``all_photos``; a missing or
   oversized file is left out with a warning and listed as not included, so headquarters
   reports it as missing instead of rejecting the whole bundle;
3. for each bundle, starts the photo pass (``bundle.photo_pass``, in a process of its
   own), which writes the photos into a stored ZIP under a hidden staging name, hashing
   each in the same single read: a photo whose bytes no longer match its name (the store
   is content-addressed) stops that bundle's staging file, is left out with a warning like
   a missing one, and the bundle is written again without it. Meanwhile the calling thread
   writes report.xlsx (``bundle.workbook``) to a hidden temporary file. Then it reopens
   the staging ZIP and appends report.xlsx (hashed while copied) and the public key,
   builds the manifest (seq from
   ``exports.next_seq``, the previous bundle's manifest hash as the chain link, the key's
   fingerprint, every file with its size and SHA-256 as just read, the referenced photos
   it does not carry, row counts), appends it and the signature of its exact bytes, and
   fsyncs. Member order does not matter to verification;
4. only when every part is written and fsynced, gives each its final name
   ``<OFFICE>-<campaign>-<seq>-<yyyymmdd>.zip`` and records all of them in one
   transaction. A Cancel, an error or a crash at any earlier moment leaves no file under
   a final name and no recorded export; a failure while naming or recording removes the
   final names again.

A series: when ``max_size`` is given (or a bundle would pass the format's limits of
1,999 photos or 2 GiB), the new photos are shared out over consecutive bundles, each
complete and signed, each carrying ALL the data, each under the size, chained one to the
next with consecutive seqs and ``part``/``parts`` in the manifest.

The share-out needs the size of the workbook, so a series (or a backlog too big to be
sure it fits one bundle) writes the first workbook before any photo, as a plan.

Progress is reported as ``progress(done, total, text)``, always from the calling thread;
``cancelled()`` returning true stops the export with ``Cancelled`` (and the photo pass,
which checks between chunks). The photo pass's errors are raised to the caller; if its
process cannot run at all, the photos are zipped in this one instead (and the error log
says why).

(A little over 400 lines, on purpose: one export, step by step, in one place that reads
top to bottom; the photo pass, the progress, the series' sizing and what an interrupted
export leaves behind have modules of their own.)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from desktop_app import __version__, clock
from desktop_app.bundle.archive import (
    DEFAULT_LIMITS,
    MANIFEST_NAME,
    PUBLIC_KEY_NAME,
    REPORT_NAME,
    SIGNATURE_NAME,
    photo_member_name,
)
from desktop_app.bundle.export_leftovers import remove_leftovers, set_aside_orphans
from desktop_app.bundle.export_progress import Progress, Tracker
from desktop_app.bundle.manifest import (
    FileEntry,
    Manifest,
    dumps,
    new_bundle_id,
    sha256_hex,
)
from desktop_app.bundle.photo_pass import (
    BadPhoto,
    Photo,
    PhotoPass,
    PhotoPassFailed,
    missing,
    unreadable,
    zip_photos,
)
from desktop_app.bundle.series import (
    fixed_bytes,
    share_out,
    surely_fits,
)
from desktop_app.bundle.workbook import BundleIdentity, build_workbook
from desktop_app.bundle.zipwriter import BundleZipWriter, MemberDigest, temporary_path
from desktop_app.domain.numbers import format_size
from desktop_app.errorlog import log_error
from desktop_app.errors import BundleError
from desktop_app.fileio import fsync_dir, hash_file, publish_file
from desktop_app.keys import signing
from desktop_app.reports.summary import build_summary
from desktop_app.storage.database import write_transaction
from desktop_app.storage.exports import ExportRecord
from desktop_app.storage.store import OpenFolder

NO_KEY = ("this office has no signing key yet: run `fielddesk key init`, then give "
          "headquarters the public key (`fielddesk key export --out OFFICE.pub.pem`)")

_ROW_UNITS = 4096  # progress: one workbook row weighs about as much as 4 KiB of photo

@dataclass(frozen=True)
class ExportResult:
    """One bundle written and recorded."""

    path: Path
    seq: int
    part: int
    parts: int
    bundle_id: str
    manifest_sha256: str
    bytes: int
    counts: dict[str, int]
    photos_included: tuple[str, ...]
    photos_not_included: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def bundle_file_name(office_code: str, campaign_id: str, seq: int, day: date) -> str:
    """``<OFFICE>-<campaign>-<seq>-<yyyymmdd>.zip``."""
    return f"{office_code}-{campaign_id}-{seq}-{day:%Y%m%d}.zip"


@dataclass
class _Part:
    photos: list[Photo]
    identity: BundleIdentity
    name: str
    staged: Path
    report: Path
    rows: dict[str, int] = field(default_factory=dict)
    report_ready: bool = False


def export_bundle(opened: OpenFolder, *, campaign_id: str | None = None, out_dir: Path | None = None,
                  all_photos: bool = False, max_size: int | None = None,
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                  now: datetime | None = None) -> list[ExportResult]:
    """Write and record the bundle(s) for the current (or the given) campaign.

    Bundles go to *out_dir* (default: the data folder's
    ``exports/``). Returns one ``ExportResult`` per bundle, in seq order.
    """
    if max_size is not None and max_size < 1:
        raise BundleError("the largest bundle size must be a positive number of bytes")
    return _Export(opened, campaign_id, out_dir, all_photos, max_size,
                   Tracker(progress, cancelled), now).run()


class _Export:
    """One export: its inputs, then ``run``."""

    def __init__(self, opened: OpenFolder, campaign_id: str | None, out_dir: Path | None,
                 all_photos: bool, max_size: int | None, tracker: Tracker,
                 now: datetime | None):
        store, folder = opened.store, opened.folder
        self.store, self.photos_dir, self.logs = store, folder.photos, folder.logs
        self.office = store.office.get()
        self.campaign = store.campaigns.get(campaign_id) if campaign_id else store.campaigns.current()
        if not signing.key_exists(folder.keys):
            raise BundleError(NO_KEY)
        self.private_key = signing.load_private_key(folder.keys)
        self.public_pem = signing.public_key_pem(self.private_key.public_key())
        self.key_fingerprint = signing.fingerprint(self.private_key)
        self.out_dir = Path(out_dir) if out_dir is not None else folder.exports
        self.out_dir.mkdir(parents=True, exist_ok=True)
        # recorded for the outbox, which sends a bundle from wherever it was written
        self.elsewhere = "" if self.out_dir.resolve() == folder.exports.resolve() else str(self.out_dir.resolve())
        now = (now or clock.now()).astimezone(UTC)
        self.created_at = clock.iso(now)
        self.zip_time = now.astimezone().timetuple()[:6]
        self.day = store.today()
        self.prefix = f"{self.office.code}-{self.campaign.id}-"
        self.all_photos, self.max_size, self.tracker = all_photos, max_size, tracker
        self.referenced: list[Any] = []  # the photos the data refers to (PhotoRecord)

    def run(self) -> list[ExportResult]:
        store, campaign, tracker = self.store, self.campaign, self.tracker
        remove_leftovers(self.out_dir, self.prefix)
        first_seq = store.exports.next_seq(campaign.id)
        referenced = self.referenced = store.photos.referenced(campaign.id)
        sent = set() if self.all_photos else store.exports.sent_photos(campaign.id)
        candidates = [p for p in referenced if p.sha256 not in sent]
        tracker.plan(sum(p.bytes for p in candidates) + (64 << 10))
        photos, warnings = self._photos(candidates)

        history = store.exports.history(campaign.id)
        previous = max(history, key=lambda r: r.seq).manifest_sha256 if history else None
        identity = BundleIdentity(
            office_code=self.office.code, office_name=self.office.name, campaign_id=campaign.id,
            template_sha256=campaign.template_sha256, seq=first_seq, part=1, parts=1,
            created_at=self.created_at, bundle_id=new_bundle_id(), app_version=__version__,
            key_fingerprint=self.key_fingerprint)
        referenced_shas = [p.sha256 for p in referenced]

        parts: list[_Part] = []
        published: list[Path] = []
        try:
            # 1. The parts. One bundle surely holds them all, or the first workbook tells
            # how much room the photos have (a series writes each part's own workbook with
            # its photos).
            fits = self.max_size is None and surely_fits(photos, self.public_pem)
            if fits:
                parts.append(self._new_part(identity, photos))
            summary = build_summary(store, campaign=campaign)
            rows = sum(summary.counts.get(t, 0) for t in (
                "target", "progress_entry", "scrap_disposal", "cleanliness_site", "event",
                "photo_link"))
            tracker.grow(2 * rows * _ROW_UNITS)
            if not fits:
                first = self._new_part(identity, [])
                parts.append(first)
                self._build_report(first, summary, rows)
                fixed = fixed_bytes(first.report.stat().st_size, self.public_pem,
                                     self._manifest(first, previous, referenced_shas,
                                                    _digest(first.report), []))
                shares = share_out(photos, fixed, self.max_size)
                if len(shares) == 1:
                    first.photos = shares[0]
                else:
                    tracker.grow(len(shares) * rows * _ROW_UNITS)
                    first.report.unlink()
                    parts.clear()
                    for i, share in enumerate(shares):
                        parts.append(self._new_part(replace(
                            identity, seq=first_seq + i, part=i + 1, parts=len(shares),
                            bundle_id=identity.bundle_id if i == 0 else new_bundle_id()), share))
            set_aside_orphans(self.out_dir, self.prefix, [p.identity.seq for p in parts],
                              warnings)

            # 2. Each part written to its staging name: photos (photo pass) and workbook at
            # once, then the workbook, the key, the manifest and its signature.
            results: list[ExportResult] = []
            for part in parts:
                results.append(self._write_part(part, summary, rows, previous,
                                                referenced_shas, warnings))
                previous = results[-1].manifest_sha256
            # a photo found damaged in a later part is told with every part
            results = [replace(r, warnings=tuple(warnings)) for r in results]

            # 3. Final names, then the record: all parts or none.
            tracker.say("Saving")
            tracker.check()  # the last moment a Cancel still leaves nothing
            for part, result in zip(parts, results):
                publish_file(part.staged, result.path)
                published.append(result.path)
            fsync_dir(self.out_dir)
            with write_transaction(store.db):
                for result in results:
                    store.exports.record(ExportRecord(
                        campaign_id=campaign.id, seq=result.seq, part=result.part,
                        parts=result.parts, bundle_id=result.bundle_id, created_at=self.created_at,
                        file_name=result.path.name, manifest_sha256=result.manifest_sha256,
                        bytes=result.bytes, counts=result.counts, folder=self.elsewhere),
                        list(result.photos_included))
            tracker.finish()
            return results
        except BaseException:
            for path in published:
                path.unlink(missing_ok=True)
            raise
        finally:
            for part in parts:
                part.report.unlink(missing_ok=True)
                part.staged.unlink(missing_ok=True)
                temporary_path(part.staged).unlink(missing_ok=True)

    # -- steps ------------------------------------------------------------------------------

    def _photos(self, candidates: list[Any]) -> tuple[list[Photo], list[str]]:
        """The candidate photo files that exist and may travel; their bytes are checked
        against their names while they are zipped (``_zip_photos``)."""
        self.tracker.say("Checking photos")
        good, warnings = [], []
        for record in candidates:
            short = record.sha256[:12]
            path = self.photos_dir / f"{record.sha256}.jpg"
            try:
                size = os.stat(path).st_size
            except FileNotFoundError:
                warnings.append(missing(record.sha256))
                continue
            except OSError as exc:
                warnings.append(unreadable(record.sha256, exc))
                continue
            if size > DEFAULT_LIMITS.max_photo_bytes:
                warnings.append(f"photo {short}… is {format_size(size)}, larger than a bundle may "
                                f"carry ({format_size(DEFAULT_LIMITS.max_photo_bytes)}): left out")
            else:
                good.append(Photo(record.sha256, path, size))
        return good, warnings

    def _new_part(self, identity: BundleIdentity, photos: list[Photo]) -> _Part:
        name = self._name(identity.seq)
        return _Part(photos=photos, identity=identity, name=name, staged=self._staged(identity.seq),
                     report=self.out_dir / f".{name}.report.partial")

    def _name(self, seq: int) -> str:
        return bundle_file_name(self.office.code, self.campaign.id, seq, self.day)

    def _staged(self, seq: int) -> Path:
        return self.out_dir / f".{self._name(seq)}.staged"

    def _build_report(self, part: _Part, summary: Any, rows: int) -> dict[str, int]:
        tracker = self.tracker
        tracker.say(_what("Writing the workbook", part))
        part.report.unlink(missing_ok=True)
        tracker.check()
        start = tracker.done
        written = build_workbook(part.report, self.store, self.campaign, part.identity,
                                 summary=summary, photos=self.referenced,
                                 on_rows=lambda n: tracker.advance(n * _ROW_UNITS))
        tracker.settle(start + rows * _ROW_UNITS)
        report_size = part.report.stat().st_size
        if report_size > DEFAULT_LIMITS.max_report_bytes:
            raise BundleError(f"the workbook came out at {format_size(report_size)}, more than a "
                              f"bundle may carry ({format_size(DEFAULT_LIMITS.max_report_bytes)})")
        part.rows, part.report_ready = written, True
        return written

    def _manifest(self, part: _Part, previous: str | None, referenced: list[str],
                  report: MemberDigest, photos: list[MemberDigest]) -> Manifest:
        """The manifest of *part*: *report* and *photos* are what was read into the zip."""
        identity = part.identity
        included = {p.sha256 for p in photos}
        not_included = sorted(set(referenced) - included)
        pem = self.public_pem
        files = [FileEntry(PUBLIC_KEY_NAME, len(pem), sha256_hex(pem)),
                 FileEntry(REPORT_NAME, report.size, report.sha256)]
        files += [FileEntry(photo_member_name(p.sha256), p.size, p.sha256) for p in photos]
        counts = dict(part.rows)
        counts["photos_included"] = len(photos)
        counts["photos_not_included"] = len(not_included)
        return Manifest(
            bundle_id=identity.bundle_id, app_version=identity.app_version,
            office_code=identity.office_code, office_name=identity.office_name,
            campaign_id=identity.campaign_id, template_sha256=identity.template_sha256,
            seq=identity.seq, part=identity.part, parts=identity.parts,
            created_at=identity.created_at, previous_manifest_sha256=previous,
            key_fingerprint=identity.key_fingerprint, files=files,
            photos_not_included=not_included, counts=counts)

    def _write_part(self, part: _Part, summary: Any, rows: int, previous: str | None,
                    referenced: list[str], warnings: list[str]) -> ExportResult:
        while True:
            try:
                return self._try_part(part, summary, rows, previous, referenced, warnings)
            except BadPhoto as bad:  # rare: write the part again without it
                warnings.append(bad.warning)
                part.photos = [p for p in part.photos if p != bad.photo]

    def _try_part(self, part: _Part, summary: Any, rows: int, previous: str | None,
                  referenced: list[str], warnings: list[str]) -> ExportResult:
        tracker = self.tracker
        tracker.check()
        digests = self._photos_beside_workbook(part, summary, rows) if part.photos else []
        if not part.report_ready:
            self._build_report(part, summary, rows)
        with BundleZipWriter(part.staged, date_time=self.zip_time,
                             append=bool(part.photos)) as writer:
            tracker.say(_what("Writing the bundle", part))
            start, budget = tracker.done, rows * _ROW_UNITS
            scale = budget / max(1, part.report.stat().st_size)
            report = writer.add_file(REPORT_NAME, part.report,
                                     on_chunk=lambda n: tracker.advance(int(n * scale)))
            tracker.settle(start + budget)
            writer.add_bytes(PUBLIC_KEY_NAME, self.public_pem)
            manifest = self._manifest(part, previous, referenced, report, digests)
            manifest_bytes = dumps(manifest)
            writer.add_bytes(MANIFEST_NAME, manifest_bytes)
            writer.add_bytes(SIGNATURE_NAME, signing.sign(self.private_key, manifest_bytes))
            tracker.check()
            writer.finish()
        part.report.unlink()
        size = part.staged.stat().st_size
        if self.max_size is not None and size > self.max_size:  # the share-out is an upper bound
            raise BundleError(f"{part.name}: came out at {format_size(size)}, over the limit of "
                              f"{format_size(self.max_size)}; try a slightly larger --max-size")
        return ExportResult(
            path=self.out_dir / part.name, seq=part.identity.seq, part=part.identity.part,
            parts=part.identity.parts, bundle_id=part.identity.bundle_id,
            manifest_sha256=sha256_hex(manifest_bytes), bytes=size, counts=dict(manifest.counts),
            photos_included=tuple(p.sha256 for p in part.photos),
            photos_not_included=manifest.photos_not_included, warnings=tuple(warnings))

    def _photos_beside_workbook(self, part: _Part, summary: Any,
                                rows: int) -> list[MemberDigest]:
        """The photo pass (``bundle.photo_pass``) zips the photos into the staging archive in
        its own process while this thread writes the workbook (unless it is written already)."""
        tracker = self.tracker
        try:
            photos = PhotoPass(part.staged, part.photos, self.zip_time)
        except PhotoPassFailed as failed:
            return self._zip_photos_here(part, failed)
        try:
            with tracker.beside(photos):
                if not part.report_ready:
                    self._build_report(part, summary, rows)
                if not photos.done():
                    self.store.prepare_writes()  # the record at the end needs it: load it now
                    tracker.say(_what("Writing the photos", part))
                    while not photos.done(timeout=0.05):
                        tracker.tick()
                        tracker.check()
                return photos.result()
        except PhotoPassFailed as failed:
            return self._zip_photos_here(part, failed)
        except BaseException:
            photos.stop()
            raise

    def _zip_photos_here(self, part: _Part, failed: PhotoPassFailed) -> list[MemberDigest]:
        """The photo pass could not run in its own process: the same work, in this one."""
        log_error(self.logs, f"the export's photo pass failed ({failed}); the photos were "
                  "zipped in the export's own process instead", title="export")
        self.tracker.say(_what("Writing the photos", part))
        return zip_photos(part.staged, part.photos, self.zip_time,
                          on_chunk=self.tracker.advance)


def _digest(path: Path) -> MemberDigest:
    sha, size = hash_file(path)
    return MemberDigest(size, sha)


def _what(doing: str, part: _Part) -> str:
    if part.identity.parts == 1:
        return doing
    return f"{doing} (part {part.identity.part} of {part.identity.parts})"
