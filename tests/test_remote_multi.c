/*
 * test_remote_multi — an extended-remote server (`gdbserver --multi`):
 * ds_connect("HOST:PORT,pid=N") attaches to a process on the server's host
 * with vAttach, lists its threads, reads and writes it; closing lets it run
 * on and leaves the server serving, so a second session attaches again. A
 * pid that does not exist is a clear error.
 */
#include "remote_checks.h"

#include <stdlib.h>
#include <string.h>

static struct server SRV;
static struct helper H;
static ds_target *T;

static int multi_setup(void **state)
{
    (void)state;
    helper_start(&H, "remote_target", NULL);
    server_start(&SRV, SERVER_GDBSERVER_MULTI, 0, NULL);
    return 0;
}

static int multi_teardown(void **state)
{
    (void)state;
    ds_close(T);
    T = NULL;
    server_stop(&SRV);
    helper_stop(&H);
    return 0;
}

static void attach(void)
{
    char spec[96];
    snprintf(spec, sizeof spec, "%s,pid=%d", SRV.spec, (int)H.pid);
    HRESULT hr = ds_connect(spec, 0, &T);
    if (hr != S_OK)
        fail_msg("ds_connect(%s): 0x%08x %s", spec, (unsigned)hr, ds_error_text(NULL));
}

static void test_vattach(void **state)
{
    (void)state;
    attach();
    assert_int_equal(ds_process_id(T), (uint32_t)H.pid);
    uint32_t threads = 0, ids[8];
    assert_hr(S_OK, ds_get_number_threads(T, &threads), T);
    assert_int_equal(threads, helper_value(&H, "threads") + 1);
    assert_hr(S_OK, ds_get_thread_ids(T, 0, threads, ids), T);
    bool main_seen = false;
    for (uint32_t i = 0; i < threads; i++)
        main_seen |= ids[i] == (uint32_t)H.pid;
    assert_true(main_seen);
    /* Reads, a large one and a write. */
    uint64_t big = helper_value(&H, "big"), size = helper_value(&H, "big_size");
    uint8_t *got = malloc(size), *want = malloc(size);
    assert_non_null(got);
    assert_non_null(want);
    direct_read(H.pid, big, want, size);
    uint32_t n = 0;
    assert_hr(S_OK, ds_read_virtual(T, big, got, (uint32_t)size, &n), T);
    assert_int_equal(n, size);
    assert_memory_equal(got, want, size);
    free(got);
    free(want);
    uint64_t scratch = helper_value(&H, "scratch");
    assert_hr(S_OK, ds_write_virtual(T, scratch, "multi}", 6, &n), T);
    char back[6];
    direct_read(H.pid, scratch, back, 6);
    assert_memory_equal(back, "multi}", 6);
    /* Close: the process runs on (it answers), the server serves on. */
    ds_close(T);
    T = NULL;
    assert_true(helper_answers(&H, "nop", 5000));
    assert_true(server_alive(&SRV));
    attach();
    char text[41];
    assert_hr(S_OK, ds_read_virtual(T, helper_value(&H, "static_text"), text, 41, &n), T);
    assert_string_equal(text, "remote_target static: needle-$#}*-STATIC");
    ds_close(T);
    T = NULL;
    assert_true(helper_answers(&H, "nop", 5000));
}

static void test_vattach_no_such_pid(void **state)
{
    (void)state;
    /* A pid above pid_max cannot exist. */
    char spec[96];
    snprintf(spec, sizeof spec, "%s,pid=%d,timeout=5000", SRV.spec, 0x7ffffff0);
    HRESULT hr = ds_connect(spec, 0, &T);
    print_message("vAttach to no process: 0x%08x %s\n", (unsigned)hr, ds_error_text(NULL));
    assert_true(FAILED(hr));
    assert_null(T);
    assert_non_null(strstr(ds_error_text(NULL), SRV.spec));
    /* The server is still there for a real attach. */
    assert_true(server_alive(&SRV));
    attach();
    assert_int_equal(ds_process_id(T), (uint32_t)H.pid);
}

static void test_no_pid_on_multi(void **state)
{
    (void)state;
    /* Without pid=N an extended-remote server with nothing attached has no
       process to read: a clear error, not a target that fails every read. */
    char spec[96];
    snprintf(spec, sizeof spec, "%s,timeout=5000", SRV.spec);
    HRESULT hr = ds_connect(spec, 0, &T);
    print_message("multi without pid: 0x%08x %s\n", (unsigned)hr, ds_error_text(NULL));
    assert_true(FAILED(hr));
    assert_null(T);
    assert_non_null(strstr(ds_error_text(NULL), SRV.spec));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_vattach, multi_setup, multi_teardown),
        cmocka_unit_test_setup_teardown(test_vattach_no_such_pid, multi_setup, multi_teardown),
        cmocka_unit_test_setup_teardown(test_no_pid_on_multi, multi_setup, multi_teardown),
    };
    return cmocka_run_group_tests_name("gdbserver --multi", tests, NULL, NULL);
}
