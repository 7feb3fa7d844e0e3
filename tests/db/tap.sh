# TAP helpers for the shell tests of the db suite (sourced): `ok NAME`,
# `not_ok NAME [LINE…]` and `expect NAME OUTPUT TEXT…` (ok when the output
# holds every text). $n counts the tests, $failed is 1 after a failure.
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
expect() {
  local name=$1 out=$2 t; shift 2
  for t in "$@"; do grep -qF -- "$t" <<<"$out" || { not_ok "$name" "missing: $t" "$out"; return; }; done
  ok "$name"
}
