"""The photo gallery as a list model: one item per linked photo, thumbnail loaded on demand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap

from desktop_app.domain.choices import label
from desktop_app.storage.photos import PhotoLink, PhotoRecord
from desktop_app.ui.i18n import language

ShaRole = Qt.ItemDataRole.UserRole + 1
THUMB = QSize(160, 120)


@dataclass
class GalleryItem:
    photo: PhotoRecord
    link: PhotoLink
    target_name: str


def gallery_items(store, campaign_id: str, kind: str = "") -> list[GalleryItem]:
    """Every live link of the campaign (optionally of one kind), with the record's name."""
    names: dict[tuple[str, str], str] = {}
    names.update({("site", s.id): s.name for s in store.sites.list(campaign_id)})
    names.update({("event", e.id): e.title for e in store.events.list(campaign_id)})
    names.update({("scrap", x.id): x.item for x in store.scrap.list(campaign_id)})
    photos: dict[str, PhotoRecord] = {}
    items = []
    for link in store.photos.links_of_campaign(campaign_id):
        if kind and link.target_kind != kind:
            continue
        if (link.target_kind, link.target_id) not in names:
            continue  # linked to a deleted record
        photo = photos.get(link.photo_sha256) or photos.setdefault(link.photo_sha256, store.photos.get(link.photo_sha256))
        items.append(GalleryItem(photo, link, names[(link.target_kind, link.target_id)]))
    order = {"site": 0, "event": 1, "scrap": 2}
    return sorted(items, key=lambda it: (order[it.link.target_kind], it.target_name, it.link.role.value))


class PhotoGalleryModel(QAbstractListModel):
    def __init__(self, photos_dir, parent=None):
        super().__init__(parent)
        self.photos_dir = photos_dir
        self.items: list[GalleryItem] = []
        self._icons: dict[str, QIcon] = {}

    def set_items(self, items: list[GalleryItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def item(self, row: int) -> GalleryItem:
        return self.items[row]

    def icon(self, sha: str) -> QIcon:
        if sha not in self._icons:
            thumb = self.photos_dir / "thumbs" / f"{sha}.jpg"
            image = QImage(str(thumb if thumb.exists() else self.photos_dir / f"{sha}.jpg"))
            if not image.isNull():
                image = image.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
            self._icons[sha] = QIcon(QPixmap.fromImage(image))
        return self._icons[sha]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        it = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            caption = it.photo.caption or it.photo.original_name
            return f"{caption}\n{it.target_name} · {label(it.link.role, language())}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icon(it.photo.sha256)
        if role == Qt.ItemDataRole.ToolTipRole:
            taken = it.photo.taken_at or "?"
            return f"{it.photo.original_name}\n{taken}\n{it.photo.width} × {it.photo.height}"
        if role == ShaRole:
            return it.photo.sha256
        return None
