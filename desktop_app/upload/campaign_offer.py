"""A campaign headquarters offers during an upload: fetched and kept, never applied unseen.

The receiver names its newest published campaign on its answer to the run's first request
(``campaigns.package.OFFER_HEADER``: the file name and its SHA-256). When this office does
not have that campaign at that version or newer, the upload fetches the file (a few KB)
into ``from-hq/`` in the data folder, checks that it is whole and hashes as announced, and
reports it; the clerk is then offered it exactly as a campaign file brought by pen drive
(``campaigns.office_import``: verified with the trusted key, its changes shown, applied
only on Apply). Anything wrong with the offer is dropped quietly: it never stops an upload.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop_app.campaigns.package import MAX_FILE_BYTES, CampaignRefused, parse_name, read_package
from desktop_app.fileio import atomic_write

OFFERS_DIR = "from-hq"


def offered_campaign(opened, client) -> Path | None:
    """The campaign file headquarters offered in this run, fetched and kept; None when there
    is none, this office has it already, or it did not arrive whole."""
    name, sha = _parse(client.offered)
    if name is None:
        return None
    campaign_id, version = parse_name(name)
    have = opened.store.campaigns.find(campaign_id)
    if have is not None and have.version >= version:
        return None
    target = Path(opened.folder.root) / OFFERS_DIR / name
    if not (target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == sha):
        data = client.campaign_file(name, MAX_FILE_BYTES)
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        target.parent.mkdir(exist_ok=True)
        atomic_write(target, data)
    try:
        read_package(target)
    except CampaignRefused:
        target.unlink(missing_ok=True)
        return None
    return target


def _parse(header: str) -> tuple[str | None, str]:
    parts = (header or "").split()
    if len(parts) != 2 or parse_name(parts[0]) is None or len(parts[1]) != 64:
        return None, ""
    return parts[0], parts[1].lower()
