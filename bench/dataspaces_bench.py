"""dataspaces_bench — our Python package (python/, `make python-module`)
through the same Python loops as gdb_bench.py, lldb_bench.py and
drgn_bench.py (py_workloads.py), run by run.sh with Debian's /usr/bin/python3:
   dataspaces_bench.py live PID    attach (the process stopped throughout):
                                   W2p, W3p
   dataspaces_bench.py core CORE   W4p
W2p is py_workloads.walk with Target.read, the cache flushed before each
run as in W2; W3p is small_word with Target.read_u64 (and small with
Target.read(addr, 8), info line w3p_read8_ns); W4p is bulk_into with
Target.read_into into one 1 MiB bytearray."""
import statistics
import sys

import dataspaces

import py_workloads as w

e = w.env()
mode, what = sys.argv[1], sys.argv[2]
t = dataspaces.attach(int(what)) if mode == "live" else dataspaces.open(what)
w.check_bulk(t.read, e["data"])
if mode == "live":
    def cold_walk():
        t.flush_cache()  # outside the timing, as bench.c's W2 does
        return w.walk(t.read, e["head"], e["nodes"])
    w.emit(e, "W2p", "ours", w.repeat(e["runs"], cold_walk))
    warm = w.repeat(e["runs"], w.walk, t.read, e["head"], e["nodes"])
    w.info(e, "w2p_warm_ms", "%.2f" % (statistics.median(warm) * 1e3))
    w.emit(e, "W3p", "ours", w.repeat(e["runs"], w.small_word, t.read_u64, e["data"] + 64))
    read8 = w.repeat(e["runs"], w.small, t.read, e["data"] + 64)
    w.info(e, "w3p_read8_ns", "%.1f" % (statistics.median(read8) * 1e9))
else:
    w.emit(e, "W4p", "ours", w.repeat(e["runs"], w.bulk_into, t.read_into, e["data"], e["size"]))
t.close()
