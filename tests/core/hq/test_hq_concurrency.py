"""Imports at the same time, on both back-ends: two bundles of one office (seq 5 and 6) whose
checks overlap, the same bundle delivered twice at once, and a key revoked while a bundle of
that office is being verified. Each import checks without a lock, then locks the office's row
and checks again inside its transaction (hq/importer.py): these tests hold imports at chosen
moments (their progress callback, or their verdict inside the transaction) to make the
overlaps happen, not hope for them."""

from __future__ import annotations

import threading
import time

import pytest

from desktop_app.hq import registry
from desktop_app.hq.importer import ACCEPTED, ALREADY_IMPORTED, REJECTED, import_bundle
from desktop_app.hq.store import keys

WAIT = 30  # seconds: every wait below is bounded


@pytest.fixture(scope="module")
def rj(tmp_path_factory, hqkit):
    """Office RJ-006 and its bundles seq 1 to 6 (each carries the whole state)."""
    office = hqkit.new_office(tmp_path_factory.mktemp("rj"), "RJ-006", "Field Office, Jaipur")
    for n in range(1, 7):
        office.add_work(20 + n)
        office.export()
    yield office
    office.close()


@pytest.fixture
def rj_hq(tmp_path, hqkit, hq_db, rj):
    """A headquarters on each back-end with RJ-006 registered and seq 1 to 4 imported."""
    hq = hqkit.new_hq(tmp_path / "hq", hq_db)
    registry.register_key(hq, rj.pem, "RJ-006")
    for seq in range(1, 5):
        assert import_bundle(hq, rj.bundles[seq]).status == ACCEPTED
    yield hq
    hq.close()


class Import(threading.Thread):
    """``import_bundle`` on a thread of its own; ``outcome`` when done."""

    def __init__(self, hq, path, **kwargs):
        super().__init__(daemon=True)
        self.hq, self.path, self.kwargs = hq, path, kwargs
        self.outcome = self.error = None

    def run(self) -> None:
        try:
            self.outcome = import_bundle(self.hq, self.path, **self.kwargs)
        except BaseException as exc:  # the test asserts on it
            self.error = exc


def pause_at(text: str, reached: threading.Event, go: threading.Event):
    """A progress callback that, the first time the import says *text*, signals and waits."""
    def progress(_done, _total, said):
        if said == text and not reached.is_set():
            reached.set()
            assert go.wait(WAIT)
    return progress


def test_seq_5_and_6_racing_are_serialised_on_the_office_and_rechecked_inside(rj_hq, hqkit, rj):
    """Both are checked against seq 4 (no lock held); seq 6 then takes the office's row and
    waits inside its transaction; seq 5's write waits for it, and on reading the chain again
    inside its own transaction finds seq 6: older, refused. Never both, never a broken chain."""
    hq = rj_hq
    checked5, checked6, go5, go6 = (threading.Event() for _ in range(4))
    in_transaction, release = threading.Event(), threading.Event()

    def hold_inside(conn, outcome):  # seq 6's verdict, inside its transaction
        in_transaction.set()
        assert release.wait(WAIT)

    six = Import(hq, rj.bundles[6], progress=pause_at("Saving", checked6, go6),
                 on_verdict=hold_inside)
    five = Import(hq, rj.bundles[5], progress=pause_at("Saving", checked5, go5))
    six.start()
    five.start()
    assert checked6.wait(WAIT) and checked5.wait(WAIT)  # both passed every check, no lock held
    go6.set()
    assert in_transaction.wait(WAIT)  # seq 6 holds the office (and, on SQLite, the database)
    go5.set()
    five.join(1.0)
    assert five.is_alive(), "seq 5 wrote while seq 6 held the office"
    release.set()
    six.join(WAIT)
    five.join(WAIT)
    assert six.error is None and five.error is None, (six.error, five.error)
    assert six.outcome.status == ACCEPTED and six.outcome.flags == ("gap: seq 5 never arrived",)
    assert five.outcome.status == REJECTED
    assert five.outcome.reason == "older than the last accepted bundle (seq 6); nothing changed"
    assert hqkit.rows(hq, "SELECT seq FROM office_campaign") == [(6,)]
    assert sorted(hqkit.rows(hq, "SELECT seq FROM bundle")) == [(1,), (2,), (3,), (4,), (6,)]


def test_seq_5_then_6_both_accepted_when_5_commits_first(rj_hq, hqkit, rj):
    """The other order: seq 5 holds the office inside its transaction, seq 6 waits, then
    finds seq 5 as the last link and follows it without a gap."""
    hq = rj_hq
    in_transaction, release = threading.Event(), threading.Event()

    def hold_inside(conn, outcome):
        in_transaction.set()
        assert release.wait(WAIT)

    five = Import(hq, rj.bundles[5], on_verdict=hold_inside)
    five.start()
    assert in_transaction.wait(WAIT)
    six = Import(hq, rj.bundles[6])
    six.start()
    six.join(1.0)
    assert six.is_alive()
    release.set()
    five.join(WAIT)
    six.join(WAIT)
    assert five.outcome.status == ACCEPTED and six.outcome.status == ACCEPTED
    assert six.outcome.flags == ()  # seq 6 read seq 5 inside its transaction: no gap
    assert hqkit.rows(hq, "SELECT seq FROM office_campaign") == [(6,)]


@pytest.mark.parametrize("lock", ["office row", "no office row (constraints alone)"])
def test_the_same_bundle_twice_at_once_is_imported_once(rj_hq, hqkit, rj, lock, monkeypatch):
    """Two deliveries of seq 5, both checked before either writes. With the office's row
    lock the second finds the first inside its transaction; without it (a test of the last
    line of defence) the unique constraints refuse the second's rows: either way it is
    "already imported", the first's rows stay, nothing is imported twice."""
    hq = rj_hq
    if lock != "office row":
        monkeypatch.setattr(keys, "lock_office", keys.office_exists)
    reached = [threading.Event(), threading.Event()]
    go = threading.Event()
    both = [Import(hq, rj.bundles[5], progress=pause_at("Saving", reached[i], go))
            for i in range(2)]
    for t in both:
        t.start()
    assert all(r.wait(WAIT) for r in reached)
    go.set()
    for t in both:
        t.join(WAIT)
    assert [t.error for t in both] == [None, None]
    statuses = sorted(t.outcome.status for t in both)
    assert statuses == [ACCEPTED, ALREADY_IMPORTED], [t.outcome for t in both]
    assert hqkit.rows(hq, "SELECT count(*) FROM bundle WHERE seq = 5") == [(1,)]
    log = [r["result"] for r in hqkit.log_rows(hq)][-2:]
    assert sorted(log) == ["accepted", "unchanged"]


def test_a_key_revoked_while_its_bundle_is_verified_is_refused(rj_hq, hqkit, rj):
    """The revocation does not wait for the import (no lock is held while verifying), and the
    import, checking the key again inside its transaction, refuses the bundle."""
    hq = rj_hq
    verifying, go = threading.Event(), threading.Event()
    five = Import(hq, rj.bundles[5],
                  progress=pause_at("Checking the signature and every file", verifying, go))
    five.start()
    assert verifying.wait(WAIT)
    started = time.monotonic()
    registry.revoke_key(hq, "RJ-006", reason="PC stolen")
    assert time.monotonic() - started < 5
    before = hqkit.snapshot(hq)
    go.set()
    five.join(WAIT)
    assert five.error is None
    assert five.outcome.status == REJECTED
    assert five.outcome.reason.startswith("signed with office RJ-006's revoked key (")
    assert five.outcome.reason.endswith("): bundles signed by it are refused")
    assert hqkit.snapshot(hq) == before
    assert hqkit.rows(hq, "SELECT seq FROM office_campaign") == [(4,)]
