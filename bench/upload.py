"""Upload benchmark: a big bundle over a link that drops, and many offices at once.

    .venv/bin/python bench/upload.py [--mb 20] [--slow-mb 10] [--cut-mb 10.9] [--offices 50]
                                     [--bundles 200] [--skip-slow] [--skip-cuts] [--only-cuts]

Every run uses the production ``RetryPolicy()``, as a clerk's ``fielddesk upload`` does.

1. A bundle of about ``--mb`` MB through a proxy that drops the connection every 2 MB,
   at full speed: completion time, bytes sent / bundle size (goal <= 1.1), the server's
   import time.
2. The same at 2 Mbit/s (``--slow-mb`` MB, 10 by default: 20 MB at 2 Mbit/s is 80 s).
3. The cut cases on a ``--cut-mb`` bundle (10.9 MB, as first measured): the connection cut
   after 1.5 MiB, 3 MiB, a random 100 KiB–2 MiB, 1 MiB (the chunk size) and 256 KiB, and
   32 KB/s with a cut every 2 MB (on a ``--slow-cut-mb`` bundle: 3 MB is 95 s at that
   rate). ``runs`` is how many ``send_outbox`` runs it took to be accepted (goal 1),
   ``bytes_sent_over_size`` the bytes on the wire (goal <= 1.1).
4. ``--bundles`` bundles from ``--offices`` simulated offices uploaded concurrently to one
   receiver (in its own process, so its peak memory is its own): bundles per second and
   the receiver's peak resident memory (VmHWM).

Everything listens on 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from desktop_app.bundle.export import export_bundle  # noqa: E402
from desktop_app.demo import populate  # noqa: E402
from desktop_app.domain.choices import PhotoRole  # noqa: E402
from desktop_app.hq import open_hq  # noqa: E402
from desktop_app.hq.receipts import init_hq_key, load_hq_key  # noqa: E402
from desktop_app.hq.receiver.app import create_app  # noqa: E402
from desktop_app.hq.receiver.backend import hq_backend  # noqa: E402
from desktop_app.hq.receiver.config import ReceiverConfig  # noqa: E402
from desktop_app.hq.receiver.testkit import FlakyLink, ServerThread, free_port, random_cuts  # noqa: E402
from desktop_app.hq.registry import register_key  # noqa: E402
from desktop_app.keys import signing  # noqa: E402
from desktop_app.keys.office_key import create_office_key  # noqa: E402
from desktop_app.storage.photos import PhotoRecord  # noqa: E402
from desktop_app.storage.store import open_folder  # noqa: E402
from desktop_app.upload.backoff import RetryPolicy  # noqa: E402
from desktop_app.upload.remote import set_remote  # noqa: E402
from desktop_app.upload.runner import send_outbox  # noqa: E402

POLICY = RetryPolicy()  # the production defaults
MIB = 1 << 20
MAX_RUNS = 10


def noise_jpeg(seed: int, size=(800, 600)) -> bytes:
    rng = random.Random(seed)
    out = io.BytesIO()
    Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3)).save(out, "JPEG", quality=90)
    return out.getvalue()


def make_office(root: Path, code: str, photo_bytes: int, seed: int = 0):
    """An office folder with one exported bundle of about *photo_bytes* of photos."""
    opened = open_folder(root)
    populate(opened)
    opened.store.office.save(dataclasses.replace(opened.store.office.get(), code=code))
    create_office_key(opened, reason="bench")
    store = opened.store
    site = store.sites.list(store.campaigns.current().id)[0]
    total, i = 0, 0
    while total < photo_bytes:
        data = noise_jpeg(seed * 10_000 + i)
        sha = hashlib.sha256(data).hexdigest()
        (opened.folder.photos / f"{sha}.jpg").write_bytes(data)
        store.photos.add(PhotoRecord(sha256=sha, width=800, height=600, bytes=len(data),
                                     original_name=f"IMG_{i:04d}.jpg", original_bytes=len(data),
                                     dhash="0" * 16))
        store.photos.link(sha, "site", site.id, PhotoRole.AFTER)
        total += len(data)
        i += 1
    [result] = export_bundle(opened)
    return opened, result


def hq_folder(root: Path):
    hq = open_hq(root)
    init_hq_key(hq.folder.keys)
    return hq


def run_cut(tmp: Path, megabytes: float, rate: float | None, label: str,
            cut_every: Any = 2_000_000) -> dict:
    """One bundle through a cutting link: ``send_outbox`` runs until it is accepted."""
    hq = hq_folder(tmp / f"hq-{label}")
    app = create_app(ReceiverConfig(root=hq.folder.root), hq_backend(hq), load_hq_key(hq.folder.keys))
    server = ServerThread(app).start()
    link = FlakyLink(server.port, cut_every=cut_every, max_cuts=100_000, rate=rate).start()
    opened, bundle = make_office(tmp / f"office-{label}", "MH-PUNE-01", int(megabytes * 1e6))
    register_key(hq, signing.public_pem_path(opened.folder.keys).read_bytes(), "MH-PUNE-01")
    set_remote(opened, link.url, signing.public_pem_path(hq.folder.keys, "hq"))
    started = time.perf_counter()
    runs, accepted, messages = 0, 0, []
    while not accepted and runs < MAX_RUNS:
        runs += 1
        report = send_outbox(opened, policy=POLICY)
        accepted = len(report.accepted)
        if not accepted:
            messages.append(report.message)
    took = time.perf_counter() - started
    imports = app.state.receiver.completion.import_seconds
    out = {"run": label, "bundle_mb": round(bundle.bytes / 1e6, 2), "accepted": accepted,
           "runs": runs, "seconds": round(took, 2), "cuts": link.cuts,
           "bytes_sent_over_size": round(link.client_bytes / bundle.bytes, 4),
           "server_import_seconds": round(imports[0], 3) if imports else None}
    if messages:
        out["runs_ended_with"] = messages
    link.stop()
    server.stop()
    opened.close()
    hq.close()
    return out


# --- many offices at once -------------------------------------------------------------------------

SERVER_SCRIPT = """
import sys, uvicorn
from pathlib import Path
sys.path.insert(0, {root!r})
from desktop_app.hq.receiver.server import build_app
app, hq = build_app(Path({hq!r}))
uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning")
"""


def vm_hwm_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_many(tmp: Path, offices: int, bundles: int) -> dict:
    hq_root = tmp / "hq-many"
    hq = hq_folder(hq_root)
    per_office = bundles // offices
    template = tmp / "template-office"
    base, _ = make_office(template, "BENCH-0", 0)
    base.close()
    folders = []
    print(f"preparing {offices} offices x {per_office} bundles …", file=sys.stderr)
    for n in range(offices):
        root = tmp / f"office-{n:03d}"
        shutil.copytree(template, root, ignore=shutil.ignore_patterns(".fielddesk.lock", "exports"))
        opened = open_folder(root)
        opened.store.office.save(dataclasses.replace(opened.store.office.get(), code=f"BENCH-{n:03d}"))
        create_office_key(opened, replace=True, reason="bench office")
        for _ in range(per_office):
            export_bundle(opened)
        register_key(hq, signing.public_pem_path(opened.folder.keys).read_bytes(), f"BENCH-{n:03d}")
        folders.append(opened)
    hq.close()

    port = free_port()
    script = SERVER_SCRIPT.format(root=str(ROOT), hq=str(hq_root), port=port)
    server = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    import httpx

    while True:
        try:
            if httpx.options(f"{url}/files/", timeout=1).status_code == 204:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise SystemExit(f"receiver did not start: {server.stderr.read().decode()[-2000:]}")
        time.sleep(0.1)
    for opened in folders:
        set_remote(opened, url, signing.public_pem_path(hq_root / "keys", "hq"))

    peak = [0]
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], vm_hwm_kib(server.pid))
            time.sleep(0.2)
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=offices) as pool:
        reports = list(pool.map(lambda o: send_outbox(o, policy=POLICY), folders))
    took = time.perf_counter() - started
    stop.set()
    watcher.join(2)
    peak[0] = max(peak[0], vm_hwm_kib(server.pid))
    accepted = sum(len(r.accepted) for r in reports)
    server.send_signal(signal.SIGINT)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
    for opened in folders:
        opened.close()
    sizes = [os.path.getsize(p) for p in (tmp / "office-000" / "exports").glob("*.zip")]
    return {"run": "concurrent", "offices": offices, "bundles": bundles, "accepted": accepted,
            "bundle_kb": round(sum(sizes) / max(1, len(sizes)) / 1000, 1),
            "seconds": round(took, 2), "bundles_per_second": round(accepted / took, 1),
            "server_peak_rss_mb": round(peak[0] / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--slow-mb", type=float, default=10)
    parser.add_argument("--rate-mbit", type=float, default=2.0)
    parser.add_argument("--offices", type=int, default=50)
    parser.add_argument("--bundles", type=int, default=200)
    parser.add_argument("--cut-mb", type=float, default=10.9)
    parser.add_argument("--slow-cut-mb", type=float, default=3.0)
    parser.add_argument("--skip-slow", action="store_true")
    parser.add_argument("--skip-cuts", action="store_true")
    parser.add_argument("--only-cuts", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fielddesk-bench-upload-"))
    results = []

    def show(result: dict) -> None:
        results.append(result)
        print(json.dumps(result, ensure_ascii=False), flush=True)

    try:
        if not args.only_cuts:
            show(run_cut(tmp, args.mb, None, "full speed, cut every 2 MB"))
            if not args.skip_slow:
                show(run_cut(tmp, args.slow_mb, args.rate_mbit * 1e6 / 8,
                             f"{args.rate_mbit:g} Mbit/s, cut every 2 MB"))
        if not args.skip_cuts:
            for label, cut in [("cut every 1.5 MiB", 3 * MIB // 2), ("cut every 3 MiB", 3 * MIB),
                               ("cut at random 100 KiB-2 MiB", random_cuts(100 * 1024, 2 * MIB)),
                               ("cut every 1 MiB (the chunk size)", MIB),
                               ("cut every 256 KiB", 256 * 1024)]:
                show(run_cut(tmp, args.cut_mb, None, label, cut_every=cut))
            if not args.skip_slow:
                show(run_cut(tmp, args.slow_cut_mb, 32_000, "32 KB/s, cut every 2 MB"))
        if not args.only_cuts:
            show(run_many(tmp, args.offices, args.bundles))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
