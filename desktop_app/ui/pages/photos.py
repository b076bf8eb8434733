"""Photos: a gallery of every photo attached this campaign, filter by kind, full view,
caption editing, and the data-quality warnings (old photos, after-before-before, reuse…)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.counts import record_count
from desktop_app.domain.dates import format_timestamp
from desktop_app.errors import ValidationError
from desktop_app.photos.review import photo_warnings
from desktop_app.ui.i18n import message_text
from desktop_app.ui.models.photo_model import THUMB, PhotoGalleryModel, gallery_items
from desktop_app.ui.pages.base import Page, heading


class PhotoViewer(QDialog):
    """The full photo, scaled to the screen."""

    def __init__(self, path, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel()
        pixmap = QPixmap(str(path))
        screen = self.screen().availableGeometry().size() * 0.85 if self.screen() else QSize(1200, 700)
        label.setPixmap(pixmap.scaled(screen, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)  # Enter closes, as Esc does
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)


class PhotosPage(Page):
    KINDS = ("", "site", "event", "scrap")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._build()
        self._connect()
        self.retranslate()


    def _build(self) -> None:
        self.heading = heading()
        self.kind_label = QLabel()
        self.kind_combo = QComboBox()
        self.kind_label.setBuddy(self.kind_combo)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.kind_label)
        top.addWidget(self.kind_combo)
        top.addWidget(self.count_label)

        self.model = PhotoGalleryModel(self.ctx.folder.photos, self)
        self.gallery = QListView()
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(THUMB)
        self.gallery.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 56))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setWordWrap(True)
        self.gallery.setUniformItemSizes(True)
        self.gallery.setModel(self.model)

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(180)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.caption_label = QLabel()
        self.caption_edit = QLineEdit()
        self.caption_label.setBuddy(self.caption_edit)
        self.caption_error = QLabel()
        self.caption_error.setStyleSheet("color: #b00020")
        self.caption_error.hide()
        self.save_caption_button = QPushButton()
        self.open_button = QPushButton()
        form = QFormLayout()
        form.addRow(self.caption_label, self.caption_edit)
        form.addRow("", self.caption_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_caption_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.warnings_title = QLabel()
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(self.facts)
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.warnings_title)
        side.addWidget(self.warnings, 1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        splitter = QSplitter()
        splitter.addWidget(self.gallery)
        splitter.addWidget(side_widget)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._set_detail(None)

    def _connect(self) -> None:
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.gallery.selectionModel().currentChanged.connect(lambda cur, _prev: self._set_detail(cur.row()))
        self.gallery.doubleClicked.connect(lambda _i: self.open_full())
        self.open_button.clicked.connect(self.open_full)
        self.save_caption_button.clicked.connect(self.save)
        self.caption_edit.returnPressed.connect(self.save)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Photos"))
        self.kind_label.setText(self.tr("&Show:"))
        current = self.kind_combo.currentIndex()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItems([self.tr("All photos"), self.tr("Cleanliness sites"), self.tr("Events"),
                                  self.tr("Scrap disposal")])
        self.kind_combo.setCurrentIndex(max(0, current))
        self.kind_combo.blockSignals(False)
        self.caption_label.setText(self.tr("&Caption:"))
        self.save_caption_button.setText(self.tr("Save caption"))
        self.open_button.setText(self.tr("&Open full size"))
        self.warnings_title.setText(self.tr("Data-quality warnings"))

    def refresh(self) -> None:
        kind = self.KINDS[max(0, self.kind_combo.currentIndex())]
        self.model.set_items(gallery_items(self.ctx.store, self.ctx.campaign.id, kind))
        self.count_label.setText(message_text(record_count("photo", self.model.rowCount())))
        self._set_detail(None)
        self.warnings.clear()
        found = photo_warnings(self.ctx.store, self.ctx.campaign)
        for warning in found:
            self.warnings.addItem(message_text(warning.text))
        if not found:
            self.warnings.addItem(self.tr("No warnings."))

    def _set_detail(self, row: int | None) -> None:
        has = row is not None and 0 <= row < self.model.rowCount()
        for w in (self.caption_edit, self.save_caption_button, self.open_button):
            w.setEnabled(has)
        self.caption_error.hide()
        if not has:
            self.preview.setText(self.tr("Select a photo"))
            self.facts.setText("")
            self.caption_edit.clear()
            return
        item = self.model.item(row)
        pixmap = QPixmap(str(self.ctx.folder.photos / f"{item.photo.sha256}.jpg"))
        self.preview.setPixmap(pixmap.scaled(QSize(360, 240), Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        taken = format_timestamp(item.photo.taken_at, blank=self.tr("unknown"))
        where = (f"{item.photo.latitude:.5f}, {item.photo.longitude:.5f}"
                 if item.photo.latitude is not None else self.tr("no position"))
        self.facts.setText(self.tr("%1 · taken %2 · %3 · %4 KB").replace("%1", item.photo.original_name)
                           .replace("%2", taken).replace("%3", where)
                           .replace("%4", str(round(item.photo.bytes / 1024))))
        self.caption_edit.setText(item.photo.caption)

    def current_row(self) -> int | None:
        index = self.gallery.currentIndex()
        return index.row() if index.isValid() else None

    def save(self) -> None:
        row = self.current_row()
        if row is None:
            return
        item = self.model.item(row)
        try:
            self.ctx.store.photos.set_caption(item.photo.sha256, self.caption_edit.text())
        except ValidationError as exc:
            self.caption_error.setText(message_text(exc.errors["caption"]))
            self.caption_error.show()
            return
        self.caption_error.hide()
        item.photo.caption = self.caption_edit.text()
        self.model.dataChanged.emit(self.model.index(row), self.model.index(row))
        self.ctx.changed("photo")

    def open_full(self) -> None:
        row = self.current_row()
        if row is not None:
            item = self.model.item(row)
            PhotoViewer(self.ctx.folder.photos / f"{item.photo.sha256}.jpg",
                        item.photo.caption or item.photo.original_name, self).exec()

    def has_unsaved_changes(self) -> bool:
        row = self.current_row()
        return row is not None and self.caption_edit.text() != self.model.item(row).photo.caption

    def discard_changes(self) -> None:
        self._set_detail(self.current_row())
