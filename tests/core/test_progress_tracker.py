"""One monotonic progress over a job's steps, and its Cancel."""

from __future__ import annotations

import pytest

from desktop_app.errors import Cancelled
from desktop_app.progress_tracker import ProgressTracker


def test_progress_never_goes_backwards_nor_past_the_total():
    seen: list[tuple[int, int, str]] = []
    tracker = ProgressTracker(lambda *a: seen.append(a), None)
    tracker.plan(100)
    tracker.say("Hashing")
    tracker.advance(60)
    tracker.settle(40)  # an estimate already passed: stays at 60
    tracker.advance(80)  # overshoots: shown as the total
    tracker.grow(100)
    tracker.finish()
    shown = [done for done, _total, _text in seen]
    assert shown == sorted(shown)
    assert seen[2] == (60, 100, "Hashing") and seen[3] == (60, 100, "Hashing")
    assert seen[4] == (100, 100, "Hashing") and seen[-1] == (200, 200, "Done")


def test_cancel_stops_the_next_step_with_the_jobs_own_message():
    asked = []
    tracker = ProgressTracker(None, lambda: bool(asked), cancelled_message="cancelled: nothing imported")
    tracker.advance(1)
    asked.append(True)
    assert tracker.cancel_requested()
    with pytest.raises(Cancelled, match="^cancelled: nothing imported$"):
        tracker.advance(1)
