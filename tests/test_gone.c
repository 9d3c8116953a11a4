/*
 * test_gone.c — a target whose process has exited: every method fails
 * with E_UNEXPECTED and a sentence that names the address asked about,
 * whether the answer would have come from the process, from the cache or
 * from the map remembered for a stopped process (tests/helpers/layout.c).
 */
#include "testlib.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Whether every thread of pid is a zombie. */
static bool all_zombies(pid_t pid)
{
    char *states = task_states(pid);
    bool all = states && strspn(states, "Z") == strlen(states);
    free(states);
    return all;
}

/* Kill the helper and wait until every thread has died (a traced
   process's threads then stay zombies for ds_close to collect). */
static void kill_and_wait(struct layout_fixture *f)
{
    kill(f->h.pid, SIGKILL);
    for (int i = 0; i < 5000; i++) {
        if (all_zombies(f->h.pid))
            return;
        usleep(1000);
    }
    fail_msg("process %d still runs 5 s after SIGKILL", (int)f->h.pid);
}

/* The call failed with E_UNEXPECTED, saying the process exited and naming
   the address asked about. */
static void assert_gone(HRESULT hr, ds_target *t, uint64_t addr)
{
    assert_hr(E_UNEXPECTED, hr, t);
    char where[32];
    snprintf(where, sizeof where, "0x%llx", (unsigned long long)addr);
    const char *text = ds_error_text(t);
    if (!strstr(text, "exited") || !strstr(text, where))
        fail_msg("the sentence \"%s\" should say the process exited, at %s", text, where);
}

static void test_query_after_kill_is_not_answered_from_the_map(void **state)
{
    struct layout_fixture *f = *state;
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(f->t, f->hello, &mbi), f->t);
    kill_and_wait(f);
    assert_gone(ds_query_virtual(f->t, f->hello, &mbi), f->t, f->hello);
    /* ... and stays so. */
    assert_gone(ds_query_virtual(f->t, f->hello + 1, &mbi), f->t, f->hello + 1);
}

static void test_valid_region_after_kill_is_not_answered_from_the_map(void **state)
{
    struct layout_fixture *f = *state;
    uint64_t base = 0;
    uint32_t size = 0;
    assert_hr(S_OK, ds_get_valid_region_virtual(f->t, f->hello, 16, &base, &size), f->t);
    kill_and_wait(f);
    assert_gone(ds_get_valid_region_virtual(f->t, f->hello, 16, &base, &size), f->t, f->hello);
    assert_int_equal(size, 0);
}

static void test_cached_read_after_the_process_said_it_exited(void **state)
{
    struct layout_fixture *f = *state;
    char buf[18];
    assert_hr(S_OK, ds_read_virtual(f->t, f->hello, buf, sizeof buf, NULL), f->t); /* cached */
    kill_and_wait(f);
    uint32_t got = 99;
    assert_gone(ds_read_virtual_uncached(f->t, f->hello, buf, sizeof buf, &got), f->t,
                f->hello);
    assert_int_equal(got, 0);
    /* The line is still in the cache, but the process is known gone. */
    got = 99;
    assert_gone(ds_read_virtual(f->t, f->hello, buf, sizeof buf, &got), f->t, f->hello);
    assert_int_equal(got, 0);
    assert_non_null(strstr(ds_error_text(f->t), "ReadVirtual at"));
}

static void test_handle_data_after_kill(void **state)
{
    struct layout_fixture *f = *state;
    uint32_t count = 0, n = 0;
    assert_hr(S_OK, ds_read_handle_data(f->t, 1, DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT, &count,
                                        sizeof count, &n), f->t);
    kill_and_wait(f);
    assert_hr(E_UNEXPECTED, ds_read_handle_data(f->t, 1, DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT,
                                                &count, sizeof count, &n), f->t);
    assert_non_null(strstr(ds_error_text(f->t), "exited"));
}

static void test_every_method_fails_once_gone(void **state)
{
    struct layout_fixture *f = *state;
    char buf[64];
    kill_and_wait(f);
    uint64_t a = f->hello;
    uint32_t n;
    assert_gone(ds_read_virtual(f->t, a, buf, 8, &n), f->t, a); /* a miss finds it out */
    uint64_t u64 = 0, ptrs[2];
    uint32_t u32 = 0;
    assert_gone(ds_read_virtual(f->t, a + 1, buf, 8, &n), f->t, a + 1);
    assert_gone(ds_write_virtual(f->t, a + 2, "x", 1, &n), f->t, a + 2);
    assert_gone(ds_write_virtual_uncached(f->t, a + 3, "x", 1, &n), f->t, a + 3);
    assert_gone(ds_search_virtual(f->t, a + 4, 4096, "hello", 5, 1, &u64), f->t, a + 4);
    assert_non_null(strstr(ds_error_text(f->t), "SearchVirtual at"));
    assert_gone(ds_read_multi_byte_string_virtual(f->t, a + 5, 64, buf, sizeof buf, &n), f->t,
                a + 5);
    assert_gone(ds_read_pointers_virtual(f->t, 2, a + 6, ptrs), f->t, a + 6);
    assert_gone(ds_write_pointers_virtual(f->t, 1, a + 7, ptrs), f->t, a + 7);
    assert_gone(ds_fill_virtual(f->t, a + 8, 16, "x", 1, &n), f->t, a + 8);
    assert_gone(ds_get_next_differently_valid_offset_virtual(f->t, a + 9, &u64), f->t, a + 9);
    assert_gone(ds_virtual_to_physical(f->t, a + 10, &u64), f->t, a + 10);
    assert_gone(ds_get_offset_information(f->t, DEBUG_DATA_SPACE_VIRTUAL,
                                          DEBUG_OFFSINFO_VIRTUAL_SOURCE, a + 11, &u32,
                                          sizeof u32, &n), f->t, a + 11);
    /* Methods without an address say which method. */
    assert_hr(E_UNEXPECTED, ds_read_handle_data(f->t, 0, DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT,
                                                &u32, sizeof u32, &n), f->t);
    assert_non_null(strstr(ds_error_text(f->t), "ds_read_handle_data"));
    assert_hr(E_UNEXPECTED, ds_get_number_threads(f->t, &u32), f->t);
    assert_hr(E_UNEXPECTED, ds_cache_flush(f->t), f->t);
    assert_non_null(strstr(ds_error_text(f->t), "exited"));
}

static void test_running_target_that_exited(void **state)
{
    struct layout_fixture *f = *state;
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(f->t, f->hello, &mbi), f->t);
    /* It ends by itself and stays a zombie until its parent (we) reaps it. */
    fprintf(f->h.to, "exit\n");
    fflush(f->h.to);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    while (waitid(P_PID, (id_t)f->h.pid, &si, WEXITED | WNOWAIT) < 0 && errno == EINTR)
        ;
    assert_int_equal(si.si_pid, f->h.pid);
    assert_gone(ds_query_virtual(f->t, f->hello, &mbi), f->t, f->hello);
    uint64_t at = 0;
    assert_gone(ds_search_virtual(f->t, f->hello, 4096, "hello", 5, 1, &at), f->t, f->hello);
}

static void test_running_target_that_exited_and_was_reaped(void **state)
{
    struct layout_fixture *f = *state;
    fprintf(f->h.to, "exit\n");
    fflush(f->h.to);
    while (waitpid(f->h.pid, NULL, 0) < 0 && errno == EINTR)
        ;
    f->h.pid = 0; /* reaped: helper_stop must not kill whatever gets the pid next */
    char buf[8];
    uint64_t at = 0;
    assert_gone(ds_search_virtual(f->t, f->hello, 4096, "hello", 5, 1, &at), f->t, f->hello);
    assert_gone(ds_read_virtual(f->t, f->hello, buf, 8, NULL), f->t, f->hello);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_query_after_kill_is_not_answered_from_the_map,
                                        layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_valid_region_after_kill_is_not_answered_from_the_map,
                                        layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_cached_read_after_the_process_said_it_exited,
                                        layout_setup_stopped, layout_teardown),
        cmocka_unit_test_setup_teardown(test_every_method_fails_once_gone, layout_setup_stopped,
                                        layout_teardown),
        cmocka_unit_test_setup_teardown(test_handle_data_after_kill, layout_setup_stopped,
                                        layout_teardown),
        cmocka_unit_test_setup_teardown(test_running_target_that_exited, layout_setup_running, layout_teardown),
        cmocka_unit_test_setup_teardown(test_running_target_that_exited_and_was_reaped,
                                        layout_setup_running, layout_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
