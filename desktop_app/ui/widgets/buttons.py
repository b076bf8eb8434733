"""``KeyButton``: a push button whose access key acts at once.

Qt "clicks" a button whose access key (Alt+N) is pressed with an animation: the click
comes 100 ms later. A keyer who presses Alt+N (New) and goes on typing has typed into the
old form before it is cleared; this button clicks as soon as its key is pressed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QPushButton


class KeyButton(QPushButton):
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.Shortcut and not event.isAmbiguous() and self.isEnabled():
            self.click()
            return True
        return super().event(event)
