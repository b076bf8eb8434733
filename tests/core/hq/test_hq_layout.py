"""How headquarters' code is laid out: no module of ``desktop_app.hq`` imports another that
(directly or through others) imports it back, every import is at the top of its module (on a
server, start-up time does not buy a hidden order of imports), the folder layout shares the
office's, and the import stays small enough to read."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

from desktop_app.hq.database import HQFolder
from desktop_app.paths import DataFolder, FolderLayout

HQ = Path(__file__).resolve().parents[3] / "desktop_app" / "hq"


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in edges:
        if module not in index:
            visit(module)
    return found


def test_no_module_of_hq_imports_itself_back():
    graph = grimp.build_graph("desktop_app")  # every import, wherever it is in a module
    modules = {m for m in graph.modules if m.startswith("desktop_app.hq")}
    edges = {m: set(graph.find_modules_directly_imported_by(m)) & modules for m in modules}
    assert len(modules) > 30
    assert cycles(edges) == []
    # and the check itself finds a circle when there is one
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_import_in_hq_is_at_the_top_of_its_module():
    inside = []
    for path in sorted(HQ.rglob("*.py")):
        if "migrations" in path.parts:  # Alembic's scripts, loaded by Alembic
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inside += [f"{path.relative_to(HQ)}:{n.lineno}" for n in ast.walk(node)
                           if isinstance(n, ast.Import | ast.ImportFrom)]
    assert inside == []


def test_headquarters_and_office_folders_share_one_layout(tmp_path):
    hq, office = HQFolder(tmp_path / "hq"), DataFolder(tmp_path / "office")
    assert isinstance(hq, FolderLayout) and isinstance(office, FolderLayout)
    for name in ("photos", "keys", "logs"):
        assert getattr(hq, name).relative_to(hq.root) == getattr(office, name).relative_to(
            office.root)
    assert (hq.database.name, hq.settings.name) == ("hq.db", "hq-settings.json")
    assert (office.database.name, office.settings.name) == ("fielddesk.db", "settings.json")
    hq.ensure()
    assert (hq.keys.stat().st_mode & 0o777) == 0o700  # headquarters' receipt key lives there
    assert (hq.photos / ".incoming").is_dir() and hq.inbox.is_dir()


def test_the_importer_stays_readable():
    """Split by job: outcome.py (what is said), chain.py (the rules that read the database),
    store/imports.py (the SQL), the shared progress_tracker.py; importer.py keeps the steps."""
    lines = (HQ / "importer.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 400, lines
