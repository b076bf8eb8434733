"""Old office PCs from the command line: a wrong clock is told, a full disk is a one-line error.

The clock is the app's one clock (``desktop_app.clock.now``) and the free-space probe the
one in ``desktop_app.diskspace``, so these run ``fielddesk`` in this process
(``cli.main``) with them patched; a real ``ENOSPC`` comes from the ``full_disk`` fixture.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app import clock, diskspace
from desktop_app.cli import main

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # when the demo office saved its work


def local(moment: datetime, fmt: str = "%d.%m.%Y %H:%M") -> str:
    return moment.astimezone().strftime(fmt)


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory) -> Path:
    """The demo office (records, photos, key), saved at T0 by the app's clock."""
    home = tmp_path_factory.mktemp("demo") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "now", lambda: T0)
        assert main(["--home", str(home), "demo", "--no-open"]) == 0
    return home


@pytest.fixture
def home(demo_home, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(demo_home, copy, ignore=shutil.ignore_patterns(".fielddesk.lock"))
    return copy


def fielddesk(capsys, home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def bundles(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def manifest(path: str) -> dict:
    with zipfile.ZipFile(path.strip()) as zf:
        return json.loads(zf.read("manifest.json"))


# --- a wrong clock ------------------------------------------------------------------------------


def test_a_plausible_clock_exports_without_a_warning(home, pc_clock, capsys):
    pc_clock.at = T0 + timedelta(days=2)
    code, out, err = fielddesk(capsys, home, "export")
    assert code == 0 and "warning" not in err
    code, out, _ = fielddesk(capsys, home, "info")
    assert f"clock:       {local(T0 + timedelta(days=2))}, consistent with the office's records" in out


@pytest.mark.parametrize("shift, shown", [(timedelta(hours=-3), "%d.%m.%Y %H:%M"),
                                          (timedelta(days=-3 * 365), "%d.%m.%Y")])
def test_export_warns_on_stderr_first_and_dates_the_bundle_by_the_clock_as_it_is(
        home, pc_clock, capsys, shift, shown):
    pc_clock.at = T0 + shift
    code, out, err = fielddesk(capsys, home, "export")
    assert code == 0
    warning = (f"fielddesk: warning: The PC's clock says {local(T0 + shift, shown)}, but this office "
               f"saved an entry on {local(T0, shown)}: check the date and time before entering "
               "today's work.")
    assert err.splitlines()[0] == warning
    assert manifest(out)["created_at"] == clock.iso(T0 + shift)  # warned, never changed
    code, out, _ = fielddesk(capsys, home, "info")
    assert f"clock:       WARNING: {warning.removeprefix('fielddesk: warning: ')}" in out.splitlines()


def test_a_clock_put_back_years_after_an_export_reads_like_the_issue(home, pc_clock, capsys):
    pc_clock.at = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    assert fielddesk(capsys, home, "export")[0] == 0
    pc_clock.at = datetime(2023, 12, 6, 9, 0, tzinfo=UTC)  # the CMOS battery died overnight
    code, out, err = fielddesk(capsys, home, "export")
    assert code == 0
    assert err.splitlines()[0] == ("fielddesk: warning: The PC's clock says 06.12.2023, but this office "
                                   "exported a bundle on 05.12.2026: check the date and time before "
                                   "entering today's work.")
    assert manifest(out)["seq"] == 2  # the chain goes by seq, never by time


# --- a full disk --------------------------------------------------------------------------------


def one_line(err: str, *parts: str) -> None:
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "unexpected" not in err
    for part in parts:
        assert part in err


def test_export_on_a_full_disk_is_refused_before_writing(home, pc_clock, capsys, monkeypatch):
    real_probe = diskspace.free_bytes
    monkeypatch.setattr(diskspace, "free_bytes", lambda folder: 1_000)
    code, out, err = fielddesk(capsys, home, "export")
    assert code == 1 and out == ""
    one_line(err, "fielddesk: The disk is full: the export needs ", f"free in {home / 'exports'}, but only "
             "1.0 KB is free. Nothing was saved. Free some space and try again.")
    needed = err.split("needs ")[1].split(" free")[0]
    assert needed.endswith(" MB") and float(needed[:-3]) > 1  # the demo's photos, at least
    assert bundles(home / "exports") == []
    monkeypatch.setattr(diskspace, "free_bytes", real_probe)  # space freed
    code, out, _ = fielddesk(capsys, home, "export")
    assert code == 0 and manifest(out)["seq"] == 1


def test_export_meeting_a_full_disk_while_writing_leaves_nothing_and_the_next_has_the_right_seq(
        home, pc_clock, capsys, full_disk):
    assert fielddesk(capsys, home, "export")[0] == 0  # seq 1, on a disk with room
    pc_clock.at = T0 + timedelta(hours=1)
    first = bundles(home / "exports")
    # room for part of the next one: the photos are zipped by the photo pass's own process,
    # which this double cannot see, so the disk fills while this process writes the
    # workbook and adds it to the bundle
    disk = full_disk(home / "exports", capacity=50_000)
    code, out, err = fielddesk(capsys, home, "export", "--all-photos")
    assert disk.refused >= 1 and disk.used == 50_000  # it really wrote until the disk was full
    assert code == 1 and out == ""
    one_line(err, "fielddesk: The disk is full or failing: nothing was saved. The export needs about ",
             f"free in {home / 'exports'}. Free some space and try again.")
    assert bundles(home / "exports") == first  # no partial file, no staging file
    disk.capacity = 10**12  # space freed
    code, out, _ = fielddesk(capsys, home, "export", "--all-photos")
    assert code == 0 and manifest(out)["seq"] == 2
    code, out, _ = fielddesk(capsys, home, "verify", out.strip(), "--key", str(home / "keys" / "office.pub.pem"))
    assert code == 0 and "seq 2" in out


def test_backup_on_a_full_disk_is_refused_before_writing(home, capsys, monkeypatch, tmp_path):
    real_probe = diskspace.free_bytes
    monkeypatch.setattr(diskspace, "free_bytes", lambda folder: 5_000_000)
    out_dir = tmp_path / "pen-drive"
    code, out, err = fielddesk(capsys, home, "backup", "--out", str(out_dir / "b.zip"))
    assert code == 1 and out == ""
    one_line(err, "fielddesk: The disk is full: the backup needs ", "but only 5.0 MB is free. Nothing "
             "was saved. Free some space and try again.")
    assert bundles(out_dir) == []
    monkeypatch.setattr(diskspace, "free_bytes", real_probe)
    code, out, _ = fielddesk(capsys, home, "backup", "--out", str(out_dir / "b.zip"))
    assert code == 0 and out.strip() == str(out_dir / "b.zip")


def test_backup_meeting_a_full_disk_while_writing_leaves_nothing(home, capsys, full_disk, tmp_path,
                                                                 monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))  # the snapshot's folder, watched
    (tmp_path / "temp").mkdir()
    out_dir = tmp_path / "pen-drive"
    out_dir.mkdir()
    disk = full_disk(out_dir, capacity=300_000)
    code, out, err = fielddesk(capsys, home, "backup", "--out", str(out_dir))
    assert disk.refused >= 1 and code == 1 and out == ""
    one_line(err, "fielddesk: The disk is full or failing: nothing was saved. The backup needs about ",
             f"free in {out_dir}. Free some space and try again.")
    assert bundles(out_dir) == [] and bundles(tmp_path / "temp") == []
    disk.capacity = 10**12
    code, out, _ = fielddesk(capsys, home, "backup", "--out", str(out_dir))
    assert code == 0 and Path(out.strip()).parent == out_dir
    assert fielddesk(capsys, home, "restore", out.strip(), "--force")[0] == 0  # whole: it restores
