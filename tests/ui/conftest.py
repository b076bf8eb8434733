"""UI fixtures: the real main window on a fresh demo office, driven with qtbot (offscreen)."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY


@pytest.fixture
def demo_home(tmp_path):
    from desktop_app.demo import populate
    from desktop_app.storage.store import open_folder

    home = tmp_path / "demo"
    with open_folder(home, today=lambda: TODAY) as opened:
        populate(opened)
    return home


@pytest.fixture
def window(qtbot, demo_home):
    """The main window as a clerk sees it, on the demo office (English)."""
    from desktop_app.ui.app import create_app

    _app, win, opened = create_app(demo_home, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.shortcuts_ready)  # set right after the first paint
    yield win
    win.close()
    opened.close()


@pytest.fixture(autouse=True)
def ui_dialogs(monkeypatch):
    """No modal message box may block a test: each is recorded and answered.

    ``question`` answers Discard/Yes-like (so closing a window with edits does not hang);
    tests that need another answer patch QMessageBox themselves after this fixture.
    """
    from PySide6.QtWidgets import QMessageBox

    seen: list[tuple[str, str]] = []

    def answer(kind, default):
        def box(_parent, title, text, *args, **kwargs):
            seen.append((kind, f"{title}: {text}"))
            buttons = args[0] if args else kwargs.get("buttons")
            if kind == "question" and buttons is not None:
                for choice in (QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Yes,
                               QMessageBox.StandardButton.Ok):
                    if buttons & choice:
                        return choice
            return default
        return box

    monkeypatch.setattr(QMessageBox, "question", answer("question", QMessageBox.StandardButton.Yes))
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, answer(kind, QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "about", lambda *a, **k: seen.append(("about", "")))
    return seen
