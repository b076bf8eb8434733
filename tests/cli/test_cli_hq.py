"""``fielddesk hq register | revoke | offices | import | report | log`` as headquarters runs them."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

TODAY = date(2026, 11, 20)


def run(*args: str, home: Path, check: bool = False) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(proc.stdout + proc.stderr)
    return proc


def one_line_error(proc: subprocess.CompletedProcess, text: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert text in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def offices(tmp_path_factory):
    """Two offices with two bundles each, and their public keys: made once."""
    from desktop_app.bundle.export import export_bundle
    from desktop_app.demo import populate
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.store import open_folder

    root = tmp_path_factory.mktemp("offices")
    out = {}
    for code, name in (("DL-001", "Regional Office, Delhi"), ("MH-002", "Zonal Office, Mumbai")):
        with open_folder(root / code, today=lambda: TODAY) as opened:
            populate(opened)
            opened.store.office.save(dataclasses.replace(opened.store.office.get(), code=code,
                                                         name=name))
            create_office_key(opened)
            bundles = [export_bundle(opened)[0].path for _ in range(2)]
            out[code] = {"pem": opened.folder.keys / "office.pub.pem", "bundles": bundles,
                         "inbox": root / code / "exports"}
    return out


@pytest.fixture
def hq_home(tmp_path, hq_db):
    """A headquarters folder for the commands below, on each back-end: SQLite by default, or
    the fresh PostgreSQL database *hq_db*, given to it as `hq init --db` does."""
    home = tmp_path / "hq"
    if hq_db:
        from desktop_app.hq.database import HQFolder

        HQFolder(home).ensure().write_settings({"database": hq_db})
    return home


def fingerprint_of(text: str) -> str:
    return " ".join(re.findall(r"\b[0-9A-F]{4}\b", text))


def test_register_import_offices_report(offices, tmp_path, hq_home):
    home = hq_home
    proc = run("hq", "register", str(offices["DL-001"]["pem"]), "--office", "DL-001",
               home=home, check=True)
    assert "office DL-001: key registered" in proc.stdout
    assert len(fingerprint_of(proc.stdout).split()) == 16
    assert "Read the fingerprint back" in proc.stderr
    run("hq", "register", str(offices["MH-002"]["pem"]), "--office", "MH-002", home=home,
        check=True)
    assert (home / "photos").is_dir() and (home / "inbox").is_dir()
    assert (home / "hq.db").exists() == (not (home / "hq-settings.json").exists())

    # a folder of bundles: all accepted, exit 0
    proc = run("hq", "import", str(offices["DL-001"]["inbox"]), home=home)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("accepted: DL-001-") for line in lines)
    assert "2 bundles: 2 accepted" in proc.stderr

    # the newer one first, then the older, and a replay: exit 1 (one was rejected)
    mh1, mh2 = offices["MH-002"]["bundles"]
    proc = run("hq", "import", str(mh2), str(mh1), str(mh2), home=home)
    assert proc.returncode == 1
    accepted, older, again = proc.stdout.strip().splitlines()
    assert accepted.startswith("accepted: ") and "flagged: gap" in accepted
    assert older.startswith("rejected: ") and "older than the last accepted bundle (seq 2)" in older
    assert again.startswith("already imported: ") and again.endswith("nothing changed")

    proc = run("hq", "offices", home=home, check=True)
    assert "DL-001  Regional Office, Delhi" in proc.stdout
    assert "special-campaign-6 v1: last accepted seq 2" in proc.stdout
    key_line = next(line for line in proc.stdout.splitlines() if line.startswith("  key: "))
    assert len(fingerprint_of(key_line).split()) == 16

    out = tmp_path / "consolidated.xlsx"
    proc = run("hq", "report", "--out", str(out), "--stale-days", "100000", home=home, check=True)
    assert proc.stdout.strip() == str(out)
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["Offices"].iter_rows(values_only=True))
    assert [r[0] for r in rows[5:]] == ["Total", "DL-001", "MH-002"]
    assert rows[5][1] == "2 offices"
    log = list(book["Import log"].iter_rows(values_only=True))
    assert len(log) == 1 + 5

    proc = run("hq", "log", "--limit", "2", home=home, check=True)
    assert len(proc.stdout.strip().splitlines()) == 2 and "unchanged" in proc.stdout


def test_rejections_exit_1_with_one_line_each(offices, tmp_path, hq_home):
    home = hq_home
    bundle = offices["DL-001"]["bundles"][0]
    proc = run("hq", "import", str(bundle), home=home)
    assert proc.returncode == 1
    assert proc.stdout.strip() == (f"rejected: {bundle.name}: office DL-001 is not registered at "
                                   "headquarters (register its public key with `fielddesk hq "
                                   "register`)")
    bad = tmp_path / "tampered.zip"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    run("hq", "register", str(offices["DL-001"]["pem"]), "--office", "DL-001", home=home,
        check=True)
    proc = run("hq", "import", str(bad), str(bundle), home=home)
    assert proc.returncode == 1
    rejected, accepted = proc.stdout.strip().splitlines()
    assert rejected.startswith("rejected: tampered.zip: ") and accepted.startswith("accepted: ")
    assert "Traceback" not in proc.stderr


def test_replace_and_revoke(offices, tmp_path, hq_home):
    home = hq_home
    run("hq", "register", str(offices["DL-001"]["pem"]), "--office", "DL-001", home=home,
        check=True)
    proc = run("hq", "register", str(offices["MH-002"]["pem"]), "--office", "DL-001", home=home)
    one_line_error(proc, "office DL-001 already has a registered key")
    proc = run("hq", "register", str(offices["MH-002"]["pem"]), "--office", "DL-001",
               "--replace", home=home)
    one_line_error(proc, "give a reason")
    proc = run("hq", "revoke", "--office", "DL-001", "--reason", "laptop stolen", home=home,
               check=True)
    assert "revoked" in proc.stdout
    proc = run("hq", "import", str(offices["DL-001"]["bundles"][0]), home=home)
    assert proc.returncode == 1 and "key was revoked" in proc.stdout
    proc = run("hq", "offices", home=home, check=True)
    assert "REVOKED" in proc.stdout


def test_user_errors_are_one_line(offices, tmp_path, hq_home):
    home = hq_home
    one_line_error(run("hq", "import", str(tmp_path / "nowhere"), home=home), "no such file")
    one_line_error(run("hq", "register", str(tmp_path / "none.pem"), "--office", "DL-001",
                       home=home), "cannot read the public key")
    office_home = tmp_path / "office"
    shutil.copytree(offices["DL-001"]["inbox"].parent, office_home,
                    ignore=shutil.ignore_patterns(".fielddesk.lock"))
    one_line_error(run("hq", "offices", home=office_home), "is an office data folder")


@pytest.mark.timeout(360)  # fourteen `fielddesk` processes: minutes on a busy 2-core machine
def test_staff_accounts_and_serving_off_this_machine(tmp_path, hq_home):
    """``hq user add | list | passwd | disable | enable | remove``; ``hq serve`` on a public
    address refuses, in one line, until an account exists."""
    home = hq_home
    run("hq", "key", "init", home=home, check=True)
    refused = run("hq", "serve", "--host", "0.0.0.0", "--port", "8751", home=home)
    one_line_error(refused, "run `fielddesk hq user add NAME --role admin` first")

    def user(*args: str, password: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "desktop_app", "--home", str(home), "hq",
                               "user", *args], input=password, capture_output=True, text=True,
                              timeout=120)

    assert "no staff accounts" in user("list").stdout
    one_line_error(user("add", "ops", "--role", "admin", "--password-stdin", password="short\n"),
                   "too short")
    one_line_error(user("add", "ops", "--role", "admin", password=""), "use --password-stdin")
    added = user("add", "ops.lead", "--role", "admin", "--password-stdin",
                 password="a long enough password\n")
    assert added.returncode == 0 and "ops.lead added (admin)" in added.stdout, added.stderr
    assert user("add", "clerk.view", "--role", "viewer", "--password-stdin",
                password="another long password\n").returncode == 0
    listed = user("list").stdout.splitlines()
    assert [line.split()[:3] for line in listed] == [["clerk.view", "viewer", "active"],
                                                     ["ops.lead", "admin", "active"]]
    assert user("passwd", "ops.lead", "--password-stdin",
                password="a new long password\n").returncode == 0
    assert user("disable", "clerk.view").returncode == 0
    assert "DISABLED" in user("list").stdout
    assert user("enable", "clerk.view").returncode == 0
    assert user("remove", "clerk.view").returncode == 0
    one_line_error(user("remove", "clerk.view"), "no staff account 'clerk.view'")

    from desktop_app.hq import open_hq, staff

    with open_hq(home) as hq, hq.store.read() as conn:
        account = staff.find_user(conn, "ops.lead")
        assert staff.check_password(account, "a new long password")
        from desktop_app.hq.receiver.server import check_staff_for

        check_staff_for("0.0.0.0", hq)  # an account exists: serving publicly is allowed now
