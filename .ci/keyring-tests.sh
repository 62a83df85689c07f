#!/usr/bin/env bash
# Real-keyring test group: Debian's gnome-keyring, unlocked, on a private D-Bus session and in a fresh HOME,
# then the tests marked keyring_real (store/read/delete, the profile CLI, a search of HOME for the key).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v gnome-keyring-daemon >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # dbus brings dbus-run-session; gnome-keyring is the Secret Service provider.
  apt-get install -y -qq --no-install-recommends gnome-keyring dbus >/dev/null
fi

# The daemon keeps its (encrypted) keyring under HOME, so a fresh HOME keeps the user's keyring out of reach
# and lets the tests search every file the run wrote.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/run"

env -u DBUS_SESSION_BUS_ADDRESS -u GNOME_KEYRING_CONTROL \
  HOME="$home" XDG_RUNTIME_DIR="$home/run" \
  XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
  XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state" \
  UNIPILE_REAL_KEYRING=1 QT_QPA_PLATFORM=offscreen \
  dbus-run-session -- sh -c '
    printf %s ci-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec .venv/bin/python -m pytest -m keyring_real -q -p no:cacheprovider
  ' 2> >(grep -v -e "Failed to set fd limit" -e "transient service directory" >&2)
