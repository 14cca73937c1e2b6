#!/usr/bin/env bash
# The test packaging.install: install the build into a temporary tree
# (cmake --install with DESTDIR, prefix /usr as a distribution would) and
# check it: the binary runs --version, the desktop entry, the AppStream
# metadata and the icon are where desktops look for them, and
# desktop-file-validate and appstreamcli accept them.
#   check-install.sh CMAKE BUILD_DIR SOURCE_DIR VERSION
set -uo pipefail
cmake=$1 build=$2 src=$3 version=$4
app_id=io.github.idlebell.Idlebell

failed=0
fail() { echo "FAIL: $*"; failed=1; }
ok() { echo "ok: $*"; }

for tool in desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/test.sh installs it: desktop-file-utils, appstream)"; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
if ! DESTDIR=$root "$cmake" --install "$build" --prefix /usr >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  echo "FAIL: cmake --install"
  exit 1
fi
usr=$root/usr
echo "Installed:"
(cd "$root" && find . -type f | sort | sed 's/^\./  /')

# The binary, and that it runs.
bin=$usr/bin/idlebell
if [ -x "$bin" ]; then
  out=$(QT_QPA_PLATFORM=offscreen "$bin" --version 2>&1)
  if [ "$out" = "idlebell $version" ]; then ok "bin/idlebell --version: $out"; else fail "bin/idlebell --version printed '$out', not 'idlebell $version'"; fi
else
  fail "bin/idlebell is not installed"
fi

# The desktop module, and that the installed binary finds it (it runs the
# tray app until the timeout ends it: exit status 124).
module=$(find "$usr/lib" -name idlebell_desktop.so -path '*/idlebell/*' | head -n1)
if [ -n "$module" ]; then
  ok "desktop module ${module#"$root"}"
  mkdir -p "$tmp/home" "$tmp/run" && chmod 700 "$tmp/run"
  HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/run XDG_CONFIG_HOME=$tmp/home/.config XDG_STATE_HOME=$tmp/home/.state \
    DBUS_SESSION_BUS_ADDRESS=unix:path=$tmp/no-bus QT_QPA_PLATFORM=offscreen \
    timeout 3 "$bin" --config "$tmp/home/none.conf" >"$tmp/desktop.log" 2>&1
  status=$?
  if [ $status = 124 ] && ! grep -q "desktop module" "$tmp/desktop.log"; then
    ok "bin/idlebell loads the desktop module and runs"
  else
    cat "$tmp/desktop.log"
    fail "bin/idlebell in desktop mode exited with $status"
  fi
else
  fail "lib/.../idlebell/idlebell_desktop.so is not installed"
fi

# Desktop entry.
desktop=$usr/share/applications/$app_id.desktop
if [ -f "$desktop" ]; then
  if desktop-file-validate "$desktop"; then ok "desktop-file-validate $app_id.desktop"; else fail "desktop-file-validate $app_id.desktop"; fi
  grep -qx 'Exec=idlebell' "$desktop" || fail "$app_id.desktop: Exec is not 'idlebell'"
  grep -qx 'Icon=idlebell' "$desktop" || fail "$app_id.desktop: Icon is not 'idlebell'"
  grep -qx 'X-GNOME-UsesNotifications=true' "$desktop" || fail "$app_id.desktop: X-GNOME-UsesNotifications=true is missing"
else
  fail "share/applications/$app_id.desktop is not installed"
fi
# The autostart entry (installed only on request) must validate too, and start
# the same way as the entry the settings dialog writes.
if desktop-file-validate "$src/resources/idlebell-autostart.desktop"; then ok "desktop-file-validate idlebell-autostart.desktop"; else fail "desktop-file-validate resources/idlebell-autostart.desktop"; fi
grep -qx 'Exec=idlebell' "$src/resources/idlebell-autostart.desktop" || fail "idlebell-autostart.desktop: Exec is not 'idlebell'"

# With -DIDLEBELL_INSTALL_AUTOSTART=ON: the system-wide entry, named as the
# settings dialog's user entry (src/ui/Autostart.h) so that one overrides it.
while IFS= read -r entry; do
  if [ "$(basename "$entry")" != idlebell.desktop ]; then fail "autostart entry $entry is not named idlebell.desktop"; fi
  if desktop-file-validate "$entry"; then ok "desktop-file-validate ${entry#"$root"}"; else fail "desktop-file-validate ${entry#"$root"}"; fi
done < <(find "$root" -path '*/xdg/autostart/*' -type f)

# Icon: an SVG where the icon theme looks for Icon=idlebell.
icon=$usr/share/icons/hicolor/scalable/apps/idlebell.svg
if [ -f "$icon" ] && grep -q '<svg' "$icon"; then ok "icon hicolor/scalable/apps/idlebell.svg"; else fail "share/icons/hicolor/scalable/apps/idlebell.svg is missing or not SVG"; fi

# AppStream metadata: the file alone, then the tree (launchable desktop entry, icon).
metainfo=$usr/share/metainfo/$app_id.metainfo.xml
if [ -f "$metainfo" ]; then
  if appstreamcli validate --no-net --strict "$metainfo"; then ok "appstreamcli validate $app_id.metainfo.xml"; else fail "appstreamcli validate $app_id.metainfo.xml"; fi
  grep -q "<release version=\"$version\"" "$metainfo" || fail "$app_id.metainfo.xml has no <release> for version $version"
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
    || fail "$app_id.metainfo.xml: the launchable is not $app_id.desktop"
  if appstreamcli validate-tree --no-net --strict "$root"; then ok "appstreamcli validate-tree"; else fail "appstreamcli validate-tree"; fi
else
  fail "share/metainfo/$app_id.metainfo.xml is not installed"
fi

# Nothing else unexpected: translations are built in, nothing under share/idlebell.
if [ -d "$usr/share/idlebell" ]; then fail "share/idlebell exists: translations are meant to be built into the binary"; fi

[ $failed -eq 0 ] && echo "All packaging checks passed."
exit $failed
