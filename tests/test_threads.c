/*
 * test_threads.c — several threads calling one target at once: the calls
 * are serialized (target.h's DS_REQUIRE_TARGET), so none hangs, every
 * answer is right and the cache stays whole, with its lines evicted and
 * flushed under the others' feet (tests/helpers/layout.c).
 *
 * Also run under ThreadSanitizer by hand (docs/api.md says how).
 */
#include "testlib.h"
#include "target.h" /* DS_REQUIRE_TARGET, for a call nested in another */

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 3000
#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define NOT_FOUND HRESULT_FROM_NT(0x8000001AL) /* STATUS_NO_MORE_ENTRIES */

struct shared {
    ds_target *t;
    uint64_t guard, edge, hello, page;
    pthread_barrier_t start;
};

struct worker {
    struct shared *s;
    unsigned id;
    unsigned errors; /* wrong answers seen (asserting off the main thread is not safe) */
    char first_error[256];
};

static void wrong(struct worker *w, const char *what, HRESULT hr, uint64_t at)
{
    if (w->errors++ == 0)
        snprintf(w->first_error, sizeof w->first_error,
                 "thread %u: %s at 0x%llx: HRESULT 0x%08x", w->id, what,
                 (unsigned long long)at, (unsigned)hr);
}

/* The layout helper's guard area: bytes (i * 7) & 255, its middle page
   PROT_NONE. */
static void check_guard_read(struct worker *w, uint64_t off, bool cached)
{
    struct shared *s = w->s;
    unsigned char buf[64];
    uint32_t got = 0;
    uint64_t at = s->guard + off;
    HRESULT hr = cached ? ds_read_virtual(s->t, at, buf, sizeof buf, &got)
                        : ds_read_virtual_uncached(s->t, at, buf, sizeof buf, &got);
    bool in_none = off >= s->page && off < 2 * s->page;
    if (in_none) {
        if (hr != READ_FAULT || got != 0)
            wrong(w, "read of the PROT_NONE page", hr, at);
        return;
    }
    /* Reads may stop short at the PROT_NONE page. */
    uint32_t want = off < s->page && off + sizeof buf > s->page ? (uint32_t)(s->page - off)
                                                                : (uint32_t)sizeof buf;
    if (hr != S_OK || got != want) {
        wrong(w, "read", hr, at);
        return;
    }
    for (uint32_t i = 0; i < got; i++)
        if (buf[i] != (unsigned char)((off + i) * 7)) {
            wrong(w, "byte read back", hr, at + i);
            return;
        }
}

static void *hammer(void *arg)
{
    struct worker *w = arg;
    struct shared *s = w->s;
    pthread_barrier_wait(&s->start);
    uint64_t x = 0x9E3779B97F4A7C15ull * (w->id + 1);
    for (unsigned r = 0; r < ROUNDS; r++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift: which call, where */
        uint64_t off = x % (3 * s->page - 64);
        switch (x >> 60) {
        case 0: case 1: case 2: case 3: case 4: case 5: case 6:
            check_guard_read(w, off, true);
            break;
        case 7: case 8:
            check_guard_read(w, off, false);
            break;
        case 9: case 10: {
            MEMORY_BASIC_INFORMATION64 mbi;
            HRESULT hr = ds_query_virtual(s->t, s->guard + off, &mbi);
            bool in_none = off >= s->page && off < 2 * s->page;
            if (hr != S_OK || mbi.Protect != (in_none ? PAGE_NOACCESS : PAGE_READWRITE))
                wrong(w, "query", hr, s->guard + off);
            break;
        }
        case 11: {
            uint64_t at = 0;
            if (w->id == 0 && r % 8 == 0) {
                /* A long call (the whole address space) that the others
                   wait for, past their spinning, on the futex. */
                HRESULT hr = ds_search_virtual(s->t, 0, 0x800000000000ull, "\xff\xfe\xfd\x01\x02"
                                               "\x03\xfc\xfb", 8, 1, &at);
                if (hr != NOT_FOUND)
                    wrong(w, "whole-space search", hr, at);
                break;
            }
            HRESULT hr = ds_search_virtual(s->t, s->hello - 64, 4096, "dataspaces", 10, 1, &at);
            if (hr != S_OK || at != s->hello + 7)
                wrong(w, "search", hr, s->hello);
            break;
        }
        case 12: {
            char str[32];
            uint32_t n = 0;
            HRESULT hr = ds_read_multi_byte_string_virtual(s->t, s->hello, 64, str, sizeof str,
                                                           &n);
            if (hr != S_OK || strcmp(str, "hello, dataspaces") != 0)
                wrong(w, "string read", hr, s->hello);
            break;
        }
        case 13: {
            /* Each thread writes its own bytes of the edge page and reads
               them back, cached: writes go through and update the lines. */
            unsigned char v[8], back[8];
            memset(v, (int)(x & 0xff), sizeof v);
            uint64_t at = s->edge + 64 * w->id;
            uint32_t n = 0;
            HRESULT hr = ds_write_virtual(s->t, at, v, sizeof v, &n);
            if (hr == S_OK)
                hr = ds_read_virtual(s->t, at, back, sizeof back, &n);
            if (hr != S_OK || memcmp(v, back, sizeof v) != 0)
                wrong(w, "write read back", hr, at);
            break;
        }
        case 14: {
            HRESULT hr = ds_cache_flush(s->t);
            if (hr != S_OK)
                wrong(w, "cache flush", hr, 0);
            break;
        }
        default: {
            uint64_t base = 0;
            uint32_t size = 0;
            HRESULT hr = ds_get_valid_region_virtual(s->t, s->guard + s->page - 16, 64, &base,
                                                     &size);
            if (hr != S_OK || base != s->guard + s->page - 16 || size != 16)
                wrong(w, "valid region", hr, s->guard);
            break;
        }
        }
    }
    return NULL;
}

static void run_threads(ds_target *t, struct helper *h)
{
    struct shared s = { .t = t,
                        .guard = helper_value(h, "guard"),
                        .edge = helper_value(h, "edge"),
                        .hello = helper_value(h, "hello"),
                        .page = helper_value(h, "page") };
    pthread_barrier_init(&s.start, NULL, THREADS);
    struct worker w[THREADS];
    pthread_t th[THREADS];
    for (unsigned i = 0; i < THREADS; i++) {
        w[i] = (struct worker){ .s = &s, .id = i };
        assert_int_equal(pthread_create(&th[i], NULL, hammer, &w[i]), 0);
    }
    for (unsigned i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&s.start);
    for (unsigned i = 0; i < THREADS; i++)
        if (w[i].errors)
            fail_msg("%u wrong answers; the first: %s", w[i].errors, w[i].first_error);
}

static void test_threads_share_a_stopped_target(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    /* A small cache: lines are evicted all the time while others read. */
    assert_hr(S_OK, ds_cache_set_size(t, 4 * 4096), t);
    run_threads(t, &h);
    ds_close(t);
    helper_stop(&h);
}

static void test_threads_share_a_stopped_target_default_cache(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    run_threads(t, &h);
    ds_close(t);
    helper_stop(&h);
}

/* A method that calls another on the same thread (as a future one might)
   holds the target already: the inner call must go on, not wait for it. */
static HRESULT read_inside_a_call(ds_target *t, uint64_t at, void *buf, uint32_t size)
{
    DS_REQUIRE_TARGET_AT(t, at);
    uint32_t got = 0;
    HRESULT hr = ds_read_virtual(t, at, buf, size, &got);
    if (SUCCEEDED(hr))
        hr = ds_read_virtual_uncached(t, at, buf, size, &got);
    return hr;
}

static void test_a_nested_call_does_not_wait_for_itself(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    char buf[18];
    assert_hr(S_OK, read_inside_a_call(t, helper_value(&h, "hello"), buf, sizeof buf), t);
    assert_string_equal(buf, "hello, dataspaces");
    /* ... and the outer call's end let go: another thread gets in. */
    run_threads(t, &h);
    ds_close(t);
    helper_stop(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_share_a_stopped_target),
        cmocka_unit_test(test_threads_share_a_stopped_target_default_cache),
        cmocka_unit_test(test_a_nested_call_does_not_wait_for_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
