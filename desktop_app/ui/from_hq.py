"""What headquarters sends an office, taken in from the File menu: a campaign file (by pen
drive, or offered during an upload) and receipts brought by pen drive; and the office's
campaigns to view, the earlier ones read-only.

A campaign is never applied unseen: the file is checked (``campaigns.office_import``), its
key trusted only after the clerk read the fingerprint back to headquarters, its changes
shown, and applied only on Apply. A refusal is one line in the clerk's language; nothing
changes. Each flow first asks before dropping figures typed and not saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop_app.errors import FieldDeskError
from desktop_app.ui import file_dialogs
from desktop_app.ui.i18n import label_text, message_text

translate = QCoreApplication.translate


def _error_text(exc: FieldDeskError) -> str:
    return message_text(getattr(exc, "message", None) or exc)


def _leave_unsaved(window) -> bool:
    """Figures typed and not saved would be shown against another campaign: ask first."""
    pages = [p for p in getattr(window, "pages", []) if p.has_unsaved_changes()]
    if not pages:
        return True
    answer = QMessageBox.question(
        window, translate("FromHQ", "Unsaved changes"),
        translate("FromHQ", "A page has changes that are not saved. Discard them?"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Discard:
        return False
    for page in pages:
        if hasattr(page, "discard_changes"):
            page.discard_changes()
    return True


def import_campaign_file(window: QWidget, ctx, path: str | None = None) -> bool:
    """Check a campaign file, show what it changes, apply it on Apply. True when applied."""
    from desktop_app.campaigns.office_import import SAME, apply_import, prepare_import
    from desktop_app.ui.campaign_dialogs import CampaignChangesDialog, TrustKeyDialog

    title = translate("FromHQ", "Campaign from headquarters")
    if not _leave_unsaved(window):
        return False
    if path is None:
        path = file_dialogs.open_file(window, translate("FromHQ", "Import a campaign file"), str(Path.home()),
                                      translate("FromHQ", "Campaign files (*.fdcampaign)"))
        if not path:
            return False
    try:
        plan = prepare_import(ctx.opened, Path(path))
    except FieldDeskError as exc:
        QMessageBox.warning(window, title, _error_text(exc))
        return False
    if plan.kind == SAME:
        QMessageBox.information(window, title, translate("FromHQ", "This office already has %1, version %2: nothing "
                                                   "to change.").replace("%1", label_text(plan.campaign.title))
                                .replace("%2", str(plan.campaign.version)))
        return False
    if plan.needs_trust and TrustKeyDialog(plan.fingerprint, window).exec() != QDialog.DialogCode.Accepted:
        QMessageBox.information(window, title, translate("FromHQ", "The key was not trusted: nothing was changed."))
        return False
    if CampaignChangesDialog(plan, window).exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        campaign = apply_import(ctx.opened, plan, trust=plan.needs_trust)
    except FieldDeskError as exc:
        QMessageBox.warning(window, title, _error_text(exc))
        return False
    ctx.view_campaign(None)
    ctx.changed("campaign")
    if plan.kind == "new":
        done = translate("FromHQ", "%1 is now the current campaign.").replace("%1", label_text(campaign.title))
    else:
        done = translate("FromHQ", "%1 is now version %2; every entry was kept.").replace(
            "%1", label_text(campaign.title)).replace("%2", str(campaign.version))
    QMessageBox.information(window, title, done)
    return True


def import_receipt_files(window: QWidget, ctx, paths: list[str] | None = None) -> int:
    """Mark bundles accepted or rejected from receipt files; returns how many were taken."""
    from desktop_app.upload.receipt_import import import_receipt

    title = translate("FromHQ", "Receipts from headquarters")
    if paths is None:
        paths = file_dialogs.open_files(window, translate("FromHQ", "Import receipts"), str(Path.home()),
                                        translate("FromHQ", "Receipts (*.fdreceipt)"))
        if not paths:
            return 0
    lines, taken, refused = [], 0, 0
    for path in paths:
        try:
            done = import_receipt(ctx.opened, Path(path))
        except FieldDeskError as exc:
            refused += 1
            lines.append(_error_text(exc))
            continue
        taken += 1
        if done.accepted:
            lines.append(translate("FromHQ", "%1 (bundle no. %2): accepted by headquarters").replace(
                "%1", done.bundle_file).replace("%2", str(done.seq)))
        else:
            lines.append(translate("FromHQ", "%1 (bundle no. %2): rejected by headquarters: %3").replace(
                "%1", done.bundle_file).replace("%2", str(done.seq)).replace("%3", done.reason))
    if taken:
        ctx.changed("upload_state")
    text = "\n\n".join(lines)
    if refused:
        QMessageBox.warning(window, title, text)
    else:
        QMessageBox.information(window, title, text)
    return taken


def show_campaigns(window: QWidget, ctx) -> str | None:
    """The office's campaigns; View shows the chosen one on every page. Returns its id."""
    from desktop_app.ui.campaign_dialogs import CampaignsDialog

    dialog = CampaignsDialog(ctx, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return None
    if dialog.chosen != ctx.campaign.id and _leave_unsaved(window):
        current = ctx.store.campaigns.current().id
        ctx.view_campaign(None if dialog.chosen == current else dialog.chosen)
    return dialog.chosen
