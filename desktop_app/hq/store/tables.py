"""Every table of headquarters' database, as SQLAlchemy Core ``Table`` objects: the schema
the queries are written against, on SQLite and on PostgreSQL alike.

This is the schema *now*; how a database gets here is ``migrations/versions/`` (frozen
steps, never edited once released). ``tests/core/hq/test_hq_store.py`` compares the two
on both back-ends, so a change here without a migration fails a test.

Conventions that keep the two back-ends the same:

* times are ``TEXT`` in UTC ISO 8601 (``2026-11-20T10:30:00Z``), as in the office
  database: compared as text, never converted by a driver; ``expires_at`` and other
  deadlines the receiver computes with are whole Unix seconds;
* money is integer paise, flags and reasons are text, booleans are 0/1 integers;
* an id that counts up is ``BIGINT`` on PostgreSQL and SQLite's ``INTEGER PRIMARY KEY``
  (``_Serial``).

The groups: the key registry (``office``, ``office_key``, ``key_event``); what was imported
(``campaign``, ``bundle``, ``import_log``, ``office_campaign`` and ``office_indicator`` —
each office's latest bundle and its totals —, the ``st_*`` state tables, ``photo``,
``referenced_photo``); what headquarters sends (``published_campaign``);
headquarters staff (``staff_user``, ``staff_event``); the
import queue (``import_job``); the upload receiver's state (``upload``, ``upload_nonce``,
``receipt``, ``upload_event``, ``refusal``, ``staff_session``, ``signin_failure``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from desktop_app.bundle import sheets as sh

metadata = MetaData()

_Serial = BigInteger().with_variant(Integer(), "sqlite")  # SQLite: the rowid alias


def _text(name: str, *args, nullable: bool = False, default: str | None = None, **kw) -> Column:
    server_default = text(f"'{default}'") if default is not None else None
    return Column(name, Text, *args, nullable=nullable, server_default=server_default, **kw)


def _int(name: str, *args, nullable: bool = False, **kw) -> Column:
    return Column(name, Integer, *args, nullable=nullable, **kw)


def _big(name: str, *args, nullable: bool = False, **kw) -> Column:
    return Column(name, BigInteger, *args, nullable=nullable, **kw)


# --- the key registry ---------------------------------------------------------------------------

office = Table(
    "office", metadata,
    _text("code", primary_key=True), _text("name", default=""),
    _text("registered_at"), _text("updated_at"),
    # where the office is, set at headquarters (bundles do not carry it): the dashboard's filters
    _text("state", default=""), _text("district", default=""),
    Index("office_by_place", "state", "district"),
)

office_key = Table(
    "office_key", metadata,
    _text("fingerprint", primary_key=True),
    _text("office_code", ForeignKey("office.code")),
    _text("public_pem"),
    _text("status"),
    _text("registered_at"), _text("reason", default=""),
    _text("replaced_at", nullable=True), _text("revoked_at", nullable=True),
    _text("retired_reason", default=""),
    CheckConstraint("status IN ('active', 'replaced', 'revoked')", name="office_key_status"),
    Index("office_key_one_active", "office_code", unique=True,
          sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'")),
)

key_event = Table(
    "key_event", metadata,
    Column("id", _Serial, primary_key=True, autoincrement=True),
    _text("at"), _text("office_code", ForeignKey("office.code")),
    _text("action"), _text("fingerprint"), _text("reason", default=""),
    CheckConstraint("action IN ('register', 'replace', 'revoke')", name="key_event_action"),
    sqlite_autoincrement=True,
)

# --- campaigns, bundles, the import log ---------------------------------------------------------

campaign = Table(
    "campaign", metadata,
    _text("campaign_id"), _text("template_sha256"),
    _text("title_en"), _text("title_hi", default=""),
    _text("indicators_json"), _text("source"), _text("first_seen_at"),
    PrimaryKeyConstraint("campaign_id", "template_sha256"),
)

# Campaigns headquarters published (``hq campaign publish``): the signed file, kept whole.
published_campaign = Table(
    "published_campaign", metadata,
    _text("campaign_id"), _int("version"), _text("template_sha256"), _text("file_name"),
    _text("title_en"), _text("title_hi"), _int("indicators"),
    Column("package", LargeBinary, nullable=False), _text("package_sha256"),
    _text("published_at"),
    PrimaryKeyConstraint("campaign_id", "version"),
    UniqueConstraint("file_name"),
    Index("published_campaign_by_template", "template_sha256"),
)

bundle = Table(
    "bundle", metadata,
    _text("manifest_sha256", primary_key=True), _text("bundle_sha256"), _text("bundle_id"),
    _text("office_code", ForeignKey("office.code")), _text("campaign_id"),
    _text("template_sha256"), _int("seq"), _int("part"), _int("parts"), _text("created_at"),
    _text("previous_manifest_sha256", nullable=True), _text("key_fingerprint"),
    _text("file_name"), _big("bytes"), _text("imported_at"), _text("counts_json"),
    _text("flags", default=""),
    UniqueConstraint("office_code", "campaign_id", "seq"),
    Index("bundle_by_file_hash", "bundle_sha256"),
)

import_log = Table(
    "import_log", metadata,
    Column("id", _Serial, primary_key=True, autoincrement=True),
    _text("at"), _text("file_name"), _text("bundle_sha256", nullable=True),
    _big("bytes", nullable=True), _text("office_code", nullable=True),
    _text("campaign_id", nullable=True), _int("seq", nullable=True),
    _text("manifest_sha256", nullable=True), _text("result"),
    _text("reason", default=""), _text("flags", default=""), _text("source", default=""),
    CheckConstraint("result IN ('accepted', 'unchanged', 'rejected')", name="import_log_result"),
    Index("import_log_by_bundle", "bundle_sha256"),
    sqlite_autoincrement=True,
)

office_campaign = Table(
    "office_campaign", metadata,
    _text("office_code", ForeignKey("office.code")), _text("campaign_id"),
    _text("template_sha256"), _text("office_name"), _int("seq"), _int("part"), _int("parts"),
    _text("manifest_sha256", ForeignKey("bundle.manifest_sha256")),
    _text("bundle_created_at"), _text("imported_at"), _text("flags", default=""),
    # The registers' totals of that state, kept by the import (store.totals.refresh): the
    # report reads one row per office, not every register row of every office.
    *(_big(name, server_default=text("0")) for name in (
        "scrap_entries", "scrap_revenue_paise", "space_freed_sqft", "sites_total",
        "sites_completed", "events", "participants")),
    PrimaryKeyConstraint("office_code", "campaign_id"),
)

# The sum of each office's daily entries per indicator, kept by the import with its state.
office_indicator = Table(
    "office_indicator", metadata,
    _text("office_code"), _text("campaign_id"), _text("indicator_code"), _big("entered"),
    PrimaryKeyConstraint("office_code", "campaign_id", "indicator_code"),
    sqlite_with_rowid=False,
)


# --- each office's latest state, one table per typed sheet --------------------------------------

def _state_table(name: str, *columns: Column) -> Table:
    return Table(f"st_{name}", metadata, _text("office_code"), _text("campaign_id"), _text("id"),
                 *columns, PrimaryKeyConstraint("office_code", "campaign_id", "id"),
                 sqlite_with_rowid=False)


st_targets = _state_table("targets", _text("indicator_code"), _big("value"), _text("reason"))
st_progress = _state_table(
    "progress", _text("indicator_code"), _text("entry_date"), _big("value"), _text("remark"),
    _text("entered_by"))
st_scrap = _state_table(
    "scrap", _text("disposal_date"), _text("item"), _text("category"),
    Column("quantity", Double, nullable=False), _text("quantity_unit"), _text("mode"),
    _text("buyer"), _text("receipt_no"), _big("revenue_paise"), _big("space_freed_sqft"),
    _text("remarks"))
st_sites = _state_table(
    "sites", _text("name"), _text("location"), Column("latitude", Double),
    Column("longitude", Double), _text("status"), _text("target_date", nullable=True),
    _text("completed_date", nullable=True), _text("remarks"),
    # the dashboard's photos, newest first: the date and the page's tie-breakers, so that a
    # page is read from the index's end, not sorted from every site of the day
    Index("st_sites_by_date", "completed_date", "office_code", "id"))
st_events = _state_table(
    "events", _text("event_date"), _text("event_type"), _text("title"), _text("venue"),
    _big("participants"), _text("description"),
    Index("st_events_by_date", "event_date", "office_code", "id"))
st_photos = _state_table(
    "photos", _text("sha256"), _text("target_kind"), _text("target_id"), _text("role"),
    _text("caption"), _text("taken_at", nullable=True), Column("latitude", Double),
    Column("longitude", Double), _int("width"), _int("height"), _big("bytes"))

# Which offices and records use a photo (hq.reuse): looked up by the photo's hash.
Index("st_photos_by_sha256", st_photos.c.sha256)
# A site's or an event's photos (the dashboard's photos page).
Index("st_photos_by_target", st_photos.c.office_code, st_photos.c.campaign_id,
      st_photos.c.target_kind, st_photos.c.target_id)

STATE_TABLES: dict[str, Table] = {t.name.removeprefix("st_"): t for t in (
    st_targets, st_progress, st_scrap, st_sites, st_events, st_photos)}
assert set(STATE_TABLES) == {spec.name for spec in sh.SHEETS}, "a sheet without a state table"

# The dashboard's figures per office that the import's totals (``office_campaign``'s
# columns, ``office_indicator``) do not hold, kept by every import (``hq.office_figures``:
# the consolidated report's own computation, one office at a time) so that the offices
# table pages, filters and sorts 10,000 offices in the database (docs/decisions/0022).
office_summary = Table(
    "office_summary", metadata,
    _text("office_code"), _text("campaign_id"), _text("template_sha256"),
    _text("manifest_sha256"),  # the bundle these figures are of (stale when it is not the latest)
    Column("percent", Double, nullable=True),  # mean % of target of the targeted indicators
    PrimaryKeyConstraint("office_code", "campaign_id"),
    Index("office_summary_by_section", "campaign_id", "template_sha256"),
)

office_indicator_figures = Table(
    "office_indicator_figures", metadata,
    _text("office_code"), _text("campaign_id"), _text("template_sha256"), _text("indicator_code"),
    _big("target", nullable=True), _big("achieved"),
    PrimaryKeyConstraint("office_code", "campaign_id", "indicator_code"),
    # a campaign's totals by indicator read this index alone (no table, no join)
    Index("office_indicator_figures_by_section", "campaign_id", "template_sha256", "indicator_code",
          "target", "achieved"),
    sqlite_with_rowid=False,
)

photo = Table(
    "photo", metadata,
    _text("sha256", primary_key=True), _big("bytes"), _text("received_at"),
    _text("office_code"), _text("manifest_sha256"),
)

referenced_photo = Table(
    "referenced_photo", metadata,
    _text("office_code"), _text("campaign_id"), _text("sha256"),
    PrimaryKeyConstraint("office_code", "campaign_id", "sha256"),
    sqlite_with_rowid=False,
)

# --- photo reuse (hq.reuse, hq.reuse_check, docs/decisions/0020) --------------------------------

# Every photo headquarters accepted, its perceptual hash once computed (photos.phash): a row
# is written *pending* (hashed_at NULL) by the import's transaction, and hashed after the
# commit. ``seq`` numbers the hashed photos in the order they were matched (the in-memory
# index catches up from the highest it holds); ``error`` says why a photo has no hash.
photo_hash = Table(
    "photo_hash", metadata,
    _text("sha256", primary_key=True),
    _big("seq", nullable=True, unique=True),
    _big("phash_key", nullable=True),  # the 64-bit key as a signed BIGINT (hash_index.to_signed)
    _text("phash_full", nullable=True),  # the 256-bit hash, 64 hex digits
    _text("hashed_at", nullable=True),
    _text("error", default=""),
    Index("photo_hash_pending", "sha256", sqlite_where=text("hashed_at IS NULL"),
          postgresql_where=text("hashed_at IS NULL")),
)

# Two different files that are the same picture (PhotoHash.same_picture), found when the
# later one was hashed; sha256_a < sha256_b. Which uses of them count as reuse is the rule's
# business (hq.reuse), answered when asked: uses change with every bundle, pictures do not.
photo_match = Table(
    "photo_match", metadata,
    _text("sha256_a"), _text("sha256_b"), _int("key_distance"), _int("full_distance"),
    _text("found_at"),
    PrimaryKeyConstraint("sha256_a", "sha256_b"),
    Index("photo_match_by_b", "sha256_b"),
)

# --- headquarters staff (hq.staff) ------------------------------------------------------------

staff_user = Table(
    "staff_user", metadata,
    _text("name", primary_key=True), _text("role"), _text("password_hash"),
    _int("disabled", server_default=text("0")), _text("created_at"), _text("updated_at"),
    CheckConstraint("role IN ('viewer', 'admin')", name="staff_user_role"),
)

staff_event = Table(
    "staff_event", metadata,
    Column("id", _Serial, primary_key=True, autoincrement=True),
    _text("at"), _text("name"), _text("action"), _text("detail", default=""),
    sqlite_autoincrement=True,
)

# --- the import queue ---------------------------------------------------------------------------

QUEUED, DONE, FAILED = "queued", "done", "failed"

import_job = Table(
    "import_job", metadata,
    Column("id", _Serial, primary_key=True, autoincrement=True),
    _text("bundle_sha256"),
    _text("path"),  # relative to the headquarters folder (a shared mount for every worker)
    _text("file_name"),  # the name to check and log (an upload's, or the file's own)
    _text("source"),  # cli | upload
    _text("office_code", default=""),  # the office it claims to be from (unverified): order
    _text("upload_id", nullable=True),  # the upload answered with a receipt when done
    _text("state", default=QUEUED),
    _int("attempts", server_default=text("0")),
    _big("not_before", server_default=text("0")),  # Unix seconds: retry after a failure
    _text("enqueued_at"), _text("finished_at", nullable=True),
    _text("result", nullable=True),  # accepted | already_imported | rejected
    _text("outcome_json", nullable=True), _text("error", default=""),
    CheckConstraint("state IN ('queued', 'done', 'failed')", name="import_job_state"),
    Index("import_job_queued", "office_code", "id", sqlite_where=text("state = 'queued'"),
          postgresql_where=text("state = 'queued'")),
    sqlite_autoincrement=True,
)

# --- the upload receiver ------------------------------------------------------------------------

upload = Table(
    "upload", metadata,
    _text("id", primary_key=True), _text("office_code"), _text("key_fingerprint"),
    _text("bundle_sha256"), _big("length"), _big("offset"), _text("file_name"),
    _text("campaign_id"), _text("status"), _text("created_at"), _text("updated_at"),
    _big("expires_at"),
    # Which receiver process holds the upload now (a lease, renewed while held), and
    # whether a request elsewhere asks it to give way (receiver/leases.py).
    _text("holder", default=""), _big("held_until", server_default=text("0")),
    _int("takeover", server_default=text("0")),
    Index("upload_by_office", "office_code", "status"),
    Index("upload_by_bundle", "bundle_sha256"),
)

upload_nonce = Table(
    "upload_nonce", metadata,
    _text("office_code"), _text("nonce"), _big("seen_at"),
    PrimaryKeyConstraint("office_code", "nonce"),
)

receipt = Table(
    "receipt", metadata,
    _text("bundle_sha256", primary_key=True), _text("office_code"), _int("accepted"),
    _text("reason"), _text("document"), _text("issued_at"),
)

upload_event = Table(
    "upload_event", metadata,
    Column("id", _Serial, primary_key=True, autoincrement=True),
    _text("at"), _text("office_code"), _text("upload_id"), _text("bundle_sha256"),
    _text("kind"), _text("detail"),
    sqlite_autoincrement=True,
)

# Requests refused before any office was verified, counted per hour and kind (apart from the
# offices' own upload log).
refusal = Table(
    "refusal", metadata,
    _text("hour"), _text("claimed_office"), _text("what"), _int("status"), _text("kind"),
    _text("example"), _big("count"), _text("first_at"), _text("last_at"),
    PrimaryKeyConstraint("hour", "claimed_office", "what", "status", "kind"),
)

staff_session = Table(
    "staff_session", metadata,
    _text("token_sha256", primary_key=True), _text("name"), _text("tag"), _text("csrf"),
    _big("created_at"), _big("expires_at"),
    # a one-time message for the session's next page (what its last form did): done | error
    _text("flash", default=""), _text("flash_kind", default=""),
)

signin_failure = Table(
    "signin_failure", metadata,
    _text("name", primary_key=True), _int("failures"), _big("last_at"), _big("locked_until"),
)
