"""The consolidated workbook is written with Python's cycle collector paused (``hq.gc_pause``,
decision 0024): off while it runs, back on after — also after an error, and only when the
last of two overlapping reports ends; left off if it was off before."""

from __future__ import annotations

import gc
import threading

import pytest

from desktop_app.errors import FieldDeskError
from desktop_app.hq import gc_pause
from desktop_app.hq import report as report_module
from desktop_app.hq.importer import import_bundle
from desktop_app.hq.report import write_report


def test_the_collector_is_off_while_the_report_is_written_and_on_after(hq, world, tmp_path,
                                                                     monkeypatch):
    assert import_bundle(hq, world.offices["DL-001"].bundles[1]).accepted
    seen = []
    write = report_module._write

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return write(*args, **kwargs)
    monkeypatch.setattr(report_module, "_write", watched)
    assert gc.isenabled()
    assert write_report(hq, tmp_path / "c.xlsx").offices == 1
    assert seen == [False] and gc.isenabled()
    with pytest.raises(FieldDeskError, match="cannot write the workbook"):
        write_report(hq, tmp_path / "no such folder" / "c.xlsx")
    assert seen == [False, False] and gc.isenabled()


def test_overlapping_reports_switch_it_back_on_when_the_last_ends():
    inside, leave = threading.Event(), threading.Event()

    def other_report() -> None:
        with gc_pause.paused():
            inside.set()
            leave.wait(10)
    thread = threading.Thread(target=other_report)
    thread.start()
    try:
        assert inside.wait(10)
        with gc_pause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other one still runs
    finally:
        leave.set()
        thread.join(10)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with gc_pause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
