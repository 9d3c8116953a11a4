/*
 * harness_rsp.h — hostile GDB remote-protocol servers, for fuzz_rsp.c and
 * tests/test_corpus_rsp.c. An input is everything a server says, byte for
 * byte, whatever it is asked. Two passes:
 *
 *   1. the packet layer alone: the input fed to the frame parser in pieces
 *      of varying size (taken from the input), a small payload limit, every
 *      payload through the reply decoders (error / output classification,
 *      hex, unescaping, numbers), checking their bounds;
 *   2. the whole backend: a thread serves the input on a Unix socket
 *      (then closes its side) and the library connects to it with a short
 *      timeout; when the open succeeds the target is read, queried,
 *      searched and written like any other. Every failure must leave a
 *      sentence; nothing may hang (the timeout bounds each reply) or grow
 *      with the input beyond the packet limit.
 *
 * Static, included once per program (as harness.h).
 */
#ifndef DS_FUZZ_HARNESS_RSP_H
#define DS_FUZZ_HARNESS_RSP_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dataspaces/dataspaces.h"
#include "rsp/rsp.h"

#ifndef DS_FUZZ_FAIL
#define DS_FUZZ_FAIL(...)                                   \
    do {                                                    \
        fprintf(stderr, "dataspaces fuzz: " __VA_ARGS__);   \
        fputc('\n', stderr);                                \
        abort();                                            \
    } while (0)
#endif
#ifndef DS_FUZZ_CHECK
#define DS_FUZZ_CHECK(cond, ...)       \
    do {                               \
        if (!(cond))                   \
            DS_FUZZ_FAIL(__VA_ARGS__); \
    } while (0)
#endif

/* ---- pass 1: the packet layer ------------------------------------------------- */

static void ds_fuzz_rsp_payload(const char *p, size_t n)
{
    uint8_t out[600];
    size_t got = 0;
    bool ok = rsp_unescape(p, n, out, sizeof out, &got);
    DS_FUZZ_CHECK(got <= sizeof out && (!ok || got <= n), "unescape wrote %zu of %zu", got, n);
    if (n % 2 == 0 && n / 2 <= sizeof out)
        (void)rsp_hex_decode(p, n, out);
    (void)rsp_is_error(p, n);
    (void)rsp_is_output(p, n);
    const char *s = p, *end = p + n;
    uint64_t v;
    while (s < end) {
        const char *before = s;
        if (!rsp_scan_hex_u64(&s, end, &v))
            s++;
        DS_FUZZ_CHECK(s > before && s <= end, "scan did not move");
    }
}

static void ds_fuzz_rsp_frames(const uint8_t *data, size_t size)
{
    char buf[512];
    struct rsp_parser p;
    rsp_parser_init(&p, buf, sizeof buf);
    size_t off = 0;
    unsigned step = size ? data[0] % 17 + 1 : 1;
    while (off < size) {
        size_t piece = size - off < step ? size - off : step;
        enum rsp_event ev;
        size_t used = rsp_parser_feed(&p, data + off, piece, &ev);
        DS_FUZZ_CHECK(used <= piece && (used > 0 || piece == 0), "parser consumed %zu of %zu",
                      used, piece);
        DS_FUZZ_CHECK(p.len <= p.cap, "payload %zu over its limit %zu", p.len, p.cap);
        if (ev == RSP_EV_PACKET || ev == RSP_EV_NOTIFY)
            ds_fuzz_rsp_payload(p.buf, p.len);
        off += used;
        step = step % 23 + 1;
    }
}

/* ---- pass 2: the backend behind a socket -------------------------------------- */

struct ds_fuzz_rsp_server {
    int listen_fd;
    const uint8_t *data;
    size_t size;
};

static void *ds_fuzz_rsp_serve(void *arg)
{
    struct ds_fuzz_rsp_server *s = arg;
    int fd = accept(s->listen_fd, NULL, NULL);
    if (fd < 0)
        return NULL;
    size_t off = 0;
    while (off < s->size) {
        ssize_t w = send(fd, s->data + off, s->size - off, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    shutdown(fd, SHUT_WR);
    char sink[4096];
    while (read(fd, sink, sizeof sink) > 0) /* until the client closes */
        ;
    close(fd);
    return NULL;
}

static void ds_fuzz_rsp_use(ds_target *t)
{
    uint8_t buf[20000];
    uint32_t got = 0;
    static const uint64_t at[] = { 0x1000, 0x10000, 0x7fff0000, 0 };
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        HRESULT hr = ds_read_virtual(t, at[i], buf, (uint32_t)(i * 6000 + 16), &got);
        DS_FUZZ_CHECK(got <= i * 6000 + 16, "read reports %u bytes", got);
        DS_FUZZ_CHECK(SUCCEEDED(hr) || strlen(ds_error_text(t)) > 0, "a failure without a sentence");
    }
    MEMORY_BASIC_INFORMATION64 mbi;
    uint64_t a = 0;
    for (int i = 0; i < 8 && ds_query_virtual(t, a, &mbi) == S_OK; i++) {
        DS_FUZZ_CHECK(mbi.RegionSize > 0, "an empty region");
        if (mbi.BaseAddress + mbi.RegionSize <= a)
            break;
        a = mbi.BaseAddress + mbi.RegionSize;
    }
    uint64_t match;
    (void)ds_search_virtual(t, 0x10000, 0x10000, "ab", 2, 1, &match);
    (void)ds_write_virtual(t, 0x10000, "$#}*", 4, &got);
    (void)ds_read_physical(t, 0x1000, buf, 64, &got);
}

static int ds_fuzz_rsp(const uint8_t *data, size_t size)
{
    ds_fuzz_rsp_frames(data, size);

    struct ds_fuzz_rsp_server s = { .data = data, .size = size };
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    static unsigned serial;
    snprintf(sun.sun_path, sizeof sun.sun_path, "/tmp/ds-fuzz-rsp-%d-%u", (int)getpid(),
             serial++);
    unlink(sun.sun_path);
    s.listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s.listen_fd < 0)
        return 0;
    if (bind(s.listen_fd, (struct sockaddr *)&sun, sizeof sun) < 0 || listen(s.listen_fd, 1) < 0) {
        close(s.listen_fd);
        return 0;
    }
    pthread_t th;
    if (pthread_create(&th, NULL, ds_fuzz_rsp_serve, &s) != 0) {
        close(s.listen_fd);
        unlink(sun.sun_path);
        return 0;
    }
    char spec[160];
    snprintf(spec, sizeof spec, "gdb:unix:%s,timeout=200,window=4", sun.sun_path);
    ds_target *t = NULL;
    HRESULT hr = ds_open(spec, 0, &t);
    if (getenv("DS_FUZZ_VERBOSE")) /* which inputs reach past the open */
        fprintf(stderr, "ds_open: 0x%x %s\n", (unsigned)hr,
                hr == S_OK ? ds_open_notes(t) : ds_error_text(NULL));
    if (hr == S_OK) {
        DS_FUZZ_CHECK(t != NULL, "S_OK without a target");
        ds_fuzz_rsp_use(t);
        ds_close(t);
    } else {
        DS_FUZZ_CHECK(t == NULL, "a failed open returned a target");
        DS_FUZZ_CHECK(strcmp(ds_error_text(NULL), "no error") != 0, "a failed open without a sentence");
    }
    /* The server thread waits for our close; a client that never
       connected (a bad spec cannot happen here) would leave it in accept. */
    shutdown(s.listen_fd, SHUT_RDWR);
    pthread_join(th, NULL);
    close(s.listen_fd);
    unlink(sun.sun_path);
    return 0;
}

#endif /* DS_FUZZ_HARNESS_RSP_H */
