#!/bin/sh
# certgate-gate.sh [CERTGATE-ARGS...] - a CI gate for any CI system.
#
# Runs certgate (from $CERTGATE or PATH) with the given arguments (none:
# the bundles of .certgate.ini), prints the text report, keeps JSON and
# SARIF reports in $CERTGATE_REPORTS (default ./certgate-reports), and
# turns certgate's exit status into the gate's:
#   0 pass, 1 warnings (fail only when CERTGATE_FAIL_ON=warning, the
#   default), 2 errors, 3 certgate could not run (always fails).
set -u
cg=${CERTGATE:-certgate}
dir=${CERTGATE_REPORTS:-certgate-reports}
fail_on=${CERTGATE_FAIL_ON:-warning}

mkdir -p "$dir" || exit 3
"$cg" --fail-on "$fail_on" --format json --output "$dir/certgate.json" "$@"
status=$?
if [ "$status" -ne 3 ]; then
	"$cg" --fail-on "$fail_on" --format sarif "$@" > "$dir/certgate.sarif"
fi
case $status in
0) echo "certgate gate: pass" ;;
1) echo "certgate gate: warnings (at or above --fail-on $fail_on)" ;;
2) echo "certgate gate: errors: fix them before this ships" ;;
3) echo "certgate gate: certgate could not run (see the message above)" ;;
*) echo "certgate gate: unexpected status $status"; status=3 ;;
esac
exit "$status"
