#!/usr/bin/env bash
# Frozen-app step: build the one-folder app with PyInstaller exactly as the README says, then run it from dist/:
# --version, the demo smoke test offscreen, the keyring backend seen from the frozen app (real Secret Service on a
# private D-Bus session), and a second launch handing over to a running first one. Needs .venv (the README's test
# command creates it). Prints the build time, the size of dist/unipile-desktop and the smoke test's JSON.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v objdump >/dev/null 2>&1 || need+=(binutils)  # PyInstaller reads library dependencies with it
command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null 2>&1 || need+=(appstream)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
# The build bundles the emoji font from this package (without it, it warns and ships none; here that is a failure).
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
[ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need+=(fonts-droid-fallback)
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "+ desktop entry and AppStream metainfo"
desktop-file-validate resources/linux/unipile-desktop.desktop
appstreamcli validate --no-net resources/linux/com.unipile.Desktop.metainfo.xml

echo "+ bash packaging/build.sh"
started=$(date +%s)
bash packaging/build.sh
build_seconds=$(( $(date +%s) - started ))
app=dist/unipile-desktop/unipile-desktop
test -x "$app"
# What the spec must not trim away: SVG icons, the X11 and Wayland platforms, the sandbox, the app's resources, the
# emoji font and its licence (the OFL text).
for needed in PySide6/Qt/plugins/iconengines/libqsvgicon.so PySide6/Qt/plugins/imageformats/libqsvg.so \
              PySide6/Qt/plugins/platforms/libqxcb.so PySide6/Qt/plugins/platforms/libqwayland.so \
              resources/icons/app.svg resources/icons/providers/whatsapp.svg resources/linux/unipile-desktop.desktop \
              resources/fonts/NotoColorEmoji.ttf resources/fonts/NotoColorEmoji-LICENSE.txt \
              resources/fonts/DroidSansFallbackFull.ttf resources/fonts/DroidSansFallback-LICENSE.txt; do
  test -e "dist/unipile-desktop/_internal/$needed" || { echo "missing from the build: $needed" >&2; exit 1; }
done

# The frozen app runs in a throwaway HOME: its settings, log file and keyring are not the machine's.
home=$(mktemp -d)
first_pid=""
cleanup() {
  if [ -n "$first_pid" ]; then kill "$first_pid" 2>/dev/null || true; fi
  rm -rf "$home"
}
trap cleanup EXIT
mkdir -m 700 "$home/run"
frozen_env=(env -u DBUS_SESSION_BUS_ADDRESS -u UNIPILE_DSN -u UNIPILE_API_KEY -u UNIPILE_PROFILE
            HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/.config"
            XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state"
            QT_QPA_PLATFORM=offscreen)

echo "+ $app --version"
expected="unipile-desktop $(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("unipile-desktop"))')"
actual=$("${frozen_env[@]}" "$app" --version)
[ "$actual" = "$expected" ] || { echo "frozen --version said '$actual', expected '$expected'" >&2; exit 1; }

echo "+ QT_QPA_PLATFORM=offscreen $app --demo --smoke-test"
smoke_json=$("${frozen_env[@]}" "$app" --demo --smoke-test 2> >(grep -v propagateSizeHints >&2))
echo "$smoke_json"
echo "$smoke_json" | .venv/bin/python -c 'import json, sys; report = json.loads(sys.stdin.read().strip().splitlines()[-1]); sys.exit(0 if report.get("ok") is True else "frozen smoke test failed")'
log_file="$home/.local/state/unipile-desktop/log/unipile-desktop.log"
test -s "$log_file"  # the log file went to the platform folder
grep -q "OPEN FONT LICENSE Version 1.1" dist/unipile-desktop/_internal/resources/fonts/NotoColorEmoji-LICENSE.txt \
  || { echo "the bundled emoji font's licence file does not carry the OFL text" >&2; exit 1; }
grep -q "bundled font NotoColorEmoji.ttf registered: Noto Color Emoji (emoji)" "$log_file" \
  || { echo "the frozen app did not register its bundled emoji font; its log:" >&2; cat "$log_file" >&2; exit 1; }

echo "+ frozen app and the keyring (gnome-keyring on a private D-Bus session)"
keyring_out=$("${frozen_env[@]}" dbus-run-session -- sh -c '
  printf %s ci-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$0" profile list' "$app" 2> >(grep -v -e "Failed to set fd limit" -e "transient service directory" >&2))
echo "$keyring_out"
echo "$keyring_out" | grep -q "API keys are kept in: Secret Service" \
  || { echo "the frozen app does not see the Secret Service keyring backend" >&2; exit 1; }

echo "+ a second launch hands over to the running app and exits 0"
"${frozen_env[@]}" "$app" >"$home/first.log" 2>&1 &
first_pid=$!
for _ in $(seq 1 100); do  # the first one is up once its socket exists
  ls "$home/run"/unipile-desktop-*.sock >/dev/null 2>&1 && break
  sleep 0.1
done
second_err=$("${frozen_env[@]}" "$app" 2>&1 >/dev/null) || { echo "second launch failed: $second_err" >&2; exit 1; }
echo "$second_err" | grep -q "already running" || { echo "second launch did not hand over: $second_err" >&2; exit 1; }
kill -TERM "$first_pid"
wait "$first_pid" || { echo "the first instance did not quit cleanly on SIGTERM:" >&2; cat "$home/first.log" >&2; exit 1; }
first_pid=""

size=$(du -sh dist/unipile-desktop | cut -f1)
echo "frozen app: built in ${build_seconds}s, dist/unipile-desktop is $size, smoke: $smoke_json"
