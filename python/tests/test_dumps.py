"""The same Target over an ELF core (gcore of api_target) and minidumps the
test library builds (make_dumps), checked against their truth."""
import struct

import pytest

import dataspaces
from conftest import MARKER_SIZE, marker


def test_core_reads(core_file):
    path, keys, pid = core_file
    with dataspaces.open(path) as t:
        assert t.kind == "elfcore" and t.process_id == pid
        assert t.pointer_size == 8 and t.byte_order == "little"
        assert t.threads == [pid]
        assert t.read_u64(keys["ptrs"]) == 0x1122334455667788
        assert t.read_pointers(keys["ptrs"], 2) == [0x1122334455667788, 0xffffffff80000000]
        assert t.read_string(keys["hello"]) == "hello, dataspaces"
        assert t.read_wstring(keys["utf16"]) == "Grüße €𝄞"
        P = keys["page"]
        assert t.read(keys["edge"] + P - MARKER_SIZE, 64) == marker(6)
        with pytest.raises(dataspaces.ReadFault) as e:
            t.read(keys["edge"] + P, 1)
        assert "%x" % (keys["edge"] + P) in str(e.value).lower()
        assert list(t.search(marker(3))) == [keys["big"] + (1 << 20) - 3]
        buf = bytearray(5 << 20)
        assert t.read_into(keys["big"], buf) == 5 << 20
        assert buf[(2 << 20) - 5:(2 << 20) - 5 + MARKER_SIZE] == marker(4)
        names = [m.name for m in t.modules]
        assert any(n.endswith("/api_target") for n in names)
        regions = list(t.regions())
        assert any(r.name and r.name.endswith("/api_target") for r in regions)
        assert t.query(keys["split"]).protect == dataspaces.PAGE_READWRITE
        assert t.notes == ""


def test_core_is_read_only_unless_writable(core_file):
    path, keys, _ = core_file
    with dataspaces.open(path) as t:
        with pytest.raises(dataspaces.WriteFault) as e:
            t.write(keys["ptrs"], b"x")
        assert e.value.hresult == dataspaces.HRESULT_WRITE_FAULT and str(e.value)
        with pytest.raises(dataspaces.WriteFault):
            t.fill(keys["ptrs"], 8, b"x")
    with dataspaces.open("core:" + path, writable=True) as t:
        assert t.write(keys["ptrs"], struct.pack("<Q", 42)) == 8
        assert t.read_u64(keys["ptrs"]) == 42
    with dataspaces.open(path) as t:  # the file itself never changed
        assert t.read_u64(keys["ptrs"]) == 0x1122334455667788


def test_minidump_truth(minidump):
    with dataspaces.open(minidump.path) as t:
        assert t.kind == "minidump"
        assert t.pointer_size == minidump.pointer_size
        assert t.machine == minidump.machine == dataspaces.IMAGE_FILE_MACHINE_AMD64
        assert t.process_id == minidump.pid
        assert t.threads == minidump.threads
        assert [(m.base, m.size, m.name) for m in t.modules] == minidump.modules
        for start, data in minidump.ranges:
            assert t.read(start, len(data)) == data
            buf = bytearray(len(data))
            assert t.read_into(start, buf) == len(data) and buf == data
        # the marked region and the marker's copy on the stack
        hits = list(t.search(b"MDMP-TRUTH-MARKER-0123456789ABCDEF"))
        assert len(hits) == 2 and 0x20000000 in hits
        region = t.query(0x20000000)
        assert region.base_address == 0x20000000 and region.state == dataspaces.MEM_COMMIT
        assert t.read_u8(0x20000000 + 0x1000) == (0x1000 * 7 + (0x1000 >> 8)) & 0xFF
        # a range's end with nothing after it: the readable prefix
        start, data = [(s, d) for s, d in minidump.ranges if s == 0x20000000][0]
        assert t.read(start + len(data) - 4, 16) == data[-4:]
        with pytest.raises(dataspaces.ReadFault):
            t.read(start + len(data), 16)
        mods = {m.base: m.name for m in t.modules}
        named = [r for r in t.regions() if r.name]
        assert named and all(mods[r.allocation_base] == r.name for r in named
                             if r.allocation_base in mods)


def test_damaged_minidump_notes(cut_minidump):
    with dataspaces.open(cut_minidump.path) as t:
        assert t.notes != ""
