"""Headquarters' storage layer on both back-ends: the schema its migrations make is the schema
its queries use, an hq.db from before Alembic is taken over, and every way of pointing at the
wrong database ends in one clear line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop_app.errors import FieldDeskError
from desktop_app.hq.store import HEAD, SchemaError, open_store, parse_url, sqlite_url
from desktop_app.hq.store import schema as sc
from desktop_app.hq.store.tables import metadata

# The sqlite-utils migration headquarters shipped before Alembic, frozen here as it was (in
# desktop_app/hq/database.py): folders made by it must keep working.
_STATE = "office_code TEXT NOT NULL, campaign_id TEXT NOT NULL, id TEXT NOT NULL"
_STATE_KEY = "PRIMARY KEY (office_code, campaign_id, id)"
LEGACY_M001 = (
    """CREATE TABLE office (
        code TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '',
        registered_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE office_key (
        fingerprint TEXT PRIMARY KEY, office_code TEXT NOT NULL REFERENCES office(code),
        public_pem TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'replaced', 'revoked')),
        registered_at TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
        replaced_at TEXT, revoked_at TEXT, retired_reason TEXT NOT NULL DEFAULT '')""",
    "CREATE UNIQUE INDEX office_key_one_active ON office_key(office_code) WHERE status = 'active'",
    """CREATE TABLE key_event (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
        office_code TEXT NOT NULL REFERENCES office(code),
        action TEXT NOT NULL CHECK (action IN ('register', 'replace', 'revoke')),
        fingerprint TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE campaign (
        campaign_id TEXT NOT NULL, template_sha256 TEXT NOT NULL,
        title_en TEXT NOT NULL, title_hi TEXT NOT NULL DEFAULT '',
        indicators_json TEXT NOT NULL, source TEXT NOT NULL, first_seen_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, template_sha256))""",
    """CREATE TABLE bundle (
        manifest_sha256 TEXT PRIMARY KEY, bundle_sha256 TEXT NOT NULL, bundle_id TEXT NOT NULL,
        office_code TEXT NOT NULL REFERENCES office(code), campaign_id TEXT NOT NULL,
        template_sha256 TEXT NOT NULL, seq INTEGER NOT NULL, part INTEGER NOT NULL,
        parts INTEGER NOT NULL, created_at TEXT NOT NULL, previous_manifest_sha256 TEXT,
        key_fingerprint TEXT NOT NULL, file_name TEXT NOT NULL, bytes INTEGER NOT NULL,
        imported_at TEXT NOT NULL, counts_json TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '',
        UNIQUE (office_code, campaign_id, seq))""",
    "CREATE INDEX bundle_by_file_hash ON bundle(bundle_sha256)",
    """CREATE TABLE import_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, file_name TEXT NOT NULL,
        bundle_sha256 TEXT, bytes INTEGER, office_code TEXT, campaign_id TEXT, seq INTEGER,
        manifest_sha256 TEXT,
        result TEXT NOT NULL CHECK (result IN ('accepted', 'unchanged', 'rejected')),
        reason TEXT NOT NULL DEFAULT '', flags TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX import_log_by_bundle ON import_log(bundle_sha256)",
    """CREATE TABLE office_campaign (
        office_code TEXT NOT NULL REFERENCES office(code), campaign_id TEXT NOT NULL,
        template_sha256 TEXT NOT NULL, office_name TEXT NOT NULL, seq INTEGER NOT NULL,
        part INTEGER NOT NULL, parts INTEGER NOT NULL,
        manifest_sha256 TEXT NOT NULL REFERENCES bundle(manifest_sha256),
        bundle_created_at TEXT NOT NULL, imported_at TEXT NOT NULL,
        flags TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (office_code, campaign_id))""",
    f"""CREATE TABLE st_targets ({_STATE},
        indicator_code TEXT NOT NULL, value INTEGER NOT NULL, reason TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_progress ({_STATE},
        indicator_code TEXT NOT NULL, entry_date TEXT NOT NULL, value INTEGER NOT NULL,
        remark TEXT NOT NULL, entered_by TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_scrap ({_STATE},
        disposal_date TEXT NOT NULL, item TEXT NOT NULL, category TEXT NOT NULL,
        quantity REAL NOT NULL, quantity_unit TEXT NOT NULL, mode TEXT NOT NULL,
        buyer TEXT NOT NULL, receipt_no TEXT NOT NULL, revenue_paise INTEGER NOT NULL,
        space_freed_sqft INTEGER NOT NULL, remarks TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_sites ({_STATE},
        name TEXT NOT NULL, location TEXT NOT NULL, latitude REAL, longitude REAL,
        status TEXT NOT NULL, target_date TEXT, completed_date TEXT, remarks TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_events ({_STATE},
        event_date TEXT NOT NULL, event_type TEXT NOT NULL, title TEXT NOT NULL,
        venue TEXT NOT NULL, participants INTEGER NOT NULL, description TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_photos ({_STATE},
        sha256 TEXT NOT NULL, target_kind TEXT NOT NULL, target_id TEXT NOT NULL,
        role TEXT NOT NULL, caption TEXT NOT NULL, taken_at TEXT, latitude REAL,
        longitude REAL, width INTEGER NOT NULL, height INTEGER NOT NULL, bytes INTEGER NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    """CREATE TABLE photo (
        sha256 TEXT PRIMARY KEY, bytes INTEGER NOT NULL, received_at TEXT NOT NULL,
        office_code TEXT NOT NULL, manifest_sha256 TEXT NOT NULL)""",
    """CREATE TABLE referenced_photo (
        office_code TEXT NOT NULL, campaign_id TEXT NOT NULL, sha256 TEXT NOT NULL,
        PRIMARY KEY (office_code, campaign_id, sha256)) WITHOUT ROWID""",
)

# The receiver's own file, as hq serve kept it before (desktop_app/hq/receiver/state.py).
LEGACY_RECEIVER = (
    """CREATE TABLE upload (
        id TEXT PRIMARY KEY, office_code TEXT NOT NULL, key_fingerprint TEXT NOT NULL,
        bundle_sha256 TEXT NOT NULL, length INTEGER NOT NULL, offset INTEGER NOT NULL,
        file_name TEXT NOT NULL, campaign_id TEXT NOT NULL, status TEXT NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, expires_at INTEGER NOT NULL)""",
    """CREATE TABLE nonce (
        office_code TEXT NOT NULL, nonce TEXT NOT NULL, seen_at INTEGER NOT NULL,
        PRIMARY KEY (office_code, nonce))""",
    """CREATE TABLE receipt (
        bundle_sha256 TEXT PRIMARY KEY, office_code TEXT NOT NULL, accepted INTEGER NOT NULL,
        reason TEXT NOT NULL, document TEXT NOT NULL, issued_at TEXT NOT NULL)""",
    """CREATE TABLE event (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, office_code TEXT NOT NULL,
        upload_id TEXT NOT NULL, bundle_sha256 TEXT NOT NULL, kind TEXT NOT NULL,
        detail TEXT NOT NULL)""",
)


LEGACY_M002 = (
    """CREATE TABLE staff_user (
        name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('viewer', 'admin')),
        password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE staff_event (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, name TEXT NOT NULL,
        action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')""",
)


def make_legacy_folder(root: Path, *, staff: bool = False) -> Path:
    """An HQ folder as the sqlite-utils version left it: hq.db with a registered office and
    an import log row (*staff*: and m002's staff account), and uploads/receiver.db with an
    upload, a nonce, a receipt, an event."""
    from sqlite_utils import Database, Migrations

    root.mkdir(parents=True)
    migrations = Migrations("hq")

    @migrations()
    def m001_hq_initial_schema(db):
        for sql in LEGACY_M001:
            db.execute(sql)

    if staff:
        @migrations()
        def m002_staff_accounts(db):
            for sql in LEGACY_M002:
                db.execute(sql)
            db.execute("INSERT INTO staff_user VALUES ('a.sharma', 'admin', 'HASH', 0, 't', "
                       "'t')")

    db = Database(root / "hq.db")
    migrations.apply(db)
    db.execute("INSERT INTO office VALUES ('DL-001', 'Delhi', '2026-01-01T00:00:00Z', "
               "'2026-01-01T00:00:00Z')")
    db.execute("INSERT INTO import_log (at, file_name, result, reason) VALUES "
               "('2026-01-02T00:00:00Z', 'x.zip', 'rejected', 'not a bundle')")
    db.conn.commit()
    db.close()
    (root / "uploads").mkdir()
    conn = sqlite3.connect(root / "uploads" / "receiver.db")
    for sql in LEGACY_RECEIVER:
        conn.execute(sql)
    conn.execute("INSERT INTO upload VALUES ('u1', 'DL-001', 'FP', 'ab' || hex(zeroblob(31)), "
                 "100, 40, 'DL-001-x-1-20261120.zip', 'c', 'open', 't0', 't1', 1999999999)")
    conn.execute("INSERT INTO nonce VALUES ('DL-001', 'n1', 5)")
    conn.execute("INSERT INTO receipt VALUES ('cd', 'DL-001', 1, 'accepted', '{}', 't2')")
    conn.execute("INSERT INTO event (at, office_code, upload_id, bundle_sha256, kind, detail) "
                 "VALUES ('t3', 'DL-001', 'u1', 'ab', 'created', 'x')")
    conn.commit()
    conn.close()
    return root


def url_of(hq_db, tmp_path: Path):
    return parse_url(hq_db) if hq_db else sqlite_url(tmp_path / "hq.db")


def test_the_revisions_are_alembics_and_head_is_the_last():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(sc.MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    chain = [s.revision for s in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == sc.REVISIONS
    assert script.get_current_head() == HEAD


def test_migrations_make_exactly_the_tables_the_queries_use(hq_db, tmp_path):
    """Alembic's own comparison: no table, column, type, index or constraint differs."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = open_store(url_of(hq_db, tmp_path), upgrade=True)
    try:
        with store.read() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
        assert store.schema_state().revision == HEAD
    finally:
        store.close()


@pytest.mark.parametrize("staff", [False, True], ids=["m001", "m002"])
def test_an_hq_db_from_before_alembic_is_taken_over_with_its_data(tmp_path, staff):
    root = make_legacy_folder(tmp_path / "hq", staff=staff)
    engine = sa.create_engine(sqlite_url(root / "hq.db"))
    with engine.connect() as conn:
        state = sc.inspect_schema(conn)
    engine.dispose()
    assert state == sc.SchemaState("0002" if staff else "0001", legacy=True)
    store = open_store(sqlite_url(root / "hq.db"))
    try:
        assert store.schema_state().revision == HEAD
        with store.read() as conn:
            assert conn.execute(sa.text("SELECT code, name FROM office")).all() == [
                ("DL-001", "Delhi")]
            assert conn.execute(sa.text("SELECT reason FROM import_log")).scalar() == \
                "not a bundle"
            upload = conn.execute(sa.text('SELECT id, "offset", status FROM upload')).all()
            assert upload == [("u1", 40, "open")]
            assert conn.execute(sa.text("SELECT nonce FROM upload_nonce")).scalar() == "n1"
            assert conn.execute(sa.text("SELECT accepted FROM receipt")).scalar() == 1
            assert conn.execute(sa.text("SELECT kind FROM upload_event")).scalar() == "created"
            # the old bookkeeping stays; Alembic keeps its own from now on
            assert conn.execute(sa.text("SELECT count(*) FROM _sqlite_migrations")).scalar() \
                == (2 if staff else 1)
            staff_rows = conn.execute(sa.text("SELECT name, role FROM staff_user")).all()
            assert staff_rows == ([("a.sharma", "admin")] if staff else [])
        with store.write() as conn:  # the new tables work on the old file
            conn.execute(sa.text("INSERT INTO office (code, name, registered_at, updated_at) "
                                 "VALUES ('MH-002', '', 'a', 'b')"))
    finally:
        store.close()
    again = open_store(sqlite_url(root / "hq.db"))  # the second time: nothing to do
    with again.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM upload")).scalar() == 1
    again.close()


@pytest.fixture
def pg_empty(pg_cluster):
    """An empty PostgreSQL database (no schema at all)."""
    import uuid

    name = f"e_{uuid.uuid4().hex[:16]}"
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)


def test_postgresql_is_upgraded_only_on_request(pg_empty):
    url = parse_url(pg_empty)
    with pytest.raises(SchemaError, match=r"holds no headquarters schema yet; run "
                                          r"`fielddesk hq migrate`"):
        open_store(url)
    # an older schema: 0001 only
    engine = sa.create_engine(url)
    from alembic import command
    from alembic.config import Config

    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(sc.MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()
    with pytest.raises(SchemaError) as caught:
        open_store(url)
    assert str(caught.value).endswith(f"the schema is at revision 0001; this FieldDesk needs "
                                      f"{HEAD}: run `fielddesk hq migrate`")
    assert "\n" not in str(caught.value)
    store = open_store(url, upgrade=True)
    assert store.schema_state().revision == HEAD
    store.close()
    open_store(url).close()


def test_two_migrations_at_once_on_postgresql_both_end_current(pg_empty):
    """Two `hq migrate` processes at once: the second waits for the first, then finds the
    schema current (an advisory lock in migrations/env.py)."""
    script = ("import sys; from desktop_app.hq.store import open_store, parse_url; "
              "s = open_store(parse_url(sys.argv[1]), upgrade=True); "
              "print(s.schema_state().revision); s.close()")
    procs = [subprocess.Popen([sys.executable, "-c", script, pg_empty], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert [out.strip() for out, _err in outputs] == [HEAD, HEAD]


def test_a_newer_schema_or_someone_elses_tables_are_refused(hq_db, tmp_path, pg_empty):
    url = url_of(hq_db, tmp_path)
    open_store(url, upgrade=True).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(SchemaError, match="revision 9999, newer than this FieldDesk knows"):
        open_store(url, upgrade=True)

    other = sa.create_engine(parse_url(pg_empty))
    with other.begin() as conn:
        conn.execute(sa.text("CREATE TABLE customers (id int)"))
    other.dispose()
    with pytest.raises(SchemaError, match="already holds tables of something else"):
        open_store(parse_url(pg_empty), upgrade=True)


def test_unreachable_server_wrong_password_and_missing_database(pg_cluster):
    from desktop_app.hq.store.testkit import free_port

    def error_of(text: str) -> str:
        with pytest.raises(FieldDeskError) as caught:
            open_store(parse_url(text))
        message = str(caught.value)
        assert "\n" not in message and "secret" not in message
        return message

    assert "cannot reach the PostgreSQL server (Connection refused)" in error_of(
        f"postgresql://fd:secret@127.0.0.1:{free_port()}/hq")
    pg_cluster.require_password("clerk", "right")
    assert "refused the user name or password" in error_of(
        pg_cluster.url("postgres", user="clerk", password="secret"))
    assert "no such database on the server" in error_of(pg_cluster.url("no_such_db"))
    for bad in ("mysql://x@y/z", "not a url at all", "postgresql://fd@127.0.0.1:5432"):
        with pytest.raises(FieldDeskError, match="PostgreSQL|database URL|name the database"):
            parse_url(bad)


def test_a_file_that_is_not_a_database(tmp_path):
    (tmp_path / "hq.db").write_bytes(b"hello, this is not SQLite" * 100)
    with pytest.raises(FieldDeskError, match="damaged or is not a FieldDesk database"):
        open_store(sqlite_url(tmp_path / "hq.db"))


def test_a_cluster_whose_test_run_was_killed_is_stopped_by_the_next_one():
    """A run killed by a timeout never stops its server: the next cluster started stops it and
    removes its folder; a cluster whose owner still runs is left alone."""
    import psycopg

    from desktop_app.hq.store import testkit

    orphan = testkit.PgCluster().start()
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    (orphan.root / testkit.OWNER_FILE).write_text(str(ended.pid))  # as if its run were killed
    try:
        with psycopg.connect(orphan.url()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        with testkit.PgCluster() as mine:  # starting the next one sweeps
            assert not orphan.root.exists()
            with pytest.raises(psycopg.OperationalError):
                psycopg.connect(orphan.url(), connect_timeout=5)
            assert mine.root not in testkit.sweep_orphans()  # its owner, this process, runs
            assert mine.root.exists()
    finally:
        orphan.destroy()  # if the sweep failed, the server must not outlive the test
