#!/usr/bin/env bash
# test_plain.sh - certgate's plain git pre-commit hook (contrib/hooks/),
# with real git in scratch repositories: the installer, good and bad sets,
# staged content against the working tree, a change to the key alone
# linted with its certificate, and (when certgate reads .certgate.ini)
# bundles from the configuration.  Needs $CERTGATE; prints TAP-like lines
# and "N passed, N failed"; exit 0 when all passed.
# shellcheck source=tests/hooks/lib.sh
. "$(dirname "$0")/lib.sh"

hook=$root/contrib/hooks/pre-commit
install=$root/contrib/hooks/install.sh
export CERTGATE_ARGS="--now $NOW"
good=(server.crt server.key server-ca.crt)

# --- the installer ----------------------------------------------------
new_repo "$work/inst"
if out=$(sh "$install" "$work/inst" 2>&1) &&
    cmp -s "$hook" .git/hooks/pre-commit && [ -x .git/hooks/pre-commit ]; then
	ok "install.sh REPO installs the hook"
else
	not_ok "install.sh REPO installs the hook" "$out"
fi
if out=$(cd /tmp && sh "$install" "$work/inst" 2>&1); then
	ok "install.sh again over the same hook: nothing to do"
else
	not_ok "install.sh again over the same hook: nothing to do" "$out"
fi
printf '#!/bin/sh\necho mine\n' >.git/hooks/pre-commit
if out=$(sh "$install" "$work/inst" 2>&1); then
	not_ok "install.sh refuses to replace another hook" "$out"
elif grep -q mine .git/hooks/pre-commit && grep -q -e '-f' <<<"$out"; then
	ok "install.sh refuses to replace another hook (and names -f)"
else
	not_ok "install.sh refuses to replace another hook" "$out"
fi
if out=$(sh "$install" -f "$work/inst" 2>&1) &&
    cmp -s "$hook" .git/hooks/pre-commit &&
    grep -q mine .git/hooks/pre-commit.bak; then
	ok "install.sh -f replaces it and keeps pre-commit.bak"
else
	not_ok "install.sh -f replaces it and keeps pre-commit.bak" "$out"
fi
git config core.hooksPath .githooks
if out=$(cd "$work/inst" && sh "$install" 2>&1) &&
    cmp -s "$hook" .githooks/pre-commit; then
	ok "install.sh (current repository) follows core.hooksPath"
else
	not_ok "install.sh (current repository) follows core.hooksPath" "$out"
fi

# --- sets by directory, no configuration --------------------------------
new_repo "$work/plain"
sh "$install" >/dev/null || exit 1
put good-san certs "${good[@]}"
git add certs
commit_as pass "a good set (first commit)"
has "certgate ran on the staged set" "certgate: 0 errors"
# Where certgate reports a committed key (key-tracked-by-git), the hook's
# copies of staged keys count as tracked too.
tracked_rule=no
if "$CERTGATE" --now "$NOW" "${good[@]/#/certs/}" 2>/dev/null |
    grep -q -F '[key-tracked-by-git]'; then
	tracked_rule=yes
	has "a staged key counts as tracked" "[key-tracked-by-git]"
else
	echo "# skip: this certgate does not report key-tracked-by-git"
fi

put key-mismatch db2 "${good[@]}"
git add db2
commit_as fail "a set whose key does not match"
has "the report names the repository path" "db2/server.key:1: error:"
has "the report is certgate's" "[key-mismatch]"
has "the hook says why it stopped" "commit refused (certgate exit 2)"
git rm -q -r --cached db2 && rm -rf db2

# Only server.key changes: still linted against certs/server.crt.
cp "$fixtures/key-mismatch/server.key" certs/server.key
git add certs/server.key
commit_as fail "only server.key changed, to a key of another certificate"
has "the key alone is linted with its certificate" \
    "is not the private key of certs/server.crt"
has "its certificate is read from the index" "cert     certs/server.crt:1"
pkcs1_key certs/server.key
git add certs/server.key
commit_as pass "only server.key changed, to the same key as PKCS#1"
has "... and linted with its certificate (not alone)" \
    "cert     certs/server.crt:1"

# Staged content, not the working tree.
cp "$fixtures/good-san/server.key" certs/server.key
git add certs/server.key
cp "$fixtures/key-mismatch/server.key" certs/server.key
commit_as pass "good key staged, a mismatching key in the working tree"
git show HEAD:certs/server.key >"$work/committed.key"
same "the commit holds the staged (good) key" "$work/committed.key" \
    "$fixtures/good-san/server.key"
same "the working tree keeps its unstaged key" certs/server.key \
    "$fixtures/key-mismatch/server.key"
git add certs/server.key
pkcs1_key certs/server.key
commit_as fail "mismatching key staged, a good key in the working tree"
has "the staged key is the one reported" "[key-mismatch]"
git reset -q
pkcs1_key certs/server.key
git add certs/server.key
commit_as pass "good key staged again"

# git commit -a lints what -a stages (git's temporary index).
cp "$fixtures/key-mismatch/server.key" certs/server.key
commit_as fail "git commit -a with a mismatching key" -a
git checkout -q -- certs/server.key

# Only staged sets: an unrelated file commits though a set file is broken
# in the working tree.
cp "$fixtures/key-mismatch/server.key" certs/server.key
echo notes >README.txt
git add README.txt
commit_as pass "a commit without set files"
lacks "... runs no certgate" "certgate:"
git checkout -q -- certs/server.key

# Sets at the top of the repository and in a directory with spaces.
put good-ec . "${good[@]}"
mkdir -p "my certs"
put good-wildcard "my certs" "${good[@]}"
git add server.crt server.key server-ca.crt "my certs"
commit_as pass "sets at the top and in 'my certs/'"
has "the top set is linted as such" "cert     server.crt:1"
has "a path with a space is passed whole" "cert     my certs/server.crt:1"

# Two directories in one commit, one broken: refused, both reported.
put good-san a "${good[@]}"
put expired b "${good[@]}"
git add a b
commit_as fail "two sets, one expired"
has "the good set is reported" "cert     a/server.crt:1"
has "the expired one is reported" "b/server.crt:1: error:"
git rm -q -r --cached a b && rm -rf a b

# certgate missing: the hook says so and stops the commit.
echo "# touch" >>certs/server-ca.crt
git add certs/server-ca.crt
CERTGATE=$work/no-such-certgate commit_as fail "CERTGATE names no program"
has "... and the hook says so" "is not an executable file"
git reset -q --hard

# --- bundles from a staged .certgate.ini --------------------------------
if has_config; then
	new_repo "$work/conf"
	sh "$install" >/dev/null || exit 1
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
	commit_as pass "config: only the good bundle's key changed"
	has "config: it is linted with its certificate" "tls/db-server.crt"
	lacks "config: the other bundle is not linted" "tls/replica-server"
	cp "$fixtures/key-mismatch/server.crt" tls/replica-server.crt.tmp
	mv tls/replica-server.crt.tmp tls/replica-server.crt
	echo "# renewed" >>tls/replica-server-ca.crt
	git add tls/replica-server-ca.crt
	commit_as fail "config: the broken bundle's CA changed"
	has "config: its key is reported against its certificate" \
	    "is not the private key of tls/replica-server.crt"
	git reset -q --hard
	printf '\n; a comment\n' >>.certgate.ini
	git add .certgate.ini
	commit_as fail "config: .certgate.ini changed: every bundle is linted"
	has "config: the broken bundle is among them" "[key-mismatch]"
	# The staged configuration, not the working tree's.
	git reset -q --hard
	sed -i 's|^key  = tls/db-server.key|key  = tls/replica-server.key|' \
	    .certgate.ini
	cp "$fixtures/good-san/server.key" tls/db-server.key
	git add tls/db-server.key
	commit_as pass "config: the working tree's .certgate.ini is not read"
	git reset -q --hard
	# A key kept out of git is read from the working tree.
	printf 'tls/db-server.key\n' >.gitignore
	git rm -q --cached tls/db-server.key
	git add .gitignore
	commit_as pass "config: the key leaves git (still on disk)"
	has "config: the untracked key is linted from the working tree" \
	    "key      tls/db-server.key:1"
	if [ "$tracked_rule" = yes ]; then
		lacks "config: ... and does not count as tracked" \
		    "[key-tracked-by-git]"
	fi
else
	echo "# skip: this certgate reads no .certgate.ini (no --no-config)"
fi

finish
