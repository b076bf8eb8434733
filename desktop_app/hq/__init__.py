"""Headquarters: the key registry, safe bundle import, consolidation and the consolidated workbook.

Same core as the office app, its own data folder (``fielddesk --home HQDIR hq ...``):
``hq.db`` (registry, accepted bundles, import log, each office's latest state),
``photos/`` (content-addressed store), ``keys/`` (headquarters' receipt key), ``inbox/``
and ``logs/``. The entry points are ``open_hq`` and ``HQ.import_bundle``.
"""

from desktop_app.hq.database import HQ, HQFolder, open_hq
from desktop_app.hq.importer import ImportOutcome, import_bundle

__all__ = ["HQ", "HQFolder", "ImportOutcome", "import_bundle", "open_hq"]
