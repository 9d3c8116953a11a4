/*
 * test_cache.c — the page cache over a fake page-granular backend that
 * counts its calls: hits cost no backend call, a miss fills its cluster
 * with one call, unreadable pages are remembered and never hide readable
 * neighbours, eviction keeps every answer right, writes stay coherent.
 */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>

#include "target.h"

#define BASE 0x10000000ull
#define PAGES 256
#define PAGE 4096u
#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)

struct fake {
    struct ds_target base;
    uint8_t mem[PAGES * PAGE];
    bool unreadable[PAGES];
    int reads;
};

static struct fake *fk(ds_target *t) { return (struct fake *)t; }

static bool readable(struct fake *f, uint64_t a)
{
    return a >= BASE && a < BASE + PAGES * PAGE && !f->unreadable[(a - BASE) / PAGE];
}

static HRESULT fake_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct fake *f = fk(t);
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

static const struct ds_backend_ops fake_ops = {
    .version = DS_BACKEND_OPS_VERSION,
    .name = "fake",
    .read = fake_read,
    .close = fake_close,
    .write = fake_write,
};

static struct fake *new_fake(uint64_t cache_bytes)
{
    struct fake *f = calloc(1, sizeof *f);
    ds_target_init(&f->base, &fake_ops);
    f->base.cache.page_granular = true;
    for (size_t i = 0; i < sizeof f->mem; i++)
        f->mem[i] = (uint8_t)(i * 131 + (i >> 12));
    assert_hr(S_OK, ds_cache_set_size(&f->base, cache_bytes), &f->base);
    return f;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_costs_no_backend_call),
        cmocka_unit_test(test_miss_fills_its_cluster_in_one_call),
        cmocka_unit_test(test_unreadable_neighbour_does_not_hide_a_line),
        cmocka_unit_test(test_eviction_keeps_answers_right),
        cmocka_unit_test(test_flush_and_resize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
