"""Setting up a new office in an empty data folder: profile, campaign, clerk, signing key.

One use case shared by the first-run wizard and the command line. Everything is checked
before anything is written; the database rows (office, campaign, key history) go in one
transaction, so a failed set-up leaves no half-made office behind. No Qt here.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from desktop_app.domain import validation
from desktop_app.domain.i18n import N_, Message
from desktop_app.domain.models import Office
from desktop_app.domain.templates import parse_template
from desktop_app.errors import FieldDeskError, TemplateError, ValidationError
from desktop_app.keys import signing
from desktop_app.settings import LANGUAGES
from desktop_app.storage.database import write_transaction
from desktop_app.storage.store import OpenFolder

UNKNOWN_LANGUAGE = N_("Choose English or Hindi.")
KEY_CREATED_REASON = "created at office set-up"


def create_office(opened: OpenFolder, office: Office, template_path: Path, clerk_name: str,
                  language: str) -> str:
    """Create the office in ``opened`` and return its signing key's fingerprint.

    Raises ``ValidationError`` (field -> Message; fields of ``Office`` plus ``clerk_name``
    and ``language``) when the input is wrong, ``TemplateError`` for a bad template and
    ``FieldDeskError`` when the folder already holds an office.
    """
    store = opened.store
    if store.office.exists():
        raise FieldDeskError(f"{opened.folder.root} already holds an office; set-up is done only once")
    errors: dict[str, object] = dict(validation.validate_office(office))
    clerk_name = clerk_name.strip()
    if msg := validation.check_text(clerk_name, required=True):
        errors["clerk_name"] = msg
    if language not in LANGUAGES:
        errors["language"] = Message(UNKNOWN_LANGUAGE)
    if errors:
        raise ValidationError(errors)
    template = _read_template(Path(template_path))
    campaign = parse_template(template, source=Path(template_path).name)

    # The audit rows of the set-up name the clerk who did it.
    store.set_clerk(clerk_name)
    fingerprint = _office_key(opened)
    office = replace(office, key_fingerprint=fingerprint)
    with write_transaction(store.db):
        store.office.save(office)
        store.campaigns.add(campaign, template)
        store.office.record_key(fingerprint, reason=KEY_CREATED_REASON)

    opened.settings.clerk_name = clerk_name
    opened.settings.language = language
    opened.save_settings()
    return fingerprint


def _read_template(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(f"{path.name}: not a readable JSON template ({exc})") from None
    if not isinstance(data, dict):
        raise TemplateError(f"{path.name}: top level: must be an object")
    return data


def _office_key(opened: OpenFolder) -> str:
    """Create the office key; a key left by an interrupted set-up (no office yet) is reused."""
    keys = opened.folder.keys
    if signing.key_exists(keys):
        return signing.fingerprint(signing.load_private_key(keys))
    return signing.generate_key(keys)
