/*
 * elfcore_index.c — the regions of a core: its PT_LOAD segments, sorted and
 * made disjoint once at open, plus the file mappings NT_FILE names that no
 * PT_LOAD covers; and the lookups every read and query starts with.
 *
 * A PT_LOAD (elf(5)) maps [p_vaddr, p_vaddr + p_memsz); the file holds its
 * first p_filesz bytes at p_offset. The kernel writes one per VMA, with
 * p_filesz 0 or one page for what coredump_filter (core(5)) leaves out; a
 * hostile or damaged file may have segments that overlap, run past the top
 * of the address space or point past the end of the file, and the index
 * clips all of those so that a read is a binary search and a memcpy.
 */
#include <stdlib.h>
#include <string.h>

#include "elfcore.h"

static uint32_t protect_from_flags(uint32_t p_flags)
{
    /* No copy-on-write variant: a core does not say which file mappings
       were private (the brief's table: RW -> PAGE_READWRITE). */
    return ds_protect_from_perms(p_flags & PF_R, p_flags & PF_W, p_flags & PF_X, false);
}

static bool protect_executable(uint32_t protect)
{
    return (protect & (PAGE_EXECUTE | PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE |
                       PAGE_EXECUTE_WRITECOPY)) != 0;
}

static int by_start(const void *a, const void *b)
{
    const struct core_region *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    /* Same start (only in hostile files): the larger one first, so the
       clip below keeps the most memory; then file order by offset. */
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return x->core_offset < y->core_offset ? -1 : x->core_offset > y->core_offset;
}

/* One PT_LOAD as a region; false when it describes no memory at all. */
static bool region_from_load(const struct elfcore_target *et, const GElf_Phdr *ph,
                             struct core_region *r)
{
    /* The highest end a region can have: 2^32 for ELFCLASS32, whose vaddrs
       are 32-bit; for ELFCLASS64 the last byte below 2^64, which an
       exclusive end cannot name, is lost (only hostile files go there). */
    uint64_t top = et->is64 ? UINT64_MAX : (uint64_t)1 << 32;
    if (ph->p_memsz == 0 || ph->p_vaddr >= top)
        return false;
    uint64_t size = ph->p_memsz;
    if (size > top - ph->p_vaddr)
        size = top - ph->p_vaddr;  /* runs past the top of the address space */
    uint64_t in_file = ph->p_filesz < size ? ph->p_filesz : size;
    if (ph->p_offset >= et->map_size)
        in_file = 0;  /* the file was cut before the segment's data */
    else if (in_file > et->map_size - ph->p_offset)
        in_file = et->map_size - ph->p_offset;
    *r = (struct core_region){
        .start = ph->p_vaddr,
        .end = ph->p_vaddr + size,
        .core_offset = in_file ? ph->p_offset : 0,
        .core_bytes = in_file,
        .protect = protect_from_flags(ph->p_flags),
        .from_load = true,
    };
    return true;
}

/* Sort v and clip every region against the one below it, dropping those
   wholly covered; returns how many are left. */
static size_t make_disjoint(struct core_region *v, size_t n)
{
    if (n > 1) /* qsort wants a real array, even for none */
        qsort(v, n, sizeof *v, by_start);
    size_t out = 0;
    for (size_t k = 0; k < n; k++) {
        struct core_region r = v[k];
        if (out && r.start < v[out - 1].end) {
            uint64_t below_end = v[out - 1].end;
            if (r.end <= below_end)
                continue;
            uint64_t cut = below_end - r.start;
            r.start = below_end;
            if (r.core_bytes > cut) {
                r.core_bytes -= cut;
                r.core_offset += cut;
            } else {
                r.core_bytes = 0;
                r.core_offset = 0;
            }
        }
        v[out++] = r;
    }
    return out;
}

/* The core bytes a segment holds, for ds_backing_alias: a hostile core may
   give two segments the same bytes, and a write to one address then shows
   at another. */
static bool region_bytes(const void *ctx, size_t i, struct ds_backing_range *r)
{
    const struct core_region *g = &((const struct elfcore_target *)ctx)->regions[i];
    *r = (struct ds_backing_range){ .lo = g->core_offset, .hi = g->core_offset + g->core_bytes,
                                    .shared = true };
    return true;
}

HRESULT elfcore_index_loads(struct elfcore_target *et, size_t phnum)
{
    /* phnum is bounded by the file: the opener checked that the program
       header table fits in it. */
    struct core_region *v = calloc(phnum ? phnum : 1, sizeof *v);
    if (!v)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory indexing the %zu segments of %s",
                       phnum, et->path);
    size_t n = 0;
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        if (gelf_getphdr(et->elf, (int)i, &ph) && ph.p_type == PT_LOAD &&
            region_from_load(et, &ph, &v[n]))
            n++;
    }
    et->regions = v;
    et->nregions = make_disjoint(v, n);
    et->base.memory_aliased = ds_backing_alias(et->nregions, region_bytes, et);
    return S_OK;
}

static size_t region_index(const struct core_region *v, size_t n, uint64_t addr)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t elfcore_region_lookup(struct elfcore_target *et, uint64_t addr)
{
    /* Reads walk memory in order (a pointer chase stays in a few regions),
       so the last region found, or the one after it, is the usual answer. */
    size_t h = et->hint;
    const struct core_region *v = et->regions;
    if (h < et->nregions && v[h].start <= addr && addr < v[h].end)
        return h;
    if (h + 1 < et->nregions && v[h + 1].start <= addr && addr < v[h + 1].end)
        return et->hint = h + 1;
    size_t i = region_index(v, et->nregions, addr);
    if (i < et->nregions)
        et->hint = i;
    return i;
}

size_t elfcore_mapping_lookup(const struct elfcore_target *et, uint64_t addr)
{
    size_t lo = 0, hi = et->nmappings;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (et->mappings[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const struct core_mapping *elfcore_mapping_at(const struct elfcore_target *et, uint64_t addr)
{
    size_t i = elfcore_mapping_lookup(et, addr);
    if (i < et->nmappings && et->mappings[i].start <= addr)
        return &et->mappings[i];
    return NULL;
}

/* Append to v (room for it is reserved) a region for every part of m that
   none of the first nloaded regions covers. */
static size_t add_uncovered(const struct elfcore_target *et, const struct core_mapping *m,
                            struct core_region *v, size_t nloaded, size_t n)
{
    const struct core_image *img = &et->images[m->image];
    uint64_t at = m->start;
    size_t i = region_index(v, nloaded, at);
    while (at < m->end) {
        if (i < nloaded && v[i].start <= at) {
            at = v[i++].end;
            continue;
        }
        uint64_t stop = i < nloaded && v[i].start < m->end ? v[i].start : m->end;
        v[n++] = (struct core_region){
            .start = at,
            .end = stop,
            .protect = elfcore_unloaded_protect(et, img, at),
        };
        at = stop;
    }
    return n;
}

HRESULT elfcore_add_unloaded_mappings(struct elfcore_target *et)
{
    if (!et->nmappings)
        return S_OK;
    /* Each new piece ends at a region's start or at a mapping's end, and
       the mappings do not overlap: at most nregions + nmappings pieces on
       top of the nregions already there. */
    size_t cap = et->nregions + et->nmappings + et->nregions;
    struct core_region *v = realloc(et->regions, cap * sizeof *v);
    if (!v)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory indexing the file mappings of %s",
                       et->path);
    et->regions = v;
    size_t n = et->nregions;
    for (size_t j = 0; j < et->nmappings; j++)
        n = add_uncovered(et, &et->mappings[j], v, et->nregions, n);
    if (n != et->nregions) {
        qsort(v, n, sizeof *v, by_start);
        et->nregions = n;
    }
    et->hint = 0;
    return S_OK;
}

void elfcore_mark_images(struct elfcore_target *et)
{
    for (size_t i = 0; i < et->nregions; i++) {
        const struct core_mapping *m = elfcore_mapping_at(et, et->regions[i].start);
        if (m && protect_executable(et->regions[i].protect))
            et->images[m->image].executable = true;
    }
}
