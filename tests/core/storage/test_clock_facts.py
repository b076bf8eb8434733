"""The clock check on a real office database: facts read back, the clock patched in one place."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app import clock
from desktop_app.domain import clock_check as cc
from desktop_app.domain.models import ScrapDisposal
from desktop_app.storage.clock_facts import clock_warning, read_clock_facts

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # when the demo office was saved


@pytest.fixture
def office(tmp_path, pc_clock):
    from desktop_app.demo import populate
    from desktop_app.storage.store import open_folder

    folder = open_folder(tmp_path / "demo")  # today: the clock's
    populate(folder)
    yield folder
    folder.close()


def dump(conn) -> list:
    return [conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("progress_entry", "scrap_disposal", "event", "cleanliness_site", "target")]


def test_the_facts_are_what_the_office_saved(office):
    facts = read_clock_facts(office.store.conn, office.store.campaigns.current())
    assert facts.last_saved_at == T0 and facts.last_export_at is None and facts.hq_time is None
    assert (facts.campaign_start, facts.campaign_end) == (date(2026, 9, 15), date(2026, 12, 31))


def test_a_plausible_clock_gives_no_warning(office, pc_clock):
    for later in (timedelta(0), timedelta(minutes=1), timedelta(days=3)):
        pc_clock.at = T0 + later
        assert clock_warning(office.store) is None


def test_last_weeks_work_entered_today_is_normal(office, pc_clock):
    pc_clock.at = T0 + timedelta(hours=2)
    cid = office.store.campaigns.current().id
    office.store.scrap.add(ScrapDisposal(cid, clock.today() - timedelta(days=7), "Old almirah"))
    pc_clock.at = T0 + timedelta(hours=2, minutes=5)
    assert clock_warning(office.store) is None


@pytest.mark.parametrize("shift, shown", [
    (timedelta(hours=-3), "%d.%m.%Y %H:%M"),  # drifted, or put back by hand
    (timedelta(days=-365 * 3), "%d.%m.%Y"),  # the CMOS battery died
])
def test_a_clock_behind_what_was_saved_is_named_and_nothing_changes(office, pc_clock, shift, shown):
    before = dump(office.store.conn)
    pc_clock.at = T0 + shift
    message = clock_warning(office.store)
    assert message is not None and message.template == cc.BEHIND_SAVED
    assert message.params == {"now": (T0 + shift).astimezone().strftime(shown),
                              "then": T0.astimezone().strftime(shown)}
    assert dump(office.store.conn) == before  # a warning; no date is changed


def test_the_last_export_counts_and_is_named(office, pc_clock):
    from desktop_app.bundle.export import export_bundle
    from desktop_app.keys.office_key import create_office_key

    create_office_key(office)
    pc_clock.at = T0 + timedelta(days=10)
    export_bundle(office)
    pc_clock.at = T0 + timedelta(days=9)  # put back a day, still after every entry
    message = clock_warning(office.store)
    assert message.template == cc.BEHIND_EXPORT
    assert message.params["then"] == (T0 + timedelta(days=10)).astimezone().strftime("%d.%m.%Y %H:%M")


def _store_receipt(office, issued_at: datetime) -> None:
    from desktop_app.bundle.export import export_bundle
    from desktop_app.keys import signing
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.outbox import OutboxRepository
    from desktop_app.upload_protocol import Receipt, sign_receipt

    create_office_key(office)
    result = export_bundle(office)[0]
    hq = Ed25519PrivateKey.generate()
    document = sign_receipt(Receipt(
        bundle_sha256="ab" * 32, office_code="DEMO-RO-PUNE", campaign_id="special-campaign-6",
        seq=result.seq, accepted=True, reason="accepted", file_name=result.path.name,
        bytes=result.bytes, received_at=clock.iso(issued_at), issued_at=clock.iso(issued_at),
        hq_key_fingerprint=signing.fingerprint(hq)), hq)
    # as the upload runner saves it: updated_at is the PC's clock at that moment
    OutboxRepository(office.store).update("special-campaign-6", result.seq, status="accepted",
                                          receipt_json=json.dumps(document),
                                          decided_at=clock.iso(issued_at))


def test_headquarters_time_on_a_receipt_saved_by_a_clock_three_hours_behind(office, pc_clock):
    pc_clock.at = T0 + timedelta(days=1)  # the PC says; headquarters' clock says 3 hours later
    _store_receipt(office, T0 + timedelta(days=1, hours=3))
    facts = read_clock_facts(office.store.conn)
    assert facts.hq_time == T0 + timedelta(days=1, hours=3)
    assert facts.hq_received_at == T0 + timedelta(days=1)
    pc_clock.at = T0 + timedelta(days=2)  # a day later, past headquarters' time, still behind
    message = clock_warning(office.store)
    assert message.template == cc.HQ_SKEW
    pc_clock.at = T0 + timedelta(days=1, hours=1)  # behind headquarters' own time: said plainly
    assert clock_warning(office.store).template == cc.BEHIND_HQ


def test_a_receipt_saved_by_a_right_clock_gives_no_warning(office, pc_clock):
    pc_clock.at = T0 + timedelta(days=1, seconds=5)
    _store_receipt(office, T0 + timedelta(days=1))
    pc_clock.at = T0 + timedelta(days=2)
    assert clock_warning(office.store) is None


def test_an_unreadable_receipt_is_skipped(office, pc_clock):
    _store_receipt(office, T0)
    office.store.conn.execute("UPDATE upload_state SET receipt_json = 'not json'")
    office.store.conn.commit()
    assert read_clock_facts(office.store.conn).hq_time is None


def test_the_check_reads_only_so_it_runs_before_the_lock(office, pc_clock, tmp_path):
    from desktop_app.storage.database import connect_raw
    from desktop_app.storage.store import Store

    reader = Store(connect_raw(office.folder.database), read_only=True)
    try:
        pc_clock.at = T0 - timedelta(days=800)
        assert clock_warning(reader).template == cc.BEHIND_SAVED
    finally:
        reader.close()
