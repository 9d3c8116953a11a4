"""gdb_bench — the workloads in gdb's Python API, run by run.sh as
   gdb -nx -q -batch -p PID -x gdb_bench.py            (BENCH_MODE=live)
   gdb -nx -q -batch out/target -c CORE -x gdb_bench.py  (BENCH_MODE=core)
Reads with gdb.selected_inferior().read_memory; searches with
Inferior.search_memory (the `find` command's engine). See py_workloads.py."""
import os
import sys

import gdb

sys.path.insert(0, os.environ.get("BENCH_DIR", "."))
import py_workloads as w  # noqa: E402

e = w.env()
mode = os.environ["BENCH_MODE"]
inf = gdb.selected_inferior()
read = inf.read_memory
search = inf.search_memory


def find_native(data, size):
    t0 = w.time.perf_counter()
    if search(data, size, w.PATTERN) is not None:
        raise RuntimeError("gdb found the absent pattern")
    return w.time.perf_counter() - t0


w.info(e, "gdb_version", gdb.VERSION.replace(" ", "_"))
w.check_bulk(read, e["data"])
if mode == "live":
    w.emit(e, "W1", "gdb", w.repeat(e["runs"], w.bulk, read, e["data"], e["size"]))
    w.emit(e, "W2", "gdb", w.repeat(e["runs"], w.walk, read, e["head"], e["nodes"]))
    w.emit(e, "W3", "gdb", w.repeat(e["runs"], w.small, read, e["data"] + 64))
    w.emit(e, "W3v", "gdb", w.repeat(e["runs"], w.small_varied, read, e["data"] + 4096))
    w.emit(e, "W6l", "gdb", w.repeat(e["runs"], find_native, e["data"], e["size"]))
else:
    w.emit(e, "W4", "gdb", w.repeat(e["runs"], w.bulk, read, e["data"], e["size"]))
    w.emit(e, "W5", "gdb", w.repeat(e["runs"], w.walk, read, e["head"], e["nodes"]))
    w.emit(e, "W6c", "gdb", w.repeat(e["runs"], find_native, e["data"], e["size"]))
gdb.execute("detach" if mode == "live" else "kill", to_string=True)
