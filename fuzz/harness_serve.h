/*
 * harness_serve.h — hostile clients of the GDB remote stub (ds_serve), for
 * fuzz_serve.c and tests/test_corpus_serve.c. An input is everything a
 * client says. Two passes over a small x64 minidump the harness writes
 * itself (one thread with a context, one page of memory at 0x10000):
 *
 *   1. the packet handler alone: each '\n'-separated line of the input is a
 *      request payload; the reply must fit SERVE_REPLY_CAP;
 *   2. the whole session: a thread writes the input into one end of a
 *      socket pair (and drains the replies), serve_run_session serves the
 *      other end until the input ends or it closes the connection.
 *
 * Static, included once per program.
 */
#ifndef DS_FUZZ_HARNESS_SERVE_H
#define DS_FUZZ_HARNESS_SERVE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dataspaces/dataspaces.h"
#include "serve/serve.h"

#ifndef DS_FUZZ_FAIL
#define DS_FUZZ_FAIL(...)                                   \
    do {                                                    \
        fprintf(stderr, "dataspaces fuzz: " __VA_ARGS__);   \
        fputc('\n', stderr);                                \
        abort();                                            \
    } while (0)
#endif

static void ds_fuzz_serve_put32(uint8_t *at, uint32_t v) { memcpy(at, &v, 4); }
static void ds_fuzz_serve_put64(uint8_t *at, uint64_t v) { memcpy(at, &v, 8); }

/* The minidump: header, 3 streams (SystemInfo, ThreadList, MemoryList), a
   CONTEXT, 4096 bytes of memory. Opened once per process. */
static ds_target *ds_fuzz_serve_target(void)
{
    static ds_target *t;
    if (t)
        return t;
    enum { DIR = 32, SYS = 68, THR = 124, CTX = 176, MEM = CTX + 1232, DATA = MEM + 20,
           TOTAL = DATA + 4096 };
    static uint8_t f[TOTAL];
    ds_fuzz_serve_put32(f, 0x504d444d);   /* MDMP */
    ds_fuzz_serve_put32(f + 4, 0xa793);
    ds_fuzz_serve_put32(f + 8, 3);
    ds_fuzz_serve_put32(f + 12, DIR);
    const uint32_t dir[3][3] = {{7, 56, SYS}, {3, 52, THR}, {5, 20, MEM}};
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 3; k++)
            ds_fuzz_serve_put32(f + DIR + 12 * i + 4 * k, dir[i][k]);
    f[SYS] = 9;                                /* PROCESSOR_ARCHITECTURE_AMD64 */
    ds_fuzz_serve_put32(f + SYS + 20, 2);      /* VER_PLATFORM_WIN32_NT */
    ds_fuzz_serve_put32(f + THR, 1);
    ds_fuzz_serve_put32(f + THR + 4, 0x1234);  /* ThreadId */
    ds_fuzz_serve_put64(f + THR + 4 + 24, 0x10000); /* Stack */
    ds_fuzz_serve_put32(f + THR + 4 + 32, 4096);
    ds_fuzz_serve_put32(f + THR + 4 + 36, DATA);
    ds_fuzz_serve_put32(f + THR + 4 + 40, 1232); /* ThreadContext */
    ds_fuzz_serve_put32(f + THR + 4 + 44, CTX);
    ds_fuzz_serve_put32(f + CTX + 0x30, 0x10000b);
    ds_fuzz_serve_put64(f + CTX + 0x98, 0x10800);  /* Rsp */
    ds_fuzz_serve_put64(f + CTX + 0xf8, 0x401000); /* Rip */
    ds_fuzz_serve_put32(f + MEM, 1);
    ds_fuzz_serve_put64(f + MEM + 4, 0x10000);
    ds_fuzz_serve_put32(f + MEM + 12, 4096);
    ds_fuzz_serve_put32(f + MEM + 16, DATA);
    for (int i = 0; i < 4096; i++)
        f[DATA + i] = (uint8_t)(i * 13 + (i >> 8));
    char path[] = "/tmp/ds_fuzz_serve_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, f, sizeof f) != (ssize_t)sizeof f)
        DS_FUZZ_FAIL("cannot write the stub's minidump %s", path);
    close(fd);
    if (FAILED(ds_open_dump(path, 0, &t)))
        DS_FUZZ_FAIL("cannot open the stub's minidump: %s", ds_error_text(NULL));
    unlink(path);
    return t;
}

struct ds_fuzz_serve_client {
    int fd;
    const uint8_t *data;
    size_t size;
};

static void *ds_fuzz_serve_client(void *arg)
{
    struct ds_fuzz_serve_client *c = arg;
    size_t off = 0;
    while (off < c->size) {
        ssize_t w = send(c->fd, c->data + off, c->size - off, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    shutdown(c->fd, SHUT_WR);
    return NULL;
}

/* Reads the stub's replies until it closes, so that it never blocks. */
static void *ds_fuzz_serve_drain(void *arg)
{
    int fd = *(int *)arg;
    char buf[65536];
    while (recv(fd, buf, sizeof buf, 0) > 0)
        ;
    return NULL;
}

static int ds_fuzz_serve(const uint8_t *data, size_t size)
{
    ds_target *t = ds_fuzz_serve_target();
    static char reply[SERVE_REPLY_CAP + 1];

    /* Pass 1: each line a request. */
    struct serve_session s;
    serve_session_init(&s, t);
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        size_t got = serve_handle_packet(&s, p, n, reply);
        if (got > SERVE_REPLY_CAP)
            DS_FUZZ_FAIL("a reply of %zu bytes (the cap is %u)", got, SERVE_REPLY_CAP);
        p += n + 1;
    }
    serve_session_release(&s);

    /* Pass 2: the whole session over a socket pair: one thread writes the
       input, one drains the replies, this one serves. */
    int sv[2], stop[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || pipe(stop) < 0)
        DS_FUZZ_FAIL("no socket pair");
    struct ds_fuzz_serve_client c = {sv[0], data, size};
    pthread_t th, drain;
    pthread_create(&th, NULL, ds_fuzz_serve_client, &c);
    pthread_create(&drain, NULL, ds_fuzz_serve_drain, &sv[0]);
    char why[384];
    serve_run_session(t, sv[1], stop[0], NULL, NULL, why, sizeof why);
    shutdown(sv[1], SHUT_RDWR);
    pthread_join(th, NULL);
    pthread_join(drain, NULL);
    close(sv[1]);
    close(sv[0]);
    close(stop[0]);
    close(stop[1]);
    return 0;
}

#endif /* DS_FUZZ_HARNESS_SERVE_H */
