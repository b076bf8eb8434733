"""Running the receiver: ``fielddesk --home HQDIR hq serve [--host] [--port]`` on uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import uvicorn

from desktop_app.errors import FieldDeskError
from desktop_app.hq import open_hq
from desktop_app.hq.receipts import load_hq_key
from desktop_app.hq.receiver.app import create_app
from desktop_app.hq.receiver.backend import hq_backend
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.signin import is_loopback
from desktop_app.hq.staff import active_count

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750


def build_app(root: Path, config: ReceiverConfig | None = None, *,
              db: str | None = None) -> tuple[Any, Any]:
    """The app over the headquarters folder *root* (its database: *db*, else as
    ``open_hq`` chooses), and the open ``HQ`` (close it after)."""

    hq = open_hq(root, db=db)
    try:
        hq_key = load_hq_key(hq.folder.keys)  # refuse to start without it: no receipts
        config = config or ReceiverConfig(root=hq.folder.root)
        app = create_app(config, hq_backend(hq, stale_days=config.stale_days), hq_key)
    except BaseException:
        hq.close()
        raise
    return app, hq


def check_staff_for(host: str, hq: Any) -> None:
    """Refuse a non-loopback *host* while no staff account may sign in: the status page and
    /report.xlsx (every office's data) would be open to anyone who can reach it."""

    with hq.store.read() as conn:
        accounts = active_count(conn)
    if not is_loopback(host) and accounts == 0:
        raise FieldDeskError(
            f"not serving on {host}: with no staff account the status page and /report.xlsx "
            "(every office's data) would be open to anyone who can reach it; run `fielddesk "
            "hq user add NAME --role admin` first, or serve on 127.0.0.1")


def serve(root: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          config: ReceiverConfig | None = None, *, db: str | None = None) -> None:
    """Serve until Ctrl+C. Behind a TLS reverse proxy in production (docs/upload.md).

    Refuses a non-loopback *host* while no staff account exists (``receiver.signin``)."""

    app, hq = build_app(root, config, db=db)
    try:
        check_staff_for(host, hq)
        uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="info",
                    timeout_keep_alive=30, timeout_graceful_shutdown=10, server_header=False)
    finally:
        hq.close()
