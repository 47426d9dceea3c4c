#!/usr/bin/env bash
# test_framework.sh - certgate under the real pre-commit framework (Debian
# package pre-commit): a snapshot of this source tree (uncommitted changes
# included) is committed to a scratch repository that serves as the hook
# repository; scratch repositories use it from .pre-commit-config.yaml,
# `pre-commit install`, and real git commits check good and bad sets, a
# change to the key alone, staged content against the working tree, the
# certgate-system hook, and (when certgate reads .certgate.ini) bundles
# from the configuration.  Offline: the hook repository is a local path
# and PRE_COMMIT_HOME a scratch directory.  Needs $CERTGATE (used for
# certgate-system); the hook `certgate` builds its own in pre-commit's
# clone.  Prints TAP-like lines and "N passed, N failed".
# shellcheck source=tests/hooks/lib.sh
. "$(dirname "$0")/lib.sh"

if ! command -v pre-commit >/dev/null 2>&1; then
	not_ok "pre-commit is on PATH (Debian package pre-commit; make deps)"
	finish
	exit
fi
config=no
has_config && config=yes
bin=$work/bin
mkdir -p "$bin"
ln -s "$CERTGATE" "$bin/certgate"
# The hooks must find certgate on their own: built, or on PATH.
unset CERTGATE
export PRE_COMMIT_HOME=$work/pre-commit-cache
good=(server.crt server.key server-ca.crt)

# --- the hook repository: this tree as it is now -------------------------
src=$work/certgate-src
mkdir -p "$src"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$root" && git ls-files -z --cached --others --exclude-standard |
	    while IFS= read -r -d '' f; do
		[ -f "$f" ] && printf '%s\0' "$f"
	    done | tar --null -T - -cf -) | tar -xf - -C "$src"
else
	(cd "$root" && tar --exclude='./build*' -cf - .) | tar -xf - -C "$src"
fi
git -C "$src" init -q &&
    git -C "$src" add -A &&
    git -C "$src" commit -q --no-verify -m "certgate snapshot" || exit 1
rev=$(git -C "$src" rev-parse HEAD)

# use_hooks ID [ID...]: .pre-commit-config.yaml with these hooks (verbose,
# so certgate's report shows when it passes too), committed; then
# pre-commit install.
use_hooks() {
	{
		echo "repos:"
		echo "  - repo: $src"
		echo "    rev: $rev"
		echo "    hooks:"
		for id in "$@"; do
			echo "      - id: $id"
			echo "        args: [--now, '$NOW']"
			echo "        verbose: true"
		done
	} >.pre-commit-config.yaml
	git add .pre-commit-config.yaml
	git commit -q --no-verify -m "pre-commit configuration"
	pre-commit install >/dev/null || not_ok "pre-commit install"
}

# --- hook id certgate: built in pre-commit's clone ------------------------
new_repo "$work/fw"
use_hooks certgate
put good-san certs "${good[@]}"
git add certs
t0=$(date +%s)
commit_as pass "framework: a good set (first use: clone and build)"
echo "# first commit, with the build: $(($(date +%s) - t0)) s"
has "framework: the hook ran" "certgate (TLS certificate sets)...."
has "framework: ... and passed" "...Passed"
has "framework: certgate's report is shown (verbose)" \
    "cert     certs/server.crt:1"
if "$bin/certgate" --now "$NOW" "${good[@]/#/certs/}" 2>/dev/null |
    grep -q -F '[key-tracked-by-git]'; then
	has "framework: a staged key counts as tracked" "[key-tracked-by-git]"
else
	echo "# skip: this certgate does not report key-tracked-by-git"
fi
built=$(find "$PRE_COMMIT_HOME" -path '*/build/certgate' -type f | head -1)
if [ -n "$built" ] && [ -x "$built" ]; then
	ok "framework: certgate was built in pre-commit's clone"
else
	not_ok "framework: certgate was built in pre-commit's clone"
fi

put key-mismatch db2 "${good[@]}"
git add db2
commit_as fail "framework: a set whose key does not match"
has "framework: the hook failed" "- exit code: 1"
has "framework: certgate's message names the file" "db2/server.key:1: error:"
has "framework: ... and the rule" "[key-mismatch]"
git rm -q -r --cached db2 && rm -rf db2

cp "$fixtures/key-mismatch/server.key" certs/server.key
git add certs/server.key
commit_as fail "framework: only server.key changed, to another's key"
has "framework: the key is linted with its certificate" \
    "is not the private key of certs/server.crt"
pkcs1_key certs/server.key
git add certs/server.key
commit_as pass "framework: only server.key changed, to the same key (PKCS#1)"
has "framework: ... linted with its certificate, not alone" \
    "cert     certs/server.crt:1"

# Staged content: pre-commit stashes what is not staged.
cp "$fixtures/good-san/server.key" certs/server.key
git add certs/server.key
cp "$fixtures/key-mismatch/server.key" certs/server.key
commit_as pass "framework: good key staged, a bad one in the working tree"
same "framework: the unstaged key is back in the working tree" \
    certs/server.key "$fixtures/key-mismatch/server.key"
git add certs/server.key
cp "$fixtures/good-san/server.key" certs/server.key
commit_as fail "framework: bad key staged, the good one in the working tree"
has "framework: the staged key is the one reported" "[key-mismatch]"
git reset -q --hard

echo notes >README.txt
git add README.txt
commit_as pass "framework: a commit without set files"
has "framework: ... skips the hook" "(no files to check)"

# --- hook id certgate-system: certgate on PATH ---------------------------
new_repo "$work/fwsys"
use_hooks certgate-system
put good-san certs "${good[@]}"
git add certs
PATH=$bin:$PATH commit_as pass "certgate-system: a good set"
has "certgate-system: certgate's report" "cert     certs/server.crt:1"
cp "$fixtures/key-mismatch/server.key" certs/server.key
git add certs/server.key
PATH=$bin:$PATH commit_as fail "certgate-system: only the key changed, bad"
has "certgate-system: linted with its certificate" \
    "is not the private key of certs/server.crt"
commit_as fail "certgate-system: certgate not on PATH"
has "certgate-system: ... says so" "certgate is not on PATH"
git reset -q --hard

# --- bundles from .certgate.ini -------------------------------------------
# (certgate-system with the binary under test, the one has_config probed)
if [ "$config" = yes ]; then
	export PATH=$bin:$PATH
	new_repo "$work/fwconf"
	use_hooks certgate-system
	mkdir -p tls
	for f in server.crt server.key server-ca.crt; do
		cp "$fixtures/good-san/$f" "tls/db-$f"
		cp "$fixtures/key-mismatch/$f" "tls/replica-$f"
	done
	chmod 600 tls/*
	cat >.certgate.ini <<'EOF'
[bundle db]
cert = tls/db-server.crt
key  = tls/db-server.key
ca   = tls/db-server-ca.crt

[bundle replica]
cert = tls/replica-server.crt
key  = tls/replica-server.key
ca   = tls/replica-server-ca.crt
EOF
	git add .
	git commit -q --no-verify -m "two bundles in one directory, one broken"
	pkcs1_key tls/db-server.key
	git add tls/db-server.key
	commit_as pass "framework config: only the good bundle's key changed"
	has "framework config: linted with its certificate" \
	    "cert     tls/db-server.crt:1"
	lacks "framework config: the other bundle is not linted" \
	    "tls/replica-server"
	echo "# renewed" >>tls/replica-server-ca.crt
	git add tls/replica-server-ca.crt
	commit_as fail "framework config: the broken bundle's CA changed"
	has "framework config: its key is reported against its certificate" \
	    "is not the private key of tls/replica-server.crt"
	git reset -q --hard
	printf '\n; a comment\n' >>.certgate.ini
	git add .certgate.ini
	commit_as fail "framework config: .certgate.ini changed: every bundle"
	has "framework config: the broken bundle is among them" "[key-mismatch]"
	git reset -q --hard
else
	echo "# skip: this certgate reads no .certgate.ini (no --no-config)"
fi

finish
