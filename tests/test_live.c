/*
 * test_live.c — the live-process backend, the cache and the read/write
 * rules, against real helper processes (tests/helpers/layout.c).
 */
#include "testlib.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "target.h" /* cache statistics */

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)

/* How many threads of pid are in state `want` ('t' = stopped by a
   tracer), and in *total how many there are. */
static int count_threads_in_state(pid_t pid, char want, int *total)
{
    char *states = task_states(pid);
    int n = 0;
    *total = states ? (int)strlen(states) : 0;
    for (const char *s = states; s && *s; s++)
        n += *s == want;
    free(states);
    return n;
}

static void test_attach_stops_all_threads_and_close_resumes(void **state)
{
    struct layout_fixture *f = *state;
    int total;
    int threads = 1 + (int)helper_value(&f->h, "threads");
    assert_int_equal(count_threads_in_state(f->h.pid, 't', &total), threads);
    assert_int_equal(total, threads);
    uint32_t n;
    assert_hr(S_OK, ds_get_number_threads(f->t, &n), f->t);
    assert_int_equal(n, threads);
    ds_close(f->t);
    f->t = NULL;
    assert_int_equal(count_threads_in_state(f->h.pid, 't', &total), 0);
    helper_command(&f->h, "bump"); /* it runs and answers again */
}

static void test_read_known_bytes(void **state)
{
    struct layout_fixture *f = *state;
    char buf[32];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(f->t, helper_value(&f->h, "hello"), buf, 18, &got), f->t);
    assert_int_equal(got, 18);
    assert_string_equal(buf, "hello, dataspaces");
    assert_int_equal(ds_pointer_size(f->t), sizeof(void *));
    assert_string_equal(ds_target_kind(f->t), "live");
}

static void check_partial(struct layout_fixture *f, uint64_t addr, uint32_t size, uint32_t expect,
                          bool cached)
{
    unsigned char buf[256];
    uint32_t got = 12345;
    HRESULT hr = cached ? ds_read_virtual(f->t, addr, buf, size, &got)
                        : ds_read_virtual_uncached(f->t, addr, buf, size, &got);
    assert_hr(S_OK, hr, f->t);
    assert_int_equal(got, expect);
}

static void test_partial_read_into_prot_none(void **state)
{
    struct layout_fixture *f = *state;
    uint64_t guard = helper_value(&f->h, "guard");
    for (int cached = 0; cached < 2; cached++) {
        check_partial(f, guard + f->page - 10, 20, 10, cached);
        check_partial(f, guard + f->page - 1, 200, 1, cached);
    }
    unsigned char buf[10];
    assert_hr(S_OK, ds_read_virtual(f->t, guard + f->page - 10, buf, 10, NULL), f->t);
    for (int i = 0; i < 10; i++)
        assert_int_equal(buf[i], (unsigned char)((f->page - 10 + (uint64_t)i) * 7));
}

static void test_partial_read_into_unmapped(void **state)
{
    struct layout_fixture *f = *state;
    uint64_t hole = helper_value(&f->h, "hole");
    for (int cached = 0; cached < 2; cached++) {
        check_partial(f, hole - 5, 16, 5, cached);
        check_partial(f, hole - f->page - 3, 200, 200, cached);
    }
    /* A large read (past the cache's bypass size) obeys the same rule. */
    size_t big = 1u << 20;
    unsigned char *buf = malloc(big);
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual(f->t, hole - 2 * f->page, buf, (uint32_t)big, &got), f->t);
    assert_int_equal(got, 2 * f->page);
    assert_int_equal(buf[0], 0xA5);
    free(buf);
}

static void test_unreadable_first_byte_fails(void **state)
{
    struct layout_fixture *f = *state;
    unsigned char buf[8];
    uint32_t got = 99;
    uint64_t none = helper_value(&f->h, "guard") + f->page;
    uint64_t hole = helper_value(&f->h, "hole");
    assert_hr(READ_FAULT, ds_read_virtual(f->t, hole, buf, 8, &got), f->t);
    assert_int_equal(got, 0);
    assert_non_null(strstr(ds_error_text(f->t), "0x"));
    assert_hr(READ_FAULT, ds_read_virtual(f->t, none, buf, 8, &got), f->t);
    assert_hr(READ_FAULT, ds_read_virtual_uncached(f->t, none, buf, 8, &got), f->t);
    assert_hr(READ_FAULT, ds_read_virtual(f->t, 0, buf, 8, &got), f->t);
    /* A range that would wrap past 2^64 is read up to the top only. */
    assert_hr(READ_FAULT, ds_read_virtual(f->t, UINT64_MAX - 3, buf, 8, &got), f->t);
}

static void test_cache_remembers_unreadable_pages(void **state)
{
    struct layout_fixture *f = *state;
    unsigned char buf[8];
    uint64_t hole = helper_value(&f->h, "hole");
    assert_hr(READ_FAULT, ds_read_virtual(f->t, hole + 8, buf, 8, NULL), f->t);
    uint64_t misses = f->t->cache.misses;
    assert_hr(READ_FAULT, ds_read_virtual(f->t, hole + 16, buf, 8, NULL), f->t);
    assert_int_equal(f->t->cache.misses, misses); /* answered from the cache */
    /* After a flush the target is asked again. */
    ds_cache_flush(f->t);
    assert_hr(READ_FAULT, ds_read_virtual(f->t, hole + 16, buf, 8, NULL), f->t);
    assert_int_equal(f->t->cache.misses, misses + 1);
}

static void test_null_bytes_read_and_zero_size(void **state)
{
    struct layout_fixture *f = *state;
    char buf[8] = { 0 };
    uint32_t got = 77;
    uint64_t hello = helper_value(&f->h, "hello");
    assert_hr(S_OK, ds_read_virtual(f->t, hello, buf, 5, NULL), f->t);
    assert_memory_equal(buf, "hello", 5);
    assert_hr(S_OK, ds_read_virtual(f->t, hello, buf, 0, &got), f->t);
    assert_int_equal(got, 0);
    assert_hr(S_OK, ds_read_virtual(f->t, hello, NULL, 0, &got), f->t);
    assert_hr(E_INVALIDARG, ds_read_virtual(f->t, hello, NULL, 4, &got), f->t);
    assert_hr(E_INVALIDARG, ds_read_virtual(NULL, hello, buf, 4, &got), NULL);
}

static void test_write_read_back_through_cache(void **state)
{
    struct layout_fixture *f = *state;
    uint64_t hello = helper_value(&f->h, "hello");
    char buf[32];
    /* Fill the cache line first, so the write must update it. */
    assert_hr(S_OK, ds_read_virtual(f->t, hello, buf, 18, NULL), f->t);
    uint32_t wrote = 0;
    assert_hr(S_OK, ds_write_virtual(f->t, hello, "HELLO", 5, &wrote), f->t);
    assert_int_equal(wrote, 5);
    assert_hr(S_OK, ds_read_virtual(f->t, hello, buf, 18, NULL), f->t);
    assert_string_equal(buf, "HELLO, dataspaces");
    assert_hr(S_OK, ds_read_virtual_uncached(f->t, hello, buf, 18, NULL), f->t);
    assert_string_equal(buf, "HELLO, dataspaces");
    /* The uncached write keeps cached lines coherent too. */
    assert_hr(S_OK, ds_write_virtual_uncached(f->t, hello + 7, "DATA", 4, NULL), f->t);
    assert_hr(S_OK, ds_read_virtual(f->t, hello, buf, 18, NULL), f->t);
    assert_string_equal(buf, "HELLO, DATAspaces");
}

/* WriteProcessMemory's rule: a read-only page refuses the write, the
   byte stays as it was, and the sentence says why. */
static void test_write_read_only_page_refused(void **state)
{
    struct layout_fixture *f = *state;
    uint64_t ro = helper_value(&f->h, "rodata");
    unsigned char b[4] = { 1, 2, 3, 4 }, back[4];
    uint32_t wrote = 99;
    assert_hr(WRITE_FAULT, ds_write_virtual(f->t, ro + 100, b, 4, &wrote), f->t);
    assert_int_equal(wrote, 0);
    assert_non_null(strstr(ds_error_text(f->t), "read-only"));
    assert_hr(WRITE_FAULT, ds_write_virtual_uncached(f->t, ro, b, 1, &wrote), f->t);
    assert_hr(S_OK, ds_read_virtual_uncached(f->t, ro + 100, back, 4, NULL), f->t);
    assert_int_equal(back[0], 0x5A);
    assert_int_equal(back[3], 0x5A);
    /* The cache did not take the refused bytes either. */
    assert_hr(S_OK, ds_read_virtual(f->t, ro + 100, back, 4, NULL), f->t);
    assert_int_equal(back[0], 0x5A);
}

/* ... while an execute page takes it, as WriteProcessMemory lifts an
   execute page's protection (a debugger's breakpoint). */
static void test_write_code_page_accepted(void **state)
{
    struct layout_fixture *f = *state;
    uint64_t code = helper_value(&f->h, "code");
    unsigned char orig[1], back[1], brk = 0xCC;
    uint32_t wrote = 0;
    assert_hr(S_OK, ds_read_virtual(f->t, code, orig, 1, NULL), f->t);
    assert_hr(S_OK, ds_write_virtual(f->t, code, &brk, 1, &wrote), f->t);
    assert_int_equal(wrote, 1);
    assert_hr(S_OK, ds_read_virtual_uncached(f->t, code, back, 1, NULL), f->t);
    assert_int_equal(back[0], 0xCC);
    assert_hr(S_OK, ds_write_virtual(f->t, code, orig, 1, NULL), f->t);
}

/* DS_ATTACH_WRITE_ANY: gdb's rule, read-only pages written too; PROT_NONE
   pages still not. */
static void test_write_any_opt_in(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, DS_ATTACH_WRITE_ANY, &t), NULL);
    uint64_t ro = helper_value(&h, "rodata"), page = helper_value(&h, "page");
    unsigned char b[4] = { 1, 2, 3, 4 }, back[4];
    uint32_t wrote = 0;
    assert_hr(S_OK, ds_write_virtual(t, ro + 100, b, 4, &wrote), t);
    assert_int_equal(wrote, 4);
    assert_hr(S_OK, ds_read_virtual_uncached(t, ro + 100, back, 4, NULL), t);
    assert_memory_equal(back, b, 4);
    uint64_t none = helper_value(&h, "guard") + page;
    assert_hr(WRITE_FAULT, ds_write_virtual(t, none, b, 4, &wrote), t);
    assert_int_equal(wrote, 0);
    ds_close(t);
    helper_stop(&h);
}

static void test_write_stops_at_prot_none_and_unmapped(void **state)
{
    struct layout_fixture *f = *state;
    unsigned char b[64];
    memset(b, 0xEE, sizeof b);
    uint64_t none = helper_value(&f->h, "guard") + f->page;
    uint64_t hole = helper_value(&f->h, "hole");
    uint32_t wrote = 99;
    assert_hr(S_OK, ds_write_virtual(f->t, none - 8, b, 64, &wrote), f->t);
    assert_int_equal(wrote, 8);
    assert_hr(WRITE_FAULT, ds_write_virtual(f->t, none, b, 8, &wrote), f->t);
    assert_int_equal(wrote, 0);
    assert_hr(S_OK, ds_write_virtual(f->t, hole - 3, b, 64, &wrote), f->t);
    assert_int_equal(wrote, 3);
    assert_hr(WRITE_FAULT, ds_write_virtual(f->t, hole, b, 8, &wrote), f->t);
    /* The guard page itself stayed PROT_NONE: nothing was made readable. */
    assert_hr(READ_FAULT, ds_read_virtual_uncached(f->t, none, b, 1, NULL), f->t);
}

static void test_query_agrees_with_proc_maps(void **state)
{
    struct layout_fixture *f = *state;
    uint64_t addr = 0;
    int regions = 0, free_gaps = 0;
    MEMORY_BASIC_INFORMATION64 mbi;
    for (int guard = 0; guard < 100000; guard++) {
        HRESULT hr = ds_query_virtual(f->t, addr, &mbi);
        if (hr == E_INVALIDARG)
            break;
        assert_hr(S_OK, hr, f->t);
        assert_true(mbi.BaseAddress <= addr || guard == 0);
        assert_true(mbi.RegionSize > 0);
        if (mbi.State == MEM_FREE) {
            free_gaps++;
            assert_int_equal(mbi.Protect, PAGE_NOACCESS);
        } else {
            uint64_t s, e;
            char perms[5];
            assert_int_equal(proc_maps_lookup(f->h.pid, mbi.BaseAddress, &s, &e, perms), 0);
            assert_int_equal(s, mbi.BaseAddress);
            /* One mapping, or touching ones of one image with the same
               protection (VirtualQuery's run of same-attribute pages). */
            for (uint64_t end = mbi.BaseAddress + mbi.RegionSize; e < end;) {
                char more[5];
                assert_int_equal(proc_maps_lookup(f->h.pid, e, &s, &e, more), 0);
                assert_string_equal(more, perms);
                assert_int_equal(mbi.Type, MEM_IMAGE);
            }
            assert_int_equal(e, mbi.BaseAddress + mbi.RegionSize);
            assert_int_equal(mbi.State, MEM_COMMIT);
            uint32_t want = perms[2] == 'x' ? (perms[1] == 'w'   ? PAGE_EXECUTE_READWRITE
                                               : perms[0] == 'r' ? PAGE_EXECUTE_READ
                                                                 : PAGE_EXECUTE)
                            : perms[1] == 'w' ? PAGE_READWRITE
                            : perms[0] == 'r' ? PAGE_READONLY
                                              : PAGE_NOACCESS;
            /* writable private file mappings are copy-on-write */
            if (mbi.Protect == PAGE_WRITECOPY)
                want = PAGE_WRITECOPY;
            assert_int_equal(mbi.Protect, want);
            regions++;
        }
        if (mbi.BaseAddress + mbi.RegionSize < addr)
            break; /* wrapped */
        addr = mbi.BaseAddress + mbi.RegionSize;
        if (addr == 0)
            break;
    }
    assert_true(regions > 5);
    assert_true(free_gaps > 2);
    /* The guard page is its own PAGE_NOACCESS region, the code is an image. */
    assert_hr(S_OK, ds_query_virtual(f->t, helper_value(&f->h, "guard") + f->page + 5, &mbi), f->t);
    assert_int_equal(mbi.Protect, PAGE_NOACCESS);
    assert_int_equal(mbi.RegionSize, f->page);
    assert_int_equal(mbi.Type, MEM_PRIVATE);
    assert_hr(S_OK, ds_query_virtual(f->t, helper_value(&f->h, "code"), &mbi), f->t);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    assert_int_equal(mbi.Protect, PAGE_EXECUTE_READ);
    assert_true(mbi.AllocationBase < mbi.BaseAddress); /* the ELF header mapping */
    /* The hole is MEM_FREE and spans the whole gap. */
    assert_hr(S_OK, ds_query_virtual(f->t, helper_value(&f->h, "hole") + 1, &mbi), f->t);
    assert_int_equal(mbi.State, MEM_FREE);
    assert_true(mbi.BaseAddress <= helper_value(&f->h, "hole"));
}

static void test_noninvasive_reads_running_process(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &t), NULL);
    assert_int_equal(ds_cache_get_size(t), 0); /* off for a running target */
    int total;
    assert_int_equal(count_threads_in_state(h.pid, 't', &total), 0);
    uint64_t counter = helper_value(&h, "counter");
    unsigned char v = 0xFF;
    assert_hr(S_OK, ds_read_virtual(t, counter, &v, 1, NULL), t);
    assert_int_equal(v, 0);
    helper_command(&h, "bump"); /* the process keeps running */
    assert_hr(S_OK, ds_read_virtual(t, counter, &v, 1, NULL), t);
    assert_int_equal(v, 1);

    /* With a cache switched on, ReadVirtual may be stale until a flush,
       and ReadVirtualUncached never is. */
    assert_hr(S_OK, ds_cache_set_size(t, 1 << 20), t);
    assert_hr(S_OK, ds_read_virtual(t, counter, &v, 1, NULL), t);
    assert_int_equal(v, 1);
    helper_command(&h, "bump");
    assert_hr(S_OK, ds_read_virtual(t, counter, &v, 1, NULL), t);
    assert_int_equal(v, 1);
    assert_hr(S_OK, ds_read_virtual_uncached(t, counter, &v, 1, NULL), t);
    assert_int_equal(v, 2);
    assert_hr(S_OK, ds_cache_flush(t), t);
    assert_hr(S_OK, ds_read_virtual(t, counter, &v, 1, NULL), t);
    assert_int_equal(v, 2);
    ds_close(t);
    helper_stop(&h);
}

static void test_32bit_process_has_4_byte_pointers(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "tiny_m32", NULL);
    ds_target *t;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    assert_int_equal(ds_pointer_size(t), 4);
    assert_int_equal(ds_machine(t), IMAGE_FILE_MACHINE_I386);
    char buf[18];
    assert_hr(S_OK, ds_read_virtual(t, helper_value(&h, "hello"), buf, 18, NULL), t);
    assert_string_equal(buf, "hello, dataspaces");
    /* A sign-extended address names the same byte. */
    uint32_t p[4];
    uint64_t ptrs = helper_value(&h, "ptrs");
    assert_hr(S_OK, ds_read_virtual(t, ptrs, p, sizeof p, NULL), t);
    assert_int_equal(p[2], 0x80000000u);
    ds_close(t);
    helper_stop(&h);
}

static void test_target_dies_mid_session(void **state)
{
    struct layout_fixture *f = *state;
    char buf[8];
    uint64_t hello = helper_value(&f->h, "hello");
    assert_hr(S_OK, ds_read_virtual(f->t, hello, buf, 8, NULL), f->t);
    kill(f->h.pid, SIGKILL);
    /* Wait until the kernel has torn it down (its threads stay zombies for
       the tracer, ds_close, to collect). */
    for (int i = 0; i < 5000; i++) {
        uint64_t s, e;
        char perms[5];
        if (proc_maps_lookup(f->h.pid, hello, &s, &e, perms) != 0)
            break;
        usleep(1000);
    }
    HRESULT hr = ds_read_virtual_uncached(f->t, hello + 4096 * 3, buf, 8, NULL);
    assert_true(FAILED(hr));
    assert_non_null(strstr(ds_error_text(f->t), "exited"));
    hr = ds_write_virtual(f->t, hello, "x", 1, NULL);
    assert_true(FAILED(hr));
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_true(FAILED(ds_query_virtual(f->t, hello, &mbi)));
    /* teardown closes it: that must not hang either */
}

static void test_launch_stops_at_first_instruction(void **state)
{
    (void)state;
    char *argv[] = { (char *)helper_path("layout"), NULL };
    ds_target *t;
    assert_hr(S_OK, ds_launch(argv, 0, &t), NULL);
    pid_t pid = (pid_t)ds_process_id(t);
    assert_true(pid > 0);
    int total;
    assert_int_equal(count_threads_in_state(pid, 't', &total), 1);
    assert_int_equal(total, 1); /* no thread of its own started yet */
    /* The executable is mapped: its ELF header reads back. */
    MEMORY_BASIC_INFORMATION64 mbi;
    uint64_t addr = 0;
    bool found = false;
    for (int i = 0; i < 1000 && SUCCEEDED(ds_query_virtual(t, addr, &mbi)); i++) {
        if (mbi.Type == MEM_IMAGE && mbi.BaseAddress == mbi.AllocationBase) {
            char magic[4];
            assert_hr(S_OK, ds_read_virtual(t, mbi.BaseAddress, magic, 4, NULL), t);
            assert_memory_equal(magic, "\177ELF", 4);
            found = true;
            break;
        }
        addr = mbi.BaseAddress + mbi.RegionSize;
    }
    assert_true(found);
    ds_close(t); /* kills what it launched */
    assert_int_equal(kill(pid, 0), -1);

    char *bad[] = { "/nonexistent/program", NULL };
    assert_true(FAILED(ds_launch(bad, 0, &t)));
    assert_non_null(strstr(ds_error_text(NULL), "/nonexistent/program"));
    assert_null(t);
}

static void test_attach_errors(void **state)
{
    (void)state;
    ds_target *t = (ds_target *)1;
    assert_hr(E_INVALIDARG, ds_attach(0, 0, &t), NULL);
    assert_null(t);
    assert_true(FAILED(ds_attach(0x7ffffff0, 0, &t)));
    assert_non_null(strstr(ds_error_text(NULL), "2147483632"));
    assert_true(FAILED(ds_open("pid:abc", 0, &t)));
    assert_true(FAILED(ds_open("/nonexistent.dmp", 0, &t)));
    assert_non_null(strstr(ds_error_text(NULL), "/nonexistent.dmp"));
}

/* One page mapped twice (the double_map helper): a write through one
   address must show at the other, cached read or not. */
static void test_write_shows_through_a_double_mapping(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "double_map", NULL);
    uint64_t rw = helper_value(&h, "rw"), ro = helper_value(&h, "ro");
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    char buf[32] = { 0 };
    uint32_t n = 0;
    assert_hr(S_OK, ds_read_virtual(t, ro, buf, 18, &n), t);  /* now cached */
    assert_string_equal(buf, "original contents");
    assert_hr(S_OK, ds_write_virtual(t, rw, "patched", 7, &n), t);
    assert_hr(S_OK, ds_read_virtual(t, ro, buf, 18, &n), t);
    assert_string_equal(buf, "patchedl contents");
    assert_hr(S_OK, ds_read_virtual_uncached(t, ro, buf, 18, &n), t);
    assert_string_equal(buf, "patchedl contents");
    ds_close(t);
    helper_stop(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_attach_stops_all_threads_and_close_resumes,
                                        layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_read_known_bytes, layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_partial_read_into_prot_none, layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_partial_read_into_unmapped, layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_first_byte_fails, layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_cache_remembers_unreadable_pages, layout_setup_stopped,
                                        layout_teardown),
        cmocka_unit_test_setup_teardown(test_null_bytes_read_and_zero_size, layout_setup_stopped,
                                        layout_teardown),
        cmocka_unit_test_setup_teardown(test_write_read_back_through_cache, layout_setup_stopped,
                                        layout_teardown),
        cmocka_unit_test_setup_teardown(test_write_read_only_page_refused, layout_setup_stopped,
                                        layout_teardown),
        cmocka_unit_test_setup_teardown(test_write_code_page_accepted, layout_setup_stopped, layout_teardown),
        cmocka_unit_test(test_write_any_opt_in),
        cmocka_unit_test_setup_teardown(test_write_stops_at_prot_none_and_unmapped,
                                        layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_query_agrees_with_proc_maps, layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_target_dies_mid_session, layout_setup_stopped, layout_teardown),
        cmocka_unit_test(test_noninvasive_reads_running_process),
        cmocka_unit_test(test_32bit_process_has_4_byte_pointers),
        cmocka_unit_test(test_launch_stops_at_first_instruction),
        cmocka_unit_test(test_attach_errors),
        cmocka_unit_test(test_write_shows_through_a_double_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
