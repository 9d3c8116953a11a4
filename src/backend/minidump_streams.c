/*
 * minidump_streams.c — the facts a minidump states about its process:
 * processor (SystemInfoStream), threads (ThreadListStream, or
 * ThreadExListStream), modules (ModuleListStream) and process id
 * (MiscInfoStream, or Breakpad's /proc/PID/status copy on Linux).
 */
#include <stdlib.h>

#include "minidump_internal.h"

#define MACHINE_IA64 0x0200u  /* IMAGE_FILE_MACHINE_IA64 (not in types.h) */

struct arch_entry {
    uint16_t arch;     /* MINIDUMP_SYSTEM_INFO.ProcessorArchitecture */
    uint16_t machine;  /* IMAGE_FILE_MACHINE_* */
    uint8_t pointer_size;
};

/* PROCESSOR_ARCHITECTURE_* (winnt.h) and Breakpad's private ids from 0x8001
   (minidump_format.h: MD_CPU_ARCHITECTURE_*). */
static const struct arch_entry arch_table[] = {
    { 0, IMAGE_FILE_MACHINE_I386, 4 },        /* INTEL */
    { 1, IMAGE_FILE_MACHINE_R4000, 4 },       /* MIPS */
    { 3, IMAGE_FILE_MACHINE_POWERPC, 4 },     /* PPC */
    { 5, IMAGE_FILE_MACHINE_ARMNT, 4 },       /* ARM */
    { 6, MACHINE_IA64, 8 },                   /* IA64 */
    { 9, IMAGE_FILE_MACHINE_AMD64, 8 },       /* AMD64 */
    { 10, IMAGE_FILE_MACHINE_I386, 4 },       /* IA32_ON_WIN64: a WOW64 process */
    { 12, IMAGE_FILE_MACHINE_ARM64, 8 },      /* ARM64 */
    { 14, IMAGE_FILE_MACHINE_ARMNT, 4 },      /* ARM32_ON_WIN64 */
    { 0x8003, IMAGE_FILE_MACHINE_ARM64, 8 },  /* Breakpad's ARM64 before Windows had one */
    { 0x8004, IMAGE_FILE_MACHINE_UNKNOWN, 8 },/* Breakpad MIPS64 */
    { 0x8005, IMAGE_FILE_MACHINE_UNKNOWN, 4 },/* Breakpad RISCV */
    { 0x8006, IMAGE_FILE_MACHINE_RISCV64, 8 },/* Breakpad RISCV64 */
};

/* MINIDUMP_SYSTEM_INFO: ProductType is the byte at 7, PlatformId the
   ULONG32 at 20, SuiteMask the USHORT at 28. */
#define MD_SYSINFO_PRODUCT_TYPE 7u
#define MD_SYSINFO_PLATFORM_ID 20u
#define MD_SYSINFO_SUITE_MASK 28u
#define MD_PLATFORM_WIN32_NT 2u  /* VER_PLATFORM_WIN32_NT; Breakpad's own OSes are 0x8xxx */

/* What ReadDebuggerData answers: only a Windows NT process has a
   KUSER_SHARED_DATA, whose product type and suite mask the stream copies. */
static void read_windows_facts(struct minidump_target *mt, const struct md_stream *s)
{
    uint32_t platform;
    uint16_t suite;
    if (s->size < MD_SYSINFO_SUITE_MASK + 2 ||
        !md_u32(mt->map, mt->size, (uint64_t)s->rva + MD_SYSINFO_PLATFORM_ID, &platform) ||
        !md_u16(mt->map, mt->size, (uint64_t)s->rva + MD_SYSINFO_SUITE_MASK, &suite) ||
        platform != MD_PLATFORM_WIN32_NT)
        return;
    mt->base.windows.known = true;
    /* In 64 bits: a stream near 4 GiB must not wrap to the file's start;
       the suite mask read above put this byte inside the file. */
    mt->base.windows.product_type = mt->map[(uint64_t)s->rva + MD_SYSINFO_PRODUCT_TYPE];
    mt->base.windows.suite_mask = suite;
}

HRESULT md_read_system_info(struct minidump_target *mt, const struct md_stream *s)
{
    uint16_t arch;
    if (s->size < 2 || !md_u16(mt->map, mt->size, s->rva, &arch)) {
        md_note(mt, "SystemInfoStream at 0x%x is too short", s->rva);
        return S_OK;
    }
    read_windows_facts(mt, s);
    for (size_t i = 0; i < sizeof arch_table / sizeof arch_table[0]; i++)
        if (arch_table[i].arch == arch) {
            mt->base.machine = arch_table[i].machine;
            mt->base.pointer_size = arch_table[i].pointer_size;
            mt->have_system_info = true;
            return S_OK;
        }
    md_note(mt, "SystemInfoStream names processor architecture 0x%x, which is unknown", arch);
    mt->have_system_info = true;
    return S_OK;
}

/* The ids of a thread list stream: MINIDUMP_THREAD_LIST (48-byte
   MINIDUMP_THREADs) or MINIDUMP_THREAD_EX_LIST (64-byte MINIDUMP_THREAD_EXs,
   a MINIDUMP_THREAD then a BackingStore descriptor); ThreadId is the first
   field of both. md_list_count cuts the count to the entries the stream
   (already cut to the file) holds. */
static HRESULT read_thread_ids(struct minidump_target *mt, const struct md_stream *s,
                               uint32_t entry, const char *what)
{
    uint32_t first, count = md_list_count(mt, s, entry, what, &first);
    mt->thread_stream = *s;
    mt->thread_entry = entry;
    mt->thread_first = first;
    mt->thread_entries = count;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t at = (uint64_t)s->rva + first + (uint64_t)i * entry;
        uint32_t tid;
        if (!md_u32(mt->map, mt->size, at, &tid))
            break;
        HRESULT hr = ds_target_add_thread(&mt->base, tid);
        if (FAILED(hr))
            return ds_fail(NULL, hr, "out of memory listing the threads of %s", mt->path);
        /* SuspendCount at 4 and Teb at 16 of MINIDUMP_THREAD (and of
           MINIDUMP_THREAD_EX, which begins like it): for ~ and @$teb. */
        uint32_t suspend = 0;
        uint64_t teb = 0;
        if (md_u32(mt->map, mt->size, at + 4, &suspend) && md_u64(mt->map, mt->size, at + 16, &teb)) {
            hr = ds_target_set_thread_data(&mt->base, mt->base.thread_count - 1, teb, suspend);
            if (FAILED(hr))
                return ds_fail(NULL, hr, "out of memory listing the threads of %s", mt->path);
        }
    }
    return S_OK;
}

/*
 * ThreadListStream when the dump has one, else ThreadExListStream (which
 * dbghelp wrote instead of it for IA64 processes, whose threads have a
 * register backing store; dbgeng reads either). A dump holding both lists
 * the same threads twice at best: ThreadListStream, the one every writer
 * and reader knows, wins (as in .NET's ClrMD dump reader), and the other
 * is ignored with a note. Only the ids are read: a thread's Stack (and
 * BackingStore) memory is in the memory list of the dumps that have
 * these streams; only ThreadListStream's stacks are indexed as memory of
 * their own (minidump_memory.c), for writers that leave them out of it.
 */
HRESULT md_read_threads(struct minidump_target *mt, const struct md_stream *list,
                        const struct md_stream *ex_list)
{
    if (list->present && ex_list->present)
        md_note(mt, "ThreadExListStream at 0x%x ignored: the ThreadListStream at 0x%x lists the "
                "threads", ex_list->rva, list->rva);
    if (list->present)
        return read_thread_ids(mt, list, MD_THREAD_SIZE, "ThreadListStream");
    if (ex_list->present)
        return read_thread_ids(mt, ex_list, MD_THREAD_EX_SIZE, "ThreadExListStream");
    return S_OK;
}

/* The module's name, or NULL (with a note) when its MINIDUMP_STRING is
   damaged: the module itself is kept. */
static char *module_name(struct minidump_target *mt, uint32_t index, uint64_t base, uint32_t rva,
                         bool *oom)
{
    const uint8_t *data;
    size_t units;
    const char *why;
    *oom = false;
    if (FAILED(md_string_at(mt, rva, &data, &units, &why))) {
        md_note(mt, "name of module %u (0x%llx) at 0x%x ignored: %s", index,
                (unsigned long long)base, rva, why);
        return NULL;
    }
    char *name = md_utf16_to_utf8(data, units);
    *oom = !name;
    return name;
}

static int compare_spans(const void *a, const void *b)
{
    const struct md_module_span *x = a, *y = b;
    if (x->base != y->base)
        return x->base < y->base ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The modules' spans, sorted, overlaps dropped (the lower, then the earlier
   one, wins): MEM_IMAGE in the derived regions, names for MemoryInfoList. */
static HRESULT index_spans(struct minidump_target *mt)
{
    uint32_t n = mt->base.module_count;
    if (!n)
        return S_OK;
    mt->spans = calloc(n, sizeof *mt->spans);
    if (!mt->spans)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory indexing the modules of %s", mt->path);
    size_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct ds_module *m = &mt->base.modules[i];
        if (m->size)
            mt->spans[k++] = (struct md_module_span){ m->base, m->base + m->size, m->name, i };
    }
    if (k > 1) /* qsort wants a real array, even for none */
        qsort(mt->spans, k, sizeof *mt->spans, compare_spans);
    size_t kept = 0, dropped = 0;
    for (size_t i = 0; i < k; i++) {
        if (kept && mt->spans[i].base < mt->spans[kept - 1].end) {
            dropped++;
            continue;
        }
        mt->spans[kept++] = mt->spans[i];
    }
    mt->nspans = kept;
    if (dropped)
        md_note(mt, "%zu modules overlap others; QueryVirtual shows the lower one", dropped);
    return S_OK;
}

/* MINIDUMP_MODULE: BaseOfImage u64 @0, SizeOfImage u32 @8, ModuleNameRva
   u32 @20. */
HRESULT md_read_modules(struct minidump_target *mt, const struct md_stream *s)
{
    uint32_t first, count = md_list_count(mt, s, MD_MODULE_SIZE, "ModuleListStream", &first);
    for (uint32_t i = 0; i < count; i++) {
        uint64_t off = (uint64_t)s->rva + first + (uint64_t)i * MD_MODULE_SIZE;
        uint64_t base;
        uint32_t size, name_rva;
        if (!md_u64(mt->map, mt->size, off, &base) ||
            !md_u32(mt->map, mt->size, off + 8, &size) ||
            !md_u32(mt->map, mt->size, off + 20, &name_rva))
            break;
        base = md_fold_address(mt, base);
        uint64_t span = size <= UINT64_MAX - base ? size : UINT64_MAX - base;
        bool oom;
        char *name = module_name(mt, i, base, name_rva, &oom);
        HRESULT hr = oom ? E_OUTOFMEMORY : ds_target_add_module(&mt->base, base, span, name);
        free(name);
        if (FAILED(hr))
            return ds_fail(NULL, hr, "out of memory listing the modules of %s", mt->path);
    }
    return index_spans(mt);
}

/* "Pid:\t1234" at the start of a line of /proc/PID/status. */
static bool pid_from_status(const uint8_t *text, size_t len, uint32_t *pid)
{
    for (size_t i = 0; i + 4 < len; i++) {
        if ((i && text[i - 1] != '\n') || memcmp(text + i, "Pid:", 4) != 0)
            continue;
        size_t j = i + 4;
        while (j < len && (text[j] == ' ' || text[j] == '\t'))
            j++;
        uint64_t v = 0;
        size_t digits = 0;
        while (j < len && text[j] >= '0' && text[j] <= '9' && digits < 10) {
            v = v * 10 + (uint64_t)(text[j++] - '0');
            digits++;
        }
        if (digits == 0 || v > UINT32_MAX)
            return false;
        *pid = (uint32_t)v;
        return true;
    }
    return false;
}

void md_read_pid(struct minidump_target *mt, const struct md_stream *misc,
                 const struct md_stream *proc_status)
{
    /* MINIDUMP_MISC_INFO: SizeOfInfo u32, Flags1 u32, ProcessId u32. The
       stream size bounds it, not SizeOfInfo (LLDB's test dumps leave it 0). */
    uint32_t flags, pid;
    if (misc->present && misc->size >= 12 && md_u32(mt->map, mt->size, misc->rva + 4, &flags) &&
        (flags & MD_MISC1_PROCESS_ID) && md_u32(mt->map, mt->size, misc->rva + 8, &pid)) {
        mt->base.pid = pid;
        return;
    }
    if (proc_status->present && pid_from_status(mt->map + proc_status->rva, proc_status->size,
                                                &pid))
        mt->base.pid = pid;
}

/* MINIDUMP_THREAD: ThreadId at 0, ThreadContext (MINIDUMP_LOCATION_DESCRIPTOR:
   DataSize, Rva) at 40. The record is the CONTEXT of the dump's machine as
   the writer stored it, copied as is; a shorter one (an x86 record without
   ExtendedRegisters, 204 bytes) leaves the rest zero, a longer one (an
   x86-64 record with XSAVE data after it) is cut to the CONTEXT. Breakpad's
   old ARM64 record is the one converted (minidump_arm64.c). */
#define MD_THREAD_CONTEXT_AT 40u

HRESULT md_thread_context(ds_target *t, uint32_t tid, void *ctx, uint32_t size)
{
    struct minidump_target *mt = md_target(t);
    for (uint32_t i = 0; i < mt->thread_entries; i++) {
        uint64_t at = (uint64_t)mt->thread_stream.rva + mt->thread_first + (uint64_t)i * mt->thread_entry;
        uint32_t id, data_size, rva;
        if (!md_u32(mt->map, mt->size, at, &id) || id != tid)
            continue;
        if (!md_u32(mt->map, mt->size, at + MD_THREAD_CONTEXT_AT, &data_size) ||
            !md_u32(mt->map, mt->size, at + MD_THREAD_CONTEXT_AT + 4, &rva) || data_size < 4)
            return ds_fail(t, E_FAIL, "GetThreadContext: thread %u of %s has no CONTEXT record",
                           tid, mt->path);
        if (rva > mt->size || mt->size - rva < data_size)
            return ds_fail(t, E_FAIL, "GetThreadContext: the %u-byte CONTEXT of thread %u at "
                           "0x%x lies past the end of %s (%zu bytes)", data_size, tid, rva,
                           mt->path, mt->size);
        const uint8_t *rec = mt->map + rva;
        if (mt->base.machine == IMAGE_FILE_MACHINE_ARM64 && md_arm64_context_is_old(rec, data_size)) {
            if (size < sizeof(DS_ARM64_CONTEXT))
                return ds_fail(t, E_INVALIDARG, "GetThreadContext: a %u-byte buffer cannot hold "
                               "the ARM64 CONTEXT of thread %u", size, tid);
            DS_ARM64_CONTEXT c;
            md_arm64_context_from_old(rec, data_size, &c);
            memcpy(ctx, &c, sizeof c);
            return S_OK;
        }
        memcpy(ctx, rec, data_size < size ? data_size : size);
        return S_OK;
    }
    return ds_fail(t, E_FAIL, "GetThreadContext: %s lists no CONTEXT for thread %u", mt->path, tid);
}
