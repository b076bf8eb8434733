"""Verify a bundle against a key the verifier trusts: the one module office and HQ both call.

Order (the first failure is the reason given): archive checks; manifest.json and
manifest.sig present; the signature exactly 64 bytes and valid for the exact manifest
bytes under the GIVEN key (never the key inside the bundle); then the strict manifest
parse; the manifest's key fingerprint and office code; every listed file present, no
unlisted member; every size; every SHA-256, streamed. Nothing is extracted or trusted
before the signature has been checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.bundle.archive import (
    DEFAULT_LIMITS,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    ArchiveLimits,
    digest_member,
    open_checked,
    read_member,
)
from desktop_app.bundle.manifest import Manifest, loads_strict, sha256_hex
from desktop_app.errors import BundleError, Cancelled
from desktop_app.keys.signing import (
    SIGNATURE_BYTES,
    fingerprint,
    fingerprint_short,
    verify_signature,
)

Progress = Callable[[int, int], None]  # (bytes hashed so far, total bytes to hash)


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose every byte was checked against the manifest signed by the given key."""

    manifest: Manifest
    manifest_bytes: bytes
    manifest_sha256: str
    path: Path
    members: tuple[str, ...]


def verify_bundle(path: Path, public_key: Ed25519PublicKey, *,
                  expected_office: str | None = None,
                  limits: ArchiveLimits = DEFAULT_LIMITS,
                  progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> VerifiedBundle:
    """Check the bundle at *path* completely; BundleError with the first failure found.

    *public_key* is the key the caller trusts (``--key`` at the office, the registered key
    at headquarters). *expected_office*, if given, must be the manifest's office code.
    *progress(done, total)* reports bytes hashed; *cancelled()* true raises ``Cancelled``.
    """
    path = Path(path)
    if not isinstance(public_key, Ed25519PublicKey):
        raise TypeError("public_key must be an Ed25519PublicKey")
    with open_checked(path, limits) as archive:
        for name in (MANIFEST_NAME, SIGNATURE_NAME):
            if name not in archive:
                raise BundleError(f"{name}: missing from the bundle")
        signature = read_member(archive, SIGNATURE_NAME, limits.signature_bytes)
        if len(signature) != SIGNATURE_BYTES:
            raise BundleError(f"{SIGNATURE_NAME}: must be exactly {SIGNATURE_BYTES} bytes, "
                              f"found {len(signature):,}")
        manifest_bytes = read_member(archive, MANIFEST_NAME, limits.max_manifest_bytes)
        if not verify_signature(public_key, manifest_bytes, signature):
            whose = (f"the key for office {expected_office}" if expected_office
                     else f"the given key ({fingerprint_short(public_key)}…)")
            raise BundleError(f"{SIGNATURE_NAME}: signature does not match {whose}")

        manifest = loads_strict(manifest_bytes)
        given = fingerprint(public_key)
        if manifest.key_fingerprint != given:
            raise BundleError(f"{MANIFEST_NAME}: names key {manifest.key_fingerprint[:19]}…, "
                              f"but it was signed with key {given[:19]}…")
        if expected_office is not None and manifest.office_code != expected_office:
            raise BundleError(f"{MANIFEST_NAME}: bundle is for office {manifest.office_code}, "
                              f"expected {expected_office}")

        listed = {entry.path for entry in manifest.files}
        for entry in manifest.files:
            if entry.path not in archive:
                raise BundleError(f"{entry.path}: listed in the manifest but missing from "
                                  "the bundle")
        for name in archive.names:
            if name not in listed and name not in (MANIFEST_NAME, SIGNATURE_NAME):
                raise BundleError(f"{name}: in the bundle but not listed in the manifest")
        for entry in manifest.files:
            size = archive.member(entry.path).size
            if size != entry.bytes:
                raise BundleError(f"{entry.path}: {size:,} bytes, the manifest says "
                                  f"{entry.bytes:,}")

        total, done = sum(entry.bytes for entry in manifest.files), 0

        def on_chunk(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)
            if cancelled is not None and cancelled():
                raise Cancelled("cancelled: verification stopped")

        on_chunk(0)
        for entry in manifest.files:
            digest = digest_member(archive, entry.path, on_chunk=on_chunk)
            if digest.sha256 != entry.sha256:
                raise BundleError(f"{entry.path}: SHA-256 does not match the manifest")
        return VerifiedBundle(manifest=manifest, manifest_bytes=manifest_bytes,
                              manifest_sha256=sha256_hex(manifest_bytes), path=path,
                              members=archive.names)


def claimed_office_code(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> str:
    """The office code an UNVERIFIED bundle claims, after the archive checks and strict parse.

    Headquarters needs it only to choose which registered key to verify with; trust
    nothing else until ``verify_bundle`` has passed with that key.
    """
    with open_checked(path, limits) as archive:
        if MANIFEST_NAME not in archive:
            raise BundleError(f"{MANIFEST_NAME}: missing from the bundle")
        return loads_strict(read_member(archive, MANIFEST_NAME, limits.max_manifest_bytes)).office_code
