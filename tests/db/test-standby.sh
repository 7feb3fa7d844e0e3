#!/bin/bash
# A standby with PostgreSQL's own streaming replication, on loopback ports
# in folders of its own: `server setup` on a primary (which makes the
# replication role and its hostssl line), then `server setup --standby`
# copies it with pg_basebackup and starts it. An order written on the
# primary is read on the standby; the jobs refuse to run there; once the
# standby is promoted, a coordinator writes an order to it over TLS.
# TAP output.
set -u
admin=${WX_ADMIN:?}
pgbin=${WX_PG_BINDIR:-$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)}
tmp=$(mktemp -d /tmp/wx-standby-XXXXXX)
chmod 755 "$tmp"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$tmp"; fi
port=$((20000 + ($$ + 4099) % 20000))
sport=$((port + 1))
cleanup() {
  for d in primary standby; do
    (cd / && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/$d" -m immediate -w stop >/dev/null 2>&1)
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/tap.sh"
cd /
noenv=(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGSSLMODE -u PGPASSWORD)
as_me() { "${as_pg[@]}" "${noenv[@]}" "$@"; }

echo "1..8"
as_me "$pgbin/initdb" -D "$tmp/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >/dev/null 2>&1 || { echo "Bail out! initdb failed"; exit 1; }
echo "local all all trust" > "$tmp/primary/pg_hba.conf"
as_me "$pgbin/pg_ctl" -D "$tmp/primary" -l "$tmp/primary.log" -w -s \
  -o "-p $port -k $tmp -c fsync=off -c listen_addresses=127.0.0.1" start || { cat "$tmp/primary.log"; exit 1; }
out=$(as_me "$admin" --db "host=$tmp port=$port dbname=postgres user=postgres" server setup \
      --name localhost --network 127.0.0.1/32 --listen 127.0.0.1 --cert-dir "$tmp/etc" --database shop 2>&1)
status=$?
[ $status = 0 ] || not_ok "setup of the primary" "exit $status: $out"
mode=$(stat -c %a "$tmp/etc/replication.password" 2>&1)
if grep -qF "Made the replication role weixiu_replication" <<<"$out" && [ "$mode" = 600 ] &&
   grep -Eq "^hostssl +replication +weixiu_replication +127.0.0.1/32 +scram-sha-256" "$tmp/primary/pg_hba.conf"; then
  ok "the primary's setup makes the replication role, its 0600 password and its hostssl line"
else not_ok "the primary's setup makes the replication role, its 0600 password and its hostssl line" \
  "mode $mode" "$out"; fi
as_me "$pgbin/pg_ctl" -D "$tmp/primary" -l "$tmp/primary.log" -m fast -w -s restart || { cat "$tmp/primary.log"; exit 1; }

pg() { as_me "$pgbin/psql" -XAtq -h "$tmp" -p "$1" -U postgres -d shop -c "$2" 2>&1; }
echo 'S3cret-li' | as_me "$admin" --db "host=$tmp port=$port dbname=shop user=postgres" \
  user add li --role coordinator --name 李前台 --password-stdin >/dev/null 2>&1
client() {  # the shop's PC: over TLS by name, verify-full against the shop's CA
  "${noenv[@]}" WEIXIU_CA="$tmp/etc/shop-ca.crt" PGPASSWORD=S3cret-li "$admin" \
    --db "host=localhost port=$1 dbname=shop user=li" "${@:2}"
}
order() {
  client "$1" order new --kind carry-in --unit 广州大学 --contact 李明 --phone 13812345678 --product 激光打印机 \
    --model "$2" --serial "$3" --fault 卡纸 2>&1
}
first=$(order "$port" "HP M1136" CN-0001); status=$?
[ $status = 0 ] || not_ok "an order on the primary" "exit $status: $first"

# The standby: the primary's CA, its CA key (to make the standby's own
# certificate) and the replication password, as the setup's step 4 says.
mkdir -p "$tmp/etc2"
cp "$tmp/etc/shop-ca.crt" "$tmp/etc/shop-ca.key" "$tmp/etc/replication.password" "$tmp/etc2/"
[ -z "${as_pg[*]}" ] || chown -R postgres "$tmp/etc2"
standby=(as_me "$admin" server setup --standby "host=localhost port=$port" --name localhost --name standby.shop.lan
         --network 127.0.0.1/32 --cert-dir "$tmp/etc2" --database shop --data-dir "$tmp/standby"
         --server-options "-p $sport -k $tmp -c fsync=off")
out=$("${standby[@]}" 2>&1); status=$?
if [ $status = 0 ]; then
  expect "setup --standby copies the primary and starts" "$out" "Copying the primary's data" \
    "Made the server certificate $tmp/etc2/server.crt for DNS:localhost,DNS:standby.shop.lan" \
    "is now a standby of host=localhost port=$port" "pg_ctl -D $tmp/standby promote"
else not_ok "setup --standby copies the primary and starts" "exit $status: $out"; fi
recovery=$(pg "$sport" "SELECT pg_is_in_recovery()")
sender=$(pg "$port" "SELECT usename || ' ' || state FROM pg_stat_replication")
if [ "$recovery" = t ] && [ "$sender" = "weixiu_replication streaming" ] && [ -f "$tmp/standby/standby.signal" ] &&
   grep -q "primary_conninfo = .*user=weixiu_replication .*sslmode=''verify-full''" \
     "$tmp/standby/postgresql.auto.conf"; then
  ok "the standby streams from the primary as the replication role, over verify-full"
else not_ok "the standby streams from the primary as the replication role, over verify-full" \
  "recovery: $recovery" "sender: $sender" "$(grep primary_conninfo "$tmp/standby/postgresql.auto.conf")"; fi

second=$(order "$port" "Canon iR2520" CN-0002)
lsn=$(pg "$port" "SELECT pg_current_wal_lsn()")
for _ in $(seq 100); do
  [ "$(pg "$sport" "SELECT pg_last_wal_replay_lsn() >= '$lsn'")" = t ] && break
  sleep 0.1
done
seen=$(pg "$sport" "SELECT string_agg(number || ' ' || model, ', ' ORDER BY number) FROM service_orders")
shown=$(client "$sport" order show "$second" 2>&1)
if [ "$seen" = "$first HP M1136, $second Canon iR2520" ] && grep -qF "Order $second (Carry-in), version 1" <<<"$shown"; then
  ok "orders written on the primary are read on the standby, by the client too"
else not_ok "orders written on the primary are read on the standby, by the client too" "$seen" "$shown"; fi

out=$(as_me "$admin" --db "host=$tmp port=$sport dbname=shop user=postgres" jobs run --once \
      --backup-dir "$tmp/backups" 2>&1); status=$?
if [ $status = 1 ] && [ "$out" = "weixiu-admin: This server is a standby: the jobs run on the primary only." ] &&
   [ ! -e "$tmp/backups" ]; then
  ok "the jobs refuse to run on the standby"
else not_ok "the jobs refuse to run on the standby" "exit $status: $out"; fi
out=$(order "$sport" "Ricoh MP2014" CN-0003); status=$?
if [ $status = 1 ] && [ "$out" = "weixiu-admin: This server is a standby and only answers reads: log in to the primary, or have the administrator promote this one." ]; then
  ok "the standby refuses a write with a sentence"
else not_ok "the standby refuses a write with a sentence" "exit $status: $out"; fi

out=$("${standby[@]}" 2>&1); status=$?
[ $status = 0 ] && grep -qF "is already a standby; nothing done" <<<"$out" &&
  ok "setup --standby again changes nothing" || not_ok "setup --standby again changes nothing" "exit $status: $out"

# The primary is lost: promote the standby, and the PCs log in to it.
as_me "$pgbin/pg_ctl" -D "$tmp/primary" -m immediate -w -s stop
as_me "$pgbin/pg_ctl" -D "$tmp/standby" -w -s promote >/dev/null 2>&1
third=$(order "$sport" "Ricoh MP2014" CN-0003); status=$?
count=$(pg "$sport" "SELECT count(*) FROM service_orders")
if [ $status = 0 ] && [ "$(pg "$sport" "SELECT pg_is_in_recovery()")" = f ] && [ "$count" = 3 ]; then
  ok "after promotion the client writes to the former standby ($third)"
else not_ok "after promotion the client writes to the former standby" "exit $status: $third" "count: $count"; fi
exit $failed
