#!/bin/bash
# Builds the .debs (packaging/build-debs.sh: dpkg-buildpackage with the
# debian/ folder; as root it installs debhelper first when it is missing)
# and checks them as an install
# would: their file lists and dependencies (no compiler, no PostgreSQL
# server, no CUPS server in the client's Depends), then unpacks both into a
# fresh root and runs what they hold: --version, appstreamcli validate,
# desktop-file-validate, the systemd units (systemd-analyze verify when
# available), lintian (no errors); as root, installs both with apt-get.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d /tmp/wx-debs-XXXXXX)
root=$(mktemp -d /tmp/wx-debroot-XXXXXX)
trap 'rm -rf "$out" "$root"' EXIT
fail() { echo "packaging: $*" >&2; exit 1; }

# debhelper is needed only here, so ./run does not install it on every PC.
if ! dpkg-query -W -f='${Status}' debhelper 2>/dev/null | grep -q 'install ok installed'; then
  [ "$(id -u)" = 0 ] || fail "dpkg-buildpackage needs debhelper: apt-get install debhelper"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debhelper >/dev/null ||
    fail "apt-get install debhelper"
fi
"$src/packaging/build-debs.sh" "$out" >/dev/null
client=$(ls "$out"/weixiu_*.deb) server=$(ls "$out"/weixiu-server_*.deb)
version=$(sed -n "s/^  version: '\(.*\)',$/\1/p" "$src/meson.build")
[ "$(dpkg-deb -f "$client" Version)" = "$version" ] ||
  fail "debian/changelog says $(dpkg-deb -f "$client" Version), meson.build $version"
deps=$(dpkg-deb -f "$client" Depends)
if grep -Eq '(^|, )(gcc|cpp|libc6-dev|meson|postgresql-15|cups|cups-daemon)( |,|$)' <<<"$deps"; then
  fail "the client depends on build tools or servers: $deps"
fi
grep -q 'libpq5' <<<"$deps" || fail "the client does not depend on libpq5: $deps"
grep -q 'postgresql-15' <<<"$(dpkg-deb -f "$client" Recommends)" || fail "postgresql-15 is not recommended"
grep -q 'postgresql-15' <<<"$(dpkg-deb -f "$server" Depends)" || fail "the server package does not depend on postgresql-15"
dpkg-deb -c "$server" | grep -q 'lib/systemd/system/weixiu-jobs.timer' || fail "no timer in weixiu-server"
dpkg-deb -I "$server" postinst | grep -q "deb-systemd-helper enable 'weixiu-jobs.timer'" ||
  fail "the timer is not enabled on install"

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
else
  echo "packaging: note: lintian is not installed (./run installs it)" >&2
fi
# On a root machine (CI's is a throwaway one), the real install: apt
# installs both with their dependencies and runs the maintainer scripts,
# the installed binaries run, the timer is enabled and the backup folder
# private; then both are purged again (unless they were installed before).
# WX_DEB_INSTALL=0 skips it.
if [ "$(id -u)" = 0 ] && [ "${WX_DEB_INSTALL:-1}" = 1 ]; then
  before=$(dpkg-query -W -f='${Status}' weixiu 2>/dev/null || true)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$client" "$server" \
    >"$out/install.log" 2>&1 || { cat "$out/install.log" >&2; fail "apt-get install of the two .debs"; }
  /usr/bin/weixiu-admin --version | grep -qx 'weixiu-admin [0-9.]*' || fail "the installed weixiu-admin --version"
  /usr/bin/weixiu --version | grep -qx 'weixiu [0-9.]*' || fail "the installed weixiu --version"
  [ "$(systemctl is-enabled weixiu-jobs.timer 2>/dev/null)" = enabled ] || fail "weixiu-jobs.timer is not enabled"
  [ "$(stat -c '%a %U' /var/backups/weixiu)" = "700 postgres" ] || fail "/var/backups/weixiu is not 0700 postgres"
  echo "packaging: installed: $(/usr/bin/weixiu --version), $(/usr/bin/weixiu-admin --version), timer enabled"
  if [[ $before != *"ok installed"* ]]; then
    dpkg --purge weixiu-server weixiu >/dev/null || fail "dpkg --purge"
    [ ! -e /usr/bin/weixiu ] || fail "/usr/bin/weixiu is left after the purge"
  fi
fi
echo "packaging: weixiu and weixiu-server built, unpacked and checked"
