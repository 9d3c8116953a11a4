"""connect(spec) against a real gdbserver attached to tests/helpers/remote_target
(the planted bytes its "key=0x..." lines report): read, read_into, search,
regions, a write round trip checked in the process itself; the sentences of
a closed port and a bad spec; and that connecting lets other threads run."""
import os
import shutil
import socket
import subprocess
import threading
import time

import pytest

import dataspaces
from conftest import Helper

GDBSERVER = shutil.which("gdbserver")
pytestmark = pytest.mark.skipif(GDBSERVER is None, reason="gdbserver is not installed")

STATIC_TEXT = b"remote_target static: needle-$#}*-STATIC"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listens(port):
    """Whether 127.0.0.1:port is in LISTEN state (from /proc/net/tcp, so that
    gdbserver --once is not used up by a probing connection)."""
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[1].endswith(":%04X" % port) and fields[3] == "0A":
                return True
    return False


@pytest.fixture
def served():
    """remote_target, and gdbserver --once attached to it: (helper, spec)."""
    h = Helper("remote_target")
    port = free_port()
    server = subprocess.Popen([GDBSERVER, "--once", "--attach", "127.0.0.1:%d" % port, str(h.pid)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # at most 15 s
            if listens(port) or server.poll() is not None:
                break
            time.sleep(0.05)
        assert server.poll() is None and listens(port), "gdbserver did not listen on %d" % port
        yield h, "127.0.0.1:%d" % port
    finally:
        if server.poll() is None:
            server.kill()
        server.wait()
        h.kill()


def process_bytes(pid, address, size):
    with open("/proc/%d/mem" % pid, "rb") as f:
        f.seek(address)
        return f.read(size)


def test_reads_searches_regions_and_writes(served):
    h, spec = served
    with dataspaces.connect(spec) as t:
        assert t.kind == "gdbremote"
        assert t.process_id == h.pid
        assert t.read(h["static_text"], len(STATIC_TEXT)) == STATIC_TEXT
        # A run boundary of static_bytes (1 KiB of 0x11, then 0x22).
        assert t.read(h["static_bytes"] + 1020, 8) == b"\x11" * 4 + b"\x22" * 4
        # A large read through the big buffer (several requests in flight).
        big = t.read(h["big"], 1 << 20)
        assert big == process_bytes(h.pid, h["big"], 1 << 20)

        buf = bytearray(64)
        assert t.read_into(h["needle"], buf) == 64
        assert bytes(buf[:18]) == b"remote-needle-7f3a"
        # A read running into the hole: dbgeng's partial-read rule.
        tail = bytearray(2 * h["page"])
        assert t.read_into(h["edge"], tail) == h["page"]
        assert bytes(tail[:h["page"]]) == b"\xa5" * h["page"]

        assert list(t.search(b"remote-needle-7f3a", h["big"], h["big_size"])) == [h["needle"]]
        assert list(t.search(b"$#}*\x03 special", h["big"], h["big_size"])) == [h["special"]]

        regions = list(t.regions(h["scratch"], h["scratch"] + h["page"]))
        assert regions, "no region at scratch"
        r = regions[0]
        assert r.base_address <= h["scratch"] < r.base_address + r.region_size
        assert r.state == dataspaces.MEM_COMMIT and r.protect == dataspaces.PAGE_READWRITE
        assert t.query(h["rodata"]).protect == dataspaces.PAGE_READONLY

        assert t.write(h["scratch"] + 8, b"written-remotely") == 16
        assert t.read(h["scratch"] + 8, 16) == b"written-remotely"
        assert process_bytes(h.pid, h["scratch"] + 8, 16) == b"written-remotely"
        with pytest.raises(dataspaces.Error):
            t.read(h["hole"], 16)


def test_closed_port_and_bad_specs_raise_error_with_the_sentence():
    port = free_port()
    with pytest.raises(dataspaces.Error) as e:
        dataspaces.connect("127.0.0.1:%d" % port)
    assert str(e.value).endswith("cannot connect to 127.0.0.1:%d: Connection refused" % port)
    assert e.value.hresult & 0x80000000
    for bad in ("127.0.0.1:notaport", "unix:/nonexistent/ds-py-remote.sock"):
        with pytest.raises(dataspaces.Error) as e:
            dataspaces.connect(bad)
        assert bad.split(":", 1)[1] in str(e.value)


def test_connect_lets_other_threads_run():
    # A listener that takes the connection, reads the first packet and hangs
    # up. Were the GIL held through ds_connect, this thread could not get past
    # accept() until the 20 s reply timeout ran out, and the sentence would
    # speak of the timeout; released, the hang-up ends connect at once.
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        spec = "127.0.0.1:%d,timeout=20000" % srv.getsockname()[1]
        outcome = {}

        def connect():
            try:
                dataspaces.connect(spec)
            except dataspaces.Error as e:
                outcome["error"] = str(e)

        worker = threading.Thread(target=connect)
        worker.start()
        conn, _ = srv.accept()
        first = conn.recv(256)
        seen_while_connecting = worker.is_alive()
        conn.close()
        worker.join(60)
        assert b"qSupported" in first
        assert seen_while_connecting
        assert "error" in outcome
        assert "closed the connection" in outcome["error"], outcome
        assert "within 20000 ms" not in outcome["error"], outcome


def test_small_reads_let_other_threads_run(served):
    # Through a forwarding proxy in a thread of this interpreter: once told,
    # it hangs up on the next request. A small read (8 bytes, not cached) in
    # another thread sends one; were the GIL held through it, the proxy could
    # not run and the read would wait out the 20 s timeout instead of seeing
    # the hang-up.
    h, spec = served
    host, port = spec.split(":")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    cut = threading.Event()

    def proxy():
        client, _ = listener.accept()
        server = socket.create_connection((host, int(port)))
        pair = {client: server, server: client}
        import selectors
        sel = selectors.DefaultSelector()
        for s in pair:
            sel.register(s, selectors.EVENT_READ)
        try:
            while True:
                for key, _ in sel.select(30):
                    data = key.fileobj.recv(65536)
                    if not data or (cut.is_set() and key.fileobj is client):
                        return
                    pair[key.fileobj].sendall(data)
        finally:
            sel.close()
            client.close()
            server.close()

    relay = threading.Thread(target=proxy)
    relay.start()
    t = dataspaces.connect("127.0.0.1:%d,timeout=20000" % listener.getsockname()[1])
    try:
        assert t.read(h["static_text"], 6) == b"remote"
        cut.set()
        with pytest.raises(dataspaces.Error) as e:
            t.read_u64(h["guard"])  # not read before: a request to the server
        assert "closed the connection" in str(e.value)
        assert "within 20000 ms" not in str(e.value)
    finally:
        t.close()
        relay.join(60)
        listener.close()
