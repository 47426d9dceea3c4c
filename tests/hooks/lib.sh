# shellcheck shell=bash
# lib.sh - shared by the hook tests (sourced): a scratch directory removed
# on exit, git isolated from the caller's configuration and from the
# variables a calling git hook sets, result counting, and helpers that
# commit and check what happened.  Needs $CERTGATE (the binary under test).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fixtures=$root/fixtures
: "${CERTGATE:?set CERTGATE to the certgate binary under test}"
case $CERTGATE in /*) ;; *) CERTGATE=$PWD/$CERTGATE ;; esac
export CERTGATE
# The fixtures' validity windows hold at this time (tests/suites.h).
export NOW=2026-12-01T00:00:00Z

# No GIT_DIR, GIT_INDEX_FILE, ... of a hook that runs make check.
while IFS= read -r v; do
	unset "$v"
done < <(env | sed -n 's/^\(GIT_[A-Za-z0-9_]*\)=.*/\1/p')
unset CERTGATE_ARGS MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
export NO_COLOR=1 LC_ALL=C
# Files made here (and by git checkout) are private: keys get 0600, so
# key-world-readable never fires on a test's own copies.
umask 077

work=$(mktemp -d "${TMPDIR:-/tmp}/certgate-hooks.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
git config --global user.name "certgate test"
git config --global user.email "test@certgate.invalid"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

passed=0 failed=0
ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}
# not_ok NAME [DETAIL...]
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	shift
	[ $# -eq 0 ] || printf '%s\n' "$@" | sed 's/^/    # /'
}
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# new_repo DIR: an empty repository; cd into it.
new_repo() {
	git init -q "$1" && cd "$1" || exit 1
}

# put FIXTURE DIR FILE...: copy fixture files into DIR of the repository.
put() {
	local fx=$1 dir=$2 f
	shift 2
	mkdir -p "$dir"
	for f in "$@"; do
		cp "$fixtures/$fx/$f" "$dir/$f"
		chmod 600 "$dir/$f"
	done
}

# commit_as EXPECT NAME [GIT COMMIT OPTION...]: run git commit -m NAME and
# check the outcome: EXPECT is pass (a new commit) or fail (HEAD kept).
# The output (the hook's report) is left in $out.
commit_as() {
	local expect=$1 name=$2 before after rc
	shift 2
	before=$(git rev-parse -q --verify HEAD || echo none)
	out=$(git commit -q -m "$name" "$@" 2>&1)
	rc=$?
	after=$(git rev-parse -q --verify HEAD || echo none)
	case $expect in
	pass)
		if [ "$rc" -eq 0 ] && [ "$before" != "$after" ]; then
			ok "$name: committed"
		else
			not_ok "$name: expected the commit to pass (git exit $rc)" \
			    "$out"
		fi
		;;
	fail)
		if [ "$rc" -ne 0 ] && [ "$before" = "$after" ]; then
			ok "$name: refused"
		else
			not_ok "$name: expected the commit to be refused (git exit" \
			    "$rc)" "$out"
		fi
		;;
	esac
}

# has NAME STRING: the last commit's output holds STRING.
has() {
	if grep -q -F -e "$2" <<<"$out"; then
		ok "$1"
	else
		not_ok "$1: no '$2' in the output" "$out"
	fi
}

# lacks NAME STRING: the last commit's output does not hold STRING.
lacks() {
	if grep -q -F -e "$2" <<<"$out"; then
		not_ok "$1: '$2' in the output" "$out"
	else
		ok "$1"
	fi
}

# same NAME A B: files A and B have the same bytes.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1: $2 and $3 differ"
	fi
}

# The good set's key in another encoding (PKCS#1): a change to server.key
# that still matches server.crt.
pkcs1_key() {
	openssl pkey -in "$fixtures/good-san/server.key" -traditional \
	    -out "$1" && chmod 600 "$1"
}

# Does the certgate under test read a configuration (.certgate.ini)?
has_config() {
	"$CERTGATE" --help 2>/dev/null | grep -q -e '--no-config'
}
