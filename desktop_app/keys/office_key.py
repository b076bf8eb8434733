"""Creating or replacing the office's signing key: a deliberate, audited act.

The key pair lives in the data folder's ``keys/``; its fingerprint goes into the office
profile and the key history (audited by triggers). Replacing a key needs a reason, keeps
the old pair under ``keys/retired/`` and means headquarters must register the new key.
"""

from __future__ import annotations

from desktop_app.errors import FieldDeskError
from desktop_app.keys.signing import generate_key, key_exists
from desktop_app.storage.store import OpenFolder

REPLACE_WARNING = ("Replacing the office key means headquarters must register the new public key "
                   "before it accepts this office's bundles again.")


def create_office_key(opened: OpenFolder, *, replace: bool = False, reason: str = "") -> str:
    """Make the office key (first run) or replace it (with a reason); returns the fingerprint."""
    keys = opened.folder.keys
    if key_exists(keys) and not replace:
        raise FieldDeskError("this office already has a signing key; replacing it needs --replace "
                             "--reason TEXT, and headquarters must then register the new key")
    if replace and not reason.strip():
        raise FieldDeskError("give a reason for replacing the office key (--reason TEXT)")
    fingerprint = generate_key(keys, replace=replace)
    opened.store.office.record_key(fingerprint, reason=reason or "first key")
    return fingerprint
