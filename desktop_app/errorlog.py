"""The one place unexpected errors are written down: ``logs/errors.log`` in the data folder.

A clerk sees a short apology; the traceback goes here for whoever supports the office.
Used by the command line, the GUI's exception hook and every background task.
"""

from __future__ import annotations

import time
from pathlib import Path


def log_error(logs: Path, text: str, *, title: str = "") -> Path:
    """Append ``text`` (usually a traceback) under a time stamp; returns the log's path.

    Never raises: a full or read-only disk must not turn a logged error into a crash.
    """
    log = Path(logs) / "errors.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {title}".rstrip() + f"\n{text}\n")
    except OSError:
        pass
    return log
