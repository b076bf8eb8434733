"""``hq key``, ``hq serve``, ``remote set`` and ``upload [--status]`` as people run them."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desktop_app.bundle.export import export_bundle
from desktop_app.demo import populate
from desktop_app.hq.receiver.testkit import free_port
from desktop_app.keys.office_key import create_office_key
from desktop_app.storage.store import open_folder

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "desktop_app"]
    if home is not None:
        cmd += ["--home", str(home)]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=60, cwd=REPO)


def ok(*args: str, home: Path | None = None) -> str:
    proc = run(*args, home=home)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def make_office(root: Path, code: str) -> Path:
    with open_folder(root) as opened:
        populate(opened)
        opened.store.office.save(dataclasses.replace(opened.store.office.get(), code=code))
        create_office_key(opened, reason="tests")
        export_bundle(opened)
    return root


@pytest.fixture
def hq_serving(tmp_path):
    """An HQ folder with its key, serving on a free port in a real ``hq serve`` process."""
    hq = tmp_path / "hq"
    assert "fingerprint:" in ok("hq", "key", "init", home=hq)
    pem = tmp_path / "HQ.pub.pem"
    ok("hq", "key", "export", "--out", str(pem), home=hq)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "--home", str(hq), "hq", "serve",
                             "--port", str(port)], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(REPO)))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.options(f"{url}/files/", timeout=1).status_code == 204:
                break
        except httpx.TransportError:
            pass
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "hq serve did not start"
        time.sleep(0.1)
    yield hq, pem, url
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def test_office_uploads_to_hq_serve_and_sees_the_receipt(tmp_path, hq_serving):
    hq, pem, url = hq_serving
    office = make_office(tmp_path / "office", "MH-PUNE-01")
    office_pem = tmp_path / "OFFICE.pub.pem"
    ok("key", "export", "--out", str(office_pem), home=office)
    ok("hq", "register", str(office_pem), "--office", "MH-PUNE-01", home=hq)

    out = ok("remote", "set", url, "--hq-key", str(pem), home=office)
    assert "HQ key:" in out and url in out
    assert "queued" in ok("upload", "--status", home=office)

    proc = run("upload", home=office)
    assert proc.returncode == 0, proc.stderr
    assert "1 bundle accepted by headquarters" in proc.stdout
    status = ok("upload", "--status", home=office)
    assert "accepted by HQ on" in status
    assert "MH-PUNE-01" in ok("hq", "offices", home=hq)
    page = httpx.get(url + "/", timeout=10)
    assert page.status_code == 200 and "MH-PUNE-01" in page.text

    # Found by hostile testing: `export --out E:\\` queued the bundle, then the uploader looked only in
    # exports/ and it stayed "queued" for ever. It is sent from where it was written.
    pen_drive = tmp_path / "pen-drive"
    [bundle] = [Path(line) for line in ok("export", "--out", str(pen_drive), home=office).split()]
    assert bundle.parent == pen_drive and not (office / "exports" / bundle.name).exists()
    proc = run("upload", home=office)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("upload: 1 bundle accepted by headquarters"), proc.stdout
    assert f"{bundle.name}: accepted by HQ on" in ok("upload", "--status", home=office)


def test_no_network_is_calm_and_exit_0(tmp_path):
    office = make_office(tmp_path / "office", "DL-042")
    hq = tmp_path / "hq"
    ok("hq", "key", "init", home=hq)
    pem = tmp_path / "HQ.pub.pem"
    ok("hq", "key", "export", "--out", str(pem), home=hq)
    ok("remote", "set", f"http://127.0.0.1:{free_port()}", "--hq-key", str(pem), home=office)
    proc = run("upload", home=office)
    assert proc.returncode == 0
    assert "cannot be reached" in proc.stdout and "1 bundle stays queued" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert "queued — last try" in ok("upload", "--status", home=office)


def test_mistakes_are_one_line_errors(tmp_path):
    office = make_office(tmp_path / "office", "DL-042")
    proc = run("upload", home=office)
    assert proc.returncode == 1 and "remote set" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    proc = run("remote", "set", "ftp://hq", "--hq-key", str(tmp_path / "none.pem"), home=office)
    assert proc.returncode == 1 and "web address" in proc.stderr
    proc = run("remote", "set", "https://hq.example.gov.in", "--hq-key", str(tmp_path / "none.pem"),
               home=office)
    assert proc.returncode == 1 and "none.pem" in proc.stderr
    hq = tmp_path / "hq"
    proc = run("hq", "key", "export", "--out", str(tmp_path / "x.pem"), home=hq)
    assert proc.returncode == 1 and "hq key init" in proc.stderr
    ok("hq", "key", "init", home=hq)
    proc = run("hq", "key", "init", home=hq)
    assert proc.returncode == 1 and "already" in proc.stderr
    proc = run("hq", "serve", "--port", "8750", home=office)
    assert proc.returncode == 1 and "office data folder" in proc.stderr
