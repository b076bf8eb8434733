"""Daily progress: what was achieved on one day, per indicator, saved as a whole day.

The clerk picks a day (today by default, never outside the campaign or in the future),
types each figure and a remark, and sees the cumulative total and % of target follow
every keystroke. Enter or Ctrl+S saves the day in one transaction (``save_day``); Esc
undoes. Indicators counted from a register (scrap, sites, events) are shown greyed.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import FieldDeskError, ValidationError
from desktop_app.storage import totals
from desktop_app.ui.i18n import label_text, message_text
from desktop_app.ui.models.progress_model import ProgressModel
from desktop_app.ui.pages.base import Page, heading
from desktop_app.ui.pages.targets import ERROR_STYLE, OK_STYLE, banner
from desktop_app.ui.widgets.entry_table import EntryTableView


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ProgressPage(Page):
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
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("date_edit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setKeyboardTracking(False)  # typing 1-9 must not open day 1 on the way
        self.date_edit.setMinimumWidth(130)
        self.date_label.setBuddy(self.date_edit)
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

        self.day_note = banner()
        self.day_note.hide()

        self.model = ProgressModel(self)
        self.table = EntryTableView()
        self.table.setObjectName("progress_table")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for col in (ProgressModel.COL_TARGET, ProgressModel.COL_BEFORE, ProgressModel.COL_TOTAL,
                    ProgressModel.COL_PERCENT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(48)
        self.table.set_column_shares({ProgressModel.COL_INDICATOR: (0.25, 170, 320),
                                      ProgressModel.COL_DAY: (0.09, 80, 120),
                                      ProgressModel.COL_REMARK: (0.19, 120, 260)})
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

        self.derived_note = QLabel()
        self.derived_note.setWordWrap(True)
        self.derived_note.setStyleSheet("color: #4b5563;")
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet("color: #4b5563;")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.revert_button = QPushButton()
        self.save_button = QPushButton()
        for b in (self.revert_button, self.save_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addLayout(date_row)
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
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(self.date_edit.maximumDate()))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._undo)
        self.table.delegate.submit_requested.connect(self.save)
        self.model.dataChanged.connect(lambda *_: self.status_label.clear())

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Daily progress"))
        self.date_label.setText(self.tr("&Date:"))
        self.previous_button.setText(self.tr("◀ P&revious day"))
        self.next_button.setText(self.tr("Ne&xt day ▶"))
        self.today_button.setText(self.tr("T&oday"))
        self.save_button.setText(self.tr("&Save this day"))
        self.revert_button.setText(self.tr("&Undo changes"))
        self.save_button.setToolTip(self.tr("Save every figure of this day (Ctrl+S or Enter)"))
        self.revert_button.setToolTip(self.tr("Go back to the saved figures (Esc)"))
        self.help_label.setText(self.tr(
            "Type what was achieved on this day; Tab moves to the next cell. Totals and % change as you "
            "type. Enter saves the whole day, Esc undoes. Clear a figure to remove it."))
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
                                  .replace("%2", campaign.start.strftime("%d.%m.%Y")))
            self.day_note.show()
            return
        self.day_note.hide()
        for w in (self.date_edit, self.table, self.save_button):
            w.setEnabled(True)
        first, last = span
        day = self.day if self.day is not None and first <= self.day <= last else last
        self.date_edit.blockSignals(True)
        self.date_edit.setDateRange(_qdate(first), _qdate(last))
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)
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
        self.date_edit.setDate(self.date_edit.date().addDays(days))

    def _on_date_changed(self, qdate: QDate) -> None:
        day = _pydate(qdate)
        if day == self.day:
            return
        if self.model.is_dirty():
            answer = QMessageBox.question(
                self, self.tr("Unsaved figures"),
                self.tr("The figures typed for %1 are not saved. Save them before showing %2?")
                .replace("%1", self.day.strftime("%d.%m.%Y")).replace("%2", day.strftime("%d.%m.%Y")),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Save:
                if not self.save():
                    self._restore_date()
                    return
            elif answer != QMessageBox.StandardButton.Discard:
                self._restore_date()
                return
        self.status_label.clear()
        self.load_day(day)

    def _restore_date(self) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(self.day))
        self.date_edit.blockSignals(False)

    # -- page protocol ---------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.model.is_dirty()

    def discard_changes(self) -> None:
        self.model.revert()
        self.status_label.clear()

    def _undo(self) -> None:
        if self.has_unsaved_changes():
            self.discard_changes()
            self._show_status(self.tr("Changes undone."))

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
        self._show_status(self.tr("Saved %1 figure(s) for %2.").replace("%1", str(count)).replace(
            "%2", self.day.strftime("%d.%m.%Y")))
        return True

    # -- messages --------------------------------------------------------------------------
    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.status_label.setText(text)

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

    def _focus_first_error(self) -> None:
        row = self.model.first_error_row()
        if row is not None:
            self.table.focus_cell(row, ProgressModel.COL_DAY)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.focusWidget() is not self.date_edit and not self.date_edit.isAncestorOf(self.focusWidget()):
                self.save()
            return
        if event.key() == Qt.Key.Key_Escape and self.has_unsaved_changes():
            self._undo()
            return
        super().keyPressEvent(event)
