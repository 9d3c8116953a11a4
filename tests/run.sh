#!/bin/sh
# Run every test program given (BUILD/tests/NAME; its helpers are taken
# from BUILD/helpers), show its output, and end with one line
# counting all their tests: "N passed, N failed, N skipped".
# A program that dies before cmocka's summary counts as one failure.
# The header and install tests run first unless DS_RUN_EXTRAS=0 (make
# conformance, which has run them nowhere else, sets it).
BUILD=${BUILD:-build}
export DS_TESTDATA="${DS_TESTDATA:-$(cd "$PWD/../shared/testdata" 2>/dev/null && pwd)}"
export DS_BUILD="$PWD/$BUILD"
passed=0 failed=0 skipped=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

if [ "${DS_RUN_EXTRAS:-1}" != 0 ]; then
# The header test: every public header alone, as C11 and C++17.
if make --no-print-directory -s headers BUILD="$BUILD" >"$out" 2>&1; then
    passed=$((passed + 1)); echo "[  PASSED  ] headers"
else
    failed=$((failed + 1)); cat "$out"; echo "[  FAILED  ] headers"
fi

# The dbgeng face: every method's vtable slot against mingw-w64's dbgeng.h
# (and Microsoft's IDebugDataSpaces4 order), a swapped slot caught; and the
# generated header part and vtables as tools/gen_dbgeng.py writes them.
if python3 tools/check_dbgeng_slots.py --self-test "$BUILD" >"$out" 2>&1; then
    passed=$((passed + 1)); echo "[  PASSED  ] dbgeng slots: $(head -n 1 "$out")"
else
    failed=$((failed + 1)); cat "$out"; echo "[  FAILED  ] dbgeng slots"
fi
if python3 tools/gen_dbgeng.py --check >"$out" 2>&1; then
    passed=$((passed + 1)); echo "[  PASSED  ] dbgeng.h, vtables.c, methods.h as tools/gen_dbgeng.py writes them"
else
    failed=$((failed + 1)); cat "$out"; echo "[  FAILED  ] dbgeng generated files"
fi

# The dbgeng face's examples (C and C++), run as `make demo` runs them: each
# must find what the demo target holds.
ex="$BUILD/examples"
if "$ex/dbgeng_triage" "$ex/demo_target" >"$out" 2>&1 &&
   grep -q 'found 0x[0-9a-f]*: "Hello from the demo target!"' "$out" &&
   "$ex/dbgeng_scan" "$ex/demo_target" >"$out" 2>&1 && grep -q 'module 0: demo_target' "$out"; then
    passed=$((passed + 1)); echo "[  PASSED  ] dbgeng examples (dbgeng_triage, dbgeng_scan)"
else
    failed=$((failed + 1)); cat "$out"; echo "[  FAILED  ] dbgeng examples"
fi

# make install into a scratch prefix, then build against it with pkg-config.
if sh tests/install_test.sh >"$out" 2>&1; then
    passed=$((passed + 1)); echo "[  PASSED  ] install + pkg-config"
else
    failed=$((failed + 1)); cat "$out"; echo "[  FAILED  ] install + pkg-config"
fi
fi

for t in "$@"; do
    # Each build directory has its own helpers (plain or sanitized).
    dir=$(cd "$(dirname "$t")/.." && pwd)
    echo "==== $(basename "$dir")/$(basename "$t")"
    DS_HELPERS="$dir/helpers" timeout 600 "$t" >"$out" 2>&1
    rc=$?
    cat "$out"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
    s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
    p=${p:-0} f=${f:-0} s=${s:-0}
    if [ -z "$(grep -E '^\[  (PASSED|FAILED) +\] [0-9]+ test' "$out")" ] || { [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; }; then
        echo "[  FAILED  ] $(basename "$dir")/$(basename "$t") exited with status $rc before its summary"
        f=$((f + 1))
    fi
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
# The Python package's tests (python/tests, pytest), once for each build
# directory above that has the package built (make python), counted from
# pytest's summary line; errors count as failures, and so does a run that
# dies before its summary.
if [ "${DS_RUN_EXTRAS:-1}" != 0 ]; then
for dir in $(for t in "$@"; do (cd "$(dirname "$t")/.." && pwd); done | sort -u); do
    [ -d "$dir/python/dataspaces" ] || continue
    echo "==== $(basename "$dir")/python (pytest)"
    timeout 600 sh python/tests/run_pytest.sh "$dir" >"$out" 2>&1
    rc=$?
    cat "$out"
    summary=$(grep -E '^=* *[0-9]+ (passed|failed|skipped|error|errors|deselected)' "$out" | tail -n 1)
    count() { echo "$summary" | grep -oE "[0-9]+ $1" | head -n 1 | cut -d' ' -f1; }
    p=$(count passed) f=$(count failed) s=$(count skipped) e=$(count error)
    p=${p:-0} f=$((${f:-0} + ${e:-0})) s=${s:-0}
    if [ -z "$summary" ] || { [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; }; then
        echo "[  FAILED  ] $(basename "$dir")/python: pytest exited with status $rc before its summary"
        f=$((f + 1))
    fi
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
