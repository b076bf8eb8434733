"""The schema's history: one sqlite-utils migration per change, never editing an old one.

A new column or table is a new function at the bottom. Tests build a database with an
earlier prefix of this list (``stop_before``) and upgrade it, so every step stays
replayable on the data offices already have.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from desktop_app.storage.audit_triggers import install_audit_triggers
from desktop_app.storage.schema import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)

_TRAVELS = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
"""


def _create(db: Database, sql: str) -> None:
    db.execute(sql)


@migrations()
def m001_initial_schema(db: Database) -> None:
    _create(db, """CREATE TABLE office (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        code TEXT NOT NULL, name TEXT NOT NULL, organisation TEXT NOT NULL DEFAULT '',
        parent_office TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT '',
        district TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',
        head_of_office TEXT NOT NULL DEFAULT '', nodal_officer TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '', key_fingerprint TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""")
    _create(db, """CREATE TABLE campaign (
        id TEXT PRIMARY KEY, title_en TEXT NOT NULL, title_hi TEXT NOT NULL,
        template_json TEXT NOT NULL, template_sha256 TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""")
    _create(db, """CREATE TABLE phase (
        campaign_id TEXT NOT NULL REFERENCES campaign(id), code TEXT NOT NULL,
        title_en TEXT NOT NULL, title_hi TEXT NOT NULL,
        start_date TEXT NOT NULL, end_date TEXT NOT NULL,
        PRIMARY KEY (campaign_id, code))""")
    _create(db, """CREATE TABLE indicator (
        campaign_id TEXT NOT NULL REFERENCES campaign(id), code TEXT NOT NULL,
        label_en TEXT NOT NULL, label_hi TEXT NOT NULL, grp TEXT NOT NULL, unit TEXT NOT NULL,
        has_target INTEGER NOT NULL, source TEXT NOT NULL, position INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, code))""")
    _create(db, f"""CREATE TABLE target (
        id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, indicator_code TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value >= 0), reason TEXT NOT NULL DEFAULT '',
        {_TRAVELS},
        FOREIGN KEY (campaign_id, indicator_code) REFERENCES indicator(campaign_id, code))""")
    db.execute("CREATE UNIQUE INDEX target_one_per_indicator ON target(campaign_id, indicator_code) "
               "WHERE deleted_at IS NULL")
    _create(db, f"""CREATE TABLE progress_entry (
        id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, indicator_code TEXT NOT NULL,
        entry_date TEXT NOT NULL, value INTEGER NOT NULL CHECK (value >= 0),
        remark TEXT NOT NULL DEFAULT '', entered_by TEXT NOT NULL DEFAULT '',
        {_TRAVELS},
        FOREIGN KEY (campaign_id, indicator_code) REFERENCES indicator(campaign_id, code))""")
    db.execute("CREATE UNIQUE INDEX progress_one_per_day ON progress_entry"
               "(campaign_id, indicator_code, entry_date) WHERE deleted_at IS NULL")
    _create(db, f"""CREATE TABLE scrap_disposal (
        id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL REFERENCES campaign(id),
        disposal_date TEXT NOT NULL, item TEXT NOT NULL, category TEXT NOT NULL,
        quantity REAL NOT NULL CHECK (quantity >= 0), quantity_unit TEXT NOT NULL,
        mode TEXT NOT NULL, buyer TEXT NOT NULL DEFAULT '', receipt_no TEXT NOT NULL DEFAULT '',
        revenue_paise INTEGER NOT NULL CHECK (revenue_paise >= 0),
        space_freed_sqft INTEGER NOT NULL CHECK (space_freed_sqft >= 0),
        remarks TEXT NOT NULL DEFAULT '',
        {_TRAVELS})""")
    db.execute("CREATE INDEX scrap_by_date ON scrap_disposal(campaign_id, disposal_date)")
    _create(db, f"""CREATE TABLE cleanliness_site (
        id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL REFERENCES campaign(id),
        name TEXT NOT NULL, location TEXT NOT NULL DEFAULT '', latitude REAL, longitude REAL,
        status TEXT NOT NULL, target_date TEXT, completed_date TEXT,
        remarks TEXT NOT NULL DEFAULT '',
        {_TRAVELS})""")
    db.execute("CREATE INDEX site_by_status ON cleanliness_site(campaign_id, status)")
    _create(db, f"""CREATE TABLE event (
        id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL REFERENCES campaign(id),
        event_date TEXT NOT NULL, event_type TEXT NOT NULL, title TEXT NOT NULL,
        venue TEXT NOT NULL DEFAULT '', participants INTEGER NOT NULL CHECK (participants >= 0),
        description TEXT NOT NULL DEFAULT '',
        {_TRAVELS})""")
    db.execute("CREATE INDEX event_by_date ON event(campaign_id, event_date)")
    _create(db, """CREATE TABLE photo (
        sha256 TEXT PRIMARY KEY, width INTEGER NOT NULL, height INTEGER NOT NULL,
        bytes INTEGER NOT NULL, original_name TEXT NOT NULL, original_bytes INTEGER NOT NULL,
        taken_at TEXT, latitude REAL, longitude REAL, dhash TEXT NOT NULL,
        caption TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""")
    _create(db, f"""CREATE TABLE photo_link (
        id TEXT PRIMARY KEY, photo_sha256 TEXT NOT NULL REFERENCES photo(sha256),
        campaign_id TEXT NOT NULL REFERENCES campaign(id),
        target_kind TEXT NOT NULL CHECK (target_kind IN ('site', 'event', 'scrap')),
        target_id TEXT NOT NULL, role TEXT NOT NULL,
        {_TRAVELS})""")
    db.execute("CREATE INDEX photo_link_by_target ON photo_link(target_kind, target_id)")
    db.execute("CREATE INDEX photo_link_by_photo ON photo_link(photo_sha256)")
    _create(db, """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, clerk TEXT,
        table_name TEXT NOT NULL, row_id TEXT NOT NULL, action TEXT NOT NULL,
        old_json TEXT, new_json TEXT)""")
    db.execute("CREATE INDEX audit_by_row ON audit_log(table_name, row_id)")
    _create(db, "CREATE TABLE audit_context (id INTEGER PRIMARY KEY CHECK (id = 1), clerk TEXT NOT NULL)")
    db.execute("INSERT INTO audit_context (id, clerk) VALUES (1, '')")
    _create(db, """CREATE TABLE export (
        campaign_id TEXT NOT NULL REFERENCES campaign(id), seq INTEGER NOT NULL,
        part INTEGER NOT NULL DEFAULT 1, parts INTEGER NOT NULL DEFAULT 1,
        bundle_id TEXT NOT NULL, created_at TEXT NOT NULL, file_name TEXT NOT NULL,
        manifest_sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, counts_json TEXT NOT NULL,
        PRIMARY KEY (campaign_id, seq))""")
    _create(db, """CREATE TABLE export_photo (
        campaign_id TEXT NOT NULL, seq INTEGER NOT NULL, photo_sha256 TEXT NOT NULL,
        PRIMARY KEY (campaign_id, photo_sha256, seq),
        FOREIGN KEY (campaign_id, seq) REFERENCES export(campaign_id, seq))""")
    for table in ("office", "campaign", "target", "progress_entry", "scrap_disposal",
                  "cleanliness_site", "event", "photo", "photo_link"):
        install_audit_triggers(db, table)


@migrations()
def m002_key_history(db: Database) -> None:
    """Every office key this folder has used: creating or replacing a key is an audited act."""
    _create(db, """CREATE TABLE key_history (
        fingerprint TEXT PRIMARY KEY, created_at TEXT NOT NULL, retired_at TEXT,
        reason TEXT NOT NULL DEFAULT '')""")
    install_audit_triggers(db, "key_history")


@migrations()
def m003_covering_indexes_for_totals(db: Database) -> None:
    """The dashboard sums 100k-row registers: covering partial indexes keep that under 100 ms."""
    db.execute("CREATE INDEX scrap_totals ON scrap_disposal(campaign_id, disposal_date, category, "
               "revenue_paise, space_freed_sqft) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX progress_totals ON progress_entry(campaign_id, indicator_code, entry_date, value) "
               "WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX site_totals ON cleanliness_site(campaign_id, status, completed_date) "
               "WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX event_totals ON event(campaign_id, event_date, participants) "
               "WHERE deleted_at IS NULL")


@migrations()
def m004_outbox(db: Database) -> None:
    """The upload state of each exported bundle (the outbox is the exports not yet decided).

    No audit triggers: offsets change every few seconds while sending; what matters for
    the record, headquarters' signed receipt, is kept in ``receipt_json``.
    """
    _create(db, """CREATE TABLE upload_state (
        campaign_id TEXT NOT NULL, seq INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued'
            CHECK (status IN ('queued', 'uploading', 'sent', 'accepted', 'rejected')),
        bundle_sha256 TEXT NOT NULL DEFAULT '', bytes INTEGER NOT NULL DEFAULT 0,
        remote_url TEXT NOT NULL DEFAULT '', tus_url TEXT NOT NULL DEFAULT '',
        offset INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT, last_attempt_at TEXT, last_error TEXT NOT NULL DEFAULT '',
        receipt_json TEXT, receipt_problem TEXT NOT NULL DEFAULT '', decided_at TEXT,
        reason TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, seq),
        FOREIGN KEY (campaign_id, seq) REFERENCES export(campaign_id, seq))""")


@migrations()
def m005_export_folder(db: Database) -> None:
    """Where a bundle was written when not in ``exports/`` (``export --out E:\\``): the
    outbox sends it from there. '' is the data folder's ``exports/``."""
    db.execute("ALTER TABLE export ADD COLUMN folder TEXT NOT NULL DEFAULT ''")


@migrations()
def m006_campaign_versions(db: Database) -> None:
    """Campaigns from headquarters: versions, retired indicators, who signed each version.

    A campaign keeps its id from version to version; ``campaign_version`` keeps every
    version's template as imported (with the headquarters key that signed it, '' for a
    template shipped with FieldDesk). An indicator a newer version removed keeps its row,
    marked with the version that retired it, so its targets and entries stay valid.
    """
    db.execute("ALTER TABLE campaign ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    db.execute("ALTER TABLE campaign ADD COLUMN signed_by TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE indicator ADD COLUMN retired_in_version INTEGER")
    _create(db, """CREATE TABLE campaign_version (
        campaign_id TEXT NOT NULL REFERENCES campaign(id), version INTEGER NOT NULL,
        template_json TEXT NOT NULL, template_sha256 TEXT NOT NULL,
        signed_by TEXT NOT NULL DEFAULT '', file_name TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, version))""")
    db.execute("INSERT INTO campaign_version (campaign_id, version, template_json, template_sha256, "
               "imported_at) SELECT id, 1, template_json, template_sha256, created_at FROM campaign")
    install_audit_triggers(db, "campaign")
    install_audit_triggers(db, "campaign_version")


def apply(db: Database, *, stop_before: str | None = None) -> None:
    migrations.apply(db, stop_before=stop_before)
