#!/usr/bin/env bash
# test_contrib.sh - run the CI examples in contrib/ci as far as they run
# here: the generic gate script for real, and the certgate commands of the
# GitHub Actions and GitLab CI files (taken from the YAML) in a temporary
# repository, checking the exit statuses and the report files the hosted
# services would read.  Needs $CERTGATE and python3 with yaml.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${CERTGATE:?set CERTGATE to the certgate binary}"
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
expect() { # expect NAME WANT GOT
	if [ "$2" = "$3" ]; then ok "$1"; else no "$1 (wanted $2, got $3)"; fi
}

# A certgate on PATH that evaluates at a fixed time, so fixtures never
# expire: the CI files call plain "certgate".
mkdir -p "$tmp/bin"
cat > "$tmp/bin/certgate" <<WRAP
#!/bin/sh
exec "$CERTGATE" --now 2026-12-01T00:00:00Z "\$@"
WRAP
chmod +x "$tmp/bin/certgate"
export PATH="$tmp/bin:$PATH"

# A repository with a configuration naming one bundle.
mkrepo() { # mkrepo DIR FIXTURE
	mkdir -p "$1/certs"
	cp "$root/fixtures/$2/server.crt" "$root/fixtures/$2/server.key" \
	    "$root/fixtures/$2/server-ca.crt" "$1/certs/"
	chmod 600 "$1/certs/server.key"
	cat > "$1/.certgate.ini" <<INI
[bundle db]
cert = certs/server.crt
key = certs/server.key
ca = certs/server-ca.crt
endpoints = rm-bp1abc123.mysql.rds.aliyuncs.com
INI
}

json_check() { # json_check FILE PYTHON-EXPR-ON-d
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"
}

# --- the generic gate --------------------------------------------------
gate=$root/contrib/ci/certgate-gate.sh
for spec in good-san:0 key-mismatch:2 guide-mysql:1; do
	set=${spec%%:*} want=${spec#*:}
	mkrepo "$tmp/g-$set" "$set"
	(cd "$tmp/g-$set" && CERTGATE=certgate "$gate" > out.txt 2>&1)
	expect "gate on $set exits $want" "$want" "$?"
	if json_check "$tmp/g-$set/certgate-reports/certgate.json" \
	    "d['exit_code'] == $want and d['bundles'][0]['name'] == 'db'"; then
		ok "gate on $set keeps a JSON report"
	else
		no "gate on $set keeps a JSON report"
	fi
	if json_check "$tmp/g-$set/certgate-reports/certgate.sarif" \
	    "d['version'] == '2.1.0' and len(d['runs']) == 1"; then
		ok "gate on $set keeps a SARIF report"
	else
		no "gate on $set keeps a SARIF report"
	fi
done
(cd "$tmp/g-guide-mysql" && CERTGATE_FAIL_ON=error CERTGATE=certgate "$gate" >/dev/null 2>&1)
expect "gate: warnings pass with CERTGATE_FAIL_ON=error" 0 "$?"
(cd "$tmp" && CERTGATE=certgate "$gate" no-such-file.crt >/dev/null 2>&1)
expect "gate: an unreadable file fails with 3" 3 "$?"

# --- GitHub Actions: the lint step, and the file the upload step reads ---
gh=$root/contrib/ci/github-actions.yml
mapfile -t ghout < <(python3 - "$gh" <<'PY'
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
steps = wf["jobs"]["certgate"]["steps"]
run = next(s["run"] for s in steps if s.get("name") == "Lint certificate bundles")
up = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
assert up.get("if") == "always()", "upload must run when linting fails"
print(run.strip().replace("\n", " "))
print(up["with"]["sarif_file"])
PY
)
ghrun=${ghout[0]:-}
ghsarif=${ghout[1]:-}
if [ -n "$ghrun" ] && [ -n "$ghsarif" ]; then
	ok "github workflow parses"
else
	no "github workflow parses"
fi
for spec in good-san:0 key-mismatch:2; do
	set=${spec%%:*} want=${spec#*:}
	mkrepo "$tmp/gh-$set" "$set"
	(cd "$tmp/gh-$set" && eval "$ghrun" > log.txt 2>&1)
	expect "github lint step on $set exits $want" "$want" "$?"
	if grep -q "certgate: .* error" "$tmp/gh-$set/log.txt" &&
	    json_check "$tmp/gh-$set/$ghsarif" \
	    "d['version'] == '2.1.0' and d['runs'][0]['tool']['driver']['name'] == 'certgate' and len(d['runs'][0]['results']) == ($want == 2)"; then
		ok "github lint step on $set writes $ghsarif and a text log"
	else
		no "github lint step on $set writes $ghsarif and a text log"
	fi
done

# --- GitLab CI: the script, and the Code Quality artifact ---------------
gl=$root/contrib/ci/gitlab-ci.yml
mapfile -t glout < <(python3 - "$gl" <<'PY'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))["certgate"]
print(job["artifacts"]["reports"]["codequality"])
for line in job["script"]:
    print(line)
PY
)
glreport=${glout[0]:-}
if [ -n "$glreport" ] && [ "${#glout[@]}" -ge 2 ]; then
	ok "gitlab job parses"
else
	no "gitlab job parses"
fi
for spec in good-san:0 key-mismatch:2; do
	set=${spec%%:*} want=${spec#*:}
	mkrepo "$tmp/gl-$set" "$set"
	(cd "$tmp/gl-$set" && for line in "${glout[@]:1}"; do eval "$line" || exit $?; done > log.txt 2>&1)
	expect "gitlab script on $set exits $want" "$want" "$?"
	if json_check "$tmp/gl-$set/$glreport" \
	    "isinstance(d, list) and all({'description','check_name','fingerprint','severity','location'} <= set(x) and x['location']['path'] and x['location']['lines']['begin'] >= 1 for x in d) and (len(d) > 0) == ($want == 2)"; then
		ok "gitlab script on $set writes a Code Quality report"
	else
		no "gitlab script on $set writes a Code Quality report"
	fi
done

echo "contrib: $fails failure(s)"
[ "$fails" -eq 0 ]
