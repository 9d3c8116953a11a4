"""The GIL is let go around long calls: two threads searching two targets
are inside their searches at the same moment; a close from another thread
waits for the call in progress and later calls fail cleanly.

No timing is asserted. The switch interval is raised so far that a thread
holding the GIL keeps it until it lets go by itself: a flag a thread sets
just before its call and clears just after can then be seen set by another
thread only while the call has let go of the GIL."""
import sys
import threading
import time

import pytest

import dataspaces

ABSENT = b"\xfe\xed\xfa\xce-absent-\xff\xfe"


@pytest.fixture
def slow_switching():
    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    yield
    sys.setswitchinterval(old)


def test_two_searches_overlap(minidump, slow_switching):
    targets = [dataspaces.open(minidump.path), dataspaces.open(minidump.path)]
    inside = [False, False]
    stop = threading.Event()
    rounds = [0, 0]

    def searcher(i):
        t = targets[i]
        while not stop.is_set() and rounds[i] < 20000:
            inside[i] = True
            hits = list(t.search(ABSENT))
            inside[i] = False
            assert hits == []
            rounds[i] += 1

    threads = [threading.Thread(target=searcher, args=(i,)) for i in (0, 1)]
    for th in threads:
        th.start()
    seen = 0
    while any(th.is_alive() for th in threads):
        if inside[0] and inside[1]:
            seen += 1
            if seen >= 3:
                stop.set()
        time.sleep(0.0001)  # let go of the GIL: the searchers run
    for th in threads:
        th.join()
    for t in targets:
        t.close()
    assert seen >= 3, "the two searches were never inside the library at once"


def test_small_reads_let_others_run(minidump, slow_switching):
    # A large read_into lets go of the GIL: the main thread sees it inside.
    t = dataspaces.open(minidump.path)
    start, data = max(minidump.ranges, key=lambda r: len(r[1]))
    buf = bytearray(len(data))
    inside = [False]
    seen = [0]
    done = threading.Event()

    def reader():
        for _ in range(100000):
            if done.is_set():
                break
            inside[0] = True
            t.read_into(start, buf)
            inside[0] = False

    th = threading.Thread(target=reader)
    th.start()
    while th.is_alive():
        if inside[0]:
            seen[0] += 1
            if seen[0] >= 3:
                done.set()
        time.sleep(0.0001)
    th.join()
    t.close()
    assert seen[0] >= 3
    assert buf == data


def test_close_from_another_thread(minidump):
    t = dataspaces.open(minidump.path)
    errors = []
    started = threading.Event()

    def worker():
        try:
            while True:
                started.set()
                list(t.search(ABSENT))
                t.read(minidump.ranges[0][0], 16)
        except ValueError as e:  # closed under us: refused, not a crash
            errors.append(e)

    th = threading.Thread(target=worker)
    th.start()
    started.wait()
    t.close()
    th.join(timeout=60)
    assert not th.is_alive()
    assert errors and "closed" in str(errors[0])


def test_same_target_from_two_threads(minidump):
    # The library serializes calls on one target; every answer stays right.
    t = dataspaces.open(minidump.path)
    start, data = minidump.ranges[0]
    failures = []

    def worker(n):
        for i in range(2000):
            if i % 100 == 0:
                list(t.search(ABSENT))
            if t.read(start, len(data)) != data:
                failures.append(n)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    t.close()
    assert failures == []
