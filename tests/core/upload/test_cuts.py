"""Bad links: a link that drops every few hundred kilobytes still delivers in ONE run, with the
production ``RetryPolicy()`` a clerk gets — progress counts, not requests that came back.

The bundle is smaller than the issue's 10.9 MB (the suite stays fast) but larger than
every cut, so each case cuts the upload several times; ``bench/upload.py`` runs the
issue's sizes.
"""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.hq.receiver.testkit import random_cuts
from desktop_app.storage.outbox import OutboxRepository
from desktop_app.upload import runner
from desktop_app.upload.backoff import ChunkSize, RetryPolicy
from desktop_app.upload.runner import send_outbox

MIB = 1 << 20
PRODUCTION = RetryPolicy()


def bundle_size(office) -> int:
    [entry] = OutboxRepository(office.store).entries()
    return (office.folder.exports / entry.file_name).stat().st_size


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    """Every wait the runner asks for (and then waits for real)."""
    asked: list[float] = []
    real = runner.wait

    def recording(seconds, cancelled=None, **kwargs):
        asked.append(seconds)
        return real(seconds, cancelled, **kwargs)

    monkeypatch.setattr(runner, "wait", recording)
    return asked


@pytest.mark.parametrize("cut_every, photos, photo_size", [
    # 2.2 MB: 9 cuts, more than max_failures (8) in a row — six runs before the fix
    pytest.param(256 * 1024, 8, (640, 480), id="256KiB"),
    # 9.9 MB: 9 cuts at the chunk size, where no PATCH ever came back — 67% before the fix
    pytest.param(MIB, 9, (1280, 960), id="1MiB-the-chunk-size"),
    pytest.param(3 * MIB // 2, 14, (640, 480), id="1.5MiB"),
    pytest.param(3 * MIB, 14, (640, 480), id="3MiB"),
    pytest.param(random_cuts(100 * 1024, 2 * MIB, seed=16), 14, (640, 480), id="random-100KiB-2MiB"),
])
def test_one_run_delivers_through_a_link_that_keeps_cutting(hq_site, make_office, links, waits,
                                                            cut_every, photos, photo_size):
    site = hq_site.serve()
    link = links(site.server.port, cut_every=cut_every, max_cuts=1000)
    office = make_office("MH-PUNE-01", photos=photos, photo_size=photo_size, url=link.url)
    size = bundle_size(office)

    report = send_outbox(office, policy=PRODUCTION)

    assert len(report.accepted) == 1, report.message
    assert link.cuts >= 1
    assert link.client_bytes <= 1.1 * size, (link.client_bytes / size, link.cuts)
    assert not report.offline and not report.broke_off
    # A cut that carried bytes is resumed after resume_delay, not backed off from (the
    # issue's run slept ~90 of its ~100 s); at most one cut may land on a HEAD instead.
    assert sum(waits) <= link.cuts * PRODUCTION.resume_delay + 2 * PRODUCTION.base_delay, waits


def test_a_slow_link_with_cuts_delivers_in_one_run(hq_site, make_office, links):
    """A throttled link (a 1 MiB chunk takes seconds) cut every 1 MB: one run, each cut
    resumed. (The issue's 32 KB/s with a cut every 2 MB is in bench/upload.py: minutes.)"""
    site = hq_site.serve()
    link = links(site.server.port, cut_every=1_000_000, max_cuts=1000, rate=800_000)
    office = make_office("MH-PUNE-01", photos=8, url=link.url)
    size = bundle_size(office)
    report = send_outbox(office, policy=PRODUCTION)
    assert len(report.accepted) == 1, report.message
    assert link.cuts >= 2 and link.client_bytes <= 1.1 * size


def test_a_link_that_answers_then_carries_nothing_says_it_broke_off(hq_site, make_office, links):
    """Headquarters answered, then every connection died at its first byte: the run ends
    after max_failures tries without progress, and tells the clerk the link broke off —
    not "no network?", which was untrue. (Backoff shortened here only to keep the test fast:
    the count and the chunks are production's.)"""
    site = hq_site.serve()
    stretches = iter([1500])  # HQ's first answers and a few body bytes get through, then nothing
    link = links(site.server.port, cut_every=lambda: next(stretches, 1), max_cuts=1000)
    office = make_office("MH-PUNE-01", photos=2, url=link.url)
    quick = dataclasses.replace(PRODUCTION, base_delay=0.01, max_delay=0.05, resume_delay=0.01)

    report = send_outbox(office, policy=quick)

    assert report.broke_off and not report.offline and report.accepted == []
    assert "no network" not in report.message and "broke off" in report.message
    assert "1 bundle stays queued" in report.message
    [entry] = OutboxRepository(office.store).entries()
    assert entry.status == "uploading" and entry.next_attempt_at
    assert link.cuts == PRODUCTION.max_failures  # max_failures tries in a row, none moving a byte


def test_the_chunk_halves_after_cuts_and_grows_back_on_good_stretches():
    policy = RetryPolicy()
    chunks = ChunkSize(policy)
    assert chunks.size == MIB
    for expected in (MIB // 2, MIB // 4, MIB // 8, MIB // 16, 64 * 1024):
        chunks.cut()
        assert chunks.size == expected
    chunks.cut()
    assert chunks.size == policy.min_chunk_size  # never below
    for _ in range(policy.grow_after):
        chunks.whole()
    assert chunks.size == 128 * 1024
    for _ in range(10 * policy.grow_after):
        chunks.whole()
    assert chunks.size == MIB  # never above
