"""The signed campaign file headquarters publishes: ``<id>-v<version>.fdcampaign``.

A ZIP (deflated: the indicators' text shrinks several times) of three members, like a bundle:

``campaign.json``  the campaign template in its canonical form (``templates.canonical_bytes``:
                   sorted keys, no spaces, UTF-8), so its SHA-256 is the template hash every
                   bundle of the campaign carries;
``campaign.sig``   the raw 64-byte Ed25519 signature of exactly those bytes, by headquarters' key;
``hq.pub.pem``     headquarters' public key, for information only: an office verifies with
                   the key it trusts (``campaigns.hq_key``), never with this one, which
                   serves only to show its fingerprint when the office trusts none yet.

Anyone can check it with stock OpenSSL (``docs/verify.md``). Reading is strict and small:
the file at most 1 MiB, exactly these members, each read with a cap whatever its header
declares; anything else is refused as damaged with one line.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.domain.i18n import N_, Message
from desktop_app.domain.models import Campaign
from desktop_app.domain.templates import canonical_bytes, parse_template
from desktop_app.errors import FieldDeskError, TemplateError
from desktop_app.keys import signing

SUFFIX = ".fdcampaign"
# The upload receiver offers its newest published campaign on the answer to the office's
# first request of a run (``OPTIONS /files/``): ``FieldDesk-Campaign: <file name> <sha256>``;
# the office fetches it from ``campaigns/<file name>`` and offers it to the clerk.
OFFER_HEADER = "FieldDesk-Campaign"
OFFER_PATH = "campaigns/"
NAME_RE = re.compile(r"^([a-z0-9][a-z0-9_-]{0,39})-v([1-9][0-9]{0,5})\.fdcampaign$")
CAMPAIGN_NAME, SIGNATURE_NAME, KEY_NAME = "campaign.json", "campaign.sig", "hq.pub.pem"
MEMBERS = (CAMPAIGN_NAME, SIGNATURE_NAME, KEY_NAME)
MAX_FILE_BYTES = 1 << 20
MAX_CAMPAIGN_BYTES = 4 << 20
_LIMITS = {CAMPAIGN_NAME: MAX_CAMPAIGN_BYTES, SIGNATURE_NAME: signing.SIGNATURE_BYTES,
           KEY_NAME: signing.MAX_PUBLIC_PEM_BYTES}
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed: the same campaign gives the same file

DAMAGED = N_("{file} is damaged or is not a campaign file from headquarters ({problem}). "
             "Nothing was changed.")


class CampaignRefused(FieldDeskError):
    """A campaign file an office does not take; ``message`` is translatable, one line."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


@dataclass(frozen=True)
class CampaignPackage:
    """A campaign file that is whole and signed by the key it carries (not yet trusted)."""

    campaign: Campaign
    template: dict[str, Any]
    payload: bytes  # campaign.json as signed
    signature: bytes
    signer: Ed25519PublicKey
    file_name: str

    @property
    def signer_fingerprint(self) -> str:
        return signing.fingerprint(self.signer)

    def signed_by(self, key: Ed25519PublicKey) -> bool:
        return signing.verify_signature(key, self.payload, self.signature)


def package_name(campaign_id: str, version: int) -> str:
    return f"{campaign_id}-v{version}{SUFFIX}"


def parse_name(name: str) -> tuple[str, int] | None:
    """``special-campaign-7-v2.fdcampaign`` -> ("special-campaign-7", 2); None for another name."""
    match = NAME_RE.match(name)
    return (match[1], int(match[2])) if match else None


def package_bytes(template: dict[str, Any], hq_key: Ed25519PrivateKey) -> bytes:
    """The ``.fdcampaign`` file for *template*, signed with headquarters' private key."""
    parse_template(template, source=CAMPAIGN_NAME)  # never sign what no office could read
    payload = canonical_bytes(template)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in ((CAMPAIGN_NAME, payload),
                           (SIGNATURE_NAME, signing.sign(hq_key, payload)),
                           (KEY_NAME, signing.public_key_pem(hq_key.public_key()))):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def read_package(path: Path) -> CampaignPackage:
    """The campaign in *path* if the file is whole and its signature matches the key it
    carries; ``CampaignRefused`` (damaged) otherwise. Whether that key is trusted is the
    caller's question."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _damaged(path, exc.strerror or str(exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise _damaged(path, f"larger than {MAX_FILE_BYTES // 1024} KB")
    return parse_package(data, path)


def parse_package(data: bytes, path: Path) -> CampaignPackage:
    """``read_package`` of a file's bytes already read (*path* names it in errors)."""
    path = Path(path)
    members = _members(path, data)
    try:
        signer = signing.load_public_key_pem(members[KEY_NAME], source=KEY_NAME)
    except FieldDeskError as exc:
        raise _damaged(path, str(exc)) from None
    payload, signature = members[CAMPAIGN_NAME], members[SIGNATURE_NAME]
    if not signing.verify_signature(signer, payload, signature):
        raise _damaged(path, "its signature does not match its contents")
    try:
        template = json.loads(payload.decode("utf-8"))
        if not isinstance(template, dict) or canonical_bytes(template) != payload:
            raise ValueError("not in canonical form")
        campaign = parse_template(template, source=CAMPAIGN_NAME)
    except (UnicodeDecodeError, ValueError, TemplateError) as exc:
        raise _damaged(path, str(exc)) from None
    return CampaignPackage(campaign, template, payload, signature, signer, path.name)


def _members(path: Path, data: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            if sorted(names) != sorted(MEMBERS):
                raise _damaged(path, "it must hold exactly campaign.json, campaign.sig and hq.pub.pem")
            out = {}
            for info in infos:
                limit = _LIMITS[info.filename]
                if info.file_size > limit or info.flag_bits & 0x1:
                    raise _damaged(path, f"{info.filename} is too large or encrypted")
                with zf.open(info) as member:
                    content = member.read(limit + 1)  # capped whatever the header says
                if len(content) > limit:
                    raise _damaged(path, f"{info.filename} is too large")
                out[info.filename] = content
            return out
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            OSError, ValueError) as exc:
        raise _damaged(path, f"not a readable ZIP archive: {exc}") from None


def _damaged(path: Path, problem: str) -> CampaignRefused:
    return CampaignRefused(Message(DAMAGED, file=path.name, problem=problem))
