"""The wizard's campaign page: the campaign the office reports on (a template shipped with
FieldDesk, or a campaign file from headquarters) and, optionally, headquarters' key.

A campaign file is checked before it is listed: with the key given here, or — with none
given — with the key the file carries, once the clerk has read its fingerprint back to
headquarters over the phone (``campaign_dialogs.TrustKeyDialog``). The key is trusted when
the office is created (``FirstRunWizard.create_office``).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWizardPage,
)

from desktop_app.domain.choices import IndicatorGroup, label
from desktop_app.domain.dates import format_date
from desktop_app.domain.models import Campaign
from desktop_app.domain.templates import load_template, templates_dir
from desktop_app.errors import FieldDeskError, TemplateError
from desktop_app.ui.i18n import label_text, language, message_text
from desktop_app.ui.styles import ERROR_STYLE, HELP_STYLE
from desktop_app.ui.wizard.pages import error_label, help_label


def shipped_templates() -> list[tuple[Path, Campaign]]:
    """Every readable template file with its campaign (a broken file is left out)."""
    found = []
    for path in sorted(templates_dir().glob("*.json")):
        try:
            found.append((path, load_template(path)))
        except TemplateError:
            continue
    return found


# ------------------------------------------------------------------------------------------
class TemplatePage(QWizardPage):
    """Which campaign the office reports on: title, phases with dates, indicators; and,
    optionally, headquarters' key (``HQ.pub.pem``), which checks the campaigns and receipts
    headquarters sends. A campaign file from headquarters (``.fdcampaign``) may be chosen
    too: checked with that key, or — with none given — with the key the file carries once
    the clerk has read its fingerprint back to headquarters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.templates = shipped_templates()
        self.packages: dict[Path, object] = {}  # campaign files from headquarters, by path
        self.confirmed_key = None  # a campaign file's key, trusted after the fingerprint was read
        self.list_label = QLabel()
        self.template_list = QListWidget()
        self.template_list.setObjectName("template_list")
        self.template_list.setWordWrap(True)  # long bilingual titles wrap instead of being cut
        self.template_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.template_list.setSpacing(2)
        self.list_label.setBuddy(self.template_list)
        for _path, _campaign in self.templates:
            self.template_list.addItem(QListWidgetItem())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setContentsMargins(8, 4, 8, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        left = QVBoxLayout()
        left.addWidget(self.list_label)
        left.addWidget(self.template_list, 1)
        self.none_label = error_label()
        left.addWidget(self.none_label)
        self.file_button = QPushButton()
        self.file_button.setObjectName("campaign_file_button")
        self.file_button.setAutoDefault(False)
        left.addWidget(self.file_button)
        self.hq_key_label = QLabel()
        self.hq_key_edit = QLineEdit()
        self.hq_key_edit.setObjectName("hq_key_edit")
        self.hq_key_label.setBuddy(self.hq_key_edit)
        self.hq_key_browse = QPushButton()
        self.hq_key_browse.setAutoDefault(False)
        key_row = QHBoxLayout()
        key_row.addWidget(self.hq_key_edit, 1)
        key_row.addWidget(self.hq_key_browse)
        self.hq_key_note = help_label()
        self.hq_key_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.hq_key_label)
        left.addLayout(key_row)
        left.addWidget(self.hq_key_note)
        body = QHBoxLayout(self)
        body.addLayout(left, 1)
        body.addWidget(scroll, 1)
        self.template_list.currentRowChanged.connect(self._show_details)
        self.template_list.currentRowChanged.connect(lambda _r: self.completeChanged.emit())
        self.hq_key_edit.textChanged.connect(lambda _t: self._show_key())
        self.hq_key_browse.clicked.connect(self.choose_hq_key)
        self.file_button.clicked.connect(lambda: self.open_campaign_file())
        if self.templates:
            self.template_list.setCurrentRow(0)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Campaign"))
        self.setSubTitle(self.tr("Choose the campaign your office reports on. Headquarters will tell you which."))
        self.list_label.setText(self.tr("&Campaigns:"))
        self.file_button.setText(self.tr("Campaign file from &headquarters…"))
        self.hq_key_label.setText(self.tr("Headquarters' &key file (optional, HQ.pub.pem):"))
        self.hq_key_browse.setText(self.tr("Bro&wse…"))
        for n, (path, campaign) in enumerate(self.templates):
            text = label_text(campaign.title)
            if path in self.packages:
                text = self.tr("%1 (from headquarters, version %2)").replace("%1", text).replace(
                    "%2", str(campaign.version))
            self.template_list.item(n).setText(text)
        self._show_key()
        if not self.templates:
            self.none_label.setText(self.tr("No campaign templates were found in %1.").replace(
                "%1", str(templates_dir())))
            self.none_label.show()
        self._show_details(self.template_list.currentRow())

    def selected(self) -> tuple[Path, Campaign] | None:
        row = self.template_list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def isComplete(self) -> bool:  # noqa: N802
        return self.selected() is not None and self._typed_key() is not False

    # -- headquarters' key and campaign files -----------------------------------------------
    def _typed_key(self):
        """The key in the key file field: None when empty, False when it is not a key."""
        from desktop_app.keys.signing import load_public_key_file

        text = self.hq_key_edit.text().strip()
        if not text:
            return None
        try:
            return load_public_key_file(Path(text))
        except FieldDeskError:
            return False

    def hq_key(self):
        """The headquarters key to trust once the office is set up (or None)."""
        typed = self._typed_key()
        return typed if typed else self.confirmed_key

    def _show_key(self) -> None:
        from desktop_app.keys.signing import fingerprint

        key = self._typed_key()
        if key is False:
            self.hq_key_note.setStyleSheet(ERROR_STYLE)
            self.hq_key_note.setText(self.tr("Not a public key file: choose HQ.pub.pem from headquarters, "
                                             "or leave this empty."))
        else:
            self.hq_key_note.setStyleSheet(HELP_STYLE)
            key = key or self.confirmed_key
            self.hq_key_note.setText(
                self.tr("Read this fingerprint back to headquarters over the phone: %1").replace(
                    "%1", fingerprint(key)) if key is not None else
                self.tr("Headquarters' key checks the campaigns and receipts it sends. It can be set "
                        "later in Settings."))
        self.completeChanged.emit()

    def choose_hq_key(self) -> None:
        from desktop_app.ui import file_dialogs

        path = file_dialogs.open_file(self, self.tr("Headquarters' public key"), str(Path.home()),
                                      self.tr("Public keys (*.pem)"))
        if path:
            self.hq_key_edit.setText(path)

    def open_campaign_file(self, path: str | None = None) -> bool:
        """Add a campaign file from headquarters to the list (checked first); True when added."""
        from desktop_app.campaigns.package import read_package
        from desktop_app.ui import file_dialogs
        from desktop_app.ui.campaign_dialogs import TrustKeyDialog

        if path is None:
            path = file_dialogs.open_file(self, self.tr("Campaign file from headquarters"), str(Path.home()),
                                          self.tr("Campaign files (*.fdcampaign)"))
            if not path:
                return False
        try:
            package = read_package(Path(path))
        except FieldDeskError as exc:
            QMessageBox.warning(self, self.tr("Campaign file"), message_text(getattr(exc, "message", exc)))
            return False
        key = self.hq_key()
        if key is None:
            if TrustKeyDialog(package.signer_fingerprint, self).exec() != QDialog.DialogCode.Accepted:
                return False
            self.confirmed_key = key = package.signer
        if not package.signed_by(key):
            QMessageBox.warning(self, self.tr("Campaign file"), self.tr(
                "%1 is not signed by headquarters' key given here: it is not used.").replace(
                "%1", package.file_name))
            return False
        self.templates = [t for t in self.templates if t[1].id != package.campaign.id or t[0] in self.packages]
        entry = (Path(path), package.campaign)
        self.packages[entry[0]] = package
        self.templates.append(entry)
        self.template_list.clear()
        for _ in self.templates:
            self.template_list.addItem(QListWidgetItem())
        self.retranslate()
        self.template_list.setCurrentRow(len(self.templates) - 1)
        self.template_list.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self.templates):
            self.details.clear()
            return
        campaign = self.templates[row][1]
        lang = language()
        esc = html.escape
        parts = [f"<h3>{esc(label_text(campaign.title))}</h3>", "<table cellspacing='0' cellpadding='2'>"]
        for phase in sorted(campaign.phases, key=lambda p: p.start):
            parts.append(f"<tr><td><b>{esc(label_text(phase.title))}</b>&nbsp;&nbsp;</td>"
                         f"<td>{format_date(phase.start)} – {format_date(phase.end)}</td></tr>")
        parts.append("</table>")
        with_target = sum(1 for i in campaign.indicators if i.has_target)
        parts.append("<p>" + esc(self.tr("%1 indicators", None, len(campaign.indicators))
                                 .replace("%1", str(len(campaign.indicators))) + ", "
                                 + self.tr("%1 of them with targets:", None, with_target)
                                 .replace("%1", str(with_target))) + "</p>")
        for group in IndicatorGroup:
            members = [i for i in campaign.indicators if i.group is group]
            if members:
                items = "".join(f"<li>{esc(label_text(i.title))}</li>" for i in members)
                parts.append(f"<p style='margin-bottom:0'><b>{esc(label(group, lang))}</b></p>"
                             f"<ul style='margin-top:0'>{items}</ul>")
        self.details.setText("".join(parts))
