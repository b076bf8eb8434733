"""verify_bundle: a good bundle passes; every kind of tampering fails with its own reason."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import zipfile

import pytest

from desktop_app.bundle import manifest as mf
from desktop_app.bundle.verify import claimed_office_code, verify_bundle
from desktop_app.errors import BundleError, Cancelled
from desktop_app.keys import signing


def fails(path, key, reason: str, **kwargs) -> None:
    with pytest.raises(BundleError) as caught:
        verify_bundle(path, key, **kwargs)
    assert str(caught.value) == reason


def photos_of(built) -> list[str]:
    return [n for n in built.members if n.startswith("photos/")]


def test_round_trip(bundle, office_key):
    seen = []
    verified = verify_bundle(bundle.path, office_key.public_key(), expected_office="DL-042",
                             progress=lambda done, total: seen.append((done, total)))
    assert verified.manifest == bundle.manifest
    assert verified.manifest_bytes == bundle.manifest_bytes
    assert verified.manifest_sha256 == mf.sha256_hex(bundle.manifest_bytes)
    assert verified.path == bundle.path
    assert verified.members == tuple(bundle.members)
    total = sum(f.bytes for f in bundle.manifest.files)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert verified.manifest.counts == {"photos": 2, "scrap_disposal": 3}
    assert claimed_office_code(bundle.path) == "DL-042"


def test_cancel_stops_verification(bundle, office_key):
    with pytest.raises(Cancelled):
        verify_bundle(bundle.path, office_key.public_key(), cancelled=lambda: True)


def test_stock_openssl_and_sha256sum_verify_the_bundle(bundle, tmp_path):
    """The README's recipe, run exactly: anyone can check a bundle without FieldDesk."""
    folder = tmp_path / "unpacked"
    folder.mkdir()
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-q", str(bundle.path), "-d", str(folder)], check=True)
    else:
        with zipfile.ZipFile(bundle.path) as zf:
            zf.extractall(folder)
    result = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "office.pub.pem", "-rawin",
         "-in", "manifest.json", "-sigfile", "manifest.sig"],
        cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Signature Verified Successfully" in result.stdout

    manifest = json.loads((folder / "manifest.json").read_bytes())
    sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in manifest["files"])
    (folder / "SHA256SUMS").write_text(sums)
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder,
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert check.stdout.count(": OK") == len(manifest["files"])

    (folder / "manifest.json").write_bytes((folder / "manifest.json").read_bytes()
                                           .replace(b'"seq":1', b'"seq":2'))
    tampered = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "office.pub.pem", "-rawin",
         "-in", "manifest.json", "-sigfile", "manifest.sig"],
        cwd=folder, capture_output=True, text=True)
    assert tampered.returncode != 0
    assert "Signature Verification Failure" in tampered.stdout + tampered.stderr


@pytest.mark.parametrize("member", ["manifest.json", "manifest.sig"])
def test_flipped_byte_in_manifest_or_signature(kit, bundle, office_key, member):
    kit.flip_byte(bundle.path, member, index=10)
    fails(bundle.path, office_key.public_key(),
          "manifest.sig: signature does not match the key for office DL-042",
          expected_office="DL-042")


@pytest.mark.parametrize("member", ["office.pub.pem", "report.xlsx", "photo"])
def test_flipped_byte_in_a_listed_file(kit, bundle, office_key, member):
    name = photos_of(bundle)[1] if member == "photo" else member
    kit.flip_byte(bundle.path, name, index=len(bundle.members[name]) - 1)
    fails(bundle.path, office_key.public_key(), f"{name}: SHA-256 does not match the manifest")


@pytest.mark.parametrize("member", ["manifest.json", "manifest.sig", "report.xlsx"])
def test_a_byte_damaged_in_transit_is_reported_as_damage(kit, bundle, office_key, member):
    """A flipped bit the CRC-32 still sees: damage, told before any signature or hash."""
    kit.flip_byte(bundle.path, member, index=10, fix_crc=False)
    fails(bundle.path, office_key.public_key(),
          f"{member}: damaged in the archive (CRC-32 does not match)")


def test_crc_damage_alone_is_reported_as_damage(kit, bundle, office_key):
    kit.patch_field(bundle.path, "report.xlsx", kit.CRC, 1)
    fails(bundle.path, office_key.public_key(),
          "report.xlsx: damaged in the archive (CRC-32 does not match)")


def test_removed_photo(kit, tmp_path, office_key):
    built = kit.make_bundle(tmp_path, office_key, drop=[kit.photo_name(kit.photo_bytes(0))])
    fails(built.path, office_key.public_key(),
          f"{kit.photo_name(kit.photo_bytes(0))}: listed in the manifest but missing from the bundle")


@pytest.mark.parametrize("member", ["manifest.json", "manifest.sig"])
def test_removed_manifest_or_signature(kit, tmp_path, office_key, member):
    built = kit.make_bundle(tmp_path, office_key, drop=[member])
    fails(built.path, office_key.public_key(), f"{member}: missing from the bundle")


def test_removed_public_key_file(kit, tmp_path, office_key):
    built = kit.make_bundle(tmp_path, office_key, drop=["office.pub.pem"])
    fails(built.path, office_key.public_key(),
          "office.pub.pem: listed in the manifest but missing from the bundle")


def test_added_member(kit, tmp_path, office_key):
    extra = kit.photo_bytes(99)
    built = kit.make_bundle(tmp_path, office_key, extra=[(kit.photo_name(extra), extra)])
    fails(built.path, office_key.public_key(),
          f"{kit.photo_name(extra)}: in the bundle but not listed in the manifest")


def test_swapped_public_key(bundle, other_key):
    fails(bundle.path, other_key.public_key(),
          "manifest.sig: signature does not match the key for office DL-042",
          expected_office="DL-042")
    short = signing.fingerprint_short(other_key)
    fails(bundle.path, other_key.public_key(),
          f"manifest.sig: signature does not match the given key ({short}…)")


def test_bundle_carrying_an_attackers_public_key_is_still_checked_against_the_given_key(
        kit, tmp_path, office_key, other_key):
    """office.pub.pem inside the bundle is informational; it is never used to verify."""
    built = kit.make_bundle(tmp_path, other_key)  # consistent, but signed by the attacker
    fails(built.path, office_key.public_key(),
          "manifest.sig: signature does not match the key for office DL-042",
          expected_office="DL-042")


def test_manifest_edited_and_re_signed_with_another_key(kit, tmp_path, office_key, other_key):
    good = kit.make_bundle(tmp_path, office_key, name="good.zip")
    edited = dataclasses.replace(good.manifest, counts={"photos": 2, "scrap_disposal": 300})
    forged = kit.make_bundle(tmp_path, office_key, name="forged.zip",
                         manifest_bytes=mf.dumps(edited), sign_with=other_key)
    fails(forged.path, office_key.public_key(),
          "manifest.sig: signature does not match the key for office DL-042",
          expected_office="DL-042")


def test_manifest_naming_a_different_key_than_the_signer(kit, tmp_path, office_key, other_key):
    built = kit.make_bundle(tmp_path, office_key, key_fingerprint=signing.fingerprint(other_key))
    fails(built.path, office_key.public_key(),
          f"manifest.json: names key {signing.fingerprint_short(other_key)}…, but it was "
          f"signed with key {signing.fingerprint_short(office_key)}…")


def test_bundle_of_another_office(kit, tmp_path, office_key):
    built = kit.make_bundle(tmp_path, office_key, office_code="MH-007")
    fails(built.path, office_key.public_key(),
          "manifest.json: bundle is for office MH-007, expected DL-042", expected_office="DL-042")


def test_size_in_manifest_differs_from_the_archive(kit, tmp_path, office_key):
    good = kit.make_bundle(tmp_path, office_key, name="good.zip")
    files = [mf.FileEntry(f.path, f.bytes + 1, f.sha256) if f.path == "report.xlsx" else f
             for f in good.manifest.files]
    edited = dataclasses.replace(good.manifest, files=files)
    built = kit.make_bundle(tmp_path, office_key, name="sizes.zip", manifest_bytes=mf.dumps(edited))
    fails(built.path, office_key.public_key(),
          f"report.xlsx: {len(kit.REPORT):,} bytes, the manifest says {len(kit.REPORT) + 1:,}")


def signed_text(kit, tmp_path, office_key, bundle, edit):
    text = edit(bundle.manifest_bytes.decode())
    built = kit.make_bundle(tmp_path, office_key, name="signed.zip", manifest_bytes=text.encode())
    return built.path


def test_signed_manifest_with_duplicate_keys_is_refused(kit, tmp_path, office_key, bundle):
    path = signed_text(kit, tmp_path, office_key, bundle,
                       lambda t: t.replace('"office_code":"DL-042"',
                                           '"office_code":"DL-042","office_code":"MH-007"'))
    fails(path, office_key.public_key(), "manifest.json: duplicate key 'office_code'")


def test_signed_manifest_with_nan_is_refused(kit, tmp_path, office_key, bundle):
    path = signed_text(kit, tmp_path, office_key, bundle,
                       lambda t: t.replace('"seq":1', '"seq":NaN'))
    fails(path, office_key.public_key(), "manifest.json: NaN is not allowed")


def test_oversize_manifest_is_refused_before_it_is_read(kit, tmp_path, office_key, bundle):
    path = signed_text(kit, tmp_path, office_key, bundle, lambda t: t + " " * (1024 * 1024))
    fails(path, office_key.public_key(), f"manifest.json: declared size "
          f"{len(bundle.manifest_bytes) + 1024 * 1024:,} bytes is over the limit of 1 MiB")


def test_signature_of_wrong_length_is_refused(kit, tmp_path, office_key, bundle):
    members = [(n, d[:63] if n == "manifest.sig" else d) for n, d in bundle.members.items()]
    path = kit.write_raw_zip(tmp_path / "short-sig.zip", members)
    fails(path, office_key.public_key(), "manifest.sig: must be exactly 64 bytes, declared 63")


def test_photo_not_named_after_its_content_is_refused(kit, tmp_path, office_key):
    built = kit.make_bundle(tmp_path, office_key, name="ok.zip")
    swapped = {n: (kit.photo_bytes(0) if n == kit.photo_name(kit.photo_bytes(1)) else
                   kit.photo_bytes(1) if n == kit.photo_name(kit.photo_bytes(0)) else d)
               for n, d in built.members.items()}
    path = kit.write_raw_zip(tmp_path / "swapped.zip", list(swapped.items()))
    first = sorted(photos_of(built))[0]
    fails(path, office_key.public_key(), f"{first}: SHA-256 does not match the manifest")


def test_given_key_must_be_an_ed25519_public_key(bundle, office_key):
    with pytest.raises(TypeError):
        verify_bundle(bundle.path, office_key)
