/*
 * test_serve — ds_serve (dataspaces serve) with real debuggers as clients:
 * gdb and lldb read a minidump, an ELF core and a live process through the
 * stub, and what they print is checked against the bytes and registers the
 * test planted. A hostile client (garbage, bad checksums, an endless
 * packet, absurd lengths, a disconnect mid-reply) leaves the stub serving.
 */
#include "testlib.h"
#include "elfcore_builder.h"
#include "minidump_builder.h"
#include "serve_client.h"

#include <dataspaces/serve.h>

#include "rsp/rsp.h"
#include "serve/serve.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_gdb_reads_a_minidump(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = amd64_dump(&m);
    struct served v;
    serve_start(&v, t);

    uint8_t truth[16];
    for (unsigned i = 0; i < 16; i++)
        truth[i] = mdb_pattern(MD_BASE + 0x1000 - 8 + i, 7);
    expect_gdb_reads(&v, MD_BASE + 0x1000 - 8, truth, 16);

    /* Registers from the thread's CONTEXT, threads from the thread list,
       the memory map from QueryVirtual; the same server, a second and
       third client. */
    char *out = gdb(&v, "-ex 'info registers rip rsp' -ex 'info threads' -ex 'info mem'");
    char want[64];
    snprintf(want, sizeof want, "rip            0x%llx", MD_PC);
    if (!strstr(out, want))
        fail_msg("gdb's rip is not 0x%llx:\n%s", MD_PC, out);
    snprintf(want, sizeof want, "rsp            0x%llx", MD_SP);
    if (!strstr(out, want))
        fail_msg("gdb's rsp is not 0x%llx:\n%s", MD_SP, out);
    /* gdb asks for multiprocess+: "Thread PID.TID", PID 1 for a dump
       that names no process. */
    if (!strstr(out, "Thread 1.4660") || !strstr(out, "Thread 1.4664"))
        fail_msg("gdb does not list threads 0x1234 and 0x1238:\n%s", out);
    snprintf(want, sizeof want, "0x%016llx 0x%016llx", MD_BASE, MD_BASE + MD_SIZE);
    if (!strstr(out, want))
        fail_msg("gdb's memory map lacks [0x%llx, 0x%llx):\n%s", MD_BASE, MD_BASE + MD_SIZE,
                 out);
    free(out);

    /* A read running off the end: the readable part, then gdb's error. */
    out = gdb(&v, "-ex 'x/16xb 0x10001ff8'");
    uint8_t got[16];
    size_t k = gdb_bytes(out, MD_BASE + MD_SIZE - 8, got, 16);
    if (k != 8 || !strstr(out, "Cannot access memory at address 0x10002000"))
        fail_msg("a read across the end of memory gave %zu bytes:\n%s", k, out);
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(got[i], mdb_pattern(MD_BASE + MD_SIZE - 8 + i, 7));
    free(out);

    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

static void test_gdb_reads_x86_registers(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_X86, 2);
    mdb_memory_pattern(&m, 0x12f000, 0x1000, 9, MDB_IN_LIST32);
    struct mdb_thread *th = mdb_thread(&m, 0x42, 0x12f000, 0x1000);
    th->pc = 0x401234;
    th->sp = 0x12ff00;
    ds_target *t = mdb_open(&m, 0);
    struct served v;
    serve_start(&v, t);
    char *out = gdb(&v, "-ex 'info registers eip esp' -ex 'x/4xb 0x12ff00'");
    if (!strstr(out, "eip            0x401234") || !strstr(out, "esp            0x12ff00"))
        fail_msg("gdb's eip/esp are not the context's:\n%s", out);
    uint8_t got[4];
    if (gdb_bytes(out, 0x12ff00, got, 4) != 4)
        fail_msg("gdb did not read 4 bytes at 0x12ff00:\n%s", out);
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(got[i], mdb_pattern(0x12ff00 + i, 9));
    free(out);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

/* ---- a hostile client ----------------------------------------------------- */

static void send_text(int fd, const char *text, size_t n)
{
    assert_int_equal(send(fd, text, n, MSG_NOSIGNAL), (ssize_t)n);
}

static void send_packet(int fd, const char *payload)
{
    char frame[512];
    size_t n = rsp_frame(frame, sizeof frame, payload, strlen(payload));
    send_text(fd, frame, n);
}

/* Read until the peer closes; the bytes read (bounded by cap). */
static size_t read_to_close(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    for (;;) {
        ssize_t got = recv(fd, buf + len, cap - len, 0);
        if (got <= 0)
            return len;
        len += (size_t)got;
        if (len == cap)
            len = 0; /* keep reading: only the end matters */
    }
}

static void test_hostile_clients(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = amd64_dump(&m);
    struct served v;
    serve_start(&v, t);
    static char buf[1 << 16];

    /* Garbage outside any packet: the connection is closed. */
    int fd = serve_connect(&v);
    for (int i = 0; i < 10; i++)
        send_text(fd, "GARBAGE garbage GARBAGE garbage GARBAGE garbage GARBAGE garbage 12345678"
                      "GARBAGE garbage GARBAGE garbage GARBAGE garbage GARBAGE garbage 12345678"
                      "GARBAGE garbage GARBAGE garbage GARBAGE garbage GARBAGE garbage 12345678"
                      "GARBAGE garbage GARBAGE garbage GARBAGE garbage GARBAGE garbage 12345678"
                      "GARBAGE garbage GARBAGE garbage GARBAGE garbage GARBAGE garbage 12345678"
                      "GARBAGE garbage GARBAGE garbage GARBAGE garbage GARBAGE garbage 12345678"
                      , 432);
    read_to_close(fd, buf, sizeof buf);
    close(fd);

    /* Bad checksums: '-' each time, then closed. */
    fd = serve_connect(&v);
    for (int i = 0; i < 40; i++)
        send_text(fd, "$g#00", 5);
    size_t n = read_to_close(fd, buf, sizeof buf);
    assert_true(n >= 1 && buf[0] == '-');
    close(fd);

    /* An endless packet: closed at the packet-size limit (sent past it). */
    fd = serve_connect(&v);
    memset(buf, 'A', 4096);
    send_text(fd, "$", 1); /* one '$' only: another would start a new packet */
    for (unsigned i = 0; i < SERVE_PACKET_SIZE / 4096 + 2; i++)
        if (send(fd, buf, 4096, MSG_NOSIGNAL) < 0)
            break;
    read_to_close(fd, buf, sizeof buf);
    close(fd);

    /* Absurd lengths: a bounded, short, correct reply. */
    fd = serve_connect(&v);
    char req[64];
    snprintf(req, sizeof req, "m%llx,ffffffffffffffff", MD_BASE);
    send_packet(fd, req);
    send_packet(fd, "k");
    n = read_to_close(fd, buf, sizeof buf);
    assert_true(n > 2 && buf[0] == '+' && buf[1] == '$');
    const char *hash = memchr(buf + 2, '#', n - 2);
    assert_non_null(hash);
    size_t hex = (size_t)(hash - (buf + 2));
    assert_true(hex > 0 && hex <= SERVE_REPLY_CAP && hex % 2 == 0);
    uint8_t first;
    assert_true(rsp_hex_decode(buf + 2, 2, &first));
    assert_int_equal(first, mdb_pattern(MD_BASE, 7));
    close(fd);

    /* A disconnect mid-reply: ask for a lot and go. */
    for (int i = 0; i < 5; i++) {
        fd = serve_connect(&v);
        snprintf(req, sizeof req, "m%llx,2000", MD_BASE);
        send_packet(fd, req);
        close(fd);
    }

    /* Malformed run-length encoding. */
    fd = serve_connect(&v);
    send_text(fd, "$*x#00", 6);
    read_to_close(fd, buf, sizeof buf);
    close(fd);

    /* After all that, gdb still reads. */
    uint8_t truth[16];
    for (unsigned i = 0; i < 16; i++)
        truth[i] = mdb_pattern(MD_BASE + 0x40 + i, 7);
    expect_gdb_reads(&v, MD_BASE + 0x40, truth, 16);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

/* ---- the packet handler alone ---------------------------------------------- */

static size_t ask(struct serve_session *s, const char *pkt, char *reply)
{
    size_t n = serve_handle_packet(s, pkt, strlen(pkt), reply);
    reply[n] = '\0';
    return n;
}

static void test_packets(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = amd64_dump(&m);
    static char reply[SERVE_REPLY_CAP + 1];
    struct serve_session s;
    serve_session_init(&s, t);
    char req[96];

    /* x, GDB's dialect (the client never probed): "b" + the bytes. */
    snprintf(req, sizeof req, "x%llx,4", MD_BASE);
    assert_int_equal(ask(&s, req, reply), 5);
    assert_int_equal(reply[0], 'b');
    /* Nothing readable: an error, for m and x alike. */
    assert_string_equal((ask(&s, "m20,10", reply), reply), "E0e");
    assert_string_equal((ask(&s, "x20,10", reply), reply), "E0e");
    /* LLDB's probe switches to its bare dialect. */
    assert_string_equal((ask(&s, "x0,0", reply), reply), "OK");
    snprintf(req, sizeof req, "x%llx,4", MD_BASE);
    assert_int_equal(ask(&s, req, reply), 4);
    /* m: a short reply where the range runs into nothing. */
    snprintf(req, sizeof req, "m%llx,100", MD_BASE + MD_SIZE - 4);
    assert_int_equal(ask(&s, req, reply), 8);
    /* Writes to a dump: refused. Malformed requests: E16. */
    snprintf(req, sizeof req, "M%llx,1:00", MD_BASE);
    assert_string_equal((ask(&s, req, reply), reply), "E0e");
    assert_string_equal((ask(&s, "m,", reply), reply), "E16");
    assert_string_equal((ask(&s, "m1,2,3", reply), reply), "E16");
    assert_string_equal((ask(&s, "M1,2:0", reply), reply), "E16");
    /* Threads, stop reply, unknown packets. */
    assert_string_equal((ask(&s, "qfThreadInfo", reply), reply), "m1234,1238");
    assert_string_equal((ask(&s, "qsThreadInfo", reply), reply), "l");
    assert_string_equal((ask(&s, "?", reply), reply), "T05thread:1234;");
    assert_string_equal((ask(&s, "Hg1238", reply), reply), "OK");
    assert_string_equal((ask(&s, "qC", reply), reply), "QC1238");
    assert_string_equal((ask(&s, "Hg999", reply), reply), "E02");
    assert_int_equal(ask(&s, "vMustReplyEmpty", reply), 0);
    assert_int_equal(ask(&s, "Zwhatever", reply), 0);
    /* qXfer in chunks: "m" then "l", the pieces make the document. */
    assert_int_equal(ask(&s, "qXfer:features:read:target.xml:0,10", reply), 17);
    assert_int_equal(reply[0], 'm');
    assert_string_equal(reply + 1, "<?xml version=\"1");
    assert_int_equal(ask(&s, "qXfer:features:read:target.xml:100000,10", reply), 1);
    assert_string_equal(reply, "l");
    assert_string_equal((ask(&s, "qXfer:features:read:other.xml:0,10", reply), reply), "E00");
    ask(&s, "qXfer:memory-map:read::0,ffff", reply);
    assert_int_equal(reply[0], 'l');
    assert_non_null(strstr(reply, "start=\"0x10000000\" length=\"0x2000\""));
    /* g: x86-64's 536 bytes, rip at byte 128. */
    assert_string_equal((ask(&s, "Hg1234", reply), reply), "OK");
    assert_int_equal(ask(&s, "g", reply), 2 * 536);
    assert_memory_equal(reply + 256, "78563412f67f0000", 16);
    assert_string_equal((ask(&s, "p10", reply), reply), "78563412f67f0000");
    assert_string_equal((ask(&s, "p999", reply), reply), "E16");
    /* lldb's regions: mapped, and the free rest above the last one. */
    snprintf(req, sizeof req, "qMemoryRegionInfo:%llx", MD_BASE + 0x10);
    ask(&s, req, reply);
    assert_string_equal(reply, "start:10000000;size:2000;permissions:rw;");
    ask(&s, "qMemoryRegionInfo:ffffffffffff0000", reply);
    assert_non_null(strstr(reply, "size:"));
    assert_null(strstr(reply, "permissions"));
    /* k and D end the session. */
    assert_false(s.end);
    ask(&s, "D", reply);
    assert_true(s.end);
    serve_session_release(&s);
    ds_close(t);
    mdb_free(&m);
}

/* ---- reads longer than a packet -------------------------------------------- */

/* BIG_SIZE pattern bytes (seed 11) at BIG_BASE: three packets' worth, so a
   read of all of it cannot fit one reply. */
#define BIG_BASE 0x20000000ull
#define BIG_SIZE (3u * SERVE_PACKET_SIZE)

static ds_target *big_dump(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, 2);
    mdb_memory_pattern(m, BIG_BASE, BIG_SIZE, 11, MDB_IN_LIST64);
    mdb_thread(m, 0x99, BIG_BASE, 0x1000);
    return mdb_open(m, 0);
}

/* m and x asking for more than PacketSize: a short reply that fills the
   reply buffer, every byte the target's. */
static void test_read_longer_than_a_packet(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = big_dump(&m);
    static char reply[SERVE_REPLY_CAP + 1];
    static uint8_t bytes[SERVE_REPLY_CAP];
    struct serve_session s;
    serve_session_init(&s, t);
    char req[64];
    const uint64_t at = BIG_BASE + 3; /* unaligned, as gdb's reads may be */

    snprintf(req, sizeof req, "m%llx,%x", (unsigned long long)at, 2 * SERVE_PACKET_SIZE);
    size_t n = serve_handle_packet(&s, req, strlen(req), reply);
    assert_int_equal(n, SERVE_REPLY_CAP); /* short: half the cap in bytes */
    assert_true(rsp_hex_decode(reply, n, bytes));
    for (size_t i = 0; i < n / 2; i++)
        if (bytes[i] != mdb_pattern(at + i, 11))
            fail_msg("m's byte %zu (0x%llx) is 0x%02x, not the dump's 0x%02x", i,
                     (unsigned long long)(at + i), bytes[i], mdb_pattern(at + i, 11));

    /* x in GDB's dialect: "b" + escaped bytes, within the cap. */
    snprintf(req, sizeof req, "x%llx,%x", (unsigned long long)at, 2 * SERVE_PACKET_SIZE);
    n = serve_handle_packet(&s, req, strlen(req), reply);
    assert_true(n > 1 && n <= SERVE_REPLY_CAP);
    assert_int_equal(reply[0], 'b');
    size_t got;
    assert_true(rsp_unescape(reply + 1, n - 1, bytes, sizeof bytes, &got));
    assert_int_equal(got, (SERVE_REPLY_CAP - 1) / 2); /* escaping at most doubles */
    for (size_t i = 0; i < got; i++)
        if (bytes[i] != mdb_pattern(at + i, 11))
            fail_msg("x's byte %zu (0x%llx) is 0x%02x, not the dump's 0x%02x", i,
                     (unsigned long long)(at + i), bytes[i], mdb_pattern(at + i, 11));

    /* A read that runs past the end: the readable part only. */
    snprintf(req, sizeof req, "m%llx,%x", (unsigned long long)(BIG_BASE + BIG_SIZE - 5),
             SERVE_PACKET_SIZE);
    assert_int_equal(serve_handle_packet(&s, req, strlen(req), reply), 10);
    serve_session_release(&s);
    ds_close(t);
    mdb_free(&m);
}

/* gdb, told PacketSize, asks for large pieces; its dump of all of BIG_SIZE
   (several replies, the last one partial) must be the dump's bytes. */
static void test_gdb_dumps_more_than_a_packet(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = big_dump(&m);
    struct served v;
    serve_start(&v, t);
    char path[64], cmd[192];
    snprintf(path, sizeof path, "/tmp/ds_serve_dump_%d.bin", (int)getpid());
    const uint64_t from = BIG_BASE + 1, to = BIG_BASE + BIG_SIZE - 1;
    snprintf(cmd, sizeof cmd, "-ex 'dump binary memory %s 0x%llx 0x%llx'", path,
             (unsigned long long)from, (unsigned long long)to);
    char *out = gdb(&v, cmd);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("gdb wrote no %s:\n%s", path, out);
    static uint8_t file[BIG_SIZE];
    size_t n = fread(file, 1, sizeof file, f);
    fclose(f);
    unlink(path);
    if (n != to - from)
        fail_msg("gdb's dump holds %zu bytes, not %llu:\n%s", n,
                 (unsigned long long)(to - from), out);
    for (size_t i = 0; i < n; i++)
        if (file[i] != mdb_pattern(from + i, 11))
            fail_msg("gdb's dump byte %zu (0x%llx) is 0x%02x, not the dump's 0x%02x", i,
                     (unsigned long long)(from + i), file[i], mdb_pattern(from + i, 11));
    free(out);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

static void test_listen_specs(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = amd64_dump(&m);
    ds_server *s;
    assert_hr(E_INVALIDARG, ds_server_open(t, "127.0.0.1:99999", 0, &s), NULL);
    assert_non_null(strstr(ds_error_text(NULL), "127.0.0.1:99999"));
    assert_hr(E_INVALIDARG, ds_server_open(t, "127.0.0.1:", 0, &s), NULL);
    assert_hr(E_INVALIDARG, ds_server_open(t, NULL, 0x80, &s), NULL);
    assert_hr(S_OK, ds_server_open(t, ":0", 0, &s), NULL);
    assert_true(strncmp(ds_server_address(s), "127.0.0.1:", 10) == 0);
    ds_server_close(s);
    char path[64];
    snprintf(path, sizeof path, "/tmp/ds_serve_%d.sock", (int)getpid());
    char spec[80];
    snprintf(spec, sizeof spec, "unix:%s", path);
    assert_hr(S_OK, ds_server_open(t, spec, DS_SERVE_ONCE, &s), NULL);
    assert_string_equal(ds_server_address(s), spec);
    assert_int_equal(ds_server_port(s), 0);
    assert_int_equal(access(path, F_OK), 0);
    ds_server_close(s);
    assert_int_not_equal(access(path, F_OK), 0); /* removed */
    ds_close(t);
    mdb_free(&m);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_packets),
        cmocka_unit_test(test_read_longer_than_a_packet),
        cmocka_unit_test(test_gdb_dumps_more_than_a_packet),
        cmocka_unit_test(test_listen_specs),
        cmocka_unit_test(test_gdb_reads_a_minidump),
        cmocka_unit_test(test_gdb_reads_x86_registers),
        cmocka_unit_test(test_hostile_clients),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
