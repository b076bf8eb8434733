"""An office takes a campaign from headquarters: verify, show what changes, then apply.

``prepare_import`` reads a ``.fdcampaign`` file (``campaigns.package``) and decides, changing
nothing: the file must be whole and signed by the headquarters key this office trusts (with
no key trusted yet, the plan says so and carries the key's fingerprint, to be read back to
headquarters over the phone before ``apply_import(..., trust=True)``); a campaign the office
does not have is a **new** one, a higher version of one it has an **upgrade**; an older
version, or the same version with other contents, is refused. The plan lists the changes
(``domain.campaign_changes``) for the clerk to read.

``apply_import`` then, in one transaction, adds the new campaign and makes it current (the
earlier ones keep their records, read-only), or upgrades the campaign in place: every entry
stays, an indicator the new version removed keeps its entries as retired. Every refusal is
one line (``CampaignRefused``) and leaves the folder as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.campaigns.hq_key import trust_hq_key, trusted_hq_key
from desktop_app.campaigns.package import CampaignPackage, CampaignRefused, read_package
from desktop_app.domain.campaign_changes import CampaignChanges, compare
from desktop_app.domain.i18n import N_, Message
from desktop_app.domain.models import Campaign
from desktop_app.keys import signing
from desktop_app.storage.database import write_transaction

NEW, UPGRADE, SAME = "new", "upgrade", "same"

OTHER_KEY = N_("{file} is signed by another key ({signer}…), not by the headquarters key this "
               "office trusts ({trusted}…). Nothing was changed.")
OLDER = N_("{file} is version {version} of {title}; this office already has version {have}. "
           "Nothing was changed.")
SAME_VERSION_OTHER_CONTENT = N_("{file} is version {version} of {title} but differs from the "
                                "version {version} this office has: headquarters must give a "
                                "corrected campaign a new version number. Nothing was changed.")
NOT_CONFIRMED = N_("Headquarters' key was not confirmed: nothing was changed.")


@dataclass(frozen=True)
class CampaignImport:
    """What importing one campaign file would do; nothing is changed until it is applied."""

    package: CampaignPackage
    kind: str  # NEW | UPGRADE | SAME (already there: nothing to do)
    changes: CampaignChanges
    needs_trust: bool  # no headquarters key trusted yet: confirm the file's key first

    @property
    def campaign(self) -> Campaign:
        return self.package.campaign

    @property
    def fingerprint(self) -> str:
        return self.package.signer_fingerprint


def prepare_import(opened, path: Path) -> CampaignImport:
    """Read and check *path* for the open folder *opened*; ``CampaignRefused`` if refused."""
    return plan_import(opened, read_package(Path(path)))


def plan_import(opened, package: CampaignPackage, *, trusting: bool = False) -> CampaignImport:
    """The plan for a campaign file already read (one an upload brought, or the clerk chose).

    *trusting*: check it as if the file's own key were trusted (the clerk confirmed it)."""
    trusted = trusted_hq_key(opened)
    if trusted is None and trusting:
        trusted = package.signer
    if trusted is not None and not package.signed_by(trusted):
        raise CampaignRefused(Message(OTHER_KEY, file=package.file_name,
                                      signer=signing.fingerprint_short(package.signer),
                                      trusted=signing.fingerprint_short(trusted)))
    store = opened.store
    new = package.campaign
    old = store.campaigns.find(new.id)
    if old is None:
        return CampaignImport(package, NEW, compare(None, new), needs_trust=trusted is None)
    if new.version < old.version:
        raise CampaignRefused(Message(OLDER, file=package.file_name, version=new.version,
                                      title=old.title.en, have=old.version))
    if new.version == old.version:
        if new.template_sha256 != old.template_sha256:
            raise CampaignRefused(Message(SAME_VERSION_OTHER_CONTENT, file=package.file_name,
                                          version=new.version, title=old.title.en))
        kind = SAME
    else:
        kind = UPGRADE
    changes = compare(old, new, entries=store.campaigns.entries_by_indicator(new.id))
    return CampaignImport(package, kind, changes, needs_trust=trusted is None)


def apply_import(opened, plan: CampaignImport, *, trust: bool = False) -> Campaign:
    """Apply a prepared import. With no headquarters key trusted yet, *trust* says the clerk
    read the file key's fingerprint back to headquarters and it matched: the key is trusted
    from now on. Checked again here, so a plan made stale meanwhile is refused, not applied."""
    package = plan.package
    first_trust = trusted_hq_key(opened) is None
    if first_trust and not trust:
        raise CampaignRefused(Message(NOT_CONFIRMED))
    fresh = plan_import(opened, package, trusting=first_trust)
    if first_trust:
        trust_hq_key(opened, package.signer)
    store = opened.store
    if fresh.kind == SAME:
        return store.campaigns.get(package.campaign.id)
    signed_by = package.signer_fingerprint
    with write_transaction(store.db):
        if fresh.kind == NEW:
            store.campaigns.add(package.campaign, package.template, make_current=True,
                                signed_by=signed_by, file_name=package.file_name)
        else:
            store.campaigns.upgrade(package.campaign, package.template, signed_by=signed_by,
                                    file_name=package.file_name)
    return store.campaigns.get(package.campaign.id)
