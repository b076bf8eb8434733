"""Every attack and fault on ``hq import``: each rejected with its reason, nothing written.

"Nothing written" = every table but the import log and every file of the photo store
exactly as before; the import log gained exactly the one row of this attempt.
"""

from __future__ import annotations

import shutil
import stat
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.bundle.archive import MANIFEST_NAME
from desktop_app.hq.importer import ACCEPTED, import_bundle
from desktop_app.hq.registry import register_key, revoke_key
from desktop_app.keys import signing


@pytest.fixture
def dl1(world, tmp_path):
    """A copy of DL-001's first bundle (report, public key and two photos)."""
    src = world.dl.bundles[1]
    return shutil.copy(src, tmp_path / src.name)


def member_names(path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


# --- bytes changed in transit -------------------------------------------------------------


def test_flipped_byte_in_each_member_is_rejected(hq, hqkit, world, tmp_path):
    """A bit changed in transit (the CRC-32 sees it): damage, whichever member it hit."""
    names = member_names(world.dl.bundles[1])
    assert len([n for n in names if n.startswith("photos/")]) == 2
    for i, name in enumerate(names):
        bad = shutil.copy(world.dl.bundles[1], tmp_path / f"flipped-{i}.zip")
        hqkit.flip_byte(bad, name, index=20)
        hqkit.assert_rejected(hq, bad, f"{name}: damaged in the archive (CRC-32 does not match)")
    # and the bundle itself is fine
    assert import_bundle(hq, world.dl.bundles[1]).status == ACCEPTED


def test_workbook_with_an_altered_typed_sheet_is_rejected(hq, hqkit, world, tmp_path):
    """Someone edits the scrap sheet (revenue x10) but cannot sign: the hash gives it away."""
    members = dict(hqkit.read_members(world.dl.bundles[1]))

    def tenfold(book):
        ws = book["scrap"]
        ws.cell(row=2, column=10).value = ws.cell(row=2, column=10).value * 10

    report = hqkit.edit_workbook(members["report.xlsx"], tenfold)
    bad = hqkit.rebuild(world.dl.bundles[1], tmp_path / "edited.zip",
                        replace={"report.xlsx": report})
    outcome = hqkit.assert_rejected(hq, bad, "report.xlsx: ")
    assert "the manifest says" in outcome.reason or "SHA-256 does not match" in outcome.reason


# --- who signed it ---------------------------------------------------------------------------


def test_manifest_edited_and_signed_with_another_offices_key(hq, hqkit, world, tmp_path):
    bad = hqkit.rebuild(world.dl.bundles[1], tmp_path / "forged.zip",
                        private_key=world.mh.private_key, office_name="Forged office")
    hqkit.assert_rejected(hq, bad, "manifest.sig: signature does not match the key for "
                                   "office DL-001")


def test_bundle_of_office_a_claimed_for_office_b(hq, hqkit, world, tmp_path):
    """The manifest now says MH-002 (signed by DL-001, or not re-signed at all)."""
    resigned = hqkit.rebuild(world.dl.bundles[1], tmp_path / "as-b.zip",
                             private_key=world.dl.private_key, office_code="MH-002")
    hqkit.assert_rejected(hq, resigned, "signature does not match the key for office MH-002")
    members = dict(hqkit.read_members(world.dl.bundles[1]))
    text = members[MANIFEST_NAME].replace(b'"office_code":"DL-001"', b'"office_code":"MH-002"')
    assert text != members[MANIFEST_NAME]
    edited = hqkit.rebuild(world.dl.bundles[1], tmp_path / "as-b-unsigned.zip",
                           replace={MANIFEST_NAME: text})
    hqkit.assert_rejected(hq, edited, "signature does not match the key for office MH-002")


def test_valid_bundle_of_office_a_renamed_as_office_b(hq, hqkit, world, tmp_path):
    renamed = tmp_path / "MH-002-special-campaign-6-1-20261120.zip"
    shutil.copy(world.dl.bundles[1], renamed)
    hqkit.assert_rejected(hq, renamed, "it is office DL-001's bundle special-campaign-6 seq 1: "
                                       "a renamed file is refused")
    # a name that is not a bundle name (an upload, a download copy) is not compared
    upload = shutil.copy(world.dl.bundles[1], tmp_path / "upload-7f3a.bin")
    assert import_bundle(hq, upload).office_code == "DL-001"


def test_unregistered_office_is_refused(hq, hqkit, world):
    hqkit.assert_rejected(hq, world.up.bundles[1], "office UP-004 is not registered at "
                                                   "headquarters")


def test_never_the_key_inside_the_bundle(hq, hqkit, world, tmp_path):
    """An attacker signs with their own key and ships its public key inside: still refused."""
    attacker = Ed25519PrivateKey.generate()
    pem = signing.public_key_pem(attacker.public_key())
    bad = hqkit.rebuild(world.dl.bundles[1], tmp_path / "own-key.zip", private_key=attacker,
                        replace={"office.pub.pem": pem},
                        key_fingerprint=signing.fingerprint(attacker))
    outcome = hqkit.assert_rejected(hq, bad, "signature does not match the key for office DL-001")
    assert "which headquarters does not know; if the office replaced its key" in outcome.reason


def test_bundle_signed_by_a_replaced_key_is_refused(hq, hqkit, world, tmp_path):
    new_key = Ed25519PrivateKey.generate()
    register_key(hq, signing.public_key_pem(new_key.public_key()), "DL-001", replace=True,
                 reason="PC replaced")
    hqkit.assert_rejected(hq, world.dl.bundles[1], "signed with office DL-001's replaced key")


def test_bundle_signed_by_a_revoked_key_is_refused(hq, hqkit, world):
    revoke_key(hq, "DL-001", reason="laptop stolen")
    outcome = hqkit.assert_rejected(hq, world.dl.bundles[1], "office DL-001's key was revoked")
    assert "laptop stolen" in outcome.reason


# --- hostile archives ----------------------------------------------------------------------


def _members_with(world, extra):
    return [*[(n, d) for n, d in _good_members(world)], *extra]


def _good_members(world):
    import zipfile as z

    with z.ZipFile(world.dl.bundles[1]) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


@pytest.mark.parametrize("name, reason", [
    ("../evil.jpg", "'..' in path"),
    ("photos/../../etc/cron.d/x", "'..' in path"),
    ("/etc/passwd", "absolute path"),
    ("C:/Windows/evil.dll", "absolute path"),
])
def test_zip_slip_is_refused(hq, hqkit, world, tmp_path, name, reason):
    bad = hqkit.write_raw_zip(tmp_path / "slip.zip", _members_with(world, [(name, b"x")]))
    hqkit.assert_rejected(hq, bad, reason)


def test_symlink_member_is_refused(hq, hqkit, world, tmp_path):
    link = zipfile.ZipInfo("photos/" + "a" * 64 + ".jpg")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    bad = hqkit.write_raw_zip(tmp_path / "link.zip", _members_with(world, [(link, b"/etc/shadow")]))
    hqkit.assert_rejected(hq, bad, "is a symbolic link")


def test_duplicate_member_names_are_refused(hq, hqkit, world, tmp_path):
    bad = hqkit.write_raw_zip(tmp_path / "dup.zip",
                              _members_with(world, [("report.xlsx", b"second workbook")]))
    hqkit.assert_rejected(hq, bad, "duplicate member 'report.xlsx'")
    upper = hqkit.write_raw_zip(tmp_path / "case.zip",
                                _members_with(world, [("REPORT.xlsx", b"second workbook")]))
    hqkit.assert_rejected(hq, upper, "collide when case and Unicode form are ignored")


def test_zip_bomb_high_ratio_is_refused(hq, hqkit, world, tmp_path):
    bomb = ("photos/" + "b" * 64 + ".jpg", b"\0" * (20 << 20))
    bad = hqkit.write_raw_zip(tmp_path / "bomb.zip", _members_with(world, [bomb]),
                              compression=zipfile.ZIP_DEFLATED)
    hqkit.assert_rejected(hq, bad, "when decompressed, at most 100:1 allowed")


def test_zip_bomb_huge_declared_size_is_refused(hq, hqkit, world, tmp_path):
    bad = shutil.copy(world.dl.bundles[1], tmp_path / "huge.zip")
    photo = next(n for n in member_names(bad) if n.startswith("photos/"))
    hqkit.patch_declared_size(bad, photo, 3_000_000_000)
    hqkit.assert_rejected(hq, bad, "declared size 3,000,000,000 bytes is over the limit of "
                                   "25 MiB")


def test_truncated_zip_is_refused(hq, hqkit, world, tmp_path):
    data = world.dl.bundles[1].read_bytes()
    for cut in (len(data) // 2, len(data) - 10):
        bad = tmp_path / f"cut-{cut}.zip"
        bad.write_bytes(data[:cut])
        hqkit.assert_rejected(hq, bad, "archive: not a complete bundle archive")


def test_not_a_zip_is_refused(hq, hqkit, tmp_path):
    for i, content in enumerate((b"", b"hello, headquarters\n", b"%PDF-1.7\n" + b"x" * 5000)):
        bad = tmp_path / f"not-{i}.zip"
        bad.write_bytes(content)
        hqkit.assert_rejected(hq, bad, "archive: not a complete bundle archive")


def test_bytes_appended_or_prepended_are_refused(hq, hqkit, world, tmp_path):
    data = world.dl.bundles[1].read_bytes()
    after = tmp_path / "after.zip"
    after.write_bytes(data + b"<script>")
    hqkit.assert_rejected(hq, after, "unexpected bytes after the end of the archive")
    before = tmp_path / "before.zip"
    before.write_bytes(b"MZ" + data)
    hqkit.assert_rejected(hq, before, "archive: ")


def test_unlisted_and_missing_members_are_refused(hq, hqkit, world, tmp_path):
    extra = hqkit.rebuild(world.dl.bundles[1], tmp_path / "extra.zip",
                          add={"photos/" + "c" * 64 + ".jpg": b"smuggled"})
    hqkit.assert_rejected(hq, extra, "in the bundle but not listed in the manifest")
    photo = next(n for n in member_names(world.dl.bundles[1]) if n.startswith("photos/"))
    missing = hqkit.rebuild(world.dl.bundles[1], tmp_path / "missing.zip", drop=(photo,))
    hqkit.assert_rejected(hq, missing, "listed in the manifest but missing from the bundle")


# --- signed by the office, but the rows are wrong --------------------------------------------


def _resigned_with_report(hqkit, world, tmp_path, name, report):
    return hqkit.rebuild(world.dl.bundles[1], tmp_path / name, private_key=world.dl.private_key,
                         replace={"report.xlsx": report})


def test_typed_sheet_with_a_bad_row_is_rejected_by_validation(hq, hqkit, world, tmp_path):
    report = dict(hqkit.read_members(world.dl.bundles[1]))["report.xlsx"]

    def gold(book):
        book["scrap"].cell(row=3, column=4).value = "gold"

    bad = _resigned_with_report(hqkit, world, tmp_path, "gold.zip",
                                hqkit.edit_workbook(report, gold))
    hqkit.assert_rejected(hq, bad, "report.xlsx: sheet scrap, row 3, category: 'gold' is not "
                                   "one of e-waste")

    def negative(book):
        book["events"].cell(row=2, column=6).value = -5

    bad = _resigned_with_report(hqkit, world, tmp_path, "negative.zip",
                                hqkit.edit_workbook(report, negative))
    hqkit.assert_rejected(hq, bad, "sheet events, row 2, participants: -5 is negative")

    def text_date(book):
        book["progress"].cell(row=4, column=3).value = "yesterday"

    bad = _resigned_with_report(hqkit, world, tmp_path, "date.zip",
                                hqkit.edit_workbook(report, text_date))
    hqkit.assert_rejected(hq, bad, "sheet progress, row 4: entry_date: expected a date")

    def unknown_indicator(book):
        book["targets"].cell(row=2, column=2).value = "invented_indicator"

    bad = _resigned_with_report(hqkit, world, tmp_path, "indicator.zip",
                                hqkit.edit_workbook(report, unknown_indicator))
    hqkit.assert_rejected(hq, bad, "'invented_indicator' is not an indicator of campaign "
                                   "special-campaign-6")

    def dangling_photo(book):
        book["photos"].cell(row=2, column=4).value = "no-such-site"

    bad = _resigned_with_report(hqkit, world, tmp_path, "photo.zip",
                                hqkit.edit_workbook(report, dangling_photo))
    hqkit.assert_rejected(hq, bad, "sheet photos, row 2, target_id: no site with id "
                                   "no-such-site")

    def extra_row(book):
        ws = book["events"]
        ws.append(["a-new-id"] + [c.value for c in ws[2]][1:])

    bad = _resigned_with_report(hqkit, world, tmp_path, "count.zip",
                                hqkit.edit_workbook(report, extra_row))
    hqkit.assert_rejected(hq, bad, "report.xlsx: sheet events has 12 rows, the manifest says 11")

    def renamed_column(book):
        book["sites"].cell(row=1, column=6).value = "state"

    bad = _resigned_with_report(hqkit, world, tmp_path, "header.zip",
                                hqkit.edit_workbook(report, renamed_column))
    hqkit.assert_rejected(hq, bad, "sheet sites: header row is")


def test_workbook_with_an_entity_bomb_is_refused_before_parsing(hq, hqkit, world, tmp_path):
    report = dict(hqkit.read_members(world.dl.bundles[1]))["report.xlsx"]
    part = hqkit.sheet_part(report, "targets")
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    dtd = f'<!DOCTYPE worksheet [<!ENTITY l0 "lol">{lol}]>'.encode()
    bombed = hqkit.edit_part(report, part, lambda xml: xml.replace(b"<worksheet", dtd
                                                                    + b"<worksheet", 1))
    bad = _resigned_with_report(hqkit, world, tmp_path, "laughs.zip", bombed)
    hqkit.assert_rejected(hq, bad, "has a document type declaration (DTD)")


def test_workbook_that_is_not_a_workbook(hq, hqkit, world, tmp_path):
    bad = _resigned_with_report(hqkit, world, tmp_path, "junk.zip", b"not a workbook at all")
    hqkit.assert_rejected(hq, bad, "report.xlsx: not a readable workbook")
