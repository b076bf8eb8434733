"""Seq and hash chain (replay, older, fork, gap), all-or-nothing on Cancel, Ctrl+C and a
failing transaction, and imports from several threads and HQ objects at once."""

from __future__ import annotations

import threading
import uuid

import pytest
import sqlalchemy as sa

from desktop_app.bundle.manifest import loads_strict, sha256_hex
from desktop_app.errors import Cancelled
from desktop_app.hq.database import open_hq
from desktop_app.hq.importer import ACCEPTED, ALREADY_IMPORTED, ImportFailed, import_bundle
from desktop_app.hq.store import keys


def manifest_of(hqkit, path):
    return loads_strict(dict(hqkit.read_members(path))["manifest.json"])


def state(hq, office="DL-001"):
    with hq.store.read() as conn:
        return conn.execute(sa.text("SELECT seq, manifest_sha256, flags FROM office_campaign "
                                    "WHERE office_code = :office"), {"office": office}).first()


# --- replay and order -------------------------------------------------------------------------


def test_replay_of_an_accepted_bundle_changes_nothing(hq, hqkit, world, tmp_path):
    first = import_bundle(hq, world.dl.bundles[1])
    assert first.status == ACCEPTED and first.changed
    assert first.rows["scrap"] == 41 and first.photos_stored == 2
    before, logged = hqkit.snapshot(hq), len(hqkit.log_rows(hq))
    again = import_bundle(hq, world.dl.bundles[1])
    assert again.status == ALREADY_IMPORTED and again.accepted and not again.changed
    assert again.reason.startswith("already imported") and "nothing changed" in again.reason
    assert (again.office_code, again.campaign_id, again.seq) == ("DL-001", "special-campaign-6", 1)
    assert again.bundle_sha256 == first.bundle_sha256
    assert again.manifest_sha256 == first.manifest_sha256
    # the same manifest in a re-zipped file (another file hash) is recognised as well
    rezipped = hqkit.rebuild(world.dl.bundles[1], tmp_path / "copy.zip")
    assert rezipped.read_bytes() != world.dl.bundles[1].read_bytes()
    third = import_bundle(hq, rezipped)
    assert third.status == ALREADY_IMPORTED and "seq 1" in third.reason
    assert hqkit.snapshot(hq) == before
    rows = hqkit.log_rows(hq)
    assert len(rows) == logged + 2 and {r["result"] for r in rows[-2:]} == {"unchanged"}


def test_an_older_seq_after_a_newer_one_is_refused(hq, hqkit, world):
    assert import_bundle(hq, world.dl.bundles[2]).status == ACCEPTED
    hqkit.assert_rejected(hq, world.dl.bundles[1], "older than the last accepted bundle (seq 2)")
    assert state(hq)[0] == 2


def test_a_fork_with_the_same_seq_is_refused(hq, hqkit, world, tmp_path):
    """The office restored a backup and exported seq 2 again, with other contents."""
    for seq in (1, 2):
        assert import_bundle(hq, world.dl.bundles[seq]).status == ACCEPTED
    other = hqkit.rebuild(world.dl.bundles[2], tmp_path / "fork.zip",
                          private_key=world.dl.private_key, bundle_id=str(uuid.uuid4()))
    hqkit.assert_rejected(hq, other, "fork: seq 2 was already accepted with different contents")


def test_a_fork_from_an_older_bundle_is_refused(hq, hqkit, world, tmp_path):
    """Seq 4 claims to follow seq 2, but seq 3 was accepted after seq 2."""
    for seq in (1, 2, 3):
        assert import_bundle(hq, world.dl.bundles[seq]).status == ACCEPTED
    seq2 = sha256_hex(dict(hqkit.read_members(world.dl.bundles[2]))["manifest.json"])
    fork = hqkit.rebuild(world.dl.bundles[3], tmp_path / "fork4.zip",
                         private_key=world.dl.private_key, seq=4, previous_manifest_sha256=seq2)
    hqkit.assert_rejected(hq, fork, "fork: it follows seq 2, but seq 3 was accepted after that")


def test_a_gap_is_accepted_and_flagged(hq, hqkit, world):
    assert import_bundle(hq, world.dl.bundles[1]).status == ACCEPTED
    jumped = import_bundle(hq, world.dl.bundles[3])
    assert jumped.status == ACCEPTED
    assert jumped.flags == ("gap: seq 2 never arrived",)
    assert "flagged: gap: seq 2 never arrived" in jumped.line()
    assert state(hq)[0] == 3 and state(hq)[2] == "gap: seq 2 never arrived"
    assert hqkit.log_rows(hq)[-1]["flags"] == "gap: seq 2 never arrived"
    # the missing one arrives late: older, refused; the state stays at seq 3
    hqkit.assert_rejected(hq, world.dl.bundles[2], "older than the last accepted bundle (seq 3)")


def test_a_first_bundle_after_seq_1_is_flagged(hq, world):
    outcome = import_bundle(hq, world.mh.bundles[3])
    assert outcome.status == ACCEPTED
    assert outcome.flags == ("gap: the first bundle received is seq 3 (seq 1 to 2 never "
                             "arrived)",)


def test_a_clean_chain_has_no_flags(hq, world):
    for seq in (1, 2, 3):
        outcome = import_bundle(hq, world.mh.bundles[seq])
        assert outcome.status == ACCEPTED and outcome.flags == ()


# --- all or nothing -----------------------------------------------------------------------------


def test_cancel_during_the_photos_leaves_everything_as_it_was(hq, hqkit, world):
    before, logged = hqkit.snapshot(hq), len(hqkit.log_rows(hq))
    stage = {"text": ""}

    def progress(done, total, text):
        assert 0 <= done <= total
        stage["text"] = text

    with pytest.raises(Cancelled):
        import_bundle(hq, world.dl.bundles[1], progress=progress,
                         cancelled=lambda: stage["text"] == "Copying photos")
    assert hqkit.snapshot(hq) == before
    assert len(hqkit.log_rows(hq)) == logged  # the database exactly as before
    assert import_bundle(hq, world.dl.bundles[1]).status == ACCEPTED


def test_ctrl_c_while_copying_photos_leaves_everything_as_it_was(hq, hqkit, world):
    before, logged = hqkit.snapshot(hq), len(hqkit.log_rows(hq))
    calls = {"n": 0}

    def progress(done, total, text):
        if text == "Copying photos" and done:
            calls["n"] += 1
            if calls["n"] == 2:  # the first photo is in the store by now
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_bundle(hq, world.dl.bundles[1], progress=progress)
    assert hqkit.snapshot(hq) == before
    assert len(hqkit.log_rows(hq)) == logged
    assert not [p for p in hq.folder.photos.rglob("*") if p.is_file()]


def test_a_failure_inside_the_transaction_rolls_everything_back(hq, hqkit, world):
    hqkit.fail_accepted_log_rows(hq, True)
    before = hqkit.snapshot(hq)
    with pytest.raises(ImportFailed, match="headquarters could not import it: disk trouble"):
        import_bundle(hq, world.dl.bundles[1])
    assert hqkit.snapshot(hq) == before
    assert not [p for p in hq.folder.photos.rglob("*") if p.is_file()]
    assert "disk trouble" in (hq.folder.logs / "import-failures.log").read_text()
    hqkit.fail_accepted_log_rows(hq, False)
    assert import_bundle(hq, world.dl.bundles[1]).status == ACCEPTED


def test_state_is_replaced_not_merged(hq, hqkit, world):
    """A record deleted at the office disappears at headquarters with the next bundle."""
    assert import_bundle(hq, world.ka.bundles[1]).status == ACCEPTED
    assert import_bundle(hq, world.ka.bundles[2]).status == ACCEPTED
    [(count,)] = hqkit.rows(hq, "SELECT count(*) FROM st_scrap WHERE office_code = 'KA-003'")
    assert count == len(world.ka.store.scrap.list(world.ka.campaign.id))
    assert hqkit.rows(hq, "SELECT count(*) FROM bundle WHERE office_code = 'KA-003'") == [(2,)]


# --- threads and processes ------------------------------------------------------------------


def test_imports_from_several_threads_are_serialised(hq, hqkit, world, tmp_path):
    second = open_hq(hq.folder.root)  # e.g. the upload receiver beside the CLI
    jobs = [(hq, world.dl.bundles[1]), (second, world.mh.bundles[1]),
            (hq, world.ka.bundles[1]), (second, world.sw.bundles[1])]
    results = {}

    def run(owner, path):
        results[path.name] = import_bundle(owner, path, source="thread")

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    second.close()
    assert {o.status for o in results.values()} == {ACCEPTED}, results
    assert hqkit.rows(hq, "SELECT count(*) FROM office_campaign") == [(4,)]


def test_a_busy_office_times_out_with_a_clear_message(hq, hqkit, world):
    """Another transaction holds what the import's write must wait for (PostgreSQL: the
    office's row, as a key change or an import of the same office does; SQLite: its one write
    lock): after *lock_timeout*, one line, nothing written; then it goes through."""
    before = hqkit.snapshot(hq)
    with hq.store.write() as conn:
        keys.lock_office(conn, "DL-001")
        with pytest.raises(ImportFailed) as caught:
            import_bundle(hq, world.dl.bundles[1], lock_timeout=0.2)
    message = str(caught.value)
    assert "busy" in message and "try again" in message and "\n" not in message
    assert hqkit.snapshot(hq) == before
    assert import_bundle(hq, world.dl.bundles[1]).status == ACCEPTED


def test_a_file_that_cannot_be_read(hq, hqkit, tmp_path):
    missing = tmp_path / "gone.zip"
    outcome = import_bundle(hq, missing)
    assert outcome.status == "rejected" and "cannot read the file" in outcome.reason


def test_outcome_carries_what_a_receipt_needs(hq, world, hqkit):
    outcome = import_bundle(hq, world.sw.bundles[1], file_name="upload-1.zip", source="upload")
    data = outcome.to_json()
    assert data["status"] == "accepted" and data["accepted"] is True
    assert data["office_code"] == "SW-005" and data["campaign_id"] == "swachhata-drive-2026"
    assert data["seq"] == 1 and len(data["bundle_sha256"]) == 64
    assert data["file_name"] == "upload-1.zip"
    assert data["manifest_sha256"] == sha256_hex(
        dict(hqkit.read_members(world.sw.bundles[1]))["manifest.json"])
    assert hqkit.log_rows(hq)[-1]["source"] == "upload"
    assert manifest_of(hqkit, world.sw.bundles[1]).office_code == "SW-005"
