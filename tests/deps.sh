#!/bin/sh
# deps.sh PACKAGE... - install the Debian packages that are missing.
# Runs apt-get as root (or through sudo); does nothing when all are there.
set -eu
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "certgate: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "certgate: need root to install:$missing" >&2
	exit 1
fi
# shellcheck disable=SC2086
$sudo apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
