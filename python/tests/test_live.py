"""Every method of Target against a live process laid out by api_target
(tests/helpers/api_target.c says where everything is)."""
import array
import os
import struct

import pytest

import dataspaces
from conftest import MARKER_SIZE, marker


def test_facts(live, helper):
    assert live.kind == "live"
    assert live.process_id == helper.pid
    assert live.pointer_size == 8
    assert live.page_size == helper["page"] == os.sysconf("SC_PAGE_SIZE")
    assert live.machine == dataspaces.IMAGE_FILE_MACHINE_AMD64
    assert live.byte_order == "little"
    assert live.threads == [helper.pid]
    assert live.notes == ""
    names = [m.name for m in live.modules]
    assert any(n.endswith("/api_target") for n in names)
    assert any("libc.so" in n for n in names)
    assert "live" in repr(live)


def test_read_and_typed_reads(live, helper):
    p = helper["ptrs"]
    raw = live.read(p, 32)
    assert struct.unpack("<4Q", raw) == (0x1122334455667788, 0xffffffff80000000, 0,
                                         0x7fff00001000)
    assert live.read_uncached(p, 32) == raw
    assert live.read_u64(p) == 0x1122334455667788
    assert live.read_u32(p) == 0x55667788
    assert live.read_u16(p) == 0x7788
    assert live.read_u8(p) == 0x88
    assert live.read_i64(p + 8) == -0x80000000
    assert live.read_i32(p + 12) == -1
    assert live.read_i16(p + 14) == -1
    assert live.read_i8(p + 15) == -1
    assert live.read_i8(p) == -0x78
    assert live.read_pointer(p) == 0x1122334455667788
    assert live.read_pointers(p, 4) == [0x1122334455667788, 0xffffffff80000000, 0,
                                        0x7fff00001000]
    assert live.read_pointers(p, 0) == []
    assert live.read(p, 0) == b""


def test_read_into_buffers(live, helper):
    p = helper["ptrs"]
    b = bytearray(16)
    assert live.read_into(p, b) == 16
    assert bytes(b) == live.read(p, 16)
    a = array.array("Q", [0, 0, 0, 0])
    assert live.read_into(p, a) == 32
    assert a[0] == 0x1122334455667788 and a[3] == 0x7fff00001000
    big = bytearray(64)
    m = memoryview(big)[8:24]
    assert live.read_into(p, m) == 16
    assert big[:8] == bytes(8) and big[8:24] == live.read(p, 16)
    # a large read (the GIL let go) into a buffer
    large = bytearray(2 << 20)
    assert live.read_into(helper["big"], large) == len(large)
    assert large[(1 << 20) - 3:(1 << 20) - 3 + MARKER_SIZE] == marker(3)


def test_partial_read_rule(live, helper):
    P = helper["page"]
    edge = helper["edge"]
    # up to the unmapped page: exactly the readable prefix
    got = live.read(edge + P - MARKER_SIZE, 64)
    assert got == marker(6)
    b = bytearray(100)
    assert live.read_into(edge + P - 10, b) == 10
    assert live.read_uncached(edge + P - 3, 8) == marker(6)[-3:]
    big = live.read(edge, 1 << 20)  # large: the GIL-released path, same rule
    assert len(big) == P and big[-MARKER_SIZE:] == marker(6)
    # not one byte: ReadFault naming the address
    with pytest.raises(dataspaces.ReadFault) as e:
        live.read(edge + P, 8)
    assert e.value.hresult == dataspaces.HRESULT_READ_FAULT
    assert isinstance(e.value, dataspaces.Error) and isinstance(e.value, OSError)
    assert "%x" % (edge + P) in str(e.value).lower()
    with pytest.raises(dataspaces.ReadFault):
        live.read_into(edge + P, bytearray(4))
    with pytest.raises(dataspaces.ReadFault):
        live.read(edge + P, 1 << 20)
    # a typed read needs every byte
    with pytest.raises(dataspaces.ReadFault) as e:
        live.read_u64(edge + P - 4)
    assert e.value.hresult == dataspaces.HRESULT_READ_FAULT
    assert str(e.value)
    with pytest.raises(dataspaces.ReadFault):
        live.read_pointers(edge + P - 8, 2)
    with pytest.raises(dataspaces.ReadFault):
        live.read_pointer(edge + P - 4)
    # PROT_NONE in the middle (guard: rw-, ---, rw-)
    g = helper["guard"]
    assert len(live.read(g, 3 * P)) == P
    with pytest.raises(dataspaces.ReadFault):
        live.read(g + P, 8)


def test_strings(live, helper):
    assert live.read_string(helper["hello"]) == "hello, dataspaces"
    assert live.read_string(helper["hello"], encoding=None) == b"hello, dataspaces"
    assert live.read_string(helper["utf8"]) == "Grüße €𝄞"
    assert live.read_string(helper["latin1"], encoding="latin-1") == "café"
    with pytest.raises(UnicodeDecodeError):
        live.read_string(helper["latin1"])
    assert live.read_string(helper["latin1"], errors="replace") == "caf\ufffd"
    assert live.read_wstring(helper["utf16"]) == "Grüße €𝄞"
    assert live.read_string(helper["edge_str"]) == "ends-here!!"
    assert live.read_string(helper["edge_str"], max=12) == "ends-here!!"
    with pytest.raises(dataspaces.Error) as e:
        live.read_string(helper["edge_str"], 11)
    assert e.value.hresult == dataspaces.E_INVALIDARG
    P = helper["page"]
    with pytest.raises(dataspaces.ReadFault) as e:
        live.read_string(helper["runaway"] + 100, 8192)
    assert "%x" % (helper["runaway"] + P) in str(e.value).lower()
    with pytest.raises(dataspaces.ReadFault):
        live.read_wstring(helper["runaway"] + 100, 8192)


def test_long_string(live, helper):
    # a string longer than the first 4096-byte try: written, then read back
    big = helper["big"]
    text = ("x" * 9000).encode()
    assert live.write(big + 64, text + b"\0") == len(text) + 1
    assert live.read_string(big + 64, 20000) == "x" * 9000
    with pytest.raises(dataspaces.Error):
        live.read_string(big + 64, 5000)


def test_write_and_fill(live, helper):
    P = helper["page"]
    fill = helper["fill"]
    assert live.write(fill, b"abcdefgh") == 8
    assert live.read(fill, 8) == b"abcdefgh"
    assert live.read_uncached(fill, 8) == b"abcdefgh"
    assert live.write(fill, memoryview(b"XY")) == 2
    # up to the read-only page (WriteProcessMemory's rule): the partial rule
    assert live.write(fill + P - 4, b"12345678") == 4
    with pytest.raises(dataspaces.WriteFault) as e:
        live.write(fill + P, b"x")
    assert e.value.hresult == dataspaces.HRESULT_WRITE_FAULT
    assert "%x" % (fill + P) in str(e.value).lower()
    assert live.fill(fill + 8, 3 * P, b"fill") == P - 8
    back = live.read_uncached(fill, P)
    assert back[8:16] == b"fillfill" and back[-4:] == b"fill"
    with pytest.raises(dataspaces.WriteFault):
        live.fill(fill + P, 16, b"x")
    assert live.fill(fill, 0, b"x") == 0
    big = helper["big"]
    assert live.fill(big, 1 << 20, b"\xAB") == 1 << 20  # large: the GIL let go
    assert live.read(big + 12345, 4) == b"\xAB" * 4
    data = os.urandom(1 << 20)
    assert live.write(big, data) == len(data)
    assert live.read(big, len(data)) == data


def test_search(live, helper):
    P = helper["page"]
    hits = list(live.search(marker(3)))
    assert hits == [helper["big"] + (1 << 20) - 3]
    assert list(live.search(marker(4), start=helper["big"], length=5 << 20)) == \
        [helper["big"] + (2 << 20) - 5]
    g = helper["gran"]
    m5 = marker(5)
    assert list(live.search(m5, g, P)) == [g + 0x105, g + 0x30C]
    assert list(live.search(m5, start=g + 5, length=P - 5, granularity=16)) == [g + 0x105]
    assert list(live.search(bytearray(m5), g, 0x200)) == [g + 0x105]
    assert list(live.search(m5, g, 0x100)) == []
    r = helper["rwmix"]
    assert list(live.search(marker(2), r, 2 * P)) == [r + 0x100, r + P + 0x200]
    assert list(live.search(marker(2), r, 2 * P, writable_only=True)) == [r + P + 0x200]
    # straddling two regions (split: rw- then r--)
    s = helper["split"]
    assert list(live.search(marker(1), s, 2 * P)) == [s + P - 5]
    # an iterator: one hit at a time
    it = live.search(m5, g, P)
    assert iter(it) is it
    assert next(it) == g + 0x105


def test_regions_and_query(live, helper):
    P = helper["page"]
    s = helper["split"]
    q = live.query(s)
    assert isinstance(q, dataspaces.Region) and isinstance(q, tuple)
    assert q.base_address == s and q.region_size == P
    assert q.state == dataspaces.MEM_COMMIT and q.protect == dataspaces.PAGE_READWRITE
    assert q.type == dataspaces.MEM_PRIVATE and q.name is None
    q2 = live.query(s + P + 10)
    assert q2.base_address == s + P and q2.protect == dataspaces.PAGE_READONLY
    g = live.query(helper["guard"] + P)
    assert g.protect == dataspaces.PAGE_NOACCESS
    regions = list(live.regions())
    assert regions[0].base_address == 0
    for a, b in zip(regions, regions[1:]):
        assert b.base_address == a.base_address + a.region_size
    exe = [m for m in live.modules if m.name.endswith("/api_target")][0]
    mine = [r for r in regions if r.base_address == exe.base][0]
    assert mine.name == exe.name and mine.type == dataspaces.MEM_IMAGE
    assert any(r.state == dataspaces.MEM_FREE for r in regions)
    some = list(live.regions(s, s + 2 * P))
    assert [r.base_address for r in some] == [s, s + P]
    assert list(live.regions(s, s)) == []
    with pytest.raises(dataspaces.Error) as e:
        live.query(0xFFFFFFFFFFFFF000)
    assert e.value.hresult == dataspaces.E_INVALIDARG and str(e.value)


def test_cache(live, helper):
    assert live.cache_size > 0
    live.cache_size = 1 << 20
    assert live.cache_size == 1 << 20
    live.cache_size = 0
    assert live.cache_size == 0
    assert live.read_u64(helper["ptrs"]) == 0x1122334455667788
    live.cache_size = 64 << 20
    live.flush_cache()
    with pytest.raises(AttributeError):
        del live.cache_size


def test_attach_modes(helper):
    with dataspaces.attach(helper.pid, suspend=False) as t:
        assert t.read_u64(helper["ptrs"]) == 0x1122334455667788
        assert t.cache_size == 0
    with dataspaces.attach(helper.pid, noninvasive=True) as t:
        assert t.read_u64(helper["ptrs"]) == 0x1122334455667788
    with dataspaces.open("pid:%d" % helper.pid) as t:
        assert t.kind == "live"


def test_launch():
    exe = os.path.join(os.environ.get("DS_HELPERS", ""), "api_target")
    with dataspaces.launch([exe, "7"]) as t:
        assert t.kind == "live" and t.process_id > 0
        mods = t.modules
        main = [m for m in mods if m.name.endswith("/api_target")][0]
        assert t.read(main.base, 4) == b"\x7fELF"
        assert len(t.threads) == 1
    with pytest.raises(dataspaces.Error) as e:
        dataspaces.launch(["/nonexistent/program"])
    assert "nonexistent" in str(e.value)


def test_large_write_goes_without_the_gil(live, helper):
    # 100 KiB is past DS_PY_LARGE: the write takes the GIL-released path
    at = helper["big"] + 3 * 1024 * 1024
    old = live.read(at, 100 * 1024)
    data = bytes(range(256)) * 400
    assert live.write(at, data) == len(data)
    assert live.read_uncached(at, len(data)) == data
    assert live.write(at, old) == len(old)
