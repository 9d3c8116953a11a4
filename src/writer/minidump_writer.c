/*
 * minidump_writer.c — any target as a Windows minidump (MINIDUMP_HEADER
 * 'MDMP'), with the streams a Linux process's Breakpad dump has and that
 * lldb, Breakpad's tools and our own reader open:
 *
 *   SystemInfoStream    the machine; a Linux target marked as Breakpad
 *                       marks it (PlatformId 0x8201), a Windows minidump
 *                       keeps Windows's
 *   ThreadListStream    each thread, its CONTEXT and its stack's bytes
 *   ModuleListStream    base, size, name, and a CodeView record 'BpEL'
 *                       with the image's ELF build-id (Breakpad's form)
 *   MemoryInfoListStream  the regions QueryVirtual describes
 *   MiscInfoStream      the process id
 *   CommentStreamA      the caller's comment
 *   Breakpad's Linux streams of a live process: /proc/PID/maps, status,
 *                       cmdline, environ and auxv, as read
 *   Memory64ListStream  every readable byte (DEBUG_FORMAT_USER_SMALL_FULL_MEMORY),
 *   or MemoryListStream the thread stacks (and with
 *                       DEBUG_FORMAT_USER_SMALL_INDIRECT_MEMORY the memory
 *                       they and the registers point at: dump_ranges.c)
 *
 * Layout: header, directory, then every small stream (built in memory:
 * its size is bounded by the threads, modules and regions, never by the
 * memory), then the full memory's bytes, streamed run by run at the
 * Memory64 list's BaseRva. RVAs are 32-bit, so everything but the
 * Memory64 data must end below 4 GiB; that data may run past it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "writer.h"

#define MD_SIGNATURE 0x504d444du
#define MD_VERSION 0xa793u
#define MD_HEADER_SIZE 32u
#define MD_DIR_ENTRY 12u
#define MD_THREAD_SIZE 48u
#define MD_MODULE_SIZE 108u
#define MD_MEMINFO_SIZE 48u
#define MD_MISC_INFO_SIZE 24u
#define MD_SYSTEM_INFO_SIZE 56u

enum {
    MDS_THREAD_LIST = 3, MDS_MODULE_LIST = 4, MDS_MEMORY_LIST = 5, MDS_SYSTEM_INFO = 7,
    MDS_MEMORY64_LIST = 9, MDS_COMMENT_A = 10, MDS_MISC_INFO = 15, MDS_MEMORY_INFO_LIST = 16,
    MDS_LINUX_PROC_STATUS = 0x47670004, MDS_LINUX_CMDLINE = 0x47670006,
    MDS_LINUX_ENVIRON = 0x47670007, MDS_LINUX_AUXV = 0x47670008, MDS_LINUX_MAPS = 0x47670009,
};
/* MINIDUMP_TYPE bits of the header's Flags. */
#define MDT_WITH_FULL_MEMORY 0x2u
#define MDT_WITH_FULL_MEMORY_INFO 0x800u
#define MD_PLATFORM_LINUX 0x8201u  /* Breakpad's MD_OS_LINUX */
#define MD_PLATFORM_WIN32_NT 2u
#define MD_CV_ELF_SIGNATURE 0x4270454cu  /* 'BpEL', Breakpad's MDCVInfoELF */
#define MD_MAX_PROC_FILE (16u << 20)
#define MD_MAX_STREAMS 16

struct dir_entry {
    uint32_t type, size;
    uint64_t rva;
};

struct md_writer {
    struct dump_out *o;
    ds_target *t;
    struct dump_blob b;
    struct dir_entry dir[MD_MAX_STREAMS];
    uint32_t ndir;
};

static void add_stream(struct md_writer *w, uint32_t type, uint64_t rva, uint64_t size)
{
    if (w->ndir < MD_MAX_STREAMS)
        w->dir[w->ndir++] = (struct dir_entry){ type, (uint32_t)size, rva };
}

/* MINIDUMP_STRING: byte length, UTF-16LE units, a NUL unit. Bytes that
   are not UTF-8 become U+FFFD. */
static uint64_t add_string(struct dump_blob *b, const char *s)
{
    size_t n = strlen(s);
    uint64_t at = blob_add(b, NULL, 4, 4);
    uint32_t units = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = (uint8_t)s[i], len = 1;
        if (c >= 0xf0 && c < 0xf5) c &= 0x07, len = 4;
        else if (c >= 0xe0) c &= 0x0f, len = 3;
        else if (c >= 0xc2 && c < 0xe0) c &= 0x1f, len = 2;
        else if (c >= 0x80) c = 0xfffd;
        bool ok = i + len <= n;
        for (uint32_t k = 1; ok && k < len; k++) {
            ok = ((uint8_t)s[i + k] & 0xc0) == 0x80;
            c = c << 6 | ((uint8_t)s[i + k] & 0x3f);
        }
        if (!ok)
            c = 0xfffd, len = 1;
        i += len;
        uint16_t u[2];
        int nu = 1;
        if (c >= 0x10000) {
            c -= 0x10000;
            u[0] = (uint16_t)(0xd800 | c >> 10), u[1] = (uint16_t)(0xdc00 | (c & 0x3ff)), nu = 2;
        } else {
            u[0] = (uint16_t)c;
        }
        for (int k = 0; k < nu; k++) {
            uint64_t p = blob_add(b, NULL, 2, 1);
            blob_put16(b, p, u[k]);
            units++;
        }
    }
    blob_add(b, NULL, 2, 1);  /* the NUL unit, not counted */
    blob_put32(b, at, units * 2);
    return at;
}

static uint16_t processor_architecture(uint32_t machine)
{
    switch (machine) {
    case IMAGE_FILE_MACHINE_I386: return 0;
    case IMAGE_FILE_MACHINE_ARMNT: return 5;
    case IMAGE_FILE_MACHINE_AMD64: return 9;
    case IMAGE_FILE_MACHINE_ARM64: return 12;
    default: return 0xffff;  /* PROCESSOR_ARCHITECTURE_UNKNOWN */
    }
}

static bool is_live(const ds_target *t)
{
    return strcmp(t->ops->name, "live") == 0;
}

static void write_system_info(struct md_writer *w)
{
    struct dump_blob *b = &w->b;
    uint64_t at = blob_add(b, NULL, MD_SYSTEM_INFO_SIZE, 4);
    blob_put16(b, at, processor_architecture(w->t->machine));
    long cpus = is_live(w->t) ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
    /* NumberOfProcessors and ProductType are bytes: in the 16-bit field
       they share. */
    uint16_t product = w->t->windows.known ? (uint16_t)(w->t->windows.product_type & 0xff) : 0;
    blob_put16(b, at + 6, (uint16_t)((cpus > 0 && cpus < 256 ? cpus : 1) | product << 8));
    char csd[400] = "";
    if (w->t->windows.known) {
        blob_put32(b, at + 20, MD_PLATFORM_WIN32_NT);
        blob_put16(b, at + 28, (uint16_t)w->t->windows.suite_mask);
    } else {
        /* Breakpad's Linux writer: the kernel's uname, as CSDVersion. */
        blob_put32(b, at + 20, MD_PLATFORM_LINUX);
        struct utsname u;
        if (is_live(w->t) && uname(&u) == 0)
            snprintf(csd, sizeof csd, "%s %s %s %s", u.sysname, u.release, u.version, u.machine);
    }
    uint64_t csd_at = add_string(b, csd);
    blob_put32(b, at + 24, (uint32_t)csd_at);
    add_stream(w, MDS_SYSTEM_INFO, at, MD_SYSTEM_INFO_SIZE);
}

/* The bytes of the small dump's ranges, into the blob (before the thread
   list, whose stacks point into them). */
static void write_ranges(struct md_writer *w, struct dump_range *r, size_t n)
{
    struct dump_blob *b = &w->b;
    for (size_t i = 0; i < n; i++) {
        r[i].rva = blob_add(b, NULL, (size_t)r[i].size, 16);
        size_t done = 0;
        if (!b->failed)
            ds_backend_read(w->t, r[i].start, b->p + (r[i].rva - b->base), (size_t)r[i].size,
                            &done);
    }
}

/* The thread list. A stack's bytes are in the small dump's ranges when
   there are some (ranges != NULL), else (a full dump, whose Memory64 data
   may lie past the 32-bit RVAs) a copy of their own. */
static void write_threads(struct md_writer *w, const struct dump_thread *th, size_t n,
                          const struct dump_range *ranges, size_t nranges)
{
    struct dump_blob *b = &w->b;
    uint64_t list = blob_add(b, NULL, 4 + n * MD_THREAD_SIZE, 4);
    blob_put32(b, list, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        uint64_t e = list + 4 + i * MD_THREAD_SIZE;
        blob_put32(b, e, th[i].tid);
        if (th[i].have_context) {
            uint64_t c = blob_add(b, th[i].context, th[i].context_size, 16);
            blob_put32(b, e + 40, th[i].context_size);
            blob_put32(b, e + 44, (uint32_t)c);
        }
        if (!th[i].stack_size)
            continue;
        uint64_t s = 0;
        if (ranges) {
            for (size_t k = 0; k < nranges && !s; k++)
                if (ranges[k].start <= th[i].stack_start &&
                    th[i].stack_start - ranges[k].start < ranges[k].size)
                    s = ranges[k].rva + (th[i].stack_start - ranges[k].start);
        } else {
            s = blob_add(b, NULL, (size_t)th[i].stack_size, 16);
            size_t done = 0;
            if (!b->failed)
                ds_backend_read(w->t, th[i].stack_start, b->p + (s - b->base),
                                (size_t)th[i].stack_size, &done);
        }
        blob_put64(b, e + 24, th[i].stack_start);
        blob_put32(b, e + 32, (uint32_t)th[i].stack_size);
        blob_put32(b, e + 36, (uint32_t)s);
    }
    add_stream(w, MDS_THREAD_LIST, list, 4 + n * MD_THREAD_SIZE);
}

static void write_modules(struct md_writer *w)
{
    struct dump_blob *b = &w->b;
    ds_target *t = w->t;
    uint32_t n = t->module_count;
    uint64_t list = blob_add(b, NULL, 4 + (size_t)n * MD_MODULE_SIZE, 4);
    blob_put32(b, list, n);
    for (uint32_t i = 0; i < n; i++) {
        const struct ds_module *m = &t->modules[i];
        uint64_t e = list + 4 + (uint64_t)i * MD_MODULE_SIZE;
        blob_put64(b, e, m->base);
        blob_put32(b, e + 8, m->size > UINT32_MAX ? UINT32_MAX : (uint32_t)m->size);
        uint64_t name = add_string(b, m->name ? m->name : "");
        blob_put32(b, e + 20, (uint32_t)name);
        blob_put32(b, e + 24, 0xfeef04bdu);  /* VS_FIXEDFILEINFO.dwSignature */
        blob_put32(b, e + 28, 0x10000u);     /* dwStrucVersion */
        uint8_t id[64];
        uint32_t idn = dump_build_id(t, m->base, id, sizeof id);
        if (idn) {
            uint64_t cv = blob_add(b, NULL, 4 + idn, 4);
            blob_put32(b, cv, MD_CV_ELF_SIGNATURE);
            if (!b->failed)
                memcpy(b->p + (cv + 4 - b->base), id, idn);
            blob_put32(b, e + 76, 4 + idn);
            blob_put32(b, e + 80, (uint32_t)cv);
        }
    }
    add_stream(w, MDS_MODULE_LIST, list, 4 + (uint64_t)n * MD_MODULE_SIZE);
}

static HRESULT write_memory_info(struct md_writer *w)
{
    struct dump_blob *b = &w->b;
    ds_target *t = w->t;
    if (!t->ops->query)
        return S_OK;
    uint64_t head = blob_add(b, NULL, 16, 8);
    uint64_t count = 0, addr = 0;
    for (uint32_t guard = 0; guard < DS_DUMP_MAX_RUNS; guard++) {
        struct ds_region r = { 0 };
        HRESULT hr = t->ops->query(t, addr, &r);
        if (FAILED(hr))
            return hr;
        if (hr != S_OK || !r.size || r.state == MEM_FREE)
            break;
        uint64_t e = blob_add(b, NULL, MD_MEMINFO_SIZE, 8);
        blob_put64(b, e, r.base);
        blob_put64(b, e + 8, r.allocation_base);
        blob_put32(b, e + 16, r.allocation_protect);
        blob_put64(b, e + 24, r.size);
        blob_put32(b, e + 32, r.state);
        blob_put32(b, e + 36, r.protect);
        blob_put32(b, e + 40, r.type);
        count++;
        if (r.base + r.size <= r.base || r.base + r.size <= addr)
            break;
        addr = r.base + r.size;
    }
    blob_put32(b, head, 16);
    blob_put32(b, head + 4, MD_MEMINFO_SIZE);
    blob_put64(b, head + 8, count);
    add_stream(w, MDS_MEMORY_INFO_LIST, head, 16 + count * MD_MEMINFO_SIZE);
    return S_OK;
}

static void write_misc(struct md_writer *w)
{
    uint64_t at = blob_add(&w->b, NULL, MD_MISC_INFO_SIZE, 4);
    blob_put32(&w->b, at, MD_MISC_INFO_SIZE);
    blob_put32(&w->b, at + 4, w->t->pid ? 1u : 0u);  /* MINIDUMP_MISC1_PROCESS_ID */
    blob_put32(&w->b, at + 8, w->t->pid);
    add_stream(w, MDS_MISC_INFO, at, MD_MISC_INFO_SIZE);
}

/* A /proc/PID file of a live target, whole (up to MD_MAX_PROC_FILE). */
static void write_proc_file(struct md_writer *w, const char *name, uint32_t type)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%u/%s", w->t->pid, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    uint64_t at = blob_add(&w->b, NULL, 0, 4);
    size_t len = 0;
    uint8_t buf[65536];
    ssize_t r;
    while (len < MD_MAX_PROC_FILE && (r = read(fd, buf, sizeof buf)) > 0) {
        blob_add(&w->b, buf, (size_t)r, 1);
        len += (size_t)r;
    }
    close(fd);
    add_stream(w, type, at, len);
}

HRESULT minidump_write(struct dump_out *o, uint32_t flags, const char *comment)
{
    ds_target *t = o->t;
    bool full = flags & DS_FORMAT_USER_SMALL_FULL_MEMORY;
    struct md_writer w = { .o = o, .t = t };
    struct dump_run *runs = NULL;
    size_t nruns = 0, nthreads = 0;
    struct dump_thread *threads = NULL;
    struct dump_range *small = NULL;
    size_t nsmall = 0;
    uint8_t *chunk = NULL;
    HRESULT hr = full ? dump_readable_runs(t, &runs, &nruns) : S_OK;
    if (SUCCEEDED(hr))
        hr = dump_threads(t, &threads, &nthreads);
    if (SUCCEEDED(hr) && !full)
        hr = dump_small_ranges(t, threads, nthreads, flags & DS_FORMAT_USER_SMALL_INDIRECT_MEMORY,
                               &small, &nsmall);
    if (FAILED(hr))
        goto done;
    chunk = full ? malloc(DS_DUMP_CHUNK) : NULL;
    if (full && !chunk) {
        hr = ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory writing %s", o->path);
        goto done;
    }

    /* Streams: 6 always, the comment, 5 Linux ones, one memory list. */
    bool live = is_live(t);
    uint32_t nstreams = 6 + (comment && *comment) + (live ? 5 : 0);
    w.b.base = MD_HEADER_SIZE + (uint64_t)nstreams * MD_DIR_ENTRY;
    write_system_info(&w);
    if (!full)
        write_ranges(&w, small, nsmall);
    write_threads(&w, threads, nthreads, full ? NULL : small, nsmall);
    write_modules(&w);
    hr = write_memory_info(&w);
    if (FAILED(hr))
        goto done;
    write_misc(&w);
    if (comment && *comment) {
        uint64_t at = blob_add(&w.b, comment, strlen(comment) + 1, 1);
        add_stream(&w, MDS_COMMENT_A, at, strlen(comment) + 1);
    }
    if (live) {
        write_proc_file(&w, "maps", MDS_LINUX_MAPS);
        write_proc_file(&w, "status", MDS_LINUX_PROC_STATUS);
        write_proc_file(&w, "cmdline", MDS_LINUX_CMDLINE);
        write_proc_file(&w, "environ", MDS_LINUX_ENVIRON);
        write_proc_file(&w, "auxv", MDS_LINUX_AUXV);
    }
    uint64_t mem_base = 0;
    if (full) {
        uint64_t head = blob_add(&w.b, NULL, 16 + nruns * 16, 8);
        blob_put64(&w.b, head, nruns);
        for (size_t i = 0; i < nruns; i++) {
            blob_put64(&w.b, head + 16 + i * 16, runs[i].start);
            blob_put64(&w.b, head + 24 + i * 16, runs[i].size);
            o->mem_total += runs[i].size;
        }
        mem_base = w.b.base + w.b.len;
        blob_put64(&w.b, head + 8, mem_base);
        add_stream(&w, MDS_MEMORY64_LIST, head, 16 + nruns * 16);
    } else {
        uint32_t n = (uint32_t)nsmall;
        uint64_t head = blob_add(&w.b, NULL, 4 + (size_t)n * 16, 4);
        blob_put32(&w.b, head, n);
        for (size_t i = 0; i < nsmall; i++) {
            blob_put64(&w.b, head + 4 + i * 16, small[i].start);
            blob_put32(&w.b, head + 12 + i * 16, (uint32_t)small[i].size);
            blob_put32(&w.b, head + 16 + i * 16, (uint32_t)small[i].rva);
        }
        add_stream(&w, MDS_MEMORY_LIST, head, 4 + (uint64_t)n * 16);
    }
    if (w.b.failed) {
        hr = ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory laying out %s", o->path);
        goto done;
    }
    if (w.b.base + w.b.len > UINT32_MAX) {
        hr = ds_fail(t, E_FAIL, "WriteDumpFile2: the streams of %s would end past 4 GiB, beyond "
                     "a minidump's 32-bit RVAs", o->path);
        goto done;
    }

    /* Header and directory; unused slots (a missing /proc file) stay
       UnusedStream entries, which every reader skips. */
    uint8_t head[MD_HEADER_SIZE + MD_MAX_STREAMS * MD_DIR_ENTRY];
    memset(head, 0, sizeof head);
    struct dump_blob hb = { .p = head, .len = sizeof head, .cap = sizeof head };
    blob_put32(&hb, 0, MD_SIGNATURE);
    blob_put32(&hb, 4, MD_VERSION);
    blob_put32(&hb, 8, nstreams);
    blob_put32(&hb, 12, MD_HEADER_SIZE);
    blob_put32(&hb, 20, (uint32_t)time(NULL));
    blob_put64(&hb, 24, (full ? MDT_WITH_FULL_MEMORY : 0) | MDT_WITH_FULL_MEMORY_INFO);
    for (uint32_t i = 0; i < w.ndir && i < nstreams; i++) {
        blob_put32(&hb, MD_HEADER_SIZE + i * MD_DIR_ENTRY, w.dir[i].type);
        blob_put32(&hb, MD_HEADER_SIZE + i * MD_DIR_ENTRY + 4, w.dir[i].size);
        blob_put32(&hb, MD_HEADER_SIZE + i * MD_DIR_ENTRY + 8, (uint32_t)w.dir[i].rva);
    }
    hr = dump_out_pwrite(o, head, MD_HEADER_SIZE + (size_t)nstreams * MD_DIR_ENTRY, 0);
    if (SUCCEEDED(hr))
        hr = dump_out_pwrite(o, w.b.p, w.b.len, w.b.base);
    uint64_t off = mem_base, zeroed = 0;
    for (size_t i = 0; i < nruns && SUCCEEDED(hr); i++) {
        hr = dump_out_memory(o, runs[i].start, runs[i].size, off, chunk, &zeroed);
        off += runs[i].size;
    }
done:
    free(w.b.p);
    free(runs);
    free(threads);
    free(small);
    free(chunk);
    return hr;
}
