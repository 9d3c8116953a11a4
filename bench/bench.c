/*
 * bench — our side of the benchmark table and the physical limits it is
 * measured against, in the same process and the same run (bench/README.md).
 *
 *   bench live PID DATA SIZE HEAD NODES    W1 W2 W3 W3v W3u W6l  (attaches: stopped)
 *   bench core PATH DATA SIZE HEAD NODES   W4 W5 W6c
 *   bench minidump PATH                    W7
 *
 * Every measurement is repeated BENCH_RUNS times (default 7) after one
 * untimed warm-up pass; "ours" and "limit" alternate within each repetition
 * so that a noisy neighbour hurts both alike. Output, one line each:
 *
 *   R <row> <ours|limit> <seconds> <seconds> ...   (per workload; W3 per call)
 *   I <key> <value>                                 (information)
 *
 * The limits:
 *   live rows   raw process_vm_readv(2) of the same bytes in the same pieces
 *               (W6l too: the copy alone, with no scan, bounds a live search)
 *   file rows   memcpy / memmem straight from an mmap of the file, located
 *               by our own few lines of ELF / minidump parsing
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <dataspaces/dataspaces.h>

#define MiB (1u << 20)
#define MAXRUNS 64

static int runs = 7;
/* An 8-byte pattern the target's data cannot hold: its bytes are >= 0x80. */
static const unsigned char PATTERN[8] = { 0xde, 0xad, 0xbe, 0xef, 0xfe, 0xed, 0xfa, 0xce };

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void emit(const char *row, const char *who, const double *v, int n)
{
    printf("R %s %s", row, who);
    for (int i = 0; i < n; i++)
        printf(" %.9g", v[i]);
    printf("\n");
    fflush(stdout);
}

static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* The target's word at byte offset off of its data (see target.c). */
static void check_data(const void *buf, uint64_t off, size_t n, const char *who)
{
    const uint64_t *w = buf;
    for (size_t i = 0; i < n / 8; i++)
        if (w[i] != (mix(off / 8 + i) & 0x7f7f7f7f7f7f7f7full))
            die("%s: wrong bytes at data+0x%llx", who, (unsigned long long)(off + 8 * i));
}

static uint64_t getnum(const char *s)
{
    return strtoull(s, NULL, 0);
}

/* Run two timed bodies `runs` times, alternating which goes first. */
typedef double (*body_fn)(void *ctx);
static void pair(const char *row, body_fn ours, void *ocx, body_fn limit, void *lcx)
{
    double o[MAXRUNS] = { 0 }, l[MAXRUNS] = { 0 };
    if (ours)
        ours(ocx); /* warm-up: page cache, page tables, our cache */
    if (limit)
        limit(lcx);
    for (int r = 0; r < runs; r++) {
        if (r & 1) {
            if (limit)
                l[r] = limit(lcx);
            if (ours)
                o[r] = ours(ocx);
        } else {
            if (ours)
                o[r] = ours(ocx);
            if (limit)
                l[r] = limit(lcx);
        }
    }
    if (ours)
        emit(row, "ours", o, runs);
    if (limit)
        emit(row, "limit", l, runs);
}

/* ===== live ============================================================== */

struct live {
    ds_target *t;
    pid_t pid;
    uint64_t data, size, head, nodes, one;
    uint8_t *buf;
    int verify;
};

static double w1_ours(void *p)
{
    struct live *c = p;
    double t0 = now();
    for (uint64_t off = 0; off < c->size; off += MiB) {
        uint32_t got = 0;
        HRESULT hr = ds_read_virtual(c->t, c->data + off, c->buf, MiB, &got);
        if (hr != S_OK || got != MiB)
            die("W1: ds_read_virtual at +0x%llx: 0x%08x, %u bytes: %s",
                (unsigned long long)off, (unsigned)hr, got, ds_error_text(c->t));
        if (c->verify)
            check_data(c->buf, off, MiB, "W1 ours");
    }
    return now() - t0;
}

static ssize_t pvr(pid_t pid, void *buf, uint64_t addr, size_t n)
{
    struct iovec l = { buf, n }, r = { (void *)(uintptr_t)addr, n };
    return process_vm_readv(pid, &l, 1, &r, 1, 0);
}

static double w1_limit(void *p)
{
    struct live *c = p;
    double t0 = now();
    for (uint64_t off = 0; off < c->size; off += MiB) {
        if (pvr(c->pid, c->buf, c->data + off, MiB) != (ssize_t)MiB)
            die("W1: process_vm_readv: %s", strerror(errno));
        if (c->verify)
            check_data(c->buf, off, MiB, "W1 limit");
    }
    return now() - t0;
}

static double w2_ours(void *p)
{
    struct live *c = p;
    ds_cache_flush(c->t); /* every walk starts cold, as after a stop */
    double t0 = now();
    uint64_t node = c->head, k = 0, v[2];
    while (node) {
        uint32_t got;
        if (ds_read_virtual(c->t, node, v, 16, &got) != S_OK || got != 16)
            die("W2: ds_read_virtual at 0x%llx: %s", (unsigned long long)node,
                ds_error_text(c->t));
        if (v[1] != k)
            die("W2: node %llu holds %llu", (unsigned long long)k, (unsigned long long)v[1]);
        k++;
        node = v[0];
    }
    double dt = now() - t0;
    if (k != c->nodes)
        die("W2: walked %llu nodes", (unsigned long long)k);
    return dt;
}

static double w2_warm(void *p)
{
    struct live *c = p;
    double t0 = now();
    uint64_t node = c->head, v[2];
    while (node) {
        uint32_t got;
        ds_read_virtual(c->t, node, v, 16, &got);
        node = v[0];
    }
    return now() - t0;
}

static double w2_limit(void *p)
{
    struct live *c = p;
    double t0 = now();
    uint64_t node = c->head, k = 0, v[2];
    while (node) {
        if (pvr(c->pid, v, node, 16) != 16 || v[1] != k)
            die("W2: process_vm_readv at 0x%llx", (unsigned long long)node);
        k++;
        node = v[0];
    }
    return now() - t0;
}

#define W3_CACHED_CALLS 4000000u
#define W3_UNCACHED_CALLS 100000u

/* W3 reads one word again and again (word 8, at data + 64). W3v reads
   each call another of the 512 words of the page at data + 4096 (words
   512..1023), as a walk over a structure reads them; the sequence is a
   fixed permutation so that no two neighbouring calls read neighbouring
   words. Word k of the data holds mix(k) with each byte's top bit clear. */
#define W3_OFFSETS 512u
static inline uint64_t w3_word(bool vary, uint32_t i)
{
    return vary ? 512 + ((i * 167u) & (W3_OFFSETS - 1)) : 8;
}

static uint64_t data_word(uint64_t k)
{
    return mix(k) & 0x7f7f7f7f7f7f7f7full;
}

/* Inlined with `vary` a constant, so each timed loop is the plain one. */
static inline double w3_ours(struct live *c, bool vary, const char *name)
{
    uint64_t v = 0, sum = 0, want = 0;
    uint32_t got;
    double t0 = now();
    for (uint32_t i = 0; i < W3_CACHED_CALLS; i++) {
        ds_read_virtual(c->t, c->data + 8 * w3_word(vary, i), &v, 8, &got);
        sum += v;
    }
    double dt = now() - t0;
    for (uint32_t i = 0; i < W3_CACHED_CALLS; i++)
        want += data_word(w3_word(vary, i));
    if (sum != want)
        die("%s: wrong values", name);
    return dt / W3_CACHED_CALLS;
}

static inline double w3_limit_reads(struct live *c, bool vary, const char *name)
{
    uint64_t v = 0;
    double t0 = now();
    for (uint32_t i = 0; i < W3_UNCACHED_CALLS; i++)
        pvr(c->pid, &v, c->data + 8 * w3_word(vary, i), 8);
    double dt = now() - t0;
    if (v != data_word(w3_word(vary, W3_UNCACHED_CALLS - 1)))
        die("%s limit: wrong value", name);
    return dt / W3_UNCACHED_CALLS;
}

static double w3_cached(void *p)
{
    return w3_ours(p, false, "W3");
}

static double w3_limit(void *p)
{
    return w3_limit_reads(p, false, "W3");
}

static double w3v_cached(void *p)
{
    return w3_ours(p, true, "W3v");
}

static double w3v_limit(void *p)
{
    return w3_limit_reads(p, true, "W3v");
}

static double w3_uncached(void *p)
{
    struct live *c = p;
    uint64_t v = 0, a = c->data + 8 * w3_word(false, 0);
    uint32_t got;
    double t0 = now();
    for (uint32_t i = 0; i < W3_UNCACHED_CALLS; i++)
        ds_read_virtual_uncached(c->t, a, &v, 8, &got);
    double dt = now() - t0;
    if (v != data_word(w3_word(false, 0)))
        die("W3u: wrong value");
    return dt / W3_UNCACHED_CALLS;
}

#ifdef HAVE_SEARCH
static double w6_ours(ds_target *t, uint64_t data, uint64_t size)
{
    uint64_t match = 0;
    double t0 = now();
    HRESULT hr = ds_search_virtual(t, data, size, PATTERN, sizeof PATTERN, 1, &match);
    double dt = now() - t0;
    if (hr == S_OK)
        die("W6: ds_search_virtual found the absent pattern at 0x%llx",
            (unsigned long long)match);
    return dt;
}

/* The CPU time of the whole process (both threads of a search) in each
   W6l body, kept beside the wall time: a search that overlaps its scan
   with its copy needs a second core that is free; on a loaded machine its
   wall-time ratio falls toward limit CPU / ours CPU (info lines). */
static double w6l_cpu[2][MAXRUNS + 1];
static int w6l_calls[2];

static double process_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void note_w6l_cpu(int who, double cpu)
{
    if (w6l_calls[who] <= MAXRUNS)
        w6l_cpu[who][w6l_calls[who]++] = cpu;
}

static double w6l_ours(void *p)
{
    struct live *c = p;
    double c0 = process_cpu(), dt = w6_ours(c->t, c->data, c->size);
    note_w6l_cpu(0, process_cpu() - c0);
    return dt;
}
#endif

/* The live search's limit is the copy alone: process_vm_readv of the same
   256 MiB in 1 MiB pieces (as W1's limit), no scan at all; no search of a
   live process can be faster than taking its bytes out. */
static double w6l_limit(void *p)
{
#ifdef HAVE_SEARCH
    double c0 = process_cpu(), dt = w1_limit(p);
    note_w6l_cpu(1, process_cpu() - c0);
    return dt;
#else
    return w1_limit(p);
#endif
}

#ifdef HAVE_SEARCH
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median CPU ms of the timed W6l bodies (the first call is the warm-up). */
static void emit_w6l_cpu(void)
{
    static const char *name[2] = { "ours", "limit" };
    for (int who = 0; who < 2; who++) {
        int n = w6l_calls[who] - 1;
        if (n < 1)
            continue;
        qsort(w6l_cpu[who] + 1, (size_t)n, sizeof(double), cmp_double);
        printf("I w6l_cpu_ms_%s %.2f\n", name[who], w6l_cpu[who][1 + n / 2] * 1e3);
    }
}
#endif

static int run_live(char **argv)
{
    struct live c = { .pid = (pid_t)getnum(argv[0]), .data = getnum(argv[1]),
                      .size = getnum(argv[2]), .head = getnum(argv[3]),
                      .nodes = getnum(argv[4]) };
    c.buf = aligned_alloc(4096, MiB + 4096);
    double t0 = now();
    HRESULT hr = ds_attach(c.pid, 0, &c.t);
    if (FAILED(hr))
        die("ds_attach(%d): %s", c.pid, ds_error_text(NULL));
    printf("I attach_ms %.3f\n", (now() - t0) * 1e3);
    printf("I cache_bytes %llu\n", (unsigned long long)ds_cache_get_size(c.t));

    c.verify = 1; /* every byte checked once, on the warm-up passes */
    w1_ours(&c);
    w1_limit(&c);
    c.verify = 0;
    pair("W1", w1_ours, &c, w1_limit, &c);
    /* W2 and W2w interleaved too: cold walk, the same walk warm, the limit. */
    double cold[MAXRUNS], warm[MAXRUNS], raw[MAXRUNS];
    w2_ours(&c);
    w2_limit(&c);
    for (int r = 0; r < runs; r++) {
        if (r & 1)
            raw[r] = w2_limit(&c);
        cold[r] = w2_ours(&c);
        warm[r] = w2_warm(&c);
        if (!(r & 1))
            raw[r] = w2_limit(&c);
    }
    emit("W2", "ours", cold, runs);
    emit("W2", "limit", raw, runs);
    emit("W2w", "ours", warm, runs);
    pair("W3", w3_cached, &c, w3_limit, &c);
    pair("W3v", w3v_cached, &c, w3v_limit, &c);
    pair("W3u", w3_uncached, &c, NULL, NULL);
#ifdef HAVE_SEARCH
    pair("W6l", w6l_ours, &c, w6l_limit, &c);
    emit_w6l_cpu();
#else
    pair("W6l", NULL, NULL, w6l_limit, &c);
#endif
    ds_close(c.t); /* the target runs on (it only waits) */
    free(c.buf);
    return 0;
}

/* ===== files ============================================================= */

struct seg {
    uint64_t vaddr, filesz;
    const uint8_t *src;
};

struct file {
    const char *path;
    int fd;
    uint8_t *map;
    size_t size;
    struct seg *segs;
    size_t nsegs;
};

static void file_map(struct file *f, const char *path)
{
    f->path = path;
    f->fd = open(path, O_RDONLY);
    struct stat st;
    if (f->fd < 0 || fstat(f->fd, &st) < 0)
        die("%s: %s", path, strerror(errno));
    f->size = (size_t)st.st_size;
    f->map = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, f->fd, 0);
    if (f->map == MAP_FAILED)
        die("mmap %s: %s", path, strerror(errno));
}

static void file_unmap(struct file *f)
{
    munmap(f->map, f->size);
    close(f->fd);
    free(f->segs);
    f->segs = NULL;
    f->nsegs = 0;
}

static int seg_cmp(const void *a, const void *b)
{
    const struct seg *x = a, *y = b;
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

/* The PT_LOAD segments of an ELF core, sorted, with their bytes in the map. */
static void elf_segments(struct file *f)
{
    const Elf64_Ehdr *eh = (const void *)f->map;
    if (f->size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_phoff + (uint64_t)eh->e_phnum *
        sizeof(Elf64_Phdr) > f->size)
        die("%s: not a 64-bit ELF core with an intact program header table", f->path);
    const Elf64_Phdr *ph = (const void *)(f->map + eh->e_phoff);
    f->segs = calloc(eh->e_phnum, sizeof *f->segs);
    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_filesz &&
            ph[i].p_offset + ph[i].p_filesz <= f->size)
            f->segs[f->nsegs++] = (struct seg){ ph[i].p_vaddr, ph[i].p_filesz,
                                                f->map + ph[i].p_offset };
    qsort(f->segs, f->nsegs, sizeof *f->segs, seg_cmp);
}

/* Where the bytes at addr sit in the map, *avail of them contiguous. */
static const uint8_t *seg_ptr(const struct file *f, uint64_t addr, uint64_t *avail)
{
    size_t lo = 0, hi = f->nsegs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->segs[mid].vaddr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct seg *s = &f->segs[lo - 1];
    if (addr - s->vaddr >= s->filesz)
        return NULL;
    *avail = s->filesz - (addr - s->vaddr);
    return s->src + (addr - s->vaddr);
}

struct core {
    ds_target *t;
    struct file f;
    uint64_t data, size, head, nodes;
    uint8_t *buf;
    int verify;
};

static double w4_ours(void *p)
{
    struct core *c = p;
    double t0 = now();
    for (uint64_t off = 0; off < c->size; off += MiB) {
        uint32_t got = 0;
        HRESULT hr = ds_read_virtual(c->t, c->data + off, c->buf, MiB, &got);
        if (hr != S_OK || got != MiB)
            die("W4: ds_read_virtual at +0x%llx: 0x%08x, %u bytes: %s",
                (unsigned long long)off, (unsigned)hr, got, ds_error_text(c->t));
        if (c->verify)
            check_data(c->buf, off, MiB, "W4 ours");
    }
    return now() - t0;
}

static double w4_limit(void *p)
{
    struct core *c = p;
    double t0 = now();
    for (uint64_t off = 0; off < c->size;) {
        uint64_t avail;
        const uint8_t *src = seg_ptr(&c->f, c->data + off, &avail);
        if (!src)
            die("W4 limit: the core lacks data+0x%llx", (unsigned long long)off);
        size_t n = avail < MiB ? (size_t)avail : MiB;
        memcpy(c->buf, src, n);
        if (c->verify)
            check_data(c->buf, off, n, "W4 limit");
        off += n;
    }
    return now() - t0;
}

static double w5_ours(void *p)
{
    struct core *c = p;
    double t0 = now();
    uint64_t node = c->head, k = 0, v[2];
    while (node) {
        uint32_t got;
        if (ds_read_virtual(c->t, node, v, 16, &got) != S_OK || got != 16)
            die("W5: ds_read_virtual at 0x%llx: %s", (unsigned long long)node,
                ds_error_text(c->t));
        if (v[1] != k)
            die("W5: node %llu holds %llu", (unsigned long long)k, (unsigned long long)v[1]);
        k++;
        node = v[0];
    }
    double dt = now() - t0;
    if (k != c->nodes)
        die("W5: walked %llu nodes", (unsigned long long)k);
    return dt;
}

static double w5_limit(void *p)
{
    struct core *c = p;
    double t0 = now();
    uint64_t node = c->head, k = 0, v[2], avail;
    while (node) {
        const uint8_t *src = seg_ptr(&c->f, node, &avail);
        if (!src || avail < 16)
            die("W5 limit: node at 0x%llx not in the core", (unsigned long long)node);
        memcpy(v, src, 16);
        if (v[1] != k)
            die("W5 limit: node %llu holds %llu", (unsigned long long)k,
                (unsigned long long)v[1]);
        k++;
        node = v[0];
    }
    return now() - t0;
}

#ifdef HAVE_SEARCH
static double w6c_ours(void *p)
{
    struct core *c = p;
    return w6_ours(c->t, c->data, c->size);
}
#endif

static double w6c_limit(void *p)
{
    struct core *c = p;
    double t0 = now();
    for (uint64_t off = 0; off < c->size;) {
        uint64_t avail;
        const uint8_t *src = seg_ptr(&c->f, c->data + off, &avail);
        if (!src)
            die("W6 limit: the core lacks data+0x%llx", (unsigned long long)off);
        if (avail > c->size - off)
            avail = c->size - off;
        if (memmem(src, avail, PATTERN, sizeof PATTERN))
            die("W6 limit: found the absent pattern");
        off += avail;
    }
    return now() - t0;
}

static int run_core(char **argv)
{
    struct core c = { .data = getnum(argv[1]), .size = getnum(argv[2]),
                      .head = getnum(argv[3]), .nodes = getnum(argv[4]) };
    c.buf = aligned_alloc(4096, MiB);
    double t0 = now();
    HRESULT hr = ds_open_dump(argv[0], 0, &c.t);
    if (FAILED(hr))
        die("ds_open_dump(%s): %s", argv[0], ds_error_text(NULL));
    printf("I core_open_ms %.3f\n", (now() - t0) * 1e3);
    printf("I core_kind %s\n", ds_target_kind(c.t));
    file_map(&c.f, argv[0]);
    elf_segments(&c.f);

    c.verify = 1;
    w4_ours(&c);
    w4_limit(&c);
    c.verify = 0;
    pair("W4", w4_ours, &c, w4_limit, &c);
    pair("W5", w5_ours, &c, w5_limit, &c);
#ifdef HAVE_SEARCH
    pair("W6c", w6c_ours, &c, w6c_limit, &c);
#else
    pair("W6c", NULL, NULL, w6c_limit, &c);
#endif
    file_unmap(&c.f);
    ds_close(c.t);
    free(c.buf);
    return 0;
}

/* ===== minidump ========================================================== */

struct mdmp {
    const char *path;
    uint8_t *buf;
    uint64_t bytes; /* read by the last run */
};

/* Open, then read every committed range QueryVirtual describes, 1 MiB at a
   time, then close: what a tool that dumps a whole minidump does. */
static double w7_ours(void *p)
{
    struct mdmp *m = p;
    double t0 = now();
    ds_target *t;
    if (FAILED(ds_open_dump(m->path, 0, &t)))
        die("ds_open_dump(%s): %s", m->path, ds_error_text(NULL));
    uint64_t addr = 0, total = 0;
    MEMORY_BASIC_INFORMATION64 mi;
    while (ds_query_virtual(t, addr, &mi) == S_OK) {
        uint64_t end = mi.BaseAddress + mi.RegionSize;
        if (mi.State == MEM_COMMIT) {
            for (uint64_t a = mi.BaseAddress; a < end;) {
                uint64_t want = end - a < MiB ? end - a : MiB;
                uint32_t got = 0;
                if (ds_read_virtual(t, a, m->buf, (uint32_t)want, &got) != S_OK || !got)
                    got = 4096 - (uint32_t)(a & 4095); /* skip an unreadable page */
                else
                    total += got;
                a += got;
            }
        }
        if (end <= addr)
            break;
        addr = end;
    }
    ds_close(t);
    double dt = now() - t0;
    m->bytes = total;
    return dt;
}

static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t rd64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Open, map, walk the memory lists, memcpy every range 1 MiB at a time. */
static double w7_limit(void *p)
{
    struct mdmp *m = p;
    double t0 = now();
    struct file f = { 0 };
    file_map(&f, m->path);
    uint64_t total = 0;
    if (f.size < 32 || memcmp(f.map, "MDMP", 4))
        die("%s: not a minidump", m->path);
    uint32_t nstreams = rd32(f.map + 8), dir = rd32(f.map + 12);
    for (uint32_t s = 0; s < nstreams && dir + 12ull * (s + 1) <= f.size; s++) {
        const uint8_t *e = f.map + dir + 12ull * s;
        uint32_t type = rd32(e), rva = rd32(e + 8);
        if (type == 9 && rva + 16ull <= f.size) { /* Memory64ListStream */
            uint64_t n = rd64(f.map + rva), at = rd64(f.map + rva + 8);
            for (uint64_t i = 0; i < n && rva + 16 + 16 * (i + 1) <= f.size; i++) {
                uint64_t size = rd64(f.map + rva + 16 + 16 * i + 8);
                for (uint64_t o = 0; o < size && at + o < f.size;) {
                    uint64_t k = size - o < MiB ? size - o : MiB;
                    if (k > f.size - (at + o))
                        k = f.size - (at + o);
                    memcpy(m->buf, f.map + at + o, k);
                    total += k;
                    o += k;
                }
                at += size;
            }
        } else if (type == 5 && rva + 4ull <= f.size) { /* MemoryListStream */
            uint32_t n = rd32(f.map + rva);
            for (uint32_t i = 0; i < n && rva + 4 + 16ull * (i + 1) <= f.size; i++) {
                const uint8_t *d = f.map + rva + 4 + 16ull * i;
                uint32_t size = rd32(d + 8), at = rd32(d + 12);
                if (at + (uint64_t)size <= f.size) {
                    for (uint32_t o = 0; o < size;) {
                        uint32_t k = size - o < MiB ? size - o : MiB;
                        memcpy(m->buf, f.map + at + o, k);
                        total += k;
                        o += k;
                    }
                }
            }
        }
    }
    file_unmap(&f);
    double dt = now() - t0;
    m->bytes = total;
    return dt;
}

static int run_minidump(char **argv)
{
    struct mdmp m = { .path = argv[0], .buf = aligned_alloc(4096, MiB) };
    pair("W7", w7_ours, &m, w7_limit, &m);
    uint64_t ours = (w7_ours(&m), m.bytes), lim = (w7_limit(&m), m.bytes);
    printf("I w7_bytes_ours %llu\n", (unsigned long long)ours);
    printf("I w7_bytes_limit %llu\n", (unsigned long long)lim);
    if (ours != lim)
        fprintf(stderr, "bench: W7: we read %llu bytes, the memory lists hold %llu\n",
                (unsigned long long)ours, (unsigned long long)lim);
    free(m.buf);
    return 0;
}

int main(int argc, char **argv)
{
    const char *r = getenv("BENCH_RUNS");
    if (r && atoi(r) > 0)
        runs = atoi(r) < MAXRUNS ? atoi(r) : MAXRUNS;
#ifdef HAVE_SEARCH
    printf("I have_search 1\n");
#else
    printf("I have_search 0\n");
#endif
    if (argc == 7 && !strcmp(argv[1], "live"))
        return run_live(argv + 2);
    if (argc == 7 && !strcmp(argv[1], "core"))
        return run_core(argv + 2);
    if (argc == 3 && !strcmp(argv[1], "minidump"))
        return run_minidump(argv + 2);
    fprintf(stderr, "usage: bench live PID DATA SIZE HEAD NODES\n"
                    "       bench core PATH DATA SIZE HEAD NODES\n"
                    "       bench minidump PATH\n");
    return 2;
}
