"""The export's photo pass: a part's photos zipped (stored) into its staging archive in a
process of their own, each read once and hashed as it is copied, while the export writes
the workbook in this one.

Why a process: hashing and copying are C code, but each photo costs a dozen system calls
after which a thread must take the GIL back from the workbook, which is written in Python;
in a process of its own the pass shares nothing with it (measured in
``docs/decisions/0003-export-photo-pass.md``).

How: one ``multiprocessing.Process``, started with the "spawn" method (the same on Linux
and Windows; forking a program that runs Qt's threads is not safe), which sends back its
digests, or its error, through a ``multiprocessing.Pipe``. The frozen program's entry
calls ``multiprocessing.freeze_support()`` first (``desktop_app/__main__.py``), so the
process is FieldDesk itself. A Cancel kills it (even one stuck reading a photo) and
removes its archive. The archive is closed under its temporary name
(``BundleZipWriter.finish(publish=False)``) and the export appends the workbook, the key,
the manifest and its signature to it (``append=True``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.bundle.archive import photo_member_name
from desktop_app.bundle.zipwriter import BundleZipWriter, MemberDigest, SourceError, temporary_path

DateTime = tuple[int, int, int, int, int, int]


@dataclass(frozen=True)
class Photo:
    """A photo to carry: its name in the store (SHA-256), its file, its size when listed."""

    sha256: str
    path: Path
    size: int


class BadPhoto(Exception):
    """A photo found missing, unreadable or damaged while being zipped: leave it out."""

    def __init__(self, photo: Photo, warning: str):
        super().__init__(photo, warning)  # both in args: the error crosses processes
        self.photo, self.warning = photo, warning

    def __str__(self) -> str:
        return self.warning


class PhotoPassFailed(Exception):
    """The pass's process could not start or died (an antivirus, memory): the export zips
    the photos itself instead, and logs why."""


def missing(sha: str) -> str:
    return (f"photo {sha[:12]}… is missing from the photos folder: left out of the bundle "
            "(restore it from a backup and export again)")


def unreadable(sha: str, exc: OSError) -> str:
    return f"photo {sha[:12]}… cannot be read ({exc.strerror}): left out of the bundle"


def zip_photos(staged: Path, photos: list[Photo], date_time: DateTime,
               on_chunk: Callable[[int], None] | None = None) -> list[MemberDigest]:
    """Write *photos* into a new archive under *staged*'s temporary name and close it there
    (synced) for the export to append the rest; returns their digests, in order.

    Raises ``BadPhoto`` for the first photo that is missing, unreadable or no longer
    matches its name (the archive is removed: the part is written again without it).
    """
    digests: list[MemberDigest] = []
    with BundleZipWriter(staged, date_time=date_time) as writer:
        for photo in photos:
            try:
                src = open(photo.path, "rb")  # noqa: SIM115 - closed just below
            except FileNotFoundError:
                raise BadPhoto(photo, missing(photo.sha256)) from None
            except OSError as exc:
                raise BadPhoto(photo, unreadable(photo.sha256, exc)) from None
            with src:
                try:
                    digest = writer.add_file(photo_member_name(photo.sha256), src,
                                             size=photo.size, on_chunk=on_chunk)
                except SourceError as exc:
                    raise BadPhoto(photo, unreadable(photo.sha256, exc)) from None
            if digest.sha256 != photo.sha256:
                raise BadPhoto(photo, f"photo {photo.sha256[:12]}… is damaged on disk (its "
                               "content no longer matches its name): left out of the bundle "
                               "(restore it from a backup)")
            digests.append(digest)
        writer.finish(publish=False)
    return digests


class PhotoPass:
    """``zip_photos`` running in a process of its own; the export polls it from its thread."""

    def __init__(self, staged: Path, photos: list[Photo], date_time: DateTime):
        self.archive = temporary_path(staged)  # its size is the pass's progress
        context = multiprocessing.get_context("spawn")
        self._answers, answer_to = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_pass, name="fielddesk-photo-pass",
                                        args=(staged, photos, date_time, answer_to), daemon=True)
        try:
            self._process.start()
        except Exception as exc:  # noqa: BLE001 - no process here (limits, a daemon's child)
            self._answers.close()
            raise PhotoPassFailed(f"its process could not start: {exc}") from exc
        finally:
            answer_to.close()  # the pass holds its end: if it dies, this end reads EOF
        self._answer: tuple[bool, Any] | None = None

    def done(self, timeout: float | None = 0) -> bool:
        """Finished (or failed), waiting up to *timeout* seconds (None: as long as it takes)."""
        if self._answer is None and self._answers.poll(timeout):
            try:
                self._answer = self._answers.recv()
            except EOFError:  # it died without a word
                self._process.join()
                self._answer = (False, PhotoPassFailed(
                    f"its process stopped with exit code {self._process.exitcode}"))
        return self._answer is not None

    def bytes_done(self) -> int:
        try:
            return os.stat(self.archive).st_size
        except OSError:
            return 0

    def raise_if_failed(self) -> None:
        """Raise the pass's error now if it has one that dooms the part (a bad photo only
        means writing the part again: the workbook may finish first)."""
        if self.done() and not self._answer[0] and not isinstance(self._answer[1], BadPhoto):
            self.result()

    def result(self) -> list[MemberDigest]:
        self.done(timeout=None)
        self._process.join()
        self._answers.close()
        ok, value = self._answer
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """Stop the pass (a Cancel or an error beside it) and remove its archive."""
        self._process.kill()
        self._process.join()
        self._answers.close()
        self.archive.unlink(missing_ok=True)


def _run_pass(staged: Path, photos: list[Photo], date_time: DateTime, answer_to: Any) -> None:
    """The pass's process: zip, then send back the digests or the error (never a traceback)."""
    try:
        answer = (True, zip_photos(staged, photos, date_time))
    except BaseException as exc:  # noqa: BLE001 - the export decides what it means
        answer = (False, exc)
    answer_to.send(answer)
