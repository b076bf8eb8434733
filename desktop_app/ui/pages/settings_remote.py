"""Settings' "Upload to headquarters" box: headquarters' address and key, set by the clerk.

Headquarters sends two things: the address of its receiver and its public key file
(``HQ.pub.pem``). The clerk pastes the address, types or chooses the key file, and saves;
the box then shows the key's fingerprint in four short lines to read back to headquarters
over the phone, as with the office's own key. The command line (``fielddesk remote set``)
does the same for those who script it (README); the clerk never sees it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from desktop_app.errors import FieldDeskError
from desktop_app.keys.fingerprint_text import fingerprint_lines
from desktop_app.ui import file_dialogs
from desktop_app.ui.styles import ERROR_STYLE, OK_STYLE


class RemoteBox(QGroupBox):
    """Address, key file, Save; ``saved`` once both are stored."""

    saved = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._build()
        self._connect()

    def _build(self) -> None:
        self.url_label = QLabel()
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://fielddesk.example.gov.in")
        self.url_label.setBuddy(self.url_edit)
        self.key_file_label = QLabel()
        self.key_file_edit = QLineEdit()
        self.key_file_label.setBuddy(self.key_file_edit)
        self.browse_button = QPushButton()
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_file_edit, 1)
        key_row.addWidget(self.browse_button)
        self.save_button = QPushButton()
        self.save_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.hq_key_label = QLabel()
        self.hq_key_value = QLabel()
        self.hq_key_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setWeight(QFont.Weight.Bold)
        self.hq_key_value.setFont(font)
        self.remote_status = QLabel()
        self.remote_status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.url_label, self.url_edit)
        form.addRow(self.key_file_label, key_row)
        form.addRow("", self.save_button)
        form.addRow(self.hq_key_label, self.hq_key_value)
        form.addRow(self.remote_status)
        QWidget.setTabOrder(self.url_edit, self.key_file_edit)
        QWidget.setTabOrder(self.key_file_edit, self.browse_button)
        QWidget.setTabOrder(self.browse_button, self.save_button)

    def _connect(self) -> None:
        self.browse_button.clicked.connect(self.choose_key_file)
        self.save_button.clicked.connect(self.save)
        self.url_edit.returnPressed.connect(self.key_file_edit.setFocus)
        self.key_file_edit.returnPressed.connect(self.save)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Upload to headquarters"))
        self.url_label.setText(self.tr("Headquarters' &address:"))
        self.url_edit.setToolTip(self.tr("Paste the address headquarters sent you (Ctrl+V)"))
        self.key_file_label.setText(self.tr("Headquarters' &key file:"))
        self.key_file_edit.setPlaceholderText(self.tr("HQ.pub.pem, from headquarters"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.save_button.setText(self.tr("Save address and ke&y"))
        self.hq_key_label.setText(self.tr("Key fingerprint:"))
        self.show_fingerprint()

    def show_fingerprint(self) -> None:
        fingerprint = self.ctx.settings.hq_key_fingerprint
        self.hq_key_value.setText(fingerprint_lines(fingerprint) if fingerprint else self.tr("not set yet"))

    def refresh(self) -> None:
        if not self.url_edit.isModified():
            self.url_edit.setText(self.ctx.settings.remote_url)

    def choose_key_file(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Headquarters' public key"), self.key_file_edit.text(),
                         self.tr("Public keys (*.pem)"))
        if path:
            self.key_file_edit.setText(path)
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """Store the address and headquarters' key (used to check its receipts); True when saved."""
        # cryptography: on Save, not on show
        from desktop_app.upload.remote import check_url, set_remote

        url, key_file = self.url_edit.text().strip(), self.key_file_edit.text().strip()
        try:
            check_url(url)
        except FieldDeskError:
            self._status(self.tr("'%1' is not a web address: write it like https://hq.example.gov.in/fielddesk")
                         .replace("%1", url), error=True)
            self.url_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if not key_file or not Path(key_file).is_file():
            self._status(self.tr("Choose headquarters' key file (HQ.pub.pem): type its name or press Alt+B."),
                         error=True)
            self.key_file_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        try:
            fingerprint = set_remote(self.ctx.opened, url, Path(key_file))
        except FieldDeskError as exc:
            self._status(str(exc), error=True)
            return False
        self.url_edit.setModified(False)
        self.show_fingerprint()
        self._status(self.tr("Saved. Read this fingerprint back to headquarters over the phone: both must "
                             "match exactly. %1").replace("%1", fingerprint))
        self.saved.emit()
        return True

    def _status(self, text: str, *, error: bool = False) -> None:
        self.remote_status.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.remote_status.setText(text)
