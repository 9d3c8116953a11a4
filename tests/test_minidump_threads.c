/*
 * test_minidump_threads.c — the threads of a minidump whose thread list
 * is a ThreadExListStream (stream type 8: MINIDUMP_THREAD_EX_LIST, whose
 * 64-byte entries are a MINIDUMP_THREAD and a BackingStore descriptor),
 * as dbghelp wrote it for IA64 processes and dbgeng reads it; a dump with
 * both thread lists; and hostile ThreadEx lists whose count lies or that
 * the end of the file cuts.
 */
#include "testlib.h"
#include "minidump_builder.h"

#include <stdlib.h>
#include <string.h>

static uint32_t thread_ids(ds_target *t, uint32_t *ids, uint32_t max)
{
    uint32_t n = 0;
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_true(n <= max);
    if (n)
        assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    return n;
}

/* A dump whose only thread list is a ThreadExListStream lists its
   threads, in the stream's order. */
static void test_thread_ex_list_alone(void **state)
{
    (void)state;
    static const uint32_t want[] = { 0x1a4, 0x2b8, 0x3c0 };
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    m.thread_ex = true;
    for (size_t i = 0; i < 3; i++)
        mdb_thread(&m, want[i], 0, 0);
    ds_target *t = mdb_open(&m, 0);
    uint32_t got[8];
    assert_int_equal(thread_ids(t, got, 8), 3);
    assert_memory_equal(got, want, sizeof want);
    ds_close(t);
    mdb_free(&m);
}

/* Both lists: ThreadListStream's threads, not the ThreadEx list's, and a
   note that says the other was ignored. */
static void test_thread_list_wins_over_ex_list(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    mdb_thread(&m, 7, 0, 0);
    mdb_thread(&m, 8, 0, 0);
    uint8_t ex[4 + 64] = { 0 };
    ex[0] = 1;
    ex[4] = 99;  /* ThreadId 99 */
    mdb_stream(&m, MDB_THREAD_EX_LIST, ex, sizeof ex);
    ds_target *t = mdb_open(&m, 0);
    uint32_t got[8];
    assert_int_equal(thread_ids(t, got, 8), 2);
    assert_int_equal(got[0], 7);
    assert_int_equal(got[1], 8);
    assert_non_null(strstr(ds_open_notes(t), "ThreadExListStream"));
    ds_close(t);
    mdb_free(&m);
}

/* A ThreadExList of `declared` entries whose stream holds `bytes` bytes
   after the count; entry i's ThreadId is 100 + i where it fits. */
static ds_target *open_ex_list(struct builder *b, uint32_t declared, uint32_t bytes,
                               uint32_t file_cut)
{
    b_start(b, 2);
    b_system_info(b, MDB_ARCH_AMD64);
    uint32_t list = b_alloc(b, 4 + (size_t)bytes);
    b_u32(b, list, declared);
    for (uint32_t i = 0; (i + 1) * 64 <= bytes; i++)
        b_u32(b, list + 4 + 64 * i, 100 + i);
    b_stream(b, MDB_THREAD_EX_LIST, list, 4 + bytes);
    b->n -= file_cut;
    return b_open(b);
}

/* A count larger than the stream holds: only the whole 64-byte entries
   it holds (a stride of 48, MINIDUMP_THREAD's, would find more, and
   wrong ids), with a note. */
static void test_thread_ex_count_that_lies(void **state)
{
    (void)state;
    struct builder b;
    /* Room for 3 MINIDUMP_THREADs (144 bytes) but 2 MINIDUMP_THREAD_EXs. */
    ds_target *t = open_ex_list(&b, 3, 144, 0);
    uint32_t got[8];
    assert_int_equal(thread_ids(t, got, 8), 2);
    assert_int_equal(got[0], 100);
    assert_int_equal(got[1], 101);
    assert_non_null(strstr(ds_open_notes(t), "ThreadExListStream"));
    ds_close(t);
    free(b.p);

    /* A count near 2^32 over a stream of one entry. */
    t = open_ex_list(&b, 0xFFFFFFFFu, 64, 0);
    assert_int_equal(thread_ids(t, got, 8), 1);
    assert_int_equal(got[0], 100);
    ds_close(t);
    free(b.p);
}

/* A stream the end of the file cuts: the entries left whole. */
static void test_thread_ex_list_cut_by_the_file(void **state)
{
    (void)state;
    struct builder b;
    ds_target *t = open_ex_list(&b, 4, 4 * 64, 64 + 10);
    uint32_t got[8];
    assert_int_equal(thread_ids(t, got, 8), 2);
    assert_int_equal(got[0], 100);
    assert_int_equal(got[1], 101);
    ds_close(t);
    free(b.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thread_ex_list_alone),
        cmocka_unit_test(test_thread_list_wins_over_ex_list),
        cmocka_unit_test(test_thread_ex_count_that_lies),
        cmocka_unit_test(test_thread_ex_list_cut_by_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
