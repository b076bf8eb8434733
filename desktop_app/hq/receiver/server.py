"""Running the receiver: ``fielddesk --home HQDIR hq serve [--host] [--port]`` on uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.hq.receiver.config import ReceiverConfig

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750


def build_app(root: Path, config: ReceiverConfig | None = None) -> tuple[Any, Any]:
    """The app over the headquarters folder *root*, and the open ``HQ`` (close it after)."""
    from desktop_app.hq import open_hq
    from desktop_app.hq.receipts import load_hq_key
    from desktop_app.hq.receiver.app import create_app
    from desktop_app.hq.receiver.backend import hq_backend

    hq = open_hq(root)
    try:
        hq_key = load_hq_key(hq.folder.keys)  # refuse to start without it: no receipts
        config = config or ReceiverConfig(root=hq.folder.root)
        app = create_app(config, hq_backend(hq, stale_days=config.stale_days), hq_key)
    except BaseException:
        hq.close()
        raise
    return app, hq


def serve(root: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          config: ReceiverConfig | None = None) -> None:
    """Serve until Ctrl+C. Behind a TLS reverse proxy in production (docs/upload.md)."""
    import uvicorn

    app, hq = build_app(root, config)
    try:
        uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="info",
                    timeout_keep_alive=30, timeout_graceful_shutdown=10, server_header=False)
    finally:
        hq.close()
