"""Where this office uploads, and headquarters' public key for checking receipts.

``set_remote`` stores the receiver's URL in the settings and copies ``HQ.pub.pem`` into
``keys/hq.pub.pem`` with its fingerprint in the settings (read it back to headquarters
over the phone, as with the office key). ``hq_public_key`` loads it again and refuses a
key file whose fingerprint no longer matches the settings.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.errors import FieldDeskError
from desktop_app.fileio import atomic_write
from desktop_app.keys import signing
from desktop_app.storage.store import OpenFolder

HQ_KEY_NAME = "hq"
NO_REMOTE = ("no headquarters address yet: run `fielddesk remote set URL --hq-key HQ.pub.pem` "
             "(or fill it in under Settings)")


def check_url(url: str) -> str:
    """A receiver URL: http(s), a host, no query; returned without a trailing slash."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FieldDeskError(f"'{url}' is not a web address: write it like https://hq.example.gov.in/fielddesk")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise FieldDeskError(f"'{url}': give the address without ?query, #fragment or a password")
    return text.rstrip("/")


def is_plain_http_to_elsewhere(url: str) -> bool:
    """True for http:// to another machine: bundles would cross the network unencrypted."""
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname not in ("localhost", "127.0.0.1", "::1")


def set_remote(opened: OpenFolder, url: str, hq_key_file: Path) -> str:
    """Store *url* and headquarters' key; return the key's fingerprint."""
    url = check_url(url)
    key = signing.load_public_key_file(Path(hq_key_file))
    keys = opened.folder.keys
    target = signing.public_pem_path(keys, HQ_KEY_NAME)
    atomic_write(target, signing.public_key_pem(key))
    fp = signing.fingerprint(key)
    opened.settings.remote_url = url
    opened.settings.hq_key_fingerprint = fp
    opened.save_settings()
    return fp


def hq_public_key(opened: OpenFolder) -> Ed25519PublicKey:
    """Headquarters' receipt key as set with ``set_remote``."""
    path = signing.public_pem_path(opened.folder.keys, HQ_KEY_NAME)
    if not path.exists() or not opened.settings.hq_key_fingerprint:
        raise FieldDeskError(NO_REMOTE)
    key = signing.load_public_key_file(path)
    if signing.fingerprint(key) != opened.settings.hq_key_fingerprint:
        raise FieldDeskError(f"{path} is not the headquarters key set with `fielddesk remote set` "
                             "(its fingerprint differs): set it again")
    return key
