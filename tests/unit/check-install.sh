#!/bin/bash
# `meson install` into a scratch root installs software a desktop and a
# package can use: both programs answer --version, the AppStream metainfo
# and the .desktop file validate, the icons, man pages, licence and systemd
# units are where they belong. TAP output.
set -u
build=$1 src=$2
root=$(mktemp -d /tmp/wx-install-XXXXXX)
trap 'rm -rf "$root"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }
check() { local what=$1; shift; local out; if out=$("$@" 2>&1); then ok "$what"; else not_ok "$what" "$out"; fi; }

echo "1..8"
if ! out=$(meson install -C "$build" --no-rebuild --destdir "$root" 2>&1); then
  echo "Bail out! meson install failed"; printf '# %s\n' "$out"; exit 1
fi
prefix=$(meson introspect "$build" --buildoptions | python3 -c \
  'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
p=$root$prefix
check "weixiu-admin --version" bash -c "'$p/bin/weixiu-admin' --version | grep -qx 'weixiu-admin [0-9.]*'"
check "weixiu --version" bash -c "GSETTINGS_SCHEMA_DIR='$p/share/glib-2.0/schemas' '$p/bin/weixiu' --version | grep -qx 'weixiu [0-9.]*'"
check "appstreamcli validate" appstreamcli validate --no-net "$p/share/metainfo/org.weixiu.Weixiu.metainfo.xml"
check "desktop-file-validate" desktop-file-validate "$p/share/applications/org.weixiu.Weixiu.desktop"
check "icons" test -s "$p/share/icons/hicolor/scalable/apps/org.weixiu.Weixiu.svg" -a \
  -s "$p/share/icons/hicolor/symbolic/apps/org.weixiu.Weixiu-symbolic.svg"
check "man pages" bash -c "man -l '$p/share/man/man1/weixiu.1' >/dev/null && man -l '$p/share/man/man1/weixiu-admin.1' >/dev/null"
check "licence" cmp -s "$p/share/licenses/weixiu/LICENSE" "$src/LICENSE"
check "systemd units" bash -c "test -s '$p/lib/systemd/system/weixiu-jobs.timer' -a -s '$p/lib/systemd/system/weixiu-jobs.service'"
exit $failed
