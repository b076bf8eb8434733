"""Audit rows written by SQLite triggers, in the same transaction as the change itself.

Every insert, update and delete on an audited table leaves one ``audit_log`` row with the
old and new values as JSON and the clerk named in ``audit_context``. Triggers rather
than Python code: no write path (repository, bulk load, restore, a future module) can
forget the audit, and bulk loads stay close to raw ``executemany`` speed.
A migration that changes an audited table calls ``install_audit_triggers`` again.
"""

from __future__ import annotations

from sqlite_utils import Database

AUDITED_TABLES = (
    "office", "campaign", "target", "progress_entry", "scrap_disposal",
    "cleanliness_site", "event", "photo", "photo_link", "key_history", "campaign_version",
)


def _json_object(db: Database, table: str, alias: str) -> str:
    columns = [c.name for c in db[table].columns]
    pairs = ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns)
    return f"json_object({pairs})"


def _row_id(db: Database, table: str, alias: str) -> str:
    pks = db[table].pks
    return f"{alias}.\"{pks[0]}\"" if pks and pks != ["rowid"] else f"{alias}.rowid"


def install_audit_triggers(db: Database, table: str) -> None:
    """(Re)create the insert/update/delete triggers of one table from its current columns."""
    new, old = _json_object(db, table, "NEW"), _json_object(db, table, "OLD")
    clerk = "(SELECT clerk FROM audit_context WHERE id = 1)"
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    soft = "deleted_at" in db[table].columns_dict
    update_action = (
        "CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'delete' "
        "WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN 'restore' "
        "ELSE 'update' END" if soft else "'update'"
    )
    insert_sql = (
        "INSERT INTO audit_log (at, clerk, table_name, row_id, action, old_json, new_json) "
        "VALUES ({now}, {clerk}, '{table}', {rid}, {action}, {old}, {new});"
    )
    for kind in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER IF EXISTS audit_{table}_{kind}")
    db.execute(
        f"CREATE TRIGGER audit_{table}_insert AFTER INSERT ON \"{table}\" BEGIN "
        + insert_sql.format(now=now, clerk=clerk, table=table, rid=_row_id(db, table, "NEW"),
                            action="'insert'", old="NULL", new=new)
        + " END"
    )
    db.execute(
        f"CREATE TRIGGER audit_{table}_update AFTER UPDATE ON \"{table}\" BEGIN "
        + insert_sql.format(now=now, clerk=clerk, table=table, rid=_row_id(db, table, "NEW"),
                            action=update_action, old=old, new=new)
        + " END"
    )
    db.execute(
        f"CREATE TRIGGER audit_{table}_delete AFTER DELETE ON \"{table}\" BEGIN "
        + insert_sql.format(now=now, clerk=clerk, table=table, rid=_row_id(db, table, "OLD"),
                            action="'purge'", old=old, new="NULL")
        + " END"
    )
