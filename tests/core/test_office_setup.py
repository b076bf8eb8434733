"""Office set-up (the wizard's and the CLI's use case) without Qt."""

from __future__ import annotations

import pytest

from desktop_app.domain.models import Office
from desktop_app.domain.templates import templates_dir
from desktop_app.errors import FieldDeskError, ValidationError
from desktop_app.keys import signing
from desktop_app.office_setup import create_office
from desktop_app.settings import Settings

OFFICE = Office(code="DL-042", name="Regional Office, Delhi", organisation="Ministry of Rural Development",
                state="Delhi", district="New Delhi", contact="011-2338-0000")
TEMPLATE = templates_dir() / "special-campaign-6.json"


def test_creates_office_campaign_settings_and_key(opened):
    fingerprint = create_office(opened, OFFICE, TEMPLATE, "  Asha Verma ", "hi")

    store = opened.store
    office = store.office.get()
    assert office.code == "DL-042" and office.name == "Regional Office, Delhi"
    assert office.key_fingerprint == fingerprint
    assert signing.FINGERPRINT_RE.match(fingerprint)
    assert store.campaigns.current().id == "special-campaign-6"
    assert len(store.campaigns.current().indicators) == 14

    keys = opened.folder.keys
    assert signing.key_path(keys).exists() and signing.public_pem_path(keys).exists()
    assert signing.fingerprint(signing.load_private_key(keys)) == fingerprint
    history = list(store.db["key_history"].rows)
    assert [(h["fingerprint"], h["retired_at"]) for h in history] == [(fingerprint, None)]

    saved = Settings.load(opened.folder.settings)
    assert (saved.clerk_name, saved.language) == ("Asha Verma", "hi")
    # The set-up itself is audited, under the clerk's name.
    trail = store.audit.recent()
    assert {a.table_name for a in trail} >= {"office", "campaign", "key_history"}
    assert all(a.clerk == "Asha Verma" for a in trail)


def test_bad_input_writes_nothing(opened):
    with pytest.raises(ValidationError) as err:
        create_office(opened, Office(code="dl 42", name=""), TEMPLATE, "", "fr")
    assert set(err.value.errors) == {"code", "name", "clerk_name", "language"}
    assert not opened.store.office.exists()
    assert opened.store.campaigns.all_ids() == []
    assert not signing.key_exists(opened.folder.keys)
    assert not opened.folder.settings.exists()


def test_database_failure_rolls_back_everything(opened, monkeypatch):
    def broken_add(*_a, **_k):
        raise FieldDeskError("disk is full")

    monkeypatch.setattr(opened.store.campaigns, "add", broken_add)
    with pytest.raises(FieldDeskError):
        create_office(opened, OFFICE, TEMPLATE, "Asha Verma", "en")
    assert not opened.store.office.exists()
    assert opened.store.db["key_history"].count == 0
    # A second attempt reuses the key the first one left, instead of failing on it.
    monkeypatch.undo()
    first_key = signing.fingerprint(signing.load_private_key(opened.folder.keys))
    assert create_office(opened, OFFICE, TEMPLATE, "Asha Verma", "en") == first_key


def test_refuses_a_folder_that_already_has_an_office(opened):
    create_office(opened, OFFICE, TEMPLATE, "Asha Verma", "en")
    with pytest.raises(FieldDeskError, match="already holds an office"):
        create_office(opened, OFFICE, TEMPLATE, "Asha Verma", "en")
