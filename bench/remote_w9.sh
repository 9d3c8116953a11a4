#!/bin/bash
# remote_w9.sh — row W9 (bench/README.md): bench/target.c read through
# gdbserver attached to it, on loopback and through the delay proxy (a link
# of BENCH_W9_DELAY_MS each way, default 20), by us (remote_bench) and by
# `gdb -batch` in the same run, one client at a time, each with a fresh
# `gdbserver --once --attach`. Called by run.sh:
#     remote_w9.sh OUT TPID DATA HEAD NODES
# appends "R W9..." and "I ..." lines to $BENCH_OUT.
#   BENCH_W9_RUNS       timed runs of ours on loopback (3); over the link 1
#   BENCH_W9_GDB_RUNS   timed runs of gdb on loopback (1); over the link 1
#   BENCH_W9_LINK_BYTES, BENCH_W9_LINK_NODES  gdb's samples over the link
#                       (2 MiB, 200 nodes: at one request per round trip the
#                       whole 64 MiB would take minutes), scaled up
set -u
OUT=$1 TPID=$2 DATA=$3 HEAD=$4 NODES=$5
HERE=$(cd "$(dirname "$0")" && pwd)
RES=${BENCH_OUT:?}
DELAY=${BENCH_W9_DELAY_MS:-20}
BYTES=$((64 << 20))
RUNS=${BENCH_W9_RUNS:-3}
GRUNS=${BENCH_W9_GDB_RUNS:-1}
LINK_BYTES=${BENCH_W9_LINK_BYTES:-$((2 << 20))}
LINK_NODES=${BENCH_W9_LINK_NODES:-200}
say() { echo "bench: W9: $*" >&2; }

command -v gdbserver >/dev/null || { say "gdbserver missing: no W9 row"; exit 0; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
listens() { grep -qi ":$(printf '%04X' "$1") [0-9A-F:]* 0A " /proc/net/tcp 2>/dev/null; }

SPID= PPID_= PORT=
start_server() {
    PORT=$(free_port)
    gdbserver --once --attach "127.0.0.1:$PORT" "$TPID" >>"$OUT/w9-gdbserver.log" 2>&1 &
    SPID=$!
    for _ in $(seq 500); do listens "$PORT" && return 0; kill -0 "$SPID" 2>/dev/null || break; sleep 0.02; done
    say "gdbserver did not listen (out/w9-gdbserver.log)"; return 1
}
stop_server() {
    [ -n "$SPID" ] && { timeout 20 tail --pid="$SPID" -f /dev/null 2>/dev/null || kill -9 "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }
    SPID=
}
# The proxy in front of the server: its port in LPORT, ended by closing fd 9.
start_proxy() {
    rm -f "$OUT/w9-proxy.fifo" "$OUT/w9-proxy.info"
    mkfifo "$OUT/w9-proxy.fifo"
    "$OUT/remote_bench" proxy "$PORT" "$DELAY" <"$OUT/w9-proxy.fifo" >"$OUT/w9-proxy.info" &
    PPID_=$!
    exec 9>"$OUT/w9-proxy.fifo"
    for _ in $(seq 200); do grep -q '^port=' "$OUT/w9-proxy.info" 2>/dev/null && break; sleep 0.02; done
    LPORT=$(sed -n 's/^port=//p' "$OUT/w9-proxy.info")
}
stop_proxy() { exec 9>&-; wait "$PPID_" 2>/dev/null; rm -f "$OUT/w9-proxy.fifo" "$OUT/w9-proxy.info"; }
trap 'exec 9>&- 2>/dev/null; [ -n "$SPID" ] && kill -9 "$SPID" 2>/dev/null; [ -n "$PPID_" ] && kill "$PPID_" 2>/dev/null' EXIT

ours() { # SPEC RUNS SUFFIX
    timeout 600 "$OUT/remote_bench" ours "$1" "$DATA" "$BYTES" "$HEAD" "$NODES" "$2" "$3" \
        >>"$OUT/ours-remote.log" 2>&1 || say "ours $3 failed (out/ours-remote.log)"
}
gdbrun() { # PORT RUNS SUFFIX BYTES NODES
    W9_SUFFIX=$3 W9_BYTES=$4 W9_NODES=$5 W9_RUNS=$2 BENCH_DATA=$DATA BENCH_HEAD=$HEAD \
        BENCH_NODES=$NODES BENCH_DIR=$HERE W9_DUMP_FILE="$OUT/w9-gdb.bin" \
        timeout 900 gdb -nx -q -batch -ex 'set pagination off' -ex "target remote 127.0.0.1:$1" \
        -x "$HERE/gdb_remote_bench.py" >>"$OUT/gdb-remote.log" 2>&1 || say "gdb $3 failed (out/gdb-remote.log)"
}

: >"$OUT/ours-remote.log"; : >"$OUT/gdb-remote.log"; : >"$OUT/w9-gdbserver.log"
echo "I w9_delay_ms_each_way $DELAY" >>"$RES"
echo "I w9_bytes $BYTES" >>"$RES"
say "loopback, ours"
start_server && { ours "127.0.0.1:$PORT" "$RUNS" ""; stop_server; }
if command -v gdb >/dev/null; then
    say "loopback, gdb"
    start_server && { gdbrun "$PORT" "$GRUNS" "" "$BYTES" "$NODES"; stop_server; }
fi
say "over the ${DELAY} ms link, ours"
start_server && { start_proxy; ours "127.0.0.1:$LPORT" 1 d; stop_proxy; stop_server; }
if command -v gdb >/dev/null; then
    say "over the ${DELAY} ms link, gdb (samples: $LINK_BYTES bytes, $LINK_NODES nodes)"
    start_server && { start_proxy; gdbrun "$LPORT" 1 d "$LINK_BYTES" "$LINK_NODES"; stop_proxy; stop_server; }
fi
# (run.sh collects the R lines of out/ours-*.log, ours-remote.log among them.)
exit 0
