#!/usr/bin/env bash
# shellcheck disable=SC2317 # on_signal is only reached through trap
# run.sh CERTGATE [SET...]
#
# `make interop`: for every set in sets.tsv (or the SETs given), run probe.sh
# (what the real servers and clients do) and `certgate -f json` (what certgate
# predicts) on fixtures/SET, then compare.py prints the agreement table, every
# disagreement and the totals. Exit status: 0 when everything agrees, 1 on any
# disagreement or harness error, 2 on bad usage.
#
# Sets run INTEROP_JOBS at a time (default 2: each probe.sh has its own temp
# dir, ports and mount namespace). Everything a set produced is kept under
# INTEROP_OUT/sets/SET/ (default build/interop/): probe.tsv, probe.err,
# certgate.json, certgate.err, the exit statuses and the time. The report is
# also written to INTEROP_OUT/table.txt. See README.md, "make interop".
#
# Environment:
#   INTEROP_OUT          output dir (default: build/interop under the repo)
#   INTEROP_JOBS         sets probed at the same time (default 2)
#   INTEROP_SET_TIMEOUT  seconds one set's probe.sh may take (default 180)
#   INTEROP_TIMEOUT      no new set is started after this many seconds (default 900)
#   INTEROP_FIXTURES     where the set directories are (default: fixtures/)
#   PROBE_*              passed on to probe.sh
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SETS_TSV=$HERE/sets.tsv
OUT=${INTEROP_OUT:-$ROOT/build/interop}
JOBS=${INTEROP_JOBS:-2}
SET_TIMEOUT=${INTEROP_SET_TIMEOUT:-180}
RUN_TIMEOUT=${INTEROP_TIMEOUT:-900}
FIXTURES=${INTEROP_FIXTURES:-$ROOT/fixtures}
PYTHON=${PYTHON:-python3}

die() {
	printf 'interop: %s\n' "$*" >&2
	exit 2
}

[[ $# -ge 1 ]] || die "usage: run.sh CERTGATE [SET...]"
CERTGATE=$1
shift
[[ $CERTGATE == */* ]] || CERTGATE=./$CERTGATE
[[ -x $CERTGATE && -f $CERTGATE ]] || die "certgate binary not found or not executable: $CERTGATE"
CERTGATE=$(cd "$(dirname "$CERTGATE")" && pwd)/$(basename "$CERTGATE")
[[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "INTEROP_JOBS must be a positive number"
command -v "$PYTHON" >/dev/null || die "python3 not found"
command -v timeout >/dev/null || die "timeout not found (coreutils)"

# The clients probe.sh measures; the others certgate predicts are "model only".
# pgjdbc needs a JDK and Debian's pgjdbc jar; without them it is left out, loudly.
CLIENTS=${PROBE_CLIENTS:-libpq mariadb python go pgjdbc}
if [[ " $CLIENTS " == *" pgjdbc "* ]] && ! { command -v java && command -v javac &&
	[[ -r ${PGJDBC_JAR:-/usr/share/java/postgresql.jar} ]]; } >/dev/null; then
	printf 'interop: WARNING: pgjdbc not measured (apt-get install default-jdk-headless libpostgresql-jdbc-java); it is model only in this run\n' >&2
	CLIENTS=${CLIENTS//pgjdbc/}
fi
read -r -a _c <<<"$CLIENTS" # squeeze the spaces
CLIENTS="${_c[*]}"
export PROBE_CLIENTS=$CLIENTS

# sets.tsv -> SET_EPS[set]="ep1,ep2", ORDER=(sets in file order)
declare -A SET_EPS=()
ORDER=()
while IFS=$'\t' read -r name eps _ || [[ -n $name ]]; do
	[[ -z ${name//[[:space:]]/} || $name == \#* ]] && continue
	SET_EPS[$name]=$eps
	ORDER+=("$name")
done <"$SETS_TSV"

if [[ $# -gt 0 ]]; then
	CHOSEN=("$@")
	for s in "${CHOSEN[@]}"; do
		[[ -n ${SET_EPS[$s]+x} ]] || die "set $s is not in $SETS_TSV"
	done
else
	CHOSEN=("${ORDER[@]}")
fi

# Every fixture set the servers could load must be listed (checked only for full runs).
UNLISTED=()
if [[ $# -eq 0 ]]; then
	for d in "$FIXTURES"/*/; do
		d=${d%/}
		s=${d##*/}
		[[ -f $d/server.crt && -f $d/server.key && -f $d/server-ca.crt ]] || continue
		[[ -n ${SET_EPS[$s]+x} ]] || UNLISTED+=("$s")
	done
fi

if [[ $(id -u) != 0 ]]; then
	printf 'interop: not root: probe.sh runs the servers as %s and uses an unprivileged user namespace (see README.md)\n' \
		"$(id -un)" >&2
fi

# The comparer's own unit tests first (no servers, a fraction of a second).
"$PYTHON" "$HERE/test_compare.py" >/dev/null 2>&1 ||
	die "compare.py fails its unit tests: run python3 $HERE/test_compare.py"

mkdir -p "$OUT" || die "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)
for s in "${CHOSEN[@]}"; do rm -rf "${OUT:?}/sets/$s"; done
rm -f "$OUT/table.txt" "$OUT/abort"

now() { echo "${EPOCHREALTIME/[.,]/}"; } # microseconds
T0=$(now)
secs_since() { # start_us -> seconds with one decimal
	local d=$(($(now) - $1))
	printf '%d.%d' $((d / 1000000)) $((d % 1000000 / 100000))
}

# run_set INDEX SET: runs in the background, writes OUT/sets/SET/*
run_set() {
	local i=$1 set=$2 d=$OUT/sets/$2 sd=$FIXTURES/$2 start ep prc crc try
	local -a eps args=()
	start=$(now)
	mkdir -p "$d"
	IFS=, read -r -a eps <<<"${SET_EPS[$set]}"
	if [[ ! -f $sd/server.crt || ! -f $sd/server.key || ! -f $sd/server-ca.crt ]]; then
		echo "$sd does not hold server.crt, server.key and server-ca.crt" >"$d/skipped"
		printf 'interop: [%2d/%d] %-28s missing set directory\n' "$i" "${#CHOSEN[@]}" "$set"
		return
	fi
	for ep in "${eps[@]}"; do args+=(-e "$ep"); done
	# Prediction at the current time, as the real programs check it.
	crc=0
	timeout 60 "$CERTGATE" -f json "${args[@]}" "$sd/server.crt" "$sd/server.key" "$sd/server-ca.crt" \
		>"$d/certgate.json" 2>"$d/certgate.err" </dev/null || crc=$?
	echo "$crc" >"$d/certgate.rc"
	# Measurement. A port taken between probe.sh's check and the server's bind
	# (another probe running at the same time) is retried once.
	for try in 1 2; do
		timeout -k 30 "$SET_TIMEOUT" "$HERE/probe.sh" "$sd" "${eps[@]}" >"$d/probe.tsv" 2>"$d/probe.err" </dev/null &
		echo $! >"$d/pid"
		prc=0
		wait $! || prc=$?
		rm -f "$d/pid"
		[[ $prc == 1 && $try == 1 ]] || break
		grep -qE $'\terror\tharness: .*(already in use|could not bind|[Cc]an.t start server|no free port)' "$d/probe.tsv" || break
		cp "$d/probe.tsv" "$d/probe.try1.tsv"
	done
	echo "$prc" >"$d/probe.rc"
	[[ $prc == 2 ]] && grep -qE 'missing program|not found' "$d/probe.err" && cp "$d/probe.err" "$OUT/abort"
	secs_since "$start" >"$d/seconds"
	printf 'interop: [%2d/%d] %-28s %5ss  probe rc=%s certgate rc=%s\n' "$i" "${#CHOSEN[@]}" "$set" \
		"$(<"$d/seconds")" "$prc" "$crc"
}

# Ctrl-C / TERM: stop the running probes (timeout passes TERM on to probe.sh,
# which stops its servers and removes its temp dir), then exit.
on_signal() {
	local f
	trap - INT TERM HUP
	printf 'interop: interrupted, stopping the running probes\n' >&2
	for f in "$OUT"/sets/*/pid; do
		[[ -f $f ]] && kill -TERM "$(<"$f")" 2>/dev/null
	done
	wait
	exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

printf 'interop: %d sets, %d at a time, clients: %s; certgate %s, output in %s\n' "${#CHOSEN[@]}" "$JOBS" \
	"$CLIENTS" "$CERTGATE" "$OUT"
running=0
i=0
for set in "${CHOSEN[@]}"; do
	i=$((i + 1))
	if [[ -f $OUT/abort ]]; then
		mkdir -p "$OUT/sets/$set"
		echo "probe.sh cannot run here: $(head -n1 "$OUT/abort")" >"$OUT/sets/$set/skipped"
		continue
	fi
	if (($(now) - T0 > RUN_TIMEOUT * 1000000)); then
		mkdir -p "$OUT/sets/$set"
		echo "run time limit INTEROP_TIMEOUT=${RUN_TIMEOUT}s reached before this set started" >"$OUT/sets/$set/skipped"
		printf 'interop: [%2d/%d] %-28s skipped: time limit\n' "$i" "${#CHOSEN[@]}" "$set"
		continue
	fi
	while ((running >= JOBS)); do
		wait -n
		running=$((running - 1))
	done
	run_set "$i" "$set" &
	running=$((running + 1))
done
wait
printf 'interop: all sets done in %ss\n\n' "$(secs_since "$T0")"

rc=0
"$PYTHON" "$HERE/compare.py" --sets "$SETS_TSV" --out "$OUT" --table "$OUT/table.txt" --clients "${CLIENTS// /,}" \
	"${CHOSEN[@]}" || rc=$?
if [[ ${#UNLISTED[@]} -gt 0 ]]; then
	msg="UNLISTED SETS: ${UNLISTED[*]} (fixtures/ has them, $SETS_TSV does not list them)"
	printf '\n%s\n' "$msg" | tee -a "$OUT/table.txt"
	[[ $rc == 0 ]] && rc=1
fi
if [[ -f $OUT/abort ]]; then
	printf '\ninterop: probe.sh cannot run on this machine:\n' >&2
	sed 's/^/  /' "$OUT/abort" >&2
fi
printf '\ninterop: total %ss, report in %s/table.txt, raw output in %s/sets/\n' "$(secs_since "$T0")" "$OUT" "$OUT"
[[ $rc -le 1 ]] || rc=1
exit "$rc"
