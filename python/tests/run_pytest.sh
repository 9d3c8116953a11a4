#!/bin/sh
# Run the Python package's tests against one build directory (its
# python/dataspaces package, helpers and make_minidump), with Debian's
# Python. An ASan/UBSan build's extension needs the sanitizer runtime
# loaded first: it is preloaded into the interpreter (and only there:
# conftest.py takes LD_PRELOAD out of what the tests start).
#   sh python/tests/run_pytest.sh BUILD_DIR [pytest arguments]
dir=$(cd "$1" && pwd) || exit 1
shift
PY=${PYTHON:-/usr/bin/python3}
so=$(ls "$dir"/python/dataspaces/_dataspaces*.so 2>/dev/null | head -n 1)
[ -n "$so" ] || { echo "run_pytest: no extension under $dir/python (make python)" >&2; exit 1; }
if ldd "$so" | grep -q libasan; then
    asan=$(${CC:-cc} -print-file-name=libasan.so)
    ubsan=$(${CC:-cc} -print-file-name=libubsan.so)
    # The interpreter's own allocations are not ours to report (no leak
    # check); a small quarantine keeps the RSS test's figure meaningful.
    export LD_PRELOAD="$asan $ubsan" DS_PY_ASAN=1
    export ASAN_OPTIONS="detect_leaks=0:quarantine_size_mb=4:${ASAN_OPTIONS:-}"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
fi
cd "$(dirname "$0")" || exit 1
PYTHONPATH="$dir/python" DS_BUILD="$dir" DS_HELPERS="$dir/helpers" PYTHONDONTWRITEBYTECODE=1 \
    exec "$PY" -m pytest -p no:cacheprovider -q -rfE "$@" .
