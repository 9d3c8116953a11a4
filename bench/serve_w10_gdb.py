"""serve_w10_gdb — gdb's side of row W10, run by serve_w10.sh as
    gdb -batch -nx -ex 'target remote 127.0.0.1:PORT' -x serve_w10_gdb.py
with W10_FILE, W10_FROM, W10_BYTES and W10_SERVER_PID in the environment.
Runs `dump binary memory W10_FILE FROM FROM+BYTES` once and prints
    W10 WALL_S GDB_CPU_S SERVER_CPU_S
the dump's wall time, and the CPU time gdb and the server (gdbserver or
dataspaces serve) spent on it: on a loaded machine the wall time moves with
the load, the CPU times much less (gdb and the server take turns, one
request in flight, so their sum is the dump's time on an idle core)."""
import os
import time

import gdb


def server_cpu(pid):
    """utime + stime of pid from /proc/PID/stat, in seconds (fields 14, 15;
    counted after the ')' ending the command name, which may hold spaces)."""
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


g = os.environ.get
start = int(g("W10_FROM"), 0)
end = start + int(g("W10_BYTES"), 0)
pid = g("W10_SERVER_PID")
s0, c0, t0 = server_cpu(pid), time.process_time(), time.perf_counter()
gdb.execute("dump binary memory %s %d %d" % (g("W10_FILE"), start, end), to_string=True)
t1, c1, s1 = time.perf_counter(), time.process_time(), server_cpu(pid)
print("W10 %.6f %.3f %.3f" % (t1 - t0, c1 - c0, s1 - s0))
