import sqlite3

from sqlite_utils import Database

from desktop_app.storage import migrations
from desktop_app.storage.database import open_connection, wrap


def open_database(path):
    """Connect, migrate and wrap with sqlite-utils, as a repository sees the database."""
    return wrap(open_connection(path))


def test_migrate_from_empty_and_rerun(tmp_path):
    path = tmp_path / "f.db"
    db = open_database(path)
    names = set(db.table_names())
    assert {"office", "campaign", "indicator", "target", "progress_entry", "scrap_disposal",
            "cleanliness_site", "event", "photo", "photo_link", "audit_log", "export",
            "key_history"} <= names
    applied = [m.name for m in migrations.migrations.applied(db)]
    db.close()
    db = open_database(path)  # re-run: nothing pending, nothing changes
    assert [m.name for m in migrations.migrations.applied(db)] == applied
    assert not migrations.migrations.pending(db)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_upgrade_keeps_data_made_by_an_earlier_migration_set(tmp_path):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="m002_key_history")
    assert "key_history" not in old.table_names()
    old.execute("INSERT INTO office (id, code, name, created_at, updated_at) "
                "VALUES (1, 'DL-042', 'Old office', 'x', 'x')")
    old.conn.commit()
    old.close()

    db = open_database(path)
    assert "key_history" in db.table_names()
    assert db.execute("SELECT name FROM office").fetchone()[0] == "Old office"
    db.execute("INSERT INTO key_history (fingerprint, created_at) VALUES ('AB', 'now')")
    audit = db.execute("SELECT action FROM audit_log WHERE table_name = 'key_history'").fetchall()
    assert audit == [("insert",)]


def test_damaged_database_is_a_clear_error(tmp_path):
    import pytest

    from desktop_app.errors import FieldDeskError

    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(FieldDeskError, match="damaged or is not a FieldDesk database"):
        open_database(path)


def test_schema_names_match_the_registered_migrations():
    from desktop_app.storage.schema import MIGRATION_NAMES

    assert tuple(m.name for m in migrations.migrations._migrations) == MIGRATION_NAMES


def test_opening_a_current_database_does_not_import_sqlite_utils(tmp_path):
    import subprocess
    import sys

    open_database(tmp_path / "fielddesk.db").close()
    code = ("import sys; from desktop_app.storage.store import open_folder; "
            f"f = open_folder(__import__('pathlib').Path({str(tmp_path)!r})); "
            "f.store.office.exists(); f.store.campaigns.all_ids(); "
            "print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
