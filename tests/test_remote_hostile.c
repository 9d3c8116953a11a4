/*
 * test_remote_hostile — what ds_connect and the reads do when the other end
 * is not a sound GDB server: bad target specifications, a closed port, a
 * port that accepts and says nothing, a web server, garbage, bad checksums,
 * a packet that never ends, replies longer than asked, a million 'O'
 * packets, a server that dies in the middle of a reply, a run-length bomb,
 * digits that are not hex, a PacketSize of 1, notifications between replies. Each gives a clear
 * error (a sentence naming the host:port) within the timeout the caller
 * set (",timeout=MS" in the spec) plus slack, with bounded memory; none
 * hangs or crashes. A sound fake (tests/lib/fake_rsp.h, ack mode only,
 * all-or-nothing reads) checks the same paths work when nothing is wrong.
 */
#include "testlib.h"
#include "fake_rsp.h"
#include "remote_servers.h"
#include "remote_checks.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define TIMEOUT_MS 1500
/* A hang detector, not a speed test: the timeout, several times over. */
#define BOUND_S 20.0

static struct fake_rsp *FAKE;
static ds_target *T;

static int fake_teardown(void **state)
{
    (void)state;
    ds_close(T);
    T = NULL;
    fake_rsp_stop(FAKE);
    FAKE = NULL;
    return 0;
}

static long max_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* ds_connect to the fake with our timeout: its HRESULT, how long it took. */
static HRESULT connect_fake(enum fake_mode mode, double *took)
{
    FAKE = fake_rsp_start(mode);
    assert_non_null(FAKE);
    char spec[64];
    snprintf(spec, sizeof spec, "%s,timeout=%d", fake_rsp_spec(FAKE), TIMEOUT_MS);
    double t0 = monotonic_s();
    HRESULT hr = ds_connect(spec, 0, &T);
    *took = monotonic_s() - t0;
    return hr;
}

/* The connection must fail, in time, saying where. */
static void expect_connect_fails(enum fake_mode mode, const char *what)
{
    long rss0 = max_rss_kib();
    double took;
    HRESULT hr = connect_fake(mode, &took);
    const char *text = ds_error_text(NULL);
    print_message("%s: 0x%08x after %.2f s: %s\n", what, (unsigned)hr, took, text);
    assert_true(FAILED(hr));
    assert_true(hr != E_NOTIMPL);
    assert_null(T);
    assert_true(took < BOUND_S);
    /* It did connect. */
    assert_true(fake_rsp_accepted(FAKE) > 0);
    char port[16];
    snprintf(port, sizeof port, "%d", fake_rsp_port(FAKE));
    assert_non_null(strstr(text, port));
    /* Bounded memory: the endless packet alone is 256 MiB. */
    assert_true(max_rss_kib() - rss0 < 64 * 1024);
}

static void test_silent_port(void **state)
{
    (void)state;
    expect_connect_fails(FAKE_SILENT, "a port that says nothing");
}

static void test_http_port(void **state)
{
    (void)state;
    expect_connect_fails(FAKE_HTTP, "a web server");
}

static void test_garbage(void **state)
{
    (void)state;
    expect_connect_fails(FAKE_GARBAGE, "4 MiB of unframed bytes");
}

static void test_bad_checksums(void **state)
{
    (void)state;
    expect_connect_fails(FAKE_BAD_CHECKSUM, "every checksum wrong");
}

static void test_endless_packet(void **state)
{
    (void)state;
    expect_connect_fails(FAKE_ENDLESS_PACKET, "a packet that never ends");
}

static void test_closed_port(void **state)
{
    (void)state;
    char spec[64];
    snprintf(spec, sizeof spec, "127.0.0.1:%d,timeout=%d", free_tcp_port(), TIMEOUT_MS);
    double t0 = monotonic_s();
    HRESULT hr = ds_connect(spec, 0, &T);
    double took = monotonic_s() - t0;
    print_message("closed port: 0x%08x after %.2f s: %s\n", (unsigned)hr, took,
                  ds_error_text(NULL));
    assert_true(FAILED(hr));
    assert_null(T);
    assert_true(took < BOUND_S);
    assert_non_null(strstr(ds_error_text(NULL), "127.0.0.1"));
    assert_non_null(strcasestr(ds_error_text(NULL), "refused")); /* the errno's words */
}

static void test_bad_specs(void **state)
{
    (void)state;
    static const char *bad[] = {
        "", "127.0.0.1", "127.0.0.1:", ":1234", "127.0.0.1:0", "127.0.0.1:65536",
        "127.0.0.1:99999999999999999999", "127.0.0.1:12ab", "127.0.0.1:-5", "[::1",
        "[::1]", "[::1]:", "::1:80", "unix:", "127.0.0.1:1234,timeout=", "127.0.0.1:1234,bogus=1",
        "127.0.0.1:1234,timeout=-1", "127.0.0.1:1234,pid=0", ",timeout=5",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double t0 = monotonic_s();
        ds_target *t = (ds_target *)0x1;
        HRESULT hr = ds_connect(bad[i], 0, &t);
        double took = monotonic_s() - t0;
        if (hr != E_INVALIDARG || t != NULL || took > BOUND_S)
            fail_msg("ds_connect(\"%s\"): 0x%08x, target %p, %.2f s", bad[i], (unsigned)hr,
                     (void *)t, took);
        assert_true(strlen(ds_error_text(NULL)) > 10);
    }
    /* NULL spec and NULL out. */
    ds_target *t = NULL;
    assert_true(FAILED(ds_connect(NULL, 0, &t)));
    assert_true(FAILED(ds_connect("127.0.0.1:1", 0, NULL)));
    assert_true(FAILED(ds_open("gdb:", 0, &t)));
    assert_null(t);
    /* A unix socket nobody listens on. */
    char spec[96];
    snprintf(spec, sizeof spec, "unix:/tmp/ds-remote-none-%d.sock", (int)getpid());
    assert_true(FAILED(ds_connect(spec, 0, &t)));
    assert_null(t);
    assert_non_null(strstr(ds_error_text(NULL), "ds-remote-none"));
}

/* ---- handshakes that pass, then reads that go wrong ------------------------ */

/* Connect (must work: the handshake is sound), then one 16-byte read. */
static HRESULT connect_then_read(enum fake_mode mode, double *took, uint8_t *buf, uint32_t *got)
{
    double t_connect;
    HRESULT hr = connect_fake(mode, &t_connect);
    if (hr != S_OK)
        fail_msg("ds_connect(%s): 0x%08x %s", fake_rsp_spec(FAKE), (unsigned)hr,
                 ds_error_text(NULL));
    double t0 = monotonic_s();
    hr = ds_read_virtual_uncached(T, FAKE_MEM_BASE + 0x100, buf, 16, got);
    *took = monotonic_s() - t0;
    print_message("read: 0x%08x after %.2f s: %s\n", (unsigned)hr, *took, ds_error_text(T));
    return hr;
}

static void test_sound_fake(void **state)
{
    (void)state;
    uint8_t buf[0x3000];
    uint32_t got = 0;
    double took;
    assert_hr(S_OK, connect_then_read(FAKE_GOOD, &took, buf, &got), T);
    assert_int_equal(got, 16);
    for (int i = 0; i < 16; i++)
        assert_int_equal(buf[i], fake_rsp_byte(FAKE_MEM_BASE + 0x100 + i));
    /* Larger than one packet (0x7ff bytes at PacketSize 0x1000). */
    assert_hr(S_OK, ds_read_virtual_uncached(T, FAKE_MEM_BASE, buf, 0x3000, &got), T);
    assert_int_equal(got, 0x3000);
    for (int i = 0; i < 0x3000; i++)
        assert_int_equal(buf[i], fake_rsp_byte(FAKE_MEM_BASE + i));
    /* All-or-nothing errors past the end: the readable prefix, exactly. */
    assert_hr(S_OK, ds_read_virtual_uncached(T, FAKE_MEM_BASE + FAKE_MEM_SIZE - 100, buf, 300,
                                             &got), T);
    assert_int_equal(got, 100);
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT),
              ds_read_virtual(T, FAKE_MEM_BASE + FAKE_MEM_SIZE, buf, 16, &got), T);
    /* Writes with M (the fake refuses X). */
    uint32_t n = 0;
    assert_hr(S_OK, ds_write_virtual(T, FAKE_MEM_BASE + 8, "$#}*", 4, &n), T);
    assert_int_equal(n, 4);
    assert_hr(S_OK, ds_read_virtual_uncached(T, FAKE_MEM_BASE + 6, buf, 8, &got), T);
    assert_memory_equal(buf + 2, "$#}*", 4);
    assert_int_equal(buf[0], fake_rsp_byte(FAKE_MEM_BASE + 6));
    /* A search by reading (the fake has no qSearch). */
    uint64_t m = 0;
    uint8_t pat[5];
    for (int i = 0; i < 5; i++)
        pat[i] = fake_rsp_byte(FAKE_MEM_BASE + 0x2345 + i);
    assert_hr(S_OK, ds_search_virtual(T, FAKE_MEM_BASE + 0x2000, 0x1000, pat, 5, 1, &m), T);
    /* byte i*13+7 repeats every 256 bytes: the first match. */
    assert_int_equal(m, FAKE_MEM_BASE + 0x2045);
    uint32_t threads = 0;
    assert_hr(S_OK, ds_get_number_threads(T, &threads), T);
    assert_int_equal(threads, 1);
}

static void test_sound_fake_v6(void **state)
{
    (void)state;
    FAKE = fake_rsp_start_v6(FAKE_GOOD);
    assert_non_null(FAKE);
    char spec[64];
    snprintf(spec, sizeof spec, "%s,timeout=%d", fake_rsp_spec(FAKE), TIMEOUT_MS);
    assert_hr(S_OK, ds_connect(spec, 0, &T), NULL);
    uint8_t buf[4];
    uint32_t got;
    assert_hr(S_OK, ds_read_virtual(T, FAKE_MEM_BASE, buf, 4, &got), T);
    assert_int_equal(buf[3], fake_rsp_byte(FAKE_MEM_BASE + 3));
}

static void test_error_reads(void **state)
{
    (void)state;
    uint8_t buf[16];
    uint32_t got;
    double took;
    HRESULT hr = connect_then_read(FAKE_ERROR_READS, &took, buf, &got);
    assert_hr(HRESULT_FROM_WIN32(ERROR_READ_FAULT), hr, T);
    /* An error reply is an answer: the connection goes on, at once. */
    double t0 = monotonic_s();
    assert_true(FAILED(ds_read_virtual_uncached(T, FAKE_MEM_BASE, buf, 16, &got)));
    assert_true(monotonic_s() - t0 < TIMEOUT_MS / 1000.0);
    uint32_t threads = 0;
    assert_hr(S_OK, ds_get_number_threads(T, &threads), T);
}

static void expect_read_fails(enum fake_mode mode)
{
    long rss0 = max_rss_kib();
    uint8_t buf[32];
    memset(buf, 0xEE, sizeof buf);
    uint32_t got = 0;
    double took;
    HRESULT hr = connect_then_read(mode, &took, buf, &got);
    assert_true(took < BOUND_S);
    assert_true(max_rss_kib() - rss0 < 64 * 1024);
    /* Nothing past what was asked was written. */
    for (int i = 16; i < 32; i++)
        assert_int_equal(buf[i], 0xEE);
    assert_true(FAILED(hr));
    char port[16];
    snprintf(port, sizeof port, "%d", fake_rsp_port(FAKE));
    assert_non_null(strstr(ds_error_text(T), port));
    /* Later calls fail too, and in time; close does not hang. */
    double t0 = monotonic_s();
    assert_true(FAILED(ds_read_virtual_uncached(T, FAKE_MEM_BASE, buf, 16, &got)));
    assert_true(monotonic_s() - t0 < BOUND_S);
}

static void test_lying_read(void **state)
{
    (void)state;
    expect_read_fails(FAKE_LYING_READ);
}

static void test_million_o_packets(void **state)
{
    (void)state;
    expect_read_fails(FAKE_MILLION_O);
}

static void test_dies_mid_read(void **state)
{
    (void)state;
    expect_read_fails(FAKE_DIES_MID_READ);
}

static void test_rle_bomb(void **state)
{
    (void)state;
    expect_read_fails(FAKE_RLE_BOMB);
}

static void test_bad_hex(void **state)
{
    (void)state;
    expect_read_fails(FAKE_BAD_HEX);
}

/* PacketSize=1: no read request fits. Either the session is refused or
   the size is raised to something workable; never a loop of empty reads. */
static void test_tiny_packet_size(void **state)
{
    (void)state;
    double took;
    HRESULT hr = connect_fake(FAKE_TINY_PACKETSIZE, &took);
    print_message("PacketSize=1: 0x%08x after %.2f s: %s\n", (unsigned)hr, took,
                  hr == S_OK ? "opened" : ds_error_text(NULL));
    assert_true(took < BOUND_S);
    if (FAILED(hr)) {
        assert_null(T);
        assert_non_null(strstr(ds_error_text(NULL), fake_rsp_spec(FAKE)));
        return;
    }
    uint8_t buf[64];
    uint32_t got = 0;
    double t0 = monotonic_s();
    hr = ds_read_virtual_uncached(T, FAKE_MEM_BASE, buf, sizeof buf, &got);
    assert_true(monotonic_s() - t0 < BOUND_S);
    if (SUCCEEDED(hr))
        for (uint32_t i = 0; i < got; i++)
            assert_int_equal(buf[i], fake_rsp_byte(FAKE_MEM_BASE + i));
}

/* Notifications (%Stop:...) may come before any reply: skipped, never
   acknowledged, never taken for the reply. */
static void test_notifications(void **state)
{
    (void)state;
    uint8_t buf[16];
    uint32_t got = 0;
    double took;
    assert_hr(S_OK, connect_then_read(FAKE_NOTIFICATIONS, &took, buf, &got), T);
    assert_int_equal(got, 16);
    for (int i = 0; i < 16; i++)
        assert_int_equal(buf[i], fake_rsp_byte(FAKE_MEM_BASE + 0x100 + i));
    uint32_t n = 0;
    assert_hr(S_OK, ds_write_virtual(T, FAKE_MEM_BASE, "ab", 2, &n), T);
    assert_hr(S_OK, ds_read_virtual_uncached(T, FAKE_MEM_BASE, buf, 2, &got), T);
    assert_memory_equal(buf, "ab", 2);
}

static void test_huge_packet_size(void **state)
{
    (void)state;
    long rss0 = max_rss_kib();
    double took;
    HRESULT hr = connect_fake(FAKE_HUGE_PACKETSIZE, &took);
    assert_true(took < BOUND_S);
    /* Taken with a grain of salt (clamped): the session opens and a small
       read works. */
    assert_hr(S_OK, hr, NULL);
    uint8_t buf[0x100];
    uint32_t got = 0;
    assert_hr(S_OK, ds_read_virtual_uncached(T, FAKE_MEM_BASE, buf, 0x100, &got), T);
    assert_int_equal(got, 0x100);
    for (uint32_t i = 0; i < got; i++)
        assert_int_equal(buf[i], fake_rsp_byte(FAKE_MEM_BASE + i));
    assert_true(max_rss_kib() - rss0 < 64 * 1024);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_specs),
        cmocka_unit_test_teardown(test_closed_port, fake_teardown),
        cmocka_unit_test_teardown(test_sound_fake, fake_teardown),
        cmocka_unit_test_teardown(test_sound_fake_v6, fake_teardown),
        cmocka_unit_test_teardown(test_silent_port, fake_teardown),
        cmocka_unit_test_teardown(test_http_port, fake_teardown),
        cmocka_unit_test_teardown(test_garbage, fake_teardown),
        cmocka_unit_test_teardown(test_bad_checksums, fake_teardown),
        cmocka_unit_test_teardown(test_endless_packet, fake_teardown),
        cmocka_unit_test_teardown(test_error_reads, fake_teardown),
        cmocka_unit_test_teardown(test_lying_read, fake_teardown),
        cmocka_unit_test_teardown(test_million_o_packets, fake_teardown),
        cmocka_unit_test_teardown(test_dies_mid_read, fake_teardown),
        cmocka_unit_test_teardown(test_huge_packet_size, fake_teardown),
        cmocka_unit_test_teardown(test_rle_bomb, fake_teardown),
        cmocka_unit_test_teardown(test_bad_hex, fake_teardown),
        cmocka_unit_test_teardown(test_tiny_packet_size, fake_teardown),
        cmocka_unit_test_teardown(test_notifications, fake_teardown),
    };
    return cmocka_run_group_tests_name("hostile servers", tests, NULL, NULL);
}
