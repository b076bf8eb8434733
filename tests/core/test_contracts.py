"""The import contracts in pyproject.toml see every module: a new module or package that
no contract names, or a folder without ``__init__.py`` (which import-linter does not
read), fails here rather than slipping past ``lint-imports``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desktop_app"
# Alembic's scripts (headquarters' schema migrations) are files Alembic loads, not modules.
ALEMBIC_SCRIPTS = PACKAGE / "hq" / "store" / "migrations"
QT_MODULES = {"desktop_app.ui", "desktop_app.reports.render", "desktop_app.reports.render_pages",
              "desktop_app.reports.render_qr"}


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def top_level() -> set[str]:
    names = {f"desktop_app.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    names |= {f"desktop_app.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    return names


def test_import_linter_reads_every_module():
    files = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
             for p in PACKAGE.rglob("*.py") if not p.is_relative_to(ALEMBIC_SCRIPTS)}
    graph = grimp.build_graph("desktop_app", cache_dir=None)
    assert files - graph.modules == set()


def test_every_top_level_module_has_a_layer():
    layered = {name.strip(" ()") for layer in contracts()["Layers point one way"]["layers"]
               for name in layer.split("|")}
    assert top_level() - layered == set()


def test_everything_outside_the_ui_and_the_pdf_renderer_is_kept_from_qt():
    kept = set(contracts()["Core never imports Qt"]["source_modules"])
    reports = {f"desktop_app.reports.{p.stem}" for p in (PACKAGE / "reports").glob("*.py")
               if p.stem != "__init__"}
    assert (top_level() - {"desktop_app.reports"} | reports) - QT_MODULES - kept == set()
