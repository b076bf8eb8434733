"""A second launch on the same data folder hands over to the running copy: the
running window comes to the front and the new process exits without a window of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import TODAY

SECOND_LAUNCH = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication
    from desktop_app.cli import main

    code = main(["--home", sys.argv[1]])
    app = QApplication.instance()
    print("windows:", [type(w).__name__ for w in app.topLevelWidgets()] if app else [], flush=True)
    sys.exit(code)
""")


def launch(home, script: str = SECOND_LAUNCH) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, str(home)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_second_launch_brings_the_running_window_forward_and_shows_none(qtbot, qapp, demo_home):
    from desktop_app.ui.app import create_app, show_windows

    app, window, opened = create_app(demo_home, today=lambda: TODAY, defer_lock=True)
    qtbot.addWidget(window)
    shown = show_windows(app, demo_home, opened, window)
    qtbot.waitUntil(lambda: shown["listener"] is not None and shown["listener"].listening, timeout=5000)
    window.showMinimized()
    activations = []
    shown["listener"].activated.connect(lambda: activations.append(True))
    try:
        second = launch(demo_home)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
        out, err = second.communicate()
        assert second.returncode == 0, err[-2000:]
        assert "windows: []" in out  # it built no window at all
        assert activations == [True]
        assert not window.isMinimized() and window.isVisible()  # the running one came forward
        assert opened.lock is not None  # and still holds the folder
    finally:
        shown["listener"].close()
        window.close()
        opened.close()


def test_a_launch_with_no_copy_running_does_not_load_qtnetwork(tmp_path):
    """The start-up path pays for QtNetwork only when a copy may be running (Linux: the
    socket file exists)."""
    probe = textwrap.dedent("""
        import sys
        from pathlib import Path
        from desktop_app.ui.single_instance import hand_over
        print(hand_over(Path(sys.argv[1])), "PySide6.QtNetwork" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["False", "False" if sys.platform != "win32" else "True"], out.stderr


def test_a_socket_left_by_a_crashed_copy_is_taken_over(qtbot, qapp, tmp_path):
    from pathlib import Path

    from desktop_app.ui.single_instance import Listener, hand_over, server_name

    home = tmp_path / "office"
    home.mkdir()
    if sys.platform != "win32":
        Path(server_name(home)).write_text("")  # what a killed process leaves behind
    assert not hand_over(home)  # nobody answers it
    listener = Listener(home, lambda: None)
    try:
        assert listener.listening
    finally:
        listener.close()
