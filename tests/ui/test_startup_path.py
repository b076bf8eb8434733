"""The start-up path (docs/decisions/0004): what waits until the first paint, and that it still happens.

Before the first paint the window reads on a ``query_only`` connection without the folder's
lock, and PySide's ``Qt`` namespace (93 Python enums) is not built; right after it, the
shortcuts, the lock and the window icon are in place. A second FieldDesk on the same folder
is refused with one clear message.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TODAY

PROBE = textwrap.dedent("""
    import sys
    from pathlib import Path
    import PySide6.QtCore as QtCore
    from desktop_app.ui.app import create_app, finish_start_after_paint

    app, window, opened = create_app(Path(sys.argv[1]), defer_lock=True)
    page = window.stack.currentWidget()
    seen = {}

    class Watch(QtCore.QObject):
        def eventFilter(self, obj, event):
            if event.type() == QtCore.QEvent.Type.Paint and "painted" not in seen:
                seen["painted"] = True
                seen["qt_built_at_paint"] = "Qt" in QtCore.__dict__
                seen["lock_at_paint"] = opened.lock is not None
                seen["read_only_at_paint"] = opened.store.read_only
            return False

    watch = Watch()
    page.installEventFilter(watch)
    finish_start_after_paint(window, opened, lambda message: seen.setdefault("refused", message))

    def check():
        if not window.shortcuts_ready or opened.lock is None:
            QtCore.QTimer.singleShot(10, check)
            return
        print(seen["qt_built_at_paint"], seen["lock_at_paint"], seen["read_only_at_paint"],
              opened.store.read_only, window.export_action.shortcut().toString(),
              app.windowIcon().isNull(), flush=True)
        app.quit()

    QtCore.QTimer.singleShot(0, check)
    QtCore.QTimer.singleShot(20000, lambda: app.exit(1))
    window.show()
    code = app.exec()
    opened.close()
    sys.exit(code)
""")


def test_first_paint_needs_neither_the_qt_enums_nor_the_lock_and_both_follow(demo_home):
    out = subprocess.run([sys.executable, "-c", PROBE, str(demo_home)], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    qt_built, locked, read_only, read_only_after, shortcut, no_icon = out.stdout.split()
    assert (qt_built, locked, read_only) == ("False", "False", "True")
    assert (read_only_after, shortcut, no_icon) == ("False", "Ctrl+E", "False")


def test_plain_values_are_qts():
    from desktop_app.ui import first_paint as fp

    assert Qt.ItemDataRole.FontRole.value == fp.FONT_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole.value == fp.TEXT_ALIGNMENT_ROLE
    assert Qt.ItemDataRole.UserRole.value == fp.USER_ROLE
    assert Qt.AlignmentFlag.AlignLeft.value == fp.ALIGN_LEFT
    assert Qt.AlignmentFlag.AlignRight.value == fp.ALIGN_RIGHT
    assert Qt.AlignmentFlag.AlignVCenter.value == fp.ALIGN_VCENTER


def test_a_second_copy_on_the_same_folder_is_refused_after_its_first_paint(qtbot, demo_home):
    from desktop_app.ui.app import create_app, finish_start, finish_start_after_paint

    app, first, first_opened = create_app(demo_home, today=lambda: TODAY, defer_lock=True)
    qtbot.addWidget(first)
    finish_start(app, first_opened)
    _app, second, second_opened = create_app(demo_home, today=lambda: TODAY, defer_lock=True)
    qtbot.addWidget(second)
    refused: list[str] = []
    finish_start_after_paint(second, second_opened, refused.append)
    second.show()
    qtbot.waitUntil(lambda: bool(refused), timeout=5000)
    assert "already open" in refused[0] and "\n" not in refused[0]
    assert second_opened.lock is None and second_opened.store.read_only  # it never wrote
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        second_opened.store.set_clerk("Someone else")
    second.close()
    second_opened.close()
    first.close()
    first_opened.close()


PAGES_PROBE = textwrap.dedent("""
    import importlib, sys
    for name in sys.argv[1:]:
        importlib.import_module(name)
    heavy = ("httpx", "xlsxwriter", "PIL", "pillow_heif", "cryptography", "fastapi", "uvicorn")
    print(" ".join(sorted(m for m in heavy if m in sys.modules)) or "none")
""")


def test_showing_a_page_or_the_wizard_loads_none_of_the_heavy_libraries():
    """Each costs 15-600 ms on the UI thread (docs/decisions/0004): they load in the worker
    that exports, uploads, verifies or attaches photos, or on the click that needs them."""
    modules = ["desktop_app.ui.main_window", "desktop_app.ui.wizard",
               *(f"desktop_app.ui.pages.{name}" for name in
                 ("dashboard", "targets", "progress", "registers", "export", "settings"))]
    out = subprocess.run([sys.executable, "-c", PAGES_PROBE, *modules], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["none"]
