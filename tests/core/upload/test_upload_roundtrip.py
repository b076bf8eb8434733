"""Office → headquarters over a real receiver: accepted, rejected, receipts, two offices."""

from __future__ import annotations

import threading
import zipfile

from desktop_app.storage.outbox import OutboxRepository
from desktop_app.upload.runner import send_outbox
from desktop_app.upload.status import outbox_states, upload_info_lines


def test_upload_is_accepted_with_a_verified_receipt(hq_site, make_office, up):
    site = hq_site.serve()
    office = make_office("MH-PUNE-01", photos=2, url=site.url)
    [entry] = OutboxRepository(office.store).entries()
    assert entry.status == "queued"

    report = send_outbox(office, policy=up.POLICY)

    assert report.accepted == [entry.file_name], report
    [entry] = OutboxRepository(office.store).entries()
    assert entry.status == "accepted" and entry.receipt_json and entry.decided_at
    assert [r[0] for r in hq_site.import_log(entry.bundle_sha256)] == ["accepted"]
    [state] = outbox_states(office)
    assert state.text.startswith("accepted by HQ on ")
    assert any("accepted by HQ" in line for line in upload_info_lines(office))
    # Nothing left half-way at headquarters; a second run sends nothing.
    assert list(hq_site.root.joinpath("uploads", "partial").iterdir()) == []
    again = send_outbox(office, policy=up.POLICY)
    assert again.accepted == [] and "nothing to send" in again.message


def test_bundle_rejected_by_the_import_gets_a_signed_rejected_receipt(hq_site, make_office, up):
    site = hq_site.serve()
    office = make_office("MH-PUNE-02", url=site.url)
    [entry] = OutboxRepository(office.store).entries()
    path = office.folder.exports / entry.file_name
    # Damage report.xlsx inside the (still well-formed) zip: the signature still verifies,
    # the file hash in the manifest does not — the import's own check must catch it.
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for info, data in members:
            if info.filename == "report.xlsx":
                data = data[:-10] + bytes(10)
            zf.writestr(info, data)

    report = send_outbox(office, policy=up.POLICY)

    assert [name for name, _ in report.rejected] == [entry.file_name]
    [entry] = OutboxRepository(office.store).entries()
    assert entry.status == "rejected"
    assert "report.xlsx" in entry.reason
    [state] = outbox_states(office)
    assert state.text.startswith("rejected: ") and "report.xlsx" in state.text
    assert hq_site.import_log(entry.bundle_sha256)[0][0] == "rejected"


def test_two_offices_upload_at_the_same_time(hq_site, make_office, up):
    site = hq_site.serve()
    offices = [make_office(code, photos=3, seed=i, url=site.url)
               for i, code in enumerate(("DL-042", "KA-BLR-07"))]
    reports = {}

    def send(office):
        reports[office.store.office.get().code] = send_outbox(office, policy=up.POLICY)

    threads = [threading.Thread(target=send, args=(o,)) for o in offices]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(reports) == ["DL-042", "KA-BLR-07"]
    for report in reports.values():
        assert len(report.accepted) == 1, report
    codes = {row[0] for row in hq_site.rows("SELECT office_code FROM office_campaign")}
    assert codes == {"DL-042", "KA-BLR-07"}
