"""Test helper: a bundle archive written from a list of members in one go.

The export adds members one at a time (``BundleZipWriter``); tests and tampering fixtures
want a whole archive from names and bytes or files, with the writer's guarantees (names
checked, nothing under the final name on Cancel or error).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app.bundle.archive import check_names
from desktop_app.bundle.zipwriter import BundleZipWriter
from desktop_app.errors import BundleError, Cancelled

Progress = Callable[[int, int], None]  # (bytes written so far, total bytes)


def write_bundle_zip(final_path: Path, members: Sequence[tuple[str, Path | bytes]], *,
                     cancelled: Callable[[], bool] | None = None,
                     progress: Progress | None = None,
                     overwrite: bool = False,
                     date_time: tuple[int, int, int, int, int, int] | None = None) -> None:
    """Write *members* (name, file path or bytes), in order, as a stored ZIP at *final_path*.

    Names must pass the bundle's name checks. Refuses an existing *final_path* unless
    *overwrite*. Raises ``Cancelled`` if *cancelled()* turns true before the archive is in
    place; on Cancel or any error nothing is left under either name.
    """
    final_path = Path(final_path)
    check_names(name for name, _ in members)
    if not overwrite and os.path.lexists(final_path):
        raise BundleError(f"{final_path}: already exists; not overwritten")
    sizes = [len(src) if isinstance(src, bytes | bytearray) else os.stat(src).st_size
             for _, src in members]
    total, done = sum(sizes), 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)
        if cancelled is not None and cancelled():
            raise Cancelled("cancelled: no bundle was written")

    with BundleZipWriter(final_path, overwrite=overwrite, date_time=date_time) as writer:
        step(0)
        for (name, source), size in zip(members, sizes):
            if isinstance(source, bytes | bytearray):
                writer.add_bytes(name, source, on_chunk=step)
                continue
            if writer.add_file(name, source, size=size, on_chunk=step).size != size:
                raise BundleError(f"{name}: changed while the bundle was being written")
        step(0)  # last chance to cancel before the bundle appears
        writer.finish()
