"""The office's outbox and its resumable upload to headquarters.

``send_outbox(opened, progress=, cancelled=)`` sends what is queued (the GUI runs it on a
worker); ``outbox_states(opened)`` / ``upload_info_lines(opened)`` say where each bundle
stands; ``set_remote(opened, url, hq_key_file)`` sets where to send and the key that
checks receipts. Modules: ``client`` (tus over httpx, signed), ``hq_time`` (the time the
office signs with: headquarters'), ``backoff`` (retries and chunk sizes), ``runner``,
``remote``, ``status``; the SQL is ``storage.outbox``.

Names are loaded on first use, so showing a status never imports httpx.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "RetryPolicy": "backoff", "hq_public_key": "remote", "set_remote": "remote",
    "SendReport": "runner", "send_outbox": "runner", "BundleUploadState": "status",
    "due_for_retry": "status", "outbox_states": "status", "upload_info_lines": "status",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"desktop_app.upload.{_WHERE[name]}"), name)
