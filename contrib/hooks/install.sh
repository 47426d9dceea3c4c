#!/bin/sh
# install.sh [-f] [REPO] - install certgate's plain git pre-commit hook
# (contrib/hooks/pre-commit) into the git repository REPO (default: the one
# of the current directory), where git looks for hooks (core.hooksPath, or
# .git/hooks).  An existing, different pre-commit hook is left alone unless
# -f is given; it is then kept as pre-commit.bak.  Running it again over
# the same hook does nothing.
set -eu

usage() {
	echo "usage: $0 [-f] [REPO]" >&2
	exit 2
}

force=no
while [ $# -gt 0 ]; do
	case $1 in
	-f | --force) force=yes ;;
	-h | --help) usage ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
	shift
done
[ $# -le 1 ] || usage
repo=${1:-.}

src=$(cd "$(dirname "$0")" && pwd)/pre-commit
[ -f "$src" ] || { echo "$0: $src is missing" >&2; exit 1; }
if ! top=$(git -C "$repo" rev-parse --show-toplevel 2>/dev/null); then
	echo "$0: $repo is not in a git working tree" >&2
	exit 1
fi
hooks=$(git -C "$top" rev-parse --git-path hooks)
case $hooks in /*) ;; *) hooks=$top/$hooks ;; esac
dest=$hooks/pre-commit

if [ -e "$dest" ] || [ -L "$dest" ]; then
	if cmp -s "$src" "$dest"; then
		echo "certgate's pre-commit hook is already installed: $dest"
		exit 0
	fi
	if [ "$force" = no ]; then
		echo "$0: $dest exists and is another hook; not replacing it." >&2
		echo "Run $0 -f $repo to replace it (it is kept as" \
		    "pre-commit.bak), or call $src from it." >&2
		exit 1
	fi
	mv -f "$dest" "$dest.bak"
	echo "kept the previous hook as $dest.bak"
fi
mkdir -p "$hooks"
cp "$src" "$dest.tmp.$$"
chmod 755 "$dest.tmp.$$"
mv -f "$dest.tmp.$$" "$dest"
echo "installed certgate's pre-commit hook: $dest"
cg=${CERTGATE:-certgate}
if ! command -v "$cg" >/dev/null 2>&1; then
	echo "note: $cg is not on PATH; install it (make install) or set" \
	    "CERTGATE=/path/to/certgate for git commit" >&2
fi
