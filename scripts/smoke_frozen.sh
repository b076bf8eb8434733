#!/usr/bin/env bash
# Smoke check of the BUILT FieldDesk (not the source tree): catches missing hidden imports,
# data files, Qt plugins and libraries that only the frozen program can miss.
#
#   bash scripts/smoke_frozen.sh                 unpack the archive scripts/build made (dist/fielddesk-*.tar.xz
#                                                or .zip) into a temp folder with tar/unzip, check from there
#   bash scripts/smoke_frozen.sh dist/fielddesk  check a program folder in place
#   bash scripts/smoke_frozen.sh FILE.tar.gz|FILE.zip
#
# Every command runs on a temporary data folder, never the user's. Exit 0 when all pass.
# Linux: bash. Windows: Git Bash (runs fielddesk-cli.exe; FieldDesk.exe, windowed, is
# checked by its exit code only, since a windowed program has no stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

TMP=$(mktemp -d "${TMPDIR:-/tmp}/fielddesk-smoke.XXXXXX")
SERVER_PID=""
cleanup() { [ -z "$SERVER_PID" ] || kill -KILL "$SERVER_PID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

target=${1:-}
if [ -z "$target" ]; then
  target=$(ls -t dist/fielddesk-*.tar.xz dist/fielddesk-*.tar.xz dist/fielddesk-*.zip 2>/dev/null | head -1 || true)
  [ -n "$target" ] || { echo "smoke: no archive in dist/; run scripts/build first" >&2; exit 1; }
fi
case "$target" in
  *.tar.xz|*.tar.gz|*.tgz)
    echo "== unpack $target with tar"
    tar -xf "$target" -C "$TMP"
    PROG="$TMP/fielddesk" ;;
  *.zip)
    echo "== unpack $target with unzip"
    unzip -q "$target" -d "$TMP"
    PROG="$TMP/fielddesk" ;;
  *)
    PROG=$(cd "$target" && pwd) ;;
esac

if [ -f "$PROG/fielddesk-cli.exe" ]; then   # Windows build
  FD="$PROG/fielddesk-cli.exe"; GUI="$PROG/FieldDesk.exe"; INTERNAL="$PROG/_internal"
else
  FD="$PROG/fielddesk"; GUI=""; INTERNAL="$PROG/_internal"
fi
[ -x "$FD" ] || { echo "smoke: $FD is missing or not executable" >&2; exit 1; }

pass=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { pass=$((pass + 1)); echo "ok   $*"; }
listing() { (cd "$PROG" && find . | LC_ALL=C sort); }
before=$(listing)

# Commands see no Python of ours: no venv on PATH, no PYTHONPATH/PYTHONHOME.
run() { env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV PATH=/usr/bin:/bin "$FD" "$@"; }
if [ -n "$GUI" ]; then run() { env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV "$FD" "$@"; }; fi

want_version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/desktop_app/__init__.py")
echo "== $FD"

# 1. the files the app reads at run time are where resources.py looks for them
for f in assets/campaigns/special-campaign-6.json assets/translations/fielddesk_hi.qm \
         assets/translations/qtbase_hi.qm assets/fonts/NotoSansDevanagari.ttf assets/icons/fielddesk.png; do
  [ -s "$INTERNAL/$f" ] || fail "$f is not in the folder"
done
qt_plugins=$(cd "$INTERNAL" && find . -path '*plugins/*' -type f | sed 's|.*/plugins/||' | LC_ALL=C sort)
need_plugins="platforms/.*offscreen imageformats/.*qjpeg imageformats/.*qico"
case "$(uname -s)" in
  # input methods (typing Hindi) are plugins on Linux, part of the platform plugin on Windows;
  # so is printing (CUPS plugin on Linux, built into Qt6PrintSupport.dll on Windows)
  Linux) need_plugins="$need_plugins platforms/libqxcb platforminputcontexts/libibus
                       platforminputcontexts/libcompose printsupport/libcups" ;;
  MINGW*|MSYS*|CYGWIN*) need_plugins="$need_plugins platforms/qwindows styles/" ;;
esac
for p in $need_plugins; do
  echo "$qt_plugins" | grep -q "^$p" || fail "Qt plugin $p is not in the folder"
done
if echo "$qt_plugins" | grep -E 'qgtk3|wayland|eglfs|qvnc|qminimal|sqldrivers|qmltooling|tls/'; then
  fail "a Qt plugin the build should leave out is in the folder (above)"
fi
if find "$INTERNAL" -iname 'opengl32sw.dll' | grep .; then
  fail "a library the build should leave out is in the folder (above)"
fi
# QtNetwork stays for its local socket (a second launch hands over to the running copy)
find "$INTERNAL" -iname 'QtNetwork*' | grep -q . || fail "PySide6.QtNetwork is not in the folder"
ok "assets, Qt plugins (kept and left out), QtNetwork for the local socket"
if [ "$(uname -s)" = Linux ] && command -v ldd >/dev/null; then
  # every library and plugin finds what it links against (in the folder or the system)
  missing=$(cd "$INTERNAL" && find . -name '*.so*' -type f | while read -r f; do
    LD_LIBRARY_PATH="$INTERNAL" ldd "$f" 2>/dev/null | grep 'not found' | sed "s|^|$f: |" || true; done)
  [ -z "$missing" ] || { echo "$missing"; fail "libraries with unresolved dependencies (above)"; }
  ok "every shared library resolves its dependencies (ldd)"
fi

# 2. --version
out=$(run --version)
[ "$out" = "FieldDesk $want_version" ] || fail "--version printed '$out', expected 'FieldDesk $want_version'"
ok "--version: $out"

# 3. demo office, export, verify against the office's public key
HOME_DIR="$TMP/office"
run --home "$HOME_DIR" demo --no-open >"$TMP/demo.out" 2>&1 || { cat "$TMP/demo.out"; fail "demo --no-open"; }
ok "demo --no-open"
# the photos are zipped by the photo pass in a process multiprocessing starts (spawn): the
# program itself, answered by freeze_support() in its entry. If that process could not run,
# the export would zip them itself and say so in the error log: that fails here.
bundle=$(run --home "$HOME_DIR" export 2>"$TMP/export.err" | tail -1) \
  || { cat "$TMP/export.err"; fail "export"; }
[ -f "$bundle" ] || fail "export printed '$bundle', which is not a file"
photos_in=$(unzip -Z1 "$bundle" | grep -c '^photos/') || fail "export: no photos in $bundle"
if grep -s "photo pass failed" "$HOME_DIR/logs/errors.log"; then
  fail "export: the photo pass's process did not run (above)"
fi
ok "export, photos zipped by the photo pass's process: $(basename "$bundle") ($(($(wc -c <"$bundle") / 1024)) KB, $photos_in photos)"
verified=$(run verify "$bundle" --key "$HOME_DIR/keys/office.pub.pem") || fail "verify: $verified"
ok "verify: $verified"
office=$(echo "$verified" | sed -n 's/^OK: office \([^ ]*\) .*/\1/p')

# 3b. every photo format the app accepts decodes in the build (Pillow's and libheif's codecs).
# The sample photos are made with the venv's Pillow, when there is one (CI and build machines).
VPY="$REPO/.venv/bin/python"; [ -x "$VPY" ] || VPY="$REPO/.venv/Scripts/python.exe"
if [ -x "$VPY" ]; then
  site=$("$VPY" - "$TMP" "$HOME_DIR/fielddesk.db" <<'EOF'
import sqlite3, sys
from pathlib import Path
from PIL import Image
from desktop_app.photos.ingest import ACCEPTED_FORMATS
out = Path(sys.argv[1]) / "photos-in"
out.mkdir()
suffix = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "heic", "AVIF": "avif", "TIFF": "tif", "GIF": "gif", "BMP": "bmp"}
if "HEIF" in ACCEPTED_FORMATS:
    import pillow_heif
    pillow_heif.register_heif_opener()
for i, fmt in enumerate(ACCEPTED_FORMATS):
    Image.new("RGB", (640 + i, 480), (20 * i, 120, 200)).save(out / f"sample-{i}.{suffix.get(fmt, fmt.lower())}", fmt)
print(sqlite3.connect(sys.argv[2]).execute("select id from cleanliness_site limit 1").fetchone()[0])
EOF
  ) || fail "could not make sample photos with $VPY"
  added=$(run --home "$HOME_DIR" photo add "$TMP"/photos-in/* --site "$site" --role after 2>&1) \
    || { echo "$added"; fail "photo add (one of the accepted formats does not decode in the build)"; }
  ok "photo add: $(ls "$TMP/photos-in" | sed 's/.*\.//' | tr '\n' ' ')"
fi

# 4. summary PDF in Hindi (the PDF renderer, offscreen Qt, the bundled Devanagari font)
if run summary --help >/dev/null 2>&1; then
  run --home "$HOME_DIR" summary --pdf "$TMP/summary.pdf" --lang hi >"$TMP/summary.out" 2>&1 \
    || { cat "$TMP/summary.out"; fail "summary --pdf"; }
  head -c 5 "$TMP/summary.pdf" | grep -q '%PDF-' || fail "summary.pdf is not a PDF"
  if command -v pdffonts >/dev/null; then
    pdffonts "$TMP/summary.pdf" | grep -qi 'NotoSansDevanagari' || fail "summary.pdf does not embed Noto Sans Devanagari"
  fi
  ok "summary --pdf --lang hi: $(tail -1 "$TMP/summary.out")"
else
  echo "skip summary (no such command in this build)"
fi

# 5. headquarters: register the office key, import the bundle
if run hq --help >/dev/null 2>&1; then
  HQ_DIR="$TMP/hq"
  run --home "$HQ_DIR" hq register "$HOME_DIR/keys/office.pub.pem" --office "$office" >"$TMP/hq.out" 2>&1 \
    || { cat "$TMP/hq.out"; fail "hq register"; }
  run --home "$HQ_DIR" hq import "$bundle" >"$TMP/hq.out" 2>&1 || { cat "$TMP/hq.out"; fail "hq import"; }
  ok "hq register + import: $(tail -1 "$TMP/hq.out")"
  if run hq report --help >/dev/null 2>&1; then
    run --home "$HQ_DIR" hq report --out "$TMP/consolidated.xlsx" >"$TMP/hq.out" 2>&1 \
      || { cat "$TMP/hq.out"; fail "hq report"; }
    ok "hq report"
  fi
  if run hq migrate --help >/dev/null 2>&1; then
    # Alembic's scripts are data files in the build; the PostgreSQL driver is loaded only
    # for a postgresql:// URL: nothing listens on this port, so it must say so in one line
    run --home "$HQ_DIR" hq migrate >"$TMP/hq.out" 2>&1 || { cat "$TMP/hq.out"; fail "hq migrate"; }
    grep -q "up to date" "$TMP/hq.out" || { cat "$TMP/hq.out"; fail "hq migrate: not up to date"; }
    pg_port=$((20000 + RANDOM % 20000))
    run --home "$TMP/hq-pg" hq init --db "postgresql://fd@127.0.0.1:$pg_port/hq" >"$TMP/hq.out" 2>&1 \
      && { cat "$TMP/hq.out"; fail "hq init --db: a server that is not there was accepted"; }
    grep -q "cannot reach the PostgreSQL server" "$TMP/hq.out" || { cat "$TMP/hq.out"; fail "hq init --db"; }
    ok "hq migrate (SQLite), hq init --db (PostgreSQL driver): $(tail -1 "$TMP/hq.out" | cut -c1-60)…"
  fi
  if run hq serve --help >/dev/null 2>&1 && run upload --help >/dev/null 2>&1; then
    # the upload path end to end: FastAPI + uvicorn (their protocol modules are found only
    # when the server starts) at HQ, the signed tus client over httpx at the office
    SRV="$TMP/hq-serve"
    run --home "$SRV" hq key init >/dev/null
    run --home "$SRV" hq key export --out "$TMP/HQ.pub.pem" >/dev/null 2>&1
    run --home "$SRV" hq register "$HOME_DIR/keys/office.pub.pem" --office "$office" >/dev/null 2>&1
    port=$((20000 + RANDOM % 20000))
    # exec: $! is the server itself, so the SIGINT below reaches it
    (exec env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV "$FD" --home "$SRV" hq serve --port "$port" \
      >"$TMP/serve.out" 2>&1) &
    spid=$!
    SERVER_PID=$spid
    up=""
    for _ in $(seq 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=1; break; fi
      kill -0 "$spid" 2>/dev/null || break
      sleep 0.2
    done
    [ -n "$up" ] || { cat "$TMP/serve.out"; fail "hq serve did not listen on port $port"; }
    run --home "$HOME_DIR" remote set "http://127.0.0.1:$port" --hq-key "$TMP/HQ.pub.pem" >/dev/null
    sent=$(run --home "$HOME_DIR" upload 2>&1) || { echo "$sent"; cat "$TMP/serve.out"; fail "upload"; }
    kill -INT "$spid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$spid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$spid" 2>/dev/null && { kill -KILL "$spid"; fail "hq serve did not stop on Ctrl+C"; }
    wait "$spid" 2>/dev/null || true
    echo "$sent" | grep -q "accepted by headquarters" || { echo "$sent"; cat "$TMP/serve.out"; fail "upload: not accepted"; }
    ok "hq serve + upload: $(echo "$sent" | tail -1)"
  fi
else
  echo "skip hq (no such command in this build)"
fi

# 6. the window: --smoke-test under the offscreen platform, in English and in Hindi
out=$(QT_QPA_PLATFORM=offscreen run --home "$HOME_DIR" --smoke-test 2>"$TMP/gui.err") \
  || { cat "$TMP/gui.err"; fail "--smoke-test (offscreen)"; }
echo "$out" | grep -q '^start-up: [0-9]* ms' || fail "--smoke-test printed '$out'"
ok "--smoke-test offscreen: $out"
settings="$HOME_DIR/settings.json"
cp "$settings" "$TMP/settings.en" 2>/dev/null || echo '{}' >"$TMP/settings.en"
sed 's/"language": *"en"/"language": "hi"/' "$TMP/settings.en" >"$settings"
grep -q '"language": "hi"' "$settings" || echo '{"language": "hi"}' >"$settings"
out=$(QT_QPA_PLATFORM=offscreen run --home "$HOME_DIR" --smoke-test 2>"$TMP/gui.err") \
  || { cat "$TMP/gui.err"; fail "--smoke-test in Hindi"; }
if grep -i "script 11\|OpenType support missing" "$TMP/gui.err"; then fail "Devanagari font not found (above)"; fi
cp "$TMP/settings.en" "$settings"
ok "--smoke-test offscreen, Hindi: $out"

# 7. a real window on X (the xcb plugin and the X libraries it needs), when Xvfb is here
if [ "$(uname -s)" = Linux ] && command -v xvfb-run >/dev/null; then
  out=$(env -u QT_QPA_PLATFORM xvfb-run -a "$FD" --home "$HOME_DIR" --smoke-test 2>"$TMP/gui.err") \
    || { cat "$TMP/gui.err"; fail "--smoke-test on X (xcb)"; }
  ok "--smoke-test on Xvfb (xcb): $out"
fi
if [ -n "$GUI" ]; then
  QT_QPA_PLATFORM=offscreen "$GUI" --home "$HOME_DIR" --smoke-test || fail "FieldDesk.exe --smoke-test exit code $?"
  ok "FieldDesk.exe (windowed) --smoke-test: exit 0"
fi

# 8. without --home the data goes to the user's data folder, never into the program folder
if [ "$(uname -s)" = Linux ]; then
  env -u FIELDDESK_HOME -u XDG_DATA_HOME HOME="$TMP/user" PATH=/usr/bin:/bin "$FD" demo --no-open >/dev/null 2>&1 \
    || fail "demo --no-open without --home"
  [ -f "$TMP/user/.local/share/FieldDesk-demo/fielddesk.db" ] || fail "the default demo folder is not in the user data folder"
  ok "default data folder: ~/.local/share/FieldDesk-demo"
fi
after=$(listing)
if [ "$before" != "$after" ]; then
  diff <(echo "$before") <(echo "$after") | head -20
  fail "the program folder changed while running (above): data must never go there"
fi
ok "the program folder is unchanged"
echo "smoke: all $pass checks passed ($PROG)"
