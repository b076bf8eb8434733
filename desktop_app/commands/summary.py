"""``fielddesk summary --pdf FILE``: the local summary as an A4 PDF, in English or Hindi."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands.common import open_store
from desktop_app.domain.i18n import plural
from desktop_app.reports.render import ensure_app, write_summary_pdf


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("summary", help="write the local summary (targets vs achievement, registers) as an A4 PDF")
    p.add_argument("--pdf", metavar="FILE", type=Path, required=True, help="the PDF file to write")
    p.add_argument("--lang", choices=("en", "hi"), help="language (default: the app's language)")
    p.add_argument("--no-photos", action="store_true", help="leave out the before/after photo pages")
    p.set_defaults(func=cmd_summary)


def cmd_summary(args: argparse.Namespace) -> int:
    with open_store(args) as opened:
        lang = args.lang or opened.settings.language
        ensure_app()  # headless: offscreen when there is no display
        result = write_summary_pdf(opened.store, args.pdf.expanduser().resolve(), photos_dir=opened.folder.photos,
                                   lang=lang, with_photos=not args.no_photos)
    print(result.path)
    print(plural("{n} page", "{n} pages", result.pages))
    return 0
