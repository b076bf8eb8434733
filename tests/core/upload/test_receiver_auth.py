"""Only registered offices put bytes on headquarters' disk: every refusal comes before a byte.

Creation requests that are unsigned, signed with the wrong key, from an unknown or
revoked office, replayed, stale or too large are refused with a clear status and reason,
and leave the upload folder empty; a PATCH signed by another office is refused before
its body is read (docs/decisions/0001 #3).
"""

from __future__ import annotations

import hashlib

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.hq.registry import revoke_key
from desktop_app.keys import signing
from desktop_app.upload.client import Refused, TusClient
from desktop_app.upload_protocol import (
    REASON_HEADER,
    b64,
    create_message,
    encode_metadata,
    new_nonce,
    signed_request_headers,
    unix_now,
)

SIZE = 50_000
SHA = hashlib.sha256(b"x" * SIZE).hexdigest()


def creation_headers(office: str, key, *, size: int = SIZE, sha: str = SHA, ts: int | None = None,
                     nonce: str | None = None, drop: tuple[str, ...] = ()) -> dict[str, str]:
    ts = unix_now() if ts is None else ts
    nonce = nonce or new_nonce()
    meta = {"office": office, "sha256": sha, "ts": str(ts), "nonce": nonce,
            "sig": b64(key.sign(create_message(office, size, sha, ts, nonce)))}
    for name in drop:
        meta.pop(name)
    return {"Tus-Resumable": "1.0.0", "Upload-Length": str(size),
            "Upload-Metadata": encode_metadata(meta)}


def partial_files(hq_site) -> list:
    return sorted(p.name for p in (hq_site.root / "uploads" / "partial").iterdir())


@pytest.fixture
def office_key(make_office):
    office = make_office("MH-PUNE-01")
    return signing.load_private_key(office.folder.keys)


def post(url: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{url}/files/", headers=headers, timeout=10)


def test_a_signed_request_creates_an_upload_with_only_our_fields(hq_site, office_key):
    site = hq_site.serve()
    response = post(site.url, creation_headers("MH-PUNE-01", office_key))
    assert response.status_code == 201, response.text
    assert response.headers["Location"].startswith("./")  # relative: right under any prefix
    assert response.headers["Tus-Resumable"] == "1.0.0" and response.headers["Upload-Expires"]
    assert len(partial_files(hq_site)) == 1  # empty until the first PATCH
    # docs/decisions/0001 #8: HEAD needs no filename/filetype metadata, only the office's signature.
    upload_id = response.headers["Location"][2:]
    head = httpx.head(f"{site.url}/files/{upload_id}", timeout=10, headers={
        "Tus-Resumable": "1.0.0",
        **signed_request_headers(office_key, "HEAD", "MH-PUNE-01", upload_id)})
    assert head.status_code == 200 and head.headers["Upload-Offset"] == "0"
    assert head.headers["Upload-Length"] == str(SIZE)
    options = httpx.options(f"{site.url}/files/", timeout=10)
    assert options.status_code == 204 and "creation" in options.headers["Tus-Extension"]


@pytest.mark.parametrize(("case", "status", "words"), [
    ("unsigned", 401, "unsigned"),
    ("wrong key", 403, "signature does not match"),
    ("unknown office", 403, "no active key"),
    ("stale", 401, "stale"),
    ("future", 401, "stale"),
    ("oversized", 413, "limit"),
    ("no version", 412, "Tus-Resumable"),
])
def test_bad_creation_requests_are_refused_before_any_byte(hq_site, office_key, case, status, words):
    site = hq_site.serve(max_upload_bytes=SIZE)
    headers = {
        "unsigned": lambda: creation_headers("MH-PUNE-01", office_key, drop=("sig", "nonce")),
        "wrong key": lambda: creation_headers("MH-PUNE-01", Ed25519PrivateKey.generate()),
        "unknown office": lambda: creation_headers("GJ-SURAT-09", office_key),
        "stale": lambda: creation_headers("MH-PUNE-01", office_key, ts=unix_now() - 11 * 60),
        "future": lambda: creation_headers("MH-PUNE-01", office_key, ts=unix_now() + 11 * 60),
        "oversized": lambda: creation_headers("MH-PUNE-01", office_key, size=SIZE + 1),
        "no version": lambda: {k: v for k, v in creation_headers("MH-PUNE-01", office_key).items()
                               if k != "Tus-Resumable"},
    }[case]()
    response = post(site.url, headers)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]
    assert words.split()[0] in response.headers[REASON_HEADER]
    assert partial_files(hq_site) == []


def test_a_replayed_request_is_refused(hq_site, office_key):
    site = hq_site.serve()
    headers = creation_headers("MH-PUNE-01", office_key)
    assert post(site.url, headers).status_code == 201
    before = partial_files(hq_site)
    replay = post(site.url, headers)
    assert replay.status_code == 409 and "replayed" in replay.json()["detail"]
    assert partial_files(hq_site) == before


def test_a_revoked_key_is_refused_at_once(hq_site, office_key):
    site = hq_site.serve()
    created = post(site.url, creation_headers("MH-PUNE-01", office_key))
    assert created.status_code == 201
    revoke_key(hq_site.hq, "MH-PUNE-01", reason="PC stolen")
    refused = post(site.url, creation_headers("MH-PUNE-01", office_key, sha="ab" * 32))
    assert refused.status_code == 403 and "revoked" in refused.json()["detail"]
    # The upload begun before the revocation cannot be written to either.
    client = TusClient(site.url, "MH-PUNE-01", office_key)
    url = f"{site.url}/files/{created.headers['Location'][2:]}"
    with pytest.raises(Refused) as caught:
        client.head(url)
    assert caught.value.status == 403
    client.close()


def test_per_office_quota_and_open_upload_limits(hq_site, office_key):
    site = hq_site.serve(office_quota_bytes=2 * SIZE + 10, office_max_open_uploads=3)
    for i in range(2):
        assert post(site.url, creation_headers("MH-PUNE-01", office_key,
                                               sha=f"{i:02d}" * 32)).status_code == 201
    over = post(site.url, creation_headers("MH-PUNE-01", office_key, sha="cc" * 32))
    assert over.status_code == 413 and "quota" in over.json()["detail"]
    # A second receiver on the same folder, with a lower count limit.
    small = hq_site.serve(office_quota_bytes=100 * SIZE, office_max_open_uploads=2)
    refused = post(small.url, creation_headers("MH-PUNE-01", office_key, sha="dd" * 32))
    assert refused.status_code == 429 and "unfinished uploads" in refused.json()["detail"]
    assert len(partial_files(hq_site)) == 2


def test_a_patch_from_another_office_is_refused_before_its_body(hq_site, make_office, tmp_path):
    site = hq_site.serve()
    pune = make_office("MH-PUNE-01")
    delhi = make_office("DL-042")
    bundle = next(pune.folder.exports.glob("*.zip"))
    size = bundle.stat().st_size
    sha = hashlib.sha256(bundle.read_bytes()).hexdigest()
    owner = TusClient(site.url, "MH-PUNE-01", signing.load_private_key(pune.folder.keys),
                      chunk_size=8192)
    created = owner.create(size=size, sha256=sha, file_name=bundle.name, campaign_id="c")
    partial = hq_site.root / "uploads" / "partial" / f"{created.url.rsplit('/', 1)[1]}.part"

    intruders = [
        TusClient(site.url, "DL-042", signing.load_private_key(delhi.folder.keys)),  # another office
        TusClient(site.url, "MH-PUNE-01", signing.load_private_key(delhi.folder.keys)),  # posing
        TusClient(site.url, "MH-PUNE-01", Ed25519PrivateKey.generate()),  # a stranger's key
    ]
    for intruder in intruders:
        with pytest.raises(Refused) as caught:
            intruder.patch(created.url, bundle, 0, size)
        assert caught.value.status in (401, 403)
        assert partial.stat().st_size == 0
        intruder.close()
    # Unsigned: no FieldDesk headers at all.
    bare = httpx.patch(created.url, content=b"z" * 1000, timeout=10, headers={
        "Tus-Resumable": "1.0.0", "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream"})
    assert bare.status_code == 401 and partial.stat().st_size == 0
    # The owner is unaffected.
    offset, _ = owner.patch(created.url, bundle, 0, size)
    assert offset == 8192 and partial.stat().st_size == 8192
    owner.close()
