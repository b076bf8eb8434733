"""The key registry: register, read back, replace with a reason, revoke; every change logged."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.errors import BundleError, FieldDeskError
from desktop_app.hq.database import open_hq
from desktop_app.hq.registry import (
    ACTIVE,
    REPLACED,
    REVOKED,
    active_key,
    key_events,
    keys_of,
    list_offices,
    register_key,
    revoke_key,
)
from desktop_app.keys import signing


def new_pem() -> tuple[bytes, str]:
    key = Ed25519PrivateKey.generate()
    return signing.public_key_pem(key.public_key()), signing.fingerprint(key)


@pytest.fixture
def empty_hq(tmp_path, hqkit, hq_db):
    hq = hqkit.new_hq(tmp_path / "hq", hq_db)
    yield hq
    hq.close()


def test_register_gives_the_fingerprint_to_read_back(empty_hq, hqkit):
    pem, fp = new_pem()
    done = register_key(empty_hq, pem, "DL-001")
    assert done.fingerprint == fp and not done.already and done.replaced is None
    assert hqkit.read(empty_hq, active_key, "DL-001").fingerprint == fp
    again = register_key(empty_hq, pem, "DL-001")
    assert again.already
    assert [e["action"] for e in hqkit.read(empty_hq, key_events)] == ["register"]
    (office,) = hqkit.read(empty_hq, list_offices)
    assert office.code == "DL-001" and office.fingerprint == fp and office.campaigns == ()


def test_one_key_per_office_and_one_office_per_key(empty_hq, hqkit):
    pem, _ = new_pem()
    register_key(empty_hq, pem, "DL-001")
    with pytest.raises(FieldDeskError, match="already registered for office DL-001"):
        register_key(empty_hq, pem, "MH-002")
    other, _ = new_pem()
    with pytest.raises(FieldDeskError, match="needs --replace --reason"):
        register_key(empty_hq, other, "DL-001")
    with pytest.raises(FieldDeskError, match="give a reason"):
        register_key(empty_hq, other, "DL-001", replace=True, reason="  ")


def test_replace_keeps_the_old_key_as_replaced_and_logs_the_reason(empty_hq, hqkit):
    old, old_fp = new_pem()
    new, new_fp = new_pem()
    register_key(empty_hq, old, "DL-001")
    done = register_key(empty_hq, new, "DL-001", replace=True, reason="hard disk failed")
    assert done.replaced == old_fp and done.fingerprint == new_fp
    keys = {k.fingerprint: k for k in hqkit.read(empty_hq, keys_of, "DL-001")}
    assert keys[old_fp].status == REPLACED and keys[old_fp].retired_reason == "hard disk failed"
    assert keys[new_fp].status == ACTIVE and keys[new_fp].reason == "hard disk failed"
    events = hqkit.read(empty_hq, key_events, "DL-001")
    assert [(e["action"], e["fingerprint"], e["reason"]) for e in events] == [
        ("register", old_fp, ""), ("replace", new_fp, "hard disk failed")]
    with pytest.raises(FieldDeskError, match="was replaced on .*never registered again"):
        register_key(empty_hq, old, "DL-001", replace=True, reason="go back")


def test_revoke_leaves_the_office_without_a_key(empty_hq, hqkit):
    pem, fp = new_pem()
    register_key(empty_hq, pem, "DL-001")
    with pytest.raises(FieldDeskError, match="give a reason"):
        revoke_key(empty_hq, "DL-001", reason="")
    assert revoke_key(empty_hq, "DL-001", reason="PC stolen") == fp
    assert hqkit.read(empty_hq, active_key, "DL-001") is None
    assert hqkit.read(empty_hq, keys_of, "DL-001")[0].status == REVOKED
    assert hqkit.read(empty_hq, list_offices)[0].key_status == REVOKED
    with pytest.raises(FieldDeskError, match="no active key to revoke"):
        revoke_key(empty_hq, "DL-001", reason="again")
    with pytest.raises(FieldDeskError, match="had its key revoked; registering a new key needs"):
        register_key(empty_hq, new_pem()[0], "DL-001")
    done = register_key(empty_hq, new_pem()[0], "DL-001", replace=True, reason="new PC")
    assert done.replaced is None
    assert [e["action"] for e in hqkit.read(empty_hq, key_events)] == ["register", "revoke", "replace"]
    with pytest.raises(FieldDeskError, match="not registered"):
        revoke_key(empty_hq, "ZZ-999", reason="x")


def test_only_ed25519_public_keys_and_valid_codes(empty_hq, hqkit):
    rsa_pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key() \
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(BundleError, match="RSA key; only Ed25519"):
        register_key(empty_hq, rsa_pem, "DL-001")
    with pytest.raises(BundleError, match="not a PEM public key"):
        register_key(empty_hq, b"hello", "DL-001")
    with pytest.raises(FieldDeskError, match="office code"):
        register_key(empty_hq, new_pem()[0], "dl 001; drop table")
    assert hqkit.read(empty_hq, list_offices) == []


def test_an_office_folder_is_not_a_headquarters_folder(opened, tmp_path):
    with pytest.raises(FieldDeskError, match="is an office data folder"):
        open_hq(opened.folder.root)
