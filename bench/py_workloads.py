"""py_workloads — the workloads as a gdb, lldb or drgn user writes them in
Python, shared by gdb_bench.py, lldb_bench.py and drgn_bench.py.

Each tool hands in its own read function, `read(addr, size) -> bytes-like`,
bound to its native call (gdb: Inferior.read_memory, lldb:
SBProcess.ReadMemory, drgn: Program.read). Every loop is the plain idiomatic
one: the Python cost of the loop is part of what that tool's users pay.

Parameters come from the environment (set by run.sh):
  BENCH_DATA BENCH_SIZE BENCH_HEAD BENCH_NODES  what target.c reported
  BENCH_RUNS    timed repetitions (one untimed warm-up comes first)
  BENCH_OUT     results file; lines "R <row> <tool> <seconds> ..."
"""
import os
import struct
import time

MiB = 1 << 20
# The absent pattern (bench.c's PATTERN): every byte of the data is < 0x80.
PATTERN = bytes([0xDE, 0xAD, 0xBE, 0xEF, 0xFE, 0xED, 0xFA, 0xCE])
SMALL_CALLS = int(os.environ.get("BENCH_SMALL_CALLS", "50000"))


def env():
    g = os.environ.get
    return dict(data=int(g("BENCH_DATA", "0"), 0), size=int(g("BENCH_SIZE", "0"), 0),
                head=int(g("BENCH_HEAD", "0"), 0), nodes=int(g("BENCH_NODES", "0"), 0),
                runs=int(g("BENCH_RUNS", "5")), out=g("BENCH_OUT", "/dev/stdout"))


def mix(x):
    m = (1 << 64) - 1
    x = (x + 0x9E3779B97F4A7C15) & m
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & m
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & m
    return x ^ (x >> 31)


def expected_word(i):
    return mix(i) & 0x7F7F7F7F7F7F7F7F


def emit(e, row, tool, values):
    with open(e["out"], "a") as f:
        f.write("R %s %s %s\n" % (row, tool, " ".join("%.9g" % v for v in values)))


def info(e, key, value):
    with open(e["out"], "a") as f:
        f.write("I %s %s\n" % (key, value))


def repeat(runs, fn, *args):
    fn(*args)  # warm-up, untimed
    return [fn(*args) for _ in range(runs)]


def repeat_fresh(runs, session, fn, *args):
    """As repeat, but each run (and the warm-up) gets a fresh session from
    session() -> (read, close), opened and closed outside the timing: for a
    tool whose memory cache keeps what a run read (lldb keeps every large
    read until the process resumes), so that no run reads the last one's
    copy."""
    times = []
    for i in range(runs + 1):
        read, close = session()
        dt = fn(read, *args)
        close()
        if i:
            times.append(dt)
    return times


def check_bulk(read, data):
    """The tool reads the right bytes: the first and the last word of a piece."""
    b = bytes(read(data + 3 * MiB, MiB))
    first, = struct.unpack_from("<Q", b, 0)
    last, = struct.unpack_from("<Q", b, MiB - 8)
    if first != expected_word(3 * MiB // 8) or last != expected_word(4 * MiB // 8 - 1):
        raise RuntimeError("wrong bytes read at data+3MiB")


def bulk(read, data, size):
    """256 MiB in 1 MiB reads."""
    t0 = time.perf_counter()
    for off in range(0, size, MiB):
        read(data + off, MiB)
    return time.perf_counter() - t0


def walk(read, head, nodes):
    """The linked list, one 16-byte read per node (next, index)."""
    unpack = struct.Struct("<QQ").unpack
    t0 = time.perf_counter()
    node, k = head, 0
    while node:
        node, index = unpack(read(node, 16))
        if index != k:
            raise RuntimeError("node %d holds %d" % (k, index))
        k += 1
    dt = time.perf_counter() - t0
    if k != nodes:
        raise RuntimeError("walked %d nodes of %d" % (k, nodes))
    return dt


def small(read, addr, calls=SMALL_CALLS):
    """One 8-byte read at the same address, many times: seconds per call."""
    t0 = time.perf_counter()
    for _ in range(calls):
        read(addr, 8)
    return (time.perf_counter() - t0) / calls


def small_varied(read, addr, calls=SMALL_CALLS):
    """One 8-byte read per call at another of the 512 8-byte offsets of the
    line at addr (bench.c's W3v order): seconds per call."""
    offs = [((i * 167) & 511) * 8 for i in range(512)]
    t0 = time.perf_counter()
    for i in range(calls):
        read(addr + offs[i & 511], 8)
    return (time.perf_counter() - t0) / calls


def find_chunked(read, data, size):
    """What a user of a tool without a search call writes: read 1 MiB (plus
    7 bytes of overlap) and bytes.find the pattern in it."""
    t0 = time.perf_counter()
    over = len(PATTERN) - 1
    for off in range(0, size, MiB):
        n = MiB + over if off + MiB + over <= size else size - off
        if bytes(read(data + off, n)).find(PATTERN) >= 0:
            raise RuntimeError("found the absent pattern")
    return time.perf_counter() - t0


def small_word(read_word, addr, calls=SMALL_CALLS):
    """One cached 8-byte word per call through a tool's integer read
    (dataspaces: Target.read_u64), the loop of small(): seconds per call."""
    t0 = time.perf_counter()
    for _ in range(calls):
        read_word(addr)
    return (time.perf_counter() - t0) / calls


def bulk_into(read_into, data, size):
    """256 MiB in 1 MiB reads into one reused buffer (read_into)."""
    buf = bytearray(MiB)
    t0 = time.perf_counter()
    for off in range(0, size, MiB):
        read_into(data + off, buf)
    return time.perf_counter() - t0
