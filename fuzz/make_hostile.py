#!/usr/bin/env python3
"""Write the hand-made hostile inputs of tests/corpus/ (minidumps and ELF
cores whose every size, count and offset lies). Run from the repository
root: python3 fuzz/make_hostile.py. The files are committed; this script
says how each was made. Each comes in two tails: `-c` (the harness turns on
a small cache and, when the middle byte is odd, a writable copy) and `-n`."""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus")
U64 = 0xFFFFFFFFFFFFFFFF


def save(kind, name, data):
    d = os.path.join(OUT, kind)
    os.makedirs(d, exist_ok=True)
    # -w: the middle byte odd (writable copy) and the last odd (cache on).
    w = bytearray(data)
    for _ in range(4096):
        if w[len(w) // 2] & 1 and w[-1] & 1:
            break
        w += b"\x01"
    open(os.path.join(d, name + "-w"), "wb").write(bytes(w))
    # -r: read-only, no cache.
    r = bytearray(data)
    for _ in range(4096):
        if not (r[len(r) // 2] & 1) and not (r[-1] & 1):
            break
        r += b"\x00"
        if r[len(r) // 2] & 1:
            r += b"\x00\x00"
    open(os.path.join(d, name + "-r"), "wb").write(bytes(r))


# ---- minidumps ----------------------------------------------------------------

def minidump(streams, nstreams=None, dir_rva=32):
    """streams: list of (type, payload bytes) or (type, payload, size, rva)
    overrides. Payloads are laid out after the directory."""
    n = len(streams) if nstreams is None else nstreams
    body = bytearray()
    entries = []
    base = 32 + 12 * len(streams)
    for s in streams:
        typ, payload = s[0], s[1]
        rva = base + len(body)
        size = len(payload)
        if len(s) > 2:
            size = s[2] if s[2] is not None else size
            rva = s[3] if len(s) > 3 and s[3] is not None else rva
        entries.append(struct.pack("<III", typ, size & 0xFFFFFFFF, rva & 0xFFFFFFFF))
        body += payload
    hdr = struct.pack("<IIIIIIQ", 0x504D444D, 0xA793, n, dir_rva, 0, 0, 0)
    return hdr + b"".join(entries) + bytes(body)


def sysinfo(arch):
    return struct.pack("<HHHBB", arch, 6, 0, 1, 0) + b"\0" * 48


def rel(streams_before, extra=0):
    """RVA of the byte `extra` into the payload area of a dump whose
    directory has len(streams_before) entries (payloads come after)."""
    return 32 + 12 * streams_before + extra


def md_all():
    # A directory that claims 4 billion entries.
    save("minidump", "hand-dir-count-huge", minidump([(7, sysinfo(9))], nstreams=0xFFFFFFFF))
    # A directory at the very end of the file, and one inside the header.
    save("minidump", "hand-dir-at-end", minidump([(7, sysinfo(9))], dir_rva=0xFFFFFFF0))

    # Memory64 ranges that wrap past 2^64, start at 0, run to the top, and a
    # BaseRva at the end of the address space of file offsets.
    data = bytes(range(256)) * 2
    ranges = [(0xFFFFFFFFFFFFF000, 0x2000), (0, 0x10), (0x1000, U64), (0x7000, 0x100)]
    m64 = struct.pack("<QQ", len(ranges), rel(2, 16 + 16 * len(ranges) + len(sysinfo(9))))
    m64 += b"".join(struct.pack("<QQ", a, s) for a, s in ranges)
    save("minidump", "hand-mem64-wrap", minidump([(9, m64), (7, sysinfo(9)), (0, data)]))
    m64b = struct.pack("<QQ", U64, U64 - 7) + struct.pack("<QQ", 0x1000, 0x1000)
    save("minidump", "hand-mem64-count-huge", minidump([(7, sysinfo(9)), (9, m64b)]))

    # MemoryList descriptors that alias one another's file bytes (writes to
    # one address show at another) and overlap in the address space.
    payload_at = rel(2, 4 + 16 * 5 + len(sysinfo(9)))
    descs = [(0x1000, 0x100, payload_at), (0x1080, 0x100, payload_at),
             (0x5000, 0x100, payload_at), (0x5000, 0x40, payload_at + 8),
             (0xFFFFFFFFFFFFFF80, 0x100, payload_at)]
    ml = struct.pack("<I", len(descs)) + b"".join(struct.pack("<QII", a, s, r) for a, s, r in descs)
    save("minidump", "hand-memlist-alias", minidump([(5, ml), (7, sysinfo(9)), (0, data)]))

    # MemoryInfoList: a header that says 2^63 entries of 48 bytes, regions
    # that overlap, one of size 0, one that wraps, one MEM_FREE at the top.
    def mi(base, size, state=0x1000, protect=0x04, typ=0x20000):
        return struct.pack("<QQIIQIIII", base, base, protect, 0, size, state, protect, typ, 0)
    infos = [mi(0x1000, 0x3000), mi(0x2000, 0x1000), mi(0x9000, 0), mi(0xFFFFFFFFFFFFE000, 0x4000),
             mi(0x20000, U64, state=0x10000), mi(0x7000, 0x1000, protect=0x100),
             mi(0xA000, 0x1000, typ=0x1000000)]
    mil = struct.pack("<IIQ", 16, 48, 1 << 63) + b"".join(infos)
    ml2 = struct.pack("<I", 1) + struct.pack("<QII", 0x1800, 0x100, rel(3, len(mil) + 20 + 60))
    save("minidump", "hand-meminfo-hostile",
         minidump([(16, mil), (5, ml2), (7, sysinfo(9)), (0, data)]))
    # A MemoryInfoList whose entry size is 0xffffffff and header size past it.
    mil2 = struct.pack("<IIQ", 0xFFFFFFF0, 0xFFFFFFFF, 5) + infos[0]
    save("minidump", "hand-meminfo-sizes", minidump([(16, mil2), (7, sysinfo(9))]))

    # LinuxMaps text: out of order, overlapping, 17-digit and empty fields,
    # the top of the address space, NULs, no final newline.
    maps = (b"00400000-00401000 r-xp 00000000 08:01 1234 /bin/x\n"
            b"00401000-00402000 rw-p 00001000 08:01 1234 /bin/x\n"
            b"00300000-00500000 rw-p 00000000 00:00 0\n"
            b"10000000000000000-10000000000001000 r--p 00000000 00:00 0 [big]\n"
            b"7fff0000-7fff1000 rw-p 00000000 00:00 0 [stack]\x00junk\n"
            b"7fff2000-7fff1000 rw-p 00000000 00:00 0\n"
            b"\n\n-\n 1-2 \nffffffffffff0000-ffffffffffffffff r-xp 00000000 00:00 0 [vsyscall]\n"
            b"fffffffffffffff0-ffffffffffffffff rwxs ffffffffffffffff ff:ff 99999999999999999999 /x\n"
            b"00600000-00601000 ---p 00000000 08:01 1234 /bin/x")
    ml3 = struct.pack("<I", 2) + struct.pack("<QII", 0x400000, 0x80, rel(3, len(maps) + 36 + 60)) + \
        struct.pack("<QII", 0xFFFFFFFFFFFF0000, 0x80, rel(3, len(maps) + 36 + 60))
    save("minidump", "hand-linuxmaps-hostile",
         minidump([(0x47670009, maps), (5, ml3), (7, sysinfo(9)), (0, data)]))

    # Modules: a span that wraps, a name string that claims 4 GB, a name
    # past the end, unpaired surrogates, overlapping spans.
    names_at = rel(2, 4 + 108 * 4)
    name_ok = struct.pack("<I", 8) + "é\ud800".encode("utf-16-le", "surrogatepass") + b"\0\0\0\0"
    name_huge = struct.pack("<I", 0xFFFFFFFE) + b"A\0"
    def module(base, size, name_rva):
        return struct.pack("<QIIII", base, size, 0, 0, name_rva) + b"\0" * (108 - 24)
    mods = [module(0xFFFFFFFFFFFFF000, 0x2000, names_at), module(0, 0xFFFFFFFF, names_at + len(name_ok)),
            module(0x400000, 0x1000, 0xFFFFFFF0), module(0x400800, 0x1000, names_at + 2)]
    modl = struct.pack("<I", 0x7FFFFFFF) + b"".join(mods) + name_ok + name_huge
    save("minidump", "hand-modules-hostile", minidump([(4, modl), (7, sysinfo(9))]))

    # Threads whose stacks point at the directory, at the header, past the
    # end; and a 32-bit dump with sign-extended addresses.
    def thread(tid, start, size, rva):
        return struct.pack("<IIIIQ", tid, 0, 0, 0, 0) + struct.pack("<QII", start, size, rva) + b"\0" * 8
    thr = struct.pack("<I", 4) + thread(1, 0x7000, 0x100, 32) + thread(2, 0x6000, 0xFFFFFFFF, 1) + \
        thread(3, U64 - 0x10, 0x100, 0) + thread(4, 0x8000, 0x40, 0xFFFFFFFF)
    save("minidump", "hand-threads-hostile", minidump([(3, thr), (7, sysinfo(9))]))
    # ThreadExListStream (64-byte MINIDUMP_THREAD_EX: + BackingStore): a
    # count that lies, stacks and backing stores past the end; alone, and
    # beside a ThreadListStream (which wins).
    def thread_ex(tid, start, size, rva):
        return thread(tid, start, size, rva) + struct.pack("<QII", U64 - 8, 0x100, 0xFFFFFFF0)
    thx = struct.pack("<I", 0x10000000) + thread_ex(5, 0x7000, 0x100, 32) + \
        thread_ex(6, U64 - 0x10, 0xFFFFFFFF, 0xFFFFFFFF) + thread(7, 0, 0, 0)
    save("minidump", "hand-thread-ex-hostile", minidump([(8, thx), (7, sysinfo(9))]))
    save("minidump", "hand-thread-ex-and-list", minidump([(8, thx), (3, thr), (7, sysinfo(9))]))
    ml4 = struct.pack("<I", 3) + struct.pack("<QII", 0xFFFFFFFF80001000, 0x100, rel(2, 40 + 60)) + \
        struct.pack("<QII", 0x80001000, 0x100, rel(2, 40 + 60)) + \
        struct.pack("<QII", 0xFFFFF000, 0x2000, rel(2, 40 + 60))
    save("minidump", "hand-x86-signext", minidump([(5, ml4), (7, sysinfo(0)), (0, data)]))

    # HandleData: header and descriptor sizes that lie, names past the end.
    hd = struct.pack("<IIII", 16, 0xFFFFFFFF, 0x7FFFFFFF, 0) + \
        struct.pack("<QIIIIII", 4, 0xFFFFFFF0, 8, 0, 0, 0, 0)
    save("minidump", "hand-handles-hostile", minidump([(12, hd), (7, sysinfo(9))]))
    hd2 = struct.pack("<IIII", 16, 40, 3, 0) + \
        struct.pack("<QIIIIIIII", 4, rel(2, 16 + 120), rel(2, 16 + 122), 0, 0, 0, 0, 0, 0) * 3 + \
        struct.pack("<I", 0xFFFFFFF0) + b"x\0"
    save("minidump", "hand-handles-names", minidump([(12, hd2), (7, sysinfo(9))]))
    # Every stream type at once, each one byte long.
    save("minidump", "hand-streams-one-byte",
         minidump([(t, b"\x01") for t in (3, 4, 5, 7, 9, 12, 15, 16, 0x47670004, 0x47670009)]))


# ---- ELF cores ----------------------------------------------------------------

def elf64(phdrs, body, phnum=None, shoff=0, shnum=0, machine=62):
    """A 64-bit little-endian ET_CORE: header, program headers, body."""
    n = len(phdrs) if phnum is None else phnum
    eh = b"\x7fELF\x02\x01\x01" + b"\0" * 9
    eh += struct.pack("<HHIQQQIHHHHHH", 4, machine, 1, 0, 64, shoff, 0, 64, 56, n, 64, shnum, 0)
    return eh + b"".join(phdrs) + body


def phdr64(typ, offset, vaddr, filesz, memsz, flags=6):
    return struct.pack("<IIQQQQQQ", typ, flags, offset, vaddr, 0, filesz, memsz, 0x1000)


def note(name, typ, desc, namesz=None, descsz=None):
    nb = name + b"\0" if name else b""
    ns = len(nb) if namesz is None else namesz
    ds = len(desc) if descsz is None else descsz
    pad = lambda b: b + b"\0" * (-len(b) % 4)
    return struct.pack("<III", ns & 0xFFFFFFFF, ds & 0xFFFFFFFF, typ) + pad(nb) + pad(desc)


def nt_file(entries, names, count=None, page=0x1000):
    c = len(entries) if count is None else count
    d = struct.pack("<QQ", c, page) + b"".join(struct.pack("<QQQ", *e) for e in entries)
    return d + b"".join(n + b"\0" for n in names)


def prstatus(tid):
    return b"\0" * 32 + struct.pack("<I", tid) + b"\0" * (336 - 36)


def image_header():
    """An ELF header of an executable in core memory, whose program
    headers and build-id note lie."""
    eh = b"\x7fELF\x02\x01\x01" + b"\0" * 9
    eh += struct.pack("<HHIQQQIHHHHHH", 3, 62, 1, 0, 64, 0, 0, 64, 56, 0xFFFF, 64, 0, 0)
    ph = phdr64(4, 0x200, 0x200, 0xFFFFFFFFFFFFFF00, 0x100, 4) + phdr64(1, U64 - 8, 0, 0x1000, 0x1000, 5)
    gnu = note(b"GNU", 3, b"\xAA" * 20, descsz=0xFFFFFFF0)
    body = eh + ph
    body += b"\0" * (0x200 - len(body)) + gnu
    return body + b"\0" * (0x1000 - len(body))


def ec_all():
    # PN_XNUM with no section header to hold the count.
    save("elfcore", "hand-phnum-xnum", elf64([], b"\0" * 64, phnum=0xFFFF))
    # A program header table past the end of the file.
    save("elfcore", "hand-phdrs-past-end", elf64([phdr64(1, 0, 0x1000, 0x10, 0x10)], b"", phnum=900))

    notes = (note(b"CORE", 1, prstatus(100)) + note(b"CORE", 1, prstatus(101)[:40]) +
             note(b"CORE", 0x46494C45, nt_file([(0x400000, 0x402000, 0), (0x500000, 0x400000, 1),
                                                 (0x600000, 0x601000, U64 // 0x1000),
                                                 (0xFFFFFFFFFFFFF000, U64, 0)],
                                                [b"/bin/x", b"/lib/y.so"])) +
             note(b"LINUX", 0x202, b"\0" * 8) +
             note(b"CORE", 0x46494C45, nt_file([], [], count=1 << 62, page=0)) +
             note(b"CORE", 3, b"\0" * 8, namesz=0xFFFFFFF0))
    img = image_header()
    nph = 6
    off0 = 64 + 56 * nph
    notes_at, img_at = off0, off0 + len(notes)
    phs = [phdr64(4, notes_at, 0, len(notes), 0),
           phdr64(1, img_at, 0x400000, len(img), 0x2000, 5),
           phdr64(1, img_at, 0x401000, len(img), 0x1000, 6),          # aliases the bytes above
           phdr64(1, img_at + 16, 0xFFFFFFFFFFFFF000, 0x1000, 0x2000),  # wraps
           phdr64(1, U64 - 0x100, 0x700000, 0x1000, 0x1000),          # offset past the end
           phdr64(1, img_at, 0x800000, 0x3000, 0x100)]                # filesz > memsz
    save("elfcore", "hand-loads-notes-hostile", elf64(phs, notes + img))

    # Notes whose sizes run past their segment, and a PT_NOTE past the file.
    bad = note(b"CORE", 1, prstatus(7), descsz=0xFFFFFFFF) + note(b"CORE", 0x46494C45, b"\0" * 8)
    phs2 = [phdr64(4, 64 + 56 * 3, 0, len(bad), 0), phdr64(4, 0xFFFFFFFFFFFFFFF0, 0, 0x100, 0),
            phdr64(1, 64 + 56 * 3, 0x10000, len(bad), 0x1000)]
    save("elfcore", "hand-notes-sizes", elf64(phs2, bad))

    # A 32-bit big-endian core (PowerPC) with loads at the top of 4 GB.
    eh = b"\x7fELF\x01\x02\x01" + b"\0" * 9
    eh += struct.pack(">HHIIIIIHHHHHH", 4, 20, 1, 0, 52, 0, 0, 52, 32, 3, 40, 0, 0)
    p32 = lambda t, o, v, fs, ms: struct.pack(">IIIIIIII", t, o, v, 0, fs, ms, 6, 0x1000)
    body = bytes(range(256)) * 4
    start = 52 + 32 * 3
    ph32 = (p32(1, start, 0xFFFFF000, 0x400, 0x1000) + p32(1, start, 0x80000000, 0x400, 0xFFFFFFFF) +
            p32(4, start, 0, 0x40, 0))
    save("elfcore", "hand-be32-top", eh + ph32 + body)


if __name__ == "__main__":
    md_all()
    ec_all()
