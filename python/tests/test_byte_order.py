"""Typed reads follow the target's byte order: ELF cores the test library
builds for big-endian machines (s390x, 32-bit PowerPC) against
little-endian ones (x86-64, i386), so that ignoring the order fails
either way."""
import os
import subprocess

import pytest

import dataspaces
from conftest import BUILD


def build_core(tmp_path, arch):
    path = str(tmp_path / (arch + ".core"))
    subprocess.run([os.path.join(BUILD, "python", "make_dumps"), "core", arch, path],
                   check=True, timeout=60)
    truth = {"value": []}
    for line in open(path + ".truth"):
        key, value = line.split()
        if key == "value":
            truth["value"].append(int(value, 0))
        else:
            truth[key] = int(value, 0)
    return path, truth


@pytest.mark.parametrize("arch", ["x86_64", "i386", "s390x", "ppc32"])
def test_typed_reads_follow_the_order(tmp_path, arch):
    path, truth = build_core(tmp_path, arch)
    order = "big" if truth["big_endian"] else "little"
    size = truth["pointer_size"]
    with dataspaces.open(path) as t:
        assert t.pointer_size == size
        assert t.byte_order == order
        p = truth["pointers"]
        mask = (1 << (8 * size)) - 1
        reader = t.read_u64 if size == 8 else t.read_u32
        words = [reader(p + size * i) for i in range(len(truth["value"]))]
        assert words == [v & mask for v in truth["value"]]
        assert [x & mask for x in t.read_pointers(p, len(words))] == words
        for base in (truth["exe"], p):
            for width, u, i in ((2, t.read_u16, t.read_i16), (4, t.read_u32, t.read_i32),
                                (8, t.read_u64, t.read_i64)):
                raw = t.read(base, width)
                assert u(base) == int.from_bytes(raw, order)
                assert i(base) == int.from_bytes(raw, order, signed=True)
            assert t.read_u8(base) == t.read(base, 1)[0]
