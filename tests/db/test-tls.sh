#!/bin/bash
# TLS with a real PostgreSQL: a test CA signs a server certificate for
# "localhost"; weixiu-admin connects by that name with verify-full (its
# default for a network host), and refuses, each with its sentence, a
# certificate of another CA, a name the certificate does not carry, and a
# server that offers no TLS. TAP output.
set -u
admin=${WX_ADMIN:?}
pgbin=${WX_PG_BINDIR:-$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)}
tmp=$(mktemp -d /tmp/wx-tls-XXXXXX)
chmod 755 "$tmp"
run_pg=()
if [ "$(id -u)" = 0 ]; then run_pg=(runuser -u postgres --); fi
port=$((20000 + $$ % 20000))
n=0 failed=0
cleanup() {
  (cd / && "${run_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1)
  rm -rf "$tmp"
}
trap cleanup EXIT
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

echo "1..5"
cd "$tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Test shop CA" -keyout ca.key -out ca.crt 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Another CA" -keyout other.key -out other.crt 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' > ext.cnf
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile ext.cnf -out server.crt 2>/dev/null
chmod 600 server.key
[ "$(id -u)" = 0 ] && chown postgres server.key server.crt && chown postgres "$tmp"

start() {
  (cd / && "${run_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -s \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off $1" start) || { cat "$tmp/server.log"; exit 1; }
}
(cd / && "${run_pg[@]}" "$pgbin/initdb" -D "$tmp/data" -U weixiu_test -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >/dev/null 2>&1) || { echo "Bail out! initdb failed"; exit 1; }
start "-c ssl=on -c ssl_cert_file=$tmp/server.crt -c ssl_key_file=$tmp/server.key"

check() {  # name, expected text, CA file, host, then the expected exit status
  local out
  out=$(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGSSLMODE WEIXIU_CA="$3" \
        "$admin" --db "host=$4 port=$port dbname=postgres user=weixiu_test" status 2>&1)
  local status=$?
  if [ "$status" = "$5" ] && grep -qF "$2" <<<"$out"; then ok "$1"; else not_ok "$1" "exit $status: $out"; fi
}
check "verify-full by the certificate's name" "Schema version: 0" "$tmp/ca.crt" localhost 0
check "a certificate of another CA" "is not signed by the shop's CA" "$tmp/other.crt" localhost 1
check "a name the certificate does not carry" "certificate is for another name" "$tmp/ca.crt" 127.0.0.1 1
check "no CA certificate on the PC" "does not have the shop's CA certificate" "$tmp/missing.crt" localhost 1
(cd / && "${run_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m fast -w -s stop)
start "-c ssl=off"
check "a plain-text server" "does not offer an encrypted connection" "$tmp/ca.crt" localhost 1
exit $failed
