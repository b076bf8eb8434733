"""Archive safety: every hostile or broken archive is refused before anything is parsed."""

from __future__ import annotations

import stat
import struct
import zipfile
import zlib

import pytest

from desktop_app.bundle.archive import (
    DEFAULT_LIMITS,
    NOT_COMPLETE,
    ArchiveLimits,
    digest_member,
    iter_member_chunks,
    open_checked,
    read_member,
)
from desktop_app.bundle.verify import verify_bundle
from desktop_app.errors import BundleError

REPORT = "report.xlsx"


@pytest.fixture
def members(kit, office_key) -> list[tuple[str, bytes]]:
    return kit.bundle_members(office_key)[0]


def refused(path, reason: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
    with pytest.raises(BundleError) as caught:
        open_checked(path, limits).close()
    assert str(caught.value) == reason


def test_a_good_bundle_passes_and_keeps_its_order(bundle):
    with open_checked(bundle.path) as archive:
        assert archive.names == tuple(bundle.members)
        for name, data in bundle.members.items():
            assert read_member(archive, name) == data
            assert archive.member(name).size == len(data)


def test_archive_written_with_data_descriptors_is_accepted(tmp_path, members, office_key):
    """Other zip tools stream with data descriptors (flag bit 3); that is still one archive."""
    class Unseekable:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            return self.fh.write(data)

        def flush(self):
            self.fh.flush()

    path = tmp_path / "streamed.zip"
    with open(path, "wb") as fh, zipfile.ZipFile(Unseekable(fh), "w") as zf:
        for name, data in members:
            zf.writestr(name, data)
    with open_checked(path) as archive:
        assert all(m.info.flag_bits & 0x8 for m in archive.members.values())
    assert verify_bundle(path, office_key.public_key()).manifest.office_code == "DL-042"


@pytest.mark.parametrize(("name", "why"), [
    ("../x", "'..' in path"),
    ("photos/../../x.jpg", "'..' in path"),
    ("/abs/x", "absolute path"),
    ("C:/x", "absolute path"),
    ("photos\\x.jpg", "backslash in name"),
    ("report\x01.xlsx", "control character in name"),
    ("photos//a.jpg", "empty or '.' path component"),
    ("./report.xlsx", "empty or '.' path component"),
])
def test_unsafe_paths_are_refused(kit, tmp_path, members, name, why):
    path = kit.write_raw_zip(tmp_path / "evil.zip", [*members, (name, b"x")])
    refused(path, f"archive: member {name!r} is not allowed ({why})")


def test_nul_in_a_name_is_refused_though_zipfile_would_cut_the_name_there(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "evil.zip", [*members, ("photos/a.jpgXexe", b"x")])
    data = path.read_bytes().replace(b"photos/a.jpgXexe", b"photos/a.jpg\0exe")
    path.write_bytes(data)
    refused(path, "archive: member 'photos/a.jpg\\x00exe' is not allowed (control character "
                  "in name)")


def test_zip_slip_is_refused_by_verify_too(kit, tmp_path, members, office_key):
    path = kit.write_raw_zip(tmp_path / "evil.zip", [*members, ("../evil", b"x")])
    with pytest.raises(BundleError, match=r"^archive: member '\.\./evil' is not allowed"):
        verify_bundle(path, office_key.public_key())


def test_names_off_the_allow_list_are_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "evil.zip", [*members, ("notes.txt", b"x")])
    refused(path, "archive: member 'notes.txt' is not allowed")
    path = kit.write_raw_zip(tmp_path / "evil2.zip", [*members, ("photos/" + "AB" * 32 + ".jpg", b"x")])
    refused(path, f"archive: member {'photos/' + 'AB' * 32 + '.jpg'!r} is not allowed")


def test_symlink_member_is_refused(kit, tmp_path, members):
    link = zipfile.ZipInfo("office.pub.pem")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    entries = [(n, d) for n, d in members if n != "office.pub.pem"] + [(link, b"/etc/passwd")]
    path = kit.write_raw_zip(tmp_path / "evil.zip", entries)
    refused(path, "archive: member 'office.pub.pem' is a symbolic link; only files are allowed")


def test_directory_member_is_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "evil.zip", [*members, ("photos/", b"")])
    refused(path, "archive: member 'photos/' is a directory; only files are allowed")


def test_duplicate_names_are_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "evil.zip", [*members, (REPORT, b"second report")])
    refused(path, "archive: duplicate member 'report.xlsx'")


def test_names_colliding_by_case_are_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "evil.zip", [*members, ("REPORT.xlsx", b"x")])
    refused(path, "archive: members 'report.xlsx' and 'REPORT.xlsx' collide when case and "
                  "Unicode form are ignored")


def test_names_colliding_after_nfc_are_refused(kit, tmp_path, members):
    composed, decomposed = "photos/caf\u00e9.jpg", "photos/cafe\u0301.jpg"
    path = kit.write_raw_zip(tmp_path / "evil.zip", [*members, (composed, b"a"), (decomposed, b"b")])
    refused(path, f"archive: members {composed!r} and {decomposed!r} collide when case and "
                  "Unicode form are ignored")


def test_more_than_2003_members_is_refused(kit, tmp_path, members):
    photos = [(f"photos/{i:064x}.jpg", b"") for i in range(2004 - len(members))]
    path = kit.write_raw_zip(tmp_path / "many.zip", [*members, *photos])
    refused(path, "archive: 2,004 members, at most 2,003 allowed")


def test_zip_bomb_high_compression_ratio_is_refused(kit, tmp_path, members):
    entries = [(n, d) for n, d in members if n != REPORT] + [(REPORT, bytes(20 * 1024 * 1024))]
    path = kit.write_raw_zip(tmp_path / "bomb.zip", entries, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(BundleError, match=r"^archive: member 'report.xlsx' expands [\d,]+:1 when "
                                          r"decompressed, at most 100:1 allowed$"):
        open_checked(path)


def test_zip_bomb_huge_declared_size_is_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "bomb.zip", members)
    photo = [n for n, _ in members if n.startswith("photos/")][0]
    kit.patch_field(path, photo, kit.FILE_SIZE, 0xFFFFFFF0)
    kit.patch_field(path, photo, kit.COMPRESSED_SIZE, 0xFFFFFFF0)
    refused(path, f"{photo}: declared size 4,294,967,280 bytes is over the limit of 25 MiB")


def test_declared_sizes_per_member_and_in_total(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "b.zip", members)
    with pytest.raises(BundleError, match=r"^archive: members add up to [\d.]+ KiB, at most "
                                          r"8 KiB allowed$"):
        open_checked(path, ArchiveLimits(max_total_bytes=8 * 1024))
    refused(path, "report.xlsx: declared size 1,230 bytes is over the limit of 1,000 bytes",
            ArchiveLimits(max_report_bytes=1000))
    big = [(n, d) for n, d in members if n != "manifest.json"] + [("manifest.json",
                                                                  b" " * (1024 * 1024 + 1))]
    refused(kit.write_raw_zip(tmp_path / "big.zip", big),
            "manifest.json: declared size 1,048,577 bytes is over the limit of 1 MiB")
    sig = [(n, d + b"!" if n == "manifest.sig" else d) for n, d in members]
    refused(kit.write_raw_zip(tmp_path / "sig.zip", sig), "manifest.sig: must be exactly 64 bytes, "
                                                      "declared 65")


@pytest.mark.parametrize("crc", ["of the whole stream", "of the declared bytes"])
def test_a_member_that_inflates_beyond_its_declared_size_is_refused(kit, tmp_path, members, crc):
    """Never trust a declared size: a small declared size with a bigger stream is caught,
    whatever CRC-32 it declares (never more than declared is given out)."""
    content = bytes(range(256)) * 4096  # 1 MiB that deflates to a few KiB
    entries = [(n, d) for n, d in members if n != REPORT] + [(REPORT, content)]
    path = kit.write_raw_zip(tmp_path / "liar.zip", entries, compression=zipfile.ZIP_DEFLATED)
    kit.patch_field(path, REPORT, kit.FILE_SIZE, 50_000)
    if crc == "of the declared bytes":  # what a lying archive would declare to pass
        kit.patch_field(path, REPORT, kit.CRC, zlib.crc32(content[:50_000]))
    with open_checked(path) as archive:  # 50,000 declared from a few KiB: within 100:1
        given = []
        with pytest.raises(BundleError, match=r"^report.xlsx: (decompresses to more than its "
                                              r"declared 50,000 bytes|damaged in the archive)"):
            for chunk in iter_member_chunks(archive, REPORT, chunk_size=4096):
                given.append(chunk)
        assert sum(map(len, given)) <= 50_000
        with pytest.raises(BundleError, match="declared size 50,000 bytes is over the limit of "
                                              "1,000 bytes"):
            read_member(archive, REPORT, limit=1000)


def test_a_member_shorter_than_declared_is_refused(kit, tmp_path, members):
    entries = [(n, d) for n, d in members if n != REPORT] + [(REPORT, kit.photo_bytes(5)[:1000])]
    path = kit.write_raw_zip(tmp_path / "short.zip", entries, compression=zipfile.ZIP_DEFLATED)
    kit.patch_field(path, REPORT, kit.FILE_SIZE, 1200)
    with open_checked(path) as archive, pytest.raises(
            BundleError, match="^report.xlsx: 1,000 bytes, the archive declares 1,200$"):
        digest_member(archive, REPORT)


def test_members_are_streamed_in_chunks(kit, tmp_path, members):
    entries = [(n, d) for n, d in members if n != REPORT] + [(REPORT, kit.photo_bytes(7) * 100)]
    path = kit.write_raw_zip(tmp_path / "big.zip", entries, compression=zipfile.ZIP_DEFLATED)
    with open_checked(path) as archive:
        chunks = list(iter_member_chunks(archive, REPORT, chunk_size=64 * 1024))
    assert len(chunks) > 1 and max(map(len, chunks)) <= 64 * 1024
    assert b"".join(chunks) == kit.photo_bytes(7) * 100


def test_crc_mismatch_is_refused_when_reading(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "crc.zip", members)
    kit.patch_field(path, REPORT, kit.CRC, 1234)
    with open_checked(path) as archive:
        with pytest.raises(BundleError, match=r"^report.xlsx: damaged in the archive \(CRC-32"):
            read_member(archive, REPORT)
        with pytest.raises(BundleError, match=r"^report.xlsx: damaged in the archive \(CRC-32"):
            digest_member(archive, REPORT)


def test_unsupported_compression_is_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "bz.zip", members, compression=zipfile.ZIP_BZIP2)
    refused(path, "archive: member 'manifest.json' uses compression method 12; only stored or "
                  "deflated are allowed")


def test_encrypted_member_is_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "enc.zip", members)
    kit.patch_field(path, REPORT, kit.FLAGS, 0x1)
    refused(path, "archive: member 'report.xlsx' is encrypted")


def test_local_header_must_agree_with_the_central_directory(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "mix.zip", members)
    data = bytearray(path.read_bytes())
    at = kit.local_header_offset(bytes(data), REPORT) + 30
    data[at:at + len(REPORT)] = b"REPORT.XLSX"  # what another unzip tool would extract
    path.write_bytes(bytes(data))
    refused(path, "archive: member 'report.xlsx': local header disagrees with the central "
                  "directory")


def test_overlapping_members_are_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "overlap.zip", members)
    data = bytearray(path.read_bytes())
    at = kit.central_entry_offset(bytes(data), REPORT)
    data[at + 42:at + 46] = (0).to_bytes(4, "little")  # points at manifest.json's header
    path.write_bytes(bytes(data))
    refused(path, "archive: member 'report.xlsx' overlaps another member")


@pytest.mark.parametrize("cut", [1, 22, 100, 0.5])
def test_truncated_zip_is_refused(bundle, cut):
    data = bundle.path.read_bytes()
    keep = int(len(data) * cut) if isinstance(cut, float) else len(data) - cut
    bundle.path.write_bytes(data[:keep])
    refused(bundle.path, NOT_COMPLETE)


@pytest.mark.parametrize("content", [b"", b"PK", b"hello, this is not a zip\n" * 100,
                                     b"\x89PNG\r\n\x1a\n" + bytes(5000)])
def test_not_a_zip_is_refused(tmp_path, content):
    path = tmp_path / "bundle.zip"
    path.write_bytes(content)
    refused(path, NOT_COMPLETE)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(BundleError, match=r"^nope.zip: cannot open \(No such file"):
        open_checked(tmp_path / "nope.zip")


@pytest.mark.parametrize("extra", [b"x", b"appended data after the archive\n" * 1000])
def test_data_appended_after_the_zip_is_refused(bundle, extra):
    bundle.path.write_bytes(bundle.path.read_bytes() + extra)
    refused(bundle.path, "archive: unexpected bytes after the end of the archive")


def test_an_archive_comment_is_refused(kit, tmp_path, members):
    path = kit.write_raw_zip(tmp_path / "comment.zip", members)
    with zipfile.ZipFile(path, "a") as zf:
        zf.comment = b"hidden words"
    refused(path, "archive: unexpected bytes after the end of the archive")


def test_data_prepended_before_the_zip_is_refused(bundle):
    bundle.path.write_bytes(b"MZ fake executable stub\n" * 10 + bundle.path.read_bytes())
    refused(bundle.path, "archive: unexpected bytes before the first member")


def test_self_extractor_style_prefix_with_adjusted_offsets_is_refused(tmp_path, members):
    path = tmp_path / "sfx.zip"
    path.write_bytes(b"MZ fake executable stub\n" * 10)
    with zipfile.ZipFile(path, "a") as zf:  # appends a zip whose offsets count the stub
        for name, data in members:
            zf.writestr(name, data)
    refused(path, "archive: unexpected bytes before the first member")


def test_zip64_headers_and_end_records_are_understood(kit, tmp_path, members, office_key):
    """Large archives carry ZIP64 records; a small one with them must verify the same."""
    path = tmp_path / "zip64.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            with zf.open(name, "w", force_zip64=True) as out:  # ZIP64 extra in local headers
                out.write(data)
    data = path.read_bytes()
    eocd = len(data) - 22
    count, cd_size, cd_offset = struct.unpack("<HLL", data[eocd + 10:eocd + 20])
    record = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count,
                         cd_size, cd_offset)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, eocd, 1)
    end = bytearray(data[eocd:])
    struct.pack_into("<HHLL", end, 8, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    path.write_bytes(data[:eocd] + record + locator + bytes(end))
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
    assert verify_bundle(path, office_key.public_key()).members == tuple(n for n, _ in members)


def test_zip64_local_sizes_must_agree_with_the_central_directory(kit, tmp_path, members):
    path = tmp_path / "zip64.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            with zf.open(name, "w", force_zip64=True) as out:
                out.write(data)
    data = bytearray(path.read_bytes())
    at = kit.local_header_offset(bytes(data), REPORT) + 30 + len(REPORT)
    assert struct.unpack("<2H", data[at:at + 4]) == (0x0001, 16)
    struct.pack_into("<Q", data, at + 4, 10)  # a streaming unzip would read 10 bytes
    path.write_bytes(bytes(data))
    refused(path, "archive: member 'report.xlsx': local header disagrees with the central "
                  "directory")


def test_a_central_directory_bigger_than_its_members_need_is_refused_before_parsing(kit, tmp_path,
                                                                                   members):
    """zipfile would read a central directory of any claimed size into memory first (a
    million empty members: 0.6 GB): the end record's size is checked before it parses."""
    path = kit.write_raw_zip(tmp_path / "cd.zip", members)
    data = bytearray(path.read_bytes())
    eocd = len(data) - 22
    cd_size, cd_offset = struct.unpack("<LL", data[eocd + 12:eocd + 20])
    padding = bytes(200_000)
    data[cd_offset + cd_size:cd_offset + cd_size] = padding  # the directory "grows"
    struct.pack_into("<L", data, eocd + len(padding) + 12, cd_size + len(padding))
    path.write_bytes(bytes(data))
    refused(path, f"{NOT_COMPLETE} (central directory too large for {len(members)} members)")
