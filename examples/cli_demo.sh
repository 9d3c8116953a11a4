#!/bin/sh
# cli_demo.sh — the second half of `make demo`: dataspaces(1), the command
# line, attached to the demo target, running cdb's commands as a user would
# type them at its 0:000> prompt.
#
#   usage: sh examples/cli_demo.sh BUILD-DIRECTORY
set -e
build=${1:-build}
dir=$(mktemp -d)
target_pid=
cleanup() {
    exec 3>&- 2>/dev/null || true          # its stdin closes: it exits
    [ -n "$target_pid" ] && { kill "$target_pid" 2>/dev/null || true; wait "$target_pid" 2>/dev/null || true; }
    rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# The target prints "GREETING BUF PAGESIZE" and waits until its stdin closes.
mkfifo "$dir/in"
"$build/examples/demo_target" <"$dir/in" >"$dir/where" &
target_pid=$!
exec 3>"$dir/in"
i=0
while [ ! -s "$dir/where" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
read -r greeting buf page <"$dir/where"
greeting=${greeting#0x} buf=${buf#0x} page=$(printf '%x' "$page")

echo
echo "== dataspaces(1): the same target through the command line, as cdb's user types it"
"$build/dataspaces" -p "$target_pid" <<CMDS
vertarget
.echo the string and its bytes
da $greeting
db $greeting L20
.echo a word read by an expression, then the buffer's last words running into an unmapped page
? poi($greeting) & 0xffffffff
dd $buf+$page-8 L4
.echo search, edit, the region, the modules
s -a $greeting L100 "demo"
eb $buf 48 69 21 00
da $buf
!address $buf
lm
u demo_target+1000 L4
q
CMDS
