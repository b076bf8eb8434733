"""The pages of the first-run wizard: language, campaign template, clerk name, and the new
office key's fingerprint with "Save public key for headquarters…" (the office profile is
``office_page.py``).

The pages only collect and check; ``FirstRunWizard`` (``ui/wizard.py``) runs the set-up.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop_app.domain import validation
from desktop_app.domain.choices import IndicatorGroup, label
from desktop_app.domain.dates import format_date
from desktop_app.domain.models import Campaign
from desktop_app.domain.templates import load_template, templates_dir
from desktop_app.errors import TemplateError
from desktop_app.keys.fingerprint_text import fingerprint_lines
from desktop_app.ui import file_dialogs
from desktop_app.ui.i18n import label_text, language, message_text
from desktop_app.ui.pages.settings import LANGUAGE_NAMES, switch_language
from desktop_app.ui.styles import ERROR_STYLE, HELP_STYLE, OK_STYLE


def error_label() -> QLabel:
    lbl = QLabel()
    lbl.setStyleSheet(ERROR_STYLE)
    lbl.setWordWrap(True)
    lbl.hide()
    return lbl


def help_label() -> QLabel:
    lbl = QLabel()
    lbl.setStyleSheet(HELP_STYLE)
    lbl.setWordWrap(True)
    return lbl


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
class WelcomePage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_label = QLabel("Language / भाषा (&L):")  # both languages, Latin key
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language_combo")
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(language()), 0))
        self.language_label.setBuddy(self.language_combo)
        self.language_help = help_label()
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language_combo)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.language_help)
        layout.addStretch(1)
        self.language_combo.activated.connect(self._on_language)

    def _on_language(self, index: int) -> None:
        lang = self.language_combo.itemData(index)
        if lang != language():
            switch_language(lang)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to FieldDesk"))
        self.setSubTitle(self.tr("A few questions set up this computer for your office. It takes about five minutes."))
        self.intro.setText(self.tr(
            "FieldDesk keeps your office's campaign records — targets, daily progress, scrap disposal, "
            "cleanliness sites and events with photos — on this computer, without the Internet. "
            "When you are ready it makes a signed report for headquarters.\n\n"
            "You will need: the office's details, the campaign you report on, and your name."))
        self.language_help.setText(self.tr("You can change the language later in Settings."))


# ------------------------------------------------------------------------------------------
class TemplatePage(QWizardPage):
    """Which campaign the office reports on: title, phases with dates, indicators."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.templates = shipped_templates()
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
        body = QHBoxLayout(self)
        body.addLayout(left, 1)
        body.addWidget(scroll, 1)
        self.template_list.currentRowChanged.connect(self._show_details)
        self.template_list.currentRowChanged.connect(lambda _r: self.completeChanged.emit())
        if self.templates:
            self.template_list.setCurrentRow(0)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Campaign"))
        self.setSubTitle(self.tr("Choose the campaign your office reports on. Headquarters will tell you which."))
        self.list_label.setText(self.tr("&Campaigns:"))
        for n, (_path, campaign) in enumerate(self.templates):
            self.template_list.item(n).setText(label_text(campaign.title))
        if not self.templates:
            self.none_label.setText(self.tr("No campaign templates were found in %1.").replace(
                "%1", str(templates_dir())))
            self.none_label.show()
        self._show_details(self.template_list.currentRow())

    def selected(self) -> tuple[Path, Campaign] | None:
        row = self.template_list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def isComplete(self) -> bool:  # noqa: N802
        return self.selected() is not None

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


# ------------------------------------------------------------------------------------------
class ClerkPage(QWizardPage):
    """The clerk's name (the audit trail records it); pressing "Create office" sets all up."""

    def __init__(self, wizard: QWizard):  # the FirstRunWizard
        super().__init__(wizard)
        self._wizard = wizard
        self.setCommitPage(True)
        self.name_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("clerk_edit")
        self.name_edit.setMaxLength(validation.SHORT_TEXT)
        self.name_label.setBuddy(self.name_edit)
        self.name_error = error_label()
        self.help = help_label()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.create_error = error_label()
        form = QFormLayout()
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(self.name_edit)
        column.addWidget(self.name_error)
        form.addRow(self.name_label, column)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        layout.addWidget(self.create_error)
        layout.addStretch(1)
        self.name_edit.textEdited.connect(self._edited)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your name"))
        self.setSubTitle(self.tr("The clerk who keeps the records on this computer."))
        self.name_label.setText(self.tr("&Clerk name *"))
        self.name_edit.setPlaceholderText(self.tr("Your full name, e.g. Ravi Patil"))
        self.help.setText(self.tr("Every change saved in FieldDesk is recorded under this name. "
                                  "Another clerk can change it later in Settings."))
        self.initializePage()

    def initializePage(self) -> None:  # noqa: N802
        office = self._wizard.office_page.office()
        chosen = self._wizard.template_page.selected()
        self.summary.setText(
            "<p>" + html.escape(self.tr("Press Create office to set up:")) + "</p><ul>"
            + f"<li>{html.escape(office.code)} — {html.escape(office.name)}</li>"
            + (f"<li>{html.escape(label_text(chosen[1].title))}</li>" if chosen else "")
            + "<li>" + html.escape(self.tr("a signing key for this office")) + "</li></ul>")

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.name_edit.text().strip())

    def _edited(self, _text: str) -> None:
        msg = validation.check_text(self.name_edit.text().strip(), required=True)
        self.name_error.setText(message_text(msg) if msg else "")
        self.name_error.setVisible(msg is not None)
        self.completeChanged.emit()

    def validatePage(self) -> bool:  # noqa: N802
        return self._wizard.create_office()


# ------------------------------------------------------------------------------------------
class KeyPage(QWizardPage):
    """The new key's fingerprint, large and grouped, and the public key for headquarters."""

    def __init__(self, wizard: QWizard):  # the FirstRunWizard
        super().__init__(wizard)
        self._wizard = wizard
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprint_label")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.6)
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 105)
        self.fingerprint_label.setFont(font)
        self.fingerprint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                       | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.fingerprint_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.fingerprint_label.setStyleSheet("QLabel { background: #f8fafc; padding: 10px; }")
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_key_button")
        # Alt+S saves the key; Enter stays with the wizard's default button, Finish.
        self.save_button.setAutoDefault(False)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.private_note = help_label()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.fingerprint_label)
        layout.addLayout(row)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.private_note)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save_public_key)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Office created"))
        self.setSubTitle(self.tr("One last step: give headquarters your office's public key."))
        self.intro.setText(self.tr(
            "This is your office key's fingerprint. Headquarters registers your public key and reads "
            "this fingerprint back to you over the phone: both must match exactly."))
        self.save_button.setText(self.tr("&Save public key for headquarters…"))
        self.private_note.setText(self.tr(
            "Send the saved .pub.pem file to headquarters by e-mail or pen drive. The private key stays in "
            "the data folder on this computer: never send it to anyone."))

    def initializePage(self) -> None:  # noqa: N802
        self.fingerprint_label.setText(fingerprint_lines(self._wizard.fingerprint))
        finish = self._wizard.button(QWizard.WizardButton.FinishButton)
        finish.setDefault(True)
        # After the wizard has put the focus on the page's first button: the focus frame shows
        # where Enter goes.
        QTimer.singleShot(0, lambda: finish.setFocus(Qt.FocusReason.OtherFocusReason))

    def save_public_key(self) -> Path | None:
        # cryptography: not before the first paint
        from desktop_app.keys.signing import public_pem_path

        opened = self._wizard.opened
        code = self._wizard.office_page.office().code or "office"
        suggested = str(Path.home() / f"{code}.pub.pem")
        path = file_dialogs.save_file(self, self.tr("Save public key for headquarters"), suggested,
                                      self.tr("Public key (*.pem)"))
        if not path:
            return None
        dest = Path(path)
        try:
            shutil.copyfile(public_pem_path(opened.folder.keys), dest)
        except OSError as exc:
            self.saved_label.setStyleSheet(ERROR_STYLE)
            self.saved_label.setText(self.tr("Could not save the public key: %1").replace(
                "%1", exc.strerror or str(exc)))
            return None
        self.saved_label.setStyleSheet(OK_STYLE)
        self.saved_label.setText(self.tr("Public key saved: %1").replace("%1", str(dest)))
        return dest
