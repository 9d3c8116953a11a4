/*
 * test_remote_lldb — every data-space method through lldb-server (Debian's
 * lldb: `lldb-server gdbserver HOST:PORT --attach PID`), whose dialect
 * differs from gdbserver's: PacketSize in decimal, the bare `x` binary
 * read, qMemoryRegionInfo for regions, no qSearch (searches read), no `X`,
 * native signal numbers, Hg0 refused. The same checks as gdbserver's
 * (tests/lib/remote_checks.h), against ds_attach on the same process.
 */
#include "remote_checks.h"
#include "delay_proxy.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int attached_setup(void **state)
{
    struct remote_session *s = calloc(1, sizeof *s);
    assert_non_null(s);
    *state = s;
    remote_session_open(s, SERVER_LLDB_ATTACH);
    return 0;
}

static int attached_teardown(void **state)
{
    struct remote_session *s = *state;
    if (s) {
        remote_session_close(s);
        free(s);
    }
    return 0;
}

static void test_identity(void **state) { check_identity(*state); }
static void test_small_reads(void **state) { check_small_reads(*state); }
static void test_big_reads(void **state) { check_big_reads(*state); }
static void test_oracle_cases(void **state) { check_oracle_cases(*state); }
static void test_search_finds(void **state) { check_search_finds(*state); }
static void test_query_maps(void **state) { check_query_against_maps(*state); }
static void test_threads(void **state) { check_threads(*state); }
static void test_writes(void **state) { check_writes(*state); }

/* Over a 20 ms link (each way), lldb-server too keeps several reads in
   flight (no-ack mode): counted by the proxy, the bytes checked. */
static struct remote_session S;
static struct delay_proxy *PROXY;

static int own_teardown(void **state)
{
    (void)state;
    delay_proxy_stop(PROXY);
    PROXY = NULL;
    remote_session_close(&S);
    return 0;
}

static void test_delay_link_pipelines(void **state)
{
    (void)state;
    remote_session_start(&S, SERVER_LLDB_ATTACH);
    PROXY = delay_proxy_start(S.srv.port, 20, NULL);
    assert_non_null(PROXY);
    char spec[64];
    snprintf(spec, sizeof spec, "127.0.0.1:%d", delay_proxy_port(PROXY));
    remote_session_connect(&S, spec);
    size_t n = 2u << 20;
    uint8_t *got = malloc(n), *want = malloc(n);
    assert_non_null(got);
    assert_non_null(want);
    direct_read(S.h.pid, S.big + 777, want, n);
    uint32_t r = 0;
    assert_hr(S_OK, ds_read_virtual_uncached(S.t, S.big + 777, got, (uint32_t)n, &r), S.t);
    assert_int_equal(r, n);
    assert_memory_equal(got, want, n);
    free(got);
    free(want);
    uint64_t req, rep, max;
    delay_proxy_counts(PROXY, &req, &rep, &max);
    print_message("2 MiB over the 20 ms link: %llu requests in all, at most %llu in flight\n",
                  (unsigned long long)req, (unsigned long long)max);
    assert_true(max >= 2);
}

/* lldb-server launching the helper: stopped at its first instruction, the
   static data of the non-PIE program in place. */
static struct server LAUNCHED;

static int launched_teardown(void **state)
{
    (void)state;
    server_stop(&LAUNCHED);
    return 0;
}

static void test_launched(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "remote_target", NULL);
    uint64_t text = helper_value(&h, "static_text");
    helper_stop(&h);
    char *argv[] = { (char *)helper_path("remote_target"), NULL };
    server_start(&LAUNCHED, SERVER_LLDB_LAUNCH, 0, argv);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_connect(LAUNCHED.spec, 0, &t), NULL);
    char buf[64] = "";
    uint32_t n = 0;
    HRESULT hr = ds_read_virtual(t, text, buf, 41, &n);
    uint32_t pid = ds_process_id(t);
    ds_close(t);
    assert_hr(S_OK, hr, NULL);
    assert_string_equal(buf, "remote_target static: needle-$#}*-STATIC");
    /* The process is lldb-server's inferior, running our helper; lldb-server
       leaves a launched inferior running when killed (gdb-rsp pitfall 20):
       end it ourselves. */
    assert_true(pid > 0);
    char link[64], exe[4096] = "";
    snprintf(link, sizeof link, "/proc/%u/exe", pid);
    ssize_t len = readlink(link, exe, sizeof exe - 1);
    kill((pid_t)pid, SIGKILL);
    assert_true(len > 0);
    exe[len] = '\0';
    assert_non_null(strstr(exe, "remote_target"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_small_reads),
        cmocka_unit_test(test_big_reads),
        cmocka_unit_test(test_oracle_cases),
        cmocka_unit_test(test_search_finds),
        cmocka_unit_test(test_query_maps),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_writes),
        cmocka_unit_test_teardown(test_delay_link_pipelines, own_teardown),
        cmocka_unit_test_teardown(test_launched, launched_teardown),
    };
    return cmocka_run_group_tests_name("lldb-server", tests, attached_setup, attached_teardown);
}
