#!/usr/bin/env bash
# Installs the built one-folder app for the current user, so it starts from the desktop's application menu:
#   ~/.local/opt/unipile-desktop/               the app (a copy of dist/unipile-desktop/)
#   ~/.local/bin/unipile-desktop                a link to it, for terminals and `profile add`
#   ~/.local/share/applications/…desktop        the menu entry (Exec= points at the copy)
#   ~/.local/share/icons/hicolor/…              the icon in every size
#   ~/.local/share/metainfo/…metainfo.xml       AppStream data for software centres
#
#   bash packaging/install-linux.sh            (after packaging/build.sh)
#   bash packaging/install-linux.sh --uninstall
set -euo pipefail
cd "$(dirname "$0")/.."

data_home=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=$HOME/.local/opt/unipile-desktop
bin=$HOME/.local/bin/unipile-desktop
desktop_file=$data_home/applications/unipile-desktop.desktop
metainfo=$data_home/metainfo/com.unipile.Desktop.metainfo.xml
icons=$data_home/icons/hicolor

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$prefix"
  rm -f "$bin" "$desktop_file" "$metainfo" "$icons"/*/apps/unipile-desktop.png "$icons"/scalable/apps/unipile-desktop.svg
  refresh_caches
  echo "Unipile Desktop removed (settings, logs and keyring entries are kept)."
  exit 0
fi

if [ ! -x dist/unipile-desktop/unipile-desktop ]; then
  echo "install-linux.sh: build first: bash packaging/build.sh" >&2
  exit 1
fi

rm -rf "$prefix"
mkdir -p "$(dirname "$prefix")" "$(dirname "$bin")" "$(dirname "$desktop_file")" "$(dirname "$metainfo")"
cp -a dist/unipile-desktop "$prefix"
ln -sfn "$prefix/unipile-desktop" "$bin"

for png in resources/icons/hicolor/*/apps/unipile-desktop.png; do
  size_dir=$(basename "$(dirname "$(dirname "$png")")")
  install -D -m 644 "$png" "$icons/$size_dir/apps/unipile-desktop.png"
done
install -D -m 644 resources/icons/app.svg "$icons/scalable/apps/unipile-desktop.svg"

# Absolute paths: the menu entry works even when ~/.local/bin is not on the desktop session's PATH.
sed -e "s|^Exec=unipile-desktop|Exec=\"$prefix/unipile-desktop\"|" \
    -e "s|^TryExec=.*|TryExec=$prefix/unipile-desktop|" \
    resources/linux/unipile-desktop.desktop >"$desktop_file"
install -m 644 resources/linux/com.unipile.Desktop.metainfo.xml "$metainfo"
refresh_caches

echo "Installed: $prefix"
echo "Menu entry: $desktop_file (look for “Unipile Desktop” in the application menu)"
