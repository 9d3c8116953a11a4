#!/bin/bash
# dump_w11.sh — row W11 (bench/README.md): a whole dump of the bench target,
# ours (dump_bench: ds_write_dump, a full-memory minidump) and gdb's gcore
# (its ELF core), in the same run, one after the other, each with one
# untimed warm-up. Called by run.sh:
#     dump_w11.sh OUT TPID
# appends "R W11 ..." and "I w11_bytes_* ..." lines to $BENCH_OUT.
#   BENCH_W11_RUNS   timed runs of each (3)
set -u
OUT=$1 TPID=$2
RES=${BENCH_OUT:?}
RUNS=${BENCH_W11_RUNS:-3}
say() { echo "bench: W11: $*" >&2; }

timeout 900 "$OUT/dump_bench" "$TPID" "$OUT/w11.dmp" "$RUNS" >"$OUT/w11-ours.log" 2>&1 ||
    say "ours failed (out/w11-ours.log)"
grep -E '^[RI] ' "$OUT/w11-ours.log" >>"$RES"
rm -f "$OUT/w11.dmp"

command -v gcore >/dev/null || { say "gcore missing: its cell reads n/a"; exit 0; }
times=() size=
for i in $(seq 0 "$RUNS"); do
    rm -f "$OUT/w11.$TPID"
    t=$(date +%s.%N)
    if ! timeout 900 gcore -o "$OUT/w11" "$TPID" >>"$OUT/w11-gdb.log" 2>&1 || [ ! -s "$OUT/w11.$TPID" ]; then
        say "gcore failed (out/w11-gdb.log)"; rm -f "$OUT/w11.$TPID"; exit 0
    fi
    dt=$(awk "BEGIN { print $(date +%s.%N) - $t }")
    size=$(stat -c %s "$OUT/w11.$TPID")
    [ "$i" -gt 0 ] && times+=("$dt") # run 0 is the warm-up
done
rm -f "$OUT/w11.$TPID"
echo "R W11 gdb ${times[*]}" >>"$RES"
echo "I w11_bytes_gdb $size" >>"$RES"
