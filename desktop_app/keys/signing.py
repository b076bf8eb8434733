"""Ed25519 keys for signing bundles (the office key) and receipts (headquarters' key).

A key pair lives in a ``keys/`` folder as ``<name>.key`` (PKCS#8 PEM, unencrypted, owner-only)
and ``<name>.pub.pem`` (SubjectPublicKeyInfo PEM, what is handed to headquarters). A key is
never overwritten or deleted: replacing one moves the old pair to ``keys/retired/<time>/``.
The fingerprint is the SHA-256 of the raw 32-byte public key, upper-case hex in blocks of
four, so two people can read it to each other over the phone.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, rsa, x25519
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from desktop_app import clock
from desktop_app.errors import BundleError
from desktop_app.fileio import fsync_dir, publish_file

SIGNATURE_BYTES = 64
MAX_PUBLIC_PEM_BYTES = 4096
MAX_PRIVATE_PEM_BYTES = 16384
RETIRED_DIR = "retired"
FINGERPRINT_RE = re.compile(r"^[0-9A-F]{4}( [0-9A-F]{4}){15}$")

_NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def key_path(keys_dir: Path, name: str = "office") -> Path:
    """Where the private key called *name* lives."""
    return Path(keys_dir) / f"{_check_name(name)}.key"


def public_pem_path(keys_dir: Path, name: str = "office") -> Path:
    """Where the public key called *name* lives (the file handed to headquarters)."""
    return Path(keys_dir) / f"{_check_name(name)}.pub.pem"


def key_exists(keys_dir: Path, name: str = "office") -> bool:
    return key_path(keys_dir, name).exists()


def generate_key(keys_dir: Path, name: str = "office", *, replace: bool = False) -> str:
    """Create the key pair *name* in *keys_dir*; return its fingerprint.

    Refuses if a private key already exists, unless *replace*: then the old pair is moved
    to ``retired/<UTC time>/`` first (never deleted). The private key file is created with
    mode 0600 from its first byte (``O_CREAT | O_EXCL``), written under a temporary name,
    fsynced, then put in place without overwriting anything.
    """
    keys_dir = Path(keys_dir)
    private_file, public_file = key_path(keys_dir, name), public_pem_path(keys_dir, name)
    if private_file.exists() and not replace:
        raise BundleError(f"{private_file}: a signing key already exists; replacing it is a "
                          "deliberate act and headquarters must register the new key")
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)

    private_key = Ed25519PrivateKey.generate()
    private_pem = private_key.private_bytes(serialization.Encoding.PEM,
                                            serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption())
    public_pem = public_key_pem(private_key.public_key())
    private_tmp = keys_dir / f".{private_file.name}.partial"
    public_tmp = keys_dir / f".{public_file.name}.partial"
    try:
        _write_new_file(private_tmp, private_pem, 0o600)
        _write_new_file(public_tmp, public_pem, 0o644)
        if replace:
            retire_key(keys_dir, name)
        elif public_file.exists():
            # A public key without its private key is a leftover of a crash: keep it anyway.
            _move_to_retired(keys_dir, [public_file])
        publish_file(private_tmp, private_file)
        publish_file(public_tmp, public_file)
    finally:
        for tmp in (private_tmp, public_tmp):
            tmp.unlink(missing_ok=True)
    fsync_dir(keys_dir)
    return fingerprint(private_key.public_key())


def retire_key(keys_dir: Path, name: str = "office") -> Path | None:
    """Move the pair *name* to ``retired/<UTC time>/``; return that folder (None if no key)."""
    keys_dir = Path(keys_dir)
    present = [p for p in (key_path(keys_dir, name), public_pem_path(keys_dir, name)) if p.exists()]
    if not present:
        return None
    return _move_to_retired(keys_dir, present)


def load_private_key(keys_dir: Path, name: str = "office") -> Ed25519PrivateKey:
    """The private key *name* from *keys_dir*; BundleError if missing or not Ed25519."""
    path = key_path(keys_dir, name)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PRIVATE_PEM_BYTES + 1)
    except FileNotFoundError:
        raise BundleError(f"{path}: no signing key yet; create one first") from None
    except OSError as exc:
        raise BundleError(f"{path}: cannot read the signing key ({exc.strerror})") from None
    if len(data) > MAX_PRIVATE_PEM_BYTES:
        raise BundleError(f"{path}: not a signing key (file too large)")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise BundleError(f"{path}: not a readable unencrypted Ed25519 private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise BundleError(f"{path}: {_algorithm(key)} key; only Ed25519 keys are used")
    return key


def load_public_key_pem(data: bytes, *, source: str = "public key") -> Ed25519PublicKey:
    """Parse a SubjectPublicKeyInfo PEM; refuse anything that is not an Ed25519 public key."""
    if len(data) > MAX_PUBLIC_PEM_BYTES:
        raise BundleError(f"{source}: not a public key (more than {MAX_PUBLIC_PEM_BYTES} bytes)")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise BundleError(f"{source}: not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise BundleError(f"{source}: {_algorithm(key)} key; only Ed25519 keys are accepted")
    return key


def load_public_key_file(path: Path) -> Ed25519PublicKey:
    """Read a ``.pub.pem`` file (e.g. ``--key OFFICE.pub.pem``); errors name the file."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PUBLIC_PEM_BYTES + 1)
    except OSError as exc:
        raise BundleError(f"{path}: cannot read the public key ({exc.strerror})") from None
    return load_public_key_pem(data, source=path.name)


def public_key_pem(public_key: Ed25519PublicKey) -> bytes:
    """The SubjectPublicKeyInfo PEM of *public_key* (what ``openssl pkeyutl -pubin`` reads)."""
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo)


def fingerprint(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """SHA-256 of the raw public key, e.g. ``"3F2A 9C01 … 77B0"`` (16 blocks of 4)."""
    digest = hashlib.sha256(_raw_public(key)).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def fingerprint_short(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """The first four blocks of the fingerprint, for lists and messages."""
    return fingerprint(key)[:19]


def sign(private_key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The raw 64-byte Ed25519 signature of *data*."""
    return private_key.sign(data)


def verify_signature(public_key: Ed25519PublicKey, data: bytes, signature: bytes) -> bool:
    """True if *signature* is a valid Ed25519 signature of *data* by *public_key*."""
    if not isinstance(signature, bytes) or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def _raw_public(key: Ed25519PublicKey | Ed25519PrivateKey) -> bytes:
    if isinstance(key, Ed25519PrivateKey):
        key = key.public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise TypeError(f"expected an Ed25519 key, got {type(key).__name__}")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _algorithm(key: object) -> str:
    kinds = ((rsa.RSAPublicKey, rsa.RSAPrivateKey, "RSA"),
             (ec.EllipticCurvePublicKey, ec.EllipticCurvePrivateKey, "elliptic-curve (ECDSA)"),
             (dsa.DSAPublicKey, dsa.DSAPrivateKey, "DSA"),
             (ed448.Ed448PublicKey, ed448.Ed448PrivateKey, "Ed448"),
             (x25519.X25519PublicKey, x25519.X25519PrivateKey, "X25519"))
    for public, private, label in kinds:
        if isinstance(key, public | private):
            return label
    return "an unsupported"


def _check_name(name: str) -> str:
    if not _NAME_RE.match(name):
        raise ValueError(f"bad key name {name!r}")
    return name


def _write_new_file(path: Path, data: bytes, mode: int) -> None:
    """Create *path* (a stale leftover of ours is removed first) with *mode* from the start."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _move_to_retired(keys_dir: Path, files: list[Path]) -> Path:
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    retired_root = keys_dir / RETIRED_DIR
    retired_root.mkdir(exist_ok=True, mode=0o700)
    target, n = retired_root / stamp, 1
    while True:
        try:
            target.mkdir(mode=0o700)
            break
        except FileExistsError:
            n += 1
            target = retired_root / f"{stamp}-{n}"
    for path in files:
        os.replace(path, target / path.name)
    fsync_dir(target)
    fsync_dir(keys_dir)
    return target
