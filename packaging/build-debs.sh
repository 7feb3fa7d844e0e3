#!/bin/bash
# Builds the two Debian packages from this checkout with
# dpkg-buildpackage -us -uc -b and the debian/ folder:
#   weixiu         the client and weixiu-admin; the runtime libraries only
#                  (Recommends postgresql-15 for the single-PC mode)
#   weixiu-server  the systemd units of the periodic jobs, the timer enabled
#                  on install; depends on postgresql-15 and weixiu
# The build runs in a copy of the source (without _build* and .git), since
# dpkg-buildpackage writes its build tree into debian/ and the packages
# into the parent folder. Needs debhelper (apt-get install debhelper).
# Usage: packaging/build-debs.sh OUTDIR
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
work=$(mktemp -d /tmp/wx-deb-XXXXXX)
trap 'rm -rf "$work"' EXIT

mkdir "$work/weixiu"
tar -C "$src" --exclude='./_build*' --exclude=./build --exclude=./.git --exclude='./obj-*' \
  --exclude=./debian/tmp --exclude=./debian/.debhelper -cf - . | tar -C "$work/weixiu" -xf -
(cd "$work/weixiu" &&
  DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=2 noddebs}" \
    dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1) ||
  { tail -n 40 "$work/build.log" >&2; echo "packaging: dpkg-buildpackage failed" >&2; exit 1; }
cp "$work"/weixiu*.deb "$out/"
ls "$out"/weixiu*.deb
