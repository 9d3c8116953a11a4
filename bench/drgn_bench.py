"""drgn_bench — the workloads in drgn's Python API (Program.read), run by
run.sh with Debian's /usr/bin/python3:
   drgn_bench.py live PID     (drgn reads /proc/PID/mem; run.sh stops the
                               process with SIGSTOP around it)
   drgn_bench.py core CORE
drgn has no search call: W6 is read 1 MiB + bytes.find. See py_workloads.py."""
import sys

import drgn

import py_workloads as w

e = w.env()
mode, what = sys.argv[1], sys.argv[2]
prog = drgn.Program()
if mode == "live":
    prog.set_pid(int(what))
else:
    prog.set_core_dump(what)
read = prog.read

w.info(e, "drgn_version", drgn.__version__)
w.check_bulk(read, e["data"])
if mode == "live":
    w.emit(e, "W1", "drgn", w.repeat(e["runs"], w.bulk, read, e["data"], e["size"]))
    w.emit(e, "W2", "drgn", w.repeat(e["runs"], w.walk, read, e["head"], e["nodes"]))
    w.emit(e, "W3", "drgn", w.repeat(e["runs"], w.small, read, e["data"] + 64))
    w.emit(e, "W3v", "drgn", w.repeat(e["runs"], w.small_varied, read, e["data"] + 4096))
    w.emit(e, "W6l", "drgn", w.repeat(e["runs"], w.find_chunked, read, e["data"], e["size"]))
else:
    w.emit(e, "W4", "drgn", w.repeat(e["runs"], w.bulk, read, e["data"], e["size"]))
    w.emit(e, "W5", "drgn", w.repeat(e["runs"], w.walk, read, e["head"], e["nodes"]))
    w.emit(e, "W6c", "drgn", w.repeat(e["runs"], w.find_chunked, read, e["data"], e["size"]))
