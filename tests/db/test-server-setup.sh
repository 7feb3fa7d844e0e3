#!/bin/bash
# `weixiu-admin server setup` on a real cluster of its own (as Debian's
# postgresql-15 has it: local connections by peer/trust, no network lines):
# it makes the shop's CA and the server certificate, turns TLS on, writes
# the hostssl lines, creates and migrates the database and says what to do
# next; after the restart an admin added with `user add` connects over TLS
# by the server's name with verify-full, plain text is refused, and a
# second setup changes nothing. TAP output.
set -u
admin=${WX_ADMIN:?}
pgbin=${WX_PG_BINDIR:-$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)}
tmp=$(mktemp -d /tmp/wx-setup-XXXXXX)
chmod 755 "$tmp"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$tmp"; fi
port=$((20000 + ($$ + 7919) % 20000))
cleanup() {
  (cd / && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1)
  rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/tap.sh"
cd /
start() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -s \
    -o "-p $port -k $tmp -c fsync=off" start || { cat "$tmp/server.log"; exit 1; }
}
restart() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m fast -w -s stop; start; }
noenv=(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGSSLMODE -u PGPASSWORD)

echo "1..7"
"${as_pg[@]}" "$pgbin/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >/dev/null 2>&1 || { echo "Bail out! initdb failed"; exit 1; }
# Debian's default: the superuser over the local socket, nothing from the network.
echo "local all all trust" > "$tmp/data/pg_hba.conf"
start
setup=("${noenv[@]}" "$admin" --db "host=$tmp port=$port dbname=postgres user=postgres" server setup
       --name localhost --network 127.0.0.1/32 --listen 127.0.0.1 --cert-dir "$tmp/etc" --database shop)

out=$("${as_pg[@]}" "${setup[@]}" 2>&1); status=$?
[ $status = 0 ] || not_ok "setup" "exit $status: $out"
expect "setup makes the CA, the certificate, the lines and the database" "$out" \
  "Made the shop's CA: $tmp/etc/shop-ca.crt" "Made the server certificate $tmp/etc/server.crt for DNS:localhost" \
  "Wrote the shop's lines" "Created the database shop." "schema version" \
  "Copy $tmp/etc/shop-ca.crt to each PC" "user add NAME --role admin" "must restart"
key_mode=$(stat -c %a "$tmp/etc/server.key"); ca_mode=$(stat -c %a "$tmp/etc/shop-ca.key")
if [ "$key_mode" = 600 ] && [ "$ca_mode" = 600 ] && grep -qx "PGDATABASE=shop" "$tmp/etc/jobs.env"; then
  ok "the keys are 0600; the jobs' timer is told the database"
else not_ok "the keys are 0600; the jobs' timer is told the database" "server.key $key_mode, shop-ca.key $ca_mode"; fi

restart
out=$(echo 'S3cret-boss' | "${noenv[@]}" "$admin" --db "host=$tmp port=$port dbname=shop user=postgres" \
      user add boss --role admin --name 王经理 --password-stdin 2>&1)
tls=("${noenv[@]}" WEIXIU_CA="$tmp/etc/shop-ca.crt" PGPASSWORD=S3cret-boss "$admin")
out=$("${tls[@]}" --db "host=localhost port=$port dbname=shop user=boss" status 2>&1); status=$?
if [ $status = 0 ]; then expect "the admin connects over TLS by the server's name (verify-full)" "$out" "Schema version:"
else not_ok "the admin connects over TLS by the server's name (verify-full)" "exit $status: $out"; fi
ssl=$("${noenv[@]}" PGPASSWORD=S3cret-boss PGSSLROOTCERT="$tmp/etc/shop-ca.crt" "$pgbin/psql" -XAtq \
      "host=localhost port=$port dbname=shop user=boss sslmode=verify-full" \
      -c "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()" 2>&1)
[ "$ssl" = t ] && ok "the connection is encrypted" || not_ok "the connection is encrypted" "$ssl"
out=$("${tls[@]}" --db "host=localhost port=$port dbname=shop user=boss sslmode=disable" status 2>&1); status=$?
if [ $status != 0 ]; then ok "plain text is refused"; else not_ok "plain text is refused" "$out"; fi

fingerprint() { openssl x509 -in "$tmp/etc/$1" -noout -fingerprint -sha256; }
before="$(fingerprint shop-ca.crt) $(fingerprint server.crt) $(md5sum < "$tmp/data/pg_hba.conf")"
out=$("${as_pg[@]}" "${setup[@]}" 2>&1); status=$?
after="$(fingerprint shop-ca.crt) $(fingerprint server.crt) $(md5sum < "$tmp/data/pg_hba.conf")"
[ $status = 0 ] || not_ok "setup again" "exit $status: $out"
expect "a second setup keeps the certificates, the lines and the database" "$out" \
  "already carries the names; kept" "already has the shop's lines" "(0 migrations applied now)"
blocks=$(grep -c "weixiu-admin server setup: begin" "$tmp/data/pg_hba.conf")
if [ "$before" = "$after" ] && [ "$blocks" = 1 ] && ! grep -q "must restart" <<<"$out"; then
  ok "nothing changed the second time"
else not_ok "nothing changed the second time" "$before" "$after" "blocks: $blocks" "$out"; fi
exit $failed
