"""Where the shipped assets (templates, translations, fonts, icons) are, from source or frozen.

From a source checkout they sit in ``assets/`` beside the package; in a PyInstaller
build they are unpacked under ``sys._MEIPASS``. Nothing else in the app guesses paths.
"""

from __future__ import annotations

import sys
from pathlib import Path


def assets_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def asset_path(*parts: str) -> Path:
    return assets_root().joinpath(*parts)


def hq_migrations() -> Path:
    """Headquarters' schema migrations: Alembic loads its scripts from files, so the build
    ships them as data (``build.spec``) beside the modules."""
    frozen = getattr(sys, "_MEIPASS", None)
    package = Path(frozen) / "desktop_app" if frozen else Path(__file__).resolve().parent
    return package / "hq" / "store" / "migrations"


def dashboard_templates() -> Path:
    """The headquarters dashboard's Jinja2 templates: files, shipped as data by the build."""
    frozen = getattr(sys, "_MEIPASS", None)
    package = Path(frozen) / "desktop_app" if frozen else Path(__file__).resolve().parent
    return package / "hq" / "receiver" / "templates"
