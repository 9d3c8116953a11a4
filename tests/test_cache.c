/*
 * test_cache.c — the page cache over a fake page-granular backend that
 * counts its calls: hits cost no backend call, a miss fills its cluster
 * with one call, unreadable pages are remembered and never hide readable
 * neighbours, eviction keeps every answer right, writes stay coherent.
 * A second flavour of the fake describes its readable runs (as a live
 * process's maps do): misses in one run widen the readahead, which never
 * leaves the run nor outgrows the cache.
 */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>

#include "target.h"

#define BASE 0x10000000ull
#define PAGES 256
#define PAGE 4096u
#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)

#define MAX_LOGGED 512

struct fake {
    struct ds_target base;
    uint8_t mem[PAGES * PAGE];
    bool unreadable[PAGES];
    int reads;
    int run_queries;               /* next_readable calls */
    struct { uint64_t addr, size; } log[MAX_LOGGED]; /* the first reads */
};

static struct fake *fk(ds_target *t) { return (struct fake *)t; }

static bool readable(struct fake *f, uint64_t a)
{
    return a >= BASE && a < BASE + PAGES * PAGE && !f->unreadable[(a - BASE) / PAGE];
}

static HRESULT fake_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct fake *f = fk(t);
    if (f->reads < MAX_LOGGED) {
        f->log[f->reads].addr = addr;
        f->log[f->reads].size = size;
    }
    f->reads++;
    while (*done < size && readable(f, addr + *done)) {
        ((uint8_t *)buf)[*done] = f->mem[addr + *done - BASE];
        (*done)++;
    }
    return *done ? S_OK : ds_fail(t, READ_FAULT, "fake: 0x%llx unreadable", (unsigned long long)addr);
}

static HRESULT fake_write(ds_target *t, uint64_t addr, const void *buf, size_t size, size_t *done)
{
    struct fake *f = fk(t);
    while (*done < size && readable(f, addr + *done)) {
        f->mem[addr + *done - BASE] = ((const uint8_t *)buf)[*done];
        (*done)++;
    }
    return *done ? S_OK : ds_fail(t, HRESULT_FROM_WIN32(ERROR_WRITE_FAULT), "fake: unwritable");
}

static void fake_close(ds_target *t)
{
    ds_target_release(t);
    free(t);
}

/* As live's next_readable: the first readable run at or above addr,
   starting at addr when addr is inside it. */
static HRESULT fake_next_readable(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size)
{
    struct fake *f = fk(t);
    f->run_queries++;
    uint64_t a = addr < BASE ? BASE : addr;
    while (a < BASE + PAGES * PAGE && !readable(f, a))
        a = (a & ~(uint64_t)(PAGE - 1)) + PAGE;
    if (a >= BASE + PAGES * PAGE)
        return S_FALSE;
    uint64_t end = (a & ~(uint64_t)(PAGE - 1)) + PAGE;
    while (end < BASE + PAGES * PAGE && readable(f, end))
        end += PAGE;
    *start = a;
    *size = end - a;
    return S_OK;
}

static const struct ds_backend_ops fake_ops = {
    .version = DS_BACKEND_OPS_VERSION,
    .name = "fake",
    .read = fake_read,
    .close = fake_close,
    .write = fake_write,
};

static const struct ds_backend_ops fake_ops_with_runs = {
    .version = DS_BACKEND_OPS_VERSION,
    .name = "fake",
    .read = fake_read,
    .close = fake_close,
    .write = fake_write,
    .next_readable = fake_next_readable,
};

static struct fake *new_fake_of(uint64_t cache_bytes, const struct ds_backend_ops *ops)
{
    struct fake *f = calloc(1, sizeof *f);
    ds_target_init(&f->base, ops);
    f->base.cache.page_granular = true;
    for (size_t i = 0; i < sizeof f->mem; i++)
        f->mem[i] = (uint8_t)(i * 131 + (i >> 12));
    assert_hr(S_OK, ds_cache_set_size(&f->base, cache_bytes), &f->base);
    return f;
}

/* A fake that cannot describe its memory: the cache reads aligned
   clusters and no further. */
static struct fake *new_fake(uint64_t cache_bytes)
{
    return new_fake_of(cache_bytes, &fake_ops);
}

/* A fake that tells its readable runs, as a live process does. */
static struct fake *new_mapped_fake(uint64_t cache_bytes)
{
    return new_fake_of(cache_bytes, &fake_ops_with_runs);
}

static uint64_t page_addr(int page) { return BASE + (uint64_t)page * PAGE; }

/* Reads one byte of page (plus off) and checks it; returns the backend
   reads the call made. */
static int read_page(struct fake *f, int page, uint32_t off)
{
    int before = f->reads;
    uint8_t b = 0;
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(&f->base, page_addr(page) + off, &b, 1, &got), &f->base);
    assert_int_equal(got, 1);
    assert_int_equal(b, f->mem[(size_t)page * PAGE + off]);
    return f->reads - before;
}

static void test_hit_costs_no_backend_call(void **state)
{
    (void)state;
    struct fake *f = new_fake(1 << 20);
    uint64_t v;
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE + 8, &v, 8, NULL), &f->base);
    assert_int_equal(f->reads, 1);
    for (int i = 0; i < 1000; i++)
        assert_hr(S_OK, ds_read_virtual(&f->base, BASE + (uint64_t)(i % 512) * 8, &v, 8, NULL),
                  &f->base);
    assert_int_equal(f->reads, 1);
    ds_close(&f->base);
}

static void test_miss_fills_its_cluster_in_one_call(void **state)
{
    (void)state;
    struct fake *f = new_fake(1 << 20);
    uint8_t b;
    /* Line 11 of cluster 8..15: one call brings the whole cluster. */
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE + 11 * PAGE, &b, 1, NULL), &f->base);
    assert_int_equal(f->reads, 1);
    for (int line = 8; line < 16; line++)
        assert_hr(S_OK, ds_read_virtual(&f->base, BASE + (uint64_t)line * PAGE + 5, &b, 1, NULL),
                  &f->base);
    assert_int_equal(f->reads, 1);
    /* Line 7 belongs to the cluster below. */
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE + 7 * PAGE, &b, 1, NULL), &f->base);
    assert_int_equal(f->reads, 2);
    ds_close(&f->base);
}

static void test_unreadable_neighbour_does_not_hide_a_line(void **state)
{
    (void)state;
    struct fake *f = new_fake(1 << 20);
    f->unreadable[16] = true; /* first line of cluster 16..23 */
    f->unreadable[21] = true;
    uint8_t b[2];
    uint32_t got;
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE + 18 * PAGE, b, 1, &got), &f->base);
    assert_int_equal(b[0], f->mem[18 * PAGE]);
    assert_hr(READ_FAULT, ds_read_virtual(&f->base, BASE + 16 * PAGE, b, 1, NULL), &f->base);
    int before = f->reads;
    assert_hr(READ_FAULT, ds_read_virtual(&f->base, BASE + 16 * PAGE + 9, b, 1, NULL), &f->base);
    assert_int_equal(f->reads, before); /* remembered */
    /* A read running into the unreadable line stops exactly there. */
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE + 21 * PAGE - 1, b, 2, &got), &f->base);
    assert_int_equal(got, 1);
    ds_close(&f->base);
}

static void test_eviction_keeps_answers_right(void **state)
{
    (void)state;
    /* 12 lines for 256 pages: constant eviction, clusters wider than
       what is left before the end of the store. */
    struct fake *f = new_fake(12 * PAGE);
    f->unreadable[40] = f->unreadable[41] = f->unreadable[200] = true;
    uint64_t seed = 42;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t off = (seed >> 20) % (PAGES * PAGE);
        uint32_t size = (uint32_t)((seed >> 50) % 64) + 1;
        uint8_t buf[64];
        uint32_t got = 0;
        HRESULT hr = ds_read_virtual(&f->base, BASE + off, buf, size, &got);
        /* The truth: the readable prefix of the fake memory. */
        uint32_t want = 0;
        while (want < size && off + want < PAGES * PAGE && !f->unreadable[(off + want) / PAGE])
            want++;
        assert_int_equal(got, want);
        assert_hr(want ? S_OK : READ_FAULT, hr, &f->base);
        assert_memory_equal(buf, f->mem + off, got);
        assert_true(f->base.cache.used <= f->base.cache.nlines);
        if (i % 97 == 0) { /* writes go through and stay coherent */
            uint8_t w = (uint8_t)i;
            uint32_t wrote = 0;
            ds_write_virtual(&f->base, BASE + off, &w, 1, &wrote);
            assert_int_equal(wrote, want ? 1 : 0);
        }
    }
    ds_close(&f->base);
}

static void test_flush_and_resize(void **state)
{
    (void)state;
    struct fake *f = new_fake(1 << 20);
    uint8_t b;
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE, &b, 1, NULL), &f->base);
    f->mem[0] ^= 0xFF; /* the target changes behind the cache */
    uint8_t c;
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE, &c, 1, NULL), &f->base);
    assert_int_equal(c, b); /* stale until flushed, as documented */
    assert_hr(S_OK, ds_cache_flush(&f->base), &f->base);
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE, &c, 1, NULL), &f->base);
    assert_int_equal(c, (uint8_t)(b ^ 0xFF));
    assert_hr(S_OK, ds_cache_set_size(&f->base, 0), &f->base);
    assert_int_equal(ds_cache_get_size(&f->base), 0);
    int before = f->reads;
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE, &c, 1, NULL), &f->base);
    assert_int_equal(f->reads, before + 1); /* off: straight to the backend */
    ds_close(&f->base);
}

/* Every read of more than the one line asked for lay in readable memory. */
static void reads_stayed_readable(struct fake *f)
{
    for (int i = 0; i < f->reads && i < MAX_LOGGED; i++)
        for (uint64_t a = f->log[i].addr; f->log[i].size > PAGE &&
             a < f->log[i].addr + f->log[i].size; a += PAGE)
            if (!readable(f, a))
                fail_msg("read %d (0x%llx, %llu bytes) reaches unreadable 0x%llx", i,
                         (unsigned long long)f->log[i].addr,
                         (unsigned long long)f->log[i].size, (unsigned long long)a);
}

static void assert_read(struct fake *f, int i, int first_page, int pages)
{
    assert_true(i < f->reads);
    assert_int_equal(f->log[i].addr, page_addr(first_page));
    assert_int_equal(f->log[i].size, (uint64_t)pages * PAGE);
}

static void test_readahead_widens_while_misses_stay_in_one_mapping(void **state)
{
    (void)state;
    struct fake *f = new_mapped_fake(1 << 20); /* 256 lines: window up to 64 */
    /* One run of 256 pages. Each miss in it doubles the aligned window. */
    assert_int_equal(read_page(f, 100, 3), 1);
    assert_read(f, 0, 96, 8);
    assert_int_equal(read_page(f, 200, 0), 1);
    assert_read(f, 1, 192, 16);
    assert_int_equal(read_page(f, 5, 4095), 1);
    assert_read(f, 2, 0, 32);
    assert_int_equal(read_page(f, 130, 7), 1);
    assert_read(f, 3, 128, 64);
    /* Everything read ahead is served without the backend (and, being
       used, keeps the window wide). */
    for (int p = 0; p < 32; p++)
        assert_int_equal(read_page(f, p, 9), 0);
    for (int p = 96; p < 104; p++)
        assert_int_equal(read_page(f, p, 9), 0);
    for (int p = 128; p < 208; p++)
        assert_int_equal(read_page(f, p, 9), 0);
    /* At the widest, the window still fills only the absent lines around
       the miss: 64..95, up to the lines 96..103 read first. */
    assert_int_equal(read_page(f, 70, 1), 1);
    assert_read(f, 4, 64, 32);
    /* The run was asked for once: later misses landed inside it. */
    assert_int_equal(f->run_queries, 1);
    /* A flush forgets the window: the next miss starts at a cluster. */
    ds_cache_flush(&f->base);
    assert_int_equal(read_page(f, 100, 0), 1);
    assert_read(f, 5, 96, 8);
    reads_stayed_readable(f);
    ds_close(&f->base);
}

static void test_readahead_stays_inside_the_readable_run(void **state)
{
    (void)state;
    struct fake *f = new_mapped_fake(1 << 20);
    /* Two mappings, [0, 20) and [24, 256), with a hole between. */
    for (int p = 20; p < 24; p++)
        f->unreadable[p] = true;
    assert_int_equal(read_page(f, 2, 0), 1);
    assert_read(f, 0, 0, 8);
    assert_int_equal(read_page(f, 9, 0), 1);
    assert_read(f, 1, 8, 8);
    /* The window (32) reaches past the mapping: the read stops at its end,
       so the line asked for comes in the one read. */
    assert_int_equal(read_page(f, 17, 0), 1);
    assert_read(f, 2, 16, 4);
    assert_int_equal(read_page(f, 19, 4095), 0);
    /* The hole's pages fail one by one, each remembered for itself only. */
    uint8_t b[2];
    uint32_t got = 0;
    /* A first fault costs two reads: the line's, then one at the address
       itself, so that the sentence is the backend's (docs/api.md). */
    assert_hr(READ_FAULT, ds_read_virtual(&f->base, page_addr(20), b, 1, NULL), &f->base);
    assert_int_equal(f->reads, 5);
    assert_read(f, 3, 20, 1);
    assert_hr(READ_FAULT, ds_read_virtual(&f->base, page_addr(20) + 5, b, 1, NULL), &f->base);
    assert_int_equal(f->reads, 5); /* remembered */
    assert_hr(READ_FAULT, ds_read_virtual(&f->base, page_addr(22), b, 1, NULL), &f->base);
    assert_int_equal(f->reads, 7); /* not remembered from page 20 */
    assert_hr(S_OK, ds_read_virtual(&f->base, page_addr(20) - 1, b, 2, &got), &f->base);
    assert_int_equal(got, 1);
    /* The next mapping starts again at one cluster. */
    assert_int_equal(read_page(f, 25, 0), 1);
    assert_read(f, 7, 24, 8);
    reads_stayed_readable(f);
    ds_close(&f->base);
}

static void test_readahead_is_bounded_by_the_cache(void **state)
{
    (void)state;
    /* 64 lines: no window wider than a quarter of them. */
    struct fake *f = new_mapped_fake(64 * PAGE);
    assert_int_equal(read_page(f, 0, 0), 1);
    assert_read(f, 0, 0, 8);
    assert_int_equal(read_page(f, 32, 0), 1);
    assert_read(f, 1, 32, 16);
    /* What was read ahead is used, so the window may widen on. */
    for (int p = 0; p < 8; p++)
        assert_int_equal(read_page(f, p, 0), 0);
    for (int p = 32; p < 48; p++)
        assert_int_equal(read_page(f, p, 0), 0);
    assert_int_equal(read_page(f, 64, 0), 1);
    assert_read(f, 2, 64, 16);
    /* Misses all over the run, with eviction: every answer right, no read
       wider than 16 lines, never more lines than the cache has. */
    uint64_t seed = 7;
    for (int i = 0; i < 3000; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        read_page(f, (int)((seed >> 33) % PAGES), (uint32_t)(seed >> 20) % PAGE);
        assert_true(f->base.cache.used <= f->base.cache.nlines);
    }
    for (int i = 0; i < f->reads && i < MAX_LOGGED; i++)
        assert_true(f->log[i].size <= 16 * PAGE);
    reads_stayed_readable(f);
    ds_close(&f->base);
}

static void test_readahead_narrows_while_it_goes_unused(void **state)
{
    (void)state;
    /* 256 lines: at most 64 read ahead and unused before the window falls
       back to one cluster. */
    struct fake *f = new_mapped_fake(1 << 20);
    assert_int_equal(read_page(f, 0, 0), 1);
    assert_read(f, 0, 0, 8);      /* 7 lines unused */
    assert_int_equal(read_page(f, 64, 0), 1);
    assert_read(f, 1, 64, 16);    /* 22 */
    assert_int_equal(read_page(f, 128, 0), 1);
    assert_read(f, 2, 128, 32);   /* 53 */
    assert_int_equal(read_page(f, 192, 0), 1);
    assert_read(f, 3, 192, 64);   /* 116: too many */
    /* Misses scattered over a mapping nothing comes back to: one cluster. */
    assert_int_equal(read_page(f, 100, 0), 1);
    assert_read(f, 4, 96, 8);
    assert_int_equal(read_page(f, 40, 0), 1);
    assert_read(f, 5, 40, 8);
    /* Once what was read ahead is used, the window widens again. */
    for (int p = 192; p < 256; p++)
        assert_int_equal(read_page(f, p, 1), 0);
    for (int p = 128; p < 160; p++)
        assert_int_equal(read_page(f, p, 1), 0);
    assert_int_equal(read_page(f, 176, 0), 1);
    assert_read(f, 6, 176, 16);
    reads_stayed_readable(f);
    ds_close(&f->base);
}

/* The hit path copies small sizes without memcpy: every size and offset
   gives the right bytes and writes nothing past the size asked for. */
static void test_hits_copy_every_size_exactly(void **state)
{
    (void)state;
    struct fake *f = new_mapped_fake(1 << 20);
    uint8_t out[PAGE + 32];
    static const uint32_t offs[] = { 0, 1, 7, 8, 15, 63, 64, 1000, 4031, 4032, 4088, 4095 };
    for (size_t o = 0; o < sizeof offs / sizeof *offs; o++) {
        for (uint32_t size = 0; size <= PAGE; size = size < 130 ? size + 1 : size * 2 + 1) {
            uint64_t off = 3 * PAGE + offs[o];
            memset(out, 0xA5, sizeof out);
            uint32_t got = 0;
            assert_hr(S_OK, ds_read_virtual(&f->base, BASE + off, out, size, &got), &f->base);
            assert_int_equal(got, size);
            assert_memory_equal(out, f->mem + off, size);
            for (size_t k = size; k < size + 32; k++)
                assert_int_equal(out[k], 0xA5);
        }
    }
    ds_close(&f->base);
}

/* The line hit last is a shortcut that must not outlive the line. */
static void test_last_hit_forgotten_with_its_line(void **state)
{
    (void)state;
    struct fake *f = new_fake(16 * PAGE);
    uint8_t b;
    assert_int_equal(read_page(f, 0, 10), 1);
    assert_int_equal(read_page(f, 0, 11), 0);
    /* After a flush another page takes the same store line first. */
    ds_cache_flush(&f->base);
    f->mem[10] ^= 0x5A;
    assert_int_equal(read_page(f, 100, 10), 1);
    assert_int_equal(read_page(f, 0, 10), 1);
    /* Evicted by misses elsewhere, then refilled. */
    assert_hr(S_OK, ds_read_virtual(&f->base, BASE + 10, &b, 1, NULL), &f->base);
    for (int p = 16; p < 16 + 64; p += 8)
        read_page(f, p, 0);
    f->mem[10] ^= 0x33;
    assert_int_equal(read_page(f, 0, 10), 1);
    ds_close(&f->base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_costs_no_backend_call),
        cmocka_unit_test(test_miss_fills_its_cluster_in_one_call),
        cmocka_unit_test(test_unreadable_neighbour_does_not_hide_a_line),
        cmocka_unit_test(test_eviction_keeps_answers_right),
        cmocka_unit_test(test_flush_and_resize),
        cmocka_unit_test(test_readahead_widens_while_misses_stay_in_one_mapping),
        cmocka_unit_test(test_readahead_stays_inside_the_readable_run),
        cmocka_unit_test(test_readahead_is_bounded_by_the_cache),
        cmocka_unit_test(test_readahead_narrows_while_it_goes_unused),
        cmocka_unit_test(test_hits_copy_every_size_exactly),
        cmocka_unit_test(test_last_hit_forgotten_with_its_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
