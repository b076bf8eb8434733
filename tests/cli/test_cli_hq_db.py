"""``fielddesk hq init [--db URL]`` and ``hq migrate``: the folder remembers its database, an
older PostgreSQL schema is named in one line until migrated, and wrong URLs fail in one line."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from desktop_app.hq.store import HEAD, parse_url


def run(*args: str, home: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "FIELDDESK_HQ_DB"}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "desktop_app", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=120, env=environ)


def one_line_error(proc: subprocess.CompletedProcess, text: str) -> str:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert text in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    return proc.stderr


def revision(url: str) -> str:
    engine = sa.create_engine(parse_url(url))
    with engine.connect() as conn:
        value = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return value


def test_init_on_sqlite_makes_hq_db(tmp_path):
    home = tmp_path / "hq"
    proc = run("hq", "init", home=home)
    assert proc.returncode == 0, proc.stderr
    assert f"{home}: headquarters on SQLite {home / 'hq.db'}" in proc.stdout
    assert (home / "hq.db").is_file() and not (home / "hq-settings.json").exists()
    proc = run("hq", "migrate", home=home)
    assert proc.returncode == 0 and f"schema at revision {HEAD}, up to date" in proc.stdout


def test_init_with_db_remembers_postgresql_and_migrate_upgrades_it(tmp_path, pg_cluster):
    url = pg_cluster.create_database("cli_init")
    home = tmp_path / "hq"
    proc = run("hq", "init", "--db", url, home=home)
    assert proc.returncode == 0, proc.stderr
    assert "headquarters on postgresql://fd@127.0.0.1" in proc.stdout
    settings = home / "hq-settings.json"
    assert json.loads(settings.read_text()) == {"database": url}
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    assert not (home / "hq.db").exists() and revision(url) == HEAD

    # the same folder, another database: refused, nothing changed
    other = pg_cluster.create_database("cli_other")
    one_line_error(run("hq", "init", "--db", other, home=home), "already uses postgresql://")
    assert json.loads(settings.read_text()) == {"database": url}

    # an older schema: every command says so in one line, until hq migrate
    engine = sa.create_engine(parse_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0001'"))
        conn.execute(sa.text("DROP TABLE upload_event, receipt, upload_nonce, upload, "
                             "import_job, refusal, staff_session, signin_failure, "
                             "staff_user, staff_event, office_indicator, photo_hash, photo_match, "
                             "published_campaign, office_summary, office_indicator_figures"))
        conn.execute(sa.text("DROP INDEX st_photos_by_sha256, st_photos_by_target, st_sites_by_date, "
                             "st_events_by_date, office_by_place"))
        conn.execute(sa.text("ALTER TABLE office DROP COLUMN state, DROP COLUMN district"))
        conn.execute(sa.text("ALTER TABLE office_campaign " + ", ".join(
            f"DROP COLUMN {name}" for name in ("scrap_entries", "scrap_revenue_paise",
                                               "space_freed_sqft", "sites_total",
                                               "sites_completed", "events", "participants"))))
    engine.dispose()
    one_line_error(run("hq", "offices", home=home),
                   f"the schema is at revision 0001; this FieldDesk needs {HEAD}: run "
                   "`fielddesk hq migrate`")
    proc = run("hq", "migrate", home=home)
    assert proc.returncode == 0, proc.stderr
    assert f"schema upgraded from revision 0001 to {HEAD}" in proc.stdout
    assert revision(url) == HEAD
    proc = run("hq", "migrate", home=home)
    assert f"schema at revision {HEAD}, up to date" in proc.stdout


def test_db_option_and_environment_choose_the_database(tmp_path, pg_cluster):
    url = pg_cluster.create_database("cli_env")
    home = tmp_path / "hq"
    proc = run("hq", "migrate", home=home, env={"FIELDDESK_HQ_DB": url})
    assert proc.returncode == 0 and f"upgraded from revision none to {HEAD}" in proc.stdout
    assert not (home / "hq.db").exists()
    # --db before or after the action, stronger than the environment
    for args in (("hq", "--db", url, "migrate"), ("hq", "migrate", "--db", url)):
        proc = run(*args, home=home, env={"FIELDDESK_HQ_DB": "postgresql://x@127.0.0.1:1/y"})
        assert proc.returncode == 0 and "up to date" in proc.stdout, proc.stderr


def test_wrong_urls_fail_in_one_line(tmp_path, pg_cluster):
    from desktop_app.hq.store.testkit import free_port

    home = tmp_path / "hq"
    one_line_error(run("hq", "init", "--db", f"postgresql://fd@127.0.0.1:{free_port()}/hq",
                       home=home), "cannot reach the PostgreSQL server (Connection refused)")
    pg_cluster.require_password("hqclerk", "right")
    err = one_line_error(run("hq", "init", "--db", pg_cluster.url("postgres", user="hqclerk",
                                                                   password="wrong"),
                             home=home), "refused the user name or password")
    assert "wrong" not in err
    one_line_error(run("hq", "migrate", "--db", "mysql://a@b/c", home=home),
                   "headquarters runs on PostgreSQL")
    assert not (home / "hq-settings.json").exists()
