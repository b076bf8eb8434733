"""Headquarters' upload receiver: tus resumable uploads, signed receipts and a status page.

``create_app(config, backend, hq_key)`` builds the FastAPI app; ``serve(root, host, port)``
runs it on uvicorn for ``fielddesk hq serve``. See ``tus.py`` for why the protocol is
served here rather than by tuspyserver, and ``auth.py`` for who may send bytes.
"""

from desktop_app.hq.receiver.app import create_app
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.server import serve

__all__ = ["ReceiverConfig", "create_app", "serve"]
