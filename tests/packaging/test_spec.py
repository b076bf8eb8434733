"""build.spec against the code: what the build leaves out is never something the app uses.

Fast and without PyInstaller running: the spec's lists are read with ``ast`` and its
rules executed on paths laid out as PyInstaller lays them out on Linux and on Windows
(the Windows layout is the PySide6 wheel's), so a Windows-only mistake shows here too.
The built program itself is checked by ``scripts/smoke_frozen.sh``.
"""

from __future__ import annotations

import ast
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
APP = ROOT / "desktop_app"


def spec_literal(name: str):
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec has no literal {name}")


def app_sources() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at top level or inside functions; relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)  # may be submodules
    return names


def spec_namespace(platform: str) -> dict:
    """The spec's definitions (everything before the build), as on ``platform``."""
    source = SPEC.read_text(encoding="utf-8")
    head = source[: source.index("# --------------------------------------------------------------------------- build")]
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: []
    saved = sys.platform, sys.modules.get("PyInstaller.utils.hooks")
    sys.modules["PyInstaller.utils.hooks"] = hooks
    sys.platform = platform
    try:
        namespace = {"SPECPATH": str(ROOT), "workpath": str(ROOT / "build"), "__name__": "build_spec"}
        exec(compile(head, str(SPEC), "exec"), namespace)
    finally:
        sys.platform = saved[0]
        if saved[1] is None:
            del sys.modules["PyInstaller.utils.hooks"]
        else:
            sys.modules["PyInstaller.utils.hooks"] = saved[1]
    return namespace


def dropped(namespace: dict, dest: str) -> bool:
    return any(pred(dest) for _, _, pred in namespace["DROP_RULES"])


def test_the_spec_compiles():
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_no_excluded_module_is_imported_by_the_app():
    excluded = spec_literal("EXCLUDED_MODULES")
    offenders = []
    for path in app_sources():
        for module in imported_modules(path):
            for ex in excluded:
                if module == ex or module.startswith(ex + "."):
                    offenders.append(f"{path.relative_to(ROOT)} imports {module} (excluded: {ex})")
    assert not offenders, "build.spec leaves out modules the app imports:\n" + "\n".join(offenders)


def test_the_qt_modules_the_app_imports_are_the_known_ones():
    """A new Qt module (QtSvg widgets, QtCharts …) must be looked at in the spec: its plugins,
    its libraries, its size. Add it here once the frozen smoke check passes with it."""
    qt = {m.split(".")[1] for p in app_sources() for m in imported_modules(p)
          if m.startswith("PySide6.") and m.split(".")[1].startswith("Qt")}
    assert qt <= {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg", "QtNetwork"}, sorted(qt)


def test_every_asset_folder_the_app_reads_is_bundled():
    bundled = set(spec_literal("ASSET_DIRS"))
    patterns = spec_literal("ASSET_PATTERNS")
    assert bundled == set(patterns)
    on_disk = {p.name for p in (ROOT / "assets").iterdir() if p.is_dir() and any(p.iterdir())}
    assert on_disk <= bundled, f"assets/ folders not in build.spec's ASSET_DIRS: {sorted(on_disk - bundled)}"
    read = set()
    for path in app_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "asset_path"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                read.add(node.args[0].value)
    assert read <= bundled, f"asset_path() reads folders the build leaves out: {sorted(read - bundled)}"
    for folder in bundled - {"translations"}:  # the .qm are compiled by the build, not committed
        files = [p for pattern in patterns[folder] for p in (ROOT / "assets" / folder).glob(pattern)]
        assert files, f"assets/{folder}: nothing matches {patterns[folder]}"
    assert list((ROOT / "assets" / "translations").glob("*.ts"))


def test_no_path_is_computed_from_a_module_file_outside_resources():
    """In the frozen program modules live in an archive: ``__file__`` does not point at the
    assets. Only desktop_app/resources.py knows where they are."""
    offenders = [str(p.relative_to(ROOT)) for p in app_sources() if p.name != "resources.py"
                 and any(isinstance(n, ast.Name) and n.id == "__file__"
                         for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert not offenders, f"use desktop_app.resources.asset_path instead of __file__ in: {offenders}"


def test_no_child_python_is_started_with_sys_executable():
    """Frozen, sys.executable is FieldDesk itself: ``[sys.executable, "-m", …]`` would start a
    second FieldDesk. The processes the app starts — the export's photo pass
    (bundle/photo_pass.py) and ``hq worker --workers N``'s workers (hq/worker.py) — are
    started by ``multiprocessing``, which the entry makes work frozen."""
    offenders = []
    for path in app_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "executable" and getattr(node.value, "id", "") == "sys":
                offenders.append(f"{path.relative_to(ROOT)}: sys.executable")
        if path.relative_to(ROOT).as_posix() in ("desktop_app/bundle/photo_pass.py",
                                                 "desktop_app/hq/worker.py",
                                                 "desktop_app/__main__.py"):
            continue
        if {"multiprocessing", "concurrent.futures.ProcessPoolExecutor"} & imported_modules(path):
            offenders.append(f"{path.relative_to(ROOT)}: multiprocessing")
    assert not offenders, offenders


def test_the_frozen_entry_answers_multiprocessing_before_the_command_line():
    """PyInstaller: ``multiprocessing.freeze_support()`` must run before anything else in the
    entry script, or the photo pass's process would run the command line instead."""
    tree = ast.parse((ROOT / "desktop_app" / "__main__.py").read_text(encoding="utf-8"))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    names = [getattr(c.func, "attr", getattr(c.func, "id", "")) for c in calls]
    assert "freeze_support" in names
    first = min(n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
                 and getattr(n.func, "attr", "") == "freeze_support")
    cli = min(n.lineno for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
              and n.module == "desktop_app.cli")
    assert first < cli


LINUX_PATHS = {
    # kept
    "PySide6/Qt/lib/libQt6Core.so.6": True,
    "PySide6/Qt/lib/libQt6DBus.so.6": True,
    "PySide6/Qt/lib/libicudata.so.73": True,
    "PySide6/Qt/plugins/platforms/libqxcb.so": True,
    "PySide6/Qt/plugins/platforms/libqoffscreen.so": True,
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so": True,
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so": True,
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so": True,
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so": True,
    "PySide6/Qt/plugins/imageformats/libqjpeg.so": True,
    "PySide6/Qt/plugins/imageformats/libqico.so": True,
    "PySide6/Qt/plugins/imageformats/libqsvg.so": True,
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so": True,
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so": True,
    "assets/translations/fielddesk_hi.qm": True,
    "assets/translations/qtbase_hi.qm": True,
    "pillow_heif.libs/libheif-e72ea93c.so.1.23.6": True,
    # left out
    "PySide6/Qt/translations/qtbase_de.qm": False,
    "PySide6/Qt/plugins/platforms/libqwayland.so": False,
    "PySide6/Qt/plugins/platforms/libqeglfs.so": False,
    "PySide6/Qt/plugins/platforms/libqminimal.so": False,
    "PySide6/Qt/plugins/platforms/libqvnc.so": False,
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so": False,
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so": False,
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so": False,
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so": False,
    "PySide6/Qt/plugins/imageformats/libqtiff.so": False,
    "PySide6/Qt/plugins/imageformats/libqpdf.so": False,
    "PySide6/Qt/plugins/tls/libqopensslbackend.so": False,
    "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so": False,
    "PySide6/Qt/lib/libQt6Network.so.6": True,  # the local socket: one window per data folder
    "PySide6/Qt/lib/libQt6WaylandClient.so.6": False,
}
WINDOWS_PATHS = {  # as in the PySide6 6.12 win_amd64 wheel
    "PySide6/Qt6Core.dll": True,
    "PySide6/Qt6PrintSupport.dll": True,
    "PySide6/plugins/platforms/qwindows.dll": True,
    "PySide6/plugins/platforms/qoffscreen.dll": True,
    "PySide6/plugins/styles/qmodernwindowsstyle.dll": True,
    "PySide6/plugins/imageformats/qjpeg.dll": True,
    "PySide6/plugins/imageformats/qico.dll": True,
    "assets/icons/fielddesk.ico": True,
    "PySide6/opengl32sw.dll": False,
    "PySide6/Qt6Network.dll": True,
    "PySide6/translations/qtbase_de.qm": False,
    "PySide6/plugins/platforms/qdirect2d.dll": False,
    "PySide6/plugins/platforms/qminimal.dll": False,
    "PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll": False,
    "PySide6/plugins/generic/qtuiotouchplugin.dll": False,
    "PySide6/plugins/imageformats/qwebp.dll": False,
    "PySide6/plugins/tls/qschannelbackend.dll": False,
}


@pytest.mark.parametrize(("platform", "table"), [("linux", LINUX_PATHS), ("win32", WINDOWS_PATHS)])
def test_drop_rules_keep_what_the_app_needs(platform, table):
    namespace = spec_namespace(platform)
    wrong = {dest: ("kept" if keep else "left out") for dest, keep in table.items()
             if dropped(namespace, dest) == keep}
    assert not wrong, f"{platform}: these should be {wrong}"


def test_pillow_avif_is_bundled_exactly_when_the_app_accepts_avif():
    from desktop_app.photos.ingest import ACCEPTED_FORMATS

    for platform, dest in (("linux", "PIL/_avif.cpython-311-x86_64-linux-gnu.so"),
                           ("linux", "pillow.libs/libavif-c6062d5f.so.16.4.2"),
                           ("win32", "PIL\\_avif.cp311-win_amd64.pyd")):
        assert dropped(spec_namespace(platform), dest) == ("AVIF" not in ACCEPTED_FORMATS), dest


def test_the_icons_are_committed_with_every_windows_size():
    from PIL import Image

    icons = ROOT / "assets" / "icons"
    with Image.open(icons / "fielddesk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icons / "fielddesk.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"
