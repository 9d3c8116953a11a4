"""gdb_remote_bench — gdb's side of row W9, run by remote_w9.sh as
    gdb -nx -q -batch -ex 'target remote 127.0.0.1:PORT' -x gdb_remote_bench.py
through the same gdbserver (and the same delay proxy) as ours:
  W9b<suffix>: `dump binary memory` of W9_BYTES from BENCH_DATA (what the
               issue measured gdb with), scaled to BENCH_W9_FULL bytes;
  W9w<suffix>: the list walk with Inferior.read_memory over the first
               W9_NODES nodes, scaled to BENCH_NODES.
Over a slow link gdb reads samples (W9_BYTES < 64 MiB, W9_NODES < 100k):
the time is scaled linearly (each request costs one round trip; gdb never
has two in flight), and an info line records the sample sizes."""
import os
import struct
import sys
import time

import gdb

sys.path.insert(0, os.environ.get("BENCH_DIR", "."))
import py_workloads as w  # noqa: E402

e = w.env()
g = os.environ.get
suffix = g("W9_SUFFIX", "")
nbytes = int(g("W9_BYTES", str(64 << 20)))
full = int(g("BENCH_W9_FULL", str(64 << 20)))
nodes = int(g("W9_NODES", str(e["nodes"])))
runs = int(g("W9_RUNS", "1"))
dump = g("W9_DUMP_FILE", "/tmp/ds-w9-gdb.bin")
inf = gdb.selected_inferior()


def bulk():
    t0 = time.perf_counter()
    gdb.execute("dump binary memory %s %d %d" % (dump, e["data"], e["data"] + nbytes),
                to_string=True)
    dt = time.perf_counter() - t0
    with open(dump, "rb") as f:
        b = f.read(16)
    if struct.unpack_from("<Q", b, 8)[0] != w.expected_word(1):
        raise RuntimeError("gdb dumped the wrong bytes")
    return dt * full / nbytes


def walk():
    unpack = struct.Struct("<QQ").unpack
    t0 = time.perf_counter()
    node, k = e["head"], 0
    while node and k < nodes:
        node, index = unpack(inf.read_memory(node, 16))
        if index != k:
            raise RuntimeError("node %d holds %d" % (k, index))
        k += 1
    dt = time.perf_counter() - t0
    if k != nodes:
        raise RuntimeError("walked %d nodes of %d" % (k, nodes))
    return dt * e["nodes"] / nodes


if suffix:
    w.info(e, "w9_gdb_sampled", "%d_bytes_and_%d_nodes" % (nbytes, nodes))
w.emit(e, "W9b" + suffix, "gdb", [bulk() for _ in range(runs)])
w.emit(e, "W9w" + suffix, "gdb", [walk() for _ in range(runs)])
os.unlink(dump)
gdb.execute("detach", to_string=True)
