"""Archive safety checks for bundles, run before anything inside is parsed.

``open_checked`` accepts a file only if it is one complete ZIP archive and nothing else:
no bytes before the first member, between members or after the end record; no more than
2,003 members; member names only from the bundle's allow-list, with no absolute or ``..``
paths, backslashes, links, directories, duplicates or names that collide once case and
Unicode form are ignored; declared sizes within limits, compression no more than 100:1,
only stored or deflated data; every local header agreeing with the central directory.

Members are then read with ``read_member``, ``iter_member_chunks`` or ``digest_member``,
which never trust a declared size: output is capped and a member that yields more (or
less) than declared is refused. The office's ``verify`` and headquarters' import both
use this module; there is no other copy of these checks.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import BundleError

KiB, MiB, GiB = 1 << 10, 1 << 20, 1 << 30

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
PUBLIC_KEY_NAME = "office.pub.pem"
REPORT_NAME = "report.xlsx"
FIXED_NAMES = (MANIFEST_NAME, SIGNATURE_NAME, PUBLIC_KEY_NAME, REPORT_NAME)
PHOTO_NAME_RE = re.compile(r"photos/([0-9a-f]{64})\.jpg")

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
class ArchiveLimits:
    """What a bundle archive may hold; the defaults are the bundle format's limits."""

    max_members: int = 2003
    max_manifest_bytes: int = MiB
    signature_bytes: int = 64
    max_public_key_bytes: int = 4 * KiB
    max_report_bytes: int = 256 * MiB
    max_photo_bytes: int = 25 * MiB
    max_total_bytes: int = 2 * GiB
    max_ratio: int = 100

    def limit_for(self, name: str) -> int:
        """The largest uncompressed size allowed for member *name*."""
        fixed = {MANIFEST_NAME: self.max_manifest_bytes, SIGNATURE_NAME: self.signature_bytes,
                 PUBLIC_KEY_NAME: self.max_public_key_bytes, REPORT_NAME: self.max_report_bytes}
        if name in fixed:
            return fixed[name]
        if PHOTO_NAME_RE.fullmatch(name):
            return self.max_photo_bytes
        raise BundleError(f"archive: member {name!r} is not allowed")


DEFAULT_LIMITS = ArchiveLimits()


@dataclass(frozen=True)
class Member:
    """One checked member: its central-directory entry and where its data starts."""

    info: zipfile.ZipInfo
    data_offset: int

    @property
    def name(self) -> str:
        return self.info.orig_filename

    @property
    def size(self) -> int:
        return self.info.file_size


@dataclass(frozen=True)
class MemberDigest:
    """What streaming a member found: its real size, SHA-256 and whether the CRC-32 held."""

    size: int
    sha256: str
    crc_ok: bool


class CheckedArchive:
    """An open bundle archive that passed every structural check (not thread-safe)."""

    def __init__(self, path: Path, fh, members: dict[str, Member], limits: ArchiveLimits):
        self.path = path
        self.limits = limits
        self.members = members
        self._fh = fh

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
        self._fh.close()

    def __enter__(self) -> CheckedArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def photo_member_name(sha256: str) -> str:
    """The member name of the photo whose content hash is *sha256*."""
    return f"photos/{sha256}.jpg"


def is_allowed_name(name: str) -> bool:
    """True if *name* is on the bundle's allow-list."""
    return name in FIXED_NAMES or PHOTO_NAME_RE.fullmatch(name) is not None


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
    try:
        size = os.fstat(fh.fileno()).st_size
        cd_offset, cd_size, count = _read_end_records(fh, size, limits)
        infos = _read_central_directory(fh, cd_offset, count)
        check_members(infos, limits)
        members = _check_layout(fh, infos, cd_offset)
    except BaseException:
        fh.close()
        raise
    return CheckedArchive(path, fh, members, limits)


def check_members(infos: list[zipfile.ZipInfo], limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
    """The checks on central-directory entries alone: kinds, names, methods, sizes, ratios."""
    if len(infos) > limits.max_members:
        raise BundleError(f"archive: {len(infos):,} members, at most {limits.max_members:,} allowed")
    for info in infos:
        name = info.orig_filename
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind == stat.S_IFLNK:
            raise BundleError(f"archive: member {name!r} is a symbolic link; only files are allowed")
        if name.endswith(("/", "\\")) or kind == stat.S_IFDIR or info.external_attr & 0x10:
            raise BundleError(f"archive: member {name!r} is a directory; only files are allowed")
        if kind not in (0, stat.S_IFREG):
            raise BundleError(f"archive: member {name!r} is not a regular file")
        if info.flag_bits & _FLAG_ENCRYPTED:
            raise BundleError(f"archive: member {name!r} is encrypted")
    check_names([info.orig_filename for info in infos])
    total = 0
    for info in infos:
        name, declared, packed = info.orig_filename, info.file_size, info.compress_size
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError(f"archive: member {name!r} uses compression method "
                              f"{info.compress_type}; only stored or deflated are allowed")
        _check_declared_size(name, declared, limits)
        if info.compress_type == zipfile.ZIP_STORED and packed != declared:
            raise BundleError(f"archive: stored member {name!r} declares {packed:,} bytes "
                              f"packed but {declared:,} unpacked")
        if info.compress_type == zipfile.ZIP_DEFLATED and declared > limits.max_ratio * packed:
            ratio = declared // max(packed, 1)
            raise BundleError(f"archive: member {name!r} expands {ratio:,}:1 when decompressed, "
                              f"at most {limits.max_ratio}:1 allowed")
        total += declared
    if total > limits.max_total_bytes:
        raise BundleError(f"archive: members add up to {_human(total)}, "
                          f"at most {_human(limits.max_total_bytes)} allowed")


def check_names(names: Iterable[str]) -> None:
    """Each name is a safe relative path, unique (ignoring case and Unicode form), allowed."""
    names = list(names)
    for name in names:
        _check_name_safe(name)
    seen: dict[str, str] = {}
    for name in names:
        key = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
        if key in seen:
            other = seen[key]
            if other == name:
                raise BundleError(f"archive: duplicate member {name!r}")
            raise BundleError(f"archive: members {other!r} and {name!r} collide when case "
                              "and Unicode form are ignored")
        seen[key] = name
    for name in names:
        if not is_allowed_name(name):
            raise BundleError(f"archive: member {name!r} is not allowed")


def iter_member_chunks(archive: CheckedArchive, name: str, limit: int | None = None, *,
                       chunk_size: int = CHUNK_BYTES, check_crc: bool = True) -> Iterator[bytes]:
    """Yield the member's bytes in chunks of at most *chunk_size*, never more than declared.

    *limit* (default: the member's limit) caps the declared size too. At the end the real
    size must equal the declared one and, if *check_crc*, the CRC-32 must match.
    """
    member = archive.member(name)
    crc = 0
    for chunk in _stream(archive, member, limit, chunk_size):
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if check_crc and crc != member.info.CRC:
        raise BundleError(f"{name}: damaged in the archive (CRC-32 does not match)")


def read_member(archive: CheckedArchive, name: str, limit: int | None = None, *,
                check_crc: bool = True) -> bytes:
    """The whole member (for small ones: manifest, signature, public key), size-capped."""
    return b"".join(iter_member_chunks(archive, name, limit, check_crc=check_crc))


def check_member_crc(archive: CheckedArchive, name: str, data: bytes) -> None:
    """Refuse *data* read with ``check_crc=False`` if its CRC-32 is not the declared one."""
    if zlib.crc32(data) != archive.member(name).info.CRC:
        raise BundleError(f"{name}: damaged in the archive (CRC-32 does not match)")


def digest_member(archive: CheckedArchive, name: str, limit: int | None = None, *,
                  on_chunk: Callable[[int], None] | None = None) -> MemberDigest:
    """Stream the member once: its size, SHA-256 and CRC check, without holding it whole.

    *on_chunk(n)* is called after each chunk of n bytes (progress, cancel checks).
    """
    member = archive.member(name)
    sha, crc, size = hashlib.sha256(), 0, 0
    for chunk in _stream(archive, member, limit, CHUNK_BYTES):
        sha.update(chunk)
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        if on_chunk is not None:
            on_chunk(len(chunk))
    return MemberDigest(size=size, sha256=sha.hexdigest(), crc_ok=crc == member.info.CRC)


# --- structure ------------------------------------------------------------------------------


def _read_end_records(fh, size: int, limits: ArchiveLimits) -> tuple[int, int, int]:
    """Find the end record, which must be the file's last 22 bytes (no comment, nothing after).

    Returns the central directory's offset, size and entry count (from ZIP64 records when
    present), after checking that it ends exactly where the end records begin.
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
    return cd_offset, cd_size, count


def _read_central_directory(fh, cd_offset: int, count: int) -> list[zipfile.ZipInfo]:
    """Let zipfile parse the central directory we located, and check that it agrees."""
    try:
        with zipfile.ZipFile(fh) as zf:
            infos, start_dir = zf.infolist(), zf.start_dir
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, struct.error, EOFError,
            OverflowError, NotImplementedError):
        raise BundleError(f"{NOT_COMPLETE} (damaged central directory)") from None
    if start_dir != cd_offset or len(infos) != count:
        raise BundleError(f"{NOT_COMPLETE} (the central directory is inconsistent)")
    return infos


def _check_layout(fh, infos: list[zipfile.ZipInfo], cd_offset: int) -> dict[str, Member]:
    """Members lie end to end from byte 0 to the central directory; headers agree."""
    data_offsets: dict[str, int] = {}
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
        data_offsets[name] = pos + _LOCAL.size + name_len + extra_len
        pos = data_offsets[name] + info.compress_size
        if flags & _FLAG_DATA_DESCRIPTOR:
            pos += _check_data_descriptor(fh, pos, info)
    if pos != cd_offset:
        if pos < cd_offset:
            raise BundleError("archive: unexpected bytes before the central directory")
        raise BundleError(f"{NOT_COMPLETE} (member data runs into the central directory)")
    return {info.orig_filename: Member(info, data_offsets[info.orig_filename]) for info in infos}


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


def _check_name_safe(name: str) -> None:
    def refuse(why: str) -> None:
        raise BundleError(f"archive: member {name!r} is not allowed ({why})")

    if not name:
        refuse("empty name")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        refuse("control character in name")
    if "\\" in name:
        refuse("backslash in name")
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        refuse("absolute path")
    parts = name.split("/")
    if ".." in parts:
        refuse("'..' in path")
    if any(part in ("", ".") for part in parts):
        refuse("empty or '.' path component")


def _check_declared_size(name: str, declared: int, limits: ArchiveLimits) -> None:
    if name == SIGNATURE_NAME:
        if declared != limits.signature_bytes:
            raise BundleError(f"{SIGNATURE_NAME}: must be exactly {limits.signature_bytes} bytes, "
                              f"declared {declared:,}")
        return
    limit = limits.limit_for(name)
    if declared > limit:
        raise BundleError(f"{name}: declared size {declared:,} bytes is over the limit of "
                          f"{_human(limit)}")


def _stream(archive: CheckedArchive, member: Member, limit: int | None,
            chunk_size: int) -> Iterator[bytes]:
    """The member's uncompressed bytes; refuses more than declared, or than *limit*."""
    name, info = member.name, member.info
    if limit is None:
        limit = archive.limits.limit_for(name)
    declared = info.file_size
    if declared > limit:
        raise BundleError(f"{name}: declared size {declared:,} bytes is over the limit of "
                          f"{_human(limit)}")
    fh = archive._fh
    pos, packed_left, produced = member.data_offset, info.compress_size, 0

    def read_packed() -> bytes:
        nonlocal pos, packed_left
        fh.seek(pos)
        data = fh.read(min(chunk_size, packed_left))
        if not data:
            raise BundleError(f"{name}: the archive ends inside this member")
        pos += len(data)
        packed_left -= len(data)
        return data

    if info.compress_type == zipfile.ZIP_STORED:
        while packed_left:
            chunk = read_packed()
            produced += len(chunk)
            yield chunk
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        while not inflater.eof:
            data = inflater.unconsumed_tail or (read_packed() if packed_left else b"")
            try:
                chunk = inflater.decompress(data, chunk_size)
            except zlib.error:
                raise BundleError(f"{name}: damaged in the archive (bad deflate data)") from None
            if not chunk and not data:
                break
            produced += len(chunk)
            if produced > declared:
                raise BundleError(f"{name}: decompresses to more than its declared "
                                  f"{declared:,} bytes")
            if chunk:
                yield chunk
        if not inflater.eof:
            raise BundleError(f"{name}: damaged in the archive (compressed data ends early)")
        if packed_left or inflater.unused_data or inflater.unconsumed_tail:
            raise BundleError(f"{name}: damaged in the archive (bytes after the compressed data)")
    else:  # check_members refused it already; a guard for direct callers
        raise BundleError(f"{name}: unsupported compression method {info.compress_type}")
    if produced != declared:
        raise BundleError(f"{name}: {produced:,} bytes, the archive declares {declared:,}")


def _human(n: int) -> str:
    for unit, size in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n:,} bytes"
