"""The photos are read once: zipped by the photo pass (on a worker thread, or in a child
process for a big pass) and hashed in the same read, while the workbook is written. On
either host a photo whose bytes no longer match its name is still left out, a Cancel still
leaves nothing, and the pass's errors reach the caller; a child that fails is replaced by
the thread (and logged), unless the process was asked for."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import zipfile

import pytest

from desktop_app.bundle import export as export_module
from desktop_app.bundle import photo_pass, zipwriter
from desktop_app.bundle.verify import verify_bundle
from desktop_app.domain.choices import PhotoRole
from desktop_app.errors import BundleError, Cancelled


def photo_members(path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        return {n[len("photos/"):-len(".jpg")] for n in zf.namelist() if n.startswith("photos/")}


def nothing_left(office) -> bool:
    out = office.folder.exports
    cid = office.store.campaigns.current().id
    return list(out.iterdir()) == [] and office.store.exports.history(cid) == []


def shas(office) -> list[str]:
    return sorted(p.sha256 for p in office.store.photos.referenced(
        office.store.campaigns.current().id))


@pytest.fixture
def children(monkeypatch):
    """Every child process the export starts (still started for real)."""
    started = []
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        proc = real_popen(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(subprocess, "Popen", popen)
    return started


@pytest.fixture(params=["thread", "process"])
def host(request, monkeypatch):
    monkeypatch.setenv(photo_pass.HOST_ENV, request.param)
    return request.param


def fake_child(monkeypatch, code: str) -> None:
    """The child started is this little program instead of FieldDesk (argv[1] is the job,
    which *code* may wait for with ``wait_for_job()``)."""
    helper = ("import pathlib, sys, time\n"
              "def wait_for_job():\n"
              "    while not pathlib.Path(sys.argv[1]).exists(): time.sleep(0.005)\n")
    monkeypatch.setattr(photo_pass, "child_command", lambda: [sys.executable, "-c", helper + code])


def child_ready_at_once(monkeypatch) -> None:
    """The thread hands over before its first photo, as if the child had loaded already."""
    monkeypatch.setattr(photo_pass.ChildPass, "is_ready", lambda self: True)


def test_each_photo_is_read_once_by_the_pass(office, bx, monkeypatch, host, children):
    photos_dir = office.folder.photos
    hashed, opened = [], []
    real_hash, real_open = export_module.hash_file, open

    def counting_hash(path):
        hashed.append(path)
        return real_hash(path)

    def counting_open(path, *args, **kwargs):
        opened.append((path, threading.current_thread().name))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(export_module, "hash_file", counting_hash)
    monkeypatch.setattr(photo_pass, "open", counting_open, raising=False)
    [result] = bx.export(office)
    verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(shas(office))
    assert not [p for p in hashed if p.parent == photos_dir]  # no separate hashing pass
    opened = [(p, thread) for p, thread in opened if p.parent == photos_dir]
    if host == "thread":
        assert sorted(p.name for p, _ in opened) == sorted(f"{s}.jpg" for s in shas(office))
        assert {thread for _, thread in opened} == {"bundle-photos"} and children == []
    else:  # the child read them: this process opened none
        assert opened == [] and len(children) == 1 and children[0].returncode == 0
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]


def test_the_host_is_chosen_by_the_bytes_to_zip(office, bx, monkeypatch, children):
    monkeypatch.delenv(photo_pass.HOST_ENV, raising=False)
    bx.export(office)  # a few small photos: a thread
    assert children == []
    monkeypatch.setattr(photo_pass, "PROCESS_MIN_BYTES", 1)
    [result] = bx.export(office, all_photos=True)  # more than the threshold: a child process
    assert len(children) == 1 and children[0].poll() is not None  # (dismissed if not needed)
    verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(shas(office))


def test_the_thread_hands_the_archive_over_to_the_child_once_it_is_ready(office, bx, monkeypatch,
                                                                       children):
    """Unforced, the thread zips from the start (the child's start costs ~0.1 s) and hands
    the archive and the photos left to the child once it has loaded."""
    monkeypatch.delenv(photo_pass.HOST_ENV, raising=False)
    monkeypatch.setattr(photo_pass, "PROCESS_MIN_BYTES", 1)
    real_ready, asked = photo_pass.ChildPass.is_ready, []

    def is_ready(self):  # not before two photos are zipped; then wait for the real child
        asked.append(1)
        if len(asked) <= 2:
            return False
        deadline = time.monotonic() + 20
        while not real_ready(self) and time.monotonic() < deadline:
            time.sleep(0.01)
        return True

    opened, real_open = [], open

    def counting_open(path, *args, **kwargs):
        opened.append(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(photo_pass.ChildPass, "is_ready", is_ready)
    monkeypatch.setattr(photo_pass, "open", counting_open, raising=False)
    [result] = bx.export(office)
    verified = verify_bundle(result.path, bx.public_key(office))
    assert len(children) == 1 and children[0].returncode == 0
    by_thread = [p.stem for p in opened if p.parent == office.folder.photos]
    assert by_thread == shas(office)[:2]  # in order; the child read the other two
    with zipfile.ZipFile(result.path) as zf:
        photos = [n for n in zf.namelist() if n.startswith("photos/")]
    assert photos == [f"photos/{s}.jpg" for s in shas(office)]
    assert set(verified.manifest.counts) and result.photos_included == tuple(shas(office))
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]


@pytest.mark.parametrize("damage", ["flipped byte", "truncated"])
def test_a_photo_damaged_on_disk_after_ingest_is_left_out_and_the_bundle_verifies(office, bx,
                                                                                  damage, host):
    all_shas = shas(office)
    bad = all_shas[1]  # not the first: the part's staging file is abandoned mid-way
    path = office.folder.photos / f"{bad}.jpg"
    data = bytearray(path.read_bytes())
    if damage == "flipped byte":
        data[300] ^= 0xFF
    else:
        del data[-100:]
    path.write_bytes(bytes(data))

    [result] = bx.export(office)
    verified = verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(all_shas) - {bad}
    assert bad in verified.manifest.photos_not_included and bad not in result.photos_included
    assert [w for w in result.warnings if "damaged" in w and bad[:12] in w]
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]
    cid = office.store.campaigns.current().id
    assert office.store.exports.sent_photos(cid) == set(all_shas) - {bad}


def test_a_damaged_photo_in_a_later_part_of_a_series_is_told_with_every_part(office, bx, host):
    cid = office.store.campaigns.current().id
    sites = office.store.sites.list(cid)
    new = [bx.add_photo(office, 400 + i, "site", sites[i].id, PhotoRole.BEFORE, size=(160, 120))
           for i in range(6)]
    bad = new[-1]
    path = office.folder.photos / f"{bad}.jpg"
    data = bytearray(path.read_bytes())
    data[500] ^= 0x01
    path.write_bytes(bytes(data))

    results = bx.export(office, max_size=120_000)
    assert len(results) > 1
    carried = set()
    for r in results:
        verify_bundle(r.path, bx.public_key(office))
        carried |= photo_members(r.path)
        assert any("damaged" in w and bad[:12] in w for w in r.warnings)
    assert carried == set(shas(office)) - {bad}
    assert [r.seq for r in results] == list(range(1, len(results) + 1))


def test_cancel_during_the_photo_pass_leaves_no_file_and_no_temporary_file(office, bx,
                                                                             monkeypatch):
    monkeypatch.setenv(photo_pass.HOST_ENV, "thread")
    worker_calls = []

    def cancelled() -> bool:
        if threading.current_thread().name == "bundle-photos":
            worker_calls.append(1)
            return len(worker_calls) >= 3  # after a photo or two are in the staging zip
        return False

    with pytest.raises(Cancelled, match="no bundle was written"):
        bx.export(office, cancelled=cancelled)
    assert len(worker_calls) == 3
    assert nothing_left(office)
    [result] = bx.export(office)  # the next export starts clean, the same seq
    assert result.seq == 1


def test_an_error_in_the_worker_thread_reaches_the_caller(office, bx, monkeypatch):
    monkeypatch.setenv(photo_pass.HOST_ENV, "thread")
    real_add = zipwriter.BundleZipWriter.add_file
    threads = []

    def add_file(self, name, source, **kwargs):
        if name.startswith("photos/"):
            threads.append(threading.current_thread().name)
            if len(threads) == 2:
                raise OSError(28, "No space left on device")
        return real_add(self, name, source, **kwargs)

    monkeypatch.setattr(zipwriter.BundleZipWriter, "add_file", add_file)
    with pytest.raises(OSError, match="No space left on device") as caught:
        bx.export(office)
    assert caught.value.errno == 28 and threads == ["bundle-photos"] * 2
    assert nothing_left(office)


def test_an_error_in_the_worker_stops_the_workbook_early(office, bx, monkeypatch):
    """The calling thread does not finish a long workbook for a bundle that already failed."""
    monkeypatch.setenv(photo_pass.HOST_ENV, "thread")
    texts = []
    failed = threading.Event()

    def add_file(self, name, source, **kwargs):
        failed.set()
        raise RuntimeError("disk gone")

    def progress(done, total, text):
        texts.append(text)
        if text.startswith("Writing the workbook"):
            failed.wait(5)  # the worker fails while the workbook is being written

    finished = []
    real_build = export_module.build_workbook

    def build_workbook(*args, **kwargs):
        written = real_build(*args, **kwargs)
        finished.append(written)
        return written

    monkeypatch.setattr(zipwriter.BundleZipWriter, "add_file", add_file)
    monkeypatch.setattr(export_module, "build_workbook", build_workbook)
    with pytest.raises(RuntimeError, match="disk gone"):
        bx.export(office, progress=progress)
    assert failed.is_set() and finished == [] and "Writing the bundle" not in texts
    assert nothing_left(office)


def test_cancel_while_the_child_runs_kills_it_and_leaves_nothing(office, bx, monkeypatch,
                                                                 children, tmp_path):
    monkeypatch.setenv(photo_pass.HOST_ENV, "process")
    # a child that is still working when the Cancel comes: it waits for a file never made
    fake_child(monkeypatch, "import pathlib, time\n"
               f"while not pathlib.Path({str(tmp_path / 'never')!r}).exists(): time.sleep(0.05)")

    def cancelled() -> bool:
        return bool(children) and children[0].poll() is None

    with pytest.raises(Cancelled, match="no bundle was written"):
        bx.export(office, cancelled=cancelled)
    assert len(children) == 1 and children[0].poll() is not None  # killed, not left running
    assert nothing_left(office)


def test_a_child_that_dies_is_replaced_by_the_thread_and_logged(office, bx, monkeypatch,
                                                                children):
    monkeypatch.setattr(photo_pass, "PROCESS_MIN_BYTES", 1)
    monkeypatch.delenv(photo_pass.HOST_ENV, raising=False)
    child_ready_at_once(monkeypatch)
    fake_child(monkeypatch, "wait_for_job(); sys.exit('segfault, say')")
    [result] = bx.export(office)
    assert len(children) == 1 and children[0].returncode == 1
    verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(shas(office))
    log = (office.folder.logs / "errors.log").read_text(encoding="utf-8")
    assert "photo pass failed in its own process (exit code 1: segfault, say)" in log
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]


def test_a_child_that_cannot_start_is_replaced_by_the_thread(office, bx, monkeypatch, tmp_path):
    monkeypatch.setattr(photo_pass, "PROCESS_MIN_BYTES", 1)
    monkeypatch.delenv(photo_pass.HOST_ENV, raising=False)
    monkeypatch.setattr(photo_pass, "child_command", lambda: [str(tmp_path / "no-such-program")])
    [result] = bx.export(office)
    verify_bundle(result.path, bx.public_key(office))
    assert "could not start" in (office.folder.logs / "errors.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("forced", [True, False])
def test_an_error_told_by_the_child(office, bx, monkeypatch, children, forced):
    """Asked for, a failed child is the export's error; otherwise the thread takes over."""
    if forced:
        monkeypatch.setenv(photo_pass.HOST_ENV, "process")
    else:
        monkeypatch.delenv(photo_pass.HOST_ENV, raising=False)
        monkeypatch.setattr(photo_pass, "PROCESS_MIN_BYTES", 1)
        child_ready_at_once(monkeypatch)
    fake_child(monkeypatch, "import json\nwait_for_job()\n"
               "job = json.loads(pathlib.Path(sys.argv[1]).read_text())\n"
               "pathlib.Path(job['answer']).write_text("
               "json.dumps({'error': '[Errno 28] No space left on device'}))")
    if forced:
        with pytest.raises(BundleError, match="own process: .Errno 28. No space left"):
            bx.export(office)
        assert nothing_left(office)
    else:
        [result] = bx.export(office)
        verify_bundle(result.path, bx.public_key(office))
    assert len(children) == 1


def test_the_program_answers_the_photo_pass_flag_before_its_command_line():
    """``fielddesk --photo-pass`` goes straight to the pass: no CLI, no Qt imported."""
    proc = subprocess.run([*photo_pass.child_command()], capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"})
    assert proc.returncode == 2 and f"usage: {photo_pass.CHILD_FLAG} JOB READY" in proc.stderr
    assert "desktop_app.cli" not in proc.stderr and "PySide6" not in proc.stderr
    assert "desktop_app.bundle.photo_pass" in proc.stderr


def test_frozen_the_program_starts_itself(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert photo_pass.child_command() == [sys.executable, photo_pass.CHILD_FLAG]


def test_a_child_started_early_for_photos_that_are_all_gone_is_stopped(office, bx, monkeypatch,
                                                                      children):
    """The child starts before the photos are checked; if none is left to carry, it goes."""
    monkeypatch.setenv(photo_pass.HOST_ENV, "process")
    for sha in shas(office):
        (office.folder.photos / f"{sha}.jpg").unlink()
    [result] = bx.export(office)
    assert len(children) == 1 and children[0].poll() is not None  # not left waiting
    assert photo_members(result.path) == set() and len(result.warnings) == len(shas(office))
    verify_bundle(result.path, bx.public_key(office))
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]


def test_a_child_whose_job_never_comes_gives_up(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(photo_pass, "JOB_WAIT_SECONDS", 0.05)
    ready = tmp_path / "ready"
    assert photo_pass.child_main([str(tmp_path / "never.json"), str(ready)]) == 3
    assert ready.exists()  # it said it had loaded
    assert "no job came" in capsys.readouterr().err
