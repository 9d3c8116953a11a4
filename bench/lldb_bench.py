"""lldb_bench — the workloads in lldb's Python API (SBProcess.ReadMemory),
run by run.sh with Debian's /usr/bin/python3 and python3-lldb-14 (from a
private copy whose _lldb link is mended, with LLDB_DEBUGSERVER_PATH set):
   lldb_bench.py live PID        attach, W1 W2 W3 W6, detach
   lldb_bench.py core EXE CORE   W4 W5 W6
   lldb_bench.py minidump DMP    W7: load, read every readable region, close
lldb has no search call in its API; W6 is read 1 MiB + bytes.find.
lldb keeps every large read in its memory cache until the process resumes,
so each timed run gets a fresh attach (a fresh LoadCore): no run reads the
previous run's copy. Attach and load are outside the timing, except in W7,
where opening the dump is part of the work. See py_workloads.py."""
import sys
import time

import lldb

import py_workloads as w

e = w.env()
mode = sys.argv[1]
lldb.SBDebugger.Initialize()
dbg = lldb.SBDebugger.Create()
dbg.SetAsync(False)
w.info(e, "lldb_version", dbg.GetVersionString().split("\n")[0].replace(" ", "_"))


def reader(process):
    err = lldb.SBError()
    rm = process.ReadMemory

    def read(addr, size):
        b = rm(addr, size, err)
        if b is None or len(b) != size:
            raise RuntimeError("lldb could not read 0x%x: %s" % (addr, err.GetCString()))
        return b
    return read


if mode == "live":
    pid = int(sys.argv[2])

    def session():
        target = dbg.CreateTarget("")
        err = lldb.SBError()
        process = target.AttachToProcessWithID(dbg.GetListener(), pid, err)
        if not err.Success() or not process.IsValid():
            raise SystemExit("lldb could not attach: %s" % err.GetCString())

        def close():
            process.Detach()
            dbg.DeleteTarget(target)
        return reader(process), close
    read, close = session()
    w.check_bulk(read, e["data"])
    close()
    r = e["runs"]
    w.emit(e, "W1", "lldb", w.repeat_fresh(r, session, w.bulk, e["data"], e["size"]))
    w.emit(e, "W2", "lldb", w.repeat_fresh(r, session, w.walk, e["head"], e["nodes"]))
    w.emit(e, "W3", "lldb", w.repeat_fresh(r, session, w.small, e["data"] + 64))
    w.emit(e, "W3v", "lldb", w.repeat_fresh(r, session, w.small_varied, e["data"] + 4096))
    w.emit(e, "W6l", "lldb", w.repeat_fresh(r, session, w.find_chunked, e["data"], e["size"]))
elif mode == "core":
    def session():
        target = dbg.CreateTarget(sys.argv[2])
        process = target.LoadCore(sys.argv[3])
        if not process.IsValid():
            raise SystemExit("lldb could not load the core")
        return reader(process), lambda: dbg.DeleteTarget(target)
    read, close = session()
    w.check_bulk(read, e["data"])
    close()
    r = e["runs"]
    w.emit(e, "W4", "lldb", w.repeat_fresh(r, session, w.bulk, e["data"], e["size"]))
    w.emit(e, "W5", "lldb", w.repeat_fresh(r, session, w.walk, e["head"], e["nodes"]))
    w.emit(e, "W6c", "lldb", w.repeat_fresh(r, session, w.find_chunked, e["data"], e["size"]))
else:
    path = sys.argv[2]

    def whole_dump():
        t0 = time.perf_counter()
        target = dbg.CreateTarget("")
        process = target.LoadCore(path)
        if not process.IsValid():
            raise SystemExit("lldb could not load the minidump")
        err = lldb.SBError()
        regions = process.GetMemoryRegions()
        info = lldb.SBMemoryRegionInfo()
        total = 0
        for i in range(regions.GetSize()):
            regions.GetMemoryRegionAtIndex(i, info)
            if not info.IsReadable():
                continue
            a, end = info.GetRegionBase(), info.GetRegionEnd()
            while a < end:
                n = min(end - a, w.MiB)
                b = process.ReadMemory(a, n, err)
                total += len(b) if b else 0
                a += n
        dbg.DeleteTarget(target)
        whole_dump.bytes = total
        return time.perf_counter() - t0

    w.emit(e, "W7", "lldb", w.repeat(e["runs"], whole_dump))
    w.info(e, "w7_bytes_lldb", whole_dump.bytes)
lldb.SBDebugger.Destroy(dbg)
