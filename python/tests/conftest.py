"""Fixtures of the Python tests: a live helper (tests/helpers/api_target),
a core of it made with gdb's gcore, and minidumps made by the test
library's builder (python/tests/make_dumps.c). run_pytest.sh sets
DS_BUILD (the build directory) and DS_HELPERS."""
import os
import shutil
import subprocess
import sys

import pytest

BUILD = os.environ.get("DS_BUILD", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
HELPERS = os.environ.get("DS_HELPERS", os.path.join(BUILD, "helpers"))
# An ASan build preloads its runtime into this interpreter; the programs the
# tests start (helpers, gdb) must not inherit it.
# (test_install.py hands it back to the interpreter it starts.)
PRELOAD = os.environ.pop("LD_PRELOAD", None)

MARKER_SIZE = 16


class Helper:
    """A helper process: its "key=0x..." lines as a dict, stopped on kill()."""

    def __init__(self, name, *args):
        self.proc = subprocess.Popen([os.path.join(HELPERS, name)] + [str(a) for a in args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.keys = {}
        for line in self.proc.stdout:
            line = line.strip()
            if line == "ready":
                break
            k, _, v = line.partition("=")
            self.keys[k] = int(v, 0)
        else:
            raise RuntimeError("%s never got ready" % name)
        self.pid = self.proc.pid

    def __getitem__(self, key):
        return self.keys[key]

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.proc.stdin.close()
        self.proc.stdout.close()


SEED = 0x5EED1234ABCD


def marker(kind, seed=SEED):
    """api_target's marker(kind): MARKER_SIZE bytes computed from the seed."""
    return bytes(((seed >> (8 * (i % 8))) ^ (kind * 0x45 + i * 0x3B + 0x91)) & 0xFF
                 for i in range(MARKER_SIZE))


@pytest.fixture
def helper():
    h = Helper("api_target", SEED)
    yield h
    h.kill()


@pytest.fixture
def live(helper):
    import dataspaces
    t = dataspaces.attach(helper.pid)
    yield t
    t.close()


@pytest.fixture(scope="session")
def core_file(tmp_path_factory):
    """A gcore of api_target (the same seed, so the same markers), and the
    helper's keys."""
    if not shutil.which("gcore"):
        pytest.fail("gcore (Debian's gdb) is needed to make the test core")
    d = tmp_path_factory.mktemp("core")
    h = Helper("api_target", SEED)
    try:
        r = subprocess.run(["gcore", "-o", str(d / "api"), str(h.pid)], capture_output=True,
                           text=True, timeout=120)
        path = d / ("api.%d" % h.pid)
        if r.returncode != 0 or not path.exists():
            pytest.fail("gcore failed: %s" % (r.stdout + r.stderr)[-800:])
        return str(path), dict(h.keys), h.pid
    finally:
        h.kill()


class Minidump:
    """A minidump scene written by make_dumps, with its truth."""

    def __init__(self, directory, scene):
        self.path = os.path.join(directory, scene + ".dmp")
        subprocess.run([os.path.join(BUILD, "python", "make_dumps"), "minidump", scene, self.path],
                       check=True, timeout=60)
        with open(self.path + ".bytes", "rb") as f:
            blob = f.read()
        self.ranges, self.threads, self.modules = [], [], []
        for line in open(self.path + ".truth"):
            p = line.split(None, 3)
            if p[0] == "range":
                start, size, off = int(p[1], 0), int(p[2]), int(p[3])
                self.ranges.append((start, blob[off:off + size]))
            elif p[0] == "thread":
                self.threads.append(int(p[1]))
            elif p[0] == "module":
                self.modules.append((int(p[1], 0), int(p[2]), p[3].rstrip("\n")))
            else:
                setattr(self, p[0], int(p[1]))


@pytest.fixture(scope="session")
def minidump(tmp_path_factory):
    return Minidump(str(tmp_path_factory.mktemp("dmp")), "windows-x64-full")


@pytest.fixture(scope="session")
def cut_minidump(tmp_path_factory):
    return Minidump(str(tmp_path_factory.mktemp("dmpcut")), "cut-short")


def under_asan():
    return os.environ.get("DS_PY_ASAN") == "1"
