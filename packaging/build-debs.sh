#!/bin/bash
# Builds the two Debian packages from this checkout with dpkg-deb:
#   weixiu         the client and weixiu-admin; the runtime libraries only
#                  (Recommends postgresql-15 for the single-PC mode)
#   weixiu-server  the systemd units of the periodic jobs, the timer enabled
#                  on install; depends on postgresql-15 and weixiu
# Usage: packaging/build-debs.sh OUTDIR [BUILDDIR]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
build=${2:-$src/_build-deb}
version=$(sed -n "s/^  version: '\(.*\)',$/\1/p" "$src/meson.build")
arch=$(dpkg --print-architecture)
work=$(mktemp -d /tmp/wx-deb-XXXXXX)
trap 'rm -rf "$work"' EXIT

[ -f "$build/build.ninja" ] ||
  meson setup "$build" "$src" --prefix=/usr --buildtype=release -Dtests=false >/dev/null
ninja -C "$build" >/dev/null
DESTDIR="$work/root" meson install -C "$build" --no-rebuild >/dev/null

client=$work/weixiu server=$work/weixiu-server
mkdir -p "$client/DEBIAN" "$server/DEBIAN" "$server/lib/systemd/system"
cp -a "$work/root/." "$client/"
mv "$client/usr/lib/systemd/system/"weixiu-jobs.* "$server/lib/systemd/system/"
rm -rf "$client/usr/lib/systemd"
rmdir "$client/usr/lib" 2>/dev/null || true
# Debian keeps licences as copyright files and man pages compressed.
mkdir -p "$client/usr/share/doc/weixiu" "$server/usr/share/doc/weixiu-server"
for d in "$client/usr/share/doc/weixiu" "$server/usr/share/doc/weixiu-server"; do
  { echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: weixiu"
    echo; echo "Files: *"; echo "Copyright: 2026 The Weixiu developers"; echo "License: GPL-3+"
    echo " On Debian systems the full text is in /usr/share/common-licenses/GPL-3."; } > "$d/copyright"
done
# A changelog entry for this build (dated by the last commit when there is one).
when=$(git -C "$src" log -1 --format=%aD 2>/dev/null || date -R)
for p in weixiu weixiu-server; do
  d=$work/$p/usr/share/doc/$p
  printf '%s (%s-1) bookworm; urgency=medium\n\n  * Built from the Weixiu source by packaging/build-debs.sh.\n\n -- %s  %s\n' \
    "$p" "$version" "The Weixiu developers <weixiu@example.org>" "$when" | gzip -9n > "$d/changelog.Debian.gz"
done
gzip -9n "$client"/usr/share/man/man1/*.1
strip --strip-unneeded "$client/usr/bin/weixiu" "$client/usr/bin/weixiu-admin"

# The client's dependencies: the packages of the shared libraries it links.
depends=$(for b in "$client/usr/bin/weixiu" "$client/usr/bin/weixiu-admin"; do
            objdump -p "$b" | awk '/NEEDED/{print $2}'
          done | sort -u | while read -r soname; do
            lib=$(ldconfig -p | awk -v s="$soname" '$1 == s {print $NF; exit}')
            dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null
          done | cut -d: -f1 | sort -u | grep -v '^libc6$' | paste -sd, | sed 's/,/, /g')
size() { du -sk --exclude=DEBIAN "$1" | cut -f1; }

cat > "$client/DEBIAN/control" <<CONTROL
Package: weixiu
Version: $version-1
Architecture: $arch
Maintainer: The Weixiu developers <weixiu@example.org>
Installed-Size: $(size "$client")
Depends: libc6, $depends, postgresql-client-15, fonts-arphic-uming | fonts-wqy-zenhei
Recommends: postgresql-15
Section: misc
Priority: optional
Homepage: https://github.com/weixiu/weixiu
Description: service orders of an office-equipment repair center
 Weixiu (维修) runs a repair center: the front desk takes machines in and
 prints the service form, engineers work from their bench and on site, and
 the supervisor reviews, calls customers back and reads the weekly report.
 This package holds the desktop client and weixiu-admin.
CONTROL

cat > "$server/DEBIAN/control" <<CONTROL
Package: weixiu-server
Version: $version-1
Architecture: all
Maintainer: The Weixiu developers <weixiu@example.org>
Installed-Size: $(size "$server")
Depends: weixiu (>= $version-1), postgresql-15, openssl, systemd
Section: misc
Priority: optional
Homepage: https://github.com/weixiu/weixiu
Description: shop server of Weixiu: the periodic jobs' timer
 The systemd timer that runs "weixiu-admin jobs run --once" every 5 minutes
 on the shop's PostgreSQL server: escalations, callback lists, the weekly
 and monthly reports archived in the database, and the nightly backup into
 /var/backups/weixiu (7 daily, 4 weekly, 12 monthly).
CONTROL

cat > "$server/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  install -d -m 0700 -o postgres -g postgres /var/backups/weixiu
  mkdir -p /etc/weixiu
  deb-systemd-helper enable weixiu-jobs.timer >/dev/null || true
  if [ -d /run/systemd/system ]; then
    deb-systemd-invoke start weixiu-jobs.timer >/dev/null || true
  fi
fi
SCRIPT
cat > "$server/DEBIAN/prerm" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
  deb-systemd-invoke stop weixiu-jobs.timer >/dev/null || true
fi
SCRIPT
cat > "$server/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
set -e
# The backups in /var/backups/weixiu stay; /etc/weixiu too while it holds
# the shop's certificates.
if command -v deb-systemd-helper >/dev/null; then
  if [ "$1" = remove ]; then
    deb-systemd-helper mask weixiu-jobs.timer >/dev/null || true
  fi
  if [ "$1" = purge ]; then
    deb-systemd-helper purge weixiu-jobs.timer >/dev/null || true
    deb-systemd-helper unmask weixiu-jobs.timer >/dev/null || true
  fi
fi
if [ "$1" = purge ]; then
  rmdir --ignore-fail-on-non-empty /etc/weixiu 2>/dev/null || true
fi
SCRIPT
chmod 0755 "$server/DEBIAN/postinst" "$server/DEBIAN/prerm" "$server/DEBIAN/postrm"

dpkg-deb --root-owner-group -Zxz --build "$client" "$out/weixiu_${version}-1_${arch}.deb" >/dev/null
dpkg-deb --root-owner-group -Zxz --build "$server" "$out/weixiu-server_${version}-1_all.deb" >/dev/null
ls "$out"/weixiu*_"$version"-1_*.deb
