"""Handing a bundle to the import workers: keep the file, then queue it (PostgreSQL); and
``hq import``'s files, imported here (SQLite) or through the queue (PostgreSQL).

The file is kept in the received-bundles folder (``uploads/received/<sha256>/<name>``,
inside the headquarters folder, which every receiver and worker shares), written under a
temporary name and renamed, then a job row names it by its path relative to the folder.
The office the bundle *claims* to be from (its manifest, unverified) is noted only to keep
one office's bundles in arrival order; the worker verifies everything.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.bundle.archive import DEFAULT_LIMITS
from desktop_app.errors import BundleError, FieldDeskError
from desktop_app.fileio import publish, read_chunks, sha256_file, write_temp
from desktop_app.hq.database import HQ, utcnow
from desktop_app.hq.importer import (
    ImportFailed,
    ImportOutcome,
    claimed_manifest,
    import_bundle,
)
from desktop_app.hq.store import jobs
from desktop_app.hq.worker import POLL_SECONDS, load_receipt_key, work_one


def safe_file_name(name: str, fallback: str) -> str:
    """A file name from elsewhere (an upload's metadata, a command line), safe to keep."""
    base = os.path.basename(name.replace("\\", "/"))
    cleaned = "".join(c for c in base if c.isalnum() or c in "._-")[:120]
    return cleaned if cleaned and not cleaned.startswith(".") else fallback


def received_path(hq: HQ, bundle_sha256: str, file_name: str) -> Path:
    return hq.folder.received / bundle_sha256 / safe_file_name(file_name, f"{bundle_sha256}.zip")


def claimed_office(path: Path) -> str:
    """The office code the bundle's manifest names (unverified), or '' if unreadable."""
    try:
        return claimed_manifest(path, DEFAULT_LIMITS).office_code
    except (BundleError, OSError, ValueError):
        return ""


def keep_file(hq: HQ, source: Path, *, file_name: str | None = None,
              link: bool = False) -> tuple[Path, str]:
    """Copy *source* into the received-bundles folder (hashing it on the way); returns the
    kept path and the file's SHA-256. *link*: a hard link when the same bundle is already
    there or the file system allows (benchmarks: no copy)."""
    name = file_name or source.name
    hq.folder.received.mkdir(parents=True, exist_ok=True)
    try:
        if link:
            sha = sha256_file(source)
            target = received_path(hq, sha, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                os.link(source, target)
            return target, sha
        temp = write_temp(hq.folder.received, read_chunks(source), prefix=".incoming-")
        target = received_path(hq, temp.sha256, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        publish(temp.path, target, same_bytes_ok=True)
    except OSError as exc:
        raise FieldDeskError(f"{source}: cannot keep a copy in {hq.folder.received} "
                             f"({exc.strerror})") from None
    return target, temp.sha256


def enqueue_kept(hq: HQ, kept: Path, bundle_sha256: str, *, file_name: str, source: str,
                 upload_id: str | None = None, office_code: str | None = None) -> int:
    """Queue a file already in the received-bundles folder; returns the job id."""
    relative = kept.relative_to(hq.folder.root).as_posix()
    office = claimed_office(kept) if office_code is None else office_code
    with hq.store.write() as conn:
        return jobs.enqueue(conn, bundle_sha256=bundle_sha256, path=relative,
                            file_name=file_name, source=source, now=utcnow(),
                            office_code=office, upload_id=upload_id)


def enqueue_file(hq: HQ, path: Path, *, source: str, link: bool = False) -> int:
    """``hq import`` on PostgreSQL: keep a copy of *path*, queue it; returns the job id."""
    path = Path(path)
    if not path.is_file():
        raise FieldDeskError(f"{path}: no such file")
    kept, sha = keep_file(hq, path, link=link)
    return enqueue_kept(hq, kept, sha, file_name=path.name, source=source)


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


@dataclass(frozen=True)
class FileResult:
    """What became of one file given to ``hq import``."""

    path: Path
    outcome: ImportOutcome | None  # None: it failed (``error``), nothing was changed
    error: str = ""


def import_files(hq: HQ, paths: list[Path], *, source: str = "cli",
                 progress: Callable[[Path], Any] | None = None) -> Iterator[FileResult]:
    """``hq import``: each file's result, in the order given, as soon as it is known.

    SQLite: each file is imported here, one after the other. PostgreSQL: every file is
    kept and queued first, then this process works through the queue like a worker (an
    office's older bundles first, whoever queued them) until each of its own files has a
    verdict; a running ``hq worker`` may take some of them, whose outcomes it waits for.
    A file that fails for headquarters' own reason stays queued for the workers.
    *progress(path)*: a progress callback for that file's import (SQLite).
    """
    if not hq.store.is_postgresql:
        for path in paths:
            try:
                yield FileResult(path, import_bundle(hq, path, source=source,
                                                     progress=progress(path) if progress
                                                     else None))
            except ImportFailed as exc:
                yield FileResult(path, None, str(exc))
        return
    yield from _through_queue(hq, paths, source)


def _through_queue(hq: HQ, paths: list[Path], source: str) -> Iterator[FileResult]:
    queued: list[tuple[Path, int | None, str]] = []
    for path in paths:
        try:
            queued.append((path, enqueue_file(hq, path, source=source), ""))
        except FieldDeskError as exc:
            queued.append((path, None, str(exc)))
    failed = {}  # job id -> the error of our own attempt (the job waits for a worker)
    hq_key = load_receipt_key(hq)
    done_upto = 0
    while done_upto < len(queued):
        turn = work_one(hq, hq_key=hq_key)
        if turn is not None and turn.outcome is None:
            failed[turn.job.id] = turn.error
        ids = [job_id for _path, job_id, _error in queued[done_upto:] if job_id is not None]
        with hq.store.read() as conn:
            states = jobs.states(conn, ids) if ids else {}
        while done_upto < len(queued):
            path, job_id, error = queued[done_upto]
            state = states.get(job_id) if job_id is not None else None
            if job_id is None:
                yield FileResult(path, None, error)
            elif state is not None and state.outcome is not None:
                yield FileResult(path, ImportOutcome.from_json(state.outcome))
            elif job_id in failed or (state is not None and state.state == jobs.FAILED):
                yield FileResult(path, None, failed.get(job_id) or state.error)
            else:
                break
            done_upto += 1
        if turn is None and done_upto < len(queued):
            time.sleep(POLL_SECONDS)
