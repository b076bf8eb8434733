"""The bundle manifest: what the office signs, serialised one way only and parsed strictly.

``dumps`` gives the exact bytes that are signed (sorted keys, no spaces, UTF-8, one
trailing newline). ``loads_strict`` reads them back refusing anything a lenient parser
would quietly accept: more than 1 MiB, bad UTF-8, duplicate keys at any depth (Python's
``json`` keeps the last one), NaN or Infinity, missing, unknown or wrongly typed fields,
an unknown format version, file paths off the allow-list, negative sizes, malformed hashes.
A ``Manifest`` cannot even be constructed with invalid values.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop_app import clock
from desktop_app.bundle.archive import (
    DEFAULT_LIMITS,
    MANIFEST_NAME,
    PHOTO_NAME_RE,
    PUBLIC_KEY_NAME,
    REPORT_NAME,
    SIGNATURE_NAME,
    is_allowed_name,
    photo_member_name,
)
from desktop_app.errors import BundleError
from desktop_app.keys.signing import FINGERPRINT_RE

FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = DEFAULT_LIMITS.max_manifest_bytes
REQUIRED_FILES = (PUBLIC_KEY_NAME, REPORT_NAME)

_HEX64 = re.compile(r"[0-9a-f]{64}")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")  # office code, campaign id: file-name safe
_COUNT_KEY = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_CREATED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_MAX_PARTS = 9999


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of *data*."""
    return hashlib.sha256(data).hexdigest()


def new_bundle_id() -> str:
    return str(uuid.uuid4())


def utc_now_iso() -> str:
    """Now, as the manifest writes it: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return clock.utcnow()


@dataclass(frozen=True)
class FileEntry:
    """One member listed in the manifest (every member except manifest.json and .sig)."""

    path: str
    bytes: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "bytes": self.bytes, "sha256": self.sha256}


@dataclass(frozen=True, kw_only=True)
class Manifest:
    """What the office signs. Files are kept sorted by path, photos_not_included sorted."""

    format_version: int = FORMAT_VERSION
    bundle_id: str = field(default_factory=new_bundle_id)
    app_version: str
    office_code: str
    office_name: str
    campaign_id: str
    template_sha256: str
    seq: int
    part: int = 1
    parts: int = 1
    created_at: str = field(default_factory=utc_now_iso)
    previous_manifest_sha256: str | None = None
    key_fingerprint: str
    files: tuple[FileEntry, ...] = ()
    photos_not_included: tuple[str, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        files = self.files
        if isinstance(files, list | tuple):
            files = tuple(sorted((FileEntry(**f) if isinstance(f, dict) else f for f in files),
                                 key=lambda f: f.path if isinstance(f, FileEntry) else ""))
        object.__setattr__(self, "files", files)
        if isinstance(self.photos_not_included, list | tuple | set | frozenset):
            object.__setattr__(self, "photos_not_included",
                               tuple(sorted(self.photos_not_included, key=str)))
        if isinstance(self.counts, Mapping):
            object.__setattr__(self, "counts", dict(self.counts))
        _validate(self)

    def file(self, path: str) -> FileEntry | None:
        """The entry for *path*, or None if it is not listed."""
        return next((f for f in self.files if f.path == path), None)

    @property
    def included_photos(self) -> tuple[str, ...]:
        """SHA-256 of every photo carried in this bundle."""
        return tuple(m.group(1) for f in self.files if (m := PHOTO_NAME_RE.fullmatch(f.path)))

    @property
    def referenced_photos(self) -> tuple[str, ...]:
        """Every photo the data references: carried here or sent in an earlier bundle."""
        return tuple(sorted(set(self.included_photos) | set(self.photos_not_included)))

    def to_json(self) -> dict[str, Any]:
        return {
            "format_version": self.format_version,
            "bundle_id": self.bundle_id,
            "app_version": self.app_version,
            "office_code": self.office_code,
            "office_name": self.office_name,
            "campaign_id": self.campaign_id,
            "template_sha256": self.template_sha256,
            "seq": self.seq,
            "part": self.part,
            "parts": self.parts,
            "created_at": self.created_at,
            "previous_manifest_sha256": self.previous_manifest_sha256,
            "key_fingerprint": self.key_fingerprint,
            "files": [f.to_json() for f in self.files],
            "photos_not_included": list(self.photos_not_included),
            "counts": dict(self.counts),
        }


_FIELDS = frozenset(Manifest.__dataclass_fields__)
_FILE_FIELDS = frozenset(FileEntry.__dataclass_fields__)


def dumps(manifest: Manifest) -> bytes:
    """The canonical bytes of *manifest*: exactly what is signed and stored as manifest.json."""
    text = json.dumps(manifest.to_json(), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False)
    data = (text + "\n").encode("utf-8")
    if len(data) > MAX_MANIFEST_BYTES:
        raise BundleError(f"{MANIFEST_NAME}: larger than 1 MiB ({len(data):,} bytes); "
                          "split the bundle into parts")
    return data


def loads_strict(data: bytes) -> Manifest:
    """Parse manifest bytes, refusing anything but a well-formed version-1 manifest."""
    if not isinstance(data, bytes | bytearray):
        raise TypeError("manifest data must be bytes")
    if len(data) > MAX_MANIFEST_BYTES:
        raise BundleError(f"{MANIFEST_NAME}: larger than 1 MiB ({len(data):,} bytes)")
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{MANIFEST_NAME}: not valid UTF-8") from None
    try:
        obj = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constants)
    except _Refused as exc:
        raise BundleError(f"{MANIFEST_NAME}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BundleError(f"{MANIFEST_NAME}: not valid JSON ({exc.msg} at line {exc.lineno} "
                          f"column {exc.colno})") from None
    except (ValueError, RecursionError):
        raise BundleError(f"{MANIFEST_NAME}: not valid JSON (number too long or nested "
                          "too deeply)") from None
    return _from_json(obj)


# --- parsing ----------------------------------------------------------------------------


class _Refused(Exception):
    """Raised inside json.loads; not a ValueError, so it is never mistaken for bad syntax."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _Refused(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def _no_constants(name: str) -> Any:
    raise _Refused(f"{name} is not allowed")


def _fail(message: str) -> BundleError:
    return BundleError(f"{MANIFEST_NAME}: {message}")


def _from_json(obj: Any) -> Manifest:
    if not isinstance(obj, dict):
        raise _fail("must be a JSON object")
    version = obj.get("format_version")
    if not _is_int(version):
        raise _fail("format_version must be an integer")
    if version != FORMAT_VERSION:
        raise _fail(f"format version {version} is not supported (this FieldDesk reads "
                    f"version {FORMAT_VERSION})")
    _check_keys(obj, _FIELDS, "")
    files = obj["files"]
    if not isinstance(files, list):
        raise _fail("files must be a list")
    entries = []
    for i, entry in enumerate(files):
        if not isinstance(entry, dict):
            raise _fail(f"files[{i}] must be an object")
        _check_keys(entry, _FILE_FIELDS, f"files[{i}].")
        entries.append(FileEntry(**entry))
    photos = obj["photos_not_included"]
    if not isinstance(photos, list):
        raise _fail("photos_not_included must be a list")
    if photos != sorted(set(photos), key=str) or not all(isinstance(p, str) for p in photos):
        raise _fail("photos_not_included must be sorted text without duplicates")
    if not isinstance(obj["counts"], dict):
        raise _fail("counts must be an object")
    return Manifest(**{**obj, "files": entries})


def _check_keys(obj: dict[str, Any], expected: frozenset[str], prefix: str) -> None:
    for key in sorted(expected - obj.keys()):
        raise _fail(f"missing field '{prefix}{key}'")
    for key in sorted(obj.keys() - expected):
        raise _fail(f"unknown field '{prefix}{key}'")


# --- validation (also guards construction, so a bad manifest is never written) ----------


def _validate(m: Manifest) -> None:
    if not _is_int(m.format_version) or m.format_version != FORMAT_VERSION:
        raise _fail(f"format_version must be {FORMAT_VERSION}")
    if not isinstance(m.bundle_id, str) or not _is_uuid4(m.bundle_id):
        raise _fail("bundle_id must be a UUID (version 4, lower-case)")
    _text("app_version", m.app_version, 64)
    _code("office_code", m.office_code)
    _text("office_name", m.office_name, 500)
    _code("campaign_id", m.campaign_id)
    _hex("template_sha256", m.template_sha256)
    for name in ("seq", "part", "parts"):
        value = getattr(m, name)
        if not _is_int(value) or value < 1:
            raise _fail(f"{name} must be a whole number, at least 1")
    if m.parts > _MAX_PARTS or m.part > m.parts:
        raise _fail(f"part {m.part} of {m.parts} is not possible")
    if not isinstance(m.created_at, str) or not _CREATED_AT.fullmatch(m.created_at):
        raise _fail("created_at must be a UTC time like 2024-10-31T17:05:00Z")
    try:
        datetime.strptime(m.created_at, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise _fail(f"created_at {m.created_at!r} is not a real time") from None
    if m.previous_manifest_sha256 is not None:
        _hex("previous_manifest_sha256", m.previous_manifest_sha256)
    if not isinstance(m.key_fingerprint, str) or not FINGERPRINT_RE.fullmatch(m.key_fingerprint):
        raise _fail("key_fingerprint must be 16 blocks of 4 upper-case hex digits")
    _validate_files(m.files)
    _validate_photos_not_included(m.photos_not_included, m.files)
    _validate_counts(m.counts)


def _validate_files(files: Any) -> None:
    if not isinstance(files, tuple):
        raise _fail("files must be a list")
    if len(files) > DEFAULT_LIMITS.max_members - 2:
        raise _fail(f"{len(files):,} files listed, at most {DEFAULT_LIMITS.max_members - 2:,}")
    seen: set[str] = set()
    for entry in files:
        if not isinstance(entry, FileEntry):
            raise _fail("each file must have path, bytes and sha256")
        path = entry.path
        if not isinstance(path, str) or not is_allowed_name(path) or path in (MANIFEST_NAME,
                                                                              SIGNATURE_NAME):
            raise _fail(f"file path {path!r} is not allowed")
        if path in seen:
            raise _fail(f"{path} is listed twice")
        seen.add(path)
        if not _is_int(entry.bytes):
            raise _fail(f"size of {path} must be a whole number")
        if entry.bytes < 0:
            raise _fail(f"size of {path} is negative")
        _hex(f"sha256 of {path}", entry.sha256)
        photo = PHOTO_NAME_RE.fullmatch(path)
        if photo and photo.group(1) != entry.sha256:
            raise _fail(f"{path} is not named after its SHA-256")
    for required in REQUIRED_FILES:
        if required not in seen:
            raise _fail(f"{required} is not listed in files")


def _validate_photos_not_included(photos: Any, files: tuple[FileEntry, ...]) -> None:
    if not isinstance(photos, tuple):
        raise _fail("photos_not_included must be a list")
    included = {f.path for f in files}
    previous = None
    for sha in photos:
        _hex("photos_not_included entry", sha)
        if sha == previous:
            raise _fail(f"photo {sha} is listed twice in photos_not_included")
        previous = sha
        if photo_member_name(sha) in included:
            raise _fail(f"photo {sha} is both included and listed as not included")


def _validate_counts(counts: Any) -> None:
    if not isinstance(counts, dict):
        raise _fail("counts must be an object")
    for key, value in counts.items():
        if not isinstance(key, str) or not _COUNT_KEY.fullmatch(key):
            raise _fail(f"counts key {key!r} is not allowed")
        if not _is_int(value) or value < 0:
            raise _fail(f"counts[{key!r}] must be a whole number, at least 0")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_uuid4(text: str) -> bool:
    try:
        parsed = uuid.UUID(text)
    except ValueError:
        return False
    return parsed.version == 4 and str(parsed) == text


def _text(name: str, value: Any, limit: int) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _fail(f"{name} must be non-empty text")
    if len(value) > limit:
        raise _fail(f"{name} is longer than {limit} characters")
    if _CONTROL.search(value):
        raise _fail(f"{name} contains a control character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _fail(f"{name} is not valid Unicode text") from None


def _code(name: str, value: Any) -> None:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise _fail(f"{name} must be 1 to 64 letters, digits, '.', '_' or '-'")


def _hex(name: str, value: Any) -> None:
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise _fail(f"{name} must be 64 lower-case hex digits")
