"""A campaign headquarters offers during an upload: fetched when this office lacks it, kept in
from-hq/, and never applied by the upload itself."""

from __future__ import annotations

import hashlib

import pytest

from desktop_app.campaigns.office_import import NEW, UPGRADE, prepare_import
from desktop_app.upload.campaign_offer import offered_campaign
from tests.core.campaigns.kit import new_campaign, shipped, snapshot, trust, version_two


class FakeReceiver:
    """The two things the offer needs from the upload client: the header and the file."""

    def __init__(self, name: str, data: bytes, sha: str | None = None):
        self.offered = f"{name} {sha or hashlib.sha256(data).hexdigest()}"
        self.data = data
        self.fetched: list[str] = []

    def campaign_file(self, name: str, limit: int) -> bytes:
        self.fetched.append(name)
        return self.data[:limit + 1]


def test_a_newer_campaign_is_fetched_and_kept_not_applied(opened, campaign, hq):
    trust(opened, hq)
    path = hq.publish(version_two())
    receiver = FakeReceiver(path.name, path.read_bytes())
    before = snapshot(opened)
    kept = offered_campaign(opened, receiver)
    assert kept == opened.folder.root / "from-hq" / "special-campaign-6-v2.fdcampaign"
    assert kept.read_bytes() == path.read_bytes()
    assert snapshot(opened) == before  # never applied unseen
    assert prepare_import(opened, kept).kind == UPGRADE
    assert offered_campaign(opened, receiver) == kept and receiver.fetched == [path.name]  # kept: not fetched again
    other = hq.publish(new_campaign())
    assert prepare_import(opened, offered_campaign(opened, FakeReceiver(other.name, other.read_bytes()))).kind == NEW


@pytest.mark.parametrize("case", ["have-it", "wrong-hash", "not-a-campaign", "bad-header"])
def test_an_offer_that_does_not_fit_is_dropped_quietly(opened, campaign, hq, case):
    trust(opened, hq)
    path = hq.publish(version_two() if case != "have-it" else shipped())
    data = path.read_bytes()
    if case == "wrong-hash":
        receiver = FakeReceiver(path.name, data, sha="0" * 64)
    elif case == "not-a-campaign":
        receiver = FakeReceiver(path.name, b"PK junk")
    elif case == "bad-header":
        receiver = FakeReceiver("../../etc/passwd", data)
    else:
        receiver = FakeReceiver(path.name, data)
    assert offered_campaign(opened, receiver) is None
    offers = opened.folder.root / "from-hq"
    left = sorted(offers.iterdir()) if offers.exists() else []
    assert left == []
    if case in ("have-it", "bad-header"):
        assert receiver.fetched == []
