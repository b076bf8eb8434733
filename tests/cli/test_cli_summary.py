"""`fielddesk summary --pdf FILE [--lang en|hi] [--no-photos]` as a clerk runs it, headless."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader


def run(*args: str, home: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("cli-summary") / "demo"
    proc = run("demo", "--no-open", home=home)
    assert proc.returncode == 0, proc.stderr
    return home


def test_summary_writes_the_pdf_and_prints_its_path_and_page_count(demo_home, tmp_path):
    out = tmp_path / "summary.pdf"
    proc = run("summary", "--pdf", str(out), home=demo_home)
    assert proc.returncode == 0, proc.stderr
    path_line, pages_line = proc.stdout.strip().splitlines()
    assert Path(path_line) == out.resolve() and out.is_file()
    assert pages_line == f"{len(PdfReader(out).pages)} pages"
    text = subprocess.run(["pdftotext", "-l", "1", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Regional Office, Pune" in text and "Page 1 of" in text


def test_summary_in_hindi_without_a_display(demo_home, tmp_path):
    out = tmp_path / "hi.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    proc = run("summary", "--pdf", str(out), "--lang", "hi", "--no-photos", home=demo_home, env=env)
    assert proc.returncode == 0, proc.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansDevanagari" in fonts
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "कुल" in text and "Total" not in text


def test_summary_never_runs_under_the_minimal_platform(demo_home, tmp_path):
    out = tmp_path / "min.pdf"
    env = dict(os.environ, QT_QPA_PLATFORM="minimal")
    proc = run("summary", "--pdf", str(out), "--no-photos", home=demo_home, env=env)
    assert proc.returncode == 0, proc.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansDevanagari" in fonts


@pytest.mark.parametrize("args, message", [
    (["--pdf", "{tmp}/no/such/dir/x.pdf"], "no such folder"),
    (["--pdf", "{tmp}"], "is a folder"),
])
def test_summary_errors_are_one_line(demo_home, tmp_path, args, message):
    proc = run("summary", *[a.format(tmp=tmp_path) for a in args], home=demo_home)
    assert proc.returncode == 1
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_summary_needs_an_office(tmp_path):
    proc = run("summary", "--pdf", str(tmp_path / "x.pdf"), home=tmp_path / "empty")
    assert proc.returncode == 1 and "no FieldDesk data" in proc.stderr
