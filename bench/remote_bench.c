/*
 * remote_bench — row W9 (bench/README.md): our side of reading bench/target.c
 * through a GDB remote-protocol server, and the delay proxy that makes a
 * long link on loopback for both us and gdb.
 *
 *   remote_bench ours SPEC DATA BYTES HEAD NODES RUNS ROW_SUFFIX
 *       ds_connect(SPEC); W9b<suffix>: BYTES from DATA in 1 MiB ds_read_virtual
 *       calls, the cache flushed before each run; W9w<suffix>: the 100k-node
 *       walk, 16-byte reads, the cache flushed before each run. One untimed
 *       warm-up each (which checks every word, and every node's index), then
 *       RUNS timed runs; prints "R <row> ours <seconds>..." lines.
 *   remote_bench proxy UPSTREAM_PORT DELAY_MS
 *       forward 127.0.0.1:PORT (printed as "port=N") to UPSTREAM_PORT, each
 *       direction held DELAY_MS, until stdin ends.
 */
#include <dataspaces/dataspaces.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tests/lib/delay_proxy.h"

#define MiB (1u << 20)

static void die(const char *what, ds_target *t)
{
    fprintf(stderr, "remote_bench: %s: %s\n", what, ds_error_text(t));
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* target.c's word k: splitmix64 of k with every byte's top bit clear. */
static uint64_t expected_word(uint64_t k)
{
    uint64_t x = k + 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    return (x ^ (x >> 31)) & 0x7f7f7f7f7f7f7f7fu;
}

static double bulk(ds_target *t, uint64_t data, uint64_t bytes, uint8_t *buf, int check)
{
    if (FAILED(ds_cache_flush(t)))
        die("cache flush", t);
    double t0 = now();
    for (uint64_t off = 0; off < bytes; off += MiB) {
        uint32_t got = 0;
        if (ds_read_virtual(t, data + off, buf, MiB, &got) != S_OK || got != MiB)
            die("W9 bulk read", t);
        if (check)
            for (uint64_t i = 0; i < MiB / 8; i++) {
                uint64_t w;
                memcpy(&w, buf + 8 * i, 8);
                if (w != expected_word(off / 8 + i)) {
                    fprintf(stderr, "remote_bench: word %" PRIu64 " is wrong\n", off / 8 + i);
                    exit(1);
                }
            }
    }
    return now() - t0;
}

static double walk(ds_target *t, uint64_t head, uint64_t nodes)
{
    if (FAILED(ds_cache_flush(t)))
        die("cache flush", t);
    double t0 = now();
    uint64_t node = head, k = 0;
    while (node && k <= nodes) {
        uint64_t v[2];
        uint32_t got = 0;
        if (ds_read_virtual(t, node, v, 16, &got) != S_OK || got != 16)
            die("W9 walk read", t);
        if (v[1] != k) {
            fprintf(stderr, "remote_bench: node %" PRIu64 " holds %" PRIu64 "\n", k, v[1]);
            exit(1);
        }
        node = v[0];
        k++;
    }
    double dt = now() - t0;
    if (k != nodes) {
        fprintf(stderr, "remote_bench: walked %" PRIu64 " nodes of %" PRIu64 "\n", k, nodes);
        exit(1);
    }
    return dt;
}

static int ours(char **argv)
{
    const char *spec = argv[0], *suffix = argv[6];
    uint64_t data = strtoull(argv[1], NULL, 0), bytes = strtoull(argv[2], NULL, 0);
    uint64_t head = strtoull(argv[3], NULL, 0), nodes = strtoull(argv[4], NULL, 0);
    int runs = atoi(argv[5]);
    ds_target *t = NULL;
    if (ds_connect(spec, 0, &t) != S_OK)
        die(spec, NULL);
    uint8_t *buf = malloc(MiB);
    if (!buf)
        return 1;
    printf("R W9b%s ours", suffix);
    bulk(t, data, bytes, buf, 1);
    for (int i = 0; i < runs; i++)
        printf(" %.9g", bulk(t, data, bytes, buf, 0));
    printf("\nR W9w%s ours", suffix);
    walk(t, head, nodes);
    for (int i = 0; i < runs; i++)
        printf(" %.9g", walk(t, head, nodes));
    printf("\n");
    free(buf);
    ds_close(t);
    return 0;
}

static int proxy(char **argv)
{
    struct delay_proxy *p = delay_proxy_start(atoi(argv[0]), atoi(argv[1]), NULL);
    if (!p) {
        perror("remote_bench: proxy");
        return 1;
    }
    printf("port=%d\n", delay_proxy_port(p));
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin))
        ;
    delay_proxy_stop(p);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 9 && strcmp(argv[1], "ours") == 0)
        return ours(argv + 2);
    if (argc == 4 && strcmp(argv[1], "proxy") == 0)
        return proxy(argv + 2);
    fprintf(stderr, "usage: remote_bench ours SPEC DATA BYTES HEAD NODES RUNS SUFFIX\n"
                    "       remote_bench proxy UPSTREAM_PORT DELAY_MS\n");
    return 2;
}
