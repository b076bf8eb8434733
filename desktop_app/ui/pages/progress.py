"""Daily progress: what was achieved on one day, per indicator, saved as a whole day.

The page opens on today with the cursor in the first figure. The clerk types each figure
(Enter goes down the column, Tab to the remark) and sees the cumulative total and % of
target follow every keystroke; Enter on the last figure, Ctrl+Enter or Ctrl+S saves the
day in one transaction (``save_day``); Esc undoes. Another day is typed in one go into
the date field (Alt+D, 06122026, Enter) or stepped with Up/Down there; a day outside the
campaign or in the future is kept as typed and explained, never replaced by another day.
Figures above the template's daily maximum are refused; unusually large ones are saved
only after the clerk confirms them. Indicators counted from a register are shown greyed.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import validation
from desktop_app.domain.dates import DateParseError, format_date
from desktop_app.domain.formatting import format_value
from desktop_app.errors import FieldDeskError, ValidationError
from desktop_app.storage import totals
from desktop_app.ui.forms.date_edit import DateEdit
from desktop_app.ui.i18n import label_text, language, message_text
from desktop_app.ui.models.progress_model import ProgressModel
from desktop_app.ui.pages.base import heading
from desktop_app.ui.pages.figures_page import FiguresPage, note_banner
from desktop_app.ui.styles import ERROR_STYLE, HELP_STYLE


class ProgressPage(FiguresPage):
    ENTRY_COLUMN = ProgressModel.COL_DAY

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.day: date | None = None
        self._build()
        self._connect()
        self.retranslate()


    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = heading()
        self.subheading = QLabel()
        self.subheading.setWordWrap(True)

        self.date_label = QLabel()
        self.date_edit = DateEdit()
        self.date_edit.setObjectName("date_edit")
        self.date_edit.installEventFilter(self)
        self.date_label.setBuddy(self.date_edit)
        self.date_error = QLabel()
        self.date_error.setStyleSheet(ERROR_STYLE)
        self.date_error.setWordWrap(True)
        self.date_error.hide()
        self.weekday_label = QLabel()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.today_button = QPushButton()
        for b in (self.previous_button, self.next_button, self.today_button):
            b.setAutoDefault(False)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_label)
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.weekday_label)
        date_row.addSpacing(12)
        date_row.addWidget(self.previous_button)
        date_row.addWidget(self.next_button)
        date_row.addWidget(self.today_button)
        date_row.addStretch(1)
        date_box = QVBoxLayout()
        date_box.setSpacing(1)
        date_box.addLayout(date_row)
        date_box.addWidget(self.date_error)

        self.day_note = note_banner()
        self.day_note.hide()

        self.model = ProgressModel(self)
        self.table = self._figures_table(self.model, "progress_table")
        header = self.table.horizontalHeader()
        for col in (ProgressModel.COL_TARGET, ProgressModel.COL_BEFORE, ProgressModel.COL_TOTAL,
                    ProgressModel.COL_PERCENT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(48)
        self.table.set_column_shares({ProgressModel.COL_INDICATOR: (0.25, 170, 320),
                                      ProgressModel.COL_DAY: (0.09, 80, 120),
                                      ProgressModel.COL_REMARK: (0.19, 120, 260)})

        self.derived_note = QLabel()
        self.derived_note.setWordWrap(True)
        self.derived_note.setStyleSheet(HELP_STYLE)
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet(HELP_STYLE)
        buttons = self._status_and_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addLayout(date_box)
        layout.addWidget(self.day_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.derived_note)
        layout.addWidget(self.help_label)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.date_edit, self.table)
        QWidget.setTabOrder(self.table, self.save_button)
        QWidget.setTabOrder(self.save_button, self.revert_button)
        QWidget.setTabOrder(self.revert_button, self.previous_button)
        QWidget.setTabOrder(self.previous_button, self.next_button)
        QWidget.setTabOrder(self.next_button, self.today_button)

    def _connect(self) -> None:
        self.date_edit.editingFinished.connect(self._date_typed)
        self.date_edit.textEdited.connect(lambda _t: self.date_error.hide())
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.today_button.clicked.connect(self._go_today)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._undo)
        self.table.submit_requested.connect(self.save)
        self.model.dataChanged.connect(lambda *_: self.status_label.clear())

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Daily progress"))
        self.date_label.setText(self.tr("&Date:"))
        self.previous_button.setText(self.tr("◀ P&revious day"))
        self.next_button.setText(self.tr("Ne&xt day ▶"))
        self.today_button.setText(self.tr("T&oday"))
        self.save_button.setText(self.tr("&Save this day"))
        self.revert_button.setText(self.tr("&Undo changes"))
        self.save_button.setToolTip(self.tr("Save every figure of this day (Ctrl+Enter or Ctrl+S)"))
        self.date_edit.retranslate()
        self.date_edit.setToolTip(self.tr("Type the day in one go (06122026 or 06.12.2026) and press Enter; "
                                          "Up and Down step a day"))
        self.revert_button.setToolTip(self.tr("Go back to the saved figures (Esc)"))
        self.help_label.setText(self.tr(
            "Type what was achieved on this day: Enter goes to the next figure, Tab to the remark. Totals "
            "and % change as you type. Enter on the last figure or Ctrl+Enter saves the whole day, Esc "
            "undoes; Ctrl+Tab leaves the table. Clear a figure to remove it."))
        self.derived_note.setText(self.tr(
            "Grey rows are counted from the scrap disposal, cleanliness sites and events registers: "
            "record them on those pages."))
        self.model.retranslate()
        self._update_day_labels()

    # -- data ------------------------------------------------------------------------------
    def _date_range(self) -> tuple[date, date] | None:
        campaign = self.ctx.campaign
        last = min(campaign.end, self.ctx.store.today())
        return (campaign.start, last) if last >= campaign.start else None

    def refresh(self) -> None:
        if self.model.is_dirty():  # a language change: keep what was typed
            self.model.retranslate()
            self._update_day_labels()
            return
        span = self._date_range()
        campaign = self.ctx.campaign
        if span is None:
            self.day = None
            self.date_edit.setEnabled(False)
            self.table.setEnabled(False)
            self.save_button.setEnabled(False)
            self.day_note.setText(self.tr("%1 starts on %2: daily progress can be entered from that day.")
                                  .replace("%1", label_text(campaign.title))
                                  .replace("%2", format_date(campaign.start)))
            self.day_note.show()
            return
        self.day_note.hide()
        for w in (self.date_edit, self.table, self.save_button):
            w.setEnabled(True)
        first, last = span
        day = self.day if self.day is not None and first <= self.day <= last else last
        self.load_day(day)

    def load_day(self, day: date) -> None:
        """Show ``day``'s saved figures (edits are dropped: ask first)."""
        store, campaign = self.ctx.store, self.ctx.campaign
        self.day = day
        previous = day - timedelta(days=1)
        self.model.load(
            campaign,
            targets=store.targets.for_campaign(campaign.id),
            before=store.progress.cumulative(campaign.id, upto=previous),
            entries=store.progress.for_day(campaign.id, day),
            derived_before=totals.achievements(store.conn, campaign, upto=previous),
            derived_upto=totals.achievements(store.conn, campaign, upto=day),
        )
        self.derived_note.setVisible(self.model.has_derived())
        self.date_edit.blockSignals(True)
        self.date_edit.set_value(day)
        self.date_edit.blockSignals(False)
        self.date_error.hide()
        self._update_day_labels()

    def _update_day_labels(self) -> None:
        campaign = self.ctx.campaign
        span = self._date_range()
        if self.day is None or span is None:
            self.subheading.setText(label_text(campaign.title))
            self.weekday_label.clear()
            return
        phase = campaign.phase_on(self.day)
        phase_text = label_text(phase.title) if phase else self.tr("between the phases")
        self.subheading.setText(f"{label_text(campaign.title)} · {phase_text}")
        self.weekday_label.setText(QLocale().dayName(self.day.isoweekday()))
        self.previous_button.setEnabled(self.day > span[0])
        self.next_button.setEnabled(self.day < span[1])
        self.today_button.setEnabled(self.day != span[1])

    def _step(self, days: int) -> None:
        if self.day is not None:
            self.show_day(self.day + timedelta(days=days))

    def _go_today(self) -> None:
        span = self._date_range()
        if span is not None:
            self.show_day(span[1])

    def _date_typed(self) -> None:
        """Enter or leaving the date field: show that day, or say why it cannot be shown."""
        text = self.date_edit.text().strip()
        if self.day is not None and text == format_date(self.day):
            return
        try:
            day = self.date_edit.value()
        except DateParseError as exc:
            self._date_problem(message_text(exc.message))
            return
        campaign = self.ctx.campaign
        if msg := validation.check_date(day, campaign, self.ctx.store.today()):
            self._date_problem(message_text(msg))
            return
        self.show_day(day)

    def _date_problem(self, text: str) -> None:
        """The date typed stays in the field; the figures shown stay those of the day shown."""
        shown = format_date(self.day) if self.day else "–"
        self.date_error.setText(text + " " + self.tr("Still showing %1.").replace("%1", shown))
        self.date_error.show()

    def show_day(self, day: date) -> bool:
        """Show another day's figures (asking first about unsaved ones); False if the clerk stays."""
        span = self._date_range()
        if span is None or not span[0] <= day <= span[1]:
            return False
        if day == self.day:
            self._restore_date()
            return True
        if self.model.is_dirty():
            answer = QMessageBox.question(
                self, self.tr("Unsaved figures"),
                self.tr("The figures typed for %1 are not saved. Save them before showing %2?")
                .replace("%1", format_date(self.day)).replace("%2", format_date(day)),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Save:
                if not self.save():
                    self._restore_date()
                    return False
            elif answer != QMessageBox.StandardButton.Discard:
                self._restore_date()
                return False
        self.status_label.clear()
        self.load_day(day)
        return True

    def _restore_date(self) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.set_value(self.day)
        self.date_edit.blockSignals(False)
        self.date_error.hide()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """In the date field: Enter shows the day typed and goes to its figures; Up/Down step a day."""
        if obj is self.date_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._date_typed()
                if self.date_error.isHidden():
                    self.table.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self._step(1 if key == Qt.Key.Key_Up else -1)
                return True
        return super().eventFilter(obj, event)

    def focus_first(self) -> None:
        """Opened from the keyboard: the cursor in the first figure of the day, ready to type."""
        target = self.table if self.table.isEnabled() else self.date_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- page protocol ---------------------------------------------------------------------
    def save(self) -> bool:
        """Save the day's changed figures in one call. True when saved (or nothing to save)."""
        if self.day is None:
            return False
        if self.model.has_errors():
            self._show_status(self.tr("Correct the figures marked in red; nothing was saved."), error=True)
            self._focus_first_error()
            return False
        values, remarks = self.model.day_changes()
        if not values:
            self._show_status(self.tr("No changes to save."))
            return True
        if not self._confirm_unusual():
            return False
        try:
            count = self.ctx.store.progress.save_day(self.ctx.campaign.id, self.day, values, remarks)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except FieldDeskError as exc:
            QMessageBox.warning(self, self.tr("Figures not saved"), str(exc))
            return False
        self.load_day(self.day)
        self.ctx.changed("progress_entry")
        self._show_status(self.tr("Saved %1 figure(s) for %2.", None, count).replace("%1", str(count)).replace(
            "%2", format_date(self.day)))
        return True

    def _confirm_unusual(self) -> bool:
        """Unusually large figures (per the campaign template) are saved only when confirmed."""
        unusual = self.model.unusual()
        if not unusual:
            return True
        lines = "\n".join(f"• {label_text(ind.title)}: {format_value(value, ind.unit, language())} — "
                          f"{message_text(msg)}" for ind, value, msg in unusual)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unusually large figures"),
                          self.tr("These figures are unusually large for one day. Save them anyway?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setInformativeText(lines)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() == QMessageBox.StandardButton.Yes:
            return True
        self._show_status(self.tr("Not saved: check the figures marked in orange."), error=True)
        row = self.model.row_of(unusual[0][0].code)
        self.table.focus_cell(row, ProgressModel.COL_DAY)
        return False

    # -- messages --------------------------------------------------------------------------
    def _show_errors(self, errors: dict[str, object]) -> None:
        by_row: dict[str, object] = {}
        other: list[str] = []
        for key, msg in errors.items():
            code, _, field = key.partition(".")
            if field in ("value", "remark", "indicator_code"):
                by_row.setdefault(code, msg)
            else:
                other.append(message_text(msg))
        self.model.set_errors(by_row)
        text = self.tr("Correct the figures marked in red; nothing was saved.")
        if other:
            text = " ".join(dict.fromkeys(other)) + " " + self.tr("Nothing was saved.")
        self._show_status(text, error=True)
        self._focus_first_error()
