"""Cancel, an error or a kill at any moment of an export leaves no file under a final name
and no recorded export; the next export starts clean and takes the same seq."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.bundle import export as export_module
from desktop_app.bundle.verify import verify_bundle
from desktop_app.domain.choices import PhotoRole
from desktop_app.errors import BundleError, Cancelled

ROOT = Path(__file__).resolve().parents[3]


def final_bundles(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".zip"))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_cancel_at_every_moment_leaves_nothing(office, bx):
    store = office.store
    cid = store.campaigns.current().id
    out = office.folder.exports
    stages, k = set(), 1
    # Each stage hit on purpose first: the workbook (the photos are zipped meanwhile) and
    # the bundle. The sweep below hits moments by count, and how many checks a stage makes
    # depends on the machine's load.
    for target in ("Checking photos", "Writing the workbook", "Writing the bundle"):
        now = [""]

        def note(done, total, text):
            now[0] = text  # noqa: B023 - read when called, on purpose

        with pytest.raises(Cancelled, match="no bundle was written"):
            bx.export(office, cancelled=lambda: now[0] == target,  # noqa: B023
                      progress=note, max_size=None)
        assert final_bundles(out) == [] and leftovers(out) == []
        assert store.exports.history(cid) == []
        stages.add(now[0])
    while True:
        calls, stage = 0, [""]

        def progress(done, total, text):
            stage[0] = text  # noqa: B023 - read when called, on purpose

        def cancelled() -> bool:
            nonlocal calls
            calls += 1
            return calls >= k  # noqa: B023 - k is read when called, on purpose

        try:
            results = bx.export(office, cancelled=cancelled, progress=progress, max_size=None)
        except Cancelled as exc:
            assert "no bundle was written" in str(exc)
            assert final_bundles(out) == [] and leftovers(out) == []
            assert store.exports.history(cid) == []
            stages.add(stage[0])
            k = k + 1 if k < 12 else int(k * 1.5)
            continue
        break
    assert {"Checking photos", "Writing the workbook", "Writing the bundle"} <= stages, stages
    [result] = results
    assert result.seq == 1 and final_bundles(out) == [result.path.name]
    verify_bundle(result.path, bx.public_key(office))


def test_cancel_during_a_series_removes_every_part(office, bx):
    cid = office.store.campaigns.current().id
    sites = office.store.sites.list(cid)
    for i in range(6):
        bx.add_photo(office, 200 + i, "site", sites[i].id, PhotoRole.BEFORE, size=(160, 120))
    probe = []

    def progress(done, total, text):
        probe.append(text)

    def cancelled():
        return "part 3 of" in (probe[-1] if probe else "")

    with pytest.raises(Cancelled):
        bx.export(office, max_size=120_000, progress=progress, cancelled=cancelled)
    assert any("part 2 of" in t for t in probe)
    out = office.folder.exports
    assert final_bundles(out) == [] and leftovers(out) == []
    assert office.store.exports.history(cid) == []


@pytest.mark.parametrize("fail_at", ["publish", "record"])
def test_a_failure_while_naming_or_recording_removes_the_final_names(office, bx, monkeypatch,
                                                                      fail_at):
    cid = office.store.campaigns.current().id
    sites = office.store.sites.list(cid)
    for i in range(6):
        bx.add_photo(office, 300 + i, "site", sites[i].id, PhotoRole.AFTER, size=(160, 120))
    real_publish = export_module.publish_file
    published = []

    def publish(tmp, final, **kw):
        if fail_at == "publish" and published:
            raise OSError(28, "No space left on device")
        real_publish(tmp, final, **kw)
        published.append(final)

    def record(*_a, **_k):
        raise BundleError("the database is busy")

    monkeypatch.setattr(export_module, "publish_file", publish)
    if fail_at == "record":
        monkeypatch.setattr(type(office.store.exports), "record", record)
    with pytest.raises((OSError, BundleError)):
        bx.export(office, max_size=120_000)
    out = office.folder.exports
    assert published and final_bundles(out) == [] and leftovers(out) == []
    assert office.store.exports.history(cid) == []
    monkeypatch.undo()
    results = bx.export(office, max_size=120_000)
    assert results[0].seq == 1 and len(results) > 1


CHILD = textwrap.dedent("""
    import sys, time
    from datetime import date
    from desktop_app.storage.store import open_folder
    from desktop_app.bundle.export import export_bundle

    stage = sys.argv[2]
    def progress(done, total, text):
        if text.startswith(stage) and done > 0:
            print("READY", flush=True)
            time.sleep(60)

    with open_folder(sys.argv[1], today=lambda: date(2026, 11, 20)) as opened:
        export_bundle(opened, progress=progress)
    print("FINISHED", flush=True)
""")


# (the photos are zipped by the photo pass's process while the workbook is written)
@pytest.mark.parametrize("stage", ["Writing the workbook", "Writing the bundle", "Saving"])
def test_kill_during_export_leaves_nothing_under_a_final_name(office, bx, stage):
    root = office.folder.root
    out = office.folder.exports
    office.close()  # the child takes the folder lock
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(root), stage], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = child.stdout.readline()
        assert line.strip() == "READY", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert final_bundles(out) == []

    from desktop_app.storage.store import open_folder

    with open_folder(root, today=lambda: bx.NOW.date()) as reopened:
        cid = reopened.store.campaigns.current().id
        assert reopened.store.exports.history(cid) == []
        [result] = bx.export(reopened)  # starts clean: leftovers removed, the same seq
        assert result.seq == 1 and leftovers(out) == [] and final_bundles(out) == [result.path.name]
        verify_bundle(result.path, bx.public_key(reopened))


def test_an_unrecorded_bundle_under_the_next_name_is_set_aside(office, bx):
    """A crash between naming and recording leaves a final name with no record: the next
    export renames it so it cannot be sent by mistake, and says so."""
    out = office.folder.exports
    orphan = out / "DEMO-RO-PUNE-special-campaign-6-1-20261119.zip"
    orphan.write_bytes(b"left by a crash")
    [result] = bx.export(office)
    assert result.seq == 1
    assert not orphan.exists() and (out / (orphan.name + ".not-recorded")).exists()
    assert any("never recorded" in w for w in result.warnings)
