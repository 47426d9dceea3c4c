#!/usr/bin/env bash
# probe-all.sh DIR ENDPOINT...
#
# Run probe.sh on every set directory under DIR that has server.crt, server.key
# and server-ca.crt, and print probe.sh's TSV lines prefixed with the set name:
#
#   set <TAB> program <TAB> mode <TAB> endpoint <TAB> accept|reject|error <TAB> reason
#
# A set whose probe exits 2 (bad usage, missing files) gets one line
# "set<TAB>-<TAB>-<TAB>-<TAB>error<TAB>probe.sh exit 2". Per-set wall time goes
# to stderr. Exit status: 0, or 1 if any line is an error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ $# -ge 2 ]] || {
	echo "usage: probe-all.sh DIR ENDPOINT..." >&2
	exit 2
}
dir=$1
shift
status=0
for set in "$dir"/*/; do
	set=${set%/}
	name=${set##*/}
	[[ -f $set/server.crt && -f $set/server.key && -f $set/server-ca.crt ]] || continue
	start=$SECONDS
	rc=0
	out=$("$here/probe.sh" "$set" "$@") || rc=$?
	if [[ $rc == 2 ]]; then
		printf '%s\t-\t-\t-\terror\tprobe.sh exit 2\n' "$name"
		status=1
	else
		[[ $rc == 0 ]] || status=1
		if [[ -n $out ]]; then
			while IFS= read -r line; do printf '%s\t%s\n' "$name" "$line"; done <<<"$out"
		fi
	fi
	printf 'probe-all: %s: %ss\n' "$name" "$((SECONDS - start))" >&2
done
exit "$status"
