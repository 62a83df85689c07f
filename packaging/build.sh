#!/usr/bin/env bash
# Builds the double-click app with PyInstaller: dist/unipile-desktop/ (one folder, the default) or
# dist/onefile/unipile-desktop (one file, with --onefile; slower to start, it unpacks itself on every launch). Linux and macOS; Windows uses packaging/build.ps1.
#
#   bash packaging/build.sh [--onefile]
#
# Needs the project venv (.venv, created by the README's set-up command); installs PyInstaller into it if
# missing. PyInstaller does not cross-compile: build on the OS you ship for.
set -euo pipefail
cd "$(dirname "$0")/.."

PYINSTALLER_VERSION=6.22.3
HOOKS_CONTRIB_VERSION=2026.9

onefile=0
for arg in "$@"; do
  case "$arg" in
    --onefile) onefile=1 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

python=.venv/bin/python
if [ ! -x "$python" ]; then
  echo "build.sh: no .venv here; create it first:  python3 -m venv .venv && .venv/bin/pip install -q -e ." >&2
  exit 1
fi
# The spec reads the name and version from the installed package's metadata.
"$python" -c 'import importlib.metadata as m; m.version("unipile-desktop")' 2>/dev/null \
  || "$python" -m pip install -q -e .
if [ "$("$python" -c 'import PyInstaller; print(PyInstaller.__version__)' 2>/dev/null)" != "$PYINSTALLER_VERSION" ]; then
  "$python" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION" "pyinstaller-hooks-contrib==$HOOKS_CONTRIB_VERSION"
fi
# PyInstaller reads shared-library dependencies with objdump/ldd (binutils) on Linux.
if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null 2>&1; then
  echo "build.sh: objdump is missing; install binutils (sudo apt-get install binutils)" >&2
  exit 1
fi

# Separate output folders, so one kind of build never deletes the other.
if [ "$onefile" = 1 ]; then
  distpath=dist/onefile
  app=$distpath/unipile-desktop
  shipped=$app
else
  distpath=dist
  app=$distpath/unipile-desktop/unipile-desktop
  shipped=$distpath/unipile-desktop
fi
if [ "$(uname -s)" = Darwin ]; then
  shipped="$distpath/Unipile Desktop.app"
  app="$shipped/Contents/MacOS/unipile-desktop"
fi

# The translations: .ts -> .qm with pyside6-lrelease (committed too, so a source run has them; CI checks they match).
"$python" packaging/i18n.py compile

started=$(date +%s)
UNIPILE_ONEFILE=$onefile "$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$distpath" --workpath "build/pyinstaller-$onefile" packaging/unipile-desktop.spec
elapsed=$(( $(date +%s) - started ))

"$app" --version
echo "built $shipped in ${elapsed}s ($(du -sh "$shipped" | cut -f1))"
