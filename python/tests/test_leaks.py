"""No leaks over 100k calls: reference counts of what the calls touch stay
put, and the process's resident memory stays flat."""
import gc
import sys

import pytest

import dataspaces

CALLS = 100_000


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4


def hammer(t, helper, n):
    p, P, edge = helper["ptrs"], helper["page"], helper["edge"]
    buf = bytearray(64)
    pattern = b"\x11\x22"
    for _ in range(n):
        t.read_u64(p)
        t.read(p, 16)
        t.read_into(p, buf)
        t.read_pointer(p)
        t.read_string(helper["hello"])
    for _ in range(n // 10):
        try:
            t.read(edge + P, 8)
        except dataspaces.ReadFault:
            pass
        try:
            t.read_u64("x")
        except TypeError:
            pass
        t.read_pointers(p, 4)
        t.query(p)
        t.write(helper["fill"], b"abcd")
        list(t.search(pattern, helper["gran"], 64))
    return buf, pattern


def test_no_leaks(live, helper):
    hammer(live, helper, 20_000)  # warm up: caches, free lists
    gc.collect()
    refs_before = sys.getrefcount(live)
    none_before = sys.getrefcount(None)
    objects_before = len(gc.get_objects())
    rss_before = rss_kib()
    buf, pattern = hammer(live, helper, CALLS)
    gc.collect()
    rss_after = rss_kib()
    assert sys.getrefcount(live) == refs_before
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert len(gc.get_objects()) - objects_before < 100
    assert sys.getrefcount(buf) == 2 and sys.getrefcount(pattern) <= 4
    # Flat: a leak of one small object a call would be several MiB here.
    assert rss_after - rss_before < 2048, "RSS grew by %d KiB" % (rss_after - rss_before)


def test_targets_are_freed(helper):
    import weakref
    t = dataspaces.attach(helper.pid)
    r = weakref.ref(t)
    it = t.search(b"\x01\x02")
    del t
    assert r() is not None  # the iterator holds it
    del it
    gc.collect()
    assert r() is None  # dropped without close(): closed and freed
    with dataspaces.attach(helper.pid) as t2:  # so attaching again works
        assert t2.read_u64(helper["ptrs"]) == 0x1122334455667788
