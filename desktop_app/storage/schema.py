"""The names of the schema migrations, readable without importing sqlite-utils.

``database.schema_is_current`` compares them with the applied ones on every start; a test
keeps this list equal to the migrations registered in ``migrations.py``.
"""

MIGRATION_SET = "fielddesk"
MIGRATION_NAMES = (
    "m001_initial_schema",
    "m002_key_history",
    "m003_covering_indexes_for_totals",
    "m004_outbox",
    "m005_export_folder",
    "m006_campaign_versions",
)
