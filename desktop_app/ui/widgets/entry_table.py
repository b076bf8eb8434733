"""The grid for typing figures per indicator (Targets, Daily progress) and its cell editor.

``EntryTableView`` moves between the editable cells only; ``EntryDelegate`` commits as
you type, so totals and % follow each keystroke. The models are in
``ui/models/indicator_models.py``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from desktop_app.ui.models.indicator_models import RIGHT


class EntryDelegate(QStyledItemDelegate):
    """A line editor that commits on every keystroke; Enter saves, Esc restores the cell."""

    submit_requested = Signal()

    def createEditor(self, parent, option, index):  # noqa: N802
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setMaxLength(1000)
        if index.data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setProperty("original", index.data(Qt.ItemDataRole.EditRole) or "")
        editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        # Only once: later dataChanged (from our own live commits) must not move the cursor.
        if not editor.property("loaded"):
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.setProperty("loaded", True)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if isinstance(obj, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
                self.submit_requested.emit()
                return True
            if key == Qt.Key.Key_Escape:
                obj.setText(obj.property("original") or "")
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.RevertModelCache)
                return True
        return super().eventFilter(obj, event)


class EntryTableView(QTableView):
    """A grid for typing figures: Tab and Shift+Tab go from editable cell to editable cell,
    typing starts editing, Enter and Esc are left to the page (save / undo)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.delegate = EntryDelegate(self)
        self.setItemDelegate(self.delegate)
        self._shares: dict[int, tuple[float, int, int]] = {}

    def set_column_shares(self, shares: dict[int, tuple[float, int, int]]) -> None:
        """Columns sized as a share of the width, within (minimum, maximum) pixels; the others
        fit their contents and the last one takes what is left."""
        self._shares = shares
        for col in shares:
            self.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self._fit_columns()

    def _fit_columns(self) -> None:
        width = self.viewport().width()
        for col, (share, low, high) in self._shares.items():
            self.setColumnWidth(col, max(low, min(high, int(width * share))))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def setModel(self, model) -> None:  # noqa: N802
        super().setModel(model)
        model.modelReset.connect(self._apply_spans)
        self._apply_spans()

    def _apply_spans(self) -> None:
        model = self.model()
        self.clearSpans()
        for row in model.header_rows():
            self.setSpan(row, 0, 1, model.columnCount())

    def editable_cells(self) -> list[QModelIndex]:
        model = self.model()
        if model is None:
            return []
        return [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable]

    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802
        forward = action == QAbstractItemView.CursorAction.MoveNext
        if forward or action == QAbstractItemView.CursorAction.MovePrevious:
            cells = self.editable_cells()
            if not cells:
                return QModelIndex()
            current = self.currentIndex()
            if not current.isValid():
                return cells[0] if forward else cells[-1]
            pos = (current.row(), current.column())
            if forward:
                return next((c for c in cells if (c.row(), c.column()) > pos), QModelIndex())
            return next((c for c in reversed(cells) if (c.row(), c.column()) < pos), QModelIndex())
        return super().moveCursor(action, modifiers)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() or not (self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable):
            cells = self.editable_cells()
            if cells:
                self.setCurrentIndex(cells[0])

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape) \
                and self.state() != QAbstractItemView.State.EditingState:
            event.ignore()  # the page saves (Enter) or undoes (Esc)
            return
        super().keyPressEvent(event)

    def focus_cell(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
