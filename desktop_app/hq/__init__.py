"""Headquarters: the key registry, safe bundle import, consolidation and the consolidated workbook.

Same core as the office app, its own data folder (``fielddesk --home HQDIR hq ...``):
its database — ``hq.db`` (SQLite) or PostgreSQL (``hq init --db URL``), one storage layer
for both, ``hq.store`` — holds the registry, accepted bundles, the import log, each
office's latest state, the import queue and the receiver's state; ``photos/``
(content-addressed store), ``keys/`` (headquarters' receipt key), ``uploads/``,
``inbox/`` and ``logs/`` are files. The entry points are ``open_hq`` and
``import_bundle(hq, path)``; ``hq.worker`` runs the queue.
"""

from desktop_app.hq.database import HQ, HQFolder, open_hq
from desktop_app.hq.importer import ImportOutcome, import_bundle

__all__ = ["HQ", "HQFolder", "ImportOutcome", "import_bundle", "open_hq"]
