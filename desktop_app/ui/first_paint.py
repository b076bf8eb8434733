"""What the code that runs before the dashboard's first paint uses instead of ``Qt``.

Touching any member of PySide6's ``Qt`` namespace makes PySide build all of its 93 Python
enums at once (``Qt.Key`` alone has 471 members): about 15 ms, a tenth of the start-up
budget (``docs/decisions/0004-start-up-path.md``). So does any ``QPainter`` call that takes a ``QColor`` or ``QBrush``
(overload resolution checks ``Qt.GlobalColor``). The dashboard's model, delegate and chart
use the plain values and the solid-colour images below; the window's shortcuts are set
after the first paint; everything else uses ``Qt`` as usual.
``tests/ui/test_startup_path.py`` checks each value against Qt and that the first paint
leaves ``Qt`` unbuilt.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

FONT_ROLE = 6              # Qt.ItemDataRole.FontRole
TEXT_ALIGNMENT_ROLE = 7    # Qt.ItemDataRole.TextAlignmentRole
USER_ROLE = 256            # Qt.ItemDataRole.UserRole

ALIGN_LEFT = 0x0001        # Qt.AlignmentFlag.AlignLeft
ALIGN_RIGHT = 0x0002       # Qt.AlignmentFlag.AlignRight
ALIGN_VCENTER = 0x0080     # Qt.AlignmentFlag.AlignVCenter


@cache
def solid(rgb: int) -> QImage:
    """A 1x1 image of colour ``0xRRGGBB``; ``fill_rect`` stretches it over a rectangle."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    image.setPixel(0, 0, 0xFF000000 | rgb)
    return image


def fill_rect(painter, rect, rgb: int) -> None:
    """``painter.fillRect(rect, QColor(rgb))`` without touching ``Qt``."""
    painter.drawImage(QRectF(rect), solid(rgb))
