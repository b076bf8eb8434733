"""The dialogs of the campaign cycle: trust headquarters' key by its fingerprint, read what a
campaign file changes before applying it, and choose which of the office's campaigns to view.

Keyboard: each dialog opens with the cursor on its safe or usual button — Cancel when a key
is to be trusted (Alt+T trusts it), Apply when the changes were read (Esc cancels), View in
the list of campaigns (arrows choose, Enter views). Access keys are Latin letters in Hindi too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.campaigns.office_import import NEW, CampaignImport
from desktop_app.domain.numbers import format_count
from desktop_app.ui.i18n import label_text, language, message_text
from desktop_app.ui.pages.settings_remote import fingerprint_lines


class _Dialog(QDialog):
    """A dialog that puts the cursor on ``first_focus`` once shown (Qt would pick its own)."""

    first_focus: QWidget | None = None

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.first_focus is not None:
            self.first_focus.setFocus(Qt.FocusReason.OtherFocusReason)


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _fingerprint_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fingerprint_label")
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10) * 1.5)
    font.setWeight(QFont.Weight.Bold)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setStyleSheet("QLabel { background: #f8fafc; padding: 10px; }")
    return label


class TrustKeyDialog(_Dialog):
    """No headquarters key is set yet: the key that signed the file, to read back by phone."""

    def __init__(self, fingerprint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Headquarters' key"))
        self.intro = _wrapped(self.tr(
            "No headquarters key is set on this computer yet. This campaign file is signed by the "
            "key below. Call headquarters and read these four lines out: trust the key only if "
            "every group matches what headquarters reads back."))
        self.fingerprint_label = _fingerprint_label()
        self.fingerprint_label.setText(fingerprint_lines(fingerprint))
        self.note = _wrapped(self.tr("From then on, campaigns and receipts are accepted only when "
                                     "this key signed them."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.trust_button = QPushButton(self.tr("&Trust this key"))
        self.trust_button.setObjectName("trust_button")
        self.buttons.addButton(self.trust_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter keeps the safe answer: nothing is trusted
        self.trust_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.fingerprint_label)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.first_focus = cancel


class CampaignChangesDialog(_Dialog):
    """What importing a campaign file changes, one line each, before it is applied."""

    def __init__(self, plan: CampaignImport, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        new = plan.campaign
        self.setWindowTitle(self.tr("Campaign from headquarters"))
        if plan.kind == NEW:
            heading = self.tr("A new campaign: %1 (version %2)").replace(
                "%1", label_text(new.title)).replace("%2", str(new.version))
            note = self.tr("It becomes the current campaign. The records of earlier campaigns stay: "
                           "they can still be viewed, exported and printed, not changed.")
        else:
            old = plan.changes.old
            heading = self.tr("%1: version %2 replaces version %3").replace(
                "%1", label_text(new.title)).replace("%2", str(new.version)).replace(
                "%3", str(old.version if old else "?"))
            note = self.tr("Every entry is kept. An indicator the new version removes keeps its "
                           "entries, shown as retired.")
        self.heading = _wrapped(heading)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.list_label = _wrapped(self.tr("What changes:"))
        self.changes_list = QListWidget()
        self.changes_list.setObjectName("changes_list")
        self.changes_list.setWordWrap(True)
        lines = plan.changes.lines(language())
        for line in lines:
            self.changes_list.addItem(QListWidgetItem(message_text(line)))
        if not lines:
            self.changes_list.addItem(QListWidgetItem(self.tr("Nothing an office sees changes.")))
        self.list_label.setBuddy(self.changes_list)
        self.note = _wrapped(note)
        self.signed = _wrapped(self.tr("Signed by headquarters' key %1…").replace(
            "%1", plan.fingerprint[:19]))
        self.signed.setStyleSheet("color: #4b5563;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = QPushButton(self.tr("&Apply"))
        self.apply_button.setObjectName("apply_button")
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.list_label, self.changes_list, self.note, self.signed,
                       self.buttons):
            layout.addWidget(widget)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(720, min(520, screen.height() - 80) if screen is not None else 520)
        self.first_focus = self.apply_button


class CampaignsDialog(_Dialog):
    """The office's campaigns, the current one first; View shows the chosen one's records."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: str | None = None
        self.listing = ctx.store.campaigns.listing()
        self.setWindowTitle(self.tr("Campaigns"))
        self.intro = _wrapped(self.tr("New records go to the current campaign. An earlier campaign's "
                                      "records can be viewed, exported and printed, not changed."))
        self.table = QTableWidget(len(self.listing), 4)
        self.table.setObjectName("campaigns_table")
        self.table.setHorizontalHeaderLabels([self.tr("Campaign"), self.tr("Dates"),
                                              self.tr("State"), self.tr("Records")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        for row, c in enumerate(self.listing):
            state = self.tr("current") if c.current else self.tr("earlier, read-only")
            values = [self.tr("%1 (version %2)").replace("%1", label_text(c.title)).replace("%2", str(c.version)),
                      f"{c.start:%d.%m.%Y} – {c.end:%d.%m.%Y}", state, format_count(c.records)]
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        shown = next((n for n, c in enumerate(self.listing) if c.id == ctx.campaign.id), 0)
        self.table.selectRow(shown)
        self.table.activated.connect(lambda _index: self._view())  # Enter or a double click
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.view_button = QPushButton(self.tr("&View"))
        self.view_button.setObjectName("view_button")
        self.view_button.setDefault(True)
        self.buttons.addButton(self.view_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.view_button.clicked.connect(self._view)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 320)
        self.first_focus = self.table

    def _view(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self.listing[rows[0].row()].id
            self.accept()
