/*
 * minidump_memory.c — the memory of a minidump: every range the dump holds
 * (MemoryListStream, Memory64ListStream, thread stacks), indexed once at
 * open into one array sorted by address, and the read, write and
 * next_readable ops over it.
 *
 * Ranges are never merged: a read walks from one range into the next when
 * they touch, so a dump of thousands of tiny adjacent ranges (MiniDumpNormal
 * writes such) reads as one run. Overlapping ranges only come from damaged
 * or hostile files; the lower start wins (the earlier descriptor on a tie)
 * and later ones are trimmed to what lies above it, so every byte has one
 * answer and every copy stays inside the file.
 */
#include <stdlib.h>

#include "minidump_internal.h"

struct range_list {
    struct md_range *v;
    size_t n, cap;
};

uint32_t md_list_count(struct minidump_target *mt, const struct md_stream *s, uint32_t entry,
                       const char *what, uint32_t *first)
{
    uint32_t count;
    *first = 4;
    if (!md_u32(mt->map, mt->size, s->rva, &count) || s->size < 4) {
        if (what)
            md_note(mt, "%s at 0x%x is too short for its count", what, s->rva);
        return 0;
    }
    if (s->size >= 8 && (uint64_t)count * entry == s->size - 8u)
        *first = 8;
    uint32_t fits = (s->size - *first) / entry;
    if (count > fits) {
        if (what)
            md_note(mt, "%s at 0x%x declares %u entries but its %u bytes hold %u", what, s->rva,
                    count, s->size, fits);
        count = fits;
    }
    return count;
}

static void add_range(struct range_list *l, const struct minidump_target *mt, uint64_t start,
                      uint64_t size, uint64_t rva)
{
    /* Capacity was reserved for every descriptor, so this never grows. */
    if (l->n == l->cap)
        return;
    start = md_fold_address(mt, start);
    if (size > UINT64_MAX - start)
        size = UINT64_MAX - start;  /* keep start + size representable */
    if (size == 0)
        return;
    uint64_t present = 0;
    if (rva < mt->size)
        present = size < mt->size - rva ? size : mt->size - rva;
    l->v[l->n] = (struct md_range){ .start = start, .size = size, .rva = rva,
                                    .present = present, .seq = (uint32_t)l->n };
    l->n++;
}

/* MINIDUMP_MEMORY_LIST: a count, then MINIDUMP_MEMORY_DESCRIPTORs
   {StartOfMemoryRange u64, Memory {DataSize u32, Rva u32}}. */
static void collect_memory_list(struct minidump_target *mt, const struct md_stream *s,
                                struct range_list *l, uint32_t count, uint32_t first)
{
    for (uint32_t i = 0; i < count; i++) {
        uint64_t off = (uint64_t)s->rva + first + (uint64_t)i * MD_MEMORY_DESCRIPTOR_SIZE;
        uint64_t start;
        uint32_t size, rva;
        if (!md_u64(mt->map, mt->size, off, &start) ||
            !md_u32(mt->map, mt->size, off + 8, &size) ||
            !md_u32(mt->map, mt->size, off + 12, &rva))
            break;
        add_range(l, mt, start, size, rva);
    }
}

/* MINIDUMP_MEMORY64_LIST: NumberOfMemoryRanges u64, BaseRva u64, then
   {StartOfMemoryRange u64, DataSize u64}; the data of all ranges lies end
   to end from BaseRva on. */
static uint64_t memory64_count(struct minidump_target *mt, const struct md_stream *s,
                               uint64_t *base_rva)
{
    uint64_t count;
    if (s->size < MD_MEMORY64_LIST_HEADER || !md_u64(mt->map, mt->size, s->rva, &count) ||
        !md_u64(mt->map, mt->size, s->rva + 8, base_rva)) {
        md_note(mt, "Memory64ListStream at 0x%x is shorter than its 16-byte header", s->rva);
        return 0;
    }
    uint64_t fits = (s->size - MD_MEMORY64_LIST_HEADER) / MD_MEMORY64_DESCRIPTOR_SIZE;
    if (count > fits) {
        md_note(mt, "Memory64ListStream at 0x%x declares %llu ranges but its %u bytes hold %llu",
                s->rva, (unsigned long long)count, s->size, (unsigned long long)fits);
        count = fits;
    }
    return count;
}

static void collect_memory64_list(struct minidump_target *mt, const struct md_stream *s,
                                  struct range_list *l, uint64_t count, uint64_t base_rva)
{
    uint64_t rva = base_rva;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t off = (uint64_t)s->rva + MD_MEMORY64_LIST_HEADER + i * MD_MEMORY64_DESCRIPTOR_SIZE;
        uint64_t start, size;
        if (!md_u64(mt->map, mt->size, off, &start) || !md_u64(mt->map, mt->size, off + 8, &size))
            break;
        add_range(l, mt, start, size, rva);
        rva = size > UINT64_MAX - rva ? UINT64_MAX : rva + size;  /* saturate: past the file */
    }
}

/* MINIDUMP_THREAD.Stack: a memory descriptor at offset 24. Rva 0 means the
   stack is not stored here (full-memory dumps keep it in the Memory64
   list), so such a descriptor adds nothing. */
static void collect_stacks(struct minidump_target *mt, const struct md_stream *s,
                           struct range_list *l, uint32_t count, uint32_t first)
{
    for (uint32_t i = 0; i < count; i++) {
        uint64_t off = (uint64_t)s->rva + first + (uint64_t)i * MD_THREAD_SIZE + 24;
        uint64_t start;
        uint32_t size, rva;
        if (!md_u64(mt->map, mt->size, off, &start) ||
            !md_u32(mt->map, mt->size, off + 8, &size) ||
            !md_u32(mt->map, mt->size, off + 12, &rva))
            break;
        if (rva != 0)
            add_range(l, mt, start, size, rva);
    }
}

static int compare_ranges(const void *a, const void *b)
{
    const struct md_range *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort, then trim every range to what lies above the ones before it. */
static size_t sort_and_trim(struct minidump_target *mt, struct md_range *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, compare_ranges);
    size_t kept = 0, overlaps = 0;
    struct md_range last = { 0 };  /* the last kept range as declared */
    uint64_t end = 0;              /* where it ends */
    for (size_t i = 0; i < n; i++) {
        struct md_range r = v[i];
        if (kept && r.start < end) {
            /* A thread's Stack descriptor repeats a MemoryList one: silent. */
            if (r.start != last.start || r.size != last.size || r.rva != last.rva)
                overlaps++;
            uint64_t cut = end - r.start;
            if (cut >= r.size)
                continue;
            r.start = end;
            r.size -= cut;
            r.rva = cut > UINT64_MAX - r.rva ? UINT64_MAX : r.rva + cut;
            r.present = r.present > cut ? r.present - cut : 0;
        }
        last = v[i];
        v[kept++] = r;
        end = r.start + r.size;
    }
    if (overlaps)
        md_note(mt, "%zu memory ranges overlap lower ones; the lower range's bytes are used",
                overlaps);
    return kept;
}

/* The file bytes a range holds, for ds_backing_alias: a hostile dump may
   give two ranges the same bytes, and a write to one address then shows
   at another. */
static bool range_bytes(const void *ctx, size_t i, struct ds_backing_range *r)
{
    const struct md_range *g = &((const struct minidump_target *)ctx)->ranges[i];
    *r = (struct ds_backing_range){ .lo = g->rva, .hi = g->rva + g->present, .shared = true };
    return true;
}

HRESULT md_index_memory(struct minidump_target *mt, const struct md_stream *memory_list,
                        const struct md_stream *memory64_list,
                        const struct md_stream *thread_list)
{
    uint32_t n32 = 0, first32 = 4, nthreads = 0, first_thread = 4;
    uint64_t n64 = 0, base_rva = 0;
    if (memory_list->present)
        n32 = md_list_count(mt, memory_list, MD_MEMORY_DESCRIPTOR_SIZE, "MemoryListStream",
                            &first32);
    if (memory64_list->present)
        n64 = memory64_count(mt, memory64_list, &base_rva);
    if (thread_list->present)
        nthreads = md_list_count(mt, thread_list, MD_THREAD_SIZE, NULL, &first_thread);
    /* Every count is bounded by its stream's size, hence by the file. */
    size_t cap = (size_t)n32 + (size_t)n64 + nthreads;
    struct range_list l = { .v = cap ? calloc(cap, sizeof *l.v) : NULL, .cap = cap };
    if (cap && !l.v)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory indexing %zu memory ranges of %s",
                       cap, mt->path);
    collect_memory_list(mt, memory_list, &l, n32, first32);
    collect_memory64_list(mt, memory64_list, &l, n64, base_rva);
    collect_stacks(mt, thread_list, &l, nthreads, first_thread);
    mt->ranges = l.v;
    mt->nranges = sort_and_trim(mt, l.v, l.n);
    mt->base.memory_aliased = ds_backing_alias(mt->nranges, range_bytes, mt);
    for (size_t i = 0; i < mt->nranges; i++)
        if (mt->ranges[i].present < mt->ranges[i].size) {
            md_note(mt, "memory from 0x%llx on is cut by the end of the file",
                    (unsigned long long)(mt->ranges[i].start + mt->ranges[i].present));
            break;
        }
    return S_OK;
}

/* ---- lookups and the ops --------------------------------------------------- */

/* Number of ranges whose start is <= addr (the candidate is that - 1). */
static size_t ranges_starting_at_or_below(const struct minidump_target *mt, uint64_t addr)
{
    size_t lo = 0, hi = mt->nranges;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mt->ranges[mid].start <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Copy between buf and the file bytes of [addr, addr + size), walking
   from range to range while they touch and their bytes are in the file. */
static size_t transfer(struct minidump_target *mt, uint64_t addr, uint8_t *buf, size_t size,
                       bool write)
{
    size_t k = ranges_starting_at_or_below(mt, addr), done = 0;
    for (size_t i = k ? k - 1 : mt->nranges; i < mt->nranges && done < size; i++) {
        const struct md_range *r = &mt->ranges[i];
        uint64_t at = addr + done;
        if (at < r->start || at - r->start >= r->present)
            break;
        uint64_t off = at - r->start;
        size_t chunk = r->present - off < size - done ? (size_t)(r->present - off) : size - done;
        uint8_t *file = (uint8_t *)(uintptr_t)mt->map + r->rva + off;
        if (write)
            memcpy(file, buf + done, chunk);
        else
            memcpy(buf + done, file, chunk);
        done += chunk;
    }
    return done;
}

static HRESULT transfer_failed(struct minidump_target *mt, uint64_t addr, bool write)
{
    HRESULT hr = HRESULT_FROM_WIN32(write ? ERROR_WRITE_FAULT : ERROR_READ_FAULT);
    const char *verb = write ? "write" : "read";
    size_t k = ranges_starting_at_or_below(mt, addr);
    const struct md_range *r = k ? &mt->ranges[k - 1] : NULL;
    if (r && addr - r->start < r->size)
        return ds_fail(&mt->base, hr,
                       "cannot %s 0x%llx in minidump %s: its range 0x%llx+0x%llx is cut by "
                       "the end of the file (%llu of its bytes are in the file)",
                       verb, (unsigned long long)addr, mt->path, (unsigned long long)r->start,
                       (unsigned long long)r->size, (unsigned long long)r->present);
    return ds_fail(&mt->base, hr, "cannot %s 0x%llx in minidump %s: no memory range of the dump "
                   "holds that address", verb, (unsigned long long)addr, mt->path);
}

HRESULT md_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct minidump_target *mt = md_target(t);
    *done = transfer(mt, addr, buf, size, false);
    return *done || !size ? S_OK : transfer_failed(mt, addr, false);
}

HRESULT md_write(ds_target *t, uint64_t addr, const void *buf, size_t size, size_t *done)
{
    struct minidump_target *mt = md_target(t);
    /* Only the private copy-on-write mapping of DS_OPEN_WRITABLE_COPY is
       ever written; the file itself never changes. */
    *done = transfer(mt, addr, (uint8_t *)(uintptr_t)buf, size, true);
    return *done || !size ? S_OK : transfer_failed(mt, addr, true);
}

HRESULT md_next_readable(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size)
{
    struct minidump_target *mt = md_target(t);
    size_t k = ranges_starting_at_or_below(mt, addr);
    for (size_t i = k ? k - 1 : 0; i < mt->nranges; i++) {
        const struct md_range *r = &mt->ranges[i];
        if (r->present == 0 || r->start + r->present <= addr)
            continue;
        *start = r->start > addr ? r->start : addr;
        *size = r->start + r->present - *start;
        return S_OK;
    }
    return S_FALSE;
}

const void *md_peek(ds_target *t, uint64_t addr, size_t *avail)
{
    struct minidump_target *mt = md_target(t);
    size_t k = ranges_starting_at_or_below(mt, addr);
    const struct md_range *r = k ? &mt->ranges[k - 1] : NULL;
    *avail = 0;
    if (!r || addr - r->start >= r->present)
        return NULL;
    uint64_t off = addr - r->start;
    *avail = (size_t)(r->present - off);
    return mt->map + r->rva + off;
}
