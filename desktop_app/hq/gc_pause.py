"""Python's cycle collector paused while one big job builds many objects that live until it
ends: the consolidated workbook.

Why: at 10,000 offices the workbook keeps some 200,000 objects alive until it is written
(every office's figures) while it makes a million short-lived ones (each row's cells). Every
full collection re-scans all that is alive — in a receiver that has been importing for days,
its whole heap — and the collector made seven full passes inside one report, a tenth of its
time in a fresh process and more in a long-lived one (``docs/decisions/0024``). The report
makes almost no reference cycles (20 at 10,000 offices), so nothing piles up while it runs;
whatever it leaves is collected by the collector's next ordinary pass.

The collector is one switch for the whole process: a counter makes overlapping reports (two
dashboard downloads at once, on two threads) switch it back on only when the last one ends,
and never if it was off before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0  # jobs inside paused() now
_was_enabled = False  # the collector's state when the first of them began


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block (and for any block overlapping it)."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()
