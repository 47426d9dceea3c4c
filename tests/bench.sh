#!/usr/bin/env bash
# bench.sh CERTGATE - time certgate against the alternative a user runs by
# hand (the openssl CLI: verify the chain, check the host, compare the
# key's and certificate's public keys) on the same sets, in one run, and
# print the ratio.  Wall-clock medians over N rounds; no assertions.
set -euo pipefail
cg=${1:?usage: bench.sh path/to/certgate}
rounds=${ROUNDS:-200}
now='2026-12-01T00:00:00Z'
attime=1796083200
cd "$(dirname "$0")/.."

run_certgate() {
	"$cg" --now "$now" -e "$2" "$1/server.crt" "$1/server.key" \
	    "$1/server-ca.crt" >/dev/null || true
}

run_openssl() {
	openssl verify -attime "$attime" -CAfile "$1/server-ca.crt" \
	    "$1/server.crt" >/dev/null 2>&1 || true
	openssl x509 -in "$1/server.crt" -noout -checkhost "$2" >/dev/null 2>&1 || true
	a=$(openssl x509 -in "$1/server.crt" -noout -pubkey 2>/dev/null) || true
	b=$(openssl pkey -in "$1/server.key" -pubout 2>/dev/null) || true
	[ "$a" = "$b" ] || true
}

# median of the per-round nanoseconds on stdin
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() {
	local fn=$1 set=$2 host=$3 i t0 t1
	for ((i = 0; i < rounds; i++)); do
		t0=$(date +%s%N)
		"$fn" "$set" "$host"
		t1=$(date +%s%N)
		echo $((t1 - t0))
	done | median
}

printf '%-22s %14s %14s %8s\n' set "certgate (us)" "openssl (us)" ratio
for spec in guide-mysql:rm-bp1abc123.mysql.rds.aliyuncs.com \
    good-san:rm-bp1abc123.mysql.rds.aliyuncs.com \
    good-ec:rm-bp1abc123.mysql.rds.aliyuncs.com \
    key-mismatch:rm-bp1abc123.mysql.rds.aliyuncs.com; do
	set=fixtures/${spec%%:*}
	host=${spec#*:}
	c=$(measure run_certgate "$set" "$host")
	o=$(measure run_openssl "$set" "$host")
	awk -v s="${spec%%:*}" -v c="$c" -v o="$o" 'BEGIN {
	    printf "%-22s %14.0f %14.0f %7.1fx\n", s, c / 1000, o / 1000, o / c }'
done
echo "(median of $rounds rounds; ratio = openssl / certgate: above 1 means certgate is faster)"
