"""report — turn out/results.txt into the table: printed, out/bench.csv and
out/table.md (the part docs/performance.md pastes).

    report.py RESULTS OUTDIR

results.txt holds "R <row> <tool> <seconds> ..." (whole workload per value,
or per call for W3) and "I <key> <value>" lines; see bench.c, run.sh and
py_workloads.py."""
import csv
import os
import statistics
import sys
import time

TOOLS = ["ours", "limit", "gdb", "lldb", "drgn"]

# id, workload, unit, goal (unit-kind, threshold, text) or None
ROWS = [
    ("W1", "live: 256 MiB in 1 MiB reads", "GB/s", ("ratio", 0.95, "≥ 0.95× limit")),
    ("W2", "live: 100k-node shuffled list, 16-byte reads, cache cold", "ms", ("max", 3.0, "≤ 3 ms")),
    ("W2w", "live: the same walk again, cache warm", "ms", ("max", 1.5, "≤ 1.5 ms")),
    # W2p W3p W4p: our Python package through the peers' Python loops (dataspaces_bench.py).
    ("W2p", "Python: the W2 walk (Target.read), cache cold", "ms", ("max_drgn", 20.0, "≤ 20 ms, ≥ 7× drgn")),
    ("W3", "live: 8-byte read, same address, cached", "ns/call", ("max", 20.0, "≤ 20 ns")),
    ("W3v", "live: 8-byte read, 512 offsets in one line, cached", "ns/call", ("max", 20.0, "≤ 20 ns")),
    ("W3u", "live: 8-byte read, uncached", "ns/call", None),
    ("W3p", "Python: Target.read_u64, same address, cached", "ns/call", ("max", 150.0, "≤ 150 ns")),
    ("W4", "core: 256 MiB in 1 MiB reads", "GB/s", ("min", 10.0, "≥ 10 GB/s")),
    ("W4p", "Python: W4 in 1 MiB Target.read_into calls", "GB/s", ("ratio", 0.9, "≥ 0.9× C")),
    ("W5", "core: the 100k-node walk", "ms", ("max", 5.0, "≤ 5 ms")),
    ("W6l", "live: search 256 MiB for an absent 8-byte pattern", "GB/s", ("ratio", 0.95, "≥ 0.95× limit")),
    ("W6c", "core: the same search", "GB/s", ("min", 8.0, "≥ 8 GB/s")),
    ("W7", "minidump: open wine8-x64-fullmem.dmp, read every range", "ms", None),
    ("W9b", "remote (gdbserver, loopback): 64 MiB in 1 MiB reads", "MiB/s", ("gdb", 5.0, "≥ 5× gdb")),
    ("W9w", "remote (gdbserver, loopback): the 100k-node walk, cache cold", "ms", ("gdb", 5.0, "≥ 5× gdb")),
    ("W9bd", "remote over the delayed link: 64 MiB", "MiB/s", ("gdb", 20.0, "≥ 20× gdb")),
    ("W9wd", "remote over the delayed link: the walk", "ms", ("gdb", 20.0, "≥ 20× gdb")),
    # W10: gdb's `dump binary memory` of 64 MiB; ours = through `dataspaces serve`,
    # gdb = through gdbserver, the same gdb and live process (serve_w10.sh).
    ("W10", "gdb's dump of 64 MiB live: through our stub (ours) vs gdbserver (gdb)", "MiB/s",
     ("gdb", 1.0, "≥ 1× gdbserver")),
    # W11: each tool's own file (ours a full minidump, gdb's gcore an ELF core), in MB of it a second.
    ("W11", "live: write a whole dump (ours: full minidump; gdb: gcore)", "MB/s", ("gdb", 1.0, "≥ 1× gcore")),
]
# The Python rows: the peers' cells are their rows' (already Python loops),
# the limit column holds our C figure of the same workload.
PY_ROWS = {"W2p": "W2", "W3p": "W3", "W4p": "W4"}

NOTES = """\
- Each cell: median of the timed runs, then (min–max); every run comes after one
  untimed warm-up. Ours and the limit run interleaved in one process.
- Ratios compare speeds: ours/limit = limit time ÷ our time (1.00 = at the limit;
  above 1 = faster than the raw calls, thanks to the cache); gdb/ours, lldb/ours,
  drgn/ours = their time ÷ ours (how many times slower than us they are).
- **Our loop is C calling the library; gdb, lldb and drgn are driven through their
  Python APIs by a Python loop** (gdb `Inferior.read_memory`, lldb
  `SBProcess.ReadMemory`, drgn `Program.read`). That loop's cost is part of what
  their users pay, and it dominates the small-read rows (W2, W3, W3v, W5).
- Limits: live rows are raw `process_vm_readv` of the same bytes in the same pieces
  (W2: one call per node, W3/W3v/W3u: one 8-byte call, W6 live: the 1 MiB calls
  alone, no scan, since no live search can beat taking the bytes out); file rows
  are `memcpy`/`memmem` straight from an mmap of the file
  located by a few lines of ELF or minidump parsing (W5: binary search of the
  PT_LOADs + a 16-byte memcpy per node; W7: open, mmap, walk Memory64List, copy).
- "not met (nor the limit)": the raw limit of the same run falls short of the goal
  as well, so no library change can reach it on this machine in this run.
- W2 flushes our cache before each walk (a walk right after a stop); W2w is the same
  walk with the cache already holding the list.
- W3 rereads one address; W3v reads the 512 8-byte words of one line in a fixed
  scattered order, as a walk over a structure does (one word per call).
- W6: gdb uses `Inferior.search_memory` (its `find`); lldb and drgn have no search
  call, so they read 1 MiB at a time and `bytes.find` (what their users write).
- lldb keeps every large read in its memory cache until the process resumes, so
  each lldb run gets a fresh attach / LoadCore, outside the timing (except W7,
  where opening the dump is the work).
- drgn reads /proc/PID/mem without stopping the process; the target is stopped
  with SIGSTOP for its runs. gdb and drgn cannot open Windows minidumps (W7 n/a).
- The live target is stopped throughout (attached by us, or by gdb/lldb
  themselves, one tracer at a time).
- W2p, W3p, W4p: our Python package (python/) driven by the same Python loops
  as gdb, lldb and drgn (py_workloads.py); their cells repeat their W2, W3, W4
  figures, and the limit column holds our C figure of the same workload (so
  ours/limit is the share of the C speed kept from Python). W3p calls
  `Target.read_u64(addr)` where the peers call their `read(addr, 8)`; our
  `Target.read(addr, 8)` in the peers' exact loop is in the header.
"""


def fmt(v):
    if v is None:
        return "n/a"
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    if v >= 1:
        return "%.2f" % v
    return "%.3f" % v


def main():
    res, outdir = sys.argv[1], sys.argv[2]
    data, info = {}, {}
    with open(res) as f:
        for line in f:
            p = line.split()
            if len(p) >= 4 and p[0] == "R":
                data.setdefault((p[1], p[2]), []).extend(float(x) for x in p[3:])
            elif len(p) >= 3 and p[0] == "I":
                info[p[1]] = " ".join(p[2:])
    nbytes = int(info.get("data_bytes", str(256 << 20)))
    have_search = info.get("have_search", "0") == "1"
    # The uncached row's limit is the same raw 8-byte call as the cached one's.
    if ("W3", "limit") in data:
        data[("W3u", "limit")] = data[("W3", "limit")]
    if ("W2", "limit") in data:
        data[("W2w", "limit")] = data[("W2", "limit")]
    for prow, crow in PY_ROWS.items():
        for tool in ("gdb", "lldb", "drgn"):
            if (crow, tool) in data:
                data[(prow, tool)] = data[(crow, tool)]
        if (crow, "ours") in data:
            data[(prow, "limit")] = data[(crow, "ours")]

    w9_bytes = int(info.get("w9_bytes", str(64 << 20)))
    w10_bytes = int(info.get("w10_bytes", str(64 << 20)))

    def conv(unit, t, tool=None, rid=None):
        if unit == "MB/s":  # row W11: the bytes of the file each tool wrote
            return int(info.get("w11_bytes_" + (tool or "ours"), "0")) / t / 1e6
        if unit == "MiB/s":  # rows W9's and W10's 64 MiB
            return (w10_bytes if rid == "W10" else w9_bytes) / t / (1 << 20)
        if unit == "GB/s":
            return nbytes / t / 1e9
        if unit == "ms":
            return t * 1e3
        return t * 1e9

    table, csvrows = [], []
    for rid, name, unit, goal in ROWS:
        cells, med_t = {}, {}
        for tool in TOOLS:
            v = data.get((rid, tool))
            if not v:
                cells[tool] = None
                continue
            m = statistics.median(v)
            med_t[tool] = m
            lo, hi = sorted((conv(unit, min(v), tool, rid), conv(unit, max(v), tool, rid)))
            cells[tool] = (conv(unit, m, tool, rid), lo, hi, len(v))

        def ratio(a, b):  # speed of a relative to b = time b / time a
            return med_t[b] / med_t[a] if a in med_t and b in med_t else None
        r_lim = ratio("ours", "limit")
        r_gdb, r_lldb, r_drgn = (ratio("ours", t) for t in ("gdb", "lldb", "drgn"))
        if unit == "MB/s" and cells["ours"] and cells["gdb"]:  # W11: files differ: rates
            r_gdb = cells["ours"][0] / cells["gdb"][0]
        status = "—"
        if goal and cells["ours"]:
            kind, thr, _ = goal
            ours = cells["ours"][0]
            if kind == "gdb":  # W9: how many times gdb's time ours is
                ok = r_gdb is not None and r_gdb >= thr
            else:
                ok = (r_lim is not None and r_lim >= thr) if kind == "ratio" else \
                    (ours <= thr if kind == "max" else ours >= thr)
            status = "met" if ok else "not met"
            # A throughput goal the raw limit itself missed in this run.
            if not ok and kind == "min" and cells["limit"] and cells["limit"][0] < thr:
                status = "not met (nor the limit)"
        elif goal:
            status = "n/a"
        if goal and goal[0] == "max_drgn" and cells["ours"]:  # W2p: a time and ≥ 7× drgn
            ok = cells["ours"][0] <= goal[1] and r_drgn is not None and r_drgn >= 7.0
            status = "met" if ok else "not met"

        def cell(tool):
            c = cells[tool]
            if c:
                return "%s (%s–%s)" % (fmt(c[0]), fmt(c[1]), fmt(c[2]))
            if tool == "ours" and rid in ("W6l", "W6c") and not have_search:
                return "n/a (search not built)"
            if rid == "W7" and tool in ("gdb", "drgn"):
                return "n/a (no minidumps)"
            if rid in ("W3u", "W2w") and tool in ("gdb", "lldb", "drgn"):
                return "—"
            return "n/a"

        def rcell(r, suffix="×"):
            return "%s%s" % (fmt(r), suffix) if r is not None else "—"
        table.append([rid, name, unit] + [cell(t) for t in TOOLS] +
                     [rcell(r_lim), rcell(r_gdb), rcell(r_lldb), rcell(r_drgn),
                      goal[2] if goal else "—", status])
        def num(x):
            return float("%.4g" % x) if isinstance(x, float) else x
        row = {"id": rid, "workload": name, "unit": unit}
        for t in TOOLS:
            c = cells[t]
            row.update({t + "_median": num(c[0]) if c else "", t + "_min": num(c[1]) if c else "",
                        t + "_max": num(c[2]) if c else "", t + "_runs": c[3] if c else 0})
        row.update({"ours_per_limit": num(r_lim) if r_lim else "",
                    "gdb_per_ours": num(r_gdb) if r_gdb else "",
                    "lldb_per_ours": num(r_lldb) if r_lldb else "",
                    "drgn_per_ours": num(r_drgn) if r_drgn else "",
                    "goal": goal[2] if goal else "", "status": status})
        csvrows.append(row)

    header = ["id", "workload", "unit", "ours", "limit", "gdb", "lldb", "drgn",
              "ours/limit", "gdb/ours", "lldb/ours", "drgn/ours", "goal", "met"]
    widths = [max(len(str(r[i])) for r in table + [header]) for i in range(len(header))]

    def line(r):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    md = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    md += [line(r) for r in table]

    machine = "%s × %s, Linux %s" % (info.get("machine_nproc", "?"),
                                      info.get("machine_cpu", "?").replace("_", " "),
                                      info.get("machine_kernel", "?"))
    head = ["Run %s on %s (nproc × lscpu model name, kernel)." %
            (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), machine),
            "Tools: gdb %s; drgn %s; %s." % (info.get("gdb_version", "n/a"),
                                             info.get("drgn_version", "n/a"),
                                             info.get("lldb_version", "lldb n/a").replace("_", " ")),
            "Run took %s s in all (gcore %s s)." % (info.get("total_s", "?"),
                                                   info.get("gcore_s", "?")[:5])]
    if info.get("selfwalk_ms", "n/a") != "n/a":
        head.append("The target walking its own list in place (no library, no system call): "
                    "%s ms, the floor under W2 and W2w on this machine." % info["selfwalk_ms"])
    if "w3p_read8_ns" in info or "w2p_warm_ms" in info:
        head.append("Python, ours: Target.read(addr, 8) in the W3 loop %s ns a call; the W2p walk "
                    "with the cache warm %s ms." % (info.get("w3p_read8_ns", "n/a"),
                                                   info.get("w2p_warm_ms", "n/a")))
    if info.get("hitpath_string_insns", "n/a") != "n/a":
        n = int(info["hitpath_string_insns"])
        head.append("Hit path (ds_read_virtual → ds_read_common → ds_cache_read, %s functions "
                    "as built): %s." % (info.get("hitpath_functions", "?"),
                                        "no string instructions" if n == 0 else
                                        "%d string instructions (rep movs/stos)" % n))
    if "load_start" in info:
        head.append("Load average (1 min) at the start and the end: %s, %s (the W6 live search "
                    "scans on a second thread: it needs a free core)." %
                    (info["load_start"], info.get("load_end", "?")))
    if "w6l_cpu_ms_ours" in info:
        head.append("W6l CPU time (both threads), median: ours %s ms, the limit %s ms." %
                    (info["w6l_cpu_ms_ours"], info.get("w6l_cpu_ms_limit", "?")))
    if not have_search:
        head.append("ds_search_virtual was not in the library: our W6 cells read n/a.")
    if "w7_bytes_ours" in info:
        head.append("W7 read %s bytes (ours), %s (the dump's memory lists), %s (lldb)." %
                    (info.get("w7_bytes_ours"), info.get("w7_bytes_limit", "?"),
                     info.get("w7_bytes_lldb", "n/a")))
    if "w9_delay_ms_each_way" in info:
        head.append("W9: gdbserver --once --attach on the live target, one client at a time; the "
                    "delayed link holds each direction %s ms (a %s ms round trip) in a proxy on "
                    "loopback. Over the link gdb read samples (%s), its times scaled to the "
                    "whole workload." % (info["w9_delay_ms_each_way"],
                                         2 * int(info["w9_delay_ms_each_way"]),
                                         info.get("w9_gdb_sampled", "?").replace("_", " ")))
    if "w10_bytes" in info:
        head.append("W10: the same `gdb -batch` runs `dump binary memory` of %s bytes of the live "
                    "target through `gdbserver --once --attach` (the gdb column) and through "
                    "`dataspaces serve --once -p` (ours), alternating, a fresh server and gdb each "
                    "run, only the dump timed; the two dumps were byte-identical%s. gdb/ours is "
                    "gdbserver's time over ours." %
                    (info["w10_bytes"], " and the target's pattern" if info.get("w10_identical") == "1"
                     else " (not checked)"))
        if "w10_cpu_s_ours" in info:
            head.append("W10 CPU seconds of one dump (medians; they move less with the load than "
                        "the times): through gdbserver gdb %s + gdbserver %s; through ours gdb %s "
                        "+ ours %s." % (info.get("w10_cpu_s_gdb_via_gdbserver", "?"),
                                       info.get("w10_cpu_s_gdbserver", "?"),
                                       info.get("w10_cpu_s_gdb_via_ours", "?"),
                                       info["w10_cpu_s_ours"]))
    if "w11_bytes_ours" in info or "w11_bytes_gdb" in info:
        head.append("W11: ours wrote a %s-byte full minidump, gcore a %s-byte ELF core of the "
                    "same stopped process; each rate is its own file's bytes a second, and "
                    "gdb/ours is our rate over gcore's." % (info.get("w11_bytes_ours", "n/a"),
                                                         info.get("w11_bytes_gdb", "n/a")))
    text = "\n".join(head) + "\n\n" + "\n".join(md) + "\n\n" + NOTES
    print()
    print(text)
    with open(os.path.join(outdir, "table.md"), "w") as f:
        f.write(text)
    with open(os.path.join(outdir, "bench.csv"), "w", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=list(csvrows[0].keys()))
        wr.writeheader()
        wr.writerows(csvrows)
    print("bench: wrote %s and %s" % (os.path.join(outdir, "bench.csv"),
                                      os.path.join(outdir, "table.md")))


if __name__ == "__main__":
    main()
