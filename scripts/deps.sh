#!/bin/sh
# Install the Debian packages a make target needs, when they are missing.
# As root: apt-get installs them. Otherwise: print the command to run.
# Usage: scripts/deps.sh PACKAGE...
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends $missing </dev/null; then
        apt-get update -q </dev/null && apt-get install -y -q --no-install-recommends $missing </dev/null || exit 1
    fi
else
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: run: sudo apt-get install -y$missing" >&2
    exit 1
fi
