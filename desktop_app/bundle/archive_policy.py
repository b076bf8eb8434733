"""The bundle archive's name and limit policy: which members a bundle may hold, what each
may weigh, and the checks on names and central-directory entries that apply to every
archive we read (``bundle.archive``) or write (``bundle.zipwriter``). No I/O here.
"""

from __future__ import annotations

import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.errors import BundleError

KiB, MiB, GiB = 1 << 10, 1 << 20, 1 << 30

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
PUBLIC_KEY_NAME = "office.pub.pem"
REPORT_NAME = "report.xlsx"
FIXED_NAMES = (MANIFEST_NAME, SIGNATURE_NAME, PUBLIC_KEY_NAME, REPORT_NAME)
PHOTO_NAME_RE = re.compile(r"photos/([0-9a-f]{64})\.jpg")
_FLAG_ENCRYPTED = 0x1


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


def photo_member_name(sha256: str) -> str:
    """The member name of the photo whose content hash is *sha256*."""
    return f"photos/{sha256}.jpg"


def is_allowed_name(name: str) -> bool:
    """True if *name* is on the bundle's allow-list."""
    return name in FIXED_NAMES or PHOTO_NAME_RE.fullmatch(name) is not None


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
        raise BundleError(f"archive: members add up to {human_bytes(total)}, "
                          f"at most {human_bytes(limits.max_total_bytes)} allowed")


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
                          f"{human_bytes(limit)}")


def human_bytes(n: int) -> str:
    """A size as the archive's messages give it: 25 MiB, 1.5 KiB, 1,000 bytes."""
    for unit, size in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n:,} bytes"
