"""Office and headquarters keys: files, permissions, fingerprints, replacement, signatures."""

from __future__ import annotations

import hashlib
import os
import re
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.errors import BundleError
from desktop_app.keys import signing
from desktop_app.keys.fingerprint_text import fingerprint_lines

posix_only = pytest.mark.skipif(os.name != "posix", reason="Unix file modes")


def test_generate_writes_the_pair_and_returns_the_fingerprint(keys_dir):
    fp = signing.generate_key(keys_dir)
    private = signing.load_private_key(keys_dir)
    public_pem = (keys_dir / "office.pub.pem").read_bytes()
    assert public_pem.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert (keys_dir / "office.key").read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert signing.load_public_key_pem(public_pem) == private.public_key()
    assert fp == signing.fingerprint(private) == signing.fingerprint(private.public_key())
    assert not [p for p in keys_dir.iterdir() if p.name.endswith(".partial")]


def test_fingerprint_is_sha256_of_the_raw_public_key_grouped_for_reading_aloud():
    key = Ed25519PrivateKey.generate().public_key()
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    fp = signing.fingerprint(key)
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){15}", fp)
    assert fp.replace(" ", "") == hashlib.sha256(raw).hexdigest().upper()
    assert signing.fingerprint_short(key) == fp[:19] and len(fp[:19].split()) == 4
    lines = fingerprint_lines(fp).split("\n")  # read out over the phone, four at a time
    assert [len(line.split()) for line in lines] == [4, 4, 4, 4] and " ".join(lines) == fp


@posix_only
def test_private_key_is_owner_only(keys_dir):
    signing.generate_key(keys_dir)
    assert stat.S_IMODE((keys_dir / "office.key").stat().st_mode) == 0o600
    assert stat.S_IMODE(keys_dir.stat().st_mode) == 0o700


def test_a_second_key_is_refused(keys_dir):
    fp = signing.generate_key(keys_dir)
    before = (keys_dir / "office.key").read_bytes()
    with pytest.raises(BundleError, match="a signing key already exists"):
        signing.generate_key(keys_dir)
    assert (keys_dir / "office.key").read_bytes() == before
    assert signing.fingerprint(signing.load_private_key(keys_dir)) == fp


def test_replace_moves_the_old_pair_to_retired_never_deletes_it(keys_dir):
    old_fp = signing.generate_key(keys_dir)
    old_key = (keys_dir / "office.key").read_bytes()
    old_pub = (keys_dir / "office.pub.pem").read_bytes()
    new_fp = signing.generate_key(keys_dir, replace=True)
    assert new_fp != old_fp
    (retired,) = (keys_dir / "retired").iterdir()
    assert re.fullmatch(r"\d{8}T\d{6}Z", retired.name)
    assert (retired / "office.key").read_bytes() == old_key
    assert (retired / "office.pub.pem").read_bytes() == old_pub
    # Replaced again within the same second: a second folder, nothing overwritten.
    signing.generate_key(keys_dir, replace=True)
    assert len(list((keys_dir / "retired").iterdir())) == 2
    assert signing.fingerprint(signing.load_private_key(keys_dir)) != new_fp


def test_headquarters_receipt_key_uses_its_own_file_names(keys_dir):
    office_fp = signing.generate_key(keys_dir)
    hq_fp = signing.generate_key(keys_dir, name="hq")
    assert (keys_dir / "hq.key").exists() and (keys_dir / "hq.pub.pem").exists()
    assert signing.fingerprint(signing.load_private_key(keys_dir, "hq")) == hq_fp != office_fp
    with pytest.raises(ValueError):
        signing.generate_key(keys_dir, name="../evil")


def test_a_stale_temporary_file_from_a_crash_does_not_block_generation(keys_dir):
    keys_dir.mkdir()
    (keys_dir / ".office.key.partial").write_bytes(b"half a key")
    signing.generate_key(keys_dir)
    assert signing.load_private_key(keys_dir)
    assert not (keys_dir / ".office.key.partial").exists()


def test_missing_or_broken_private_key_is_a_clear_error(keys_dir):
    with pytest.raises(BundleError, match="office.key: no signing key yet"):
        signing.load_private_key(keys_dir)
    keys_dir.mkdir()
    (keys_dir / "office.key").write_bytes(b"not a key")
    with pytest.raises(BundleError, match="not a readable unencrypted Ed25519 private key"):
        signing.load_private_key(keys_dir)


def test_public_keys_other_than_ed25519_are_refused():
    ec_pem = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(BundleError, match=r"^public key: elliptic-curve \(ECDSA\) key; only Ed25519 keys are accepted$"):
        signing.load_public_key_pem(ec_pem)
    with pytest.raises(BundleError, match="not a PEM public key"):
        signing.load_public_key_pem(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
    with pytest.raises(BundleError, match="more than 4096 bytes"):
        signing.load_public_key_pem(b"x" * 5000)


def test_load_public_key_file_names_the_file(tmp_path):
    path = tmp_path / "DL-042.pub.pem"
    path.write_bytes(b"garbage")
    with pytest.raises(BundleError, match="^DL-042.pub.pem: not a PEM public key$"):
        signing.load_public_key_file(path)
    with pytest.raises(BundleError, match="missing.pub.pem: cannot read the public key"):
        signing.load_public_key_file(tmp_path / "missing.pub.pem")


def test_sign_and_verify():
    key = Ed25519PrivateKey.generate()
    sig = signing.sign(key, b"manifest bytes")
    assert len(sig) == 64
    assert signing.verify_signature(key.public_key(), b"manifest bytes", sig)
    assert not signing.verify_signature(key.public_key(), b"manifest bytes!", sig)
    assert not signing.verify_signature(key.public_key(), b"manifest bytes", sig + b"\0")
    other = Ed25519PrivateKey.generate().public_key()
    assert not signing.verify_signature(other, b"manifest bytes", sig)
