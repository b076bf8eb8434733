"""The campaign cycle in the window, by keyboard: a campaign file from headquarters (its key
confirmed by fingerprint, its changes read, then applied), figures under the new campaign,
the export, the receipt from the pen drive (published and answered by a real headquarters
folder: hq campaign publish, hq import --receipts); an earlier campaign viewed read-only; every
refusal one line with nothing changed."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.keys import signing
from tests.conftest import TODAY
from tests.core.campaigns.kit import HQ, shipped, snapshot, version_two
from tests.ui.keyboard import alt, ctrl, key, run, type_, until

K = Qt.Key
ENTER = K.Key_Return


@pytest.fixture
def window(qtbot, tmp_path):
    """The demo office with its signing key (it exports), as a clerk sees it."""
    from desktop_app.demo import populate
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.store import open_folder
    from desktop_app.ui.app import create_app

    home = tmp_path / "demo"
    with open_folder(home, today=lambda: TODAY) as opened:
        populate(opened)
        create_office_key(opened, reason="tests")
    _app, win, opened = create_app(home, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.shortcuts_ready)
    yield win
    win.close()
    opened.close()


def modal(name: str) -> bool:
    widget = QApplication.activeModalWidget()
    return widget is not None and type(widget).__name__ == name


def no_modal() -> bool:
    return QApplication.activeModalWidget() is None


def running_campaign() -> dict:
    """Special Campaign 7.0, already running on the tests' TODAY (20.11.2026)."""
    data = copy.deepcopy(shipped())
    data["id"] = "special-campaign-7"
    data["title"] = {"en": "Special Campaign 7.0", "hi": "विशेष अभियान 7.0"}
    data["phases"][0].update(start="2026-11-01", end="2026-11-10")
    data["phases"][1].update(start="2026-11-11", end="2027-03-31")
    return data


class Headquarters:
    """A real headquarters folder (SQLite): its key, ``hq campaign publish`` and ``hq import
    --receipts`` as the command line runs them."""

    def __init__(self, root):
        from desktop_app.hq.database import open_hq
        from desktop_app.hq.receipts import init_hq_key, load_hq_key

        self.hq = open_hq(root)
        init_hq_key(self.hq.folder.keys)
        self.key = load_hq_key(self.hq.folder.keys)

    def publish(self, template: dict):
        from desktop_app.hq.published import publish_campaign

        return self.hq.folder.published / publish_campaign(self.hq, template, self.key).file_name

    def register(self, opened) -> None:
        from desktop_app.hq.registry import register_key

        register_key(self.hq, (opened.folder.keys / "office.pub.pem").read_bytes(),
                     opened.store.office.get().code)

    def receipt_file(self, bundle, out_dir) -> str:
        from desktop_app.hq.queue import claimed_office, import_files
        from desktop_app.hq.receipts import write_receipt_file

        (result,) = import_files(self.hq, [bundle])
        return str(write_receipt_file(out_dir, self.key, bundle, result.outcome,
                                      claimed_office=claimed_office(bundle)))

    def close(self) -> None:
        self.hq.close()


def test_a_campaign_from_headquarters_to_accepted_by_keyboard(qtbot, window, tmp_path, ui_dialogs):
    from desktop_app.ui.pages.export import ExportPage

    hq = Headquarters(tmp_path / "hq")
    path = hq.publish(running_campaign())
    ctx, store = window.ctx, window.ctx.store
    hq.register(ctx.opened)
    shown: dict = {}

    def scenario():
        yield alt(K.Key_F)                                   # File
        yield key(K.Key_I)                                   # Import campaign file…
        yield until(lambda: modal("QFileDialog"), "the file dialog", 30)
        yield type_(str(path))
        yield key(ENTER)
        yield until(lambda: modal("TrustKeyDialog"), "the key's fingerprint to read back", 30)
        dialog = QApplication.activeModalWidget()
        shown["fingerprint"] = dialog.fingerprint_label.text()
        yield alt(K.Key_T)                                   # Trust this key
        yield until(lambda: modal("CampaignChangesDialog"), "what changes", 30)
        changes = QApplication.activeModalWidget().changes_list
        shown["changes"] = [changes.item(i).text() for i in range(changes.count())]
        yield alt(K.Key_A)                                   # Apply
        yield until(lambda: no_modal() and ctx.campaign.id == "special-campaign-7", "the new campaign", 30)
        yield ctrl(K.Key_3)                                  # daily progress, first figure
        yield until(lambda: window.stack.currentWidget().table.hasFocus(), "the day's first figure")
        yield type_("7")
        yield key(ENTER, Qt.KeyboardModifier.ControlModifier)
        yield until(lambda: store.progress.for_day("special-campaign-7", TODAY), "the figure saved")
        yield ctrl(K.Key_E)
        yield until(lambda: store.exports.last("special-campaign-7") is not None and no_modal(),
                    "the bundle exported", 60)
        export = store.exports.last("special-campaign-7")
        receipt = hq.receipt_file(ctx.folder.exports / export.file_name, tmp_path / "pen")
        yield alt(K.Key_F)
        yield key(K.Key_R)                                   # Import receipts…
        yield until(lambda: modal("QFileDialog"), "the receipts' file dialog", 30)
        yield type_(receipt)
        yield key(ENTER)
        yield until(lambda: any("accepted by headquarters" in text for _k, text in ui_dialogs),
                    "the receipt taken")

    try:
        run(qtbot, scenario())
    finally:
        hq.close()
    assert "".join(shown["fingerprint"].split()) == "".join(signing.fingerprint(hq.key).split())
    assert shown["changes"][0].startswith("New campaign: Special Campaign 7.0 (version 1)")
    assert store.campaigns.current().id == "special-campaign-7"
    assert ctx.settings.hq_key_fingerprint == signing.fingerprint(hq.key)
    assert "Special Campaign 7.0" in window.status_office.text()
    (entry,) = store.progress.for_day("special-campaign-7", TODAY).values()
    assert entry.value == 7 and entry.indicator_code == "mp_references"
    export = store.exports.last("special-campaign-7")
    panel = window.page(ExportPage).upload_panel
    panel.refresh()
    model = panel.model
    texts = [str(model.data(model.index(r, c))) for r in range(model.rowCount())
             for c in range(model.columnCount())]
    assert texts == [export.file_name, "accepted by headquarters"]


def test_an_earlier_campaign_is_viewed_read_only_and_exported(qtbot, window, tmp_path, ui_dialogs):
    from desktop_app.campaigns.hq_key import trust_hq_key_file
    from desktop_app.ui.pages.progress import ProgressPage
    from desktop_app.ui.pages.registers import ScrapPage
    from desktop_app.ui.pages.targets import TargetsPage

    hq = HQ(tmp_path / "hq")
    ctx, store = window.ctx, window.ctx.store
    trust_hq_key_file(ctx.opened, hq.pem)
    path = hq.publish(running_campaign())
    shown: dict = {}

    def scenario():
        yield alt(K.Key_F)
        yield key(K.Key_I)
        yield until(lambda: modal("QFileDialog"), "the file dialog", 30)
        yield type_(str(path))
        yield key(ENTER)
        yield until(lambda: modal("CampaignChangesDialog"), "what changes (the key is trusted)", 30)
        yield key(ENTER)                                     # Apply is the default
        yield until(lambda: no_modal() and ctx.campaign.id == "special-campaign-7", "applied", 30)
        yield alt(K.Key_F)
        yield key(K.Key_C)                                   # Campaigns…
        yield until(lambda: modal("CampaignsDialog"), "the campaigns", 30)
        table = QApplication.activeModalWidget().table
        shown["rows"] = [table.item(r, 0).text() for r in range(table.rowCount())]
        yield key(K.Key_Down)                                # the earlier one
        yield key(ENTER)                                     # View
        yield until(lambda: no_modal() and ctx.campaign.id == "special-campaign-6", "the earlier campaign")

    run(qtbot, scenario())
    assert shown["rows"] == ["Special Campaign 7.0 (version 1)",
                             "Special Campaign 6.0 for Disposal of Pending Matters (version 1)"]
    assert window.campaign_banner.isVisible()
    assert "You are viewing an earlier campaign, Special Campaign 6.0" in window.campaign_banner.text()
    targets = window.show_page(TargetsPage)
    assert not targets.save_button.isEnabled() and targets.model.read_only
    assert not targets.model.flags(targets.model.index(1, 1)) & Qt.ItemFlag.ItemIsEditable
    progress = window.show_page(ProgressPage)
    assert not progress.save_button.isEnabled() and progress.model.read_only
    scrap = window.show_page(ScrapPage)
    assert scrap.model.rowCount() == 40  # the earlier campaign's register, shown
    assert not scrap.new_button.isEnabled() and not scrap.delete_button.isEnabled()
    assert not scrap.form.isEnabled()
    before = store.conn.execute("SELECT count(*) FROM scrap_disposal").fetchone()
    scrap.new_record()  # Ctrl+N does nothing here
    assert store.conn.execute("SELECT count(*) FROM scrap_disposal").fetchone() == before
    # exported and printed as the earlier campaign
    from desktop_app.ui.pages.export import ExportPage

    export = window.show_page(ExportPage)
    export.start_export()
    qtbot.waitUntil(lambda: store.exports.last("special-campaign-6") is not None, timeout=60_000)
    assert store.exports.last("special-campaign-7") is None
    # back to the current one
    ctx.view_campaign(None)
    assert not window.campaign_banner.isVisible()
    assert window.show_page(TargetsPage).save_button.isEnabled()


@pytest.mark.parametrize("case", ["damaged", "other-key", "older"])
def test_a_refused_campaign_file_is_one_line_and_changes_nothing(window, tmp_path, ui_dialogs, case):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.campaigns.hq_key import trust_hq_key_file
    from desktop_app.campaigns.office_import import apply_import, prepare_import

    hq = HQ(tmp_path / "hq")
    opened = window.ctx.opened
    trust_hq_key_file(opened, hq.pem)
    apply_import(opened, prepare_import(opened, hq.publish(version_two())))
    window.ctx.view_campaign(None)
    if case == "damaged":
        path = tmp_path / "broken.fdcampaign"
        path.write_bytes(b"not a campaign")
    elif case == "other-key":
        path = hq.publish(version_two() | {"version": 3}, key=Ed25519PrivateKey.generate())
    else:
        path = hq.publish(shipped())
    before = snapshot(opened)
    assert window.import_campaign_file(str(path)) is False
    (kind, text), = ui_dialogs
    assert kind == "warning" and text.startswith("Campaign from headquarters: ")
    assert text.endswith("Nothing was changed.") and "\n" not in text
    assert snapshot(opened) == before


def test_an_upgrade_shows_renamed_added_removed_and_keeps_entries(window, tmp_path, ui_dialogs, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from desktop_app.campaigns.hq_key import trust_hq_key_file
    from desktop_app.ui import campaign_dialogs

    hq = HQ(tmp_path / "hq")
    ctx, store = window.ctx, window.ctx.store
    trust_hq_key_file(ctx.opened, hq.pem)
    before = store.campaigns.record_count("special-campaign-6")
    seen = []

    def read_and_apply(dialog):
        seen.extend(dialog.changes_list.item(i).text() for i in range(dialog.changes_list.count()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(campaign_dialogs.CampaignChangesDialog, "exec", read_and_apply)
    assert window.import_campaign_file(str(hq.publish(version_two())))
    assert any(line.startswith("Renamed: “References from MPs” becomes") for line in seen)
    assert any(line.startswith("New indicator: Court cases reviewed") for line in seen)
    assert any(line.startswith("Removed indicator: Public Grievance Appeals") for line in seen)
    assert store.campaigns.record_count("special-campaign-6") == before
    assert ctx.campaign.version == 2
    from desktop_app.ui.pages.dashboard import DashboardPage

    dashboard = window.show_page(DashboardPage)
    labels = [r.indicator.title.en for r in dashboard.summary.rows]
    assert "Public Grievance Appeals (retired)" in labels
    assert "References from Members of Parliament" in labels
    assert date(2027, 1, 14) == ctx.campaign.end


# -- the first-run wizard: headquarters' key and a campaign file ---------------------------------


@pytest.fixture
def wizard(qtbot, tmp_path):
    from desktop_app.ui.app import create_app

    _app, wiz, opened = create_app(tmp_path / "new-office", today=lambda: TODAY)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    yield wiz
    opened.close()


def _to_campaign_page(wizard):
    yield until(lambda: wizard.welcome_page.language_combo.hasFocus(), "the welcome page")
    yield key(ENTER)
    yield until(lambda: wizard.office_page.edits["code"].hasFocus(), "the office code")
    yield type_("DL-042")
    yield key(K.Key_Tab)
    yield type_("Regional Office, Delhi")
    yield key(ENTER)
    yield until(lambda: wizard.currentPage() is wizard.template_page, "the campaign page")


def _finish(wizard):
    yield key(ENTER)                                          # Next
    yield until(lambda: wizard.clerk_page.name_edit.hasFocus(), "the clerk's name")
    yield type_("Asha Verma")
    yield key(ENTER)                                          # Create office
    yield until(lambda: wizard.currentPage() is wizard.key_page, "the office key", 20)


def test_the_wizard_sets_up_with_a_campaign_file_and_trusts_its_key_by_fingerprint(qtbot, wizard, tmp_path):
    hq = HQ(tmp_path / "hq")
    path = hq.publish(running_campaign())
    page = wizard.template_page

    def scenario():
        yield from _to_campaign_page(wizard)
        yield alt(K.Key_H)                                    # Campaign file from headquarters…
        yield until(lambda: modal("QFileDialog"), "the file dialog", 30)
        yield type_(str(path))
        yield key(ENTER)
        yield until(lambda: modal("TrustKeyDialog"), "the fingerprint to read back", 30)
        yield alt(K.Key_T)
        yield until(lambda: no_modal() and page.selected()[1].id == "special-campaign-7", "the file listed", 30)
        yield from _finish(wizard)

    run(qtbot, scenario())
    assert page.template_list.currentItem().text() == "Special Campaign 7.0 (from headquarters, version 1)"
    store = wizard.opened.store
    assert store.campaigns.current().id == "special-campaign-7"
    assert store.campaigns.listing()[0].signed_by == signing.fingerprint(hq.key)
    assert wizard.opened.settings.hq_key_fingerprint == signing.fingerprint(hq.key)
    assert store.campaigns.all_ids() == ["special-campaign-7"]


def test_the_wizard_takes_headquarters_key_and_refuses_a_file_it_did_not_sign(qtbot, wizard, tmp_path,
                                                                              ui_dialogs):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    hq = HQ(tmp_path / "hq")
    stranger = hq.publish(running_campaign(), key=Ed25519PrivateKey.generate())
    page = wizard.template_page

    def scenario():
        yield from _to_campaign_page(wizard)
        yield alt(K.Key_K)                                    # Headquarters' key file
        yield until(lambda: page.hq_key_edit.hasFocus(), "the key file field")
        yield type_("nonsense.pem")
        yield until(lambda: not wizard.button(wizard.WizardButton.NextButton).isEnabled(), "Next held back")
        yield key(K.Key_A, Qt.KeyboardModifier.ControlModifier)
        yield type_(str(hq.pem))
        yield until(lambda: signing.fingerprint(hq.key) in page.hq_key_note.text(), "the fingerprint shown")
        yield alt(K.Key_H)
        yield until(lambda: modal("QFileDialog"), "the file dialog", 30)
        yield type_(str(stranger))
        yield key(ENTER)
        yield until(lambda: ui_dialogs, "the refusal", 30)
        yield alt(K.Key_C)                                    # back to the list of campaigns
        yield from _finish(wizard)

    run(qtbot, scenario())
    (kind, text), = ui_dialogs
    assert kind == "warning" and "is not signed by headquarters' key given here" in text
    assert wizard.opened.store.campaigns.current().id == "district-outreach-2026"  # the first listed
    assert wizard.opened.settings.hq_key_fingerprint == signing.fingerprint(hq.key)
