"""The headquarters key an office trusts: it checks headquarters' receipts and campaigns.

Headquarters hands its public key over out of band (``HQ.pub.pem``, the fingerprint read
back over the phone). The office keeps it as ``keys/hq.pub.pem`` with its fingerprint in
the settings, set from Settings, the set-up wizard or ``fielddesk remote set``; an office
that has none yet may trust the key a campaign file carries once the clerk has read its
fingerprint back to headquarters (``trust_hq_key``). A file whose fingerprint no longer
matches the settings is not trusted.
"""

from __future__ import annotations

import re
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.errors import FieldDeskError
from desktop_app.fileio import atomic_write
from desktop_app.keys import signing

HQ_KEY_NAME = "hq"
NO_HQ_KEY = ("no headquarters key yet: run `fielddesk remote set URL --hq-key HQ.pub.pem` "
             "(or fill it in under Settings)")


def key_file(opened) -> Path:
    return signing.public_pem_path(opened.folder.keys, HQ_KEY_NAME)


def trusted_hq_key(opened) -> Ed25519PublicKey | None:
    """The headquarters key this office trusts, or None when none is set yet."""
    path = key_file(opened)
    if not opened.settings.hq_key_fingerprint or not path.exists():
        return None
    key = signing.load_public_key_file(path)
    if signing.fingerprint(key) != opened.settings.hq_key_fingerprint:
        raise FieldDeskError(f"{path} is not the headquarters key set in Settings (its "
                             "fingerprint differs): set it again")
    return key


def require_hq_key(opened, missing: str = NO_HQ_KEY) -> Ed25519PublicKey:
    key = trusted_hq_key(opened)
    if key is None:
        raise FieldDeskError(missing)
    return key


def trust_hq_key(opened, key: Ed25519PublicKey) -> str:
    """Trust *key* from now on (replacing any other); return its fingerprint."""
    atomic_write(key_file(opened), signing.public_key_pem(key))
    fingerprint = signing.fingerprint(key)
    opened.settings.hq_key_fingerprint = fingerprint
    opened.save_settings()
    return fingerprint


def trust_hq_key_file(opened, path: Path) -> str:
    """Trust the public key in the file *path* (``HQ.pub.pem``); return its fingerprint."""
    return trust_hq_key(opened, signing.load_public_key_file(Path(path)))


def same_fingerprint(typed: str, fingerprint: str) -> bool:
    """A fingerprint as read over the phone and typed (any spacing, any case) against the real one."""
    def clean(text: str) -> str:
        return re.sub(r"[^0-9A-F]", "", text.upper())
    return len(clean(typed)) == 64 and clean(typed) == clean(fingerprint)
