"""Import a folder's worth of photos on two worker threads, with progress and Cancel.

A clerk attaches a camera folder of 200 photos at once. Decoding and resizing happen in
Pillow's C code with the GIL released, so two threads nearly halve the wait on the
dual-core PCs offices have, without the start-up cost and memory of processes (and
without doubling the peak memory of more threads on a 4 GB machine).

The batch knows nothing of threads in the UI or of the database: it ingests each file,
writes it to the :class:`PhotoStore` (so the work survives a crash), and returns what it
did; the caller records the metadata in one transaction on its own thread. One bad file
is reported and the rest go on. ``progress(done, total, file_name)`` is called on the
calling thread after each file; ``cancelled()`` is polled there too: once it says yes,
nothing more is started, queued files are dropped, and the one or two files already
being decoded are finished and returned (they are already in the store).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from desktop_app.errors import PhotoError
from desktop_app.photos.ingest import IngestedPhoto, ingest_file
from desktop_app.photos.store import PhotoStore

__all__ = ["BatchResult", "ingest_many"]

log = logging.getLogger(__name__)

_POLL_SECONDS = 0.05  # how often cancelled() is asked while workers are busy


@dataclass
class BatchResult:
    """What a batch did, each list in input order."""

    ingested: list[IngestedPhoto] = field(default_factory=list)  # stored; record them
    refused: list[tuple[Path, str]] = field(default_factory=list)  # (file, one-line reason)
    not_started: list[Path] = field(default_factory=list)  # skipped because of Cancel
    cancelled: bool = False


def ingest_many(
    paths: Iterable[str | PathLike[str]],
    store: PhotoStore,
    *,
    max_edge: int = 1600,
    quality: int = 80,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int = 2,
) -> BatchResult:
    """Ingest and store every file; see the module docstring for progress and Cancel.

    The reason in ``refused`` is the PhotoError message, which already names the file.
    """
    files = [Path(p) for p in paths]
    total = len(files)
    outcomes: dict[int, IngestedPhoto | str] = {}
    result = BatchResult()
    window = max(1, workers) * 2  # a little queued work keeps both threads busy
    next_index = 0
    done = 0
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="photo-ingest")
    pending: dict[Future[IngestedPhoto | str], int] = {}
    dropped: list[int] = []
    try:
        while True:
            if not result.cancelled and cancelled is not None and cancelled():
                result.cancelled = True
                dropped += [pending.pop(f) for f in list(pending) if f.cancel()]
            while not result.cancelled and next_index < total and len(pending) < window:
                future = pool.submit(_ingest_one, files[next_index], store, max_edge, quality)
                pending[future] = next_index
                next_index += 1
            if not pending:
                break
            finished, _ = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                outcomes[index] = future.result()
                done += 1
                if progress is not None:
                    progress(done, total, files[index].name)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    result.not_started = [files[i] for i in sorted(dropped)] + files[next_index:]
    for index in sorted(outcomes):
        outcome = outcomes[index]
        if isinstance(outcome, str):
            result.refused.append((files[index], outcome))
        else:
            result.ingested.append(outcome)
    return result


def _ingest_one(path: Path, store: PhotoStore, max_edge: int, quality: int) -> IngestedPhoto | str:
    """Runs on a worker thread: the photo, or the one-line reason it was refused."""
    try:
        photo = ingest_file(path, max_edge=max_edge, quality=quality)
        store.put(photo)
        return photo
    except PhotoError as exc:
        return str(exc)
    except Exception as exc:  # a bug must not lose the other 199 photos
        log.exception("unexpected error while importing %s", path)
        return f"{path.name}: unexpected error ({type(exc).__name__}), see the log"
