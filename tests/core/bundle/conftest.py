"""Fixtures for the bundle tests: an office key on disk, a stranger's key, a valid bundle, and
``kit``: builders for tiny signed bundles and hand-made hostile archives.

(The suite runs with ``--import-mode=importlib``, so helpers live here behind a fixture
rather than in an importable module.)
"""

from __future__ import annotations

import io
import random
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.bundle import manifest as mf
from desktop_app.keys import signing
from tests.bundle_zips import write_bundle_zip

REPORT = b"fake workbook bytes for the bundle tests\n" * 30
TEMPLATE_SHA = "ab" * 32
BUNDLE_NAME = "DL-042-special-6-1-20261120.zip"


def photo_bytes(i: int) -> bytes:
    """A small fake JPEG, different for each *i*."""
    return b"\xff\xd8\xff\xe0" + random.Random(i).randbytes(3000) + b"\xff\xd9"


def photo_name(data: bytes) -> str:
    return f"photos/{mf.sha256_hex(data)}.jpg"


@dataclass
class Built:
    path: Path
    manifest: mf.Manifest | None
    manifest_bytes: bytes
    members: dict[str, bytes]


def make_manifest(private_key, members: dict[str, bytes], **fields) -> mf.Manifest:
    """A valid manifest listing *members* (all but manifest.json/.sig), signed by *private_key*."""
    files = [mf.FileEntry(name, len(data), mf.sha256_hex(data)) for name, data in members.items()]
    values = dict(app_version="0.1.0", office_code="DL-042", office_name="क्षेत्रीय कार्यालय, Delhi",
                  campaign_id="special-6", template_sha256=TEMPLATE_SHA, seq=1,
                  created_at="2026-11-20T10:30:00Z", key_fingerprint=signing.fingerprint(private_key),
                  files=files, counts={"photos": len(members) - 2, "scrap_disposal": 3})
    values.update(fields)
    return mf.Manifest(**values)


def bundle_members(private_key, *, photos: int = 2, manifest_bytes: bytes | None = None,
                   sign_with=None, **fields) -> tuple[list[tuple[str, bytes]], mf.Manifest | None,
                                                      bytes]:
    """Members in bundle order; *manifest_bytes* replaces the manifest verbatim (still signed)."""
    content = {"office.pub.pem": signing.public_key_pem(private_key.public_key()),
               "report.xlsx": REPORT}
    for i in range(photos):
        data = photo_bytes(i)
        content[photo_name(data)] = data
    manifest = None
    if manifest_bytes is None:
        manifest = make_manifest(private_key, content, **fields)
        manifest_bytes = mf.dumps(manifest)
    signature = signing.sign(sign_with or private_key, manifest_bytes)
    members = [("manifest.json", manifest_bytes), ("manifest.sig", signature), *content.items()]
    return members, manifest, manifest_bytes


def make_bundle(folder: Path, private_key, *, name: str = BUNDLE_NAME, extra=(), drop=(),
                **kwargs) -> Built:
    """Write a bundle with our own zipwriter; *extra* members are appended, *drop* removed."""
    members, manifest, manifest_bytes = bundle_members(private_key, **kwargs)
    members = [(n, d) for n, d in members if n not in drop] + list(extra)
    path = Path(folder) / name
    write_bundle_zip(path, members)
    return Built(path, manifest, manifest_bytes, dict(members))


def write_raw_zip(path: Path, entries, *, compression: int = zipfile.ZIP_STORED) -> Path:
    """Write entries (name or ZipInfo, bytes) with plain zipfile: for archives ours refuses."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w", compression=compression) as zf:
            for entry, data in entries:
                zf.writestr(entry, data)
    return path


def local_header_offset(data: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.getinfo(name).header_offset


def data_offset(data: bytes, name: str) -> int:
    """Where member *name*'s data starts in the archive bytes."""
    at = local_header_offset(data, name)
    name_len, extra_len = struct.unpack("<2H", data[at + 26:at + 30])
    return at + 30 + name_len + extra_len


def central_entry_offset(data: bytes, name: str) -> int:
    """Where the central-directory entry of *name* starts."""
    target = name.encode("utf-8")
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + name_len] == target:
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise KeyError(name)


def flip_byte(path: Path, name: str, index: int = 0, *, fix_crc: bool = True) -> None:
    """Flip one bit of byte *index* inside stored member *name*'s data, and set its CRC-32
    to match, as someone changing it on purpose would (*fix_crc* false: damage in transit)."""
    data = bytearray(path.read_bytes())
    at = data_offset(bytes(data), name)
    data[at + index] ^= 0x01
    path.write_bytes(bytes(data))
    if fix_crc:
        with zipfile.ZipFile(path) as zf:
            size = zf.getinfo(name).compress_size
        patch_field(path, name, CRC, zlib.crc32(bytes(data[at:at + size])))


def patch_both_headers(path: Path, name: str, *, local_at: int, central_at: int,
                       fmt: str, value: int) -> None:
    """Overwrite one field of *name* in its local header and its central-directory entry."""
    data = bytearray(path.read_bytes())
    local = local_header_offset(bytes(data), name)
    central = central_entry_offset(bytes(data), name)
    struct.pack_into(fmt, data, local + local_at, value)
    struct.pack_into(fmt, data, central + central_at, value)
    path.write_bytes(bytes(data))


# Field positions: (offset in local header, offset in central entry, struct format)
FLAGS = (6, 8, "<H")
CRC = (14, 16, "<L")
COMPRESSED_SIZE = (18, 20, "<L")
FILE_SIZE = (22, 24, "<L")


def patch_field(path: Path, name: str, field: tuple[int, int, str], value: int) -> None:
    local_at, central_at, fmt = field
    patch_both_headers(path, name, local_at=local_at, central_at=central_at, fmt=fmt, value=value)


@pytest.fixture
def kit() -> SimpleNamespace:
    """The builders above, for the test modules."""
    return SimpleNamespace(
        REPORT=REPORT, BUNDLE_NAME=BUNDLE_NAME, FLAGS=FLAGS, CRC=CRC,
        COMPRESSED_SIZE=COMPRESSED_SIZE, FILE_SIZE=FILE_SIZE, photo_bytes=photo_bytes,
        photo_name=photo_name, make_manifest=make_manifest, bundle_members=bundle_members,
        make_bundle=make_bundle, write_raw_zip=write_raw_zip,
        local_header_offset=local_header_offset, data_offset=data_offset,
        central_entry_offset=central_entry_offset, flip_byte=flip_byte, patch_field=patch_field)


@pytest.fixture
def keys_dir(tmp_path: Path) -> Path:
    return tmp_path / "keys"


@pytest.fixture
def office_key(keys_dir: Path) -> Ed25519PrivateKey:
    """The office's private key, created the way FieldDesk creates it."""
    signing.generate_key(keys_dir)
    return signing.load_private_key(keys_dir)


@pytest.fixture
def other_key() -> Ed25519PrivateKey:
    """Somebody else's key (another office, an attacker)."""
    return Ed25519PrivateKey.generate()


@pytest.fixture
def bundle(tmp_path: Path, office_key: Ed25519PrivateKey) -> Built:
    """A valid signed bundle with a report and two photos."""
    out = tmp_path / "out"
    out.mkdir()
    return make_bundle(out, office_key)
