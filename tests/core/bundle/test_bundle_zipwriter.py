"""The archive writer: streamed, stored, and never a half-written file under the final name."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from desktop_app.errors import BundleError, Cancelled
from tests.bundle_zips import write_bundle_zip

MiB = 1024 * 1024


@pytest.fixture
def sources(tmp_path, kit):
    """Members as the export passes them: small bytes first, then photo files on disk."""
    photos = []
    for i, size in enumerate((3 * MiB + 5, 10_000)):
        data = (kit.photo_bytes(i) * (size // 3006 + 1))[:size]
        path = tmp_path / f"photo{i}.jpg"
        path.write_bytes(data)
        photos.append((f"photos/{hashlib.sha256(data).hexdigest()}.jpg", path))
    return [("manifest.json", b'{"x":1}\n'), ("manifest.sig", bytes(64)),
            ("report.xlsx", b"workbook" * 100), *photos]


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".zip", ".partial"))


def expected_content(sources) -> dict[str, bytes]:
    return {n: s if isinstance(s, bytes) else s.read_bytes() for n, s in sources}


def test_writes_a_stored_zip_in_the_given_order(tmp_path, sources):
    final = tmp_path / "out" / "DL-042-special-6-1-20261120.zip"
    final.parent.mkdir()
    seen = []
    write_bundle_zip(final, sources, progress=lambda done, total: seen.append((done, total)))
    with zipfile.ZipFile(final) as zf:
        assert [i.filename for i in zf.infolist()] == [n for n, _ in sources]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        assert all((i.external_attr >> 16) == 0o100644 for i in zf.infolist())
        assert {n: zf.read(n) for n in zf.namelist()} == expected_content(sources)
    total = sum(len(d) for d in expected_content(sources).values())
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert max(b - a for (a, _), (b, _) in zip(seen, seen[1:])) <= MiB  # streamed in chunks
    assert leftovers(final.parent) == [final.name]


def count_cancel_checks(tmp_path, sources) -> int:
    calls = []
    write_bundle_zip(tmp_path / "count.zip", sources, cancelled=lambda: calls.append(1) and False)
    (tmp_path / "count.zip").unlink()
    return len(calls)


@pytest.mark.parametrize("when", ["first", "middle", "last"])
def test_cancel_at_any_point_leaves_nothing(tmp_path, sources, when):
    checks = count_cancel_checks(tmp_path, sources)
    stop_at = {"first": 1, "middle": checks // 2, "last": checks}[when]
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= stop_at

    final = tmp_path / "bundle.zip"
    with pytest.raises(Cancelled):
        write_bundle_zip(final, sources, cancelled=cancelled)
    assert len(calls) == stop_at
    assert leftovers(tmp_path) == []


def test_a_crash_while_writing_leaves_nothing(tmp_path, sources):
    def progress(done, total):
        if done > MiB:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        write_bundle_zip(tmp_path / "bundle.zip", sources, progress=progress)
    assert leftovers(tmp_path) == []


def test_a_photo_vanishing_during_the_write_leaves_nothing(tmp_path, sources):
    last_photo = sources[-1][1]
    with pytest.raises(FileNotFoundError):
        write_bundle_zip(tmp_path / "bundle.zip", sources,
                         progress=lambda done, total: last_photo.unlink(missing_ok=True))
    assert leftovers(tmp_path) == []


def test_a_photo_changing_during_the_write_is_refused(tmp_path, sources):
    last_photo = sources[-1][1]

    def progress(done, total):
        if done == 0:
            with open(last_photo, "ab") as fh:
                fh.write(b"more")

    with pytest.raises(BundleError, match="changed while the bundle was being written"):
        write_bundle_zip(tmp_path / "bundle.zip", sources, progress=progress)
    assert leftovers(tmp_path) == []


def test_an_existing_bundle_is_never_overwritten_unless_asked(tmp_path, sources):
    final = tmp_path / "bundle.zip"
    final.write_bytes(b"sent yesterday")
    with pytest.raises(BundleError, match="bundle.zip: already exists; not overwritten"):
        write_bundle_zip(final, sources)
    assert final.read_bytes() == b"sent yesterday"
    write_bundle_zip(final, sources, overwrite=True)
    assert zipfile.is_zipfile(final)
    assert leftovers(tmp_path) == ["bundle.zip"]


def test_unsafe_or_unknown_member_names_are_refused_before_writing(tmp_path, sources):
    with pytest.raises(BundleError, match=r"^archive: member '\.\./x' is not allowed"):
        write_bundle_zip(tmp_path / "bundle.zip", [*sources, ("../x", b"")])
    with pytest.raises(BundleError, match="^archive: duplicate member 'report.xlsx'$"):
        write_bundle_zip(tmp_path / "bundle.zip", [*sources, ("report.xlsx", b"")])
    assert leftovers(tmp_path) == []


def test_a_stale_partial_file_from_a_crash_is_replaced(tmp_path, sources):
    (tmp_path / ".bundle.zip.partial").write_bytes(b"half a bundle")
    write_bundle_zip(tmp_path / "bundle.zip", sources)
    assert leftovers(tmp_path) == ["bundle.zip"]


KILLED_WRITER = """
import sys, time
from pathlib import Path
from desktop_app.bundle.zipwriter import BundleZipWriter
with BundleZipWriter(Path(sys.argv[1])) as writer:
    writer.add_bytes("report.xlsx", bytes(30 * 1024 * 1024), on_chunk=lambda n: time.sleep(0.05))
    writer.finish()
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killing_the_process_mid_write_leaves_nothing_under_the_final_name(tmp_path):
    final = tmp_path / "bundle.zip"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(final)])
    partial = tmp_path / ".bundle.zip.partial"
    deadline = time.monotonic() + 20
    while not (partial.exists() and partial.stat().st_size > MiB):
        assert proc.poll() is None, "writer finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not final.exists()


def test_the_streaming_writer_hashes_what_it_zips_in_one_read(tmp_path, sources):
    from desktop_app.bundle.zipwriter import BundleZipWriter

    final = tmp_path / "bundle.zip"
    digests = {}
    with BundleZipWriter(final) as writer:
        for name, source in reversed(sources):  # any order
            if isinstance(source, bytes):
                digests[name] = writer.add_bytes(name, source)
            else:
                digests[name] = writer.add_file(name, source)
        writer.finish()
    content = expected_content(sources)
    assert {n: (d.size, d.sha256) for n, d in digests.items()} == {
        n: (len(b), hashlib.sha256(b).hexdigest()) for n, b in content.items()}
    with zipfile.ZipFile(final) as zf:
        assert zf.testzip() is None
        assert {n: zf.read(n) for n in zf.namelist()} == content
    assert leftovers(tmp_path) == ["bundle.zip"]


def test_the_streaming_writer_leaves_nothing_on_error_or_abort(tmp_path, sources):
    from desktop_app.bundle.zipwriter import BundleZipWriter

    final = tmp_path / "bundle.zip"
    with pytest.raises(BundleError, match="duplicate member 'report.xlsx'"), \
            BundleZipWriter(final) as writer:
        writer.add_bytes("report.xlsx", b"a")
        writer.add_bytes("report.xlsx", b"b")
    assert leftovers(tmp_path) == []
    writer = BundleZipWriter(final)
    writer.add_file(sources[-1][0], sources[-1][1])
    writer.abort()
    assert leftovers(tmp_path) == [] and not final.exists()


def test_the_streaming_writer_tells_a_source_read_error_from_a_write_error(tmp_path, sources):
    from desktop_app.bundle.zipwriter import BundleZipWriter, SourceError

    class Broken:
        name = "broken.jpg"

        def readinto(self, _buffer):
            raise OSError(5, "Input/output error")

        def fileno(self):
            return 0

    with pytest.raises(SourceError, match="Input/output error"), \
            BundleZipWriter(tmp_path / "bundle.zip") as writer:
        writer.add_file(sources[-1][0], Broken(), size=10)
    assert leftovers(tmp_path) == []


def test_an_unpublished_archive_is_appended_to_by_a_second_writer(tmp_path, sources):
    """The export's photo pass writes the photos and closes the archive unpublished (in its
    own process); a second writer appends the rest and finishes it."""
    from desktop_app.bundle.zipwriter import BundleZipWriter, temporary_path

    final = tmp_path / "b.zip"
    photos, rest = sources[3:], sources[:3]
    with BundleZipWriter(final) as first:
        for name, path in photos:
            first.add_file(name, path)
        first.finish(publish=False)
    assert not final.exists() and temporary_path(final).exists()  # still under its hidden name
    with zipfile.ZipFile(temporary_path(final)) as zf:  # a complete archive already
        assert zf.namelist() == [n for n, _ in photos]
    with BundleZipWriter(final, append=True) as second:
        with pytest.raises(BundleError):  # the first writer's names count
            second.add_bytes(photos[0][0], b"again")
        for name, data in rest:
            second.add_bytes(name, data)
        second.finish()
    with zipfile.ZipFile(final) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == [n for n, _ in photos + rest]
        assert {n: zf.read(n) for n in zf.namelist()} == expected_content(sources)
    assert leftovers(tmp_path) == ["b.zip"]


def test_an_appending_writer_that_fails_leaves_nothing(tmp_path, sources):
    from desktop_app.bundle.zipwriter import BundleZipWriter

    final = tmp_path / "b.zip"
    with BundleZipWriter(final) as first:
        first.add_file(*sources[3])
        first.finish(publish=False)
    with pytest.raises(RuntimeError), BundleZipWriter(final, append=True) as second:
        second.add_bytes("manifest.json", b"{}")
        raise RuntimeError("power cut, say")
    assert leftovers(tmp_path) == []
