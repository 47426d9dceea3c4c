#!/usr/bin/env bash
# cli-sarif-wrap.sh - what $CERTGATE runs in the tests (tests/test_cli.c
# sets it up for every suite).
#
# Runs the real binary ($CERTGATE_REAL) exactly as asked: same arguments,
# standard input, output and exit status.  Unless the run was --help or
# --version, read a terminal, or exited 3, it runs it once more with the
# same arguments and input plus --format sarif, into a new
# $CERTGATE_SARIF_DIR/<case>-XXXXXX.sarif (a lint through --output FILE,
# --list-rules through standard output), for the test that validates
# them with Microsoft's SARIF validator.  A different exit status, or no
# SARIF at all, is written to a .mismatch file beside it.
set -u
real=${CERTGATE_REAL:?CERTGATE_REAL: the certgate binary}
dir=${CERTGATE_SARIF_DIR:-}

[ -n "$dir" ] && [ -d "$dir" ] || exec "$real" "$@"
# A terminal cannot be replayed: run once.
[ -t 0 ] && exec "$real" "$@"

# The SARIF options go before a "--", where one is given.
pre=() post=() seen=0 list=0
for a in "$@"; do
	if [ $seen = 1 ]; then
		post+=("$a")
		continue
	fi
	case $a in
	--help|-h|--version|-V) exec "$real" "$@" ;;
	--list-rules) list=1; pre+=("$a") ;;
	--) seen=1; post+=("$a") ;;
	*) pre+=("$a") ;;
	esac
done

in=$(mktemp "$dir/stdin-XXXXXX") || exit 3
cat >"$in"
"$real" "$@" <"$in"
rc=$?
if [ $rc != 3 ]; then
	case=${CERTGATE_CASE:-run}
	out=$(mktemp "$dir/$case-XXXXXX.sarif")
	if [ $list = 1 ]; then
		"$real" "${pre[@]}" --format sarif "${post[@]}" <"$in" \
		    >"$out" 2>"$out.err"
	else
		"$real" "${pre[@]}" --format sarif --output "$out" \
		    "${post[@]}" <"$in" >/dev/null 2>"$out.err"
	fi
	src=$?
	if [ $src != $rc ] || [ ! -s "$out" ]; then
		printf '%s: exit %s with --format sarif (%s bytes of SARIF), %s without; args: %s; stderr: %s\n' \
		    "$case" $src "$(wc -c <"$out")" $rc "$*" \
		    "$(cat "$out.err")" >"${out%.sarif}.mismatch"
		rm -f "$out"
	fi
	rm -f "$out.err"
fi
rm -f "$in"
exit $rc
