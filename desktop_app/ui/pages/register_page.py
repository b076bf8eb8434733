"""``RegisterPage``: what the three register pages (``registers.py``) share.

Each page is a search box, a filter (category / status / type), a date range
(``register_filters.py``), the register's table (paged, sorted and filtered by the repository) and, beside it, the
embedded add/edit form with its photos. Keyboard first: Ctrl+N (or Alt+N) puts the
cursor in a blank form, Ctrl+F in the search box; in the list arrows choose a record,
Enter edits it, Delete deletes it (after asking; soft and audited), Tab leaves the list;
in the form Enter goes field by field and saves on the last, Ctrl+Enter saves, Esc
cancels. The form's photo shortcuts (Ctrl+Shift+P …) work from the list too.

A little over 400 lines on purpose: one class and one job (the list and its form kept in
step); its filters and table model already live in modules of their own.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.numbers import format_count
from desktop_app.errors import FieldDeskError
from desktop_app.ui.focus_style import mark_current_row
from desktop_app.ui.forms.record_form import RecordForm
from desktop_app.ui.i18n import translate_in_class_chain, without_access_key
from desktop_app.ui.models.register_model import (
    RegisterTableModel,
)
from desktop_app.ui.pages.base import Page, heading
from desktop_app.ui.pages.register_filters import RegisterFilters
from desktop_app.ui.widgets.buttons import KeyButton

FORM_MIN_WIDTH = 360
FORM_MAX_WIDTH = 460
WIDE_COLUMN_MIN = 180


class RegisterPage(Page):
    """What the three registers share; subclasses name the repository, form and filter."""

    repo_name: ClassVar[str]  # the Store attribute: "scrap" | "sites" | "events"
    form_class: ClassVar[type[RecordForm]]
    filter_field: ClassVar[str]  # the column the filter combo filters by
    filter_values: ClassVar[tuple[StrEnum, ...]]
    sort_column: ClassVar[int] = 0
    sort_descending: ClassVar[bool] = True

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translate_in_class_chain(type(self), text, disambiguation, n)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.repo = getattr(ctx.store, self.repo_name)
        self._columns_sized = False
        self._build()
        self._connect()
        self.retranslate()

    # -- construction --------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = heading()
        self.count_label = QLabel()
        self.new_button = KeyButton()  # Alt+N acts at once: the clerk types on straight away
        self.edit_button = KeyButton()
        self.delete_button = KeyButton()
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignBottom)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)

        self.filters = RegisterFilters(self.filter_values)
        # The filter bar's widgets, by the names the page and its tests use.
        self.search_edit, self.filter_combo = self.filters.search_edit, self.filters.filter_combo
        self.from_edit, self.to_edit = self.filters.from_edit, self.filters.to_edit
        self.clear_button = self.filters.clear_button
        campaign = self.ctx.campaign

        self.model = RegisterTableModel(self.repo, campaign.id, self, sort_column=self.sort_column,
                                        descending=self.sort_descending)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (arrows move in it)
        mark_current_row(self.table)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(self.sort_column, Qt.SortOrder.DescendingOrder if self.sort_descending
                                else Qt.SortOrder.AscendingOrder)
        self.table.installEventFilter(self)

        self.form = self.form_class(self.ctx, self.repo)
        self.photo_actions: list[QAction] = []
        for strip in self.form.strips:  # from the list as from the form
            action = QAction(self)
            action.setShortcut(strip.shortcut())
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, s=strip: self.attach_photos(s))
            self.addAction(action)
            self.photo_actions.append(action)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setMinimumWidth(FORM_MIN_WIDTH)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.form_scroll)
        self.splitter.setStretchFactor(0, 1)  # a wider window widens the table, not the form
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self._splitter_moved = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

        # Tab order: filters, the table, then the form (which orders its own fields).
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chain = [*self.filters.focus_chain(), self.table]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.filters.changed.connect(self.apply_query)
        self.filters.search_entered.connect(self._search_now)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.splitter.splitterMoved.connect(self._remember_splitter)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(self._update_count)
        self.form.saved.connect(self._saved)
        self.form.follow_up.connect(self._followed_up)
        self.form.cancelled.connect(lambda: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        self.form.photos_changed.connect(lambda: self.ctx.changed("photo_link"))

    # -- texts (subclasses add theirs) --------------------------------------------------------------
    def filter_all_text(self) -> str:
        raise NotImplementedError

    def search_placeholder(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.heading.setText(without_access_key(self.title()))
        self.new_button.setText(self.tr("&New"))
        self.new_button.setToolTip(self.tr("Add a record (Ctrl+N)"))
        self.edit_button.setText(self.tr("Ed&it"))
        self.edit_button.setToolTip(self.tr("Edit the selected record (Enter or double-click)"))
        self.delete_button.setText(self.tr("&Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected record (Delete key); it stays in the audit trail"))
        self.filters.retranslate(self.filter_all_text(), self.search_placeholder())
        self.form.retranslate()
        self.model.retranslate()
        self._columns_sized = False
        self._update_count()

    # -- what the table shows ------------------------------------------------------------------------
    def refresh(self) -> None:
        campaign = self.ctx.campaign
        if self.model.campaign_id != campaign.id:  # another campaign is shown now
            self.model.campaign_id = campaign.id
            self.form.campaign = campaign
            self.form.new()
        read_only = self.ctx.viewing_earlier  # an earlier campaign: viewed, not changed
        self.new_button.setEnabled(not read_only)
        self.form.setEnabled(not read_only)
        selected = self.selected_id()
        self.model.reload()
        if selected:
            self.select_id(selected)
        for strip in self.form.strips:  # another page may have attached or detached photos
            strip.reload()

    def apply_query(self) -> None:
        search, value, date_from, date_to = self.filters.query()
        self.model.set_query(search=search, filters={self.filter_field: value},
                             date_from=date_from, date_to=date_to)

    def clear_filters(self) -> None:
        self.filters.clear()

    def _search_now(self) -> None:
        self.apply_query()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        selected = self.selected_id()
        self.model.sort(column, order)
        if selected:
            self.select_id(selected, fetch=False)

    def _after_reset(self) -> None:
        if self.model.rowCount() and self.selected_id() is None:
            self.table.selectRow(0)  # Enter, Edit and Delete work at once
        self._update_count()
        self._update_buttons()
        self._fit_columns()

    def _update_count(self, *_args) -> None:
        total = self.model.total()
        self.count_label.setText(self.tr("%1 record(s)", None, total).replace("%1", format_count(total)))

    def _update_buttons(self, *_args) -> None:
        has_row = self.selected_id() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row and not self.ctx.viewing_earlier)

    def _fit_columns(self) -> None:
        """Columns as wide as their contents (capped) once; spare width goes to the text column."""
        header = self.table.horizontalHeader()
        columns = self.model.columns
        if not self._columns_sized and self.model.rowCount():
            self.table.resizeColumnsToContents()
            for col, column in enumerate(columns):
                header.resizeSection(col, min(header.sectionSize(col), 300 if column.wide else 170))
            self._columns_sized = True
        # The free-text column gives and takes the difference, within reason: a narrow
        # window scrolls sideways rather than squeezing the item names to nothing.
        wide = next((i for i, c in enumerate(columns) if c.wide), None)
        if wide is None or not self._columns_sized:
            return
        spare = self.table.viewport().width() - header.length()
        width = header.sectionSize(wide)
        if spare > 0 or width > WIDE_COLUMN_MIN:
            header.resizeSection(wide, max(WIDE_COLUMN_MIN, width + spare))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._splitter_moved:  # until the clerk drags it: the form gets ~40%
            width = self.splitter.width()
            form = max(FORM_MIN_WIDTH, min(FORM_MAX_WIDTH, int(width * 0.4)))
            self.splitter.setSizes([max(1, width - form - self.splitter.handleWidth()), form])
        self._fit_columns()

    def _remember_splitter(self, *_args) -> None:
        self._splitter_moved = True

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.record_id(rows[0].row()) if rows else None

    def select_id(self, record_id: str, *, fetch: bool = True) -> bool:
        row = self.model.row_of(record_id) if fetch else self.model.row_of(record_id, fetch_up_to=0)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    # -- actions ------------------------------------------------------------------------------------
    def _confirm_discard(self) -> bool:
        if not self.form.is_dirty():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The form has changes that are not saved. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def new_record(self) -> None:
        """Ctrl+N / Alt+N: a blank form, the cursor in its first field."""
        if self.ctx.viewing_earlier or not self._confirm_discard():
            return
        self.form.new()
        self.form_scroll.ensureVisible(0, 0)
        self.form.focus_first()

    def focus_first(self) -> None:
        """Opened from the keyboard: the list (arrows choose, Enter edits) or, while the
        register is empty, the blank form."""
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.form.focus_first()

    def attach_photos(self, strip) -> None:
        """A strip's shortcut: from the form, its record; from the list, the selected record."""
        if self.ctx.viewing_earlier:
            return
        if not self.form.isAncestorOf(self.focusWidget()) and self.selected_id() is not None:
            record_id = self.selected_id()
            if self.form.record is None or self.form.record.id != record_id:
                if not self._confirm_discard():
                    return
                self.edit_selected()
        self.form.attach_photos(strip)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        if self.form.record is not None and self.form.record.id == record_id and self.form.is_dirty():
            self.form.focus_first()
            return
        if not self._confirm_discard():
            return
        try:
            record = self.repo.get(record_id)
        except FieldDeskError as exc:  # deleted meanwhile
            QMessageBox.warning(self, self.tr("Not found"), str(exc))
            self.refresh()
            return
        self.form.edit(record)
        self.form_scroll.ensureVisible(0, 0)
        self.form.focus_first()

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None or self.ctx.viewing_earlier:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete record"), self.tr("Delete this record? It stays in the audit trail."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.table.selectionModel().selectedRows()[0].row()
        try:
            self.repo.delete(record_id)
        except FieldDeskError as exc:
            QMessageBox.warning(self, self.tr("Not deleted"), str(exc))
        if self.form.record is not None and self.form.record.id == record_id:
            self.form.new()
        self.model.reload()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ctx.changed(self.repo.table)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def save(self) -> bool:
        return self.form.save()

    def _saved(self, record_id: str) -> None:
        """The list shows the record saved. After a new record the form is blank for the next
        one (the cursor stays there); after an edit the cursor goes back to the list."""
        editing = self.form.record is not None and self.form.record.id == record_id
        self.model.reload()
        if self.select_id(record_id) and editing and self.form.isAncestorOf(self.focusWidget()):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            QTimer.singleShot(0, lambda: self.form.status_label.setText(self.tr(
                "Saved. The cursor is back in the list: Enter edits a record, Ctrl+N starts a new one.")))
        self.ctx.changed(self.repo.table)

    def _followed_up(self, record_id: str) -> None:
        """The form changed or opened a record by itself (a site marked completed): show it."""
        self.model.reload()
        self.select_id(record_id)
        self.ctx.changed(self.repo.table)

    def has_unsaved_changes(self) -> bool:
        return self.form.is_dirty()

    def discard_changes(self) -> None:
        self.form.discard()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_selected()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(obj, event)
