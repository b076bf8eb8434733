"""The command line as a clerk uses it: exit codes, one-line errors, no tracebacks."""

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, home: Path | None = None, check: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "desktop_app"]
    if home is not None:
        cmd += ["--home", str(home)]
    proc = subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(proc.stderr)
    return proc


def test_version():
    from desktop_app import __version__

    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"FieldDesk {__version__}"


def test_demo_is_deterministic_and_info_reports_it(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run("demo", "--no-open", home=a, check=True)
    run("demo", "--no-open", home=b, check=True)
    info = run("info", home=a, check=True).stdout
    assert "DEMO-RO-PUNE" in info and "40 scrap disposals" in info and "20 sites" in info
    assert "10 events" in info and "phase:" in info and "days left" in info
    import sqlite3

    def content(home):
        conn = sqlite3.connect(home / "fielddesk.db")
        rows = conn.execute("SELECT item, revenue_paise, disposal_date FROM scrap_disposal ORDER BY 1, 2, 3").fetchall()
        progress = conn.execute("SELECT indicator_code, entry_date, value FROM progress_entry ORDER BY 1, 2").fetchall()
        conn.close()
        return rows, progress
    assert content(a) == content(b)
    # a second run opens the same demo, it does not duplicate it
    again = run("demo", "--no-open", home=a, check=True)
    assert "already" in again.stdout
    assert content(a) == content(b)


def test_demo_never_touches_a_real_office(tmp_path):
    import sqlite3

    home = tmp_path / "real"
    run("demo", "--no-open", home=home, check=True)
    conn = sqlite3.connect(home / "fielddesk.db")
    conn.execute("UPDATE office SET code = 'DL-042'")
    conn.commit()
    conn.close()
    proc = run("demo", "--no-open", home=home)
    assert proc.returncode == 1
    assert "never touches a real office" in proc.stderr


@pytest.mark.parametrize("args, message", [
    (["info"], "no FieldDesk data in"),
    (["restore", "nowhere.zip"], "no such backup file"),
])
def test_user_errors_are_one_line_without_traceback(tmp_path, args, message):
    proc = run(*args, home=tmp_path / "empty")
    assert proc.returncode == 1
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_backup_and_restore_from_the_command_line(tmp_path):
    home, other = tmp_path / "a", tmp_path / "b"
    run("demo", "--no-open", home=home, check=True)
    out = run("backup", "--out", str(tmp_path / "x.zip"), home=home, check=True).stdout.strip()
    assert Path(out).is_file()
    run("restore", out, home=other, check=True)
    assert "DEMO-RO-PUNE" in run("info", home=other, check=True).stdout
    refused = run("restore", out, home=other)
    assert refused.returncode == 1 and "--force" in refused.stderr
    forced = run("restore", out, "--force", home=other, check=True)
    assert "previous data kept in" in forced.stdout


def test_photo_add_reports_each_file_and_fails_if_any_refused(tmp_path):
    import sqlite3
    from datetime import datetime

    from desktop_app.photos.synthetic import make_camera_jpeg

    home = tmp_path / "o"
    run("demo", "--no-open", home=home, check=True)
    conn = sqlite3.connect(home / "fielddesk.db")
    event_id = conn.execute("SELECT id FROM event ORDER BY event_date LIMIT 1").fetchone()[0]
    conn.close()
    good = make_camera_jpeg(tmp_path / "g.jpg", width=640, height=480, seed=3, taken_at=datetime(2026, 10, 3, 9))
    bad = tmp_path / "b.jpg"
    bad.write_bytes(b"")
    proc = run("photo", "add", str(good), str(bad), "--event", event_id, home=home)
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("g.jpg: ") and len(lines[0].split(": ")[1]) == 64
    assert lines[1].startswith("b.jpg: refused: ") and "empty" in lines[1]
    missing = run("photo", "add", str(good), "--site", "nope", "--role", "before", home=home)
    assert missing.returncode == 1 and "no cleanliness site with id nope" in missing.stderr


def test_no_display_is_one_clear_line_not_a_qt_abort(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    run("demo", "--no-open", home=tmp_path / "d", check=True)
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "--home", str(tmp_path / "d")],
                          capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("fielddesk: no display to open the window on: run FieldDesk in a desktop "
                                   "session (or set QT_QPA_PLATFORM=offscreen for --smoke-test)")
