/*
 * minidump_scenes.c — ready-made processes for the minidump tests, each
 * after a kind of dump met in the wild (the third-party corpus of
 * `make conformance` has one of each), so that a fresh clone covers what
 * the corpus covers: every architecture and platform id the backend maps,
 * MemoryList and Memory64List, stacks stored with their thread or in the
 * full-memory list (Rva 0), MemoryInfoList, Breakpad's Linux streams and
 * macOS padding, handles, thousands of tiny touching ranges, and a file
 * cut short.
 */
#include "testlib.h"
#include "minidump_builder.h"

#include <string.h>

uint8_t mdb_marker_byte(uint64_t i)
{
    static const char marker[] = MDB_MARKER;
    return i < sizeof marker - 1 ? (uint8_t)marker[i] : (uint8_t)((i * 7 + (i >> 8)) & 0xff);
}

/* dbghelp on 32-bit Windows XP (after Breakpad's minidump2.dmp): modules
   with PE32 headers, one with no memory; a stack in the MemoryList, one
   only in its thread; a range inside an image; one above 2 GiB. */
void mdb_scene_windows_x86(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_X86, MDB_OS_WINDOWS);
    m->major = 5, m->minor = 1, m->build = 2600;
    m->csd_version = "Service Pack 2";
    m->pid = 3932;
    struct mdb_module *app = mdb_module(m, 0x400000, 0x2d000, "c:\\test_app.exe");
    app->pdb = "c:\\test_app.pdb";
    mdb_pe_image(m, app, 0x1000, MDB_IN_LIST32);
    struct mdb_module *k32 = mdb_module(m, 0x7c800000, 0xf6000,
                                        "C:\\WINDOWS\\system32\\kernel32.dll");
    k32->pdb = "kernel32.pdb";
    mdb_pe_image(m, k32, 0x1000, MDB_IN_LIST32);
    mdb_module(m, 0x7c900000, 0xb0000, "C:\\WINDOWS\\system32\\ntdll.dll");
    mdb_memory_pattern(m, 0x12f000, 0x1000, 1, MDB_IN_LIST32);
    mdb_thread(m, 0xf5c, 0x12f000, 0x1000);
    mdb_memory_pattern(m, 0x22fe000, 0x2000, 2, MDB_IN_THREAD);
    mdb_thread(m, 0x9a0, 0x22fe000, 0x2000)->suspend_count = 1;
    mdb_memory_pattern(m, 0x430000, 0x40, 3, MDB_IN_LIST32);
    uint8_t *high = mdb_memory_pattern(m, 0x8f000000, 0x100, 4, MDB_IN_LIST32);
    memcpy(high, "hello, 32-bit world", 20);
}

/* dbghelp on Windows 10 x64 with MemoryInfoList, handles (32-byte
   descriptors), unloaded modules and thread names (after Breakpad's
   tiny-exe-with-cet-xsave.dmp). The MemoryInfoList covers the address
   space from 0 as VirtualQuery walks it: free, reserved and committed,
   images, mappings and private memory, a guard page. */
void mdb_scene_windows_x64_info(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    m->pid = 15444;
    m->handle_descriptor_size = 32;
    struct mdb_module *app = mdb_module(m, 0x7ff600000000, 0x10000, "C:\\tiny\\tiny.exe");
    app->pdb = "C:\\tiny\\tiny.pdb";
    mdb_pe_image(m, app, 0x1000, MDB_IN_LIST32);
    mdb_memory_pattern(m, 0x7ff600001000, 0x100, 11, MDB_IN_LIST32);
    struct mdb_module *nt = mdb_module(m, 0x7ffb00000000, 0x1f0000,
                                       "C:\\Windows\\System32\\ntdll.dll");
    nt->pdb = "ntdll.pdb";
    mdb_pe_image(m, nt, 0x1000, MDB_IN_LIST32);
    mdb_unloaded(m, 0x7ffa00000000, 0x20000, "C:\\Windows\\System32\\oldplugin.dll");
    mdb_memory_pattern(m, 0x10000, 0x2000, 12, MDB_IN_LIST32);
    mdb_memory_pattern(m, 0x20000, 0x1000, 13, MDB_IN_LIST32);
    mdb_memory_pattern(m, 0x12d000, 0x3000, 14, MDB_IN_LIST32);
    mdb_thread(m, 0x3c54, 0x12d000, 0x3000)->name = "main";
    mdb_thread(m, 0x1a2c, 0, 0)->name = "worker";

    const uint32_t RW = PAGE_READWRITE, RO = PAGE_READONLY;
    mdb_meminfo(m, 0x0, 0x10000, 0, 0, MEM_FREE, PAGE_NOACCESS, 0);
    mdb_meminfo(m, 0x10000, 0x10000, 0x10000, RW, MEM_COMMIT, RW, MEM_MAPPED);
    mdb_meminfo(m, 0x20000, 0x1000, 0x20000, RO, MEM_COMMIT, RO, MEM_MAPPED);
    mdb_meminfo(m, 0x21000, 0xf000, 0, 0, MEM_FREE, PAGE_NOACCESS, 0);
    mdb_meminfo(m, 0x30000, 0xfc000, 0x30000, RW, MEM_RESERVE, 0, MEM_PRIVATE);
    mdb_meminfo(m, 0x12c000, 0x1000, 0x30000, RW, MEM_COMMIT, RW | PAGE_GUARD, MEM_PRIVATE);
    mdb_meminfo(m, 0x12d000, 0x3000, 0x30000, RW, MEM_COMMIT, RW, MEM_PRIVATE);
    mdb_meminfo(m, 0x130000, 0x7ff600000000 - 0x130000, 0, 0, MEM_FREE, PAGE_NOACCESS, 0);
    mdb_meminfo(m, 0x7ff600000000, 0x1000, 0x7ff600000000, PAGE_EXECUTE_WRITECOPY, MEM_COMMIT,
                RO, MEM_IMAGE);
    mdb_meminfo(m, 0x7ff600001000, 0x8000, 0x7ff600000000, PAGE_EXECUTE_WRITECOPY, MEM_COMMIT,
                PAGE_EXECUTE_READ, MEM_IMAGE);
    mdb_meminfo(m, 0x7ff600009000, 0x7000, 0x7ff600000000, PAGE_EXECUTE_WRITECOPY, MEM_COMMIT,
                PAGE_WRITECOPY, MEM_IMAGE);
    mdb_meminfo(m, 0x7ff600010000, 0x7ffb00000000 - 0x7ff600010000, 0, 0, MEM_FREE,
                PAGE_NOACCESS, 0);
    mdb_meminfo(m, 0x7ffb00000000, 0x1f0000, 0x7ffb00000000, PAGE_EXECUTE_WRITECOPY,
                MEM_COMMIT, PAGE_EXECUTE_READ, MEM_IMAGE);
    mdb_meminfo(m, 0x7ffb001f0000, 0x7ffffffe0000 - 0x7ffb001f0000, 0, 0, MEM_FREE,
                PAGE_NOACCESS, 0);

    struct mdb_handle *h = mdb_handle(m, 0x4, "File", NULL);
    h->granted_access = 0x12019f, h->handle_count = 2, h->pointer_count = 98303;
    mdb_handle(m, 0x14, "WaitCompletionPacket", NULL);
    h = mdb_handle(m, 0x40, "Event", NULL);
    h->handle_count = 232;
    h = mdb_handle(m, 0x44, "Mutant", "\\Sessions\\1\\BaseNamedObjects\\caf\xc3\xa9");
    h->attributes = 2, h->granted_access = 0x1f0001, h->handle_count = 3, h->pointer_count = 7;
    mdb_handle(m, 0x48, "Key", "\\REGISTRY\\MACHINE");
}

/* A full-memory dump (after Wine's MiniDumpWithFullMemory): every range
   in the Memory64List, the thread's Stack descriptor with Rva 0, modules
   with PE32+ headers, the marked region (MDB_MARKER_*), a copy of the
   marker on the stack, the image path in UTF-16, a private stream. */
void mdb_scene_windows_x64_full(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    m->pid = 256;
    const enum mdb_list L = MDB_IN_LIST64;
    mdb_memory_pattern(m, 0x10000, 0x2000, 21, L);
    /* 0x20000..0x231000: five touching ranges, one valid stretch. */
    mdb_memory_pattern(m, 0x20000, 0x1000, 22, L);
    mdb_memory_pattern(m, 0x21000, 0x10000, 22, L);
    uint8_t *params = mdb_memory_pattern(m, 0x31000, 0x100000, 22, L);
    mdb_memory_pattern(m, 0x131000, 0x80000, 22, L);
    mdb_memory_pattern(m, 0x1b1000, 0x80000, 22, L);
    static const char path[] = MDB_IMAGE_PATH;
    for (size_t i = 0; i < sizeof path; i++)
        params[0x500 + 2 * i] = (uint8_t)path[i], params[0x501 + 2 * i] = 0;
    uint8_t *stack = mdb_memory_pattern(m, 0x300000, 0x10000, 23, L);
    memcpy(stack + (MDB_MARKER_COPY - 0x300000), MDB_MARKER, sizeof MDB_MARKER - 1);
    mdb_thread(m, 0x20, 0x300000, 0x10000)->sp = MDB_MARKER_COPY;
    mdb_memory_pattern(m, 0x320000, 0x2000, 24, L);
    mdb_thread(m, 0x24, 0x320000, 0x2000);
    uint8_t *marked = mdb_memory(m, MDB_MARKER_REGION, MDB_MARKER_SIZE, NULL, L);
    for (uint32_t i = 0; i < MDB_MARKER_SIZE; i++)
        marked[i] = mdb_marker_byte(i);

    static const struct { uint64_t base; uint32_t size; const char *name; } mods[] = {
        { 0x140000000, 0x20000, "Z:\\tmp\\winedump\\targetA.exe" },
        { 0x170000000, 0x100000, "C:\\windows\\system32\\ntdll.dll" },
        { 0x7b000000, 0x80000, "C:\\windows\\system32\\kernelbase.dll" },
        { 0x7b600000, 0x40000, "C:\\windows\\system32\\kernel32.dll" },
    };
    for (size_t i = 0; i < 4; i++) {
        struct mdb_module *mod = mdb_module(m, mods[i].base, mods[i].size, mods[i].name);
        mdb_pe_image(m, mod, 0x1000, L);
    }
    /* kernelbase's header page touches its next page: reads cross them. */
    mdb_memory_pattern(m, 0x7b001000, 0x1000, 25, L);
    static const char wine_private[] = "wine private stream 0xfff0";
    mdb_stream(m, 0xfff0, wine_private, sizeof wine_private);
}

/* MiniDumpNormal (after Wine's): 3000 ranges of 4 to 12 bytes, half of
   them touching the next; the program's buffer at MDB_MARKER_REGION is
   not in it. */
void mdb_scene_windows_x64_normal(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    m->pid = 296;
    mdb_module(m, 0x140000000, 0x10000, "Z:\\tmp\\winedump\\targetB.exe");
    mdb_module(m, 0x170000000, 0x200000, "C:\\windows\\system32\\ntdll.dll");
    uint64_t at = 0x170082000;
    for (uint32_t i = 0; i < 1500; i++) {
        uint32_t size = 4 + i % 9;
        mdb_memory_pattern(m, at, size, 31, MDB_IN_LIST32);
        at += size;
    }
    for (uint32_t i = 0; i < 1500; i++)
        mdb_memory_pattern(m, 0x180000000ull + 0x40ull * i, 4 + i % 9, 32, MDB_IN_LIST32);
    mdb_memory_pattern(m, 0x7b0a6020, 8, 33, MDB_IN_LIST32);
    mdb_memory_pattern(m, 0x7b0a6028, 0x20, 34, MDB_IN_LIST32);
    mdb_memory_pattern(m, 0x22fd00, 0x300, 35, MDB_IN_LIST32);
    mdb_thread(m, 0x20, 0x22fd00, 0x300);
}

/* Breakpad on Linux x86-64 (after linux_null_read_av.dmp): the process
   id in its /proc/PID/status copy, QueryVirtual from its /proc/PID/maps
   copy, and the other Linux streams a reader must pass over. */
void mdb_scene_linux_x64(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_LINUX);
    m->linux_status = "Name:\tcrasher\nUmask:\t0022\nState:\tR (running)\nTgid:\t11506\n"
                      "Ngid:\t0\nPid:\t11506\nPPid:\t11500\n";
    m->linux_maps =
        "555555554000-555555556000 r-xp 00000000 08:01 1234       /usr/bin/crasher\n"
        "555555755000-555555756000 rw-p 00001000 08:01 1234       /usr/bin/crasher\n"
        "7ffff7a0d000-7ffff7bcd000 r-xp 00000000 08:01 5678       /lib/x86_64-linux-gnu/libc.so.6\n"
        "7ffff7bcd000-7ffff7dcd000 ---p 001c0000 08:01 5678       /lib/x86_64-linux-gnu/libc.so.6\n"
        "7ffff7dcd000-7ffff7dd1000 r--p 001c0000 08:01 5678       /lib/x86_64-linux-gnu/libc.so.6\n"
        "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0          [stack]\n";
    mdb_module(m, 0x555555554000, 0x202000, "/usr/bin/crasher");
    mdb_module(m, 0x7ffff7a0d000, 0x3c4000, "/lib/x86_64-linux-gnu/libc.so.6");
    uint8_t *elf = mdb_memory_pattern(m, 0x555555554000, 0x100, 41, MDB_IN_LIST32);
    memcpy(elf, "\x7f" "ELF\x02\x01\x01", 7);
    mdb_memory_pattern(m, 0x555555755000, 0x1000, 42, MDB_IN_LIST32);
    mdb_memory_pattern(m, 0x7fffffffd000, 0x2000, 43, MDB_IN_LIST32);
    mdb_thread(m, 11506, 0x7fffffffd000, 0x2000);
    mdb_memory_pattern(m, 0x7ffffffde000, 0x800, 44, MDB_IN_THREAD);
    mdb_thread(m, 11507, 0x7ffffffde000, 0x800);
    static const char cpuinfo[] = "processor\t: 0\nvendor_id\t: GenuineIntel\n";
    static const char lsb[] = "DISTRIB_ID=Debian\nDISTRIB_RELEASE=12\n";
    static const char cmdline[] = "crasher\0--now";
    static const uint8_t auxv[32] = { 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };  /* AT_PAGESZ 4096 */
    mdb_stream(m, MDB_LINUX_CPU_INFO, cpuinfo, sizeof cpuinfo - 1);
    mdb_stream(m, MDB_LINUX_LSB_RELEASE, lsb, sizeof lsb - 1);
    mdb_stream(m, MDB_LINUX_CMD_LINE, cmdline, sizeof cmdline);
    mdb_stream(m, MDB_LINUX_AUXV, auxv, sizeof auxv);
}

/* Breakpad on macOS x86-64 (after symbolic's crash_macos.dmp): 4 padding
   bytes after the count of the thread, module and memory lists. */
void mdb_scene_macos_padded(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_MACOS);
    m->csd_version = "16G29";
    m->padded_lists = true;
    m->pid = 38786;
    mdb_module(m, 0x10a000000, 0x2000, "/Users/me/crash");
    mdb_module(m, 0x7fff6d4a0000, 0x29000, "/usr/lib/system/libsystem_kernel.dylib");
    uint8_t *macho = mdb_memory_pattern(m, 0x10a000000, 0x1000, 51, MDB_IN_LIST32);
    memcpy(macho, "\xcf\xfa\xed\xfe", 4);
    mdb_memory_pattern(m, 0x7ffee5a00000, 0x2000, 52, MDB_IN_LIST32);
    mdb_thread(m, 0x1d29, 0x7ffee5a00000, 0x2000);
    mdb_memory_pattern(m, 0x70000e9e0000, 0x1000, 53, MDB_IN_LIST32);
    mdb_thread(m, 0x1d2a, 0x70000e9e0000, 0x1000);
}

/* Windows on ARM64, with a MemoryInfoList and the full-memory list. */
void mdb_scene_windows_arm64(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_ARM64, MDB_OS_WINDOWS);
    m->pid = 4242;
    struct mdb_module *app = mdb_module(m, 0x7ff700000000, 0x20000, "C:\\arm\\app.exe");
    mdb_pe_image(m, app, 0x1000, MDB_IN_LIST64);
    mdb_memory_pattern(m, 0x5ffe000, 0x2000, 61, MDB_IN_LIST64);
    mdb_thread(m, 0x1000, 0x5ffe000, 0x2000);
    mdb_meminfo(m, 0x0, 0x5ff0000, 0, 0, MEM_FREE, PAGE_NOACCESS, 0);
    mdb_meminfo(m, 0x5ff0000, 0xe000, 0x5ff0000, PAGE_READWRITE, MEM_RESERVE, 0, MEM_PRIVATE);
    mdb_meminfo(m, 0x5ffe000, 0x2000, 0x5ff0000, PAGE_READWRITE, MEM_COMMIT, PAGE_READWRITE,
                MEM_PRIVATE);
    mdb_meminfo(m, 0x6000000, 0x7ff700000000 - 0x6000000, 0, 0, MEM_FREE, PAGE_NOACCESS, 0);
    mdb_meminfo(m, 0x7ff700000000, 0x1000, 0x7ff700000000, PAGE_EXECUTE_WRITECOPY, MEM_COMMIT,
                PAGE_READONLY, MEM_IMAGE);
    mdb_meminfo(m, 0x7ff700001000, 0x1f000, 0x7ff700000000, PAGE_EXECUTE_WRITECOPY,
                MEM_COMMIT, PAGE_EXECUTE_READ, MEM_IMAGE);
}

/* Breakpad's own ARM64 id (0x8003, before Windows had one) on macOS, with
   nothing but a Memory64List of two ranges and the process id (after
   LLDB's regions-memlist64.dmp). */
void mdb_scene_old_arm64(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_ARM64_OLD, MDB_OS_MACOS);
    m->pid = 123;
    mdb_memory_pattern(m, 0x1000, 0x10, 71, MDB_IN_LIST64);
    mdb_memory_pattern(m, 0x2000, 0x10, 72, MDB_IN_LIST64);
}

/* 32-bit ARM Windows; its writer sign-extended an address above 2 GiB
   (0xFFFFFFFF8xxxxxxx), as some 32-bit writers do. */
void mdb_scene_windows_arm(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_ARM, MDB_OS_WINDOWS);
    m->pid = 555;
    struct mdb_module *app = mdb_module(m, 0x400000, 0x10000, "C:\\arm32\\app.exe");
    mdb_pe_image(m, app, 0x1000, MDB_IN_LIST32);
    mdb_memory_pattern(m, 0x1ff000, 0x1000, 81, MDB_IN_LIST32);
    mdb_thread(m, 0x111, 0x1ff000, 0x1000);
    mdb_memory_pattern(m, 0xFFFFFFFF80001000ull, 0x20, 82, MDB_IN_LIST32);
}

/* Full memory cut short (after rizin's truncated Windows 7 dump): the
   file ends in the sixth of ten Memory64 ranges, and module 1's name
   declares an absurd length (its name is then not kept: NULL here). */
void mdb_scene_cut_short(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    m->pid = 5584;
    for (uint32_t i = 0; i < 10; i++)
        mdb_memory_pattern(m, 0x10000 + 0x3000ull * i, 0x2000, 90 + i, MDB_IN_LIST64);
    mdb_thread(m, 0x9c4, 0x10000, 0x2000);
    mdb_module(m, 0x400000, 0x30000, "C:\\hello\\hello.exe");
    mdb_module(m, 0x77000000, 0x1a0000, "C:\\Windows\\SysWOW64\\ntdll.dll");
    mdb_module(m, 0x77200000, 0x110000, "C:\\Windows\\SysWOW64\\kernel32.dll");
    mdb_build(m);
    uint32_t list = mdb_stream_rva(m, MDB_MODULE_LIST, NULL), name;
    memcpy(&name, m->out.p + list + 4 + 108 + 20, 4);
    b_u32(&m->out, name, 0xd6a5c4e0);
    m->modules[1].name = NULL;
    const struct mdb_range *sixth = &m->ranges[5];
    mdb_cut(m, sixth->rva + 0x1234);
}

const struct mdb_scene mdb_scenes[] = {
    { "windows-x86", mdb_scene_windows_x86, false },
    { "windows-x64-info", mdb_scene_windows_x64_info, false },
    { "windows-x64-full", mdb_scene_windows_x64_full, false },
    { "windows-x64-normal", mdb_scene_windows_x64_normal, false },
    { "linux-x64", mdb_scene_linux_x64, false },
    { "macos-padded", mdb_scene_macos_padded, false },
    { "windows-arm64", mdb_scene_windows_arm64, false },
    { "old-arm64", mdb_scene_old_arm64, false },
    { "windows-arm", mdb_scene_windows_arm, false },
    { "cut-short", mdb_scene_cut_short, true },
};
const size_t mdb_nscenes = sizeof mdb_scenes / sizeof mdb_scenes[0];
