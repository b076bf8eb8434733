"""``fielddesk key init|show|export``, ``export`` and ``verify`` as a clerk runs them."""

from __future__ import annotations

import re
import shutil
import sqlite3
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


def one_line_error(proc: subprocess.CompletedProcess, text: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert text in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory) -> Path:
    """The demo office (records, photos and its key), made once for the module."""
    home = tmp_path_factory.mktemp("demo") / "home"
    run("demo", "--no-open", home=home, check=True)
    return home


@pytest.fixture
def home(demo_home, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(demo_home, copy, ignore=shutil.ignore_patterns(".fielddesk.lock"))
    return copy


def fingerprint_of(text: str) -> str:
    return " ".join(re.findall(r"\b[0-9A-F]{4}\b", text))


def test_key_show_and_export(home, tmp_path):
    shown = run("key", "show", home=home, check=True).stdout
    fingerprint = fingerprint_of(shown)
    assert len(fingerprint.split()) == 16
    assert str(home / "keys" / "office.pub.pem") in shown
    out = tmp_path / "DEMO-RO-PUNE.pub.pem"
    proc = run("key", "export", "--out", str(out), home=home, check=True)
    assert proc.stdout.strip() == str(out)
    assert out.read_bytes() == (home / "keys" / "office.pub.pem").read_bytes()
    assert fingerprint_of(proc.stderr) == fingerprint
    again = run("key", "export", "--out", str(out), home=home)  # the same key: fine
    assert again.returncode == 0
    other = tmp_path / "other.pub.pem"
    other.write_text("somebody else's key\n")
    one_line_error(run("key", "export", "--out", str(other), home=home), "holds another key")


def test_key_init_twice_is_refused_and_replacing_is_audited(home):
    before = fingerprint_of(run("key", "show", home=home, check=True).stdout)
    one_line_error(run("key", "init", home=home), "--replace --reason")
    one_line_error(run("key", "init", "--replace", home=home), "reason")
    assert fingerprint_of(run("key", "show", home=home, check=True).stdout) == before

    proc = run("key", "init", "--replace", "--reason", "PC stolen on 12.11.2026", home=home,
               check=True)
    after = fingerprint_of(proc.stdout)
    assert after and after != before
    assert "headquarters must register the new public key" in proc.stderr
    assert fingerprint_of(run("key", "show", home=home, check=True).stdout) == after
    retired = list((home / "keys" / "retired").glob("*/office.key"))
    assert len(retired) == 1

    conn = sqlite3.connect(home / "fielddesk.db")
    try:
        history = dict(conn.execute("SELECT fingerprint, retired_at FROM key_history").fetchall())
        reasons = [r[0] for r in conn.execute("SELECT reason FROM key_history")]
        office_fp = conn.execute("SELECT key_fingerprint FROM office").fetchone()[0]
        audit = conn.execute("SELECT action, new_json FROM audit_log WHERE table_name = "
                             "'key_history' ORDER BY id").fetchall()
    finally:
        conn.close()
    assert history[before] is not None and history[after] is None
    assert "PC stolen on 12.11.2026" in reasons
    assert office_fp == after
    assert [a for a, _ in audit].count("insert") == 2 and "update" in [a for a, _ in audit]
    assert any("PC stolen" in (new or "") for _, new in audit)


def test_key_init_on_a_new_office(home):
    for f in (home / "keys").glob("office.*"):
        f.unlink()
    one_line_error(run("export", home=home), "fielddesk key init")
    proc = run("key", "init", home=home, check=True)
    assert len(fingerprint_of(proc.stdout).split()) == 16
    assert (home / "keys" / "office.key").exists()


def test_export_prints_the_path_and_verify_exits_0_or_1(home, tmp_path):
    key = tmp_path / "DEMO-RO-PUNE.pub.pem"
    run("key", "export", "--out", str(key), home=home, check=True)
    out = tmp_path / "outbox"
    proc = run("export", "--out", str(out), home=home, check=True)
    [line] = proc.stdout.strip().splitlines()
    bundle = Path(line)
    assert bundle.parent == out and bundle.is_file()
    assert re.fullmatch(r"DEMO-RO-PUNE-special-campaign-6-1-\d{8}\.zip", bundle.name)

    ok = run("verify", str(bundle), "--key", str(key))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("OK: office DEMO-RO-PUNE")
    assert "campaign special-campaign-6, seq 1, part 1/1" in ok.stdout
    assert "scrap 40" in ok.stdout and "photos_included 48" in ok.stdout

    info = run("info", home=home, check=True).stdout
    assert re.search(r"export: +seq 1 \(1/1\) .* " + re.escape(bundle.name), info)

    # the next export carries no photo again, and --all-photos carries them all
    second = Path(run("export", "--out", str(out), home=home, check=True).stdout.strip())
    third = Path(run("export", "--all-photos", "--out", str(out), home=home, check=True)
                 .stdout.strip())
    assert "photos_included 0" in run("verify", str(second), "--key", str(key), check=True).stdout
    assert "photos_included 48" in run("verify", str(third), "--key", str(key), check=True).stdout

    # a stranger's key, a damaged bundle: exit 1 with the reason on one line
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.keys.signing import public_key_pem

    wrong = tmp_path / "wrong.pub.pem"
    wrong.write_bytes(public_key_pem(Ed25519PrivateKey.generate().public_key()))
    one_line_error(run("verify", str(bundle), "--key", str(wrong)), "signature does not match")
    data = bytearray(bundle.read_bytes())
    data[-200] ^= 0x01
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(data))
    assert run("verify", str(broken), "--key", str(key)).returncode == 1
    one_line_error(run("verify", str(tmp_path / "nowhere.zip"), "--key", str(key)), "nowhere.zip")


def test_export_max_size_prints_every_part(home, tmp_path):
    proc = run("export", "--max-size", "3MB", "--out", str(tmp_path), home=home, check=True)
    paths = [Path(p) for p in proc.stdout.split()]
    assert len(paths) >= 4
    assert all(p.stat().st_size <= 3_000_000 for p in paths)
    assert [int(p.name.split("-")[-2]) for p in paths] == list(range(1, len(paths) + 1))
    one_line_error(run("export", "--max-size", "lots", home=home), "is not a size")
    one_line_error(run("export", "--max-size", "50KB", home=home), "--max-size")
