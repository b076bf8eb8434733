"""A keyboard-only driver for scenario tests: every key goes to ``QApplication.focusWidget()``.

A scenario is a generator that yields steps: ``Keys`` (pressed one after the other, each
to whatever widget has the focus at that moment), ``Until`` (wait for a condition, fail
after a timeout) and ``Pause``. The driver runs it from a timer, so it keeps going inside
the nested event loop of a modal dialog (a message box, a file dialog, the wizard): the
test never clicks, calls a widget method or sets a value. When no widget has the focus, a
key cannot be pressed and the scenario fails there ("a step cannot be reached").

Counting: a key is *data* when it is a printable character typed without Ctrl or Alt (the
text and numbers themselves); every other key (Tab, Enter, Esc, arrows, Alt+N, Ctrl+S …)
is *navigation*, the cost a keyboard-first form keeps low.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@dataclass
class Keys:
    """Keys to press: a text (each character typed) or a list of ``(key, modifiers)``."""

    text: str = ""
    keys: list[tuple[Qt.Key, Qt.KeyboardModifier]] = field(default_factory=list)


@dataclass
class Until:
    condition: Callable[[], bool]
    what: str
    timeout_s: float = 10.0


@dataclass
class Pause:
    ms: int


def type_(text: str) -> Keys:
    return Keys(text=text)


def key(k: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER, times: int = 1) -> Keys:
    return Keys(keys=[(k, modifiers)] * times)


def ctrl(k: Qt.Key) -> Keys:
    return key(k, Qt.KeyboardModifier.ControlModifier)


def alt(k: Qt.Key) -> Keys:
    return key(k, Qt.KeyboardModifier.AltModifier)


def until(condition: Callable[[], bool], what: str, timeout_s: float = 10.0) -> Until:
    return Until(condition, what, timeout_s)


Scenario = Generator[Keys | Until | Pause, None, None]


class KeyDriver(QObject):
    """Runs a scenario from a timer; ``done`` when it ends, ``error`` if a step failed."""

    def __init__(self, scenario: Scenario, *, interval_ms: int = 5):
        super().__init__()
        self.scenario = scenario
        self.done = False
        self.error: str | None = None
        self.log: list[tuple[str, bool, str]] = []  # (key, navigation?, focus widget class)
        self._pending: list[tuple[str, Qt.Key, Qt.KeyboardModifier]] = []
        self._waiting: Until | None = None
        self._wait_started = 0.0
        self._resume_at = 0.0
        self._in_step = False
        self.interval_ms = interval_ms

    # -- what the test reads ------------------------------------------------------------------
    @property
    def total_keys(self) -> int:
        return len(self.log)

    @property
    def navigation_keys(self) -> int:
        return sum(1 for _k, nav, _w in self.log if nav)

    def start(self) -> None:
        QTimer.singleShot(self.interval_ms, self._tick)

    # -- running -----------------------------------------------------------------------------
    def _tick(self) -> None:
        # Re-entered from a modal dialog's event loop while an earlier key is still being
        # delivered: fine, as long as the scenario generator itself is not running.
        if self.done:
            return
        # A new single-shot timer for every tick: Qt never re-fires a timer whose slot is still
        # running, and a key that opened a modal dialog is still "running" until it closes.
        QTimer.singleShot(self.interval_ms, self._tick)
        if self._in_step:
            return
        try:
            if time.monotonic() < self._resume_at:
                return
            if self._waiting is not None:
                if self._waiting.condition():
                    self._waiting = None
                elif time.monotonic() - self._wait_started > self._waiting.timeout_s:
                    raise AssertionError(f"not reached: {self._waiting.what}")
                return
            if self._pending:
                self._press(*self._pending.pop(0))
                return
            self._in_step = True
            try:
                step = next(self.scenario)
            finally:
                self._in_step = False
            if isinstance(step, Until):
                self._waiting, self._wait_started = step, time.monotonic()
            elif isinstance(step, Pause):
                self._resume_at = time.monotonic() + step.ms / 1000
            else:
                self._pending += [(ch, Qt.Key(0), NO_MODIFIER) for ch in step.text]
                self._pending += [("", k, m) for k, m in step.keys]
        except StopIteration:
            self._finish(None)
        except Exception as exc:  # noqa: BLE001  (reported by the test)
            self._finish(f"{type(exc).__name__}: {exc}")

    def _press(self, char: str, k: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
        widget = QApplication.focusWidget()
        if widget is None and _activate_like_a_window_manager():
            widget = QApplication.focusWidget()
        if widget is None:
            raise AssertionError(f"no widget has the focus to receive {char or k!r}; "
                                 f"active window: {QApplication.activeWindow()!r}")
        navigation = not char or bool(modifiers & (Qt.KeyboardModifier.ControlModifier
                                                   | Qt.KeyboardModifier.AltModifier))
        self.log.append((char or _key_name(k, modifiers), navigation, type(widget).__name__))
        if char:
            if char.isascii():
                QTest.keyPress(widget, char, modifiers)
                if shiboken6.isValid(widget):
                    QTest.keyRelease(widget, char, modifiers)
            else:  # Devanagari: QTest maps only ASCII to keys, the text goes through as typed
                from PySide6.QtCore import QEvent
                from PySide6.QtGui import QKeyEvent

                QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                         modifiers, char))
            return
        QTest.keyPress(widget, k, modifiers)
        if shiboken6.isValid(widget):
            QTest.keyRelease(widget, k, modifiers)

    def _finish(self, error: str | None) -> None:
        self.error = error
        self.done = True
        if error is not None:  # leave no modal dialog behind to block the test
            for _ in range(10):
                modal = QApplication.activeModalWidget()
                if modal is None:
                    break
                modal.close()

    def summary(self) -> str:
        return f"navigation keys: {self.navigation_keys}, all keys: {self.total_keys}"

    def navigation_trace(self) -> str:
        return " ".join(k for k, nav, _w in self.log if nav)


def _activate_like_a_window_manager() -> bool:
    """When a dialog closes, a desktop's window manager activates the window under it; the
    offscreen platform does not. Do that (and only that): Qt gives the focus back to the
    widget that had it in that window."""
    if QApplication.activeWindow() is not None:
        return False
    windows = [w for w in QApplication.topLevelWidgets()
               if w.isVisible() and w.isWindow() and w.windowType() != Qt.WindowType.Popup]
    if not windows:
        return False
    target = QApplication.activeModalWidget() or windows[-1]
    target.activateWindow()
    QApplication.processEvents()
    return QApplication.focusWidget() is not None


def _key_name(k: Qt.Key, modifiers: Qt.KeyboardModifier) -> str:
    from PySide6.QtGui import QKeySequence

    return QKeySequence(modifiers.value | k.value).toString() or str(k)


def run(qtbot, scenario: Scenario, *, timeout_ms: int = 120_000) -> KeyDriver:
    """Run ``scenario`` to its end; fails the test with the step that could not be reached."""
    driver = KeyDriver(scenario)
    driver.start()
    qtbot.waitUntil(lambda: driver.done, timeout=timeout_ms)
    if driver.error:
        raise AssertionError(f"{driver.error}\nafter {driver.summary()}\n{driver.navigation_trace()}")
    return driver
