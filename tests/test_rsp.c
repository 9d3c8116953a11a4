/*
 * test_rsp.c — the GDB remote protocol's packet layer (src/rsp/) alone:
 * hex and numbers, binary escaping, framing and checksums, run-length
 * expansion (the cases gdbserver's encoder produces and the corner cases
 * of its grammar), bad and hostile input, and a connection's deadlines,
 * acks and skipped packets over a socketpair.
 */
#include "testlib.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/un.h>

#include "rsp/rsp.h"

/* ---- hex, numbers, escaping ------------------------------------------------- */

static void test_hex(void **state)
{
    (void)state;
    uint8_t in[4] = { 0x00, 0x7f, 0xa5, 0xff }, out[4];
    char hex[9];
    assert_int_equal(rsp_hex_encode(in, 4, hex), 8);
    hex[8] = '\0';
    assert_string_equal(hex, "007fa5ff");
    assert_true(rsp_hex_decode("007FA5fF", 8, out));
    assert_memory_equal(in, out, 4);
    assert_false(rsp_hex_decode("007", 3, out));   /* odd */
    assert_false(rsp_hex_decode("0g", 2, out));    /* not a digit */
    assert_false(rsp_hex_decode("E0 1", 4, out));
    assert_int_equal(rsp_hex_value('F'), 15);
    assert_int_equal(rsp_hex_value('x'), -1);

    uint64_t v;
    assert_true(rsp_parse_hex_u64("ffffffffffffffff", 16, &v));
    assert_true(v == UINT64_MAX);
    assert_false(rsp_parse_hex_u64("10000000000000000", 17, &v)); /* 17 digits */
    assert_false(rsp_parse_hex_u64("", 0, &v));
    assert_false(rsp_parse_hex_u64("12z", 3, &v));
    const char *s = "47ff;x", *end = s + 6;
    assert_true(rsp_scan_hex_u64(&s, end, &v));
    assert_true(v == 0x47ff && *s == ';');
    s = ";1";
    assert_false(rsp_scan_hex_u64(&s, s + 2, &v));
}

static void test_escape_roundtrip(void **state)
{
    (void)state;
    uint8_t all[256], back[256];
    for (int i = 0; i < 256; i++)
        all[i] = (uint8_t)i;
    char esc[512];
    size_t took;
    size_t n = rsp_escape(all, 256, esc, sizeof esc, &took);
    assert_int_equal(took, 256);
    assert_int_equal(n, 256 + 4); /* '#', '$', '*', '}' take two bytes */
    for (size_t i = 0; i < n; i++)
        if (esc[i] == '#' || esc[i] == '$' || esc[i] == '*')
            fail_msg("unescaped 0x%02x at %zu", (uint8_t)esc[i], i);
    size_t got;
    assert_true(rsp_unescape(esc, n, back, sizeof back, &got));
    assert_int_equal(got, 256);
    assert_memory_equal(all, back, 256);
    /* lldb-server's escapes: 0x23 0x24 0x2a 0x7d as '}' 03 04 0a 5d. */
    assert_true(rsp_unescape("}\x03}\x04}\x0a}]", 8, back, 4, &got));
    assert_int_equal(got, 4);
    assert_memory_equal(back, "#$*}", 4);
    /* Any escaped byte decodes ("}}" is ']'). */
    assert_true(rsp_unescape("}}", 2, back, 1, &got));
    assert_int_equal(back[0], ']');
}

static void test_escape_bounds(void **state)
{
    (void)state;
    uint8_t src[3] = { 'a', '}', 'b' }, dst[4];
    char esc[8];
    size_t took;
    /* An escape pair never splits: 2 bytes of room take 'a' only. */
    assert_int_equal(rsp_escape(src, 3, esc, 2, &took), 1);
    assert_int_equal(took, 1);
    assert_int_equal(rsp_escape(src, 3, esc, 3, &took), 3);
    assert_int_equal(took, 2);
    size_t got;
    assert_false(rsp_unescape("ab}", 3, dst, sizeof dst, &got)); /* ends inside an escape */
    assert_false(rsp_unescape("abcde", 5, dst, 4, &got));        /* does not fit */
    assert_int_equal(got, 4);
}

/* ---- framing ------------------------------------------------------------------ */

/* Feed a whole string; the events and the last payload. */
struct feed_result {
    enum rsp_event ev[16];
    int n;
    char payload[4096];
    size_t len;
};

static void feed_all(const char *wire, size_t wire_len, size_t cap, struct feed_result *fr)
{
    static char buf[8192];
    struct rsp_parser p;
    rsp_parser_init(&p, buf, cap);
    memset(fr, 0, sizeof *fr);
    size_t off = 0;
    while (off < wire_len && fr->n < 16) {
        enum rsp_event ev;
        off += rsp_parser_feed(&p, (const uint8_t *)wire + off, wire_len - off, &ev);
        if (ev == RSP_EV_NONE)
            break;
        fr->ev[fr->n++] = ev;
        if (ev == RSP_EV_PACKET || ev == RSP_EV_NOTIFY) {
            memcpy(fr->payload, p.buf, p.len);
            fr->len = p.len;
        }
    }
}

static void test_frame_roundtrip(void **state)
{
    (void)state;
    char wire[64];
    size_t n = rsp_frame(wire, sizeof wire, "OK", 2);
    assert_int_equal(n, 6);
    assert_memory_equal(wire, "$OK#9a", 6);
    assert_int_equal(rsp_frame(wire, 5, "OK", 2), 0); /* does not fit */
    struct feed_result fr;
    feed_all("+$OK#9a-", 8, 64, &fr);
    assert_int_equal(fr.n, 3);
    assert_int_equal(fr.ev[0], RSP_EV_ACK);
    assert_int_equal(fr.ev[1], RSP_EV_PACKET);
    assert_int_equal(fr.ev[2], RSP_EV_NAK);
    assert_int_equal(fr.len, 2);
    assert_memory_equal(fr.payload, "OK", 2);
    /* Upper-case checksum digits are accepted. */
    feed_all("$OK#9A", 6, 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_PACKET);
    /* Byte at a time: the same packet. */
    char buf[64];
    struct rsp_parser p;
    rsp_parser_init(&p, buf, sizeof buf);
    const char *w = "$m1000,4#8e";
    enum rsp_event ev = RSP_EV_NONE;
    for (size_t i = 0; i < strlen(w); i++) {
        assert_int_equal(ev, RSP_EV_NONE);
        assert_int_equal(rsp_parser_feed(&p, (const uint8_t *)w + i, 1, &ev), 1);
    }
    assert_int_equal(ev, RSP_EV_PACKET);
    assert_int_equal(p.len, 7);
    assert_int_equal(rsp_checksum("m1000,4", 7), 0x8e);
}

/* The bulk paths (16 bytes at a time where SSE2 is there) against the byte
   rule, every byte value, every length and offset around the 16-byte step. */
static void test_hex_and_checksum_bulk(void **state)
{
    (void)state;
    static const char digits[] = "0123456789abcdef";
    uint8_t in[300];
    for (unsigned i = 0; i < sizeof in; i++)
        in[i] = (uint8_t)(i * 157u + 11u); /* every value within 256 bytes */
    char hex[2 * sizeof in];
    for (size_t off = 0; off < 17; off++)
        for (size_t n = 0; off + n <= sizeof in; n += (n < 40 ? 1 : 13)) {
            assert_int_equal(rsp_hex_encode(in + off, n, hex), 2 * n);
            unsigned sum = 0;
            for (size_t i = 0; i < n; i++) {
                if (hex[2 * i] != digits[in[off + i] >> 4] ||
                    hex[2 * i + 1] != digits[in[off + i] & 15])
                    fail_msg("byte %zu of %zu at offset %zu (0x%02x) encoded as %.2s", i, n,
                             off, in[off + i], hex + 2 * i);
                sum += in[off + i];
            }
            assert_int_equal(rsp_checksum(in + off, n), (uint8_t)sum);
        }
}

static void test_frame_checksum_and_junk(void **state)
{
    (void)state;
    struct feed_result fr;
    feed_all("$OK#00", 6, 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_BAD_CHECKSUM);
    feed_all("$OK#zz", 6, 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_MALFORMED);
    /* Notifications and the interrupt byte. */
    feed_all("%Stop:T05#XX", 12, 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_MALFORMED);
    char wire[64];
    size_t n = rsp_frame(wire, sizeof wire, "Stop:T05", 8);
    wire[0] = '%';
    feed_all(wire, n, 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_NOTIFY);
    feed_all("\x03", 1, 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_INTERRUPT);
    /* Junk before a packet is counted and kept for the sentence. */
    char buf[64];
    struct rsp_parser p;
    rsp_parser_init(&p, buf, sizeof buf);
    enum rsp_event ev;
    const char *http = "HTTP/1.1 400 Bad Request\r\n$OK#9a";
    size_t used = rsp_parser_feed(&p, (const uint8_t *)http, strlen(http), &ev);
    assert_int_equal(ev, RSP_EV_PACKET);
    assert_int_equal(used, strlen(http));
    assert_int_equal(p.junk, 26);
    assert_true(strncmp(p.junk_head, "HTTP/1.1", 8) == 0);
    /* A '$' inside a packet starts a new one. */
    feed_all("$abc$OK#9a", 10, 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_PACKET);
    assert_memory_equal(fr.payload, "OK", 2);
}

/* Frame payload with the checksum of the raw (compressed) bytes. */
static size_t frame_raw(char *dst, const char *raw)
{
    return rsp_frame(dst, 4096, raw, strlen(raw));
}

static void test_rle(void **state)
{
    (void)state;
    char wire[4096];
    struct feed_result fr;
    /* "0* " = '0' and 3 more: gdbserver's form for runs. */
    feed_all(wire, frame_raw(wire, "0* "), 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_PACKET);
    assert_int_equal(fr.len, 4);
    assert_memory_equal(fr.payload, "0000", 4);
    /* The largest count '~': 97 more. */
    feed_all(wire, frame_raw(wire, "a*~b"), 256, &fr);
    assert_int_equal(fr.len, 99);
    assert_int_equal(fr.payload[97], 'a');
    assert_int_equal(fr.payload[98], 'b');
    /* The count byte may be '*' itself (13 more) or '}' (96 more). */
    feed_all(wire, frame_raw(wire, "x**"), 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_PACKET);
    assert_int_equal(fr.len, 14);
    feed_all(wire, frame_raw(wire, "x*}"), 256, &fr);
    assert_int_equal(fr.len, 97);
    /* Expansion comes before unescaping: "}]*!" is "}]" + 4 more ']'
       raw, i.e. '}' ']' ']' ']' ']' ']' (the escape takes the first). */
    feed_all(wire, frame_raw(wire, "}]*!"), 64, &fr);
    assert_int_equal(fr.len, 6);
    uint8_t bytes[8];
    size_t got;
    assert_true(rsp_unescape(fr.payload, fr.len, bytes, sizeof bytes, &got));
    assert_int_equal(got, 5);
    assert_memory_equal(bytes, "}]]]]", 5);
    /* Nothing to repeat, a count below ' ', a run past the buffer. */
    feed_all(wire, frame_raw(wire, "* "), 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_MALFORMED);
    feed_all("$a*\x01#00", 7, 64, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_MALFORMED);
    feed_all(wire, frame_raw(wire, "a*~"), 50, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_TOO_LONG);
}

static void test_too_long(void **state)
{
    (void)state;
    char wire[300];
    char payload[200];
    memset(payload, '5', sizeof payload);
    size_t n = rsp_frame(wire, sizeof wire, payload, sizeof payload);
    struct feed_result fr;
    feed_all(wire, n, 200, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_PACKET);
    feed_all(wire, n, 199, &fr);
    assert_int_equal(fr.ev[0], RSP_EV_TOO_LONG);
}

static void test_classify(void **state)
{
    (void)state;
    assert_true(rsp_is_output("O48690a", 7));
    assert_false(rsp_is_output("OK", 2));
    assert_false(rsp_is_output("O4869", 5) && false);
    assert_false(rsp_is_output("O486", 4)); /* odd digit count */
    assert_true(rsp_is_error("E01", 3));
    assert_true(rsp_is_error("E.no such thing", 15));
    assert_true(rsp_is_error("E08;6572726f72", 14));
    assert_false(rsp_is_error("E0", 2));
    assert_false(rsp_is_error("E0123", 5)); /* hex data, not an error */
    assert_false(rsp_is_error("", 0));
}

/* ---- a connection over a socketpair --------------------------------------------- */

struct peer {
    int fd;
    const char *script; /* bytes the peer sends after reading one request */
    size_t len;
    int delay_ms;
    char got[256];      /* what it read */
    ssize_t got_len;
};

static void *peer_main(void *arg)
{
    struct peer *pe = arg;
    pe->got_len = read(pe->fd, pe->got, sizeof pe->got);
    if (pe->delay_ms)
        usleep((useconds_t)pe->delay_ms * 1000);
    if (pe->len && write(pe->fd, pe->script, pe->len) < 0)
        pe->got_len = -1;
    return NULL;
}

/* A connection whose other end sends script after the first request. */
static void conn_with_peer(struct rsp_conn *c, struct peer *pe, pthread_t *th, bool no_ack,
                           int timeout_ms)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    memset(c, 0, sizeof *c);
    c->fd = sv[0];
    c->no_ack = no_ack;
    c->timeout_ms = timeout_ms;
    snprintf(c->where, sizeof c->where, "socketpair");
    assert_int_equal(rsp_set_reply_cap(c, 512), RSP_OK);
    rsp_parser_init(&c->parser, c->reply, c->reply_cap);
    pe->fd = sv[1];
    assert_int_equal(pthread_create(th, NULL, peer_main, pe), 0);
}

static void end_peer(struct rsp_conn *c, struct peer *pe, pthread_t th)
{
    pthread_join(th, NULL);
    close(pe->fd);
    rsp_close(c);
}

static void test_conn_ack_mode(void **state)
{
    (void)state;
    /* The request is acked, the reply follows; we ack the reply. */
    static const char script[] = "+$OK#9a";
    struct peer pe = { .script = script, .len = sizeof script - 1 };
    struct rsp_conn c;
    pthread_t th;
    conn_with_peer(&c, &pe, &th, false, 2000);
    const char *r;
    size_t n;
    assert_int_equal(rsp_requests(&c, "QStartNoAckMode", &r, &n), RSP_OK);
    assert_int_equal(n, 2);
    assert_memory_equal(r, "OK", 2);
    pthread_join(th, NULL);
    char ack[4];
    assert_int_equal(read(pe.fd, ack, sizeof ack), 1); /* our '+' for the reply */
    assert_int_equal(ack[0], '+');
    close(pe.fd);
    rsp_close(&c);
    assert_true(pe.got_len > 0 && memcmp(pe.got, "$QStartNoAckMode#b0", 19) == 0);
}

static void test_conn_skips_output(void **state)
{
    (void)state;
    /* Console output and a notification before the reply are skipped. */
    char script[128];
    size_t n = 0;
    n += rsp_frame(script + n, sizeof script - n, "O48690a", 7);
    size_t k = rsp_frame(script + n, sizeof script - n, "Stop:T05", 8);
    script[n] = '%';
    n += k;
    n += rsp_frame(script + n, sizeof script - n, "OK", 2);
    struct peer pe = { .script = script, .len = n };
    struct rsp_conn c;
    pthread_t th;
    conn_with_peer(&c, &pe, &th, true, 2000);
    const char *r;
    size_t rn;
    assert_int_equal(rsp_requests(&c, "qRcmd,6869", &r, &rn), RSP_OK);
    assert_int_equal(rn, 2);
    assert_memory_equal(r, "OK", 2);
    assert_int_equal(c.skipped_output, 1);
    end_peer(&c, &pe, th);
}

static void test_conn_timeout(void **state)
{
    (void)state;
    struct peer pe = { .script = NULL, .len = 0 };
    struct rsp_conn c;
    pthread_t th;
    conn_with_peer(&c, &pe, &th, true, 100);
    const char *r;
    size_t n;
    assert_int_equal(rsp_requests(&c, "?", &r, &n), RSP_ERR_TIMEOUT);
    assert_non_null(strstr(c.err, "100 ms"));
    /* The stream cannot be trusted after a timeout. */
    assert_true(c.broken);
    assert_int_equal(rsp_requests(&c, "?", &r, &n), RSP_ERR_IO);
    end_peer(&c, &pe, th);
}

static void test_conn_closed_and_junk(void **state)
{
    (void)state;
    static const char http[] = "HTTP/1.1 400 Bad Request\r\n\r\n";
    struct peer pe = { .script = http, .len = sizeof http - 1 };
    struct rsp_conn c;
    pthread_t th;
    conn_with_peer(&c, &pe, &th, true, 2000);
    assert_int_equal(rsp_send(&c, "?", 1), RSP_OK);
    pthread_join(th, NULL);
    close(pe.fd); /* closes after the junk */
    const char *r;
    size_t n;
    assert_int_equal(rsp_recv(&c, &r, &n), RSP_ERR_IO);
    assert_non_null(strstr(c.err, "closed"));
    assert_non_null(strstr(c.err, "HTTP/1.1"));
    rsp_close(&c);
}

static void test_conn_too_long_and_bad_checksum(void **state)
{
    (void)state;
    char script[1200];
    char big[600];
    memset(big, 'a', sizeof big);
    size_t n = rsp_frame(script, sizeof script, big, sizeof big);
    struct peer pe = { .script = script, .len = n };
    struct rsp_conn c;
    pthread_t th;
    conn_with_peer(&c, &pe, &th, true, 2000);
    const char *r;
    size_t rn;
    assert_int_equal(rsp_requests(&c, "m0,300", &r, &rn), RSP_ERR_TOO_LONG);
    assert_non_null(strstr(c.err, "longer than 512"));
    end_peer(&c, &pe, th);

    static const char bad[] = "$OK#00";
    struct peer pe2 = { .script = bad, .len = sizeof bad - 1 };
    conn_with_peer(&c, &pe2, &th, true, 2000);
    assert_int_equal(rsp_requests(&c, "?", &r, &rn), RSP_ERR_PROTOCOL);
    assert_non_null(strstr(c.err, "checksum"));
    end_peer(&c, &pe2, th);
}

static void test_conn_output_flood(void **state)
{
    (void)state;
    /* More O packets than a reply may hide behind: an error, not a hang. */
    size_t one = 11, count = RSP_MAX_SKIPPED_PACKETS + 10;
    char *script = malloc(one * count);
    assert_non_null(script);
    /* Frames back to back (anything between them would be junk). */
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        n += rsp_frame(script + n, one * count - n, "O4142", 5);
    struct peer pe = { .script = script, .len = n };
    struct rsp_conn c;
    pthread_t th;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    memset(&c, 0, sizeof c);
    c.fd = sv[0];
    c.no_ack = true;
    c.timeout_ms = 5000;
    assert_int_equal(rsp_set_reply_cap(&c, 512), RSP_OK);
    rsp_parser_init(&c.parser, c.reply, c.reply_cap);
    pe.fd = sv[1];
    assert_int_equal(pthread_create(&th, NULL, peer_main, &pe), 0);
    const char *r;
    size_t rn;
    assert_int_equal(rsp_requests(&c, "qRcmd,00", &r, &rn), RSP_ERR_PROTOCOL);
    assert_non_null(strstr(c.err, "console-output"));
    close(sv[0]); /* the peer may still be writing: let it fail */
    c.fd = -1;
    pthread_join(th, NULL);
    close(pe.fd);
    rsp_close(&c);
    free(script);
}

/* ---- addresses -------------------------------------------------------------------- */

static void test_connect_specs(void **state)
{
    (void)state;
    struct rsp_conn c;
    static const char *bad[] = { "nohostport", "host:", ":1234", "h:0", "h:65536", "h:12x",
                                 "::1:1234", "[::1]1234", "unix:", NULL };
    for (int i = 0; bad[i]; i++) {
        assert_int_equal(rsp_connect(&c, bad[i], 500, 1024), RSP_ERR_ARG);
        assert_true(c.err[0] != '\0');
        rsp_close(&c);
    }
    /* A port nobody listens on: refused at once, with the errno text. */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001) };
    assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
    socklen_t len = sizeof sin;
    getsockname(fd, (struct sockaddr *)&sin, &len);
    char spec[64];
    snprintf(spec, sizeof spec, "127.0.0.1:%u", ntohs(sin.sin_port));
    close(fd);
    assert_int_equal(rsp_connect(&c, spec, 2000, 1024), RSP_ERR_IO);
    assert_non_null(strstr(c.err, "refused"));
    rsp_close(&c);
    assert_int_equal(rsp_connect(&c, "unix:/nonexistent/sock", 2000, 1024), RSP_ERR_IO);
    assert_non_null(strstr(c.err, "No such file"));
    rsp_close(&c);
}

/* [V6]:PORT and unix:PATH reach listeners of their kind; TCP gets
   TCP_NODELAY. A machine without IPv6 loopback fails the v6 half with
   its reason, not silently. */
static void test_connect_kinds(void **state)
{
    (void)state;
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    if (bind(fd, (struct sockaddr *)&sin6, sizeof sin6) < 0)
        fail_msg("no IPv6 loopback here: %s", strerror(errno));
    assert_int_equal(listen(fd, 1), 0);
    socklen_t len = sizeof sin6;
    getsockname(fd, (struct sockaddr *)&sin6, &len);
    char spec[64];
    snprintf(spec, sizeof spec, "[::1]:%u", ntohs(sin6.sin6_port));
    struct rsp_conn c;
    assert_int_equal(rsp_connect(&c, spec, 2000, 1024), RSP_OK);
    int nodelay = 0;
    socklen_t olen = sizeof nodelay;
    assert_int_equal(getsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &olen), 0);
    assert_true(nodelay != 0);
    rsp_close(&c);
    close(fd);

    char path[48], uspec[64];
    snprintf(path, sizeof path, "/tmp/ds-test-rsp-%d.sock", (int)getpid());
    unlink(path);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    strcpy(sun.sun_path, path);
    assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof sun), 0);
    assert_int_equal(listen(fd, 1), 0);
    snprintf(uspec, sizeof uspec, "unix:%s", path);
    assert_int_equal(rsp_connect(&c, uspec, 2000, 1024), RSP_OK);
    assert_string_equal(c.where, uspec);
    rsp_close(&c);
    close(fd);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_hex_and_checksum_bulk),
        cmocka_unit_test(test_escape_roundtrip),
        cmocka_unit_test(test_escape_bounds),
        cmocka_unit_test(test_frame_roundtrip),
        cmocka_unit_test(test_frame_checksum_and_junk),
        cmocka_unit_test(test_rle),
        cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_classify),
        cmocka_unit_test(test_conn_ack_mode),
        cmocka_unit_test(test_conn_skips_output),
        cmocka_unit_test(test_conn_timeout),
        cmocka_unit_test(test_conn_closed_and_junk),
        cmocka_unit_test(test_conn_too_long_and_bad_checksum),
        cmocka_unit_test(test_conn_output_flood),
        cmocka_unit_test(test_connect_specs),
        cmocka_unit_test(test_connect_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
