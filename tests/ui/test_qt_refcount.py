"""Guard against the PySide6 6.12.0 bug on Python 3.11: void Qt calls dropping references to
None until the interpreter aborts ("none_dealloc"). A desktop session paints millions of times."""

import sys


def test_void_qt_calls_do_not_leak_none_references(qapp):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QLabel

    image = QImage(50, 50, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.fillRect(QRect(0, 0, 5, 5), QColor("red"))
        label.setText("x")
    after = sys.getrefcount(None)
    painter.end()
    assert after - before > -100, f"None lost {before - after} references in 4,000 Qt calls"
