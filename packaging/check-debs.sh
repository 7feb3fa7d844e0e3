#!/bin/bash
# Builds the .debs (packaging/build-debs.sh) and checks them as an install
# would: their file lists and dependencies (no compiler, no PostgreSQL
# server, no CUPS server in the client's Depends), then unpacks both into a
# fresh root and runs what they hold: --version, appstreamcli validate,
# desktop-file-validate, the systemd units (systemd-analyze verify when
# available), lintian when installed.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d /tmp/wx-debs-XXXXXX)
root=$(mktemp -d /tmp/wx-debroot-XXXXXX)
trap 'rm -rf "$out" "$root"' EXIT
fail() { echo "packaging: $*" >&2; exit 1; }

"$src/packaging/build-debs.sh" "$out" "${WX_DEB_BUILD_DIR:-$src/_build-deb}" >/dev/null
client=$(ls "$out"/weixiu_*.deb) server=$(ls "$out"/weixiu-server_*.deb)
deps=$(dpkg-deb -f "$client" Depends)
if grep -Eq '(^|, )(gcc|cpp|libc6-dev|meson|postgresql-15|cups|cups-daemon)( |,|$)' <<<"$deps"; then
  fail "the client depends on build tools or servers: $deps"
fi
grep -q 'libpq5' <<<"$deps" || fail "the client does not depend on libpq5: $deps"
grep -q 'postgresql-15' <<<"$(dpkg-deb -f "$client" Recommends)" || fail "postgresql-15 is not recommended"
grep -q 'postgresql-15' <<<"$(dpkg-deb -f "$server" Depends)" || fail "the server package does not depend on postgresql-15"
dpkg-deb -c "$server" | grep -q 'lib/systemd/system/weixiu-jobs.timer' || fail "no timer in weixiu-server"
dpkg-deb -I "$server" postinst | grep -q 'enable --now weixiu-jobs.timer' || fail "the timer is not enabled on install"

dpkg-deb -x "$client" "$root"
dpkg-deb -x "$server" "$root"
"$root/usr/bin/weixiu-admin" --version | grep -qx 'weixiu-admin [0-9.]*' || fail "weixiu-admin --version"
GSETTINGS_SCHEMA_DIR=$root/usr/share/glib-2.0/schemas "$root/usr/bin/weixiu" --version | grep -qx 'weixiu [0-9.]*' ||
  fail "weixiu --version"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.weixiu.Weixiu.metainfo.xml" >/dev/null ||
  fail "appstreamcli validate"
desktop-file-validate "$root/usr/share/applications/org.weixiu.Weixiu.desktop" || fail "desktop-file-validate"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify --root="$root" "$root/lib/systemd/system/weixiu-jobs.timer" >/dev/null 2>&1 ||
    echo "packaging: note: systemd-analyze could not verify the units here" >&2
fi
if command -v lintian >/dev/null; then
  lintian --fail-on error "$client" "$server" || fail "lintian found errors"
fi
echo "packaging: weixiu and weixiu-server built, unpacked and checked"
