"""Archive safety checks for bundles, run before anything inside is parsed.

``open_checked`` accepts a file only if it is one complete ZIP archive and nothing else:
no bytes before the first member, between members or after the end record; no more than
2,003 members; member names only from the bundle's allow-list, with no absolute or ``..``
paths, backslashes, links, directories, duplicates or names that collide once case and
Unicode form are ignored; declared sizes within limits, compression no more than 100:1,
only stored or deflated data; every local header agreeing with the central directory.

Members are then read with ``read_member``, ``iter_member_chunks`` or ``digest_member``,
which never trust a declared size: output is capped and a member that yields more (or
less) than declared is refused; the CRC-32 is checked as the member ends. The office's
``verify`` and headquarters' import both use this module; there is no other copy of
these checks.

``zipfile`` parses the central directory and reads the members (inflating, CRC-32).
Two views it does not give are read here (``docs/decisions/0017-bundle-archive-checks.md``):

* the end record (22 bytes, and ZIP64's records when it points to them), before zipfile
  parses anything: zipfile reads the whole central directory, whatever size it claims,
  into memory first (an archive of a million empty members: 0.6 GB and 55 s before any
  check could run); and nothing may follow the end record (zipfile accepts a comment or
  other bytes there);
* each member's local header: zipfile reads members by the central directory, which
  another unzip tool may ignore in favour of the local headers (a streaming unzip reads
  only them): both must say the same, and the members must lie end to end.
"""

from __future__ import annotations

import copy
import hashlib
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.bundle.archive_policy import (
    DEFAULT_LIMITS,
    FIXED_NAMES,
    MANIFEST_NAME,
    PHOTO_NAME_RE,
    PUBLIC_KEY_NAME,
    REPORT_NAME,
    SIGNATURE_NAME,
    ArchiveLimits,
    KiB,
    MiB,
    check_members,
    check_names,
    human_bytes,
    is_allowed_name,
    photo_member_name,
)
from desktop_app.errors import BundleError

__all__ = [  # the policy's names are the archive's too: one import for its users
    "CHUNK_BYTES", "DEFAULT_LIMITS", "FIXED_NAMES", "MANIFEST_NAME", "NOT_COMPLETE",
    "PHOTO_NAME_RE", "PUBLIC_KEY_NAME", "REPORT_NAME", "SIGNATURE_NAME", "ArchiveLimits",
    "CheckedArchive", "Member", "MemberDigest", "check_members", "check_names",
    "digest_member", "is_allowed_name", "iter_member_chunks", "open_checked",
    "photo_member_name", "read_member",
]

CHUNK_BYTES = MiB
NOT_COMPLETE = "archive: not a complete bundle archive"

_SIG_LOCAL = b"PK\x03\x04"
_SIG_EOCD = b"PK\x05\x06"
_SIG_ZIP64_EOCD = b"PK\x06\x06"
_SIG_ZIP64_LOCATOR = b"PK\x06\x07"
_SIG_DATA_DESCRIPTOR = b"PK\x07\x08"
_EOCD = struct.Struct("<4s4H2LH")  # 22 bytes
_ZIP64_LOCATOR = struct.Struct("<4sLQL")  # 20 bytes
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")  # 56 bytes
_LOCAL = struct.Struct("<4s5H3L2H")  # 30 bytes
_FLAG_ENCRYPTED, _FLAG_DATA_DESCRIPTOR, _FLAG_UTF8 = 0x1, 0x8, 0x800
_MAX_CENTRAL_ENTRY = 46 + 1024  # header + a generous allowance for name, extra, comment


@dataclass(frozen=True)
class Member:
    """One checked member: its central-directory entry."""

    info: zipfile.ZipInfo

    @property
    def name(self) -> str:
        return self.info.orig_filename

    @property
    def size(self) -> int:
        return self.info.file_size


@dataclass(frozen=True)
class MemberDigest:
    """A member's size and SHA-256 (lower-case hex), from one read: what streaming it out
    of an archive found, or what writing it in read (``bundle.zipwriter``)."""

    size: int
    sha256: str


class CheckedArchive:
    """An open bundle archive that passed every structural check (not thread-safe)."""

    def __init__(self, path: Path, fh, zf: zipfile.ZipFile, members: dict[str, Member],
                 limits: ArchiveLimits):
        self.path = path
        self.limits = limits
        self.members = members
        self._fh = fh
        self._zf = zf

    @property
    def names(self) -> tuple[str, ...]:
        """Member names in central-directory order."""
        return tuple(self.members)

    @property
    def infos(self) -> list[zipfile.ZipInfo]:
        return [m.info for m in self.members.values()]

    def __contains__(self, name: object) -> bool:
        return name in self.members

    def member(self, name: str) -> Member:
        try:
            return self.members[name]
        except KeyError:
            raise BundleError(f"{name}: missing from the bundle") from None

    def close(self) -> None:
        self._zf.close()
        self._fh.close()

    def __enter__(self) -> CheckedArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_checked(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> CheckedArchive:
    """Open *path* and run every archive check; BundleError with the first failure.

    Nothing inside a member is read: only the end records, the central directory and the
    local headers. Use the result as a context manager.
    """
    path = Path(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - kept open by the CheckedArchive
    except OSError as exc:
        raise BundleError(f"{path.name}: cannot open ({exc.strerror})") from None
    zf = None
    try:
        size = os.fstat(fh.fileno()).st_size
        cd_offset, count = _read_end_records(fh, size, limits)
        zf = _read_central_directory(fh, count)
        infos = zf.infolist()
        check_members(infos, limits)
        _check_layout(fh, infos, cd_offset)
    except BaseException:
        if zf is not None:
            zf.close()
        fh.close()
        raise
    members = {info.orig_filename: Member(info) for info in infos}
    return CheckedArchive(path, fh, zf, members, limits)


def iter_member_chunks(archive: CheckedArchive, name: str, limit: int | None = None, *,
                       chunk_size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Yield the member's bytes in chunks of at most *chunk_size*, never more than declared.

    *limit* (default: the member's limit) caps the declared size too. At the end the real
    size must equal the declared one and the CRC-32 must match.
    """
    member = archive.member(name)
    info, declared = member.info, member.size
    if limit is None:
        limit = archive.limits.limit_for(name)
    if declared > limit:
        raise BundleError(f"{name}: declared size {declared:,} bytes is over the limit of "
                          f"{human_bytes(limit)}")
    # Asked for one byte more than declared, zipfile gives it if the data holds more: a
    # member that lies about its size is caught here, not cut off quietly.
    probe = copy.copy(info)
    probe.file_size = declared + 1
    produced = 0
    try:
        with archive._zf.open(probe) as src:
            while chunk := src.read(chunk_size):
                produced += len(chunk)
                if produced > declared:
                    raise BundleError(f"{name}: decompresses to more than its declared "
                                      f"{declared:,} bytes")
                yield chunk
    except zipfile.BadZipFile:  # the headers were checked: what is left is the CRC-32
        raise BundleError(f"{name}: damaged in the archive (CRC-32 does not match)") from None
    except zlib.error:
        raise BundleError(f"{name}: damaged in the archive (bad deflate data)") from None
    except EOFError:
        raise BundleError(f"{name}: the archive ends inside this member") from None
    if produced != declared:
        raise BundleError(f"{name}: {produced:,} bytes, the archive declares {declared:,}")


def read_member(archive: CheckedArchive, name: str, limit: int | None = None) -> bytes:
    """The whole member (for small ones: manifest, signature, public key), size-capped."""
    return b"".join(iter_member_chunks(archive, name, limit))


def digest_member(archive: CheckedArchive, name: str, limit: int | None = None, *,
                  on_chunk: Callable[[int], None] | None = None) -> MemberDigest:
    """Stream the member once: its size and SHA-256 (CRC-32 checked), without holding it
    whole. *on_chunk(n)* is called after each chunk of n bytes (progress, cancel checks)."""
    sha, size = hashlib.sha256(), 0
    for chunk in iter_member_chunks(archive, name, limit):
        sha.update(chunk)
        size += len(chunk)
        if on_chunk is not None:
            on_chunk(len(chunk))
    return MemberDigest(size=size, sha256=sha.hexdigest())


# --- structure ------------------------------------------------------------------------------


def _read_end_records(fh, size: int, limits: ArchiveLimits) -> tuple[int, int]:
    """Find the end record, which must be the file's last 22 bytes (no comment, nothing after).

    Returns the central directory's offset and entry count (from ZIP64 records when
    present), after checking that it is no bigger than that many entries need and ends
    exactly where the end records begin: only then may zipfile read it.
    """
    if size < _EOCD.size:
        raise BundleError(NOT_COMPLETE)
    eocd_pos = size - _EOCD.size
    fh.seek(eocd_pos)
    tail = fh.read(_EOCD.size)
    if tail[:4] != _SIG_EOCD or tail[-2:] != b"\0\0":
        # Tell a cut-off archive from one with something after its end record.
        window_start = max(0, size - (_EOCD.size + 0xFFFF + 64 * KiB))
        fh.seek(window_start)
        window = fh.read()
        found = window.rfind(_SIG_EOCD)
        if found >= 0 and found + _EOCD.size <= len(window):
            comment_len = int.from_bytes(window[found + 20:found + 22], "little")
            if window_start + found + _EOCD.size + comment_len <= size:
                raise BundleError("archive: unexpected bytes after the end of the archive")
        raise BundleError(NOT_COMPLETE)
    _, disk, cd_disk, disk_entries, count, cd_size, cd_offset, _ = _EOCD.unpack(tail)
    if disk != 0 or cd_disk != 0 or disk_entries != count:
        raise BundleError("archive: multi-part (spanned) archives are not supported")
    cd_end = eocd_pos
    if eocd_pos >= _ZIP64_LOCATOR.size:
        fh.seek(eocd_pos - _ZIP64_LOCATOR.size)
        locator = fh.read(_ZIP64_LOCATOR.size)
        if locator[:4] == _SIG_ZIP64_LOCATOR:
            _, z_disk, record_pos, disks = _ZIP64_LOCATOR.unpack(locator)
            if z_disk != 0 or disks != 1:
                raise BundleError("archive: multi-part (spanned) archives are not supported")
            fh.seek(record_pos)
            record = fh.read(_ZIP64_EOCD.size)
            if (len(record) != _ZIP64_EOCD.size or record[:4] != _SIG_ZIP64_EOCD
                    or record_pos + _ZIP64_EOCD.size != eocd_pos - _ZIP64_LOCATOR.size):
                raise BundleError(NOT_COMPLETE)
            (_, _, _, _, disk, cd_disk, disk_entries, count, cd_size,
             cd_offset) = _ZIP64_EOCD.unpack(record)
            if disk != 0 or cd_disk != 0 or disk_entries != count:
                raise BundleError("archive: multi-part (spanned) archives are not supported")
            cd_end = record_pos
    if count > limits.max_members:
        raise BundleError(f"archive: {count:,} members, at most {limits.max_members:,} allowed")
    if cd_size > max(count, 1) * _MAX_CENTRAL_ENTRY:
        raise BundleError(f"{NOT_COMPLETE} (central directory too large for {count:,} members)")
    if cd_offset + cd_size < cd_end:
        raise BundleError("archive: unexpected bytes before the first member")
    if cd_offset + cd_size > cd_end:
        raise BundleError(NOT_COMPLETE)
    return cd_offset, count


def _read_central_directory(fh, count: int) -> zipfile.ZipFile:
    """Let zipfile parse the central directory (bounded by ``_read_end_records``)."""
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, struct.error, EOFError,
            OverflowError, NotImplementedError):
        raise BundleError(f"{NOT_COMPLETE} (damaged central directory)") from None
    if len(zf.infolist()) != count:
        zf.close()
        raise BundleError(f"{NOT_COMPLETE} (the central directory is inconsistent)")
    return zf


def _check_layout(fh, infos: list[zipfile.ZipInfo], cd_offset: int) -> None:
    """Members lie end to end from byte 0 to the central directory; headers agree."""
    pos = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        name = info.orig_filename
        if info.header_offset != pos:
            if pos == 0:
                raise BundleError("archive: unexpected bytes before the first member")
            if info.header_offset > pos:
                raise BundleError(f"archive: unexpected bytes before member {name!r}")
            raise BundleError(f"archive: member {name!r} overlaps another member")
        fh.seek(pos)
        header = fh.read(_LOCAL.size)
        if len(header) != _LOCAL.size or header[:4] != _SIG_LOCAL:
            raise BundleError(f"{NOT_COMPLETE} (member {name!r} has no local header)")
        (_, _, flags, method, _, _, crc, packed, unpacked, name_len,
         extra_len) = _LOCAL.unpack(header)
        raw_name = fh.read(name_len)
        extra = fh.read(extra_len)
        encoding = "utf-8" if info.flag_bits & _FLAG_UTF8 else "cp437"
        try:
            same_name = raw_name == name.encode(encoding)
        except UnicodeEncodeError:
            same_name = False
        relevant = _FLAG_ENCRYPTED | _FLAG_DATA_DESCRIPTOR | _FLAG_UTF8
        same = (same_name and method == info.compress_type
                and (flags & relevant) == (info.flag_bits & relevant))
        if same and not flags & _FLAG_DATA_DESCRIPTOR:
            if 0xFFFFFFFF in (packed, unpacked):  # ZIP64: the real sizes are in the extra field
                unpacked, packed = _zip64_local_sizes(extra, unpacked, packed)
            same = crc == info.CRC and (packed, unpacked) == (info.compress_size, info.file_size)
        if not same:
            raise BundleError(f"archive: member {name!r}: local header disagrees with the "
                              "central directory")
        pos += _LOCAL.size + name_len + extra_len + info.compress_size
        if flags & _FLAG_DATA_DESCRIPTOR:
            pos += _check_data_descriptor(fh, pos, info)
    if pos != cd_offset:
        if pos < cd_offset:
            raise BundleError("archive: unexpected bytes before the central directory")
        raise BundleError(f"{NOT_COMPLETE} (member data runs into the central directory)")


def _zip64_local_sizes(extra: bytes, unpacked: int, packed: int) -> tuple[int, int]:
    """Sizes from a local header's ZIP64 extra field (-1 if it is missing or short)."""
    while len(extra) >= 4:
        tag, length = struct.unpack("<2H", extra[:4])
        body, extra = extra[4:4 + length], extra[4 + length:]
        if tag != 0x0001:
            continue
        values = [struct.unpack("<Q", body[i:i + 8])[0] for i in range(0, len(body) - 7, 8)]
        if unpacked == 0xFFFFFFFF:
            unpacked = values.pop(0) if values else -1
        if packed == 0xFFFFFFFF:
            packed = values.pop(0) if values else -1
        return unpacked, packed
    return -1, -1


def _check_data_descriptor(fh, pos: int, info: zipfile.ZipInfo) -> int:
    fh.seek(pos)
    raw = fh.read(16)
    body, length = (raw[4:16], 16) if raw[:4] == _SIG_DATA_DESCRIPTOR else (raw[:12], 12)
    if len(body) != 12 or struct.unpack("<3L", body) != (info.CRC, info.compress_size,
                                                          info.file_size):
        raise BundleError(f"archive: member {info.orig_filename!r}: data descriptor disagrees "
                          "with the central directory")
    return length


