"""The thumbnails of a photo strip and the full-size viewer it opens.

``PhotoList`` accepts dropped image files and is driven from the keyboard: arrows move
from photo to photo, Enter opens one, Delete detaches it (the strip asks first).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".tif", ".tiff",
                  ".gif", ".bmp")
THUMB_SIZE = QSize(96, 72)


def photo_file(photos_root: Path, sha256: str) -> Path:
    return photos_root / f"{sha256}.jpg"


def thumb_file(photos_root: Path, sha256: str) -> Path:
    return photos_root / "thumbs" / f"{sha256}.jpg"


def image_paths(paths: Sequence[str]) -> list[str]:
    """The local files among ``paths`` that look like images (the core checks the content)."""
    return [p for p in paths if p and Path(p).suffix.lower() in IMAGE_SUFFIXES and Path(p).is_file()]


def load_scaled(path: Path, box: QSize) -> QPixmap:
    """Decode ``path`` no larger than ``box`` (JPEGs are decoded at reduced size)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return QPixmap()
    pixmap = QPixmap.fromImage(image)
    if pixmap.width() > box.width() or pixmap.height() > box.height():
        pixmap = pixmap.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
    return pixmap


class PhotoViewer(QDialog):
    """One photo, full size scaled to fit the dialog, with its name and caption."""

    def __init__(self, path: Path, title: str, caption: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._pixmap = QPixmap(str(path))
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setMinimumSize(200, 150)
        self.image_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        if self._pixmap.isNull():
            self.image_label.setText(self.tr("The photo file is missing or cannot be read."))
        self.caption_label = QLabel(caption)
        self.caption_label.setWordWrap(True)
        self.caption_label.setVisible(bool(caption))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)  # Enter closes, as Esc does
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image_label, 1)
        layout.addWidget(self.caption_label)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(int(screen.width() * 0.8), int(screen.height() * 0.85))
        else:
            self.resize(1000, 650)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._pixmap.isNull():
            self.image_label.setPixmap(self._pixmap.scaled(
                self.image_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))


class PhotoList(QListWidget):
    """The thumbnails themselves: accepts dropped image files, Enter opens, Delete detaches."""

    files_dropped = Signal(list)
    open_requested = Signal(QListWidgetItem)
    detach_requested = Signal(QListWidgetItem)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListWidget.Movement.Static)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setIconSize(THUMB_SIZE)
        self.setGridSize(QSize(THUMB_SIZE.width() + 8, THUMB_SIZE.height() + 8))
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        self.setDragEnabled(False)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(THUMB_SIZE.height() + 8 + self.horizontalScrollBar().sizeHint().height() + 6)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.itemDoubleClicked.connect(self.open_requested)

    # Drops of image files from the file manager.
    def _dropped_paths(self, event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return image_paths([url.toLocalFile() for url in mime.urls() if url.isLocalFile()])

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self.isEnabled() and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self.isEnabled() and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        item = self.currentItem()
        if item is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(item)
            event.accept()
            return
        if item is not None and event.key() == Qt.Key.Key_Delete:
            self.detach_requested.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)
