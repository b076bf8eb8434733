"""Room on the disk: the probe, the need of an export or a backup, a full disk named in one line."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from desktop_app import diskspace
from desktop_app.diskspace import (
    BACKUP,
    EXPORT,
    DiskFullError,
    disk_full_is_an_error,
    ensure_room,
    free_bytes,
    is_disk_full,
)


def test_the_probe_reads_the_disk_of_a_folder_not_made_yet(tmp_path):
    assert free_bytes(tmp_path / "exports" / "not" / "yet") == free_bytes(tmp_path) > 0


def test_no_room_is_refused_with_the_need_and_the_free_space(tmp_path, monkeypatch):
    monkeypatch.setattr(diskspace, "free_bytes", lambda folder: 2_500_000)
    ensure_room(tmp_path, 2_500_000, EXPORT)  # exactly enough
    with pytest.raises(DiskFullError) as err:
        ensure_room(tmp_path, 35_200_000, EXPORT)
    assert str(err.value) == (f"The disk is full: the export needs 35.2 MB free in {tmp_path}, but only "
                              "2.5 MB is free. Nothing was saved. Free some space and try again.")
    assert err.value.message.template == diskspace.NO_ROOM[EXPORT]  # translatable in the GUI


def windows_full() -> OSError:
    exc = OSError(errno.EINVAL, "There is not enough space on the disk")
    exc.winerror = 112
    return exc


@pytest.mark.parametrize("exc, full", [
    (OSError(errno.ENOSPC, "No space left on device"), True),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
    (windows_full(), True),
    (sqlite3.OperationalError("database or disk is full"), True),
    (OSError(errno.EACCES, "Permission denied"), False),
    (sqlite3.OperationalError("database is locked"), False),
    (ValueError("x"), False),
])
def test_what_counts_as_a_full_disk(exc, full):
    assert is_disk_full(exc) is full


def test_a_full_disk_behind_another_error_is_found():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("the writer thread failed") from inner
    except RuntimeError as outer:
        assert is_disk_full(outer)


def test_inside_the_guard_a_full_disk_becomes_one_line_and_other_errors_pass(tmp_path):
    with pytest.raises(DiskFullError) as err, disk_full_is_an_error(tmp_path, 4_000_000, BACKUP):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(err.value) == (f"The disk is full or failing: nothing was saved. The backup needs about "
                              f"4.0 MB free in {tmp_path}. Free some space and try again.")
    assert isinstance(err.value.__cause__, OSError)  # the log keeps what the OS said
    with pytest.raises(PermissionError), disk_full_is_an_error(tmp_path, 1, BACKUP):
        raise PermissionError(errno.EACCES, "Permission denied")


# --- what a backup needs (an export's: bundle_export/test_export_room.py) ----------------------


def test_the_backup_need_is_the_database_twice_and_every_photo(demo):
    from desktop_app.storage.backup import backup_space_needed

    photo = demo.folder.photos / ("ab" * 32 + ".jpg")
    photo.write_bytes(b"x" * 100_000)
    snapshot, needed = backup_space_needed(demo.folder, [photo])
    database = sum(p.stat().st_size for p in demo.folder.root.glob("fielddesk.db*"))
    assert snapshot == database and needed >= database + 100_000


def test_a_backup_whose_snapshot_meets_a_full_disk_leaves_nothing(demo, tmp_path, monkeypatch):
    from desktop_app.storage import backup

    def full(_source: Path, dest: Path) -> None:
        dest.write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "snapshot_database", full)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    with pytest.raises(DiskFullError, match="The backup needs about"):
        backup.create_backup(demo.folder, tmp_path / "out" / "b.zip")
    assert list((tmp_path / "out").iterdir()) == [] and list((tmp_path / "temp").iterdir()) == []
