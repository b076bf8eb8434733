"""The bundle's QR code inside the printed summary, drawn as vector squares (crisp on any printer).

segno encodes the payload; a QTextDocument object handler paints the modules as one filled
path where ``render_html.QR_MARKER`` stood, so the code scales without blur or JPEG noise.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QPainterPath, QPyTextObject, QTextCharFormat, QTextDocument, QTextFormat

from desktop_app.reports.render_html import QR_MARKER

QR_OBJECT_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 1
QUIET_ZONE = 2  # modules of white border (printed on white paper, two is plenty)


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR matrix, with its quiet zone, as rows of dark (True) / light modules."""
    code = segno.make(payload, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(border=QUIET_ZONE)]


class QrTextObject(QPyTextObject):
    """Paints one QR code of a fixed size (CSS px) where the object character stands."""

    def __init__(self, modules: list[list[bool]], size_px: float, parent=None):
        super().__init__(parent)
        self.size_px = size_px
        self.count = len(modules)
        # One path in module units, built once: touching squares merge (no hairline seams).
        self.path = QPainterPath()
        self.path.setFillRule(Qt.FillRule.WindingFill)
        for y, row in enumerate(modules):
            x = 0
            while x < len(row):
                if row[x]:
                    start = x
                    while x < len(row) and row[x]:
                        x += 1
                    self.path.addRect(QRectF(start, y, x - start, 1))
                else:
                    x += 1

    def intrinsicSize(self, doc, pos_in_document, fmt) -> QSizeF:  # noqa: N802 - Qt override
        return QSizeF(self.size_px, self.size_px)

    def drawObject(self, painter, rect, doc, pos_in_document, fmt) -> None:  # noqa: N802 - Qt override
        painter.save()
        painter.fillRect(rect, Qt.GlobalColor.white)
        painter.translate(rect.topLeft())
        painter.scale(rect.width() / self.count, rect.height() / self.count)
        painter.fillPath(self.path, Qt.GlobalColor.black)
        painter.restore()


def insert_qr(document: QTextDocument, payload: str, size_px: float) -> bool:
    """Replace the QR marker in ``document`` with the code for ``payload``; False if no marker."""
    cursor = document.find(QR_MARKER)
    if cursor.isNull():
        return False
    handler = QrTextObject(qr_modules(payload), size_px, document)
    document.documentLayout().registerHandler(QR_OBJECT_TYPE, handler)
    fmt = QTextCharFormat()
    fmt.setObjectType(QR_OBJECT_TYPE)
    cursor.insertText("\ufffc", fmt)
    return True
