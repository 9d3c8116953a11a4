#!/bin/bash
# serve_w10.sh — row W10 (bench/README.md): gdb's `dump binary memory` of
# 64 MiB of the bench target (bench/target.c's data block), once through
# `gdbserver --once --attach` and once through `dataspaces serve --once -p`,
# the same gdb command against the same live process in the same run. The
# runs alternate (gdbserver, ours, gdbserver, ...) so a busy machine slows
# both alike; each run gets a fresh server and a fresh gdb, and only the
# dump itself is timed (gdb's own clock around the command), not gdb's start
# or its connect. Called by run.sh:
#     serve_w10.sh OUT TPID DATA
# appends "R W10 ours|gdb SECONDS..." (gdb = gdb through gdbserver) and
# "I w10_..." lines (bytes, the dumps' CPU seconds) to $BENCH_OUT.
#   BENCH_W10_RUNS   timed runs of each (3), after one untimed warm-up each
#   BENCH_W10_BYTES  bytes dumped (64 MiB)
#   BENCH_W10_DATASPACES  the dataspaces program serving (the build's; another
#                    build's for a before/after comparison)
set -u
OUT=$1 TPID=$2 DATA=$3
HERE=$(cd "$(dirname "$0")" && pwd)
RES=${BENCH_OUT:?}
RUNS=${BENCH_W10_RUNS:-3}
BYTES=${BENCH_W10_BYTES:-$((64 << 20))}
DS=${BENCH_W10_DATASPACES:-$HERE/${BUILD_DIR:-../build}/dataspaces}
say() { echo "bench: W10: $*" >&2; }

command -v gdb >/dev/null || { say "gdb missing: no W10 row"; exit 0; }
command -v gdbserver >/dev/null || { say "gdbserver missing: no W10 row"; exit 0; }
[ -x "$DS" ] || { say "$DS is not built (make build/dataspaces): no W10 row"; exit 0; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
listens() { grep -qi ":$(printf '%04X' "$1") [0-9A-F:]* 0A " /proc/net/tcp 2>/dev/null; }

SPID="" PORT=""
trap '[ -n "$SPID" ] && kill -9 "$SPID" 2>/dev/null' EXIT
# gdbserver attached to the target; its port in PORT.
start_gdbserver() {
    PORT=$(free_port)
    gdbserver --once --attach "127.0.0.1:$PORT" "$TPID" >>"$OUT/w10-gdbserver.log" 2>&1 &
    SPID=$!
    for _ in $(seq 500); do listens "$PORT" && return 0; kill -0 "$SPID" 2>/dev/null || break; sleep 0.02; done
    say "gdbserver did not listen (out/w10-gdbserver.log)"; return 1
}
# Our stub on the live target, a free port of its own choosing (read back
# from its "Serving ... on 127.0.0.1:PORT" line: no race for the port).
start_ours() {
    : >"$OUT/w10-serve.out"
    "$DS" serve --once --listen 127.0.0.1:0 -p "$TPID" >"$OUT/w10-serve.out" 2>&1 &
    SPID=$!
    for _ in $(seq 500); do
        PORT=$(sed -n 's/^Serving .* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$OUT/w10-serve.out")
        [ -n "$PORT" ] && return 0
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.02
    done
    cat "$OUT/w10-serve.out" >>"$OUT/w10-serve.log"
    say "dataspaces serve did not listen (out/w10-serve.log)"; return 1
}
stop_server() {
    [ -n "$SPID" ] && { timeout 20 tail --pid="$SPID" -f /dev/null 2>/dev/null || kill -9 "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }
    SPID=
    [ -f "$OUT/w10-serve.out" ] && { cat "$OUT/w10-serve.out" >>"$OUT/w10-serve.log"; rm -f "$OUT/w10-serve.out"; }
}
# dump FILE: gdb's dump through the server on PORT (serve_w10_gdb.py); its
# "WALL GDB_CPU SERVER_CPU" seconds on stdout.
dump() {
    rm -f "$1"
    W10_FILE=$1 W10_FROM=$DATA W10_BYTES=$BYTES W10_SERVER_PID=$SPID \
        timeout 600 gdb -batch -nx -ex 'set pagination off' -ex 'set remotetimeout 60' \
        -ex "target remote 127.0.0.1:$PORT" -x "$HERE/serve_w10_gdb.py" \
        >"$OUT/w10-gdb.out" 2>&1
    cat "$OUT/w10-gdb.out" >>"$OUT/w10-gdb.log"
    local s
    s=$(sed -n 's/^W10 //p' "$OUT/w10-gdb.out")
    if [ -z "$s" ] || [ "$(stat -c %s "$1" 2>/dev/null)" != "$BYTES" ]; then
        say "the dump to $1 failed (out/w10-gdb.log)"; return 1
    fi
    echo "$s"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$OUT/w10-gdb.log"; : >"$OUT/w10-gdbserver.log"; : >"$OUT/w10-serve.log"
GS="$OUT/w10-gdbserver.bin" OURS="$OUT/w10-ours.bin"
t_gs=() t_ours=() c_gs=() c_ours=() sc_gs=() sc_ours=() ok=1
for i in $(seq 0 "$RUNS"); do # run 0 is the warm-up of each
    start_gdbserver || { ok=0; break; }
    s=$(dump "$GS"); r=$?; stop_server
    [ $r = 0 ] || { ok=0; break; }
    # shellcheck disable=SC2086 # three numbers
    [ "$i" -gt 0 ] && { set -- $s; t_gs+=("$1"); c_gs+=("$2"); sc_gs+=("$3"); }
    start_ours || { ok=0; break; }
    s=$(dump "$OURS"); r=$?; stop_server
    [ $r = 0 ] || { ok=0; break; }
    # shellcheck disable=SC2086
    [ "$i" -gt 0 ] && { set -- $s; t_ours+=("$1"); c_ours+=("$2"); sc_ours+=("$3"); }
    # The same bytes both ways, every run; and gdbserver's are the target's
    # pattern (a sample of words: mix(i) & 0x7f.., bench/target.c).
    if ! cmp -s "$GS" "$OURS"; then
        say "run $i: the two dumps differ: $(cmp "$GS" "$OURS" 2>&1 | head -1)"; ok=0; break
    fi
    if [ "$i" = 0 ] && ! python3 - "$GS" <<'PYEOF'
import struct, sys
M = (1 << 64) - 1
def mix(x):
    x = (x + 0x9E3779B97F4A7C15) & M
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M
    return x ^ (x >> 31)
data = open(sys.argv[1], "rb").read()
words = len(data) // 8
step = max(1, words // 65536)
for i in list(range(0, words, step)) + [words - 1]:
    if struct.unpack_from("<Q", data, 8 * i)[0] != mix(i) & 0x7F7F7F7F7F7F7F7F:
        sys.exit("word %d of the dump is not the target's pattern" % i)
PYEOF
    then
        say "the dump is not the target's bytes"; ok=0; break
    fi
done
rm -f "$GS" "$OURS"
[ $ok = 1 ] || exit 0
say "gdbserver ${t_gs[*]} s, ours ${t_ours[*]} s"
{
    echo "R W10 gdb ${t_gs[*]}"
    echo "R W10 ours ${t_ours[*]}"
    echo "I w10_bytes $BYTES"
    echo "I w10_identical 1"
    # CPU seconds of the dump (medians): gdb's and the server's, each way.
    echo "I w10_cpu_s_gdb_via_gdbserver $(median "${c_gs[@]}")"
    echo "I w10_cpu_s_gdbserver $(median "${sc_gs[@]}")"
    echo "I w10_cpu_s_gdb_via_ours $(median "${c_ours[@]}")"
    echo "I w10_cpu_s_ours $(median "${sc_ours[@]}")"
} >>"$RES"
