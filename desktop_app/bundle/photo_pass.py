"""The export's photo pass: a part's photos zipped (stored) into its staging archive, each
read once, hashed as it is copied and checked against its name (the photo store is
content-addressed), while the workbook is written beside it.

Where it runs. Zipping is SHA-256, CRC-32 and copying, all C code that releases the GIL;
but each photo costs a dozen system calls, and after each one the pass must take the GIL
back from the workbook, which is built in Python. On a thread the pair took 1.7-1.9x the
floor of hashing and zipping the same bytes (``bench/export.py``, 10,000 rows and 500
photos); with the pass in a child process, where the two share nothing, about 1.3x. So a
pass of at least ``PROCESS_MIN_BYTES`` uses a child process: the program itself started
again as ``<program> --photo-pass JOB READY`` (``desktop_app/__main__.py`` answers that
before anything else, frozen or not). A smaller one runs on a thread only, where starting
a process would cost more than it saves.

Relay. Starting the child takes 50-100 ms (the interpreter and its imports; more on an old
PC), so it is not waited for: the export starts it as early as it can, a thread zips the
photos from the first one, and once the child says it has loaded (it creates READY) the
thread stops between two photos, closes the archive as it is and hands it over with the
photos left (the JOB file, written aside and renamed); the child reopens the archive and
goes on. If the thread finishes first, the child is dismissed.

The child is a speed-up, never a new way to fail: if it cannot start, or stops without an
answer, the part's pass runs again on a thread and the reason goes to the error log.
``FIELDDESK_PHOTO_PASS=process`` (or ``thread``) forces the host, for tests and the smoke
check of the built program; forced, the thread hands over before its first photo, and a
failed child is an error.

The archive is closed with ``BundleZipWriter.hand_over`` (central directory included,
synced at the end) and reopened with ``resume=True``: by the child from the thread, then by
the export, which appends the workbook, the key, the manifest and its signature. The job,
answer and readiness files lie hidden next to the staging archive, with names the export's
leftover sweep removes after a crash; the parent follows the child's progress by the
archive's size, and a Cancel kills it.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.bundle.archive import photo_member_name
from desktop_app.bundle.zipwriter import BundleZipWriter, MemberDigest, SourceError, temporary_path
from desktop_app.errors import BundleError, Cancelled

PROCESS_MIN_BYTES = 32 << 20  # ~100 phone photos; below it a process start costs more than it saves
HOST_ENV = "FIELDDESK_PHOTO_PASS"  # "process" or "thread": force the host
CHILD_FLAG = "--photo-pass"
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
        super().__init__(warning)
        self.photo, self.warning = photo, warning


class ChildFailed(Exception):
    """The child process stopped without an answer: run the pass again on a thread."""


def missing(sha: str) -> str:
    return (f"photo {sha[:12]}… is missing from the photos folder: left out of the bundle "
            "(restore it from a backup and export again)")


def unreadable(sha: str, exc: OSError) -> str:
    return f"photo {sha[:12]}… cannot be read ({exc.strerror}): left out of the bundle"


def zip_photos(staged: Path, photos: list[Photo], date_time: DateTime,
               on_chunk: Callable[[int], None] | None = None, *, resume: bool = False,
               enough: Callable[[], bool] | None = None) -> list[MemberDigest]:
    """Write *photos* into the archive under *staged*'s temporary name (a new one, or the
    one handed over with *resume*) and hand it over; returns their digests, in order.

    If *enough()* turns true between two photos, stops there: the digests returned are
    those of the photos written so far, the rest is for whoever resumes the archive.
    Raises ``BadPhoto`` for the first photo that is missing, unreadable or no longer
    matches its name (the archive is removed: the part is written again without it).
    """
    digests: list[MemberDigest] = []
    stopped = False
    with BundleZipWriter(staged, date_time=date_time, resume=resume) as writer:
        for photo in photos:
            if enough is not None and enough():
                stopped = True
                break
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
        # the photos reach the disk while the export waits; not when handing over halfway
        writer.hand_over(sync=not stopped)
    return digests


def chosen_host(total_bytes: int, host: str | None = None) -> str:
    """"process" or "thread" for a pass of *total_bytes* (*host* or the environment may force it)."""
    host = host or os.environ.get(HOST_ENV, "")
    if host in ("process", "thread"):
        return host
    return "process" if total_bytes >= PROCESS_MIN_BYTES else "thread"


def forced_process() -> bool:
    """The environment asks for the child process (then its failure is an error)."""
    return os.environ.get(HOST_ENV) == "process"


def spawn_child(staged: Path, *, forced: bool,
                on_fallback: Callable[[str], None] | None = None) -> ChildPass | None:
    """Start the child for the part staged at *staged* now, before its photos are known: it
    loads while the export gets ready (``ChildPass.give`` hands it the photos). None if it
    cannot start (told to *on_fallback*), unless *forced*: then that is an error."""
    child = ChildPass(staged, forced=forced)
    try:
        child.spawn()
        return child
    except OSError as exc:
        child.stop()
        if forced:
            raise BundleError(f"the photo pass could not start its own process ({exc})") from exc
        if on_fallback is not None:
            on_fallback(f"could not start: {exc}")
        return None


def start_pass(staged: Path, photos: list[Photo], date_time: DateTime,
               cancelled: Callable[[], bool], *, host: str | None = None,
               on_fallback: Callable[[str], None] | None = None,
               child: ChildPass | None = None) -> ThreadPass:
    """Start zipping *photos* on the host that suits them (see the module's notes), or with
    *child*, started for them already: a thread zips them until the child is ready, then
    hands it the archive and the rest (the child's start is not waited for)."""
    wanted = host or os.environ.get(HOST_ENV, "")
    if child is None and chosen_host(sum(p.size for p in photos), wanted) == "process":
        child = spawn_child(staged, forced=wanted == "process", on_fallback=on_fallback)
    # forced, the child zips every photo (tests and the smoke check see it work)
    thread = ThreadPass(staged, photos, date_time, cancelled, relay_to=child,
                        relay_at_once=wanted == "process")
    thread.start()
    return thread


class ThreadPass(threading.Thread):
    """The pass on a worker thread: polls the Cancel and ``stop`` between chunks; its error
    (a ``BadPhoto``, ``Cancelled`` or any other) is raised by ``result``.

    With *relay_to* (a started ``ChildPass``), it zips only until the child is ready, then
    hands the child the archive and the photos left; ``result`` is then both their digests.
    """

    def __init__(self, staged: Path, photos: list[Photo], date_time: DateTime,
                 cancelled: Callable[[], bool], *, relay_to: ChildPass | None = None,
                 relay_at_once: bool = False):
        super().__init__(name="bundle-photos", daemon=True)
        self.staged, self.photos, self.date_time = staged, photos, date_time
        self.cancelled = cancelled
        self.relay_to = relay_to
        self.relay_at_once = relay_at_once
        self.handed = False  # the child has the archive and the rest of the photos
        self.halt = threading.Event()
        self.done = 0
        self.digests: list[MemberDigest] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        def on_chunk(n: int) -> None:
            self.done += n
            if self.halt.is_set() or self.cancelled():
                raise Cancelled("cancelled: no bundle was written")

        child = self.relay_to
        try:
            on_chunk(0)
            enough = None if child is None else (
                (lambda: True) if self.relay_at_once else child.is_ready)
            self.digests = zip_photos(self.staged, self.photos, self.date_time, on_chunk,
                                      enough=enough)
            if child is not None:
                rest = self.photos[len(self.digests):]
                if rest:
                    child.give(rest, self.date_time, resume=True)
                    self.handed = True
                else:  # done before the child was ready
                    child.dismiss()
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
            self.error = exc

    def running(self) -> bool:
        return self.is_alive() or (self.handed and self.relay_to.running())

    def wait(self, timeout: float) -> None:
        if self.is_alive():
            self.join(timeout)
        elif self.handed:
            self.relay_to.wait(timeout)

    def bytes_done(self) -> int:
        if self.handed:  # the archive's size: the thread's photos and the child's
            return max(self.done, self.relay_to.bytes_done())
        return self.done

    def failed(self) -> bool:
        """Stopped by an error that dooms the part (a bad photo only means writing it again)."""
        return self.error is not None and not isinstance(self.error, BadPhoto | Cancelled)

    def stop(self) -> None:
        """Stop (the child too), and remove the archive (it may be finished already)."""
        self.halt.set()
        self.join()
        if self.relay_to is not None:
            self.relay_to.stop()
        temporary_path(self.staged).unlink(missing_ok=True)

    def result(self) -> list[MemberDigest]:
        self.join()
        if self.error is not None:
            raise self.error
        if self.handed:
            return self.digests + self.relay_to.result()
        return self.digests


class ChildPass:
    """The pass in a child process (see the module's notes)."""

    def __init__(self, staged: Path, *, forced: bool):
        self.photos: list[Photo] = []
        self.forced = forced
        self.staged = staged
        self.tmp = temporary_path(staged)  # where zip_photos writes, in the child
        # beside it, hidden, ending in .partial: the export's leftover sweep knows them
        self.job, self.job_draft, self.answer, self.log, self.ready = (
            self.tmp.with_name(self.tmp.name.replace(".partial", f".photos-{what}.partial"))
            for what in ("job", "job-draft", "answer", "log", "ready"))
        self.proc: Any = None
        self.given = False  # its job was handed over: whoever holds the pass stops it
        self.exited = threading.Event()

    def spawn(self) -> None:
        """Start the program again; it waits for its job (``give``)."""
        import subprocess  # only an export that starts a child pays for it

        self._forget()
        # Frozen, the program's own start makes a new instance (PyInstaller's advice).
        env = dict(os.environ, PYINSTALLER_RESET_ENVIRONMENT="1")
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console box
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [*child_command(), str(self.job), str(self.ready)], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=log, env=env, creationflags=flags)
        # Popen.wait(timeout) polls with sleeps of up to 50 ms; a blocking wait on a thread
        # tells the export the moment the child is done.
        threading.Thread(target=self._watch, name="bundle-photos-child", daemon=True).start()

    def is_ready(self) -> bool:
        """The child has loaded and waits for its job (it says so with a file)."""
        return self.ready.exists()

    def give(self, photos: list[Photo], date_time: DateTime, *, resume: bool = False) -> None:
        """The job: written aside, then renamed, so the child never reads half of it.
        With *resume*, the child appends to the archive handed over to it."""
        self.photos, self.given = photos, True
        self.job_draft.write_text(json.dumps({
            "staged": str(self.staged), "answer": str(self.answer), "date_time": list(date_time),
            "resume": resume, "photos": [[p.sha256, str(p.path), p.size] for p in photos]}),
            encoding="utf-8")
        os.replace(self.job_draft, self.job)

    def dismiss(self) -> None:
        """Not needed after all: kill it, keep the archive."""
        self.given = True  # settled: nobody else stops it
        self._kill()

    def _watch(self) -> None:
        self.proc.wait()
        self.exited.set()

    def running(self) -> bool:
        return not self.exited.is_set()

    def wait(self, timeout: float) -> None:
        self.exited.wait(timeout)

    def bytes_done(self) -> int:
        try:
            return os.stat(self.tmp).st_size
        except OSError:
            return 0

    def stop(self) -> None:
        """Kill the child (a Cancel or an error beside it) and remove what it wrote."""
        self._kill()
        self.tmp.unlink(missing_ok=True)

    def result(self) -> list[MemberDigest]:
        self.proc.wait()
        try:
            answer = json.loads(self.answer.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            answer = None
        if answer is None or "error" in answer:
            why = answer["error"] if answer else self._exit_reason()
            self.stop()
            if self.forced:
                raise BundleError(f"the photo pass failed in its own process: {why}")
            raise ChildFailed(why)
        self._forget()
        if "bad" in answer:
            raise BadPhoto(self.photos[answer["bad"]], answer["warning"])
        digests = [MemberDigest(size, sha) for size, sha in answer["digests"]]
        if len(digests) != len(self.photos):
            self.tmp.unlink(missing_ok=True)
            raise ChildFailed(f"answered for {len(digests)} of {len(self.photos)} photos")
        return digests

    def _exit_reason(self) -> str:
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            lines = []
        return f"exit code {self.proc.returncode}" + (f": {lines[-1]}" if lines else "")

    def _kill(self) -> None:
        """End the child if it still runs, and remove its job, answer, log and READY."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._forget()

    def _forget(self) -> None:
        for path in (self.job, self.job_draft, self.answer, self.log, self.ready):
            path.unlink(missing_ok=True)


def child_command() -> list[str]:
    """How to start this program again as the photo pass, from source or frozen."""
    if getattr(sys, "frozen", False):  # PyInstaller: sys.executable is FieldDesk itself
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", "desktop_app", CHILD_FLAG]


def child_main(argv: list[str]) -> int:
    """``<program> --photo-pass JOB READY``: say it is ready (creates READY), wait for the
    job, do it, write the answer; exit 0
    unless no job came or it cannot be read (the parent then runs the pass on a thread)."""
    if len(argv) != 2:
        print(f"usage: {CHILD_FLAG} JOB READY", file=sys.stderr)
        return 2
    job_path = Path(argv[0])
    Path(argv[1]).touch()  # loaded: the parent's thread hands over the archive and the rest
    if not _job_came(job_path):
        print(f"{CHILD_FLAG}: no job came at {job_path}", file=sys.stderr)
        return 3
    job = json.loads(job_path.read_text(encoding="utf-8"))
    photos = [Photo(sha, Path(path), size) for sha, path, size in job["photos"]]
    answer: dict[str, Any]
    try:
        digests = zip_photos(Path(job["staged"]), photos, tuple(job["date_time"]),
                             resume=bool(job.get("resume")))
        answer = {"digests": [[d.size, d.sha256] for d in digests]}
    except BadPhoto as bad:
        answer = {"bad": photos.index(bad.photo), "warning": bad.warning}
    except Exception as exc:  # noqa: BLE001 - told to the parent, which decides
        answer = {"error": str(exc) or type(exc).__name__}
    Path(job["answer"]).write_text(json.dumps(answer), encoding="utf-8")
    return 0


JOB_WAIT_SECONDS = 600  # the export checks its photos meanwhile: slow on a big old disk


def _job_came(job: Path) -> bool:
    """Wait for the job file; give up if the parent is gone (POSIX) or after a long while."""
    import time

    parent, start, pause = os.getppid(), time.monotonic(), 0.001
    while not job.exists():
        waited = time.monotonic() - start
        if waited > JOB_WAIT_SECONDS or (os.name == "posix" and os.getppid() != parent):
            return False
        time.sleep(pause if waited < 2 else 0.05)
    return True
