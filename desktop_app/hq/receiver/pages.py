"""The receiver's HTML pages: one stylesheet, one escape, the same safety headers on each.

Server-rendered, no script at all: ``Content-Security-Policy`` forbids every source but
inline styles, this server's images (the dashboard's photos) and forms posting back here,
and no page may be framed (clickjacking).
"""

from __future__ import annotations

import html
from typing import Any

from fastapi.responses import HTMLResponse

CSS = """
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; margin: 1.5rem; color: #1d2733; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #d5dbe3; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.stale { color: #a33; font-weight: 600; } .ok { color: #2a6a2a; } .muted { color: #68707a; }
a.button, button { display: inline-block; padding: .4rem .8rem; border: 1px solid #2d5d8b;
           border-radius: 4px; color: #fff; background: #2d5d8b; text-decoration: none;
           font: inherit; cursor: pointer; }
form.inline { display: inline; } .who { float: right; }
form.signin { max-width: 22rem; } form.signin label { display: block; margin: .8rem 0 .2rem; }
form.signin input { width: 100%; padding: .4rem; font: inherit; box-sizing: border-box; }
form.signin button { margin-top: 1rem; } .error { color: #a33; font-weight: 600; }
"""

HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; font-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def page(title: str, body: str, status: int = 200) -> HTMLResponse:
    """A whole page with the stylesheet and the safety headers."""
    text = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>{body}</body></html>")
    return HTMLResponse(text, status_code=status, headers=HEADERS)
