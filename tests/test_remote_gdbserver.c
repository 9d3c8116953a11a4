/*
 * test_remote_gdbserver — every data-space method through Debian's gdbserver
 * (tests/lib/remote_checks.h): attached to a running remote_target, and
 * launching one; reached over TCP, "gdb:" in ds_open, a Unix socket (a
 * forwarding proxy: gdbserver listens on TCP only), a 20 ms link (the
 * delay proxy, which also sees whether several reads are in flight at
 * once), and a gdbserver killed in the middle of a read.
 */
#include "remote_checks.h"
#include "delay_proxy.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- one attached session shared by the read-only checks ----------------- */

static int attached_setup(void **state)
{
    struct remote_session *s = calloc(1, sizeof *s);
    assert_non_null(s);
    *state = s;
    remote_session_open(s, SERVER_GDBSERVER_ATTACH);
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

static void test_physical_is_not_there(void **state)
{
    struct remote_session *s = *state;
    uint8_t b[8];
    uint32_t n = 0;
    /* A process has no physical memory: fails, and the target goes on. */
    assert_true(FAILED(ds_read_physical(s->t, 0x1000, b, sizeof b, &n)));
    assert_hr(S_OK, ds_read_virtual(s->t, s->static_text, b, 8, &n), s->t);
    assert_memory_equal(b, "remote_t", 8);
}

/* ---- each with its own server -------------------------------------------- */

/* The session of the test running; its teardown ends whatever is left of it
   when a check failed half-way. */
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

static void test_open_gdb_prefix(void **state)
{
    (void)state;
    remote_session_start(&S, SERVER_GDBSERVER_ATTACH);
    char spec[80];
    snprintf(spec, sizeof spec, "gdb:%s", S.srv.spec);
    assert_hr(S_OK, ds_open(spec, 0, &S.t), NULL);
    check_small_reads(&S);
    remote_session_close(&S);
}

static void test_unix_socket(void **state)
{
    (void)state;
    remote_session_start(&S, SERVER_GDBSERVER_ATTACH);
    char path[64], spec[80];
    snprintf(path, sizeof path, "/tmp/ds-remote-%d.sock", (int)getpid());
    PROXY = delay_proxy_start(S.srv.port, 0, path);
    assert_non_null(PROXY);
    snprintf(spec, sizeof spec, "unix:%s", path);
    remote_session_connect(&S, spec);
    check_small_reads(&S);
    check_threads(&S);
    ds_close(S.t);
    S.t = NULL;
    delay_proxy_stop(PROXY);
    PROXY = NULL;
    remote_session_close(&S);
}

/* Over a 20 ms link (each way) a 1 MiB read must keep several requests in
   flight: counted by the proxy, not timed. */
static void test_delay_link_pipelines(void **state)
{
    (void)state;
    remote_session_start(&S, SERVER_GDBSERVER_ATTACH);
    PROXY = delay_proxy_start(S.srv.port, 20, NULL);
    assert_non_null(PROXY);
    char spec[64];
    snprintf(spec, sizeof spec, "127.0.0.1:%d", delay_proxy_port(PROXY));
    remote_session_connect(&S, spec);
    uint64_t req0, rep0, max0;
    delay_proxy_counts(PROXY, &req0, &rep0, &max0);
    size_t n = 1u << 20;
    uint8_t *got = malloc(n), *want = malloc(n);
    assert_non_null(got);
    assert_non_null(want);
    direct_read(S.h.pid, S.big + 12345, want, n);
    uint32_t r = 0;
    assert_hr(S_OK, ds_read_virtual_uncached(S.t, S.big + 12345, got, (uint32_t)n, &r), S.t);
    assert_int_equal(r, n);
    assert_memory_equal(got, want, n);
    uint64_t req, rep, max;
    delay_proxy_counts(PROXY, &req, &rep, &max);
    print_message("1 MiB over the 20 ms link: %llu requests, at most %llu in flight\n",
                  (unsigned long long)(req - req0), (unsigned long long)max);
    assert_true(max >= 2);
    /* And the partial-read rule still holds through it. */
    check_oracle_cases(&S);
    free(got);
    free(want);
    ds_close(S.t);
    S.t = NULL;
    delay_proxy_stop(PROXY);
    PROXY = NULL;
    remote_session_close(&S);
}

/* With qSearch:memory (gdbserver's) a search of 4 MiB is a few packets;
   reading the bytes would be some 450 'm' requests: counted by a proxy. */
static void test_search_uses_qsearch(void **state)
{
    (void)state;
    remote_session_start(&S, SERVER_GDBSERVER_ATTACH);
    PROXY = delay_proxy_start(S.srv.port, 0, NULL);
    assert_non_null(PROXY);
    char spec[64];
    snprintf(spec, sizeof spec, "127.0.0.1:%d", delay_proxy_port(PROXY));
    remote_session_connect(&S, spec);
    uint64_t req0, rep0, max0, req, rep, max, m = 0;
    delay_proxy_counts(PROXY, &req0, &rep0, &max0);
    assert_hr(HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES),
              ds_search_virtual(S.t, S.big, S.big_size, "absent-pattern!", 15, 1, &m), S.t);
    assert_hr(S_OK, ds_search_virtual(S.t, S.big, S.big_size, "remote-needle-7f3a", 18, 1, &m),
              S.t);
    assert_int_equal(m, S.needle);
    delay_proxy_counts(PROXY, &req, &rep, &max);
    print_message("two 4 MiB searches: %llu requests\n", (unsigned long long)(req - req0));
    assert_true(req - req0 < 64);
}

/* Modules, where the backend offers them (qXfer:libraries-svr4): the helper's
   own image among them. Where not, a clear E_NOTIMPL or none at all. */
static void test_modules(void **state)
{
    struct remote_session *s = *state;
    uint32_t n = 0;
    HRESULT hr = ds_get_number_modules(s->t, &n);
    print_message("modules: 0x%08x, %u: %s\n", (unsigned)hr, n, ds_error_text(s->t));
    if (FAILED(hr)) {
        assert_hr(E_NOTIMPL, hr, s->t);
        return;
    }
    if (n == 0)
        return; /* the backend lists none */
    assert_true(n >= 2); /* the program, libc at least */
    bool own = false;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t base = 0, size = 0;
        char name[4096];
        uint32_t need = 0;
        assert_true(SUCCEEDED(ds_get_module(s->t, i, &base, &size, name, sizeof name, &need)));
        own |= s->code >= base && s->code < base + size && strstr(name, "remote_target");
    }
    assert_true(own);
}

/* Closing leaves the process as found: running, answering, unchanged. */
static void test_close_leaves_process_running(void **state)
{
    (void)state;
    remote_session_open(&S, SERVER_GDBSERVER_ATTACH);
    char text[41];
    uint32_t n = 0;
    assert_hr(S_OK, ds_read_virtual(S.t, S.static_text, text, 41, &n), S.t);
    /* While attached the process is stopped (it cannot answer). */
    assert_false(helper_answers(&S.h, "nop", 200));
    ds_close(S.t);
    S.t = NULL;
    /* The late "ok" to the command sent while it was stopped comes first. */
    char line[64];
    struct pollfd pf = { .fd = fileno(S.h.from), .events = POLLIN };
    assert_int_equal(poll(&pf, 1, 5000), 1);
    assert_non_null(fgets(line, sizeof line, S.h.from));
    assert_string_equal(line, "ok\n");
    assert_true(helper_answers(&S.h, "nop", 5000));
    assert_int_equal(process_state(S.h.pid) == 't', 0);
}

struct reader {
    ds_target *t;
    uint64_t at;
    uint32_t size;
    HRESULT last;
    int rounds;
    volatile int started;
};

static void *read_until_failure(void *arg)
{
    struct reader *r = arg;
    uint8_t *buf = malloc(r->size);
    for (r->rounds = 0; r->rounds < 100000; r->rounds++) {
        uint32_t n = 0;
        r->started = 1;
        r->last = ds_read_virtual_uncached(r->t, r->at, buf, r->size, &n);
        if (FAILED(r->last))
            break;
    }
    free(buf);
    return NULL;
}

static void test_server_killed_mid_read(void **state)
{
    (void)state;
    remote_session_start(&S, SERVER_GDBSERVER_ATTACH);
    char spec[96];
    snprintf(spec, sizeof spec, "%s,timeout=3000", S.srv.spec);
    remote_session_connect(&S, spec);
    struct reader r = { .t = S.t, .at = S.big, .size = (uint32_t)S.big_size };
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, read_until_failure, &r), 0);
    while (!r.started)
        sleep_ms(1);
    sleep_ms(30);
    double t0 = monotonic_s();
    server_stop(&S.srv);
    pthread_join(th, NULL);
    double took = monotonic_s() - t0;
    print_message("the read failed %.3f s after the kill (0x%08x): %s\n", took, (unsigned)r.last,
                  ds_error_text(S.t));
    assert_true(FAILED(r.last));
    assert_true(took < 15); /* a hang detector, not a speed test */
    /* Every later call fails at once, with a sentence naming the server. */
    uint8_t b[8];
    uint32_t n;
    assert_true(FAILED(ds_read_virtual_uncached(S.t, S.static_text, b, 8, &n)));
    assert_non_null(strstr(ds_error_text(S.t), S.srv.spec));
    /* The process the server had attached to lives on and runs. */
    assert_true(helper_answers(&S.h, "nop", 5000));
    remote_session_close(&S);
}

/* gdbserver launching remote_target: stopped before its first instruction,
   with its static data (a non-PIE program) where a normal run has it. */
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
    uint64_t text = helper_value(&h, "static_text"), bytes = helper_value(&h, "static_bytes");
    helper_stop(&h);
    char *argv[] = { (char *)helper_path("remote_target"), NULL };
    server_start(&LAUNCHED, SERVER_GDBSERVER_LAUNCH, 0, argv);
    ds_target *t = NULL;
    HRESULT hr = ds_connect(LAUNCHED.spec, 0, &t);
    if (hr != S_OK) {
        fail_msg("ds_connect(%s): 0x%08x %s", LAUNCHED.spec, (unsigned)hr, ds_error_text(NULL));
    }
    char buf[64] = "";
    uint32_t n = 0;
    assert_hr(S_OK, ds_read_virtual(t, text, buf, 41, &n), t);
    assert_string_equal(buf, "remote_target static: needle-$#}*-STATIC");
    uint8_t run[16];
    assert_hr(S_OK, ds_read_virtual(t, bytes + 2048 - 8, run, 16, &n), t);
    for (int i = 0; i < 16; i++)
        assert_int_equal(run[i], i < 8 ? 0x22 : 0x33);
    /* The process is gdbserver's child, running our helper. */
    pid_t kids[8];
    int k = child_pids(LAUNCHED.pid, kids, 8);
    assert_int_equal(k, 1);
    assert_int_equal(ds_process_id(t), (uint32_t)kids[0]);
    uint32_t threads = 0;
    assert_hr(S_OK, ds_get_number_threads(t, &threads), t);
    assert_int_equal(threads, 1);
    /* Writes land in the launched process. */
    assert_hr(S_OK, ds_write_virtual(t, bytes, "$#}*", 4, &n), t);
    assert_int_equal(n, 4);
    uint8_t back[4];
    direct_read(kids[0], bytes, back, 4);
    assert_memory_equal(back, "$#}*", 4);
    ds_close(t);
    server_stop(&LAUNCHED);
}

int main(void)
{
    /* One group (tests/run.sh counts one summary a program): the first
       tests share the attached session of the group's setup, the others
       start their own server. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_small_reads),
        cmocka_unit_test(test_big_reads),
        cmocka_unit_test(test_oracle_cases),
        cmocka_unit_test(test_search_finds),
        cmocka_unit_test(test_query_maps),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_physical_is_not_there),
        cmocka_unit_test(test_modules),
        cmocka_unit_test(test_writes),
        cmocka_unit_test_teardown(test_open_gdb_prefix, own_teardown),
        cmocka_unit_test_teardown(test_unix_socket, own_teardown),
        cmocka_unit_test_teardown(test_delay_link_pipelines, own_teardown),
        cmocka_unit_test_teardown(test_search_uses_qsearch, own_teardown),
        cmocka_unit_test_teardown(test_close_leaves_process_running, own_teardown),
        cmocka_unit_test_teardown(test_server_killed_mid_read, own_teardown),
        cmocka_unit_test_teardown(test_launched, launched_teardown),
    };
    return cmocka_run_group_tests_name("gdbserver", tests, attached_setup, attached_teardown);
}
