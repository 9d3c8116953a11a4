/*
 * minidump_regions.c — what QueryVirtual answers on a minidump, from the
 * best source the dump has:
 *
 *  1. MemoryInfoListStream: the process's own VirtualQuery answers, as
 *     WinDbg shows them. Entries with State MEM_FREE are the gaps between
 *     the others, so they are left out here and the semantics layer
 *     describes them (MEM_FREE, PAGE_NOACCESS) from gap_base.
 *  2. Breakpad's LinuxMaps stream: /proc/PID/maps text, parsed as the live
 *     backend parses the real file.
 *  3. Otherwise, derived: every module's span is one committed MEM_IMAGE
 *     region, and every run of touching memory ranges outside the modules
 *     is one committed MEM_PRIVATE region. The dump does not say how these
 *     pages were protected; we answer PAGE_EXECUTE_READ for images (what
 *     most of an image is) and PAGE_READWRITE for the rest (docs/minidump.md).
 */
#include <stdlib.h>

#include "minidump_internal.h"

static int compare_regions(const void *a, const void *b)
{
    const struct md_region *x = a, *y = b;
    if (x->base != y->base)
        return x->base < y->base ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort; trim each region to what lies above the ones before it. */
static size_t sort_and_trim(struct md_region *v, size_t n, size_t *overlaps)
{
    *overlaps = 0;
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, compare_regions);
    size_t kept = 0;
    uint64_t end = 0;
    for (size_t i = 0; i < n; i++) {
        struct md_region r = v[i];
        if (kept && r.base < end) {
            (*overlaps)++;
            if (end - r.base >= r.size)
                continue;
            r.size -= end - r.base;
            r.base = end;
        }
        v[kept++] = r;
        end = r.base + r.size;
    }
    return kept;
}

/* The name of the module whose span holds addr, or NULL. */
static const char *module_at(const struct minidump_target *mt, uint64_t addr)
{
    size_t lo = 0, hi = mt->nspans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mt->spans[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < mt->nspans && mt->spans[lo].base <= addr ? mt->spans[lo].name : NULL;
}

/* MINIDUMP_MEMORY_INFO_LIST: SizeOfHeader u32, SizeOfEntry u32,
   NumberOfEntries u64, then entries laid out as MEMORY_BASIC_INFORMATION64
   (BaseAddress u64 @0, AllocationBase u64 @8, AllocationProtect u32 @16,
   RegionSize u64 @24, State u32 @32, Protect u32 @36, Type u32 @40).
   Header and entry may grow in later versions: their sizes are honoured. */
static HRESULT regions_from_memory_info(struct minidump_target *mt, const struct md_stream *s)
{
    uint32_t header, entry;
    uint64_t count;
    if (s->size < MD_MEMORY_INFO_MIN_HEADER || !md_u32(mt->map, mt->size, s->rva, &header) ||
        !md_u32(mt->map, mt->size, s->rva + 4, &entry) ||
        !md_u64(mt->map, mt->size, s->rva + 8, &count) || header < MD_MEMORY_INFO_MIN_HEADER ||
        header > s->size || entry < MD_MEMORY_INFO_MIN_ENTRY) {
        md_note(mt, "MemoryInfoListStream at 0x%x has a damaged header", s->rva);
        return S_FALSE;
    }
    uint64_t fits = (s->size - header) / entry;
    if (count > fits) {
        md_note(mt, "MemoryInfoListStream at 0x%x declares %llu entries but holds %llu", s->rva,
                (unsigned long long)count, (unsigned long long)fits);
        count = fits;
    }
    mt->regions = count ? calloc((size_t)count, sizeof *mt->regions) : NULL;
    if (count && !mt->regions)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory reading the MemoryInfoListStream of %s",
                       mt->path);
    size_t n = 0;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t off = (uint64_t)s->rva + header + i * entry;
        struct md_region r = { .seq = (uint32_t)i };
        if (!md_u64(mt->map, mt->size, off, &r.base) ||
            !md_u64(mt->map, mt->size, off + 8, &r.allocation_base) ||
            !md_u32(mt->map, mt->size, off + 16, &r.allocation_protect) ||
            !md_u64(mt->map, mt->size, off + 24, &r.size) ||
            !md_u32(mt->map, mt->size, off + 32, &r.state) ||
            !md_u32(mt->map, mt->size, off + 36, &r.protect) ||
            !md_u32(mt->map, mt->size, off + 40, &r.type))
            break;
        r.base = md_fold_address(mt, r.base);
        r.allocation_base = md_fold_address(mt, r.allocation_base);
        if (r.size > UINT64_MAX - r.base)
            r.size = UINT64_MAX - r.base;
        if (r.state == MEM_FREE && r.size && r.base >= mt->top_free_base) {
            mt->top_free_base = r.base;
            mt->top_free_size = r.size;
        }
        if (r.state == MEM_FREE || r.size == 0)
            continue;
        if (r.type == MEM_IMAGE)
            r.name = module_at(mt, r.base);
        mt->regions[n++] = r;
    }
    size_t overlaps;
    mt->nregions = sort_and_trim(mt->regions, n, &overlaps);
    if (overlaps)
        md_note(mt, "%zu MemoryInfoList entries overlap lower ones", overlaps);
    /* Only a free entry above every committed one is the top free run. */
    const struct md_region *last = mt->nregions ? &mt->regions[mt->nregions - 1] : NULL;
    if (last && mt->top_free_base < last->base + last->size)
        mt->top_free_size = 0;
    return mt->nregions ? S_OK : S_FALSE;
}

static HRESULT regions_from_maps(struct minidump_target *mt, const struct md_stream *s)
{
    size_t skipped = 0;
    HRESULT hr = ds_maps_parse((const char *)mt->map + s->rva, s->size, &mt->maps, &skipped);
    if (FAILED(hr))
        return ds_fail(NULL, hr, "out of memory reading the LinuxMaps stream of %s", mt->path);
    if (skipped)
        md_note(mt, "LinuxMaps stream at 0x%x: %zu lines do not parse", s->rva, skipped);
    if (mt->maps.n)
        return S_OK;
    ds_maps_free(&mt->maps);
    return S_FALSE;
}

static void add_region(struct minidump_target *mt, uint64_t base, uint64_t end, bool image,
                       const char *name)
{
    if (mt->nregions == mt->region_cap)
        return;  /* cannot happen: regions_derived counts every slot */
    mt->regions[mt->nregions] = (struct md_region){
        .base = base,
        .size = end - base,
        .allocation_base = base,
        .allocation_protect = image ? PAGE_EXECUTE_WRITECOPY : PAGE_READWRITE,
        .state = MEM_COMMIT,
        .protect = image ? PAGE_EXECUTE_READ : PAGE_READWRITE,
        .type = image ? MEM_IMAGE : MEM_PRIVATE,
        .name = name,
        .seq = (uint32_t)mt->nregions,
    };
    mt->nregions++;
}

/* The parts of [start, end) outside every module span, as private regions.
   *next_span is the first span that may still matter (runs come in order). */
static void add_private_pieces(struct minidump_target *mt, uint64_t start, uint64_t end,
                               size_t *next_span)
{
    while (*next_span < mt->nspans && mt->spans[*next_span].end <= start)
        (*next_span)++;
    uint64_t at = start;
    for (size_t k = *next_span; k < mt->nspans && mt->spans[k].base < end && at < end; k++) {
        if (mt->spans[k].base > at)
            add_region(mt, at, mt->spans[k].base, false, NULL);
        if (mt->spans[k].end > at)
            at = mt->spans[k].end;
    }
    if (at < end)
        add_region(mt, at, end, false, NULL);
}

static HRESULT regions_derived(struct minidump_target *mt)
{
    /* Each private piece ends at a range's end or at a span's base, and
       each span is one image region: this many slots always suffice. */
    size_t cap = mt->nranges + 2 * mt->nspans;
    mt->regions = cap ? calloc(cap, sizeof *mt->regions) : NULL;
    mt->region_cap = mt->regions ? cap : 0;
    if (cap && !mt->regions)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory describing the regions of %s",
                       mt->path);
    for (size_t k = 0; k < mt->nspans; k++)
        add_region(mt, mt->spans[k].base, mt->spans[k].end, true, mt->spans[k].name);
    size_t next_span = 0;
    for (size_t i = 0; i < mt->nranges;) {
        uint64_t start = mt->ranges[i].start, end = start + mt->ranges[i].size;
        for (i++; i < mt->nranges && mt->ranges[i].start == end; i++)
            end += mt->ranges[i].size;
        add_private_pieces(mt, start, end, &next_span);
    }
    size_t overlaps;
    mt->nregions = sort_and_trim(mt->regions, mt->nregions, &overlaps);
    return S_OK;
}

HRESULT md_build_regions(struct minidump_target *mt, const struct md_stream *memory_info,
                         const struct md_stream *linux_maps)
{
    HRESULT hr;
    if (memory_info->present) {
        hr = regions_from_memory_info(mt, memory_info);
        if (hr == S_OK)
            mt->query_source = MD_QUERY_MEMINFO;
        if (hr != S_FALSE)
            return hr;
        free(mt->regions);
        mt->regions = NULL;
        mt->nregions = 0;
        md_note(mt, "MemoryInfoListStream describes no region; QueryVirtual derives regions");
    }
    if (linux_maps->present) {
        hr = regions_from_maps(mt, linux_maps);
        if (hr == S_OK)
            mt->query_source = MD_QUERY_MAPS;
        if (hr != S_FALSE)
            return hr;
        md_note(mt, "LinuxMaps stream describes no mapping; QueryVirtual derives regions");
    }
    mt->query_source = MD_QUERY_DERIVED;
    return regions_derived(mt);
}

HRESULT md_query(ds_target *t, uint64_t addr, struct ds_region *out)
{
    struct minidump_target *mt = md_target(t);
    if (mt->query_source == MD_QUERY_MAPS)
        return ds_maps_query(&mt->maps, addr, out);
    size_t lo = 0, hi = mt->nregions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mt->regions[mid].base + mt->regions[mid].size <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == mt->nregions) {
        /* Free memory the dump itself lists above the last region. */
        uint64_t top = mt->top_free_base, size = mt->top_free_size;
        if (mt->query_source != MD_QUERY_MEMINFO || !size || addr < top || addr - top >= size)
            return S_FALSE;
        memset(out, 0, sizeof *out);
        out->base = top;
        out->size = size;
        out->state = MEM_FREE;
        out->protect = PAGE_NOACCESS;
        return S_OK;
    }
    const struct md_region *r = &mt->regions[lo];
    memset(out, 0, sizeof *out);
    out->base = r->base;
    out->size = r->size;
    out->allocation_base = r->allocation_base;
    out->allocation_protect = r->allocation_protect;
    out->state = r->state;
    out->protect = r->protect;
    out->type = r->type;
    out->name = r->name;
    if (addr < r->base)
        out->gap_base = lo ? mt->regions[lo - 1].base + mt->regions[lo - 1].size : 0;
    return S_OK;
}
