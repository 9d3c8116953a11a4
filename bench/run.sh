#!/bin/bash
# run.sh — run every workload for every tool, one tool at a time, and print
# the table (bench/README.md). Called by `make` here after the build.
#
#   BENCH_RUNS            timed repetitions of our C side and the limits (11)
#   BENCH_DEBUGGER_RUNS   timed repetitions of gdb, lldb and drgn (5)
#   BENCH_DUMP            the minidump of W7 (default
#                         $DS_TESTDATA/minidump/wine8-x64-fullmem.dmp, DS_TESTDATA
#                         defaulting to shared/testdata beside the checkout)
#   BENCH_ONLY            space-separated subset of: ours gdb lldb drgn remote serve dump
#                         (all; remote = row W9, ours and gdb through gdbserver:
#                         remote_w9.sh; serve = row W10, gdb's dump through gdbserver and
#                         through dataspaces serve: serve_w10.sh; dump = row W11 alone,
#                         ours and gcore: dump_w11.sh)
#   BENCH_UPDATE_DOCS=1   also paste the table into ../docs/performance.md
#                         (between its "<!-- bench table -->" markers)
set -u
cd "$(dirname "$0")"
HERE=$PWD
OUT=$HERE/out
RES=$OUT/results.txt
PY=/usr/bin/python3
LLDB_SERVER=/usr/lib/llvm-14/bin/lldb-server
TESTDATA=${DS_TESTDATA:-$HERE/../../shared/testdata}
DUMP=${BENCH_DUMP:-$TESTDATA/minidump/wine8-x64-fullmem.dmp}
ONLY=${BENCH_ONLY:-ours gdb lldb drgn remote serve dump}
export BENCH_RUNS=${BENCH_RUNS:-11}
DRUNS=${BENCH_DEBUGGER_RUNS:-5}
T0=$(date +%s)

say() { echo "bench: $*" >&2; }
want() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }
elapsed() { echo $(($(date +%s) - T0)); }

mkdir -p "$OUT"
: >"$RES"
rm -f "$OUT"/target.core "$OUT"/target.[0-9]*

# ---- the target ------------------------------------------------------------
"$OUT/target" >"$OUT/target.info" &
TPID=$!
cleanup() {
    kill -CONT "$TPID" 2>/dev/null
    kill -KILL "$TPID" 2>/dev/null
    wait "$TPID" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for _ in $(seq 300); do
    grep -q '^ready$' "$OUT/target.info" 2>/dev/null && break
    kill -0 "$TPID" 2>/dev/null || { say "the target died"; exit 1; }
    sleep 0.1
done
grep -q '^ready$' "$OUT/target.info" || { say "the target never got ready"; exit 1; }
eval "$(grep -E '^(data|size|head|nodes|selfwalk_ms)=' "$OUT/target.info")"
export BENCH_DATA=$data BENCH_SIZE=$size BENCH_HEAD=$head BENCH_NODES=$nodes
export BENCH_OUT=$RES BENCH_DIR=$HERE
say "target pid $TPID: data $data ($((size >> 20)) MiB), list head $head ($nodes nodes)"
{
    echo "I data_bytes $((size))"
    echo "I machine_nproc $(nproc)"
    echo "I machine_cpu $(lscpu | sed -n 's/^Model name: *//p' | head -1 | tr ' ' '_')"
    echo "I machine_kernel $(uname -r)"
    echo "I selfwalk_ms ${selfwalk_ms:-n/a}"
    echo "I load_start $(cut -d' ' -f1 /proc/loadavg)"
} >>"$RES"

# The hit path's code: no string instruction may sit on it (hitpath.sh).
bash "$HERE/hitpath.sh" "$HERE/${BUILD_DIR:-../build}/libdataspaces.a" >>"$RES"

# ---- the core (gcore attaches, writes, detaches) ----------------------------
CORE=$OUT/target.core
if command -v gcore >/dev/null; then
    t=$(date +%s.%N)
    if gcore -o "$OUT/target" "$TPID" >"$OUT/gcore.log" 2>&1 && [ -s "$OUT/target.$TPID" ]; then
        mv "$OUT/target.$TPID" "$CORE"
        echo "I gcore_s $(awk "BEGIN { print $(date +%s.%N) - $t }")" >>"$RES"
        say "core: $(du -m "$CORE" | cut -f1) MiB written by gcore"
    else
        say "gcore failed (see out/gcore.log): no core rows"
    fi
else
    say "gcore (Debian's gdb) is missing: no core rows"
fi

# run NAME TIMEOUT COMMAND...: one tool, alone, its output in out/NAME.log
run() {
    local name=$1 limit=$2
    shift 2
    say "$name ... ($(elapsed) s so far)"
    if ! timeout --kill-after=10 "$limit" "$@" >"$OUT/$name.log" 2>&1; then
        say "$name failed or timed out; its cells read n/a (out/$name.log):"
        tail -3 "$OUT/$name.log" | sed 's/^/    /' >&2
    fi
}

# lldb's Python module from Debian needs its _lldb link mended: a private copy.
lldb_env() {
    local src
    src=$(ls -d /usr/lib/llvm-14/lib/python3*/dist-packages/lldb 2>/dev/null |
        while read -r d; do [ -f "$d/__init__.py" ] && echo "$d"; done | head -1)
    [ -n "$src" ] && [ -x "$LLDB_SERVER" ] || return 1
    local lib
    lib=$(ls /usr/lib/x86_64-linux-gnu/liblldb-14.so.1 /usr/lib/llvm-14/lib/liblldb.so.1 \
        2>/dev/null | head -1)
    [ -n "$lib" ] || return 1
    rm -rf "$OUT/pylib" && mkdir -p "$OUT/pylib" && cp -r "$src" "$OUT/pylib/" || return 1
    local so
    for so in "$OUT"/pylib/lldb/_lldb*.so; do ln -sf "$lib" "$so"; done
    ln -sf /usr/lib/llvm-14/bin/lldb-argdumper "$OUT/pylib/lldb/lldb-argdumper"
    return 0
}
HAVE_LLDB=0
if want lldb; then
    if lldb_env; then HAVE_LLDB=1; else say "lldb 14 (python3-lldb-14, lldb-14) missing: its column reads n/a"; fi
fi
HAVE_GDB=0
want gdb && { command -v gdb >/dev/null && HAVE_GDB=1 || say "gdb missing: its column reads n/a"; }
HAVE_DRGN=0
want drgn && { $PY -c 'import drgn' 2>/dev/null && HAVE_DRGN=1 || say "drgn (python3-drgn) missing: its column reads n/a"; }

LLDB_PY=(env "PYTHONPATH=$OUT/pylib:$HERE" "LLDB_DEBUGSERVER_PATH=$LLDB_SERVER"
    "BENCH_RUNS=$DRUNS" "$PY")

# ---- live rows: W1 W2 W3 W6 (one tracer at a time) ---------------------------
want ours && run ours-live 300 "$OUT/bench" live "$TPID" "$data" "$size" "$head" "$nodes"
# Our Python package through the peers' Python loops (W2p, W3p; W4p below).
PYPKG=$HERE/${BUILD_DIR:-../build}/python
HAVE_OURS_PY=0
want ours && [ -f "$PYPKG/dataspaces/__init__.py" ] && HAVE_OURS_PY=1
[ $HAVE_OURS_PY = 1 ] && run ours-py-live 300 env PYTHONPATH="$PYPKG:$HERE" \
    $PY "$HERE/dataspaces_bench.py" live "$TPID"
if [ $HAVE_GDB = 1 ]; then
    run gdb-live 300 env BENCH_MODE=live BENCH_RUNS=$DRUNS \
        gdb -nx -q -batch -p "$TPID" -x "$HERE/gdb_bench.py"
fi
[ $HAVE_LLDB = 1 ] && run lldb-live 400 "${LLDB_PY[@]}" "$HERE/lldb_bench.py" live "$TPID"
if [ $HAVE_DRGN = 1 ]; then
    # drgn reads /proc/PID/mem without stopping the process: we stop it.
    kill -STOP "$TPID"
    run drgn-live 300 env PYTHONPATH="$HERE" BENCH_RUNS=$DRUNS $PY "$HERE/drgn_bench.py" live "$TPID"
    kill -CONT "$TPID"
fi

# ---- remote row: W9 (through gdbserver attached to the target; remote_w9.sh) ---
if want remote; then
    say "W9 (gdbserver, loopback and a delayed link) ... ($(elapsed) s so far)"
    bash "$HERE/remote_w9.sh" "$OUT" "$TPID" "$data" "$head" "$nodes"
fi

# ---- serve row: W10 (gdb's dump through gdbserver and through our stub; serve_w10.sh) ---
if want serve; then
    say "W10 (gdb's dump binary memory: gdbserver, dataspaces serve) ... ($(elapsed) s so far)"
    bash "$HERE/serve_w10.sh" "$OUT" "$TPID" "$data"
fi

# ---- dump row: W11 (ours: a full minidump; gdb: gcore's ELF core; dump_w11.sh) ---
if want ours || want gdb || want dump; then
    say "W11 (whole dumps: ours, gcore) ... ($(elapsed) s so far)"
    bash "$HERE/dump_w11.sh" "$OUT" "$TPID"
fi

# ---- core rows: W4 W5 W6 -----------------------------------------------------
if [ -s "$CORE" ]; then
    want ours && run ours-core 300 "$OUT/bench" core "$CORE" "$data" "$size" "$head" "$nodes"
    [ $HAVE_OURS_PY = 1 ] && run ours-py-core 300 env PYTHONPATH="$PYPKG:$HERE" \
        $PY "$HERE/dataspaces_bench.py" core "$CORE"
    [ $HAVE_GDB = 1 ] && run gdb-core 300 env BENCH_MODE=core BENCH_RUNS=$DRUNS \
        gdb -nx -q -batch "$OUT/target" -c "$CORE" -x "$HERE/gdb_bench.py"
    [ $HAVE_LLDB = 1 ] && run lldb-core 300 "${LLDB_PY[@]}" "$HERE/lldb_bench.py" core "$OUT/target" "$CORE"
    [ $HAVE_DRGN = 1 ] && run drgn-core 300 env PYTHONPATH="$HERE" BENCH_RUNS=$DRUNS \
        $PY "$HERE/drgn_bench.py" core "$CORE"
fi
cleanup
trap - EXIT

# ---- minidump row: W7 --------------------------------------------------------
if [ -r "$DUMP" ]; then
    want ours && run ours-minidump 120 "$OUT/bench" minidump "$DUMP"
    [ $HAVE_LLDB = 1 ] && run lldb-minidump 120 "${LLDB_PY[@]}" "$HERE/lldb_bench.py" minidump "$DUMP"
else
    say "no minidump at $DUMP (BENCH_DUMP): no W7 row"
fi
want ours && run ours-touching 120 "$OUT/touching_loads"
for f in "$OUT"/ours-*.log; do grep -E '^[RI] ' "$f" >>"$RES"; done 2>/dev/null

rm -f "$CORE" # 260 MiB; made anew each run
echo "I total_s $(elapsed)" >>"$RES"
echo "I load_end $(cut -d' ' -f1 /proc/loadavg)" >>"$RES"
$PY "$HERE/report.py" "$RES" "$OUT"
if [ "${BENCH_UPDATE_DOCS:-0}" = 1 ]; then
    $PY - "$OUT/table.md" "$HERE/../docs/performance.md" <<'PYEOF'
import sys
table, doc = open(sys.argv[1]).read(), sys.argv[2]
text = open(doc).read()
a, b = "<!-- bench table -->\n", "<!-- end bench table -->"
i, j = text.index(a) + len(a), text.index(b)
open(doc, "w").write(text[:i] + "\n" + table + "\n" + text[j:])
print("bench: pasted the table into docs/performance.md")
PYEOF
fi
