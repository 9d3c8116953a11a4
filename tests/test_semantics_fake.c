/*
 * test_semantics_fake.c — the data-space semantics over a small in-memory
 * fake backend that counts its calls: chunk sizes and boundaries, matches
 * that straddle chunks, runs and regions, argument checks, ranges at the
 * top of the 64-bit space, and the paths a backend chooses by the ops it
 * fills (peek or read, next_readable or query, tagged data, physical
 * memory). The real-process tests (test_api_live.c) prove the rest.
 */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>

#include "search_internal.h"
#include "semantics.h"
#include "target.h"

#define NOT_FOUND HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES)
#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)
#define MiB (1024u * 1024u)
#define TOP_PAGE 0xFFFFFFFFFFFFF000ull

/* ---- the fake backend ---------------------------------------------------------- */

struct fake_region {
    uint64_t base, size;
    uint32_t protect;
    uint32_t vsource;  /* DEBUG_VSOURCE_* of its bytes (0: the default) */
    uint8_t *bytes;
};

struct fake_target {
    struct ds_target base;
    struct fake_region regions[16];
    int n;
    uint64_t piece;  /* next_readable and peek report at most this much (0: all) */
    int reads, writes, queries, next_readables, peeks;
    size_t smallest_read, largest_read;
    int tags;        /* tagged blocks it carries */
};

static struct fake_target *fake(ds_target *t) { return (struct fake_target *)t; }

static uint64_t region_end(const struct fake_region *r) { return r->base + (r->size - 1); }

/* The region holding addr, or NULL. */
static struct fake_region *region_at(struct fake_target *ft, uint64_t addr)
{
    for (int i = 0; i < ft->n; i++)
        if (addr >= ft->regions[i].base && addr <= region_end(&ft->regions[i]))
            return &ft->regions[i];
    return NULL;
}

static size_t transfer(struct fake_target *ft, uint64_t addr, uint8_t *buf, size_t size,
                       bool write)
{
    size_t done = 0;
    while (done < size) {
        struct fake_region *r = region_at(ft, addr + done);
        bool ok = r && (write ? r->protect != PAGE_NOACCESS : ds_protect_readable(r->protect));
        if (!ok)
            break;
        uint64_t off = addr + done - r->base;
        size_t n = r->size - off < size - done ? (size_t)(r->size - off) : size - done;
        if (write)
            memcpy(r->bytes + off, buf + done, n);
        else
            memcpy(buf + done, r->bytes + off, n);
        done += n;
        if (region_end(r) == UINT64_MAX)
            break;
    }
    return done;
}

static HRESULT fake_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct fake_target *ft = fake(t);
    ft->reads++;
    if (!ft->smallest_read || size < ft->smallest_read)
        ft->smallest_read = size;
    if (size > ft->largest_read)
        ft->largest_read = size;
    *done = transfer(ft, addr, buf, size, false);
    return *done ? S_OK : ds_fail(t, READ_FAULT, "fake: nothing readable at 0x%llx",
                                  (unsigned long long)addr);
}

static HRESULT fake_write(ds_target *t, uint64_t addr, const void *buf, size_t size,
                          size_t *done)
{
    struct fake_target *ft = fake(t);
    ft->writes++;
    *done = transfer(ft, addr, (uint8_t *)(uintptr_t)buf, size, true);
    return *done ? S_OK : ds_fail(t, WRITE_FAULT, "fake: nothing writable at 0x%llx",
                                  (unsigned long long)addr);
}

static HRESULT fake_query(ds_target *t, uint64_t addr, struct ds_region *out)
{
    struct fake_target *ft = fake(t);
    ft->queries++;
    uint64_t gap = 0;
    for (int i = 0; i < ft->n; i++) {
        struct fake_region *r = &ft->regions[i];
        if (region_end(r) < addr) {
            gap = region_end(r) + 1;
            continue;
        }
        *out = (struct ds_region){ .base = r->base, .size = r->size, .allocation_base = r->base,
                                   .allocation_protect = r->protect, .state = MEM_COMMIT,
                                   .protect = r->protect, .type = MEM_PRIVATE,
                                   .gap_base = addr < r->base ? gap : 0 };
        return S_OK;
    }
    return S_FALSE;
}

static HRESULT fake_next_readable(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size)
{
    struct fake_target *ft = fake(t);
    ft->next_readables++;
    for (int i = 0; i < ft->n; i++) {
        struct fake_region *r = &ft->regions[i];
        if (region_end(r) < addr || !ds_protect_readable(r->protect))
            continue;
        *start = r->base > addr ? r->base : addr;
        *size = region_end(r) - *start + 1;
        if (ft->piece && *size > ft->piece - (*start - r->base) % ft->piece)
            *size = ft->piece - (*start - r->base) % ft->piece;
        return S_OK;
    }
    return S_FALSE;
}

static uint32_t fake_virtual_source(ds_target *t, uint64_t addr)
{
    struct fake_region *r = region_at(fake(t), addr);
    return r && r->vsource ? r->vsource : t->default_vsource;
}

static const void *fake_peek(ds_target *t, uint64_t addr, size_t *avail)
{
    struct fake_target *ft = fake(t);
    ft->peeks++;
    struct fake_region *r = region_at(ft, addr);
    if (!r || !ds_protect_readable(r->protect))
        return NULL;
    uint64_t off = addr - r->base;
    *avail = (size_t)(r->size - off);
    if (ft->piece && *avail > ft->piece - off % ft->piece)
        *avail = (size_t)(ft->piece - off % ft->piece);
    return r->bytes + off;
}

/* Physical memory: the regions' bytes at virtual address + PHYS_BIAS. */
#define PHYS_BIAS 0x100000000ull

static HRESULT fake_read_physical(ds_target *t, uint64_t addr, void *buf, size_t size,
                                  size_t *done)
{
    *done = addr >= PHYS_BIAS ? transfer(fake(t), addr - PHYS_BIAS, buf, size, false) : 0;
    return *done ? S_OK : ds_fail(t, READ_FAULT, "fake: no physical page at 0x%llx",
                                  (unsigned long long)addr);
}

static HRESULT fake_write_physical(ds_target *t, uint64_t addr, const void *buf, size_t size,
                                   size_t *done)
{
    *done = addr >= PHYS_BIAS ? transfer(fake(t), addr - PHYS_BIAS, (void *)(uintptr_t)buf,
                                         size, true) : 0;
    return *done ? S_OK : ds_fail(t, WRITE_FAULT, "fake: no physical page at 0x%llx",
                                  (unsigned long long)addr);
}

static HRESULT fake_v2p(ds_target *t, uint64_t va, uint64_t *pa, uint64_t *level_pa,
                        uint32_t max_levels, uint32_t *levels)
{
    if (!region_at(fake(t), va))
        return ds_fail(t, HRESULT_FROM_NT(0xC0000147u), "fake: 0x%llx is not mapped",
                       (unsigned long long)va);
    *pa = va + PHYS_BIAS;
    /* Two paging levels, as a fake page walk would find. */
    *levels = 0;
    for (uint32_t i = 0; i < 2 && i < max_levels; i++)
        level_pa[(*levels)++] = 0x1000 * (i + 1);
    return S_OK;
}

static const GUID fake_tag = { 0x12345678, 0x9abc, 0xdef0, { 1, 2, 3, 4, 5, 6, 7, 8 } };

static HRESULT fake_tagged_entry(ds_target *t, uint32_t index, GUID *tag, uint32_t *size)
{
    if ((int)index >= fake(t)->tags)
        return S_FALSE;
    *tag = fake_tag;
    tag->Data1 += index;
    *size = 10 * (index + 1);
    return S_OK;
}

static HRESULT fake_read_tagged(ds_target *t, const GUID *tag, uint32_t offset, void *buf,
                                uint32_t size, uint32_t *total_size)
{
    GUID first = fake_tag;
    uint32_t index = tag->Data1 - first.Data1;
    first.Data1 = tag->Data1;
    if (memcmp(&first, tag, sizeof first) != 0 || (int)index >= fake(t)->tags)
        return ds_fail(t, E_NOINTERFACE, "fake: no such tag");
    uint32_t total = 10 * (index + 1);
    *total_size = total;
    for (uint32_t i = 0; buf && i < size && offset + i < total; i++)
        ((uint8_t *)buf)[i] = (uint8_t)(offset + i);
    return S_OK;
}

static void fake_close(ds_target *t)
{
    struct fake_target *ft = fake(t);
    for (int i = 0; i < ft->n; i++)
        free(ft->regions[i].bytes);
    ds_target_release(t);
    free(ft);
}

/* Everything a backend can have. */
static const struct ds_backend_ops full_ops = {
    .version = DS_BACKEND_OPS_VERSION, .name = "fake", .read = fake_read, .close = fake_close,
    .write = fake_write, .query = fake_query, .next_readable = fake_next_readable,
    .virtual_source = fake_virtual_source, .read_physical = fake_read_physical,
    .write_physical = fake_write_physical, .virtual_to_physical = fake_v2p,
    .tagged_entry = fake_tagged_entry, .read_tagged = fake_read_tagged,
};
/* Bytes only by copying (no peek), runs listed by next_readable. */
static const struct ds_backend_ops copy_ops = {
    .version = DS_BACKEND_OPS_VERSION, .name = "fake-copy", .read = fake_read,
    .close = fake_close, .write = fake_write, .query = fake_query,
    .next_readable = fake_next_readable,
};
/* Bytes in place (peek). */
static const struct ds_backend_ops peek_ops = {
    .version = DS_BACKEND_OPS_VERSION, .name = "fake-peek", .read = fake_read,
    .close = fake_close, .query = fake_query, .next_readable = fake_next_readable,
    .peek = fake_peek,
};
/* A region map but no next_readable: runs derived from query. */
static const struct ds_backend_ops query_ops = {
    .version = DS_BACKEND_OPS_VERSION, .name = "fake-query", .read = fake_read,
    .close = fake_close, .write = fake_write, .query = fake_query,
};
/* Only the mandatory slots. */
static const struct ds_backend_ops bare_ops = {
    .version = DS_BACKEND_OPS_VERSION, .name = "fake-bare", .read = fake_read,
    .close = fake_close,
};

static struct fake_target *new_fake(const struct ds_backend_ops *ops)
{
    struct fake_target *ft = calloc(1, sizeof *ft);
    assert_non_null(ft);
    ds_target_init(&ft->base, ops);
    return ft;
}

/* Add a region whose byte i is fill(i) (0 when fill is NULL). */
static uint8_t *add_region(struct fake_target *ft, uint64_t base, uint64_t size, uint32_t protect)
{
    assert_true(ft->n < 16);
    struct fake_region *r = &ft->regions[ft->n++];
    *r = (struct fake_region){ .base = base, .size = size, .protect = protect };
    r->bytes = calloc(1, size);
    assert_non_null(r->bytes);
    return r->bytes;
}

static void put(uint8_t *bytes, size_t at, const char *s) { memcpy(bytes + at, s, strlen(s)); }

static int teardown_fake(void **state)
{
    if (*state)
        ds_close(*state);
    *state = NULL;
    return 0;
}

/* ---- SearchVirtual ---------------------------------------------------------------- */

static void test_search_arguments(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    put(m, 0x10, "needle");
    uint64_t at = 77;
    assert_hr(E_INVALIDARG, ds_search_virtual(t, 0x10000, 0x1000, "needle", 6, 1, NULL), t);
    assert_non_null(strstr(ds_error_text(t), "MatchOffset"));
    assert_hr(E_INVALIDARG, ds_search_virtual(t, 0x10000, 0x1000, NULL, 6, 1, &at), t);
    assert_hr(E_INVALIDARG, ds_search_virtual(t, 0x10000, 0x1000, "needle", 0, 1, &at), t);
    assert_hr(E_INVALIDARG, ds_search_virtual(t, 0x10000, 0x1000, "needle", 6, 0, &at), t);
    assert_hr(E_INVALIDARG, ds_search_virtual(t, 0x10000, 0x1000, "needle", 6, 4, &at), t);
    assert_non_null(strstr(ds_error_text(t), "multiple"));
    assert_hr(E_INVALIDARG, ds_search_virtual2(t, 0x10000, 0x1000, 2, "needle", 6, 1, &at), t);
    assert_hr(E_INVALIDARG, ds_search_virtual(NULL, 0x10000, 0x1000, "needle", 6, 1, &at),
              NULL);
    /* A range shorter than the pattern, or empty, holds no match. */
    assert_hr(NOT_FOUND, ds_search_virtual(t, 0x10010, 5, "needle", 6, 1, &at), t);
    assert_hr(NOT_FOUND, ds_search_virtual(t, 0x10010, 0, "needle", 6, 1, &at), t);
    assert_hr(S_OK, ds_search_virtual(t, 0x10010, 6, "needle", 6, 1, &at), t);
    assert_int_equal(at, 0x10010);
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, "needle", 6, 2, &at), t);
    assert_int_equal(at, 0x10010);
    /* No match: the documented code and a sentence naming the range. */
    assert_hr(NOT_FOUND, ds_search_virtual(t, 0, UINT64_MAX, "absent!", 7, 1, &at), t);
    assert_int_equal((uint32_t)NOT_FOUND, 0x9000001Au);
    assert_non_null(strstr(ds_error_text(t), "0x0..0xfffffffffffffffe"));
}

static void test_search_reads_big_chunks_and_straddles_them(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint64_t base = 0x40000000;
    uint8_t *m = add_region(ft, base, 5 * MiB, PAGE_READWRITE);
    /* Across every plausible chunk boundary: 1, 2 and 4 MiB. */
    put(m, 1 * MiB - 3, "straddle-1");
    put(m, 2 * MiB - 5, "straddle-2");
    put(m, 4 * MiB - 1, "straddle-4");
    uint64_t at;
    assert_hr(S_OK, ds_search_virtual(t, base, 5 * MiB, "straddle-1", 10, 1, &at), t);
    assert_int_equal(at, base + MiB - 3);
    assert_hr(S_OK, ds_search_virtual(t, base, 5 * MiB, "straddle-2", 10, 1, &at), t);
    assert_int_equal(at, base + 2 * MiB - 5);
    ft->reads = 0;
    ft->smallest_read = ft->largest_read = 0;
    assert_hr(S_OK, ds_search_virtual(t, base, 5 * MiB, "straddle-4", 10, 1, &at), t);
    assert_int_equal(at, base + 4 * MiB - 1);
    /* Whole chunks of at least 1 MiB, read once each: no byte is read twice. */
    assert_true(ft->largest_read >= MiB);
    assert_true(ft->reads <= 5);
    ft->reads = 0;
    ft->smallest_read = 0;
    assert_hr(NOT_FOUND, ds_search_virtual(t, base, 5 * MiB, "nowhere", 7, 1, &at), t);
    assert_true(ft->smallest_read >= MiB);
    assert_true((size_t)ft->reads * ft->largest_read < 7 * MiB);
    /* The search is uncached: the cache saw nothing. */
    assert_int_equal(t->cache.misses, 0);
}

static void test_search_straddles_runs_and_regions(void **state)
{
    const struct ds_backend_ops *variants[] = { &copy_ops, &peek_ops, &query_ops };
    for (size_t v = 0; v < 3; v++) {
        struct fake_target *ft = new_fake(variants[v]);
        *state = &ft->base;
        ds_target *t = &ft->base;
        /* Two touching regions of different protections, reported in
           16-byte pieces: a run boundary every 16 bytes. */
        ft->piece = 16;
        uint8_t *a = add_region(ft, 0x1000, 0x1000, PAGE_READWRITE);
        uint8_t *b = add_region(ft, 0x2000, 0x1000, PAGE_READONLY);
        put(a, 0xFFC, "span");
        put(b, 0, "s-regions");
        /* A pattern longer than several pieces. */
        for (int i = 0; i < 40; i++)
            a[0x805 + i] = (uint8_t)('A' + i % 26);
        char long_pattern[41];
        memcpy(long_pattern, a + 0x805, 40);
        uint64_t at;
        assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, "spans-regions", 13, 1, &at), t);
        assert_int_equal(at, 0x1FFC);
        assert_hr(S_OK, ds_search_virtual(t, 0x1000, 0x2000, long_pattern, 40, 1, &at), t);
        assert_int_equal(at, 0x1805);
        /* The match must lie wholly inside the range searched. */
        assert_hr(NOT_FOUND, ds_search_virtual(t, 0x1000, 0x1008, "spans-regions", 13, 1, &at),
                  t);
        assert_hr(S_OK, ds_search_virtual(t, 0x1000, 0x1009, "spans-regions", 13, 1, &at), t);
        if (variants[v] == &peek_ops)
            assert_int_equal(ft->reads, 0);  /* scanned in place */
        ds_close(t);
        *state = NULL;
    }
}

static void test_search_skips_holes_and_unreadable(void **state)
{
    struct fake_target *ft = new_fake(&query_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *a = add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    uint8_t *guard = add_region(ft, 0x11000, 0x1000, PAGE_NOACCESS);
    uint8_t *b = add_region(ft, 0x12000, 0x1000, PAGE_READWRITE);
    uint8_t *c = add_region(ft, 0x20000, 0x1000, PAGE_READWRITE);
    put(a, 0xFFD, "hal");
    put(guard, 0, "f-and-half");
    put(b, 0xFFE, "on");
    put(c, 0, "e-side");
    put(c, 0x100, "f-and-half");
    uint64_t at;
    /* Not across the guard page or the hole, and never inside the guard. */
    assert_hr(NOT_FOUND, ds_search_virtual(t, 0, UINT64_MAX, "half-and", 8, 1, &at), t);
    assert_hr(NOT_FOUND, ds_search_virtual(t, 0, UINT64_MAX, "one-side", 8, 1, &at), t);
    assert_hr(S_OK, ds_search_virtual(t, 0, UINT64_MAX, "f-and-half", 10, 1, &at), t);
    assert_int_equal(at, 0x20100);
    /* The walk asked the map about each region once or so: no probing of
       the 2^64 bytes around them, and no read of the guard page. */
    ft->queries = ft->reads = 0;
    assert_hr(NOT_FOUND, ds_search_virtual(t, 0, UINT64_MAX, "absent", 6, 1, &at), t);
    assert_true(ft->queries <= 2 * ft->n + 2);
    assert_int_equal(ft->reads, 3);
}

static void test_search_granularity_counts_from_offset(void **state)
{
    struct fake_target *ft = new_fake(&peek_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x8000, 0x1000, PAGE_READWRITE);
    put(m, 0x105, "ABCD");
    put(m, 0x209, "ABCD");
    put(m, 0x30C, "ABCD");
    uint64_t at;
    /* From 0x8000 the first two copies are 1 past a multiple of 4. */
    assert_hr(S_OK, ds_search_virtual(t, 0x8000, 0x1000, "ABCD", 4, 4, &at), t);
    assert_int_equal(at, 0x830C);
    /* From 0x8001 the first one is aligned. */
    assert_hr(S_OK, ds_search_virtual(t, 0x8001, 0x1000, "ABCD", 4, 4, &at), t);
    assert_int_equal(at, 0x8105);
    assert_hr(S_OK, ds_search_virtual(t, 0x8000, 0x1000, "ABCD", 4, 2, &at), t);
    assert_int_equal(at, 0x830C);
    assert_hr(NOT_FOUND, ds_search_virtual(t, 0x8000, 0x300, "ABCD", 4, 4, &at), t);
    assert_hr(S_OK, ds_search_virtual(t, 0x8000, 0x1000, "ABCD", 4, 1, &at), t);
    assert_int_equal(at, 0x8105);
}

static void test_search_writable_only(void **state)
{
    struct fake_target *ft = new_fake(&full_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *ro = add_region(ft, 0x1000, 0x1000, PAGE_READONLY);
    uint8_t *rw = add_region(ft, 0x2000, 0x1000, PAGE_READWRITE);
    uint8_t *code = add_region(ft, 0x3000, 0x1000, PAGE_EXECUTE_READ);
    uint8_t *rwx = add_region(ft, 0x4000, 0x1000, PAGE_EXECUTE_READWRITE);
    put(ro, 0x10, "marker");
    put(rw, 0xFFD, "mar");
    put(code, 0, "ker");
    put(code, 0x10, "xmarker");
    put(rwx, 0x20, "xmarker");
    uint64_t at;
    assert_hr(S_OK, ds_search_virtual2(t, 0, UINT64_MAX, 0, "marker", 6, 1, &at), t);
    assert_int_equal(at, 0x1010);
    assert_hr(S_OK, ds_search_virtual2(t, 0, UINT64_MAX, DEBUG_VSEARCH_WRITABLE_ONLY, "marker",
                                       6, 1, &at), t);
    assert_int_equal(at, 0x4021);  /* not the one straddling into code */
    assert_hr(S_OK, ds_search_virtual2(t, 0, UINT64_MAX, DEBUG_VSEARCH_WRITABLE_ONLY,
                                       "xmarker", 7, 1, &at), t);
    assert_int_equal(at, 0x4020);
}

static void test_search_at_the_top_of_the_address_space(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *top = add_region(ft, TOP_PAGE, 0x1000, PAGE_READWRITE);
    put(top, 0xFF8, "lastbyte");  /* ends at 2^64 - 1 */
    uint64_t at;
    /* Length runs past 2^64: the range is cut at the top, not wrapped. */
    assert_hr(S_OK, ds_search_virtual(t, TOP_PAGE, UINT64_MAX, "lastbyte", 8, 1, &at), t);
    assert_int_equal(at, UINT64_MAX - 7);
    assert_hr(S_OK, ds_search_virtual(t, 8, UINT64_MAX, "lastbyte", 8, 8, &at), t);
    assert_int_equal(at, UINT64_MAX - 7);
    /* From 0, a 64-bit Length reaches 2^64 - 2 at most. */
    assert_hr(NOT_FOUND, ds_search_virtual(t, 0, UINT64_MAX, "lastbyte", 8, 1, &at), t);
    assert_hr(S_OK, ds_search_virtual(t, 1, UINT64_MAX, "e", 1, 1, &at), t);
    assert_int_equal(at, UINT64_MAX);
    assert_hr(NOT_FOUND, ds_search_virtual(t, UINT64_MAX, 100, "lastbyte", 8, 1, &at), t);
}

static void test_search_needs_a_map(void **state)
{
    struct fake_target *ft = new_fake(&bare_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    add_region(ft, 0x1000, 0x1000, PAGE_READWRITE);
    uint64_t at;
    assert_hr(E_NOTIMPL, ds_search_virtual(t, 0, UINT64_MAX, "x", 1, 1, &at), t);
    assert_int_equal(ft->reads, 0);
    assert_non_null(strstr(ds_error_text(t), "fake-bare"));
}

/* The SIMD filter and memmem agree on every length, alignment and place,
   including buffers full of near-misses (where the filter hands over to
   memmem). */
static void test_find_pattern_agrees_with_memmem(void **state)
{
    (void)state;
    size_t n = 4096;
    uint8_t *hay = malloc(n + 64), pat[80];
    uint64_t x = 0x2545F4914F6CDD1Dull;
    for (int round = 0; round < 3000; round++) {
        size_t m = 1 + (size_t)(round % 75), len = n - (size_t)(round % 37);
        uint8_t alphabet = round % 3 == 0 ? 2 : round % 3 == 1 ? 4 : 255;
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            hay[i] = (uint8_t)(x % alphabet);
        }
        size_t at = (size_t)(x >> 40) % len;
        if (round % 2 && at + m <= len)
            memcpy(pat, hay + at, m);  /* present (at least once) */
        else
            for (size_t i = 0; i < m; i++)
                pat[i] = (uint8_t)(x >> (i % 56)) % alphabet;
        const uint8_t *want = memmem(hay + (round % 5), len - (size_t)(round % 5), pat, m);
        const uint8_t *got = ds_find_pattern(hay + (round % 5), len - (size_t)(round % 5), pat, m);
        if (want != got)
            fail_msg("round %d: m=%zu len=%zu: memmem %td, ours %td", round, m, len,
                     want ? want - hay : -1, got ? got - hay : -1);
    }
    /* Zeros with the pattern 0...0 1 0...0: a candidate at every byte. */
    memset(hay, 0, n);
    memset(pat, 0, 33);
    pat[16] = 1;
    assert_null(ds_find_pattern(hay, n, pat, 33));
    hay[n - 17] = 1;
    assert_ptr_equal(ds_find_pattern(hay, n, pat, 33), hay + n - 33);
    assert_null(ds_find_pattern(hay, 10, pat, 33));
    free(hay);
}

/* The filter steps over whole blocks of 64 positions and leaves the last
   few to memmem: a match at every place around the end of the blocks and
   of the buffer, in memory where the first and last bytes of the pattern
   are nowhere else (the filter finds no candidate before it). */
static void test_find_pattern_every_place_near_the_end(void **state)
{
    (void)state;
    const uint8_t pat[8] = { 0xde, 0xc0, 0xad, 0x0b, 0xfe, 0xca, 0x37, 0x13 };
    uint8_t hay[400];
    for (size_t len = 200; len < 330; len += 7)
        for (size_t at = 0; at + sizeof pat <= len; at++) {
            for (size_t i = 0; i < len; i++)
                hay[i] = (uint8_t)(0x20 + i % 64);  /* never 0xde or 0x13 */
            memcpy(hay + at, pat, sizeof pat);
            const uint8_t *got = ds_find_pattern(hay, len, pat, sizeof pat);
            if (got != hay + at)
                fail_msg("len %zu: the pattern at %zu, found at %td", len, at,
                         got ? got - hay : -1);
        }
}

/* ---- valid regions and offset information ---------------------------------------- */

static void test_valid_regions(void **state)
{
    struct fake_target *ft = new_fake(&query_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    add_region(ft, 0x11000, 0x1000, PAGE_READONLY);   /* touches: one valid stretch */
    add_region(ft, 0x12000, 0x1000, PAGE_NOACCESS);   /* a guard page */
    add_region(ft, 0x13000, 0x2000, PAGE_READWRITE);
    add_region(ft, TOP_PAGE, 0x1000, PAGE_READONLY);
    uint64_t vb;
    uint32_t vs;
    assert_hr(S_OK, ds_get_valid_region_virtual(t, 0x8000, 0x10000, &vb, &vs), t);
    assert_int_equal(vb, 0x10000);
    assert_int_equal(vs, 0x2000);
    assert_hr(S_OK, ds_get_valid_region_virtual(t, 0x10800, 0x1000, &vb, &vs), t);
    assert_int_equal(vb, 0x10800);
    assert_int_equal(vs, 0x1000);  /* clipped to the range */
    assert_hr(S_OK, ds_get_valid_region_virtual(t, 0x12000, 0x10000, &vb, &vs), t);
    assert_int_equal(vb, 0x13000);
    assert_int_equal(vs, 0x2000);
    assert_hr(E_NOINTERFACE, ds_get_valid_region_virtual(t, 0x12000, 0x1000, &vb, &vs), t);
    assert_non_null(strstr(ds_error_text(t), "0x12000"));
    assert_hr(E_NOINTERFACE, ds_get_valid_region_virtual(t, 0x20000, 0xFFFFFFFF, &vb, &vs), t);
    /* A range past 2^64 is cut at the top. */
    assert_hr(S_OK, ds_get_valid_region_virtual(t, UINT64_MAX - 0x10, 0x1000, &vb, &vs), t);
    assert_int_equal(vb, UINT64_MAX - 0x10);
    assert_int_equal(vs, 0x11);
    assert_hr(E_INVALIDARG, ds_get_valid_region_virtual(t, 0x10000, 0, &vb, &vs), t);
    assert_hr(E_INVALIDARG, ds_get_valid_region_virtual(t, 0x10000, 1, NULL, &vs), t);
    assert_hr(E_INVALIDARG, ds_get_valid_region_virtual(t, 0x10000, 1, &vb, NULL), t);

    uint64_t next;
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, 0x10010, &next), t);
    assert_int_equal(next, 0x12000);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, 0x12000, &next), t);
    assert_int_equal(next, 0x13000);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, 0, &next), t);
    assert_int_equal(next, 0x10000);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, 0x14FFF, &next), t);
    assert_int_equal(next, 0x15000);
    assert_hr(S_OK, ds_get_next_differently_valid_offset_virtual(t, 0x15000, &next), t);
    assert_int_equal(next, TOP_PAGE);
    assert_hr(E_NOINTERFACE, ds_get_next_differently_valid_offset_virtual(t, TOP_PAGE, &next),
              t);
    assert_hr(E_INVALIDARG, ds_get_next_differently_valid_offset_virtual(t, 0, NULL), t);
}

static void test_offset_information(void **state)
{
    struct fake_target *ft = new_fake(&full_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    add_region(ft, 0x11000, 0x1000, PAGE_EXECUTE_READ);
    ft->regions[1].vsource = DEBUG_VSOURCE_MAPPED_IMAGE;
    add_region(ft, 0x12000, 0x1000, PAGE_NOACCESS);
    ULONG source = 99;
    uint32_t size = 0;
    assert_hr(S_OK, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x10008, &source,
                                              sizeof source, &size), t);
    assert_int_equal(source, DEBUG_VSOURCE_DEBUGGEE);
    assert_int_equal(size, 4);
    assert_hr(S_OK, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x11008, &source,
                                              sizeof source, &size), t);
    assert_int_equal(source, DEBUG_VSOURCE_MAPPED_IMAGE);
    assert_hr(S_OK, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x12008, &source,
                                              sizeof source, &size), t);
    assert_int_equal(source, DEBUG_VSOURCE_INVALID);
    assert_hr(S_OK, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x30000, &source,
                                              sizeof source, &size), t);
    assert_int_equal(source, DEBUG_VSOURCE_INVALID);
    /* Size only; then the checks. */
    assert_hr(S_OK, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                              DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x10000, NULL, 0,
                                              &size), t);
    assert_int_equal(size, 4);
    assert_hr(E_INVALIDARG, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                                      DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x10000,
                                                      &source, 2, &size), t);
    assert_hr(E_INVALIDARG, ds_get_offset_information(t, DEBUG_DATA_SPACE_PHYSICAL,
                                                      DEBUG_OFFSINFO_VIRTUAL_SOURCE, 0x10000,
                                                      &source, 4, &size), t);
    assert_hr(E_INVALIDARG, ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL, 2, 0x10000,
                                                      &source, 4, &size), t);
}

/* ---- strings ----------------------------------------------------------------------- */

static void test_strings_read_in_chunks(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x10000, 0x10000, PAGE_READWRITE);
    memset(m, 'x', 0x9000);
    m[0x9000] = 0;
    char buf[16];
    uint32_t bytes = 0;
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(t, 0x10000, 0x10000, buf, sizeof buf,
                                                         &bytes), t);
    assert_int_equal(bytes, 0x9001);
    assert_string_equal(buf, "xxxxxxxxxxxxxxx");
    /* 36 KiB in a handful of reads, never byte by byte. */
    assert_true(ft->reads <= 6);
    /* One byte short of the terminator: no terminator within MaxBytes. */
    assert_hr(E_INVALIDARG, ds_read_multi_byte_string_virtual(t, 0x10000, 0x9000, buf,
                                                              sizeof buf, &bytes), t);
    assert_non_null(strstr(ds_error_text(t), "MaxBytes"));
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(t, 0x10000, 0x9001, buf, sizeof buf,
                                                         &bytes), t);
    assert_hr(E_INVALIDARG, ds_read_multi_byte_string_virtual(t, 0x10000, 0, buf, sizeof buf,
                                                              &bytes), t);
}

static void test_strings_edges(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    put(m, 0x100, "hello");
    put(m, 0xFFB, "edge");  /* its NUL is the region's last byte */
    add_region(ft, 0x20000, 0x1000, PAGE_READWRITE);
    memset(ft->regions[1].bytes, 'y', 0x1000);  /* runs into the end unterminated */
    char buf[8];
    uint32_t bytes = 0;
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(t, 0x10100, 100, buf, 6, &bytes), t);
    assert_string_equal(buf, "hello");
    assert_int_equal(bytes, 6);
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(t, 0x10100, 100, buf, 5, &bytes), t);
    assert_string_equal(buf, "hell");
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(t, 0x10100, 100, buf, 1, &bytes), t);
    assert_string_equal(buf, "");
    buf[0] = 'Q';
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(t, 0x10100, 100, buf, 0, &bytes), t);
    assert_int_equal(buf[0], 'Q');  /* no room for anything, not even the NUL */
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(t, 0x10100, 100, NULL, 0, &bytes), t);
    assert_int_equal(bytes, 6);
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(t, 0x10100, 100, buf, 8, NULL), t);
    /* The empty string. */
    buf[0] = 'Q';
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(t, 0x10000, 100, buf, 8, &bytes), t);
    assert_string_equal(buf, "");
    assert_int_equal(bytes, 1);
    WCHAR w[4] = { 1, 1, 1, 1 };
    assert_hr(S_OK, ds_read_unicode_string_virtual_wide(t, 0x10000, 100, w, 4, &bytes), t);
    assert_int_equal(w[0], 0);
    assert_int_equal(bytes, 2);
    assert_hr(S_OK, ds_read_unicode_string_virtual(t, 0x10000, 100, CP_UTF8, buf, 8, &bytes), t);
    assert_string_equal(buf, "");
    /* Terminated exactly at the end of readable memory, with room to spare. */
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(t, 0x10FFB, 0x1000, buf, 8, &bytes), t);
    assert_string_equal(buf, "edge");
    assert_int_equal(bytes, 5);
    /* Running into unreadable memory before a terminator: a read error. */
    assert_hr(READ_FAULT, ds_read_multi_byte_string_virtual(t, 0x20F00, 0x1000, buf, 8, &bytes),
              t);
    assert_int_equal(bytes, 0);
    assert_non_null(strstr(ds_error_text(t), "0x21000"));
    /* ... unless MaxBytes ends first. */
    assert_hr(E_INVALIDARG, ds_read_multi_byte_string_virtual(t, 0x20F00, 0x100, buf, 8,
                                                              &bytes), t);
    assert_hr(READ_FAULT, ds_read_multi_byte_string_virtual(t, 0x5000, 10, buf, 8, &bytes), t);
    assert_hr(E_INVALIDARG, ds_read_multi_byte_string_virtual(NULL, 0x10100, 10, buf, 8,
                                                              &bytes), NULL);
}

/* UTF-16LE bytes of a string of code units. */
static void put_utf16(uint8_t *at, const uint16_t *units, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        at[2 * i] = (uint8_t)units[i];
        at[2 * i + 1] = (uint8_t)(units[i] >> 8);
    }
}

static void test_unicode_strings(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    /* "Grüße €𝄞" (G-r-u-umlaut-sharp s-e-space-euro-G clef) and its NUL. */
    static const uint16_t text[] = { 'G', 'r', 0xFC, 0xDF, 'e', ' ', 0x20AC, 0xD834, 0xDD1E, 0 };
    put_utf16(m + 0x101, text, 10);  /* odd address: units count from Offset */
    WCHAR w[16];
    uint32_t bytes;
    assert_hr(S_OK, ds_read_unicode_string_virtual_wide(t, 0x10101, 0x100, w, 16, &bytes), t);
    assert_int_equal(bytes, 20);
    assert_memory_equal(w, text, sizeof text);
    char s[32];
    assert_hr(S_OK, ds_read_unicode_string_virtual(t, 0x10101, 0x100, CP_UTF8, s, sizeof s,
                                                   &bytes), t);
    assert_string_equal(s, "Gr\xC3\xBC\xC3\x9F" "e \xE2\x82\xAC\xF0\x9D\x84\x9E");
    assert_int_equal(bytes, 20);
    /* Cut before the clef: 8 chars fit, the pair is not split. */
    assert_hr(S_FALSE, ds_read_unicode_string_virtual_wide(t, 0x10101, 0x100, w, 9, &bytes), t);
    assert_int_equal(w[6], 0x20AC);
    assert_int_equal(w[7], 0);
    assert_hr(S_FALSE, ds_read_unicode_string_virtual_wide(t, 0x10101, 0x100, w, 7, &bytes), t);
    assert_int_equal(w[5], ' ');
    assert_int_equal(w[6], 0);
    /* UTF-8 output cut inside the euro sign's three bytes: cut before it. */
    assert_hr(S_FALSE, ds_read_unicode_string_virtual(t, 0x10101, 0x100, CP_UTF8, s, 11,
                                                      &bytes), t);
    assert_string_equal(s, "Gr\xC3\xBC\xC3\x9F" "e ");
    /* In CP 1252 the euro is 0x80 and the clef has no place: '?'. */
    assert_hr(S_OK, ds_read_unicode_string_virtual(t, 0x10101, 0x100, 1252, s, sizeof s,
                                                   &bytes), t);
    assert_string_equal(s, "Gr\xFC\xDF" "e \x80?");
    /* MaxBytes counts bytes: 19 bytes hold no whole terminator. */
    assert_hr(E_INVALIDARG, ds_read_unicode_string_virtual_wide(t, 0x10101, 19, w, 16, &bytes),
              t);
    assert_hr(S_OK, ds_read_unicode_string_virtual_wide(t, 0x10101, 20, w, 16, &bytes), t);
    /* A 0 byte at an odd distance is not a terminator. */
    static const uint16_t odd[] = { 0x4100, 0x0042, 0 };
    put_utf16(m + 0x200, odd, 3);
    assert_hr(S_OK, ds_read_unicode_string_virtual_wide(t, 0x10200, 0x100, w, 16, &bytes), t);
    assert_int_equal(bytes, 6);
    assert_int_equal(w[0], 0x4100);
    /* An unpaired surrogate becomes U+FFFD in UTF-8. */
    static const uint16_t lone[] = { 'a', 0xD800, 'b', 0 };
    put_utf16(m + 0x300, lone, 4);
    assert_hr(S_OK, ds_read_unicode_string_virtual(t, 0x10300, 0x100, CP_UTF8, s, sizeof s,
                                                   &bytes), t);
    assert_string_equal(s, "a\xEF\xBF\xBD" "b");
    assert_hr(E_INVALIDARG, ds_read_unicode_string_virtual(t, 0x10300, 0x100, 1200, s, sizeof s,
                                                           &bytes), t);
    assert_hr(E_INVALIDARG, ds_read_unicode_string_virtual(t, 0x10300, 0x100, 54321, s,
                                                           sizeof s, &bytes), t);
    assert_non_null(strstr(ds_error_text(t), "54321"));
}

static void test_multibyte_to_wide(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    put(m, 0x10, "caf\xC3\xA9 \xF0\x9D\x84\x9E!");  /* café 𝄞! in UTF-8 */
    put(m, 0x40, "caf\xE9");                        /* café in CP 1252 */
    put(m, 0x60, "a\xFF" "b");                      /* not UTF-8 */
    WCHAR w[16];
    uint32_t bytes;
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(t, 0x10010, 0x100, CP_UTF8, w, 16,
                                                           &bytes), t);
    static const uint16_t want[] = { 'c', 'a', 'f', 0xE9, ' ', 0xD834, 0xDD1E, '!', 0 };
    assert_memory_equal(w, want, sizeof want);
    assert_int_equal(bytes, 12);  /* bytes in the target, NUL included */
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(t, 0x10040, 0x100, 1252, w, 16,
                                                           &bytes), t);
    assert_int_equal(w[3], 0xE9);
    assert_int_equal(bytes, 5);
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(t, 0x10060, 0x100, CP_UTF8, w, 16,
                                                           &bytes), t);
    assert_int_equal(w[1], 0xFFFD);
    assert_int_equal(w[2], 'b');
    /* CP_ACP: the locale's charset, UTF-8 in the C locale. */
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(t, 0x10010, 0x100, CP_ACP, w, 16,
                                                           &bytes), t);
    assert_int_equal(w[3], 0xE9);
    /* Too small: cut, NUL-terminated, S_FALSE; the size in the target all the same. */
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual_wide(t, 0x10010, 0x100, CP_UTF8, w, 6,
                                                              &bytes), t);
    assert_int_equal(w[4], ' ');
    assert_int_equal(w[5], 0);
    assert_int_equal(bytes, 12);
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual_wide(t, 0x10010, 0x100, CP_UTF8, w, 7,
                                                              &bytes), t);
    assert_int_equal(w[5], 0);  /* the pair would not fit whole */
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(t, 0x10010, 0x100, CP_UTF8, NULL, 0,
                                                           &bytes), t);
    assert_int_equal(bytes, 12);
}

/* ---- pointers and fill -------------------------------------------------------------- */

static void test_pointers_on_4_byte_targets(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    t->pointer_size = 4;
    uint8_t *m = add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    static const uint8_t raw[] = { 0x00, 0x10, 0, 0,  0xfc, 0xff, 0xff, 0x7f,
                                   0, 0, 0, 0x80,     0x00, 0xf0, 0xff, 0xff };
    memcpy(m + 0xFF0, raw, sizeof raw);
    uint64_t p[4] = { 0 };
    assert_hr(S_OK, ds_read_pointers_virtual(t, 4, 0x10FF0, p), t);
    assert_int_equal(p[0], 0x1000);
    assert_int_equal(p[1], 0x7ffffffc);
    assert_int_equal(p[2], 0xffffffff80000000ull);
    assert_int_equal(p[3], 0xfffffffffffff000ull);
    /* Above 2 GiB, a sign-extended address names the same bytes. */
    uint8_t *high = add_region(ft, 0x80000000, 0x1000, PAGE_READWRITE);
    memcpy(high + 8, raw + 8, 4);
    uint64_t q = 0;
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, 0xFFFFFFFF80000008ull, &q), t);
    assert_int_equal(q, 0xffffffff80000000ull);
    /* The fifth pointer runs off the region: a read fault, the first four stored. */
    uint64_t r[5] = { 0 };
    assert_hr(READ_FAULT, ds_read_pointers_virtual(t, 5, 0x10FF0, r), t);
    assert_int_equal(r[3], 0xfffffffffffff000ull);
    assert_non_null(strstr(ds_error_text(t), "pointer 4 of 5"));
    /* Writes keep the low 32 bits. */
    uint64_t w[2] = { 0xffffffff90000000ull, 0x123456789abcdef0ull };
    assert_hr(S_OK, ds_write_pointers_virtual(t, 2, 0x10100, w), t);
    assert_memory_equal(m + 0x100, "\x00\x00\x00\x90\xf0\xde\xbc\x9a", 8);
    assert_hr(WRITE_FAULT, ds_write_pointers_virtual(t, 2, 0x10FFC, w), t);
    assert_memory_equal(m + 0xFFC, "\x00\x00\x00\x90", 4);  /* what fit stays written */
    assert_hr(S_OK, ds_read_pointers_virtual(t, 0, 0x10000, NULL), t);
    assert_hr(E_INVALIDARG, ds_read_pointers_virtual(t, 1, 0x10000, NULL), t);
    assert_hr(E_INVALIDARG, ds_write_pointers_virtual(t, 1, 0x10000, NULL), t);
}

static void test_pointers_on_8_byte_targets(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x10000, 0x10000, PAGE_READWRITE);
    /* More pointers than one round trip carries. */
    uint32_t n = 5000;
    uint64_t *in = malloc(n * sizeof *in), *out = calloc(n, sizeof *out);
    for (uint32_t i = 0; i < n; i++)
        in[i] = 0x8000000000000000ull + i * 0x10001ull;
    assert_hr(S_OK, ds_write_pointers_virtual(t, n, 0x10000, in), t);
    assert_hr(S_OK, ds_read_pointers_virtual(t, n, 0x10000, out), t);
    assert_memory_equal(in, out, n * sizeof *in);
    assert_memory_equal(m, in, 8);
    free(in);
    free(out);
}

static void test_fill(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *a = add_region(ft, 0x100000, 0x30000, PAGE_READWRITE);
    uint8_t *ro = add_region(ft, 0x130000, 0x1000, PAGE_READONLY);
    add_region(ft, 0x131000, 0x1000, PAGE_NOACCESS);
    uint32_t filled = 0;
    /* A 3-byte pattern over more than one write: its phase never slips. */
    assert_hr(S_OK, ds_fill_virtual(t, 0x100001, 0x20000, "abc", 3, &filled), t);
    assert_int_equal(filled, 0x20000);
    for (uint32_t i = 0; i < 0x20000; i++)
        if (a[1 + i] != "abc"[i % 3])
            fail_msg("byte %u is %c", i, a[1 + i]);
    assert_int_equal(a[0], 0);
    assert_int_equal(a[0x20001], 0);
    /* Through the read-only page (writes go where a debugger's go), stopping
       exactly at the PROT_NONE one. */
    assert_hr(S_OK, ds_fill_virtual(t, 0x12FFF0, 0x3000, "\x11\x22", 2, &filled), t);
    assert_int_equal(filled, 0x1010);
    assert_int_equal(ro[0xFFF], 0x22);
    assert_hr(WRITE_FAULT, ds_fill_virtual(t, 0x131000, 0x10, "z", 1, &filled), t);
    assert_int_equal(filled, 0);
    /* A pattern longer than a write chunk, cut at the end. */
    size_t big = 100000;
    uint8_t *pattern = malloc(big);
    for (size_t i = 0; i < big; i++)
        pattern[i] = (uint8_t)(i * 13);
    assert_hr(S_OK, ds_fill_virtual(t, 0x100000, 0x30000, pattern, (uint32_t)big, &filled), t);
    assert_int_equal(filled, 0x30000);
    assert_memory_equal(a, pattern, big);
    assert_memory_equal(a + big, pattern, 0x30000 - big);
    free(pattern);
    assert_hr(E_INVALIDARG, ds_fill_virtual(t, 0x100000, 16, NULL, 1, &filled), t);
    assert_hr(E_INVALIDARG, ds_fill_virtual(t, 0x100000, 16, "x", 0, &filled), t);
    assert_hr(S_OK, ds_fill_virtual(t, 0x100000, 0, "x", 1, &filled), t);
    assert_int_equal(filled, 0);
    /* A read-only target refuses, with the write rule's sentence. */
    t->read_only = true;
    assert_hr(WRITE_FAULT, ds_fill_virtual(t, 0x100000, 16, "x", 1, &filled), t);
    assert_non_null(strstr(ds_error_text(t), "read-only"));
}

static void test_fill_at_the_top(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *top = add_region(ft, TOP_PAGE, 0x1000, PAGE_READWRITE);
    uint8_t *low = add_region(ft, 0, 0x1000, PAGE_READWRITE);
    uint32_t filled;
    /* Stops at 2^64: never wraps round to address 0. */
    assert_hr(S_OK, ds_fill_virtual(t, UINT64_MAX - 3, 100, "w", 1, &filled), t);
    assert_int_equal(filled, 4);
    assert_int_equal(top[0xFFF], 'w');
    assert_int_equal(low[0], 0);
}

/* ---- physical memory, handles, tagged data, kernel-only ---------------------------- */

static void test_physical_dispatch(void **state)
{
    struct fake_target *ft = new_fake(&full_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x10000, 0x1000, PAGE_READWRITE);
    put(m, 0x20, "physical");
    char buf[16] = { 0 };
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_physical(t, PHYS_BIAS + 0x10020, buf, 8, &got), t);
    assert_int_equal(got, 8);
    assert_memory_equal(buf, "physical", 8);
    assert_hr(S_OK, ds_read_physical2(t, PHYS_BIAS + 0x10FFC, DEBUG_PHYSICAL_UNCACHED, buf, 16,
                                      &got), t);
    assert_int_equal(got, 4);
    assert_hr(E_INVALIDARG, ds_read_physical2(t, PHYS_BIAS, 4, buf, 16, &got), t);
    assert_hr(S_OK, ds_write_physical2(t, PHYS_BIAS + 0x10020, DEBUG_PHYSICAL_WRITE_COMBINED,
                                       "PHYS", 4, &got), t);
    assert_memory_equal(m + 0x20, "PHYSical", 8);
    uint32_t filled;
    assert_hr(S_OK, ds_fill_physical(t, PHYS_BIAS + 0x10FFE, 8, "ab", 2, &filled), t);
    assert_int_equal(filled, 2);
    uint64_t pa = 0;
    assert_hr(S_OK, ds_virtual_to_physical(t, 0x10020, &pa), t);
    assert_int_equal(pa, PHYS_BIAS + 0x10020);
    uint64_t levels_pa[4] = { 0 };
    uint32_t levels = 0;
    assert_hr(S_OK, ds_get_virtual_translation_physical_offsets(t, 0x10020, levels_pa, 4,
                                                                &levels), t);
    assert_int_equal(levels, 3);  /* two paging entries, then the page itself */
    assert_int_equal(levels_pa[0], 0x1000);
    assert_int_equal(levels_pa[2], PHYS_BIAS + 0x10020);
    assert_hr(S_OK, ds_get_virtual_translation_physical_offsets(t, 0x10020, levels_pa, 1,
                                                                &levels), t);
    assert_int_equal(levels, 3);
    assert_hr(S_OK, ds_get_virtual_translation_physical_offsets(t, 0x10020, NULL, 0, &levels),
              t);
    assert_hr(HRESULT_FROM_NT(0xC0000147u), ds_virtual_to_physical(t, 0x50000, &pa), t);
    assert_hr(E_INVALIDARG, ds_virtual_to_physical(t, 0x10020, NULL), t);
    t->read_only = true;
    assert_hr(WRITE_FAULT, ds_write_physical(t, PHYS_BIAS + 0x10020, "x", 1, &got), t);
    ds_close(t);

    /* A target without physical memory says so. */
    ft = new_fake(&copy_ops);
    *state = t = &ft->base;
    assert_hr(E_NOTIMPL, ds_read_physical(t, 0, buf, 4, &got), t);
    assert_non_null(strstr(ds_error_text(t), "physical memory"));
    assert_hr(E_NOTIMPL, ds_write_physical(t, 0, buf, 4, &got), t);
    assert_hr(E_NOTIMPL, ds_fill_physical(t, 0, 4, "x", 1, &filled), t);
    assert_hr(E_NOTIMPL, ds_virtual_to_physical(t, 0, &pa), t);
    assert_hr(E_NOTIMPL, ds_get_virtual_translation_physical_offsets(t, 0, levels_pa, 4,
                                                                     &levels), t);
    assert_hr(E_NOTIMPL, ds_read_handle_data(t, 1, DEBUG_HANDLE_DATA_TYPE_BASIC, buf,
                                             sizeof buf, &got), t);
    assert_hr(E_INVALIDARG, ds_read_handle_data(t, 1, 16, buf, sizeof buf, &got), t);
}

static void test_tagged_data(void **state)
{
    struct fake_target *ft = new_fake(&full_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    ft->tags = 2;
    uint64_t h1, h2;
    GUID tag;
    uint32_t size;
    assert_hr(S_OK, ds_start_enum_tagged(t, &h1), t);
    assert_hr(S_OK, ds_start_enum_tagged(t, &h2), t);
    assert_true(h1 != h2);
    assert_hr(S_OK, ds_get_next_tagged(t, h1, &tag, &size), t);
    assert_int_equal(tag.Data1, 0x12345678);
    assert_int_equal(size, 10);
    assert_hr(S_OK, ds_get_next_tagged(t, h1, &tag, &size), t);
    assert_int_equal(size, 20);
    assert_hr(S_FALSE, ds_get_next_tagged(t, h1, &tag, &size), t);
    assert_int_equal(size, 0);
    assert_hr(S_OK, ds_get_next_tagged(t, h2, &tag, &size), t);  /* independent */
    assert_int_equal(size, 10);
    uint8_t data[8];
    uint32_t total;
    tag.Data1 = 0x12345679;
    assert_hr(S_OK, ds_read_tagged(t, &tag, 3, data, sizeof data, &total), t);
    assert_int_equal(total, 20);
    assert_int_equal(data[0], 3);
    assert_hr(S_OK, ds_end_enum_tagged(t, h1), t);
    assert_hr(E_INVALIDARG, ds_end_enum_tagged(t, h1), t);
    assert_hr(E_INVALIDARG, ds_get_next_tagged(t, h1, &tag, &size), t);
    assert_hr(E_INVALIDARG, ds_get_next_tagged(t, h2, NULL, &size), t);
    /* One left open: forgotten with its target. */
    assert_hr(S_OK, ds_start_enum_tagged(t, &h1), t);
    ds_tagged_forget(t);
    assert_hr(E_INVALIDARG, ds_get_next_tagged(t, h1, &tag, &size), t);
    assert_hr(E_INVALIDARG, ds_get_next_tagged(t, h2, &tag, &size), t);
    ds_close(t);

    /* No tagged data: an empty enumeration and no tag to read. */
    ft = new_fake(&copy_ops);
    *state = t = &ft->base;
    assert_hr(S_OK, ds_start_enum_tagged(t, &h1), t);
    assert_hr(S_FALSE, ds_get_next_tagged(t, h1, &tag, &size), t);
    assert_hr(S_OK, ds_end_enum_tagged(t, h1), t);
    assert_hr(E_NOINTERFACE, ds_read_tagged(t, &fake_tag, 0, data, sizeof data, &total), t);
    assert_non_null(strstr(ds_error_text(t), "12345678-9abc-def0-0102-030405060708"));
    assert_hr(E_INVALIDARG, ds_read_tagged(t, NULL, 0, data, sizeof data, &total), t);
    assert_hr(E_INVALIDARG, ds_start_enum_tagged(t, NULL), t);
}

static void test_kernel_only_methods(void **state)
{
    struct fake_target *ft = new_fake(&full_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t buf[8];
    uint32_t n = 99;
    uint64_t v = 99;
    assert_hr(E_NOTIMPL, ds_read_control(t, 0, 0, buf, 8, &n), t);
    assert_int_equal(n, 0);
    assert_non_null(strstr(ds_error_text(t), "ReadControl"));
    assert_hr(E_NOTIMPL, ds_write_control(t, 0, 0, buf, 8, &n), t);
    assert_hr(E_NOTIMPL, ds_read_io(t, 1, 0, 1, 0x60, buf, 1, &n), t);
    assert_hr(E_NOTIMPL, ds_write_io(t, 1, 0, 1, 0x60, buf, 1, &n), t);
    assert_hr(E_NOTIMPL, ds_read_msr(t, 0xC0000080, &v), t);
    assert_int_equal(v, 0);
    assert_non_null(strstr(ds_error_text(t), "model-specific"));
    assert_hr(E_NOTIMPL, ds_write_msr(t, 0xC0000080, 1), t);
    assert_hr(E_NOTIMPL, ds_read_bus_data(t, 4, 0, 0, 0, buf, 8, &n), t);
    assert_hr(E_NOTIMPL, ds_write_bus_data(t, 4, 0, 0, 0, buf, 8, &n), t);
    assert_hr(E_NOTIMPL, ds_check_low_memory(t), t);
    assert_hr(E_NOTIMPL, ds_read_debugger_data(t, 0, buf, 8, &n), t);
    assert_hr(E_NOTIMPL, ds_read_processor_system_data(t, 0, 0, buf, 8, &n), t);
    assert_hr(E_INVALIDARG, ds_check_low_memory(NULL), NULL);
}

/* ---- ReadImageNtHeaders --------------------------------------------------------------- */

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* A PE header at m: e_lfanew 0x80, machine, optional header of `opt` bytes. */
static uint8_t *put_pe(uint8_t *m, uint16_t machine, uint16_t magic, uint16_t opt)
{
    put16(m, 0x5A4D);
    put32(m + 0x3C, 0x80);
    uint8_t *nt = m + 0x80;
    put32(nt, 0x4550);
    put16(nt + 4, machine);
    put16(nt + 6, 3);            /* NumberOfSections */
    put32(nt + 8, 0x5f000000);   /* TimeDateStamp */
    put16(nt + 20, opt);
    put16(nt + 22, 0x2022);      /* Characteristics */
    uint8_t *o = nt + 24;
    put16(o, magic);
    return o;
}

static void test_nt_headers(void **state)
{
    struct fake_target *ft = new_fake(&copy_ops);
    *state = &ft->base;
    ds_target *t = &ft->base;
    uint8_t *m = add_region(ft, 0x400000, 0x1000, PAGE_READONLY);
    uint8_t *o = put_pe(m, IMAGE_FILE_MACHINE_I386, 0x10b, 224);
    put32(o + 16, 0x1234);       /* AddressOfEntryPoint */
    put32(o + 24, 0xdead);       /* BaseOfData: dropped */
    put32(o + 28, 0x400000);     /* ImageBase */
    put32(o + 56, 0x9000);       /* SizeOfImage */
    put16(o + 68, 3);            /* Subsystem */
    put32(o + 72, 0x100000);     /* SizeOfStackReserve */
    put32(o + 76, 0x1000);
    put32(o + 80, 0x200000);
    put32(o + 84, 0x2000);
    put32(o + 92, 16);           /* NumberOfRvaAndSizes */
    put32(o + 96 + 8 * 1, 0x5000);   /* import directory */
    put32(o + 96 + 8 * 1 + 4, 0x80);
    put32(o + 96 + 8 * 15, 0x7777);
    IMAGE_NT_HEADERS64 h;
    assert_hr(S_OK, ds_read_image_nt_headers(t, 0x400000, &h), t);
    assert_int_equal(h.Signature, IMAGE_NT_SIGNATURE);
    assert_int_equal(h.FileHeader.Machine, IMAGE_FILE_MACHINE_I386);
    assert_int_equal(h.FileHeader.NumberOfSections, 3);
    assert_int_equal(h.FileHeader.SizeOfOptionalHeader, 224);
    assert_int_equal(h.OptionalHeader.Magic, 0x10b);
    assert_int_equal(h.OptionalHeader.AddressOfEntryPoint, 0x1234);
    assert_int_equal(h.OptionalHeader.ImageBase, 0x400000);
    assert_int_equal(h.OptionalHeader.SizeOfImage, 0x9000);
    assert_int_equal(h.OptionalHeader.Subsystem, 3);
    assert_int_equal(h.OptionalHeader.SizeOfStackReserve, 0x100000);
    assert_int_equal(h.OptionalHeader.SizeOfHeapCommit, 0x2000);
    assert_int_equal(h.OptionalHeader.NumberOfRvaAndSizes, 16);
    assert_int_equal(h.OptionalHeader.DataDirectory[1].VirtualAddress, 0x5000);
    assert_int_equal(h.OptionalHeader.DataDirectory[1].Size, 0x80);
    assert_int_equal(h.OptionalHeader.DataDirectory[15].VirtualAddress, 0x7777);

    /* PE32+ with fewer data directories than 16: the rest are zero. */
    memset(m, 0, 0x1000);
    o = put_pe(m, IMAGE_FILE_MACHINE_AMD64, 0x20b, 112 + 2 * 8);
    put32(o + 24, 0x40000000);
    put32(o + 28, 0x1);          /* ImageBase 0x1'40000000 */
    put32(o + 72, 0x300000);     /* SizeOfStackReserve (8 bytes) */
    put32(o + 108, 2);
    put32(o + 112 + 8, 0x6000);
    put32(o + 112 + 16, 0x9999); /* beyond SizeOfOptionalHeader: ignored */
    assert_hr(S_OK, ds_read_image_nt_headers(t, 0x400000, &h), t);
    assert_int_equal(h.OptionalHeader.Magic, 0x20b);
    assert_int_equal(h.OptionalHeader.ImageBase, 0x140000000ull);
    assert_int_equal(h.OptionalHeader.SizeOfStackReserve, 0x300000);
    assert_int_equal(h.OptionalHeader.DataDirectory[1].VirtualAddress, 0x6000);
    assert_int_equal(h.OptionalHeader.DataDirectory[2].VirtualAddress, 0);

    /* What is not an image. */
    put16(o, 0x10c);
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, 0x400000, &h), t);
    assert_non_null(strstr(ds_error_text(t), "0x10c"));
    put16(o, 0x20b);
    put16(m + 0x80 + 20, 100);   /* shorter than the fixed fields */
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, 0x400000, &h), t);
    m[0x81] = 'X';
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, 0x400000, &h), t);
    assert_non_null(strstr(ds_error_text(t), "signature"));
    put32(m + 0x3C, 0x7FFFFFFF);
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, 0x400000, &h), t);
    put32(m + 0x3C, 0xFF0);      /* NT headers cut by the end of memory */
    assert_hr(READ_FAULT, ds_read_image_nt_headers(t, 0x400000, &h), t);
    m[0] = 'Z';
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, 0x400000, &h), t);
    assert_non_null(strstr(ds_error_text(t), "MZ"));
    assert_hr(READ_FAULT, ds_read_image_nt_headers(t, 0x900000, &h), t);
    assert_hr(E_INVALIDARG, ds_read_image_nt_headers(t, 0x400000, NULL), t);
}

/* ds_ranges_alias: which overlaps make two addresses share a byte. */
static void test_ranges_alias(void **state)
{
    (void)state;
    struct ds_backing_range v[4];
    /* Disjoint, and merely touching. */
    v[0] = (struct ds_backing_range){ 0, 0, 0x100, 0x200, true };
    v[1] = (struct ds_backing_range){ 0, 0, 0x0, 0x100, true };
    assert_false(ds_ranges_alias(v, 2));
    /* One byte in common, in either order. */
    v[0] = (struct ds_backing_range){ 0, 0, 0x0, 0x101, true };
    v[1] = (struct ds_backing_range){ 0, 0, 0x100, 0x200, true };
    assert_true(ds_ranges_alias(v, 2));
    /* The same offsets of two different files. */
    v[0] = (struct ds_backing_range){ 8, 1, 0x0, 0x1000, true };
    v[1] = (struct ds_backing_range){ 8, 2, 0x0, 0x1000, true };
    assert_false(ds_ranges_alias(v, 2));
    /* Two private mappings of one file: a write makes a private copy. */
    v[0] = (struct ds_backing_range){ 8, 1, 0x0, 0x1000, false };
    v[1] = (struct ds_backing_range){ 8, 1, 0x0, 0x1000, false };
    assert_false(ds_ranges_alias(v, 2));
    /* ... and one shared among them, even behind a long private one. */
    v[0] = (struct ds_backing_range){ 8, 1, 0x0, 0x10000, false };
    v[1] = (struct ds_backing_range){ 8, 1, 0x1000, 0x2000, false };
    v[2] = (struct ds_backing_range){ 8, 1, 0x8000, 0x9000, true };
    v[3] = (struct ds_backing_range){ 9, 1, 0x8000, 0x9000, true };
    assert_true(ds_ranges_alias(v, 4));
    /* Empty ranges overlap nothing. */
    v[0] = (struct ds_backing_range){ 0, 0, 0x100, 0x100, true };
    v[1] = (struct ds_backing_range){ 0, 0, 0x0, 0x200, true };
    assert_false(ds_ranges_alias(v, 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges_alias),
        cmocka_unit_test_teardown(test_search_arguments, teardown_fake),
        cmocka_unit_test_teardown(test_search_reads_big_chunks_and_straddles_them,
                                  teardown_fake),
        cmocka_unit_test_teardown(test_search_straddles_runs_and_regions, teardown_fake),
        cmocka_unit_test_teardown(test_search_skips_holes_and_unreadable, teardown_fake),
        cmocka_unit_test_teardown(test_search_granularity_counts_from_offset, teardown_fake),
        cmocka_unit_test_teardown(test_search_writable_only, teardown_fake),
        cmocka_unit_test_teardown(test_search_at_the_top_of_the_address_space, teardown_fake),
        cmocka_unit_test_teardown(test_search_needs_a_map, teardown_fake),
        cmocka_unit_test(test_find_pattern_agrees_with_memmem),
        cmocka_unit_test(test_find_pattern_every_place_near_the_end),
        cmocka_unit_test_teardown(test_valid_regions, teardown_fake),
        cmocka_unit_test_teardown(test_offset_information, teardown_fake),
        cmocka_unit_test_teardown(test_strings_read_in_chunks, teardown_fake),
        cmocka_unit_test_teardown(test_strings_edges, teardown_fake),
        cmocka_unit_test_teardown(test_unicode_strings, teardown_fake),
        cmocka_unit_test_teardown(test_multibyte_to_wide, teardown_fake),
        cmocka_unit_test_teardown(test_pointers_on_4_byte_targets, teardown_fake),
        cmocka_unit_test_teardown(test_pointers_on_8_byte_targets, teardown_fake),
        cmocka_unit_test_teardown(test_fill, teardown_fake),
        cmocka_unit_test_teardown(test_fill_at_the_top, teardown_fake),
        cmocka_unit_test_teardown(test_physical_dispatch, teardown_fake),
        cmocka_unit_test_teardown(test_tagged_data, teardown_fake),
        cmocka_unit_test_teardown(test_kernel_only_methods, teardown_fake),
        cmocka_unit_test_teardown(test_nt_headers, teardown_fake),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
