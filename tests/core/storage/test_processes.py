"""What happens across processes: kill -9 mid-write, a second instance, backup while writing."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.errors import DataFolderLockedError
from desktop_app.paths import DataFolder
from desktop_app.storage.backup import create_backup, restore_backup
from desktop_app.storage.store import open_folder

WRITER = Path(__file__).with_name("writer_process.py")


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), *args], stdout=subprocess.PIPE, text=True)


def _read_until(proc: subprocess.Popen, count: int) -> int:
    last = 0
    while last < count:
        line = proc.stdout.readline()
        assert line, "child exited early"
        last = int(line)
    return last


def _prepare(tmp_path: Path, demo_factory) -> Path:
    home = tmp_path / "office"
    with open_folder(home) as opened:
        demo_factory(opened)
    return home


def test_kill_9_mid_write_keeps_every_committed_row(tmp_path):
    from desktop_app.demo import populate

    home = _prepare(tmp_path, populate)
    proc = _spawn("write", str(home), "100000")
    committed = _read_until(proc, 150)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(home / "fielddesk.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT count(*) FROM scrap_disposal WHERE item LIKE 'item %'").fetchone()[0]
    audits = conn.execute("SELECT count(*) FROM audit_log WHERE table_name='scrap_disposal' "
                          "AND new_json LIKE '%\"item %'").fetchone()[0]
    conn.close()
    assert rows >= committed  # nothing that was committed is lost
    assert audits == rows     # and no row lost its audit


def test_second_instance_is_refused_and_a_killed_holder_frees_the_lock(tmp_path):
    home = tmp_path / "office"
    DataFolder(home).ensure()
    holder = subprocess.Popen([sys.executable, str(WRITER), "hold", str(home)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DataFolderLockedError, match="already open"):
            open_folder(home)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    # the lock file is still on disk, but the lock died with the process
    assert DataFolder(home).lock.exists()
    with open_folder(home) as opened:
        assert opened.store.db.execute("SELECT 1").fetchone() == (1,)


def test_backup_while_another_process_writes_then_restore(tmp_path):
    from desktop_app.demo import populate

    home = _prepare(tmp_path, populate)
    proc = _spawn("write", str(home), "400")
    try:
        _read_until(proc, 50)
        backup = create_backup(DataFolder(home), tmp_path / "b.zip")
    finally:
        proc.wait(timeout=60)
    restored = DataFolder(tmp_path / "restored")
    restore_backup(backup, restored)
    conn = sqlite3.connect(restored.database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    snap_rows = conn.execute("SELECT count(*) FROM scrap_disposal WHERE item LIKE 'item %'").fetchone()[0]
    snap_ids = {r[0] for r in conn.execute("SELECT id FROM scrap_disposal")}
    conn.close()
    live = sqlite3.connect(home / "fielddesk.db")
    live_ids = {r[0] for r in live.execute("SELECT id FROM scrap_disposal")}
    live.close()
    assert 50 <= snap_rows <= 400          # a consistent moment during the writes
    assert snap_ids <= live_ids            # every row in the backup is a real committed row
    with open_folder(restored.root) as opened:
        assert opened.store.office.get().code == "DEMO-RO-PUNE"


def test_restore_refuses_to_overwrite_then_keeps_a_safety_copy(tmp_path, demo):
    from desktop_app.errors import FieldDeskError

    backup = create_backup(demo.folder, tmp_path / "b.zip")
    target = DataFolder(tmp_path / "other")
    restore_backup(backup, target)
    with pytest.raises(FieldDeskError, match="already holds an office"):
        restore_backup(backup, target)
    safety = restore_backup(backup, target, force=True)
    assert safety is not None and safety.exists()


def test_damaged_backup_is_refused_before_touching_anything(tmp_path, demo):
    from desktop_app.errors import FieldDeskError

    backup = create_backup(demo.folder, tmp_path / "b.zip")
    data = bytearray(backup.read_bytes())
    # flip a byte inside the stored database (past the zip's first local header)
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    target = DataFolder(tmp_path / "t")
    with pytest.raises(FieldDeskError):
        restore_backup(bad, target)
    assert not target.database.exists()
