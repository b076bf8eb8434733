"""The campaign headquarters published last, offered by the real receiver to an office that
uploads: fetched into from-hq/ when the office lacks it, never applied by the upload, and
not fetched again once the office has it (both back-ends)."""

from __future__ import annotations

import copy
import hashlib
import json

import httpx

from desktop_app.campaigns.office_import import UPGRADE, apply_import, prepare_import
from desktop_app.campaigns.package import OFFER_HEADER
from desktop_app.domain.templates import templates_dir
from desktop_app.hq.published import publish_campaign
from desktop_app.storage.outbox import OutboxRepository
from desktop_app.upload.runner import send_outbox


def version_two() -> dict:
    data = json.loads((templates_dir() / "special-campaign-6.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["version"] = 2
    data["indicators"][0]["title"]["en"] = "References from Members of Parliament"
    return data


def campaign_rows(office) -> list[tuple]:
    return office.store.conn.execute(
        "SELECT id, version, is_current FROM campaign ORDER BY id").fetchall()


def test_nothing_is_offered_before_a_campaign_is_published(hq_site):
    site = hq_site.serve()
    response = httpx.options(f"{site.url}/files/", headers={"Tus-Resumable": "1.0.0"})
    assert response.status_code == 204 and OFFER_HEADER not in response.headers
    assert httpx.get(f"{site.url}/campaigns/special-campaign-6-v1.fdcampaign").status_code == 404
    assert httpx.get(f"{site.url}/campaigns/..%2Fhq.db").status_code == 404


def test_an_uploading_office_gets_the_published_campaign_to_review(hq_site, make_office, up):
    published = publish_campaign(hq_site.hq, version_two(), hq_site.hq_key)
    site = hq_site.serve()
    office = make_office("MH-PUNE-07", url=site.url)
    before = campaign_rows(office)

    response = httpx.options(f"{site.url}/files/", headers={"Tus-Resumable": "1.0.0"})
    name, sha = response.headers[OFFER_HEADER].split()
    assert (name, sha) == (published.file_name, published.package_sha256)
    served = httpx.get(f"{site.url}/campaigns/{name}")
    assert served.status_code == 200 and hashlib.sha256(served.content).hexdigest() == sha

    report = send_outbox(office, policy=up.POLICY)
    [entry] = OutboxRepository(office.store).entries()
    assert entry.status == "accepted"  # the upload itself, as ever
    kept = report.campaign_offer
    assert kept == office.folder.root / "from-hq" / "special-campaign-6-v2.fdcampaign"
    assert kept.read_bytes() == (hq_site.hq.folder.published / name).read_bytes()
    assert "headquarters sent a campaign (special-campaign-6-v2.fdcampaign)" in report.message
    assert campaign_rows(office) == before  # never applied unseen

    plan = prepare_import(office, kept)  # checked with the key the office trusts for receipts
    assert plan.kind == UPGRADE and not plan.needs_trust
    apply_import(office, plan)
    assert office.store.campaigns.current().version == 2
    again = send_outbox(office, policy=up.POLICY)
    assert again.campaign_offer is None  # it has that version now: not fetched again
