"""Targets: a target per indicator, set in the preparatory phase.

Once the implementation phase has started a changed target needs a reason; the reason
is stored with the target and so lands in the audit trail (written by the storage layer).
All changed targets are saved in one call, one transaction.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.dates import format_date
from desktop_app.domain.i18n import Message
from desktop_app.domain.validation import REASON_NEEDED
from desktop_app.errors import FieldDeskError, ValidationError
from desktop_app.storage import totals
from desktop_app.ui.i18n import label_text, message_text
from desktop_app.ui.models.indicator_models import TargetsModel
from desktop_app.ui.pages.base import heading
from desktop_app.ui.pages.figures_page import FiguresPage, note_banner
from desktop_app.ui.styles import ERROR_STYLE, HELP_STYLE


class TargetsPage(FiguresPage):
    ENTRY_COLUMN = TargetsModel.COL_TARGET

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._build()
        self._connect()
        self.retranslate()


    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = heading()
        self.phase_note = note_banner()
        self.model = TargetsModel(self)
        self.table = self._figures_table(self.model, "targets_table")
        header = self.table.horizontalHeader()
        for col in (TargetsModel.COL_ACHIEVED, TargetsModel.COL_PERCENT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.set_column_shares({TargetsModel.COL_INDICATOR: (0.32, 200, 380),
                                      TargetsModel.COL_TARGET: (0.12, 100, 150)})

        self.reason_label = QLabel()
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(1000)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_error = QLabel()
        self.reason_error.setStyleSheet(ERROR_STYLE)
        self.reason_error.setWordWrap(True)
        self.reason_error.hide()
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason_edit, 1)
        self.reason_box = QWidget()
        reason_box = QVBoxLayout(self.reason_box)
        reason_box.setContentsMargins(0, 0, 0, 0)
        reason_box.addLayout(reason_row)
        reason_box.addWidget(self.reason_error)

        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet(HELP_STYLE)
        buttons = self._status_and_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.phase_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason_box)
        layout.addWidget(self.help_label)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.table, self.reason_edit)
        QWidget.setTabOrder(self.reason_edit, self.save_button)
        QWidget.setTabOrder(self.save_button, self.revert_button)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.discard_changes)
        self.table.submit_requested.connect(self.save)
        self.model.dataChanged.connect(self._on_edited)
        self.reason_edit.textEdited.connect(self._on_reason_edited)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Targets"))
        self.reason_label.setText(self.tr("&Reason for the change:"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. revised after the review meeting of 14.10.2026"))
        self.save_button.setText(self.tr("&Save targets"))
        self.revert_button.setText(self.tr("&Undo changes"))
        self.save_button.setToolTip(self.tr("Save all changed targets (Ctrl+Enter or Ctrl+S)"))
        self.revert_button.setToolTip(self.tr("Go back to the saved targets (Esc)"))
        self.help_label.setText(self.tr(
            "Type a target and press Enter for the next one. Numbers may be typed as 1,23,456 or 1.5 lakh. "
            "Enter on the last target or Ctrl+Enter saves, Esc undoes; Ctrl+Tab leaves the table."))
        self.model.retranslate()
        self._update_phase_note()
        if self.reason_error.isVisible():
            self.reason_error.setText(message_text(Message(REASON_NEEDED)))

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.model.is_dirty():  # a language change: keep what was typed
            self.model.retranslate()
            self._update_phase_note()
            return
        self.reload()

    def reload(self) -> None:
        """Show the saved targets (anything typed is dropped: ask first)."""
        campaign = self.ctx.campaign
        store = self.ctx.store
        self.model.load(campaign, store.targets.for_campaign(campaign.id),
                        totals.achievements(store.conn, campaign))
        self._update_phase_note()
        self._update_reason()

    def _implementation_start(self) -> date | None:
        phase = next((p for p in self.ctx.campaign.phases if p.code == "implementation"), None)
        return phase.start if phase else None

    def reason_required(self) -> bool:
        """True once the implementation phase has started: changed targets need a reason."""
        start = self._implementation_start()
        return start is not None and self.ctx.store.today() >= start

    def _update_phase_note(self) -> None:
        start = self._implementation_start()
        campaign = self.ctx.campaign
        if self.reason_required():
            text = self.tr("The implementation phase started on %1, so the targets are fixed. "
                           "A changed target needs a reason: it is kept with the target and in the "
                           "audit trail, and headquarters sees it.").replace("%1", format_date(start))
        else:
            text = self.tr("%1 — set the target for each indicator in the preparatory phase. "
                           "Targets can be changed freely until the implementation phase starts on %2; "
                           "after that a change needs a reason.").replace(
                "%1", label_text(campaign.title)).replace("%2", format_date(start, blank="–"))
        self.phase_note.setText(text)

    def _update_reason(self) -> None:
        self.reason_box.setVisible(self.reason_required())

    def _on_edited(self, *_args) -> None:
        self.status_label.clear()

    def _on_reason_edited(self, text: str) -> None:
        if text.strip():
            self.reason_error.hide()

    # -- page protocol ---------------------------------------------------------------------
    def discard_changes(self) -> None:
        super().discard_changes()
        self.reason_edit.clear()
        self.reason_error.hide()

    def save(self) -> bool:
        """Save every changed target in one call. Returns True when saved (or nothing to save)."""
        self.status_label.setStyleSheet(ERROR_STYLE)
        if self.model.has_errors():
            self._show_status(self.tr("Correct the targets marked in red; nothing was saved."), error=True)
            self._focus_first_error()
            return False
        changes = self.model.changes()
        if not changes:
            self._show_status(self.tr("No changes to save."))
            return True
        reason = self.reason_edit.text().strip() if self.reason_required() else ""
        if self.reason_required() and self.model.changes_to_existing() and not reason:
            self._show_reason_error(Message(REASON_NEEDED))
            return False
        try:
            count = self.ctx.store.targets.set_targets(self.ctx.campaign.id, changes, reason=reason)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except FieldDeskError as exc:
            QMessageBox.warning(self, self.tr("Targets not saved"), str(exc))
            return False
        self.reason_edit.clear()
        self.reason_error.hide()
        self.reload()
        self.ctx.changed("target")
        self._show_status(self.tr("Saved %1 target(s).", None, count).replace("%1", str(count)))
        return True

    # -- messages --------------------------------------------------------------------------
    def _show_reason_error(self, msg: Message | str) -> None:
        self.reason_error.setText(message_text(msg))
        self.reason_error.show()
        self.reason_edit.setFocus()
        self._show_status(self.tr("Give the reason for the change; nothing was saved."), error=True)

    def _show_errors(self, errors: dict[str, object]) -> None:
        by_row: dict[str, object] = {}
        for key, msg in errors.items():
            code, _, field = key.partition(".")
            if field == "reason":
                self._show_reason_error(msg)
            else:
                by_row.setdefault(code, msg)
        if by_row:
            self.model.set_errors(by_row)
            self._show_status(self.tr("Correct the targets marked in red; nothing was saved."), error=True)
            self._focus_first_error()
