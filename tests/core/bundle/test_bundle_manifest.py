"""The manifest: one canonical serialisation, and a parser that refuses what json.loads allows."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop_app.bundle import manifest as mf
from desktop_app.errors import BundleError
from desktop_app.keys import signing


@pytest.fixture
def manifest(kit, other_key) -> mf.Manifest:
    photo = kit.photo_bytes(1)
    members = {"office.pub.pem": signing.public_key_pem(other_key.public_key()),
               "report.xlsx": kit.REPORT, kit.photo_name(photo): photo}
    return kit.make_manifest(other_key, members, photos_not_included=["ff" * 32, "00" * 32])


def as_json(manifest: mf.Manifest) -> dict:
    return json.loads(mf.dumps(manifest))


def encode(obj) -> bytes:
    return json.dumps(obj).encode("utf-8")  # \u escapes: can carry a lone surrogate


def refused(data: bytes, reason: str) -> None:
    with pytest.raises(BundleError) as caught:
        mf.loads_strict(data)
    assert str(caught.value) == f"manifest.json: {reason}"


def test_dumps_is_canonical_and_round_trips(manifest):
    data = mf.dumps(manifest)
    assert data.endswith(b"}\n") and data.count(b"\n") == 1
    assert b": " not in data and b", " not in data.replace("कार्यालय, Delhi".encode(), b"")
    assert "क्षेत्रीय कार्यालय".encode() in data  # UTF-8, not \u escapes
    obj = json.loads(data)
    assert list(obj) == sorted(obj)
    assert obj["photos_not_included"] == ["00" * 32, "ff" * 32]
    assert [f["path"] for f in obj["files"]] == sorted(f["path"] for f in obj["files"])
    parsed = mf.loads_strict(data)
    assert parsed == manifest
    assert mf.dumps(parsed) == data
    assert parsed.format_version == mf.FORMAT_VERSION == 1
    assert parsed.previous_manifest_sha256 is None and parsed.part == parsed.parts == 1
    assert parsed.referenced_photos == tuple(sorted([*parsed.included_photos, "00" * 32,
                                                     "ff" * 32]))


def test_sha256_hex():
    assert mf.sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")


def test_larger_than_one_mib_is_refused_before_parsing():
    refused(b" " * (1024 * 1024 + 1), "larger than 1 MiB (1,048,577 bytes)")


def test_not_utf8():
    refused(b'{"office_name": "\xff"}', "not valid UTF-8")


def test_not_json():
    refused(b"{nope", "not valid JSON (Expecting property name enclosed in double quotes "
                     "at line 1 column 2)")


@pytest.mark.parametrize("where", ["top", "nested"])
def test_duplicate_keys_are_refused_at_any_depth(manifest, where):
    text = mf.dumps(manifest).decode()
    if where == "top":
        text = text.replace('"seq":1', '"seq":1,"seq":2')
    else:
        text = text.replace('{"bytes":', '{"bytes":1,"bytes":', 1)
    refused(text.encode(), "duplicate key 'seq'" if where == "top" else "duplicate key 'bytes'")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(manifest, constant):
    text = mf.dumps(manifest).decode().replace('"seq":1', f'"seq":{constant}')
    refused(text.encode(), f"{constant} is not allowed")


def test_deep_nesting_is_refused():
    refused(b"[" * 100_000 + b"]" * 100_000,
            "not valid JSON (number too long or nested too deeply)")


@pytest.mark.parametrize(("change", "reason"), [
    ({"format_version": 2}, "format version 2 is not supported (this FieldDesk reads version 1)"),
    ({"format_version": "1"}, "format_version must be an integer"),
    ({"seq": "1"}, "seq must be a whole number, at least 1"),
    ({"seq": True}, "seq must be a whole number, at least 1"),
    ({"seq": 1.0}, "seq must be a whole number, at least 1"),
    ({"seq": 0}, "seq must be a whole number, at least 1"),
    ({"part": 3, "parts": 2}, "part 3 of 2 is not possible"),
    ({"office_code": "../DL"}, "office_code must be 1 to 64 letters, digits, '.', '_' or '-'"),
    ({"office_name": ""}, "office_name must be non-empty text"),
    ({"office_name": "a\nb"}, "office_name contains a control character"),
    ({"office_name": "\ud800"}, "office_name is not valid Unicode text"),
    ({"bundle_id": "not-a-uuid"}, "bundle_id must be a UUID (version 4, lower-case)"),
    ({"created_at": "2026-11-20 10:30"}, "created_at must be a UTC time like 2024-10-31T17:05:00Z"),
    ({"created_at": "2026-02-30T10:30:00Z"}, "created_at '2026-02-30T10:30:00Z' is not a real time"),
    ({"template_sha256": "AB" * 32}, "template_sha256 must be 64 lower-case hex digits"),
    ({"previous_manifest_sha256": "12"}, "previous_manifest_sha256 must be 64 lower-case hex digits"),
    ({"key_fingerprint": "abcd"}, "key_fingerprint must be 16 blocks of 4 upper-case hex digits"),
    ({"counts": {"photos": -1}}, "counts['photos'] must be a whole number, at least 0"),
    ({"counts": []}, "counts must be an object"),
    ({"files": {}}, "files must be a list"),
    ({"photos_not_included": ["ff" * 32, "00" * 32]},
     "photos_not_included must be sorted text without duplicates"),
    ({"photos_not_included": ["00" * 32, "00" * 32]},
     "photos_not_included must be sorted text without duplicates"),
    ({"photos_not_included": ["XY"]}, "photos_not_included entry must be 64 lower-case hex digits"),
])
def test_wrong_values_and_types_are_refused(manifest, change, reason):
    refused(encode({**as_json(manifest), **change}), reason)


def test_missing_and_unknown_fields_are_refused(manifest):
    obj = as_json(manifest)
    del obj["seq"]
    refused(encode(obj), "missing field 'seq'")
    refused(encode({**as_json(manifest), "extra": 1}), "unknown field 'extra'")
    obj = as_json(manifest)
    obj["files"][0]["mode"] = "0755"
    refused(encode(obj), "unknown field 'files[0].mode'")
    refused(encode([1, 2]), "must be a JSON object")


def file_change(manifest, index, **change) -> bytes:
    obj = as_json(manifest)
    obj["files"][index].update(change)
    return encode(obj)


@pytest.mark.parametrize("path", ["../report.xlsx", "/etc/passwd", "manifest.sig", "manifest.json",
                                  "photos/" + "AB" * 32 + ".jpg", "photos/x.jpg", "notes.txt",
                                  "report.xlsx\n"])
def test_file_paths_outside_the_allow_list_are_refused(manifest, path):
    refused(file_change(manifest, 2, path=path), f"file path {path!r} is not allowed")


def test_file_entries_are_checked(manifest):
    report_index = [f.path for f in manifest.files].index("report.xlsx")
    refused(file_change(manifest, report_index, bytes=-1), "size of report.xlsx is negative")
    refused(file_change(manifest, report_index, bytes="10"),
            "size of report.xlsx must be a whole number")
    refused(file_change(manifest, report_index, sha256="AB" * 32),
            "sha256 of report.xlsx must be 64 lower-case hex digits")
    refused(file_change(manifest, report_index, sha256="ab" * 31),
            "sha256 of report.xlsx must be 64 lower-case hex digits")
    photo = manifest.included_photos[0]
    photo_index = [f.path for f in manifest.files].index(f"photos/{photo}.jpg")
    refused(file_change(manifest, photo_index, sha256="cd" * 32),
            f"photos/{photo}.jpg is not named after its SHA-256")
    obj = as_json(manifest)
    obj["files"].append(obj["files"][report_index])
    refused(encode(obj), "report.xlsx is listed twice")
    obj = as_json(manifest)
    del obj["files"][report_index]
    refused(encode(obj), "report.xlsx is not listed in files")
    obj = as_json(manifest)
    obj["photos_not_included"] = sorted([*obj["photos_not_included"], photo])
    refused(encode(obj), f"photo {photo} is both included and listed as not included")


def test_an_invalid_manifest_cannot_even_be_built(manifest):
    with pytest.raises(BundleError, match="seq must be a whole number, at least 1"):
        dataclasses.replace(manifest, seq=0)
