"""The signed campaign file: small, verifiable with stock OpenSSL, and refused with one line
when damaged in any way."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile

import pytest

from desktop_app.campaigns.package import (
    CampaignRefused,
    package_bytes,
    package_name,
    read_package,
)
from desktop_app.domain.templates import canonical_bytes, parse_template
from tests.core.campaigns.kit import shipped


def test_package_holds_the_campaign_signed_and_is_small(hq):
    path = hq.publish(shipped())
    assert path.name == "special-campaign-6-v1.fdcampaign"
    assert path.stat().st_size < 8 * 1024
    package = read_package(path)
    assert package.campaign == parse_template(shipped())
    assert package.signed_by(hq.key.public_key())
    # campaign.json is the canonical template: its SHA-256 is the hash every bundle carries
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == ["campaign.json", "campaign.sig", "hq.pub.pem"]
        payload = zf.read("campaign.json")
    assert payload == canonical_bytes(shipped())
    assert hashlib.sha256(payload).hexdigest() == package.campaign.template_sha256
    assert package_bytes(shipped(), hq.key) == path.read_bytes()  # the same campaign, the same file


def test_stock_openssl_verifies_the_campaign_file(hq, tmp_path):
    """docs/verify.md's recipe, run exactly."""
    path = hq.publish(shipped())
    folder = tmp_path / "c"
    folder.mkdir()
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-q", str(path), "-d", str(folder)], check=True)
    else:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(folder)
    shutil.copyfile(hq.pem, tmp_path / "HQ.pub.pem")
    command = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "../HQ.pub.pem", "-rawin",
               "-in", "campaign.json", "-sigfile", "campaign.sig"]
    ok = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "Signature Verified Successfully" in ok.stdout
    (folder / "campaign.json").write_bytes((folder / "campaign.json").read_bytes()
                                           .replace(b'"version":1', b'"version":9'))
    bad = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "Signature Verification Failure" in bad.stdout + bad.stderr


def _rezip(path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.mark.parametrize("damage, problem", [
    ("truncate", "not a readable ZIP archive"),
    ("not-zip", "not a readable ZIP archive"),
    ("edit-json", "its signature does not match its contents"),
    ("flip-signature", "its signature does not match its contents"),
    ("extra-member", "it must hold exactly campaign.json, campaign.sig and hq.pub.pem"),
    ("missing-member", "it must hold exactly campaign.json, campaign.sig and hq.pub.pem"),
    ("not-a-key", "hq.pub.pem: not a PEM public key"),
    ("bad-template", "campaign.json: indicators[0].unit: 'kg' is not one of"),
    ("not-canonical", "not in canonical form"),
    ("huge", "larger than 1024 KB"),
])
def test_a_damaged_file_is_refused_with_one_line(hq, tmp_path, damage, problem):
    path = hq.publish(shipped())
    members = _members(path)
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:-40])
    elif damage == "not-zip":
        path.write_bytes(b"{}")
    elif damage == "edit-json":
        members["campaign.json"] = members["campaign.json"].replace("लोक".encode(), "लोग".encode())
        _rezip(path, members)
    elif damage == "flip-signature":
        sig = bytearray(members["campaign.sig"])
        sig[5] ^= 1
        members["campaign.sig"] = bytes(sig)
        _rezip(path, members)
    elif damage == "extra-member":
        members["readme.txt"] = b"hello"
        _rezip(path, members)
    elif damage == "missing-member":
        del members["campaign.sig"]
        _rezip(path, members)
    elif damage == "not-a-key":
        members["hq.pub.pem"] = b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
        _rezip(path, members)
    elif damage in ("bad-template", "not-canonical"):
        from desktop_app.keys import signing

        data = shipped()
        if damage == "bad-template":
            data["indicators"][0]["unit"] = "kg"
            payload = canonical_bytes(data)
        else:
            payload = json.dumps(data, indent=1, ensure_ascii=False).encode()
        members["campaign.json"] = payload
        members["campaign.sig"] = signing.sign(hq.key, payload)  # signed: but not a campaign
        _rezip(path, members)
    elif damage == "huge":
        path.write_bytes(path.read_bytes() + b"\0" * (1 << 20))
    with pytest.raises(CampaignRefused) as err:
        read_package(path)
    text = str(err.value)
    assert text.startswith(f"{path.name} is damaged or is not a campaign file from headquarters (")
    assert problem in text
    assert text.endswith("Nothing was changed.") and "\n" not in text


def test_a_member_that_inflates_past_its_limit_is_refused(hq, tmp_path):
    """The header may lie about sizes: the read is capped anyway."""
    path = hq.publish(shipped())
    members = _members(path)
    members["campaign.json"] = b" " * (5 << 20)
    _rezip(path, members)
    assert path.stat().st_size < 64 * 1024
    with pytest.raises(CampaignRefused, match="campaign.json is too large"):
        read_package(path)


def test_package_name():
    assert package_name("special-campaign-7", 3) == "special-campaign-7-v3.fdcampaign"
